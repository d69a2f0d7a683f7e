import type { Queryable } from '../../db/client.js';
import { type CaseRow, updateCase } from '../../db/repos/case-rows.js';
import { appendEvents } from '../../db/repos/events.js';
import { type CaseStatus, type LifecycleState, type TransitionInput, transition } from '../../domain/case-lifecycle.js';
import type { ClockId, PauseReason } from '../../domain/sla/clocks.js';
import { publishLive } from '../../jobs/live-hub.js';
import type { Actor } from '../../policies/actor.js';
import { pauseClocks, recomputeCaseClocks, resumeClocks, settleClocks } from '../sla/clocks.js';

/** The SLA clocks follow the case: pause, resume, met when handled or closed, cancelled with it, restarted when reopened. */
async function moveClocks(tx: Queryable, row: CaseRow, from: CaseStatus, after: LifecycleState, now: Date): Promise<void> {
  const to = after.status;
  if (to === 'paused') await pauseClocks(tx, row.estateId, row.id, (after.pauseReason ?? 'other') as PauseReason, now);
  else if (from === 'paused') await resumeClocks(tx, row.estateId, row.id, now);
  if (to === 'completed') await settleClocks(tx, row.estateId, row.id, 'met', now, { clocks: HANDLED_CLOCKS });
  if (to === 'closed' || to === 'closed_unresolved') await settleClocks(tx, row.estateId, row.id, 'met', now);
  if (to === 'cancelled') await settleClocks(tx, row.estateId, row.id, 'cancelled', now);
  // Reopened after handling: the case is a fresh report (R-WO-4 counts from the report); clocks
  // still running (hotline escalation, hot report) keep their time.
  if (to === 'reopened' && HANDLED_STATUSES.includes(from)) {
    await recomputeCaseClocks(tx, row, now, { clocks: REOPEN_CLOCKS, from: now, insertMissing: true, keepRunning: true });
  }
}

const HANDLED_STATUSES: CaseStatus[] = ['completed', 'closed', 'closed_unresolved'];

/** Clocks a reopened case runs again: not the one-off acknowledgement, first visit, promise or report. */
const REOPEN_CLOCKS: ClockId[] = ['dispatch', 'arrival', 'followup_2h', 'followup_eod', 'reply', 'online_measure', 'gm_escalation'];

/** Clocks that a handled case has met; the hotline and hot-report clocks run until closing. */
const HANDLED_CLOCKS: ClockId[] = ['dispatch', 'arrival', 'review', 'followup_2h', 'followup_eod', 'reply', 'online_ack', 'online_measure', 'promised_reply'];

const lifecycleOf = (row: CaseRow): LifecycleState => ({
  status: row.status as CaseStatus,
  completedAt: row.completedAt,
  closedAt: row.closedAt,
  reopenCount: row.reopenCount,
  resumeStatus: row.resumeStatus as CaseStatus | null,
  pausedUntil: row.pausedUntil,
  pauseReason: row.pauseReason,
});

/**
 * Moves a locked case through the domain lifecycle, saves it and appends `case.status` with
 * before/after in the same transaction. Extra column changes ride along in `patch`.
 * @throws RuleError when the step is not allowed
 */
export async function applyCaseTransition(
  tx: Queryable,
  actor: Actor | null,
  row: CaseRow,
  to: CaseStatus,
  input: TransitionInput & { note?: string; patch?: Partial<CaseRow> },
): Promise<CaseRow> {
  const before = lifecycleOf(row);
  const after = transition(before, to, input);
  const updated = await updateCase(tx, row, { ...after, ...input.patch }, input.now);
  await moveClocks(tx, row, before.status, after, input.now);
  await publishLive(tx, { estateId: row.estateId, type: 'case', caseId: row.id, urgency: row.urgency });
  await appendEvents(tx, [
    {
      estateId: row.estateId,
      caseId: row.id,
      at: input.now,
      actorId: actor?.userId ?? null,
      action: 'case.status',
      before: { status: before.status },
      after: { status: after.status, ...(after.pauseReason ? { pauseReason: after.pauseReason } : {}) },
      note: input.note,
    },
  ]);
  return updated;
}
