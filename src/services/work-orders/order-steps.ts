import { fileMimes } from '../../db/repos/files.js';
import { isImageMime } from '../../domain/upload-type.js';
import { and, eq, isNull } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { isTechnicianOf } from '../../db/repos/work-orders.js';
import { cases, units, workOrderMaterials } from '../../db/schema/index.js';
import { type MaterialLine, orderFeeCents } from '../../domain/work-order-fees.js';
import { RuleError } from '../../domain/rule-error.js';
import { invalid } from '../../errors.js';
import type { Actor } from '../../policies/actor.js';
import { moveArrivalClock, settleClocks, startReviewClock } from '../sla/clocks.js';
import { runOrderStep } from './run-order-step.js';

type V = number | undefined;

/** 接单 (R-WO-3): a technician of the department takes the order; an unassigned one becomes theirs. */
export const acceptOrder = (ctx: AppContext, actor: Actor, id: string, v: V) =>
  runOrderStep(ctx, actor, id, 'accept', v, async ({ order, now }) => ({
    to: 'accepted',
    event: 'order.accepted',
    patch: { acceptedAt: now, technicianId: order.technicianId ?? actor.userId },
    after: { technicianId: order.technicianId ?? actor.userId },
  }));

/** The dispatcher assigns or reassigns a technician of the order's department. */
export const assignOrder = (ctx: AppContext, actor: Actor, id: string, v: V, technicianId: string) =>
  runOrderStep(ctx, actor, id, 'assign', v, async ({ tx, order }) => {
    if (!(await isTechnicianOf(tx, order.estateId, technicianId, order.departmentId))) {
      throw invalid('technicianId', '该人员不是本部门的维修人员');
    }
    return {
      to: order.status === 'accepted' ? 'issued' : undefined,
      patch: { technicianId, acceptedAt: null },
      event: 'order.assigned',
      after: { technicianId },
    };
  });

/** 到场 (R-WO-4). */
export const arriveOrder = (ctx: AppContext, actor: Actor, id: string, v: V) =>
  runOrderStep(ctx, actor, id, 'arrive', v, async ({ tx, order, now }) => {
    await settleClocks(tx, order.estateId, order.caseId, 'met', now, { clocks: ['arrival'] });
    return { to: 'arrived', patch: { arrivedAt: now }, event: 'order.arrived' };
  });

/** R-WO-5: on site the technician asks the foreman for a technical review. */
export const requestReview = (ctx: AppContext, actor: Actor, id: string, v: V, note: string) =>
  runOrderStep(ctx, actor, id, 'request_review', v, async ({ tx, order, now }) => {
    await startReviewClock(tx, order.estateId, order.caseId, order.id, now);
    return { to: 'review', patch: { reviewRequestedAt: now, diagnosis: note }, event: 'order.review_requested', note };
  });

/** R-WO-5: the foreman's review is recorded and the technician is back on site. */
export const recordReview = (ctx: AppContext, actor: Actor, id: string, v: V, note: string) =>
  runOrderStep(ctx, actor, id, 'record_review', v, async ({ tx, order, now }) => {
    await settleClocks(tx, order.estateId, order.caseId, 'met', now, { clocks: ['review'], orderId: order.id });
    return { to: 'arrived', patch: { reviewDoneAt: now, reviewNote: note }, event: 'order.reviewed', note };
  });

/** R-WO-4: nobody can arrive in time; the desk re-books with the resident and records why. */
export const rebookOrder = (ctx: AppContext, actor: Actor, id: string, v: V, input: { appointmentAt: string; reason: string }) =>
  runOrderStep(ctx, actor, id, 'rebook', v, async ({ tx, order, now }) => {
    await moveArrivalClock(tx, order.estateId, order.caseId, new Date(input.appointmentAt), now);
    return {
    patch: { appointmentAt: new Date(input.appointmentAt), rebookReason: input.reason },
    event: 'order.rebooked',
    note: input.reason,
    after: { appointmentAt: input.appointmentAt, previous: order.appointmentAt?.toISOString() ?? null },
    };
  });

export interface CompleteInput {
  workDone: string;
  diagnosis?: string | null;
  materials: (MaterialLine & { spec?: string | null; model?: string | null; unit?: string | null })[];
  labourCents: number;
  signatureSha256: string;
  photos: string[];
  /** How many of the leading photos are from before the repair (kept in the timeline). */
  beforePhotos?: number;
  evaluation?: string | null;
  rating?: number | null;
}

/**
 * 完工 (R-WO-6): work done, every material line, the fee, the resident's signature image and
 * evaluation. The signature and photos must be files uploaded to this estate.
 */
export const completeOrder = (ctx: AppContext, actor: Actor, id: string, v: V, input: CompleteInput) =>
  runOrderStep(ctx, actor, id, 'complete', v, async ({ tx, order, now }) => {
    const wanted = [['signatureSha256', input.signatureSha256], ...input.photos.map((p, i) => [`photos.${i}`, p])] as [string, string][];
    const mimes = await fileMimes(tx, order.estateId, wanted.map(([, sha]) => sha));
    for (const [field, sha] of wanted) {
      const mime = mimes.get(sha);
      if (!mime) throw invalid(field, '文件不存在，请先上传');
      if (!isImageMime(mime)) throw invalid(field, '签名和照片须为图片（PNG、JPEG 或 WebP）');
    }
    // A re-completion after a failed desk check replaces the lines: the earlier ones are marked
    // superseded, never deleted (R-AR-1).
    await tx
      .update(workOrderMaterials)
      .set({ supersededAt: now })
      .where(and(eq(workOrderMaterials.estateId, order.estateId), eq(workOrderMaterials.workOrderId, order.id), isNull(workOrderMaterials.supersededAt)));
    if (input.materials.length > 0) {
      await tx.insert(workOrderMaterials).values(
        input.materials.map((m) => ({
          estateId: order.estateId,
          workOrderId: order.id,
          name: m.name,
          spec: m.spec ?? null,
          model: m.model ?? null,
          quantity: String(m.quantity),
          unit: m.unit ?? null,
          unitPriceCents: m.unitPriceCents,
          suppliedBy: m.suppliedBy,
        })),
      );
    }
    const feeCents = orderFeeCents(input.labourCents, input.materials);
    return {
      to: 'completed',
      event: 'order.completed',
      patch: {
        completedAt: now,
        workDone: input.workDone,
        diagnosis: input.diagnosis ?? order.diagnosis,
        labourCents: input.labourCents,
        feeCents,
        signatureSha256: input.signatureSha256,
        signedAt: now,
        photos: input.photos,
        evaluation: input.evaluation ?? null,
        rating: input.rating ?? null,
      },
      after: { feeCents, materials: input.materials.length, signatureSha256: input.signatureSha256, rating: input.rating ?? null, beforePhotos: Math.min(input.beforePhotos ?? 0, input.photos.length), residentSupplied: input.materials.filter((m) => m.suppliedBy === 'resident').map((m) => m.name) },
    };
  });

/** 返单: the completed order is back at the desk. */
export const returnOrder = (ctx: AppContext, actor: Actor, id: string, v: V) =>
  runOrderStep(ctx, actor, id, 'return', v, async ({ now }) => ({ to: 'returned', patch: { returnedAt: now }, event: 'order.returned' }));

/**
 * R-WO-7: the desk checks a returned order. Public-area repairs and repairs in vacant units
 * must be inspected on site by the desk before the order is accepted. A failed check sends the
 * order back to the technician.
 */
export const checkOrder = (ctx: AppContext, actor: Actor, id: string, v: V, input: { passed: boolean; note?: string; inspectedOnSite?: boolean }) =>
  runOrderStep(ctx, actor, id, 'check', v, async ({ tx, order, now }) => {
    if (input.passed) {
      const [c] = await tx.select({ locationKind: cases.locationKind, unitId: cases.unitId }).from(cases).where(and(eq(cases.estateId, order.estateId), eq(cases.id, order.caseId)));
      const [u] = c?.unitId ? await tx.select({ vacant: units.vacant }).from(units).where(and(eq(units.estateId, order.estateId), eq(units.id, c.unitId))) : [];
      if ((c?.locationKind === 'public' || u?.vacant) && !input.inspectedOnSite) {
        throw new RuleError('R-WO-7', '公共区域或空置房的维修须由客服现场验收后方可验收派工单', 'public-area and vacant-unit repairs need an on-site inspection by the desk');
      }
      return { to: 'checked', patch: { checkedAt: now, checkedBy: actor.userId, checkNote: input.note ?? null }, event: 'order.checked', note: input.note, after: { inspectedOnSite: Boolean(input.inspectedOnSite) } };
    }
    if (!input.note?.trim()) throw invalid('note', '验收不通过须说明原因');
    // The order needs a new signature; the one set aside stays in the timeline (R-AR-1) and its file is kept.
    return {
      to: 'accepted',
      patch: { checkNote: input.note, returnedAt: null, completedAt: null, signedAt: null, signatureSha256: null },
      event: 'order.check_failed',
      note: input.note,
      after: { supersededSignature: { sha256: order.signatureSha256, signedAt: order.signedAt?.toISOString() ?? null } },
    };
  });

/** R-WO-2: a voided order keeps its number, marked with the reason, and is listed in the month. */
export const voidOrder = (ctx: AppContext, actor: Actor, id: string, v: V, reason: string) =>
  runOrderStep(ctx, actor, id, 'void', v, async ({ now }) => ({ to: 'void', patch: { voidedAt: now, voidedBy: actor.userId, voidReason: reason }, event: 'order.voided', note: reason }));
