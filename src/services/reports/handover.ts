import { and, asc, desc, eq, inArray, lt, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { AppContext } from '../../context.js';
import type { Queryable } from '../../db/client.js';
import { cases, shiftHandovers, staffRoles, users, workOrders } from '../../db/schema/index.js';
import type { Role } from '../../domain/roles.js';
import { AWAY_FROM_DESK_STATUSES, formatOrderNumber } from '../../domain/work-order-lifecycle.js';
import { forbidden, invalid, notFound } from '../../errors.js';
import { type Actor, hasAnyRole, isStaffIn } from '../../policies/actor.js';

/** The desks that hand over to each other (R-SH-1): reception, night duty, dispatch, supervisor. */
const HANDOVER_ROLES = ['receptionist', 'night_duty', 'dispatcher', 'supervisor'] as const satisfies readonly Role[];

function requireDesk(actor: Actor, estateId: string) {
  if (!isStaffIn(actor, estateId)) throw notFound('项目');
  if (!hasAnyRole(actor, estateId, HANDOVER_ROLES)) throw forbidden('只有客服、夜间值班、调度和客服主管可以交接班', 'only desk staff hand over shifts');
}

/** The orders not yet back at the desk right now, oldest number first. */
async function openOrders(db: Queryable, estateId: string) {
  const rows = await db
    .select({ id: workOrders.id, number: workOrders.number, status: workOrders.status, issuedAt: workOrders.issuedAt, caseId: workOrders.caseId, caseNumber: cases.number, technician: users.displayName })
    .from(workOrders)
    .innerJoin(cases, and(eq(cases.estateId, workOrders.estateId), eq(cases.id, workOrders.caseId)))
    .leftJoin(users, eq(users.id, workOrders.technicianId))
    .where(and(eq(workOrders.estateId, estateId), inArray(workOrders.status, [...AWAY_FROM_DESK_STATUSES])))
    .orderBy(asc(workOrders.number));
  return rows.map((r) => ({ ...r, number: formatOrderNumber(r.number), technician: r.technician ?? null, issuedAt: r.issuedAt.toISOString() }));
}

/** Desk colleagues of the estate who may take over (active, holding a handover role). */
async function deskColleagues(db: Queryable, estateId: string) {
  const rows = await db
    .selectDistinct({ id: users.id, displayName: users.displayName })
    .from(staffRoles)
    .innerJoin(users, eq(users.id, staffRoles.userId))
    .where(and(eq(staffRoles.estateId, estateId), inArray(staffRoles.role, [...HANDOVER_ROLES]), eq(users.active, true)))
    .orderBy(asc(users.displayName), asc(users.id));
  return rows;
}

const encodeCursor = (at: Date, id: string) => `${at.toISOString()}_${id}`;
function decodeCursor(cursor: string) {
  const [iso, id] = cursor.split('_');
  const at = new Date(iso ?? '');
  if (!id || Number.isNaN(at.getTime()) || !/^[0-9a-f-]{36}$/i.test(id)) throw invalid('cursor', '翻页参数无效', 'invalid cursor');
  return { at, id };
}

/** The last handovers, newest first, keyset-paged by (at, id). */
async function history(db: Queryable, estateId: string, limit: number, cursor?: string) {
  const handedBy = alias(users, 'handed_by_user');
  const takenBy = alias(users, 'taken_by_user');
  const after = cursor ? decodeCursor(cursor) : null;
  const rows = await db
    .select({ h: shiftHandovers, handedByName: handedBy.displayName, takenByName: takenBy.displayName })
    .from(shiftHandovers)
    .leftJoin(handedBy, eq(handedBy.id, shiftHandovers.handedBy))
    .leftJoin(takenBy, eq(takenBy.id, shiftHandovers.takenBy))
    .where(
      and(
        eq(shiftHandovers.estateId, estateId),
        after ? or(lt(shiftHandovers.at, after.at), and(eq(shiftHandovers.at, after.at), lt(shiftHandovers.id, after.id))) : undefined,
      ),
    )
    .orderBy(desc(shiftHandovers.at), desc(shiftHandovers.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(({ h, handedByName, takenByName }) => ({
      id: h.id,
      at: h.at.toISOString(),
      shift: h.shift,
      handedBy: { id: h.handedBy, displayName: handedByName ?? null },
      takenBy: { id: h.takenBy, displayName: takenByName ?? null },
      openOrderCount: h.openOrderCount,
      openOrderNumbers: h.openOrderNumbers,
      note: h.note,
    })),
    nextCursor: rows.length > limit && last ? encodeCursor(last.h.at, last.h.id) : null,
  };
}

/**
 * R-SH-1: what the desk hands over now (orders not back at the desk), who may take over, and
 * the last handovers.
 * @throws 404 another estate, 403 not desk staff
 */
export async function handoverView(ctx: AppContext, actor: Actor, estateId: string, page: { limit: number; cursor?: string | undefined }) {
  requireDesk(actor, estateId);
  const db = ctx.database.db;
  const [orders, colleagues, handovers] = await Promise.all([openOrders(db, estateId), deskColleagues(db, estateId), history(db, estateId, page.limit, page.cursor)]);
  return { estateId, openOrderCount: orders.length, openOrders: orders, colleagues: colleagues.filter((c) => c.id !== actor.userId), handovers };
}

/**
 * R-SH-1: records a handover. The open orders are counted by the server in the same
 * transaction, never taken from the caller.
 * @throws 404 another estate, 403 not desk staff, 400 taker not a desk colleague of the estate
 */
export async function recordHandover(ctx: AppContext, actor: Actor, estateId: string, input: { takenBy: string; shift: 'day' | 'night'; note?: string | undefined }) {
  requireDesk(actor, estateId);
  if (input.takenBy === actor.userId) throw invalid('takenBy', '接班人不能是交班人本人', 'the taker cannot be the person handing over');
  const now = ctx.clock.now();
  return ctx.database.db.transaction(async (tx) => {
    const colleagues = await deskColleagues(tx, estateId);
    if (!colleagues.some((c) => c.id === input.takenBy)) {
      throw invalid('takenBy', '接班人须为本项目的客服、夜间值班、调度或客服主管', 'the taker must be desk staff of this estate');
    }
    const orders = await openOrders(tx, estateId);
    const [row] = await tx
      .insert(shiftHandovers)
      .values({ estateId, handedBy: actor.userId, takenBy: input.takenBy, at: now, shift: input.shift, openOrderCount: orders.length, openOrderNumbers: orders.map((o) => o.number), note: input.note || null })
      .returning();
    return { id: row!.id, at: now.toISOString(), shift: input.shift, openOrderCount: orders.length, openOrderNumbers: orders.map((o) => o.number) };
  });
}
