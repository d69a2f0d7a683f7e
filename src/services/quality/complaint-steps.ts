import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/client.js';
import { insertRoutedContact } from '../../db/repos/contacts.js';
import { type QualityComplaintRow, appendQualityEvent, findQualityComplaint, qualityComplaintDetails, updateQualityComplaint } from '../../db/repos/quality.js';
import { type QualitySource, type QualityStatus, handedDownContent, qualityStepRefusal } from '../../domain/quality.js';
import { notFound, staleVersion } from '../../errors.js';
import type { Actor } from '../../policies/actor.js';
import { allowed, authorize } from '../../policies/policy.js';
import { type QualityAction, qualityPolicy } from '../../policies/quality.js';
import { presentQualityComplaint } from '../../presenters/quality.js';

interface StepContext {
  tx: Tx;
  actor: Actor;
  row: QualityComplaintRow;
  now: Date;
}

/**
 * One step on a quality complaint as one transaction: load and lock it (404 for those who may
 * not read it), the policy (403), If-Match (412), the domain's rule for the state (409, R-CP-3
 * for handing an escalated complaint down), the step and its event, then the complaint as it now stands.
 */
async function runQualityStep(
  ctx: AppContext,
  actor: Actor,
  id: string,
  action: Exclude<QualityAction, 'read'>,
  ifMatch: number | undefined,
  step: (s: StepContext) => Promise<{ patch: Partial<QualityComplaintRow>; after?: unknown; note?: string | null }>,
) {
  const now = ctx.clock.now();
  return ctx.database.db.transaction(async (tx) => {
    const row = await findQualityComplaint(tx, id, { lock: true });
    if (!row || !allowed(qualityPolicy, actor, 'read', row)) throw notFound('品质投诉');
    authorize(qualityPolicy, actor, action, row, true);
    if (ifMatch !== undefined && ifMatch !== row.version) throw staleVersion(row.version);
    const refusal = qualityStepRefusal(action, { status: row.status as QualityStatus, source: row.source as QualitySource });
    if (refusal) throw refusal;
    const { patch, after, note } = await step({ tx, actor, row, now });
    const next = await updateQualityComplaint(tx, row, patch);
    await appendQualityEvent(tx, { estateId: row.estateId, complaintId: row.id, at: now, actorId: actor.userId, action: `quality.${action}`, after, note });
    return presentQualityComplaint(actor, next, await qualityComplaintDetails(tx, next), now);
  });
}

type V = number | undefined;

/**
 * A forwarded complaint goes to the estate's desk as an ordinary contact for the supervisor to
 * decide (R-IN-4); quality keeps it and follows it. An escalated one refuses (R-CP-3).
 */
export const handDownQualityComplaint = (ctx: AppContext, actor: Actor, id: string, v: V, input: { note?: string | null }) =>
  runQualityStep(ctx, actor, id, 'hand_down', v, async ({ tx, row, now }) => {
    const contact = await insertRoutedContact(tx, 'transfer', {
      estateId: row.estateId,
      receivedAt: now,
      callerName: row.complainantName,
      callerPhone: row.complainantPhone,
      unitId: row.unitId,
      content: handedDownContent(row.number, row.source as QualitySource, row.matter),
      recordedBy: actor.userId,
    });
    return { patch: { status: 'handed_down', handedDownAt: now, contactId: contact.id }, after: { contactId: contact.id }, note: input.note ?? null };
  });

/** A progress note: what quality or the estate head did today. */
export const noteQualityProgress = (ctx: AppContext, actor: Actor, id: string, v: V, input: { note: string }) =>
  runQualityStep(ctx, actor, id, 'progress', v, async () => ({ patch: {}, note: input.note }));

export const resolveQualityComplaint = (ctx: AppContext, actor: Actor, id: string, v: V, input: { resolution: string }) =>
  runQualityStep(ctx, actor, id, 'resolve', v, async ({ now }) => ({ patch: { status: 'resolved', resolvedAt: now, resolution: input.resolution }, after: { resolution: input.resolution } }));

/** Closes the complaint once the complainant was answered, with their satisfaction. */
export const closeQualityComplaint = (ctx: AppContext, actor: Actor, id: string, v: V, input: { satisfaction: number; note: string }) =>
  runQualityStep(ctx, actor, id, 'close', v, async ({ actor: a, now }) => ({
    patch: { status: 'closed', closedAt: now, closedBy: a.userId, satisfaction: input.satisfaction },
    after: { satisfaction: input.satisfaction },
    note: input.note,
  }));
