import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Queryable } from '../client.js';
import { departments, orderCounters, staffRoles, workOrderMaterials, workOrders } from '../schema/index.js';

export type OrderRow = typeof workOrders.$inferSelect;

/**
 * Takes the estate's next order number in the caller's transaction. The counter row is locked
 * until commit, so concurrent issuers queue; a rolled-back issue gives its number back: no gaps.
 */
export async function nextOrderNumber(db: Queryable, estateId: string): Promise<number> {
  const [row] = await db
    .insert(orderCounters)
    .values({ estateId, lastNumber: 1 })
    .onConflictDoUpdate({ target: orderCounters.estateId, set: { lastNumber: sql`${orderCounters.lastNumber} + 1` } })
    .returning({ n: orderCounters.lastNumber });
  return row!.n;
}

export async function findOrder(db: Queryable, id: string): Promise<OrderRow | undefined> {
  const [row] = await db.select().from(workOrders).where(eq(workOrders.id, id));
  return row;
}

/**
 * Finds an order by id alone and locks it for the rest of the transaction, in one round trip;
 * the caller checks the estate is visible (and rolls back when it is not).
 */
export async function findOrderForUpdate(db: Queryable, id: string): Promise<OrderRow | undefined> {
  const [row] = await db.select().from(workOrders).where(eq(workOrders.id, id)).for('update');
  return row;
}

/** The department of an estate and whether a user is one of its technicians, in one round trip. */
export async function departmentWithTechnician(db: Queryable, estateId: string, departmentId: string, technicianId: string | null) {
  const [row] = await db
    .select({
      id: departments.id,
      name: departments.name,
      isTechnician: technicianId
        ? sql<boolean>`exists (select 1 from ${staffRoles} s where s.estate_id = "departments"."estate_id" and s.user_id = ${technicianId} and s.role = 'technician' and s.department_id = "departments"."id")`
        : sql<boolean>`false`,
    })
    .from(departments)
    .where(and(eq(departments.estateId, estateId), eq(departments.id, departmentId)));
  return row;
}

export async function lockOrder(db: Queryable, estateId: string, id: string): Promise<OrderRow | undefined> {
  const [row] = await db.select().from(workOrders).where(and(eq(workOrders.estateId, estateId), eq(workOrders.id, id))).for('update');
  return row;
}

export async function updateOrder(db: Queryable, row: OrderRow, patch: Partial<OrderRow>, now: Date): Promise<OrderRow> {
  const [u] = await db
    .update(workOrders)
    .set({ ...patch, updatedAt: now, version: sql`${workOrders.version} + 1` })
    .where(and(eq(workOrders.estateId, row.estateId), eq(workOrders.id, row.id)))
    .returning();
  return u!;
}

export async function caseOrderStatuses(db: Queryable, estateId: string, caseId: string): Promise<string[]> {
  const rows = await db
    .select({ status: workOrders.status })
    .from(workOrders)
    .where(and(eq(workOrders.estateId, estateId), eq(workOrders.caseId, caseId)));
  return rows.map((r) => r.status);
}

/** The order's current material lines (lines superseded by a later completion are kept but not listed). */
export async function orderMaterials(db: Queryable, estateId: string, orderId: string) {
  return db
    .select()
    .from(workOrderMaterials)
    .where(and(eq(workOrderMaterials.estateId, estateId), eq(workOrderMaterials.workOrderId, orderId), isNull(workOrderMaterials.supersededAt)));
}

/** Is the user a technician of that department in the estate? */
export async function isTechnicianOf(db: Queryable, estateId: string, userId: string, departmentId: string): Promise<boolean> {
  const [row] = await db
    .select({ u: staffRoles.userId })
    .from(staffRoles)
    .where(and(eq(staffRoles.estateId, estateId), eq(staffRoles.userId, userId), eq(staffRoles.role, 'technician'), eq(staffRoles.departmentId, departmentId)));
  return Boolean(row);
}
