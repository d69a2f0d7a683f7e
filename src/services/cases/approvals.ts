import { and, desc, eq } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { Queryable } from '../../db/client.js';
import { lockCase } from '../../db/repos/case-rows.js';
import { appendEvents } from '../../db/repos/events.js';
import { approvals } from '../../db/schema/index.js';
import { approverRolesFor, decideUnresolvableClosing } from '../../domain/case-closing.js';
import type { CaseStatus } from '../../domain/case-lifecycle.js';
import { forbidden, invalid, notFound, ruleViolation } from '../../errors.js';
import { type Actor, hasAnyRole, isStaffIn, rolesIn } from '../../policies/actor.js';
import { estateScope } from '../../policies/scope.js';
import { presentApproval } from '../../presenters/cases.js';
import { applyCaseTransition } from './apply-transition.js';
import { getCase } from './read-case.js';

/** The approval queue of supervisors and project managers (R-CL-5, R-CL-6). */
export async function listApprovals(db: Queryable, actor: Actor, q: { status: string; estateId?: string; limit: number }) {
  const rows = await db
    .select()
    .from(approvals)
    .where(and(estateScope(actor, approvals.estateId), eq(approvals.status, q.status), q.estateId ? eq(approvals.estateId, q.estateId) : undefined))
    .orderBy(desc(approvals.requestedAt))
    .limit(q.limit);
  return {
    items: rows
      .filter((a) => isStaffIn(actor, a.estateId))
      .map((a) => ({ ...presentApproval(a), mayDecide: hasAnyRole(actor, a.estateId, approverRolesFor(a.approverRole as 'supervisor')) })),
  };
}

/**
 * Approves or rejects a pending approval. Approving a close closes the case with the requested
 * result and records the approver (R-CL-7); approving an unresolvable request closes it as
 * closed_unresolved (counted as not closed, R-CL-6). Rejecting returns the case where it was.
 * @throws 404 when not visible, 403 when the caller's role may not decide it, 409 when already decided
 */
export async function decideApproval(ctx: AppContext, actor: Actor, id: string, input: { decision: 'approve' | 'reject'; comment?: string }) {
  const now = ctx.clock.now();
  return ctx.database.db.transaction(async (tx) => {
    const [a] = await tx.select().from(approvals).where(eq(approvals.id, id)).for('update');
    if (!a || !isStaffIn(actor, a.estateId)) throw notFound('审批');
    if (!hasAnyRole(actor, a.estateId, approverRolesFor(a.approverRole as 'supervisor' | 'project_manager'))) {
      throw forbidden(`须由${a.approverRole === 'project_manager' ? '项目经理' : '客服主管或项目经理'}审批`);
    }
    if (a.status !== 'pending') throw ruleViolation('R-CL-5', '该审批已处理', 'already decided');
    if (input.decision === 'reject' && !input.comment?.trim()) {
      throw invalid('comment', '驳回须说明原因');
    }
    const status = input.decision === 'approve' ? 'approved' : 'rejected';
    await tx
      .update(approvals)
      .set({ status, decidedBy: actor.userId, decidedAt: now, comment: input.comment ?? null })
      .where(and(eq(approvals.estateId, a.estateId), eq(approvals.id, a.id)));
    await appendEvents(tx, [
      { estateId: a.estateId, caseId: a.caseId, at: now, actorId: actor.userId, action: `approval.${status}`, subject: `approval:${a.id}`, after: { kind: a.kind }, note: input.comment },
    ]);
    const row = (await lockCase(tx, a.estateId, a.caseId))!;
    const result = (a.payload as { result?: string }).result ?? a.reason ?? '';
    if (input.decision === 'reject') {
      const back: CaseStatus = a.kind === 'close' ? 'completed' : ((row.resumeStatus as CaseStatus | null) ?? 'opened');
      await applyCaseTransition(tx, actor, row, back, { now, note: input.comment });
    } else if (a.kind === 'close') {
      await applyCaseTransition(tx, actor, row, 'closed', { now, note: result, patch: { closedBy: a.requestedBy, closeResult: result, closeApprovalId: a.id } });
    } else {
      const to = decideUnresolvableClosing({ status: row.status as CaseStatus, approval: a, deciderRoles: rolesIn(actor, a.estateId) });
      await applyCaseTransition(tx, actor, row, to, { now, note: a.reason ?? undefined, patch: { closedBy: actor.userId, closeResult: a.reason, closeApprovalId: a.id } });
    }
    return getCase(tx, actor, a.caseId);
  });
}
