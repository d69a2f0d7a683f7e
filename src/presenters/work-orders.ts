import type { OrderRow } from '../db/repos/work-orders.js';
import { ORDER_STATUS_LABELS, ORDER_TRANSITIONS, type OrderStatus, formatOrderNumber } from '../domain/work-order-lifecycle.js';
import type { Actor } from '../policies/actor.js';
import { allowedActions } from '../policies/policy.js';
import { type OrderAction, orderPolicy } from '../policies/work-orders.js';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** The order status each action leads to (undefined: no status change). */
const ACTION_TARGET: Record<OrderAction, OrderStatus | undefined> = {
  assign: undefined,
  accept: 'accepted',
  arrive: 'arrived',
  request_review: 'review',
  record_review: 'arrived',
  complete: 'completed',
  rebook: undefined,
  return: 'returned',
  check: 'checked',
  void: 'void',
};

function possibleNow(action: OrderAction, s: OrderStatus): boolean {
  if (action === 'assign') return s === 'issued' || s === 'accepted';
  if (action === 'rebook') return ['issued', 'accepted'].includes(s);
  if (action === 'record_review') return s === 'review';
  if (action === 'arrive') return s === 'accepted';
  return ORDER_TRANSITIONS[s].includes(ACTION_TARGET[action]!);
}

export function orderActions(actor: Actor, o: OrderRow): OrderAction[] {
  return allowedActions(orderPolicy, actor, o).filter((a) => possibleNow(a, o.status as OrderStatus));
}

export function presentOrderSummary(o: OrderRow) {
  return {
    id: o.id,
    estateId: o.estateId,
    caseId: o.caseId,
    number: formatOrderNumber(o.number),
    status: o.status,
    statusLabel: ORDER_STATUS_LABELS[o.status as OrderStatus],
    departmentId: o.departmentId,
    technicianId: o.technicianId,
    instructions: o.instructions,
    issuedAt: o.issuedAt.toISOString(),
    appointmentAt: iso(o.appointmentAt),
    acceptedAt: iso(o.acceptedAt),
    arrivedAt: iso(o.arrivedAt),
    completedAt: iso(o.completedAt),
    feeCents: o.feeCents,
    version: o.version,
  };
}

export function presentOrder(actor: Actor, o: OrderRow, materials: { id: string; name: string; spec: string | null; model: string | null; quantity: string; unit: string | null; unitPriceCents: number; suppliedBy: string }[]) {
  return {
    ...presentOrderSummary(o),
    issuedBy: o.issuedBy,
    retroactive: o.retroactive,
    rebookReason: o.rebookReason,
    reviewRequestedAt: iso(o.reviewRequestedAt),
    reviewDoneAt: iso(o.reviewDoneAt),
    reviewNote: o.reviewNote,
    diagnosis: o.diagnosis,
    workDone: o.workDone,
    labourCents: o.labourCents,
    signatureSha256: o.signatureSha256,
    signedAt: iso(o.signedAt),
    photos: o.photos,
    evaluation: o.evaluation,
    rating: o.rating,
    returnedAt: iso(o.returnedAt),
    checkedAt: iso(o.checkedAt),
    checkedBy: o.checkedBy,
    checkNote: o.checkNote,
    voidedAt: iso(o.voidedAt),
    voidReason: o.voidReason,
    materials: materials.map((m) => ({ ...m, quantity: Number(m.quantity) })),
    actions: orderActions(actor, o),
  };
}
