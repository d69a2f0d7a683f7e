import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { appendEvents } from '../../db/repos/events.js';
import { followUps } from '../../db/schema/index.js';
import { notFound, ruleViolation } from '../../errors.js';
import { type Actor, hasAnyRole } from '../../policies/actor.js';
import { canSeeEstate } from '../../policies/scope.js';
import { settleClocks } from '../sla/clocks.js';

/**
 * Logs a follow-up as done (R-FU-1, R-FU-2): the task leaves the queue, its clock is met (it
 * stays breached when logged after its due time), and the note goes on the case timeline.
 * @throws 404 when the caller cannot see it, 409 when it is no longer open
 */
export async function completeFollowUp(ctx: AppContext, actor: Actor, id: string, note: string) {
  const now = ctx.clock.now();
  return ctx.database.db.transaction(async (tx) => {
    const [task] = await tx.select().from(followUps).where(eq(followUps.id, id)).for('update');
    if (!task || !canSeeEstate(actor, task.estateId)) throw notFound('跟进任务');
    if (!hasAnyRole(actor, task.estateId, ['receptionist', 'night_duty', 'supervisor', 'project_manager'])) throw notFound('跟进任务');
    if (task.state !== 'open') throw ruleViolation('R-FU-1', '该跟进任务已处理', 'this follow-up is no longer open');
    await tx
      .update(followUps)
      .set({ state: 'done', doneBy: actor.userId, doneAt: now, note })
      .where(and(eq(followUps.estateId, task.estateId), eq(followUps.id, task.id)));
    // Met only when logged in time; logged after the due time (or after the breach) it stays breached.
    if (task.deadlineId) await settleClocks(tx, task.estateId, task.caseId, 'met', now, { deadlineId: task.deadlineId });
    await appendEvents(tx, [
      { estateId: task.estateId, caseId: task.caseId, at: now, actorId: actor.userId, action: 'followup.done', subject: `followup:${task.kind}`, note },
    ]);
    return { id: task.id, state: 'done' as const, doneAt: now.toISOString() };
  });
}
