import type { AppContext } from '../../context.js';
import { estateName } from '../../db/repos/places.js';
import type { Actor } from '../../policies/actor.js';
import { presentBinderCover, presentDayRegister, presentHotlineDailyForm, presentQuarterlyForm } from '../../presenters/print/report-forms.js';
import { hotlineDaily } from '../hotline/daily-report.js';
import { dailyReview } from './daily.js';
import { monthlyReport, quarterlyReport } from './monthly.js';

/**
 * The printed forms of the reports (issue 12 item 4): each is the same answer as its JSON report,
 * with the same readers (the report's own checks run first), laid out as the paper form.
 */
export async function printBinderCover(ctx: AppContext, actor: Actor, estateId: string, month?: string) {
  const r = await monthlyReport(ctx, actor, estateId, month);
  return presentBinderCover((await estateName(ctx.database.db, estateId)) ?? '', r);
}

export async function printQuarterly(ctx: AppContext, actor: Actor, estateId: string, quarter?: string) {
  const q = await quarterlyReport(ctx, actor, estateId, quarter);
  return presentQuarterlyForm((await estateName(ctx.database.db, estateId)) ?? '', q);
}

export async function printDayRegister(ctx: AppContext, actor: Actor, estateId: string, day?: string) {
  const d = await dailyReview(ctx, actor, estateId, day);
  return presentDayRegister((await estateName(ctx.database.db, estateId)) ?? '', d);
}

export async function printHotlineDaily(ctx: AppContext, actor: Actor, day?: string) {
  return presentHotlineDailyForm(await hotlineDaily(ctx, actor, day));
}
