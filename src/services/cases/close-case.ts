import { and, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/client.js';
import type { CaseRow } from '../../db/repos/case-rows.js';
import { appendEvents } from '../../db/repos/events.js';
import { approvals, caseFindings, estates, workOrders } from '../../db/schema/index.js';
import { type ClosingEvidence, UNRESOLVABLE_APPROVER, decideClosing } from '../../domain/case-closing.js';
import type { CaseKind, Urgency } from '../../domain/case-types.js';
import type { CaseStatus } from '../../domain/case-lifecycle.js';
import { resolveSettings } from '../../domain/settings.js';
import type { OrderStatus } from '../../domain/work-order-lifecycle.js';
import { type Actor, rolesIn } from '../../policies/actor.js';
import { applyCaseTransition } from './apply-transition.js';
import { runCaseStep } from './run-step.js';

async function closingSnapshot(tx: Tx, row: CaseRow) {
  const orders = await tx
    .select({ status: workOrders.status, signedAt: workOrders.signedAt })
    .from(workOrders)
    .where(and(eq(workOrders.estateId, row.estateId), eq(workOrders.caseId, row.id)));
  const [open] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(caseFindings)
    .where(and(eq(caseFindings.estateId, row.estateId), eq(caseFindings.caseId, row.id), eq(caseFindings.status, 'open')));
  return {
    kind: row.kind as CaseKind,
    status: row.status as CaseStatus,
    urgency: row.urgency as Urgency,
    major: row.major,
    orders: orders.map((o) => ({ status: o.status as OrderStatus, signed: Boolean(o.signedAt) })),
    openFindings: open?.n ?? 0,
  };
}

/**
 * Closes a case (销项) when the closing rules allow; an emergency or major case closed by
 * someone who may not approve it goes to pending_approval with an approval request instead.
 * R-CL-7: the result, the closer, the approver and the time are recorded.
 */
export const closeCase = (
  ctx: AppContext,
  actor: Actor,
  id: string,
  v: number | undefined,
  input: { result: string; evidence?: ClosingEvidence },
) =>
  runCaseStep(ctx, actor, id, 'close', v, async ({ tx, row, now }) => {
    const [estate] = await tx.select({ settings: estates.settings }).from(estates).where(eq(estates.id, row.estateId));
    const settings = resolveSettings(estate?.settings);
    const decision = decideClosing(await closingSnapshot(tx, row), { ...input, actorRoles: rolesIn(actor, row.estateId) }, settings.closing);
    const evidenceNote = input.evidence?.kind === 'document' ? input.evidence.note : input.evidence?.kind === 'supervisor' ? '主管确认已办结' : undefined;
    if (decision.outcome === 'needs_approval') {
      const [a] = await tx
        .insert(approvals)
        .values({
          estateId: row.estateId,
          caseId: row.id,
          kind: 'close',
          approverRole: decision.approverRole,
          requestedBy: actor.userId,
          requestedAt: now,
          reason: input.result,
          payload: { result: input.result, evidence: evidenceNote ?? null },
        })
        .returning();
      await appendEvents(tx, [
        { estateId: row.estateId, caseId: row.id, at: now, actorId: actor.userId, action: 'approval.requested', subject: `approval:${a!.id}`, after: { kind: 'close', approverRole: decision.approverRole } },
      ]);
      return applyCaseTransition(tx, actor, row, 'pending_approval', { now, note: input.result });
    }
    let approvalId: string | null = null;
    if (decision.approvedByActor) {
      const [a] = await tx
        .insert(approvals)
        .values({ estateId: row.estateId, caseId: row.id, kind: 'close', approverRole: settings.closing.emergencyApprover, status: 'approved', requestedBy: actor.userId, requestedAt: now, reason: input.result, decidedBy: actor.userId, decidedAt: now, comment: '销项人即审批人' })
        .returning();
      approvalId = a!.id;
    }
    return applyCaseTransition(tx, actor, row, 'closed', {
      now,
      note: [input.result, evidenceNote].filter(Boolean).join('；'),
      patch: { closedBy: actor.userId, closeResult: input.result, closeApprovalId: approvalId },
    });
  });

/** R-CL-6: a case that cannot be handled (for now) waits for the project manager's approval to close. */
export const requestUnresolvable = (ctx: AppContext, actor: Actor, id: string, v: number | undefined, reason: string) =>
  runCaseStep(ctx, actor, id, 'request_unresolvable', v, async ({ tx, row, now }) => {
    const [a] = await tx
      .insert(approvals)
      .values({ estateId: row.estateId, caseId: row.id, kind: 'close_unresolvable', approverRole: UNRESOLVABLE_APPROVER, requestedBy: actor.userId, requestedAt: now, reason })
      .returning();
    await appendEvents(tx, [
      { estateId: row.estateId, caseId: row.id, at: now, actorId: actor.userId, action: 'approval.requested', subject: `approval:${a!.id}`, after: { kind: 'close_unresolvable', approverRole: UNRESOLVABLE_APPROVER }, note: reason },
    ]);
    return applyCaseTransition(tx, actor, row, 'unresolvable_pending', { now, note: reason });
  });
