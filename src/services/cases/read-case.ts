import type { Queryable } from '../../db/client.js';
import { eq } from 'drizzle-orm';
import { caseRelations, caseTimeline, clocksOfCases, listCases } from '../../db/repos/cases.js';
import { notFound } from '../../errors.js';
import { type Actor, isStaffIn } from '../../policies/actor.js';
import { estateScope } from '../../policies/scope.js';
import { cases, units } from '../../db/schema/index.js';
import { presentCase, presentCaseSummary, slaSummary } from '../../presenters/cases.js';
import { loadCaseFor } from './load-case.js';

/** The case page: the case, its orders, findings, approvals and the caller's actions. */
export async function getCase(db: Queryable, actor: Actor, caseId: string) {
  const row = await loadCaseFor(db, actor, caseId, 'read');
  return presentCase(actor, row, await caseRelations(db, row));
}

export async function getTimeline(db: Queryable, actor: Actor, caseId: string) {
  const row = await loadCaseFor(db, actor, caseId, 'read');
  const events = await caseTimeline(db, row.estateId, row.id);
  return {
    caseId: row.id,
    number: row.number,
    events: events.map((e) => ({ ...e, at: e.at.toISOString(), actorName: e.actorName ?? (e.actorId ? null : '系统') })),
  };
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
  cursor?: string;
  limit: number;
}

const encodeCursor = (openedAt: Date, id: string) => Buffer.from(`${openedAt.toISOString()}|${id}`).toString('base64url');
function decodeCursor(cursor: string | undefined) {
  if (!cursor) return undefined;
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const openedAt = new Date(at ?? '');
  return id && !Number.isNaN(openedAt.getTime()) ? { openedAt, id } : undefined;
}

/** Cases the caller may see, filtered; residents see only their own. */
export async function searchCases(db: Queryable, actor: Actor, q: CaseQuery) {
  const staffSomewhere = actor.groupRoles.length > 0 || actor.estateRoles.size > 0;
  const residentOnly = !staffSomewhere || (q.estateId !== undefined && !isStaffIn(actor, q.estateId));
  const { rows, total } = await listCases(db, {
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
    after: decodeCursor(q.cursor),
    limit: q.limit,
  });
  const last = rows[rows.length - 1];
  const clocks = await clocksOfCases(db, rows.map((r) => r.id));
  return {
    total,
    items: rows.map((r) => ({ ...presentCaseSummary(r), ...slaSummary(clocks.filter((c) => c.caseId === r.id)) })),
    nextCursor: rows.length === q.limit && last ? encodeCursor(last.openedAt, last.id) : null,
  };
}

/** A unit's case history, newest first: repeats and rework are visible before a new case is opened. */
export async function unitHistory(db: Queryable, actor: Actor, unitId: string, limit: number) {
  const [unit] = await db.select().from(units).where(eq(units.id, unitId));
  const own = actor.residencies.some((r) => r.unitId === unitId);
  if (!unit || !(isStaffIn(actor, unit.estateId) || own)) throw notFound('房号');
  return searchCases(db, actor, { estateId: unit.estateId, unitId, limit });
}
