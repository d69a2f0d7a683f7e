import { type SQL, and, asc, desc, getTableColumns, eq, ilike, inArray, lt, or, sql } from 'drizzle-orm';
import type { Queryable } from '../client.js';
import { approvals, caseEvents, caseFindings, cases, deadlines, estates, residents, returnVisits, units, users, workOrders } from '../schema/index.js';

export type CaseRow = typeof cases.$inferSelect;

export async function unitInEstate(db: Queryable, estateId: string, unitId: string) {
  const [u] = await db.select().from(units).where(and(eq(units.estateId, estateId), eq(units.id, unitId)));
  return u;
}

/**
 * Everything opening a case reads before it writes, in one round trip: the estate's case prefix
 * and settings, whether the unit is the estate's, and the resident (found, and their unit).
 * `estate` is undefined when the estate does not exist.
 */
export async function intakeContext(db: Queryable, estateId: string, unitId: string | null, residentId: string | null) {
  const [row] = await db
    .select({
      casePrefix: estates.casePrefix,
      settings: estates.settings,
      unitCode: unitId
        ? sql<string | null>`(select u.code from ${units} u where u.estate_id = "estates"."id" and u.id = ${unitId})`
        : sql<string | null>`null`,
      residentFound: residentId
        ? sql<boolean>`exists (select 1 from ${residents} r where r.estate_id = "estates"."id" and r.id = ${residentId})`
        : sql<boolean>`false`,
      residentUnitId: residentId
        ? sql<string | null>`(select r.unit_id from ${residents} r where r.estate_id = "estates"."id" and r.id = ${residentId})`
        : sql<string | null>`null`,
      residentPhones: residentId
        ? sql<string[] | null>`(select r.phones from ${residents} r where r.estate_id = "estates"."id" and r.id = ${residentId})`
        : sql<string[] | null>`null`,
    })
    .from(estates)
    .where(eq(estates.id, estateId));
  return row;
}

export async function residentInEstate(db: Queryable, estateId: string, residentId: string) {
  const [r] = await db.select().from(residents).where(and(eq(residents.estateId, estateId), eq(residents.id, residentId)));
  return r;
}

type OrderSummary = Pick<
  typeof workOrders.$inferSelect,
  'id' | 'number' | 'status' | 'departmentId' | 'technicianId' | 'issuedAt' | 'completedAt' | 'signedAt' | 'feeCents'
>;

/** snake_case JSON row → camelCase object; `*_at` / `*_until` strings become Dates. */
function fromJsonRow<T>(row: Record<string, unknown>): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    const key = k.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
    out[key] = typeof v === 'string' && (k.endsWith('_at') || k.endsWith('_until')) ? new Date(v) : v;
  }
  return out as T;
}

/**
 * Everything the case page shows besides the case row itself, in one round trip (each part a
 * JSON sub-select on its estate-leading index), so a page costs the pool one connection, not six.
 */
export async function caseRelations(db: Queryable, c: CaseRow) {
  const e = c.estateId;
  const id = c.id;
  const res = (await db.execute(sql`select
    (select coalesce(json_agg(json_build_object('id', o.id, 'number', o.number, 'status', o.status, 'department_id', o.department_id,
        'technician_id', o.technician_id, 'issued_at', o.issued_at, 'completed_at', o.completed_at, 'signed_at', o.signed_at, 'fee_cents', o.fee_cents) order by o.number), '[]')
       from ${workOrders} o where o.estate_id = ${e} and o.case_id = ${id}) as orders,
    (select coalesce(json_agg(to_jsonb(f) order by f.recorded_at), '[]') from ${caseFindings} f where f.estate_id = ${e} and f.case_id = ${id}) as findings,
    (select coalesce(json_agg(to_jsonb(a) order by a.requested_at), '[]') from ${approvals} a where a.estate_id = ${e} and a.case_id = ${id}) as approvals,
    (select u.code from ${units} u where u.estate_id = ${e} and u.id = ${c.unitId}) as unit_code,
    (select coalesce(json_agg(to_jsonb(d) order by d.due_at), '[]') from ${deadlines} d where d.estate_id = ${e} and d.case_id = ${id}) as clocks,
    (select coalesce(json_agg(to_jsonb(v) order by v.visited_at), '[]') from ${returnVisits} v where v.estate_id = ${e} and v.case_id = ${id}) as visits`)) as unknown as {
    rows: { orders: unknown; findings: unknown; approvals: unknown; unit_code: string | null; clocks: unknown; visits: unknown }[];
  };
  return parseRelations(res.rows[0]!);
}

export type RelationsJson = { orders: unknown; findings: unknown; approvals: unknown; unit_code: string | null; clocks: unknown; visits: unknown };

export function parseRelations(r: RelationsJson) {
  const list = <T>(v: unknown): T[] => ((typeof v === 'string' ? JSON.parse(v) : v) as Record<string, unknown>[]).map((x) => fromJsonRow<T>(x));
  return {
    orders: list<OrderSummary>(r.orders),
    findings: list<typeof caseFindings.$inferSelect>(r.findings),
    approvals: list<typeof approvals.$inferSelect>(r.approvals),
    unitCode: r.unit_code ?? null,
    clocks: list<typeof deadlines.$inferSelect>(r.clocks),
    visits: list<typeof returnVisits.$inferSelect>(r.visits),
  };
}

export type CaseRelations = Awaited<ReturnType<typeof caseRelations>>;

/** The case page's relations of the outer `cases` row, as one JSON object (see caseRelations). */
const relationsOfRow = sql<unknown>`json_build_object(
    'orders', (select coalesce(json_agg(json_build_object('id', o.id, 'number', o.number, 'status', o.status, 'department_id', o.department_id,
        'technician_id', o.technician_id, 'issued_at', o.issued_at, 'completed_at', o.completed_at, 'signed_at', o.signed_at, 'fee_cents', o.fee_cents) order by o.number), '[]')
       from ${workOrders} o where o.estate_id = "cases"."estate_id" and o.case_id = "cases"."id"),
    'findings', (select coalesce(json_agg(to_jsonb(f) order by f.recorded_at), '[]') from ${caseFindings} f where f.estate_id = "cases"."estate_id" and f.case_id = "cases"."id"),
    'approvals', (select coalesce(json_agg(to_jsonb(a) order by a.requested_at), '[]') from ${approvals} a where a.estate_id = "cases"."estate_id" and a.case_id = "cases"."id"),
    'unit_code', (select u.code from ${units} u where u.estate_id = "cases"."estate_id" and u.id = "cases"."unit_id"),
    'clocks', (select coalesce(json_agg(to_jsonb(d) order by d.due_at), '[]') from ${deadlines} d where d.estate_id = "cases"."estate_id" and d.case_id = "cases"."id"),
    'visits', (select coalesce(json_agg(to_jsonb(v) order by v.visited_at), '[]') from ${returnVisits} v where v.estate_id = "cases"."estate_id" and v.case_id = "cases"."id"))`;

/**
 * A case found by id alone (the caller checks the estate is visible) together with everything
 * the case page shows, in one round trip: findCase and caseRelations in one statement, and with
 * `events` its timeline too (the case page in one request). The search grams are not read
 * (never shown; the longest column to parse).
 */
export async function caseWithRelations(
  db: Queryable,
  caseId: string,
  opts: { events?: boolean } = {},
): Promise<{ row: CaseRow; rel: CaseRelations; events?: TimelineEvent[] } | undefined> {
  const [found] = await db
    .select({ ...listColumns, searchGrams: sql<string[] | null>`null`, rel: relationsOfRow, events: opts.events ? eventsOfRow : sql<unknown>`null` })
    .from(cases)
    .where(eq(cases.id, caseId));
  if (!found) return undefined;
  const { rel, events, ...row } = found;
  const r = (typeof rel === 'string' ? JSON.parse(rel) : rel) as Record<string, unknown>;
  return { row, rel: parseRelations(r as RelationsJson), ...(opts.events ? { events: parseEvents(events) } : {}) };
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
  /** Cases with a non-void work order issued to this department. */
  departmentId?: string;
  /** true: an unsettled breached clock (red); false: none. */
  overdue?: boolean;
  /** opened: newest first (default); due: earliest running due time first, cases without one last. */
  sort?: 'opened' | 'due';
  /** Keyset: the (sort key, id) of the last row of the previous page; `at` null = no due time. */
  after?: { at: Date | null; id: string };
  limit: number;
  /** Count exactly up to this many (default TOTAL_CAP); 0: do not count (the later pages of an export). */
  countCap?: number;
}

/** An unsettled clock of a case as the board colour needs it (see presenters slaSummary). */
export interface LiveClock {
  caseId: string;
  state: string;
  dueAt: Date;
  settledAt: null;
  pausedAt: Date | null;
}

/** The unsettled clocks of each listed case, fetched in the list query itself (one round trip). */
const liveClocksOf = sql<unknown>`(select coalesce(json_agg(json_build_array(d.state, d.due_at, d.paused_at)), '[]'::json) from ${deadlines} d
  where d.estate_id = "cases"."estate_id" and d.case_id = "cases"."id" and d.settled_at is null)`;

function parseLiveClocks(caseId: string, v: unknown): LiveClock[] {
  const list = (typeof v === 'string' ? JSON.parse(v) : v) as [string, string, string | null][];
  return list.map(([state, due, paused]) => ({ caseId, state, dueAt: new Date(due), settledAt: null, pausedAt: paused ? new Date(paused) : null }));
}

/** `total` counts exactly up to this many matching cases; beyond it `totalCapped` is true. */
export const TOTAL_CAP = 1000;
/** The same for a free-text search (q), whose matches are costlier to count. */
export const SEARCH_TOTAL_CAP = 100;
/** A text search first walks at most this many newest cases of the scope, a chunk at a time (see searchWalk). */
const SEARCH_WINDOW = 20_000;
const SEARCH_CHUNK = 500;

/** The board sort key of `sort=due`: cases with no running clock sort last (index cases_due_idx). */
const dueKey = sql`coalesce(${cases.nextDueAt}, 'infinity'::timestamptz)`;

type ListedCase = CaseRow & { liveClocks: LiveClock[] };

/** A list row needs every column but the search grams (never shown; parsing them costs). */
const { searchGrams: _grams, ...listColumns } = getTableColumns(cases);

/**
 * Newest first or soonest due first, keyset-paginated so deep pages stay as fast as the first.
 * `total` is exact up to TOTAL_CAP (SEARCH_TOTAL_CAP with q); beyond it `totalCapped` is true and
 * `total` is the cap, so counting stays cheap on large sets.
 */
export async function listCases(db: Queryable, f: CaseListFilter): Promise<{ rows: ListedCase[]; total: number; totalCapped: boolean }> {
  const text = f.q?.trim();
  const base = and(
    f.scope,
    f.estateId ? eq(cases.estateId, f.estateId) : undefined,
    f.statuses?.length ? inArray(cases.status, f.statuses) : undefined,
    f.kind ? eq(cases.kind, f.kind) : undefined,
    f.urgency ? eq(cases.urgency, f.urgency) : undefined,
    f.unitId ? eq(cases.unitId, f.unitId) : undefined,
    f.residentIds || f.openedBy
      ? or(f.residentIds?.length ? inArray(cases.residentId, f.residentIds) : undefined, f.openedBy ? eq(cases.openedBy, f.openedBy) : undefined)
      : undefined,
    f.from ? sql`${cases.openedAt} >= ${f.from}` : undefined,
    f.to ? lt(cases.openedAt, f.to) : undefined,
    f.overdue === undefined ? undefined : eq(cases.breached, f.overdue),
    f.departmentId
      ? sql`exists (select 1 from ${workOrders} o where o.estate_id = "cases"."estate_id" and o.case_id = "cases"."id" and o.department_id = ${f.departmentId} and o.status <> 'void')`
      : undefined,
  );
  const due = f.sort === 'due';
  const keyset = !f.after
    ? undefined
    : due
      ? sql`(${dueKey}, ${cases.id}) > (coalesce(${f.after.at}::timestamptz, 'infinity'::timestamptz), ${f.after.id}::uuid)`
      : sql`(${cases.openedAt}, ${cases.id}) < (${f.after.at}::timestamptz, ${f.after.id}::uuid)`;
  const order = due ? [asc(dueKey), asc(cases.id)] : [desc(cases.openedAt), desc(cases.id)];
  const page = (where: SQL | undefined) =>
    db
      .select({ ...listColumns, searchGrams: sql<string[] | null>`null`, liveClocks: liveClocksOf })
      .from(cases)
      .where(where)
      .orderBy(...order)
      .limit(f.limit);
  const parse = (rows: Awaited<ReturnType<typeof page>>): ListedCase[] => rows.map((r) => ({ ...r, liveClocks: parseLiveClocks(r.id, r.liveClocks) }));

  if (text && [...text].length >= 2) {
    // Text search: see searchWalk. The count comes from the same bounded walk.
    const firstPage = !f.after;
    const counted = await searchWalk(db, base, text, undefined, Math.max(SEARCH_TOTAL_CAP + 1, firstPage ? f.limit : 0), due);
    const ids = firstPage ? counted.slice(0, f.limit) : await searchWalk(db, base, text, keyset, f.limit, due);
    const rows = ids.length ? parse(await page(and(base, inArray(cases.id, ids), keyset))) : [];
    return { rows, total: Math.min(counted.length, SEARCH_TOTAL_CAP), totalCapped: counted.length > SEARCH_TOTAL_CAP };
  }

  const where = and(base, text ? textMatch(text) : undefined);
  // The capped count rides along in the page query (an uncorrelated sub-select, run once): one
  // round trip per page. Only an empty page after a cursor needs it asked separately.
  const cap = f.countCap ?? TOTAL_CAP;
  const countSql = cap === 0 ? sql<number>`0` : sql<number>`(select count(*)::int from (select 1 from ${cases} where ${where ?? sql`true`} limit ${cap + 1}) capped)`;
  const rows = await db
    .select({ ...listColumns, searchGrams: sql<string[] | null>`null`, liveClocks: liveClocksOf, total: countSql })
    .from(cases)
    .where(and(where, keyset))
    .orderBy(...order)
    .limit(f.limit);
  let n = rows[0]?.total ?? 0;
  if (rows.length === 0 && f.after) [{ n }] = (await db.select({ n: countSql }).from(sql`(select 1) one`)) as [{ n: number }];
  return { rows: parse(rows.map(({ total: _t, ...r }) => r)), total: Math.min(Number(n), cap), totalCapped: Number(n) > cap };
}

/**
 * The ids of the first `limit` cases, in the list's order (newest first, or soonest due),
 * matching a text of 2+ characters. A term as common as 漏水 (one case in ten) is found fastest
 * by walking the cases in list order; a rare one by the gram index — and PostgreSQL's estimate
 * for several grams is far off (it multiplies 热水 and 水器 as if independent), so the planner
 * cannot be left to choose. The walk goes in chunks (SEARCH_CHUNK, then doubling) along the
 * list's index order, testing each row; once the hit rate shows the first SEARCH_WINDOW cases
 * will not yield `limit` matches, the gram index (GIN) serves the query.
 */
async function searchWalk(db: Queryable, base: SQL | undefined, text: string, keyset: SQL | undefined, limit: number, due: boolean): Promise<string[]> {
  const key = due ? dueKey : sql`${cases.openedAt}`;
  const dir = due ? sql`asc` : sql`desc`;
  const found: string[] = [];
  let after = keyset;
  for (let scanned = 0, size = SEARCH_CHUNK; scanned < SEARCH_WINDOW; scanned += size, size *= 2) {
    const chunk = sql`select * from ${cases} where ${and(base, after) ?? sql`true`} order by ${key} ${dir}, ${cases.id} ${dir} limit ${size}`;
    const res = (await db.execute(sql`
      select id, k, hit, n from (
        select "cases"."id", (${key})::text as k, (${textMatch(text, false)}) as hit, row_number() over () as n from (${chunk}) as "cases"
      ) s where hit or n = ${size}`)) as unknown as { rows: { id: string; k: string; hit: boolean; n: number | string }[] };
    for (const r of res.rows) if (r.hit && found.length < limit) found.push(r.id);
    if (found.length >= limit) return found;
    const last = res.rows.find((r) => Number(r.n) === size);
    if (!last) return found; // the scope holds no more cases
    const seen = scanned + size;
    // Not enough at this hit rate within the window: let the gram index find them.
    if ((found.length / seen) * SEARCH_WINDOW < limit) break;
    after = due
      ? sql`(${key}, ${cases.id}) > (${last.k}::timestamptz, ${last.id}::uuid)`
      : sql`(${key}, ${cases.id}) < (${last.k}::timestamptz, ${last.id}::uuid)`;
  }
  const rows = await db
    .select({ id: cases.id })
    .from(cases)
    .where(and(base, keyset, textMatch(text)))
    .orderBy(...(due ? [asc(dueKey), asc(cases.id)] : [desc(cases.openedAt), desc(cases.id)]))
    .limit(limit);
  return rows.map((r) => r.id);
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

export interface TimelineEvent {
  seq: number;
  at: Date;
  action: string;
  subject: string | null;
  before: unknown;
  after: unknown;
  note: string | null;
  actorId: string | null;
  actorName: string | null;
}

/** The timeline of the outer `cases` row with actor names, oldest first, as one JSON array. */
const eventsOfRow = sql<unknown>`(select coalesce(json_agg(json_build_array(e.seq, e.at, e.action, e.subject, e.before, e.after, e.note, e.actor_id, u.display_name) order by e.seq), '[]')
  from ${caseEvents} e left join ${users} u on u.id = e.actor_id where e.estate_id = "cases"."estate_id" and e.case_id = "cases"."id")`;

type EventJson = [number | string, string, string, string | null, unknown, unknown, string | null, string | null, string | null];

function parseEvents(v: unknown): TimelineEvent[] {
  const list = (typeof v === 'string' ? JSON.parse(v) : v) as EventJson[];
  return list.map(([seq, at, action, subject, before, after, note, actorId, actorName]) => ({
    seq: Number(seq),
    at: new Date(at),
    action,
    subject,
    before,
    after,
    note,
    actorId,
    actorName,
  }));
}

/**
 * A case found by id alone (the caller checks the estate is visible) with its timeline (as
 * caseTimeline: actor names, oldest first), in one round trip.
 */
export async function caseWithTimeline(db: Queryable, caseId: string): Promise<{ row: CaseRow; events: TimelineEvent[] } | undefined> {
  const [found] = await db
    .select({ ...listColumns, searchGrams: sql<string[] | null>`null`, events: eventsOfRow })
    .from(cases)
    .where(eq(cases.id, caseId));
  if (!found) return undefined;
  const { events, ...row } = found;
  return { row, events: parseEvents(events) };
}

/** The SLA clocks of several cases at once, for list rows (board colours). */
export async function clocksOfCases(db: Queryable, keys: { estateId: string; id: string }[]) {
  if (keys.length === 0) return [];
  const estateIds = [...new Set(keys.map((k) => k.estateId))];
  return db
    .select()
    .from(deadlines)
    .where(and(inArray(deadlines.estateId, estateIds), inArray(deadlines.caseId, keys.map((k) => k.id))));
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Free-text search over description, number, phone, name and location. Terms of two or more
 * characters first narrow by the two-character-gram index (a trigram index cannot serve 漏水),
 * then ILIKE confirms the exact phrase.
 */
function textMatch(text: string, useIndex = true): SQL {
  const like = `%${escapeLike(text)}%`;
  const phrase = or(
    ilike(cases.description, like),
    ilike(cases.number, like),
    ilike(cases.contactPhone, like),
    ilike(cases.contactName, like),
    ilike(cases.locationText, like),
  )!;
  const grams = useIndex ? sql`${cases.searchGrams}` : sql`coalesce(${cases.searchGrams}, '{}')`;
  return [...text].length >= 2 ? and(sql`${grams} @> propdesk_bigrams(${text})`, phrase)! : phrase;
}
