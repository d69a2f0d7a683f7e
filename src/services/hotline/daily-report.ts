import type { AppContext } from '../../context.js';
import { callsBetween, openDossiersWithLatest } from '../../db/repos/hotline.js';
import { beijingDay, beijingMinute, dayBounds } from '../../domain/beijing-day.js';
import { DOSSIER_STATUS_LABELS, type DossierStatus, dossierAlerts } from '../../domain/hotline.js';
import { maskPhone } from '../../domain/personal-data.js';
import { csvDocument } from '../../domain/spreadsheet-cell.js';
import { forbidden } from '../../errors.js';
import type { Actor } from '../../policies/actor.js';

const STEP_LABELS: Record<string, string> = {
  'dossier.opened': '登记档案',
  'dossier.set_measures': '确定措施和责任人',
  'dossier.first_visit': '首次回访',
  'dossier.resolve': '问题解决',
  'dossier.second_visit': '二次回访',
  'dossier.escalated': '书面上报',
  'dossier.follow_up': '热线跟进',
};

/** The group's hotline desk reads the daily report: the hotline and the quality office. */
const readsDaily = (actor: Actor) => actor.groupRoles.some((r) => r === 'hotline_officer' || r === 'quality_officer');

/**
 * 热线日报 (R-GM-5): the day's calls (routed back or dossier), every open dossier with its latest
 * step, the first visits overdue and the dossiers due to go up — what the officer follows daily.
 * @throws 403 for anyone but the hotline and the quality office
 */
export async function hotlineDaily(ctx: AppContext, actor: Actor, day?: string) {
  if (!readsDaily(actor)) throw forbidden('热线日报由总经理热线和品质管理部查看');
  const now = ctx.clock.now();
  const d = day ?? beijingDay(now);
  const { from, to } = dayBounds(d);
  const [calls, open] = await Promise.all([callsBetween(ctx.database.db, from, to), openDossiersWithLatest(ctx.database.db)]);
  const openRows = open.map((r) => {
    const alerts = dossierAlerts({ status: r.d.status as DossierStatus, firstVisitAt: r.d.firstVisitAt, firstVisitDueAt: r.d.firstVisitDueAt, escalateDueAt: r.d.escalateDueAt }, now);
    return {
      id: r.d.id,
      number: r.d.number,
      estateName: r.estateName,
      receivedAt: r.d.receivedAt.toISOString(),
      matter: r.d.matter,
      status: r.d.status,
      statusLabel: DOSSIER_STATUS_LABELS[r.d.status as DossierStatus],
      latest: r.latestAction ? { at: new Date(r.latestAt!).toISOString(), step: STEP_LABELS[r.latestAction] ?? r.latestAction } : null,
      escalatedAt: r.d.escalatedAt?.toISOString() ?? null,
      ...alerts,
    };
  });
  return {
    day: d,
    calls: calls.map((c) => ({ ...c, receivedAt: c.receivedAt.toISOString(), callerPhone: maskPhone(c.callerPhone), routedLabel: c.routed === 'back' ? '转回项目' : '建档' })),
    open: openRows,
    counts: {
      calls: calls.length,
      dossiers: calls.filter((c) => c.routed === 'dossier').length,
      routedBack: calls.filter((c) => c.routed === 'back').length,
      open: openRows.length,
      firstVisitOverdue: openRows.filter((r) => r.firstVisitOverdue).length,
      escalationDue: openRows.filter((r) => r.escalationDue || r.escalatedAt).length,
    },
  };
}

/** The same report as one CSV file: the day's calls, then the open dossiers. */
export function hotlineDailyCsv(report: Awaited<ReturnType<typeof hotlineDaily>>): string {
  return csvDocument([
    [`热线日报 ${report.day}`],
    ['来电', report.counts.calls, '建档', report.counts.dossiers, '转回项目', report.counts.routedBack, '未结案', report.counts.open, '首次回访超时', report.counts.firstVisitOverdue, '超期上报', report.counts.escalationDue],
    [],
    ['当日来电'],
    ['时间', '项目', '房号', '来电人', '电话', '事项', '处理', '档案号'],
    ...report.calls.map((c) => [beijingMinute(c.receivedAt), c.estateName, c.unitCode, c.callerName, c.callerPhone, c.matter, c.routedLabel, c.number]),
    [],
    ['未结案档案'],
    ['档案号', '项目', '登记时间', '事项', '状态', '最新进展', '进展时间', '首次回访超时', '超期上报'],
    ...report.open.map((r) => [r.number, r.estateName, beijingMinute(r.receivedAt), r.matter, r.statusLabel, r.latest?.step, beijingMinute(r.latest?.at), r.firstVisitOverdue ? '是' : '', r.escalatedAt ? '已上报' : r.escalationDue ? '待上报' : '']),
  ]);
}
