import { type SQL, and, desc, eq, ilike, inArray, lt, or, sql } from 'drizzle-orm';
import type { Queryable } from '../client.js';
import { approvals, caseCounters, caseEvents, caseFindings, cases, deadlines, residents, returnVisits, units, users, workOrders } from '../schema/index.js';

export type CaseRow = typeof cases.$inferSelect;

/** Takes the next case sequence of an estate and year; the row lock serialises concurrent openings. */
export async function nextCaseSeq(db: Queryable, estateId: string, year: number): Promise<number> {
  const [row] = await db
    .insert(caseCounters)
    .values({ estateId, year, lastSeq: 1 })
    .onConflictDoUpdate({ target: [caseCounters.estateId, caseCounters.year], set: { lastSeq: sql`${caseCounters.lastSeq} + 1` } })
    .returning({ seq: caseCounters.lastSeq });
  return row!.seq;
}

export async function unitInEstate(db: Queryable, estateId: string, unitId: string) {
  const [u] = await db.select().from(units).where(and(eq(units.estateId, estateId), eq(units.id, unitId)));
  return u;
}

export async function residentInEstate(db: Queryable, estateId: string, residentId: string) {
  const [r] = await db.select().from(residents).where(and(eq(residents.estateId, estateId), eq(residents.id, residentId)));
  return r;
}

/** Everything the case page shows besides the case row itself. */
export async function caseRelations(db: Queryable, c: CaseRow) {
  const scope = (col: typeof workOrders.estateId) => eq(col, c.estateId);
  const [orders, findings, approvalRows, unit, clocks, visits] = await Promise.all([
    db
      .select({
        id: workOrders.id,
        number: workOrders.number,
        status: workOrders.status,
        departmentId: workOrders.departmentId,
        technicianId: workOrders.technicianId,
        issuedAt: workOrders.issuedAt,
        completedAt: workOrders.completedAt,
        signedAt: workOrders.signedAt,
        feeCents: workOrders.feeCents,
      })
      .from(workOrders)
      .where(and(scope(workOrders.estateId), eq(workOrders.caseId, c.id)))
      .orderBy(workOrders.number),
    db.select().from(caseFindings).where(and(eq(caseFindings.estateId, c.estateId), eq(caseFindings.caseId, c.id))).orderBy(caseFindings.recordedAt),
    db.select().from(approvals).where(and(eq(approvals.estateId, c.estateId), eq(approvals.caseId, c.id))).orderBy(approvals.requestedAt),
    c.unitId ? unitInEstate(db, c.estateId, c.unitId) : Promise.resolve(undefined),
    db.select().from(deadlines).where(and(eq(deadlines.estateId, c.estateId), eq(deadlines.caseId, c.id))).orderBy(deadlines.dueAt),
    db.select().from(returnVisits).where(and(eq(returnVisits.estateId, c.estateId), eq(returnVisits.caseId, c.id))).orderBy(returnVisits.visitedAt),
  ]);
  return { orders, findings, approvals: approvalRows, unitCode: unit?.code ?? null, clocks, visits };
}

export interface CaseListFilter {
  scope?: SQL;
  estateId?: string;
  statuses?: string[];
  kind?: string;
  urgency?: string;
  unitId?: string;
  residentIds?: string[];
  openedBy?: string;
  q?: string;
  from?: Date;
  to?: Date;
  /** Keyset: cases opened before this (openedAt, id) pair. */
  after?: { openedAt: Date; id: string };
  limit: number;
}

/** Newest first, keyset-paginated so deep pages stay as fast as the first. */
export async function listCases(db: Queryable, f: CaseListFilter): Promise<{ rows: CaseRow[]; total: number }> {
  const text = f.q?.trim();
  const where = and(
    f.scope,
    f.estateId ? eq(cases.estateId, f.estateId) : undefined,
    f.statuses?.length ? inArray(cases.status, f.statuses) : undefined,
    f.kind ? eq(cases.kind, f.kind) : undefined,
    f.urgency ? eq(cases.urgency, f.urgency) : undefined,
    f.unitId ? eq(cases.unitId, f.unitId) : undefined,
    f.residentIds || f.openedBy
      ? or(f.residentIds?.length ? inArray(cases.residentId, f.residentIds) : undefined, f.openedBy ? eq(cases.openedBy, f.openedBy) : undefined)
      : undefined,
    text ? textMatch(text) : undefined,
    f.from ? sql`${cases.openedAt} >= ${f.from}` : undefined,
    f.to ? lt(cases.openedAt, f.to) : undefined,
  );
  const page = and(where, f.after ? sql`(${cases.openedAt}, ${cases.id}) < (${f.after.openedAt}, ${f.after.id})` : undefined);
  const [rows, [count]] = await Promise.all([
    db.select().from(cases).where(page).orderBy(desc(cases.openedAt), desc(cases.id)).limit(f.limit),
    db.select({ n: sql<number>`count(*)::int` }).from(cases).where(where),
  ]);
  return { rows, total: count?.n ?? 0 };
}

/** The timeline with actor names, oldest first. */
export async function caseTimeline(db: Queryable, estateId: string, caseId: string) {
  return db
    .select({
      seq: caseEvents.seq,
      at: caseEvents.at,
      action: caseEvents.action,
      subject: caseEvents.subject,
      before: caseEvents.before,
      after: caseEvents.after,
      note: caseEvents.note,
      actorId: caseEvents.actorId,
      actorName: users.displayName,
    })
    .from(caseEvents)
    .leftJoin(users, eq(users.id, caseEvents.actorId))
    .where(and(eq(caseEvents.estateId, estateId), eq(caseEvents.caseId, caseId)))
    .orderBy(caseEvents.seq);
}

/** The SLA clocks of several cases at once, for list rows (board colours). */
export async function clocksOfCases(db: Queryable, caseIds: string[]) {
  if (caseIds.length === 0) return [];
  return db.select().from(deadlines).where(inArray(deadlines.caseId, caseIds));
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Free-text search over description, number, phone, name and location. Terms of two or more
 * characters first narrow by the two-character-gram index (a trigram index cannot serve 漏水),
 * then ILIKE confirms the exact phrase.
 */
function textMatch(text: string): SQL {
  const like = `%${escapeLike(text)}%`;
  const phrase = or(
    ilike(cases.description, like),
    ilike(cases.number, like),
    ilike(cases.contactPhone, like),
    ilike(cases.contactName, like),
    ilike(cases.locationText, like),
  )!;
  return [...text].length >= 2 ? and(sql`${cases.searchGrams} @> propdesk_bigrams(${text})`, phrase)! : phrase;
}
