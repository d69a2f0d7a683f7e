import type { Queryable } from '../../db/client.js';
import { type CaseRow, updateCase } from '../../db/repos/case-rows.js';
import { appendEvents } from '../../db/repos/events.js';
import { type CaseStatus, type LifecycleState, type TransitionInput, transition } from '../../domain/case-lifecycle.js';
import type { Actor } from '../../policies/actor.js';

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
