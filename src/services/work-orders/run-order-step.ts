import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/client.js';
import { type CaseRow, lockCase } from '../../db/repos/case-rows.js';
import { appendEvents } from '../../db/repos/events.js';
import { type OrderRow, caseOrderStatuses, findOrderForUpdate, orderMaterials, updateOrder } from '../../db/repos/work-orders.js';
import type { CaseStatus } from '../../domain/case-lifecycle.js';
import { caseStatusFromOrders } from '../../domain/case-from-orders.js';
import { type OrderStatus, assertOrderTransition, formatOrderNumber } from '../../domain/work-order-lifecycle.js';
import { notFound, staleVersion } from '../../errors.js';
import { type Actor, isStaffIn } from '../../policies/actor.js';
import { authorize } from '../../policies/policy.js';
import { type OrderAction, orderPolicy } from '../../policies/work-orders.js';
import { applyCaseTransition } from '../cases/apply-transition.js';
import { presentOrder } from '../../presenters/work-orders.js';

export interface OrderStepContext {
  tx: Tx;
  actor: Actor;
  order: OrderRow;
  now: Date;
}

export interface OrderChange {
  to?: OrderStatus;
  patch?: Partial<OrderRow>;
  event: string;
  note?: string;
  after?: Record<string, unknown>;
}

/**
 * Moves the case with its orders: first order issued → dispatched, a technician on it →
 * in progress, every live order checked → completed, every order voided → back to opened.
 */
export async function syncCaseWithOrders(tx: Tx, actor: Actor, estateId: string, caseId: string, now: Date, locked?: CaseRow): Promise<void> {
  // `locked`: the caller already holds the case's row lock (its lifecycle columns cannot have
  // moved since), so it is not read again.
  const row = locked ?? (await lockCase(tx, estateId, caseId));
  if (!row) return;
  const statuses = (await caseOrderStatuses(tx, estateId, caseId)) as OrderStatus[];
  const target = caseStatusFromOrders(row.status as CaseStatus, statuses);
  if (target) await applyCaseTransition(tx, actor, row, target, { now, note: '随派工单状态变化' });
}

/**
 * One order step as one transaction: 404 when the caller cannot see the order, 403 when the
 * policy refuses, 412 on a stale If-Match, 409 when the lifecycle refuses; then the change, the
 * event on the case timeline and the case's own status follow.
 */
export async function runOrderStep(
  ctx: AppContext,
  actor: Actor,
  orderId: string,
  action: OrderAction,
  ifMatch: number | undefined,
  decide: (s: OrderStepContext) => Promise<OrderChange>,
) {
  const now = ctx.clock.now();
  return ctx.database.db.transaction(async (tx) => {
    // Found and locked in one statement (ids are UUIDs); another estate's order rolls back as 404.
    const order = await findOrderForUpdate(tx, orderId);
    if (!order || !isStaffIn(actor, order.estateId)) throw notFound('派工单');
    authorize(orderPolicy, actor, action, order, true);
    if (ifMatch !== undefined && ifMatch !== order.version) throw staleVersion(order.version);
    const change = await decide({ tx, actor, order, now });
    if (change.to) assertOrderTransition(order.status as OrderStatus, change.to);
    const updated = await updateOrder(tx, order, { ...change.patch, ...(change.to ? { status: change.to } : {}) }, now);
    await appendEvents(tx, [
      {
        estateId: order.estateId,
        caseId: order.caseId,
        at: now,
        actorId: actor.userId,
        action: change.event,
        subject: `order:${formatOrderNumber(order.number)}`,
        before: change.to ? { status: order.status } : undefined,
        after: { ...(change.to ? { status: change.to } : {}), ...change.after },
        note: change.note,
      },
    ]);
    await syncCaseWithOrders(tx, actor, order.estateId, order.caseId, now);
    // The order as just written (nothing below changes it), with its materials: the caller is
    // staff of its estate, so getOrder's re-read and residency check would add nothing.
    return presentOrder(actor, updated, await orderMaterials(tx, updated.estateId, updated.id));
  });
}
