/**
 * The GM hotline (总经理热线, seed 001, R-GM-1…5). Pure rules: where a call goes, how a dossier is
 * numbered, its clocks, and which step is possible from which status.
 */
import { RuleError } from './rule-error.js';

/** R-GM-4 / R-GM-3 numbers, per-estate settings (`hotline`). */
export interface HotlineSettings {
  /** The responsible department head's first return visit, hours after the dossier arrives. */
  firstVisitHours: number;
  /** Unresolved this many days after it arrived, the matter goes up in writing. */
  escalateAfterDays: number;
}
export const DEFAULT_HOTLINE_SETTINGS: HotlineSettings = { firstVisitHours: 24, escalateAfterDays: 7 };

export const DOSSIER_STATUSES = ['awaiting_measures', 'in_hand', 'resolved', 'closed'] as const;
export type DossierStatus = (typeof DOSSIER_STATUSES)[number];
export const DOSSIER_STATUS_LABELS: Record<DossierStatus, string> = {
  awaiting_measures: '待定措施',
  in_hand: '处理中',
  resolved: '已解决待回访',
  closed: '已结案',
};

/**
 * R-GM-1: a matter that never went through the estate goes back to the estate's desk first (an
 * ordinary contact); only a complaint about how the estate handled it becomes a dossier.
 */
export const routeCall = (firstContact: boolean): 'back' | 'dossier' => (firstContact ? 'back' : 'dossier');

/** What the officer tells the caller whose matter goes back to the estate. */
export const routedBackScript = (estateName: string) =>
  `该事项尚未经${estateName}客服中心处理，已转交项目客服中心，项目将尽快与您联系；如处理不满意，欢迎再次致电总经理热线。`;

/** RX-2026-0001: per group and Beijing year. */
export const dossierNumber = (year: number, seq: number) => `RX-${year}-${String(seq).padStart(4, '0')}`;

const HOUR_MS = 3_600_000;

export function dossierClocks(receivedAt: Date, s: HotlineSettings) {
  return {
    firstVisitDueAt: new Date(receivedAt.getTime() + s.firstVisitHours * HOUR_MS),
    escalateDueAt: new Date(receivedAt.getTime() + s.escalateAfterDays * 24 * HOUR_MS),
  };
}

export const DOSSIER_STEPS = ['set_measures', 'first_visit', 'resolve', 'second_visit', 'follow_up'] as const;
export type DossierStep = (typeof DOSSIER_STEPS)[number];

export interface DossierFacts {
  status: DossierStatus;
  firstVisited: boolean;
}

/** Why a step is not possible now, or null. The presenter offers only possible steps. */
export function dossierStepRefusal(step: DossierStep, f: DossierFacts): RuleError | null {
  switch (step) {
    case 'set_measures':
      return f.status === 'awaiting_measures' ? null : new RuleError('R-GM-3', '处理措施已确定', 'the measures are already set');
    case 'first_visit':
      if (f.status === 'awaiting_measures') return new RuleError('R-GM-3', '请先确定处理措施和责任人', 'set the measures and the person responsible first');
      return f.firstVisited ? new RuleError('R-GM-4', '首次回访已记录', 'the first return visit is already recorded') : f.status === 'closed' ? new RuleError('R-GM-4', '档案已结案', 'the dossier is closed') : null;
    case 'resolve':
      if (f.status !== 'in_hand') return new RuleError('R-GM-3', f.status === 'awaiting_measures' ? '请先确定处理措施和责任人' : '档案已解决', 'only a dossier in hand can be resolved');
      return f.firstVisited ? null : new RuleError('R-GM-4', '须先完成责任部门的首次回访', 'the first return visit comes first');
    case 'second_visit':
      return f.status === 'resolved' ? null : new RuleError('R-GM-4', '问题解决后由项目负责人二次回访', 'the second visit follows the resolution');
    case 'follow_up':
      return f.status === 'closed' ? new RuleError('R-GM-5', '档案已结案，无需跟进', 'the dossier is closed') : null;
  }
}

/** Whether the first visit is late, and whether the matter is due to go up (R-GM-3/4). */
export function dossierAlerts(d: { status: DossierStatus; firstVisitAt: Date | null; firstVisitDueAt: Date; escalateDueAt: Date }, now: Date) {
  const open = d.status !== 'closed';
  return {
    firstVisitOverdue: open && !d.firstVisitAt && now > d.firstVisitDueAt,
    escalationDue: open && d.status !== 'resolved' && now > d.escalateDueAt,
  };
}

/**
 * R-GM-3: the written escalation to group leadership and the quality office, as it is recorded
 * in the dossier's history and sent: what the matter is, since when, what was done.
 */
export function escalationReport(
  d: { number: string; receivedAt: Date; matter: string; measures: string | null; status: DossierStatus },
  estateName: string,
  responsibleName: string | null,
  days: number,
  shown: (at: Date) => string,
): string {
  return [
    `热线档案 ${d.number}（${estateName}）自 ${shown(d.receivedAt)} 登记，已超过 ${days} 天未解决，按 R-GM-3 书面上报集团领导和品质管理部。`,
    `反映事项：${d.matter}`,
    `处理措施：${d.measures ?? '项目尚未确定处理措施'}`,
    `责任人：${responsibleName ?? '未指定'}；当前状态：${DOSSIER_STATUS_LABELS[d.status]}`,
  ].join('\n');
}
