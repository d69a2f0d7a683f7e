import { orderOnTheJob } from '../../domain/personal-data.js';
import { and, eq } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { cases, departments, estates, units, users } from '../../db/schema/index.js';
import { presentOrderSheet } from '../../presenters/print/order-sheet.js';
import { getOrder } from './read-order.js';

/**
 * A printable 派工单/维修单 (A4), the paper form the desk files in the month's binder: one sheet,
 * or its three copies (客服 / 工程 / 财务, 004 4.2 and 4.9). The resident's number is on it while
 * the order is being worked (the technician takes the paper along), masked on the copies filed.
 */
export async function renderOrderSheet(db: Queryable, actor: Parameters<typeof getOrder>[1], id: string, copies: 1 | 3 = 1): Promise<string> {
  const o = await getOrder(db, actor, id);
  const [c] = await db.select().from(cases).where(and(eq(cases.estateId, o.estateId), eq(cases.id, o.caseId)));
  const [e] = await db.select().from(estates).where(eq(estates.id, o.estateId));
  const [d] = await db.select().from(departments).where(and(eq(departments.estateId, o.estateId), eq(departments.id, o.departmentId)));
  const [u] = c?.unitId ? await db.select().from(units).where(and(eq(units.estateId, o.estateId), eq(units.id, c.unitId))) : [];
  const [t] = o.technicianId ? await db.select().from(users).where(eq(users.id, o.technicianId)) : [];
  return presentOrderSheet(
    {
      estateName: e?.name,
      order: o,
      caseNumber: c?.number,
      description: c?.description,
      place: u?.code ?? c?.locationText,
      contactName: c?.contactName,
      contactPhone: c?.contactPhone,
      paid: Boolean(c?.paid),
      department: d?.name,
      technician: t?.displayName,
      onTheJob: orderOnTheJob(o.status),
    },
    copies,
  );
}
