import type { Queryable } from '../../db/client.js';
import { eq } from 'drizzle-orm';
import type { CaseRow } from '../../db/repos/case-rows.js';
import { type TimelineEvent, caseWithRelations, caseWithTimeline, listCases } from '../../db/repos/cases.js';
import { invalid, notFound } from '../../errors.js';
import { type Actor, isStaffIn } from '../../policies/actor.js';
import { canSeeCase, casePolicy } from '../../policies/cases.js';
import { authorize } from '../../policies/policy.js';
import { estateScope } from '../../policies/scope.js';
import { cases, units } from '../../db/schema/index.js';
import { presentCase, presentCaseSummary, slaSummary } from '../../presenters/cases.js';
import { estateSettings } from '../../db/repos/estate-settings.js';
import type { CaseStatus } from '../../domain/case-lifecycle.js';
import { priorCaseRelation } from '../../domain/kpi.js';
import { DEFAULT_SETTINGS } from '../../domain/settings.js';

/**
 * The case page: the case, its orders, findings, approvals and the caller's actions; with
 * `timeline` also its events (the page in one request and one query instead of two of each).
 */
export async function getCase(db: Queryable, actor: Actor, caseId: string, opts: { timeline?: boolean } = {}) {
  // The case and its relations in one round trip; then the same checks as loadCaseFor(…, 'read').
  const found = await caseWithRelations(db, caseId, { events: opts.timeline });
  if (!found || !canSeeCase(actor, found.row)) throw notFound('案件');
  authorize(casePolicy, actor, 'read', found.row, true);
  const page = presentCase(actor, found.row, found.rel);
  return found.events ? { ...page, timeline: presentTimeline(found.row, found.events) } : page;
}

const presentTimeline = (row: CaseRow, events: TimelineEvent[]) => ({
  caseId: row.id,
  number: row.number,
  events: events.map((e) => ({ ...e, at: e.at.toISOString(), actorName: e.actorName ?? (e.actorId ? null : '系统') })),
});

export async function getTimeline(db: Queryable, actor: Actor, caseId: string) {
  // The case and its events in one round trip; then the same checks as loadCaseFor(…, 'read').
  const found = await caseWithTimeline(db, caseId);
  if (!found || !canSeeCase(actor, found.row)) throw notFound('案件');
  authorize(casePolicy, actor, 'read', found.row, true);
  return presentTimeline(found.row, found.events);
}

export interface CaseQuery {
  estateId?: string;
  status?: string[];
  kind?: string;
  urgency?: string;
  unitId?: string;
  q?: string;
  from?: string;
  to?: string;
  departmentId?: string;
  overdue?: boolean;
  sort?: 'opened' | 'due';
  cursor?: string;
  limit: number;
}

/** Opaque keyset cursor: the sort it belongs to, the last row's sort value (or '-' for none) and id. */
const encodeCursor = (sort: 'opened' | 'due', at: Date | null, id: string) =>
  Buffer.from(`${sort}|${at ? at.toISOString() : '-'}|${id}`).toString('base64url');
function decodeCursor(cursor: string | undefined, sort: 'opened' | 'due') {
  if (!cursor) return undefined;
  const [s, at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const ok = (s === sort && id && /^[0-9a-f-]{36}$/i.test(id)) as boolean;
  if (!ok) throw invalid('cursor', '分页游标无效，请从第一页重新查询', 'invalid cursor; start again from the first page');
  if (at === '-' && sort === 'due') return { at: null, id: id! };
  const d = new Date(at ?? '');
  if (Number.isNaN(d.getTime())) throw invalid('cursor', '分页游标无效，请从第一页重新查询', 'invalid cursor; start again from the first page');
  return { at: d, id: id! };
}

/** Cases the caller may see, filtered; residents see only their own. */
export async function searchCases(db: Queryable, actor: Actor, q: CaseQuery, opts: { countCap?: number } = {}) {
  const staffSomewhere = actor.groupRoles.length > 0 || actor.estateRoles.size > 0;
  const residentOnly = !staffSomewhere || (q.estateId !== undefined && !isStaffIn(actor, q.estateId));
  const sort = q.sort ?? 'opened';
  const { rows, total, totalCapped } = await listCases(db, {
    scope: estateScope(actor, cases.estateId),
    estateId: q.estateId,
    statuses: q.status,
    kind: q.kind,
    urgency: q.urgency,
    unitId: q.unitId,
    residentIds: residentOnly ? actor.residencies.map((r) => r.residentId) : undefined,
    openedBy: residentOnly ? actor.userId : undefined,
    q: q.q,
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(q.to) : undefined,
    departmentId: q.departmentId,
    overdue: q.overdue,
    sort,
    after: decodeCursor(q.cursor, sort),
    limit: q.limit,
    countCap: opts.countCap,
  });
  const last = rows[rows.length - 1];
  return {
    total,
    totalCapped,
    items: rows.map((r) => ({ ...presentCaseSummary(r), ...slaSummary(r.liveClocks) })),
    nextCursor: rows.length === q.limit && last ? encodeCursor(sort, sort === 'due' ? last.nextDueAt : last.openedAt, last.id) : null,
  };
}

/**
 * A unit's case history, newest first. Given the category of the report being taken, each case
 * says what it is to it (`relation`: 重复 `repeat` / 返修 `rework`, the domain's one rule), so the
 * desk sees repeats and rework before opening a new case.
 */
export async function unitHistory(db: Queryable, actor: Actor, unitId: string, q: { limit: number; category?: string }, now: Date) {
  const [unit] = await db.select().from(units).where(eq(units.id, unitId));
  const own = actor.residencies.some((r) => r.unitId === unitId);
  if (!unit || !(isStaffIn(actor, unit.estateId) || own)) throw notFound('房号');
  const page = await searchCases(db, actor, { estateId: unit.estateId, unitId, limit: q.limit });
  const windowDays = (await estateSettings(db, unit.estateId))?.reworkWindowDays ?? DEFAULT_SETTINGS.reworkWindowDays;
  const relationOf = (c: (typeof page.items)[number]) =>
    priorCaseRelation({ category: c.category, status: c.status as CaseStatus, completedAt: c.completedAt ? new Date(c.completedAt) : null }, q.category ?? null, now, windowDays);
  return { ...page, reworkWindowDays: windowDays, items: page.items.map((c) => ({ ...c, relation: relationOf(c) })) };
}
