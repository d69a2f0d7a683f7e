import { and, desc, eq, ilike, inArray, lt, or, sql } from 'drizzle-orm';
import type { Queryable } from '../client.js';
import { takeYearSeq } from './year-counter.js';
import { cases, estates, qualityComplaints, qualityCounters, qualityEvents, units, users } from '../schema/index.js';

export type QualityComplaintRow = typeof qualityComplaints.$inferSelect;
export type NewQualityComplaint = Omit<typeof qualityComplaints.$inferInsert, 'id'>;

/** The next number of the group's Beijing year (never reused). */
export const takeQualitySeq = (tx: Queryable, year: number) => takeYearSeq(tx, qualityCounters, year);

export async function insertQualityComplaint(tx: Queryable, values: NewQualityComplaint): Promise<QualityComplaintRow> {
  const [row] = await tx.insert(qualityComplaints).values(values).returning();
  return row!;
}

export async function findQualityComplaint(db: Queryable, id: string, opts: { lock?: boolean } = {}): Promise<QualityComplaintRow | undefined> {
  const q = db.select().from(qualityComplaints).where(eq(qualityComplaints.id, id));
  const [row] = opts.lock ? await q.for('update') : await q;
  return row;
}

export async function updateQualityComplaint(tx: Queryable, row: QualityComplaintRow, patch: Partial<QualityComplaintRow>): Promise<QualityComplaintRow> {
  const [next] = await tx
    .update(qualityComplaints)
    .set({ ...patch, version: row.version + 1 })
    .where(and(eq(qualityComplaints.estateId, row.estateId), eq(qualityComplaints.id, row.id)))
    .returning();
  return next!;
}

export async function appendQualityEvent(tx: Queryable, e: { estateId: string; complaintId: string; at: Date; actorId: string | null; action: string; after?: unknown; note?: string | null }) {
  await tx.insert(qualityEvents).values({ ...e, after: e.after ?? null, note: e.note ?? null });
}

/** Which estates' complaints the caller lists: every one (quality), or those they work in. */
export type QualityScope = { allEstates: true } | { allEstates: false; estates: string[] };

export interface QualityQuery {
  estateId?: string;
  source?: string;
  status?: string;
  open?: boolean;
  overdue?: boolean;
  /** Words in the matter, or the number. */
  q?: string;
  now: Date;
  limit: number;
  offset: number;
}

const like = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** A page of complaints, newest first; the scope is part of the query, before count and limit. */
export async function listQualityComplaints(db: Queryable, scope: QualityScope, q: QualityQuery) {
  const t = qualityComplaints;
  const where = and(
    scope.allEstates ? undefined : scope.estates.length > 0 ? inArray(t.estateId, scope.estates) : sql`false`,
    q.estateId ? eq(t.estateId, q.estateId) : undefined,
    q.source ? eq(t.source, q.source) : undefined,
    q.status ? eq(t.status, q.status) : undefined,
    q.open ? inArray(t.status, ['open', 'handed_down', 'resolved']) : undefined,
    q.overdue ? and(inArray(t.status, ['open', 'handed_down']), lt(t.replyDueAt, q.now)) : undefined,
    q.q ? or(ilike(t.matter, like(q.q)), ilike(t.number, like(q.q)), ilike(t.sourceRef, like(q.q))) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db
      .select({ c: t, estateName: estates.name, unitCode: units.code, caseNumber: cases.number })
      .from(t)
      .innerJoin(estates, eq(estates.id, t.estateId))
      .leftJoin(units, and(eq(units.estateId, t.estateId), eq(units.id, t.unitId)))
      .leftJoin(cases, and(eq(cases.estateId, t.estateId), eq(cases.id, t.caseId)))
      .where(where)
      .orderBy(desc(t.receivedAt), desc(t.id))
      .limit(q.limit)
      .offset(q.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(t).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** The names a complaint page shows, and its history with who took each step. */
export async function qualityComplaintDetails(db: Queryable, c: QualityComplaintRow) {
  const [names] = await db
    .select({
      estateName: estates.name,
      unitCode: sql<string | null>`(select u.code from ${units} u where u.estate_id = ${c.estateId} and u.id = ${c.unitId})`,
      caseNumber: sql<string | null>`(select k.number from ${cases} k where k.estate_id = ${c.estateId} and k.id = ${c.caseId})`,
    })
    .from(estates)
    .where(eq(estates.id, c.estateId));
  const events = await db
    .select({ seq: qualityEvents.seq, at: qualityEvents.at, actorId: qualityEvents.actorId, actorName: users.displayName, action: qualityEvents.action, after: qualityEvents.after, note: qualityEvents.note })
    .from(qualityEvents)
    .leftJoin(users, eq(users.id, qualityEvents.actorId))
    .where(and(eq(qualityEvents.estateId, c.estateId), eq(qualityEvents.complaintId, c.id)))
    .orderBy(qualityEvents.seq);
  return { estateName: names?.estateName ?? '', unitCode: names?.unitCode ?? null, caseNumber: names?.caseNumber ?? null, events };
}

export interface HotRegistryQuery {
  estateId?: string;
  kind?: 'hot' | 'major';
  open?: boolean;
  limit: number;
  offset: number;
}

/**
 * R-HOT-1/2: every hot or major complaint of the estates in scope, newest first, with its 4 h
 * report clock (the latest hot_report deadline) and how often and when it was last reported.
 */
export async function hotMajorRegistry(db: Queryable, scope: QualityScope, q: HotRegistryQuery) {
  const where = and(
    scope.allEstates ? undefined : scope.estates.length > 0 ? inArray(cases.estateId, scope.estates) : sql`false`,
    q.kind === 'major' ? eq(cases.major, true) : q.kind === 'hot' ? and(eq(cases.hot, true), eq(cases.major, false)) : or(eq(cases.hot, true), eq(cases.major, true)),
    q.estateId ? eq(cases.estateId, q.estateId) : undefined,
    q.open ? sql`${cases.status} not in ('closed','closed_unresolved','cancelled')` : undefined,
  );
  const lastClock = (col: string) =>
    sql.raw(`(select d.${col} from deadlines d where d.estate_id = cases.estate_id and d.case_id = cases.id and d.clock = 'hot_report' order by d.started_at desc limit 1)`);
  const [rows, [total]] = await Promise.all([
    db
      .select({
        estateId: cases.estateId,
        estateName: estates.name,
        id: cases.id,
        number: cases.number,
        description: cases.description,
        status: cases.status,
        hot: cases.hot,
        major: cases.major,
        complainants: cases.complainants,
        openedAt: cases.openedAt,
        closedAt: cases.closedAt,
        qualityComplaintId: cases.qualityComplaintId,
        reportDueAt: sql<Date | null>`${lastClock('due_at')}`.mapWith(cases.openedAt),
        reportState: sql<string | null>`${lastClock('state')}`,
        reports: sql<number>`(select count(*)::int from case_events e where e.estate_id = cases.estate_id and e.case_id = cases.id and e.action = 'case.hot_reported')`,
        lastReportedAt: sql<Date | null>`(select max(e.at) from case_events e where e.estate_id = cases.estate_id and e.case_id = cases.id and e.action = 'case.hot_reported')`.mapWith(cases.openedAt),
      })
      .from(cases)
      .innerJoin(estates, eq(estates.id, cases.estateId))
      .where(where)
      .orderBy(desc(cases.openedAt), desc(cases.id))
      .limit(q.limit)
      .offset(q.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(cases).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}
