import { RuleError } from './rule-error.js';

/** Case statuses; see CASE_TRANSITIONS for the steps between them. */
export const CASE_STATUSES = [
  'opened',
  'dispatched',
  'in_progress',
  'paused',
  'completed',
  'pending_approval',
  'unresolvable_pending',
  'closed',
  'closed_unresolved',
  'reopened',
  'cancelled',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  opened: '已立项',
  dispatched: '已派工',
  in_progress: '处理中',
  paused: '暂停（等待）',
  completed: '已完成待销项',
  pending_approval: '销项待审批',
  unresolvable_pending: '无法处理待审批',
  closed: '已销项',
  closed_unresolved: '无法处理已销项',
  reopened: '已重新打开',
  cancelled: '已撤销',
};

/**
 * The case lifecycle. Every step the desk can take is listed; anything else is refused.
 * completed → closed runs through the closing guards (case-closing.ts); pending_approval and
 * unresolvable_pending end with a supervisor's / project manager's decision (R-CL-5, R-CL-6).
 */
export const CASE_TRANSITIONS: Record<CaseStatus, readonly CaseStatus[]> = {
  opened: ['dispatched', 'in_progress', 'completed', 'paused', 'unresolvable_pending', 'cancelled'],
  dispatched: ['in_progress', 'completed', 'opened', 'paused', 'unresolvable_pending'],
  in_progress: ['completed', 'dispatched', 'paused', 'unresolvable_pending'],
  paused: ['opened', 'dispatched', 'in_progress', 'reopened', 'unresolvable_pending', 'cancelled'],
  completed: ['closed', 'pending_approval', 'reopened', 'in_progress'],
  pending_approval: ['closed', 'completed'],
  // Left only by the project manager's decision (approve → closed_unresolved, reject → back where
  // it was), never by pausing: a paused case would leave its approval pending with nobody to decide.
  unresolvable_pending: ['closed_unresolved', 'opened', 'dispatched', 'in_progress', 'reopened'],
  closed: ['reopened'],
  closed_unresolved: ['reopened'],
  reopened: ['dispatched', 'in_progress', 'completed', 'paused', 'unresolvable_pending'],
  cancelled: [],
};

/** Statuses in which the case is finished for the desk (nothing more to do unless reopened). */
export const FINAL_STATUSES: readonly CaseStatus[] = ['closed', 'closed_unresolved', 'cancelled'];
/** Statuses counted as open work on the board. */
export const OPEN_STATUSES: readonly CaseStatus[] = CASE_STATUSES.filter((s) => !FINAL_STATUSES.includes(s));

/** The part of a case the lifecycle reads and derives. */
export interface LifecycleState {
  status: CaseStatus;
  completedAt: Date | null;
  closedAt: Date | null;
  reopenCount: number;
  resumeStatus: CaseStatus | null;
  pausedUntil: Date | null;
  pauseReason: string | null;
}

export interface TransitionInput {
  now: Date;
  /** Why the case pauses (awaiting_resident, awaiting_parts, …): required when pausing. */
  pauseReason?: string;
  pausedUntil?: Date | null;
}

export const canTransition = (from: CaseStatus, to: CaseStatus) => CASE_TRANSITIONS[from].includes(to);

/**
 * Moves a case to `to`, deriving the timestamps and counters that go with the step.
 * @throws RuleError R-LC-1 when the step is not in CASE_TRANSITIONS
 */
export function transition(state: LifecycleState, to: CaseStatus, input: TransitionInput): LifecycleState {
  const from = state.status;
  if (!canTransition(from, to)) {
    throw new RuleError(
      'R-LC-1',
      `案件状态「${CASE_STATUS_LABELS[from]}」不能直接变为「${CASE_STATUS_LABELS[to]}」`,
      `a case cannot go from ${from} to ${to}`,
    );
  }
  const next: LifecycleState = { ...state, status: to };
  // Statuses entered "on the side" remember where to return when they end.
  if (to === 'paused' || to === 'unresolvable_pending') next.resumeStatus = from === 'paused' ? state.resumeStatus : from;
  else if (from === 'paused' || from === 'unresolvable_pending') next.resumeStatus = null;
  if (to === 'paused') {
    if (!input.pauseReason) throw new RuleError('R-LC-2', '暂停须说明原因', 'a pause needs a reason');
    next.pauseReason = input.pauseReason;
    next.pausedUntil = input.pausedUntil ?? null;
  } else {
    next.pauseReason = null;
    next.pausedUntil = null;
  }
  if (to === 'completed' && from !== 'pending_approval') next.completedAt = input.now;
  if (to === 'closed' || to === 'closed_unresolved') next.closedAt = input.now;
  // Resuming, or a rejected unresolvable request, returns a reopened case to where it stood:
  // that is not another reopening.
  if (to === 'reopened' && from !== 'unresolvable_pending' && from !== 'paused') {
    next.reopenCount = state.reopenCount + 1;
    next.completedAt = null;
    next.closedAt = null;
  }
  if (to === 'in_progress' && from === 'completed') next.completedAt = null;
  return next;
}
