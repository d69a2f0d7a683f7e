import type { AppContext } from '../../context.js';
import { casePhones } from '../../db/repos/case-rows.js';
import { estateName, unitCodes } from '../../db/repos/places.js';
import { returnVisitRegister } from '../../db/repos/return-visits.js';
import { beijingMonth, monthBounds } from '../../domain/beijing-day.js';
import { type Actor, isStaffIn } from '../../policies/actor.js';
import { authorize } from '../../policies/policy.js';
import { printFormPolicy } from '../../policies/print-forms.js';
import { presentBinderCover, presentDayRegister, presentHotlineDailyForm, presentQuarterlyForm, presentReturnVisitRegister } from '../../presenters/print/report-forms.js';
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
  const all = [...d.opened, ...d.closed];
  const unitIds = all.flatMap((c) => (c.unitId ? [c.unitId] : []));
  const db = ctx.database.db;
  const [name, codes, phones] = await Promise.all([estateName(db, estateId), unitCodes(db, estateId, unitIds), casePhones(db, estateId, all.map((c) => c.id))]);
  return presentDayRegister(name ?? '', d, codes, phones);
}

export async function printHotlineDaily(ctx: AppContext, actor: Actor, day?: string) {
  return presentHotlineDailyForm(await hotlineDaily(ctx, actor, day));
}

/** 回访记录表 for a month (default this Beijing month). @throws 404 other estate, 403 roles that do not visit */
export async function printReturnVisits(ctx: AppContext, actor: Actor, estateId: string, month?: string) {
  authorize(printFormPolicy, actor, 'print_return_visits', { estateId }, isStaffIn(actor, estateId));
  const m = month ?? beijingMonth(ctx.clock.now());
  const { from, to } = monthBounds(m);
  const [name, rows] = await Promise.all([estateName(ctx.database.db, estateId), returnVisitRegister(ctx.database.db, estateId, from, to)]);
  return presentReturnVisitRegister(name ?? '', m, rows);
}
