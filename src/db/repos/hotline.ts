import { and, desc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { Queryable } from '../client.js';
import { takeYearSeq } from './year-counter.js';
import { estates, hotlineCalls, hotlineCounters, hotlineDossiers, hotlineEvents, staffRoles, units, users } from '../schema/index.js';

export type DossierRow = typeof hotlineDossiers.$inferSelect;
export type NewDossier = Omit<typeof hotlineDossiers.$inferInsert, 'number' | 'id'>;

/** The next number of the group's Beijing year (never reused). */
export const takeDossierSeq = (tx: Queryable, year: number) => takeYearSeq(tx, hotlineCounters, year);

export async function insertDossier(tx: Queryable, values: NewDossier & { number: string }): Promise<DossierRow> {
  const [row] = await tx.insert(hotlineDossiers).values(values).returning();
  return row!;
}

export async function insertCall(tx: Queryable, values: typeof hotlineCalls.$inferInsert) {
  const [row] = await tx.insert(hotlineCalls).values(values).returning();
  return row!;
}

export async function appendHotlineEvent(tx: Queryable, e: { estateId: string; dossierId: string; at: Date; actorId: string | null; action: string; after?: unknown; note?: string | null }) {
  await tx.insert(hotlineEvents).values({ ...e, after: e.after ?? null, note: e.note ?? null });
}

export async function findDossier(db: Queryable, id: string, opts: { lock?: boolean } = {}): Promise<DossierRow | undefined> {
  const q = db.select().from(hotlineDossiers).where(eq(hotlineDossiers.id, id));
  const [row] = opts.lock ? await q.for('update') : await q;
  return row;
}

export async function updateDossier(tx: Queryable, row: DossierRow, patch: Partial<DossierRow>): Promise<DossierRow> {
  const [next] = await tx
    .update(hotlineDossiers)
    .set({ ...patch, version: row.version + 1 })
    .where(and(eq(hotlineDossiers.estateId, row.estateId), eq(hotlineDossiers.id, row.id)))
    .returning();
  return next!;
}

/** Who may list which dossiers: every estate, the estates the caller heads, and those they answer for. */
export interface DossierScope {
  allEstates: boolean;
  headedEstates: string[];
  userId: string;
}

export interface DossierQuery {
  estateId?: string;
  status?: string;
  open?: boolean;
  overdue?: boolean;
  now: Date;
  limit: number;
  offset: number;
}

/** A page of dossiers, newest first; the caller's scope is part of the query, before count and limit. */
export async function listDossiers(db: Queryable, scope: DossierScope, q: DossierQuery) {
  const scoped = scope.allEstates
    ? undefined
    : or(scope.headedEstates.length > 0 ? inArray(hotlineDossiers.estateId, scope.headedEstates) : sql`false`, eq(hotlineDossiers.responsibleUserId, scope.userId));
  const where = and(
    scoped,
    q.estateId ? eq(hotlineDossiers.estateId, q.estateId) : undefined,
    q.status ? eq(hotlineDossiers.status, q.status) : undefined,
    q.open ? sql`${hotlineDossiers.status} <> 'closed'` : undefined,
    q.overdue
      ? and(
          sql`${hotlineDossiers.status} <> 'closed'`,
          or(and(sql`${hotlineDossiers.firstVisitAt} is null`, lt(hotlineDossiers.firstVisitDueAt, q.now)), and(sql`${hotlineDossiers.status} <> 'resolved'`, lt(hotlineDossiers.escalateDueAt, q.now))),
        )
      : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db
      .select({ d: hotlineDossiers, estateName: estates.name, unitCode: units.code, responsibleName: users.displayName })
      .from(hotlineDossiers)
      .innerJoin(estates, eq(estates.id, hotlineDossiers.estateId))
      .leftJoin(units, and(eq(units.estateId, hotlineDossiers.estateId), eq(units.id, hotlineDossiers.unitId)))
      .leftJoin(users, eq(users.id, hotlineDossiers.responsibleUserId))
      .where(where)
      .orderBy(desc(hotlineDossiers.receivedAt), desc(hotlineDossiers.id))
      .limit(q.limit)
      .offset(q.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(hotlineDossiers).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function dossierDetails(db: Queryable, d: DossierRow) {
  const [names] = await db
    .select({
      estateName: estates.name,
      unitCode: sql<string | null>`(select u.code from ${units} u where u.estate_id = ${d.estateId} and u.id = ${d.unitId})`,
      responsibleName: sql<string | null>`(select x.display_name from ${users} x where x.id = ${d.responsibleUserId})`,
    })
    .from(estates)
    .where(eq(estates.id, d.estateId));
  const events = await db
    .select({ seq: hotlineEvents.seq, at: hotlineEvents.at, actorId: hotlineEvents.actorId, actorName: users.displayName, action: hotlineEvents.action, after: hotlineEvents.after, note: hotlineEvents.note })
    .from(hotlineEvents)
    .leftJoin(users, eq(users.id, hotlineEvents.actorId))
    .where(and(eq(hotlineEvents.estateId, d.estateId), eq(hotlineEvents.dossierId, d.id)))
    .orderBy(hotlineEvents.seq);
  return { estateName: names?.estateName ?? '', unitCode: names?.unitCode ?? null, responsibleName: names?.responsibleName ?? null, events };
}

/** Whether the user holds one of these roles in the estate (the named department head must). */
export async function holdsRoleIn(db: Queryable, estateId: string, userId: string, roles: readonly string[]): Promise<boolean> {
  const [r] = await db
    .select({ n: sql<number>`1` })
    .from(staffRoles)
    .innerJoin(users, eq(users.id, staffRoles.userId))
    .where(and(eq(staffRoles.estateId, estateId), eq(staffRoles.userId, userId), inArray(staffRoles.role, [...roles]), eq(users.active, true)))
    .limit(1);
  return Boolean(r);
}

/** Dossiers past their escalation time, not resolved, not yet escalated (R-GM-3); locked, skipping those another node holds. */
export async function claimDueEscalations(tx: Queryable, now: Date, limit: number): Promise<DossierRow[]> {
  return tx
    .select()
    .from(hotlineDossiers)
    .where(and(inArray(hotlineDossiers.status, ['awaiting_measures', 'in_hand']), sql`${hotlineDossiers.escalatedAt} is null`, lt(hotlineDossiers.escalateDueAt, now)))
    .orderBy(hotlineDossiers.escalateDueAt)
    .limit(limit)
    .for('update', { skipLocked: true });
}

/** The hotline's calls of [from, to), oldest first, with the estate, the unit and the dossier number. */
export async function callsBetween(db: Queryable, from: Date, to: Date) {
  return db
    .select({
      receivedAt: hotlineCalls.receivedAt,
      estateName: estates.name,
      unitCode: units.code,
      callerName: hotlineCalls.callerName,
      callerPhone: hotlineCalls.callerPhone,
      matter: hotlineCalls.matter,
      routed: hotlineCalls.routed,
      number: hotlineDossiers.number,
    })
    .from(hotlineCalls)
    .innerJoin(estates, eq(estates.id, hotlineCalls.estateId))
    .leftJoin(units, and(eq(units.estateId, hotlineCalls.estateId), eq(units.id, hotlineCalls.unitId)))
    .leftJoin(hotlineDossiers, and(eq(hotlineDossiers.estateId, hotlineCalls.estateId), eq(hotlineDossiers.id, hotlineCalls.dossierId)))
    .where(and(sql`${hotlineCalls.receivedAt} >= ${from}`, lt(hotlineCalls.receivedAt, to)))
    .orderBy(hotlineCalls.receivedAt);
}

/** Every open dossier with its latest recorded step (the daily follow-up, R-GM-5), oldest first. */
export async function openDossiersWithLatest(db: Queryable) {
  return db
    .select({
      d: hotlineDossiers,
      estateName: estates.name,
      latestAt: sql<Date | null>`(select e.at from ${hotlineEvents} e where e.estate_id = ${hotlineDossiers.estateId} and e.dossier_id = ${hotlineDossiers.id} order by e.seq desc limit 1)`,
      latestAction: sql<string | null>`(select e.action from ${hotlineEvents} e where e.estate_id = ${hotlineDossiers.estateId} and e.dossier_id = ${hotlineDossiers.id} order by e.seq desc limit 1)`,
    })
    .from(hotlineDossiers)
    .innerJoin(estates, eq(estates.id, hotlineDossiers.estateId))
    .where(sql`${hotlineDossiers.status} <> 'closed'`)
    .orderBy(hotlineDossiers.receivedAt);
}
