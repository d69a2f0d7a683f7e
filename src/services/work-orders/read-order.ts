import { monthBounds } from '../../domain/beijing-day.js';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { findOrder, orderMaterials } from '../../db/repos/work-orders.js';
import { workOrders } from '../../db/schema/index.js';
import { ACTIVE_ORDER_STATUSES, formatOrderNumber } from '../../domain/work-order-lifecycle.js';
import { notFound } from '../../errors.js';
import { type Actor, isStaffIn } from '../../policies/actor.js';
import { staffEstateScope } from '../../policies/scope.js';
import { presentOrder, presentOrderSummary } from '../../presenters/work-orders.js';
import { loadCaseFor } from '../cases/load-case.js';

/** An order with its materials and the caller's actions; residents read orders of their own cases. */
export async function getOrder(db: Queryable, actor: Actor, id: string) {
  const o = await findOrder(db, id);
  if (!o) throw notFound('派工单');
  if (!isStaffIn(actor, o.estateId)) await loadCaseFor(db, actor, o.caseId, 'read');
  return presentOrder(actor, o, await orderMaterials(db, o.estateId, o.id));
}

export async function caseOrders(db: Queryable, actor: Actor, caseId: string) {
  const c = await loadCaseFor(db, actor, caseId, 'read');
  const rows = await db.select().from(workOrders).where(and(eq(workOrders.estateId, c.estateId), eq(workOrders.caseId, c.id))).orderBy(workOrders.number);
  return { items: rows.map(presentOrderSummary) };
}

export interface OrderQuery {
  estateId?: string;
  status?: string[];
  departmentId?: string;
  technicianId?: string;
  mine?: boolean;
  active?: boolean;
  number?: number;
  limit: number;
  offset: number;
}

/** Orders the caller may see (staff of the estate): the dispatch list and a technician's queue. */
export async function listOrders(db: Queryable, actor: Actor, q: OrderQuery) {
  const where = and(
    staffEstateScope(actor, workOrders.estateId),
    q.estateId ? eq(workOrders.estateId, q.estateId) : undefined,
    q.status?.length ? inArray(workOrders.status, q.status) : undefined,
    q.active ? inArray(workOrders.status, [...ACTIVE_ORDER_STATUSES]) : undefined,
    q.departmentId ? eq(workOrders.departmentId, q.departmentId) : undefined,
    q.technicianId ? eq(workOrders.technicianId, q.technicianId) : undefined,
    q.mine ? eq(workOrders.technicianId, actor.userId) : undefined,
    q.number !== undefined ? eq(workOrders.number, q.number) : undefined,
  );
  const [rows, [count]] = await Promise.all([
    db.select().from(workOrders).where(where).orderBy(desc(workOrders.issuedAt), desc(workOrders.number)).limit(q.limit).offset(q.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(workOrders).where(where),
  ]);
  return { total: count?.n ?? 0, items: rows.map(presentOrderSummary) };
}

/**
 * R-WO-2: the month's voided orders and the number range issued in it (Beijing time), for the
 * monthly statistics and to show that no number is missing.
 */
export async function voidedOrders(db: Queryable, actor: Actor, estateId: string, month: string) {
  if (!isStaffIn(actor, estateId)) throw notFound('项目');
  const { from, to } = monthBounds(month);
  const inMonth = and(eq(workOrders.estateId, estateId), sql`${workOrders.issuedAt} >= ${from}`, sql`${workOrders.issuedAt} < ${to}`);
  const [range] = await db
    .select({ first: sql<number | null>`min(${workOrders.number})`, last: sql<number | null>`max(${workOrders.number})`, n: sql<number>`count(*)::int` })
    .from(workOrders)
    .where(inMonth);
  const voided = await db.select().from(workOrders).where(and(inMonth, eq(workOrders.status, 'void'))).orderBy(workOrders.number);
  return {
    month,
    issued: range?.n ?? 0,
    firstNumber: range?.first ? formatOrderNumber(Number(range.first)) : null,
    lastNumber: range?.last ? formatOrderNumber(Number(range.last)) : null,
    voided: voided.map((o) => ({ ...presentOrderSummary(o), voidReason: o.voidReason, voidedAt: o.voidedAt?.toISOString() ?? null })),
  };
}
