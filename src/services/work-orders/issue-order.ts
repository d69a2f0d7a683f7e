import type { AppContext } from '../../context.js';
import { appendEvents } from '../../db/repos/events.js';
import { departmentWithTechnician, nextOrderNumber } from '../../db/repos/work-orders.js';
import { workOrders } from '../../db/schema/index.js';
import { formatOrderNumber } from '../../domain/work-order-lifecycle.js';
import { forbidden, invalid } from '../../errors.js';
import { type Actor, hasAnyRole } from '../../policies/actor.js';
import { ISSUER_ROLES } from '../../policies/work-orders.js';
import { loadCaseFor } from '../cases/load-case.js';
import { settleClocks } from '../sla/clocks.js';
import { presentOrder } from '../../presenters/work-orders.js';
import { syncCaseWithOrders } from './run-order-step.js';

export interface IssueOrderInput {
  departmentId: string;
  technicianId?: string | null;
  instructions?: string | null;
  appointmentAt?: string | null;
  /** R-WO-8: the order is written after emergency work already started at `startedAt`. */
  retroactive?: boolean;
  startedAt?: string | null;
}

/**
 * Issues a work order (派工) on a case. The number is the estate's next, taken in this
 * transaction: consecutive, no gaps, no duplicates under concurrency (R-WO-2).
 * @throws 400 for an unknown department or a technician not in it, 409 R-WO-9 (from loadCaseFor) when the case cannot take orders
 */
export async function issueOrder(ctx: AppContext, actor: Actor, caseId: string, input: IssueOrderInput) {
  const now = ctx.clock.now();
  const order = await ctx.database.db.transaction(async (tx) => {
    const c = await loadCaseFor(tx, actor, caseId, 'issue_order', { lock: true });
    if (!hasAnyRole(actor, c.estateId, ISSUER_ROLES)) throw forbidden('无权派工');
    const dept = await departmentWithTechnician(tx, c.estateId, input.departmentId, input.technicianId ?? null);
    if (!dept) throw invalid('departmentId', '部门不存在');
    if (input.technicianId && !dept.isTechnician) {
      throw invalid('technicianId', `该人员不是${dept.name}的维修人员`);
    }
    if (input.retroactive && (c.urgency !== 'emergency' || !input.startedAt)) {
      throw invalid('retroactive', '只有紧急事件可先施工后补单，且须填写开始时间（R-WO-8）');
    }
    const number = await nextOrderNumber(tx, c.estateId);
    const startedAt = input.retroactive && input.startedAt ? new Date(input.startedAt) : null;
    const [order] = await tx
      .insert(workOrders)
      .values({
        estateId: c.estateId,
        caseId: c.id,
        number,
        status: startedAt ? 'arrived' : 'issued',
        departmentId: dept.id,
        technicianId: input.technicianId ?? null,
        instructions: input.instructions ?? null,
        issuedAt: now,
        issuedBy: actor.userId,
        retroactive: Boolean(startedAt),
        appointmentAt: input.appointmentAt ? new Date(input.appointmentAt) : c.appointmentAt,
        acceptedAt: startedAt,
        arrivedAt: startedAt,
        updatedAt: now,
      })
      .returning();
    await appendEvents(tx, [
      {
        estateId: c.estateId,
        caseId: c.id,
        at: now,
        actorId: actor.userId,
        action: 'order.issued',
        subject: `order:${formatOrderNumber(number)}`,
        after: { number: formatOrderNumber(number), department: dept.name, technicianId: order!.technicianId, status: order!.status, retroactive: order!.retroactive },
      },
    ]);
    await settleClocks(tx, c.estateId, c.id, 'met', now, { clocks: startedAt ? ['dispatch', 'arrival'] : ['dispatch'] });
    // The case was locked by loadCaseFor above and only this transaction has written it since.
    await syncCaseWithOrders(tx, actor, c.estateId, c.id, now, c);
    return order!;
  });
  // The order as inserted (nothing later in the transaction changes it; a new order has no
  // materials): no read after commit, and none inside, where the order-number counter row is locked.
  return presentOrder(actor, order, []);
}
