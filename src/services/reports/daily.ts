import { and, asc, desc, eq, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { AppContext } from '../../context.js';
import type { Queryable } from '../../db/client.js';
import { appendEvents } from '../../db/repos/events.js';
import { caseEvents, cases, dailySignoffs, departments, users, workOrders } from '../../db/schema/index.js';
import { OPEN_STATUSES } from '../../domain/case-lifecycle.js';
import { formatOrderNumber } from '../../domain/work-order-lifecycle.js';
import { AppError, forbidden, invalid, notFound, ruleViolation } from '../../errors.js';
import { type Actor, hasAnyRole, isStaffIn } from '../../policies/actor.js';
import { presentCaseSummary } from '../../presenters/cases.js';
import { beijingDay, dayBounds } from '../../domain/beijing-day.js';

const DAY_MS = 86_400_000;

export { beijingDay, dayBounds };

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** The Monday of the week before the one `at` falls in (Beijing), for the Monday summary (R-WK-1). */
export const lastWeeksMonday = (at: Date) => {
  const today = beijingDay(at);
  const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
  return addDays(today, -weekday - 7);
};

/** Who keeps the desk and so may record why an order has not come back (R-DY-2). */
const DESK_ROLES = ['receptionist', 'night_duty', 'dispatcher', 'supervisor', 'engineering_manager', 'project_manager'] as const;
/** Who signs the day (R-DY-1). */
const SIGNING_ROLES = ['supervisor', 'project_manager'] as const;

export const ORDER_DELAY_ACTION = 'order.delay_recorded';

function requireStaff(actor: Actor, estateId: string) {
  if (!isStaffIn(actor, estateId)) throw notFound('项目');
}

/** The orders issued in [from, to) that have not come back to the desk, with the latest delay record. */
async function ordersNotReturned(db: Queryable, estateId: string, from: Date, to: Date) {
  const rows = await db
    .select({ o: workOrders, caseNumber: cases.number, department: departments.name, technician: users.displayName })
    .from(workOrders)
    .innerJoin(cases, and(eq(cases.estateId, workOrders.estateId), eq(cases.id, workOrders.caseId)))
    .leftJoin(departments, and(eq(departments.estateId, workOrders.estateId), eq(departments.id, workOrders.departmentId)))
    .leftJoin(users, eq(users.id, workOrders.technicianId))
    .where(and(eq(workOrders.estateId, estateId), gte(workOrders.issuedAt, from), lt(workOrders.issuedAt, to), isNull(workOrders.returnedAt), sql`${workOrders.status} <> 'void'`))
    .orderBy(asc(workOrders.number));
  const caseIds = [...new Set(rows.map((r) => r.o.caseId))];
  const records = caseIds.length
    ? await db
        .select({ e: caseEvents, by: users.displayName })
        .from(caseEvents)
        .leftJoin(users, eq(users.id, caseEvents.actorId))
        .where(and(eq(caseEvents.estateId, estateId), inArray(caseEvents.caseId, caseIds), eq(caseEvents.action, ORDER_DELAY_ACTION)))
        .orderBy(desc(caseEvents.seq))
    : [];
  return rows.map(({ o, caseNumber, department, technician }) => {
    const number = formatOrderNumber(o.number);
    const last = records.find((r) => r.e.caseId === o.caseId && r.e.subject === `order:${number}`);
    const after = (last?.e.after ?? {}) as { reason?: string; expectedDate?: string };
    return {
      id: o.id,
      caseId: o.caseId,
      caseNumber,
      number,
      status: o.status,
      issuedAt: o.issuedAt.toISOString(),
      department: department ?? null,
      technician: technician ?? null,
      delay: last ? { reason: after.reason ?? last.e.note ?? '', expectedDate: after.expectedDate ?? null, recordedAt: last.e.at.toISOString(), recordedBy: last.by ?? null } : null,
    };
  });
}

/**
 * R-DY-1 / R-DY-2: the day's opened and closed cases for the supervisor's review, the orders
 * issued that day that have not come back to the desk (with why and when expected), and the
 * signature if already signed. `day` defaults to today in Beijing by the injected clock.
 */
export async function dailyReview(ctx: AppContext, actor: Actor, estateId: string, day?: string) {
  return readDay(ctx.database.db, actor, estateId, day ?? beijingDay(ctx.clock.now()), ctx.clock.now());
}

async function readDay(db: Queryable, actor: Actor, estateId: string, day: string, now: Date) {
  requireStaff(actor, estateId);
  const { from, to } = dayBounds(day);
  const inDay = (col: AnyPgColumn) => and(gte(col, from), lt(col, to));
  const [opened, closed, notReturned, [signoff]] = await Promise.all([
    db.select().from(cases).where(and(eq(cases.estateId, estateId), inDay(cases.openedAt))).orderBy(asc(cases.openedAt), asc(cases.id)),
    db.select().from(cases).where(and(eq(cases.estateId, estateId), inDay(cases.closedAt))).orderBy(asc(cases.closedAt), asc(cases.id)),
    ordersNotReturned(db, estateId, from, to),
    db
      .select({ s: dailySignoffs, name: users.displayName })
      .from(dailySignoffs)
      .leftJoin(users, eq(users.id, dailySignoffs.signedBy))
      .where(and(eq(dailySignoffs.estateId, estateId), eq(dailySignoffs.day, day))),
  ]);
  return {
    estateId,
    day,
    counts: { opened: opened.length, closed: closed.length, ordersNotReturned: notReturned.length, ordersWithoutReason: notReturned.filter((o) => !o.delay).length },
    opened: opened.map(presentCaseSummary),
    closed: closed.map(presentCaseSummary),
    ordersNotReturned: notReturned,
    signoff: signoff
      ? { signedBy: signoff.name, signedById: signoff.s.signedBy, signedAt: signoff.s.signedAt.toISOString(), opened: signoff.s.opened, closed: signoff.s.closed, note: signoff.s.note }
      : null,
    maySign: !signoff && hasAnyRole(actor, estateId, SIGNING_ROLES) && from.getTime() <= now.getTime(),
    mayRecordDelay: hasAnyRole(actor, estateId, DESK_ROLES),
  };
}

/**
 * R-DY-1: the supervisor (or project manager) signs the day, once, after every order that has
 * not come back has its reason (R-DY-2).
 * @throws 404 other estate, 403 other roles, 400 a future day, 409 already signed or reasons missing
 */
export async function signDay(ctx: AppContext, actor: Actor, estateId: string, day: string, note?: string) {
  requireStaff(actor, estateId);
  if (!hasAnyRole(actor, estateId, SIGNING_ROLES)) throw forbidden('每日签核须由客服主管或项目经理签字', 'only the supervisor or project manager signs the day');
  const now = ctx.clock.now();
  if (dayBounds(day).from.getTime() > now.getTime()) throw invalid('day', '不能签核尚未开始的日期', 'cannot sign a day that has not begun');
  return ctx.database.db.transaction(async (tx) => {
    const review = await readDay(tx, actor, estateId, day, now);
    if (review.signoff) throw new AppError(409, 'already_signed', `${day} 已由${review.signoff.signedBy ?? '他人'}签字`, { messageEn: 'this day is already signed' });
    const missing = review.ordersNotReturned.filter((o) => !o.delay);
    if (missing.length > 0) {
      throw ruleViolation('R-DY-2', `以下派工单未返单且未登记原因：${missing.map((o) => o.number).join('、')}`, 'record why each order has not come back first');
    }
    const inserted = await tx
      .insert(dailySignoffs)
      .values({ estateId, day, signedBy: actor.userId, signedAt: now, opened: review.counts.opened, closed: review.counts.closed, note: note || null })
      .onConflictDoNothing()
      .returning();
    if (inserted.length === 0) throw new AppError(409, 'already_signed', `${day} 已签字`, { messageEn: 'this day is already signed' });
    return readDay(tx, actor, estateId, day, now);
  });
}

/**
 * R-DY-2: the desk records why an order issued on `day` has not come back and when it is
 * expected; kept as an event on the order's case (timeline and daily page both show it).
 */
export async function recordOrderDelay(ctx: AppContext, actor: Actor, estateId: string, day: string, orderId: string, input: { reason: string; expectedDate: string }) {
  requireStaff(actor, estateId);
  if (!hasAnyRole(actor, estateId, DESK_ROLES)) throw forbidden('只有客服/调度/主管可登记未返单原因', 'only the desk records order delays');
  if (input.expectedDate < day) throw invalid('expectedDate', '预计返单日期不能早于派工日期', 'expected date before the issue day');
  const now = ctx.clock.now();
  return ctx.database.db.transaction(async (tx) => {
    const [o] = await tx.select().from(workOrders).where(and(eq(workOrders.estateId, estateId), eq(workOrders.id, orderId)));
    if (!o) throw notFound('派工单');
    const { from, to } = dayBounds(day);
    if (o.issuedAt < from || o.issuedAt >= to) throw invalid('orderId', `该派工单不是 ${day} 派出的`, 'order not issued that day');
    if (o.returnedAt || o.status === 'void') throw ruleViolation('R-DY-2', '该派工单已返单或已作废，无需登记', 'order already back or void');
    await appendEvents(tx, [
      {
        estateId,
        caseId: o.caseId,
        at: now,
        actorId: actor.userId,
        action: ORDER_DELAY_ACTION,
        subject: `order:${formatOrderNumber(o.number)}`,
        after: { day, reason: input.reason, expectedDate: input.expectedDate },
        note: `未返单：${input.reason}；预计 ${input.expectedDate} 返单`,
      },
    ]);
    return readDay(tx, actor, estateId, day, now);
  });
}

/**
 * R-WK-1: each Monday, last week's cases and where they stand; those that cannot be handled
 * (unresolvable waiting for approval, paused) are listed for the supervisor to decide.
 * `monday` defaults to last week's Monday (Beijing) by the injected clock.
 */
export async function weeklySummary(ctx: AppContext, actor: Actor, estateId: string, monday?: string) {
  requireStaff(actor, estateId);
  const db = ctx.database.db;
  const first = monday ?? lastWeeksMonday(ctx.clock.now());
  const from = dayBounds(first).from;
  const to = new Date(from.getTime() + 7 * DAY_MS);
  const openStatuses = [...OPEN_STATUSES];
  const [week, [closedInWeek], unresolved, [unresolvedCount], stuck] = await Promise.all([
    db
      .select({ kind: cases.kind, status: cases.status, n: sql<number>`count(*)::int` })
      .from(cases)
      .where(and(eq(cases.estateId, estateId), gte(cases.openedAt, from), lt(cases.openedAt, to)))
      .groupBy(cases.kind, cases.status),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(cases)
      .where(and(eq(cases.estateId, estateId), gte(cases.closedAt, from), lt(cases.closedAt, to))),
    db
      .select()
      .from(cases)
      .where(and(eq(cases.estateId, estateId), lt(cases.openedAt, to), inArray(cases.status, openStatuses)))
      .orderBy(asc(cases.openedAt), asc(cases.id))
      .limit(500),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(cases)
      .where(and(eq(cases.estateId, estateId), lt(cases.openedAt, to), inArray(cases.status, openStatuses))),
    db
      .select()
      .from(cases)
      .where(and(eq(cases.estateId, estateId), lt(cases.openedAt, to), inArray(cases.status, ['unresolvable_pending', 'paused'])))
      .orderBy(asc(cases.openedAt), asc(cases.id)),
  ]);
  const sum = (pred: (r: (typeof week)[number]) => boolean) => week.filter(pred).reduce((n, r) => n + Number(r.n), 0);
  const tally = (key: 'kind' | 'status') => {
    const counts = new Map<string, number>();
    for (const r of week) counts.set(r[key], (counts.get(r[key]) ?? 0) + Number(r.n));
    return [...counts]
      .map(([k, n]) => ({ [key]: k, n }))
      .sort((a, b) => b.n - a.n) as { n: number; kind?: string; status?: string }[];
  };
  const now = ctx.clock.now();
  const ageDays = (c: (typeof unresolved)[number]) => Math.floor((now.getTime() - c.openedAt.getTime()) / DAY_MS);
  return {
    estateId,
    week: { monday: first, sunday: addDays(first, 6) },
    opened: sum(() => true),
    closedInWeek: closedInWeek?.n ?? 0,
    stillOpen: sum((r) => openStatuses.includes(r.status as (typeof openStatuses)[number])),
    byKind: tally('kind').map(({ kind, n }) => ({ kind: kind!, n })),
    byStatus: tally('status').map(({ status, n }) => ({ status: status!, n })),
    byKindStatus: week.map((r) => ({ kind: r.kind, status: r.status, n: Number(r.n) })),
    unresolvedTotal: unresolvedCount?.n ?? 0,
    unresolved: unresolved.map((c) => ({ ...presentCaseSummary(c), ageDays: ageDays(c) })),
    forSupervisor: stuck.map((c) => ({ ...presentCaseSummary(c), ageDays: ageDays(c), pauseReason: c.status === 'paused' ? c.pauseReason : null, pausedUntil: c.status === 'paused' && c.pausedUntil ? c.pausedUntil.toISOString() : null })),
  };
}
