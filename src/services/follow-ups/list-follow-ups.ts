import { maskPhone } from '../../domain/personal-data.js';
import { and, asc, eq } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { cases, followUps, units } from '../../db/schema/index.js';
import { type Actor, hasAnyRole } from '../../policies/actor.js';
import { estateScope } from '../../policies/scope.js';

export interface FollowUpQuery {
  estateId?: string;
  caseId?: string;
  state: 'open' | 'done' | 'cancelled';
  limit: number;
}

/**
 * The follow-up queue (R-FU-1, R-FU-2), soonest due first, with the case it is about so the
 * receptionist can call without opening it. A task shows to its assignee role and to the
 * supervisors above it; never outside the caller's estates.
 */
export async function listFollowUps(db: Queryable, actor: Actor, q: FollowUpQuery) {
  const rows = await db
    .select({ f: followUps, number: cases.number, description: cases.description, status: cases.status, contactPhone: cases.contactPhone, locationText: cases.locationText, unitCode: units.code })
    .from(followUps)
    .innerJoin(cases, and(eq(cases.estateId, followUps.estateId), eq(cases.id, followUps.caseId)))
    .leftJoin(units, and(eq(units.estateId, cases.estateId), eq(units.id, cases.unitId)))
    .where(
      and(
        estateScope(actor, followUps.estateId),
        q.estateId ? eq(followUps.estateId, q.estateId) : undefined,
        q.caseId ? eq(followUps.caseId, q.caseId) : undefined,
        eq(followUps.state, q.state),
      ),
    )
    .orderBy(asc(followUps.dueAt))
    .limit(q.limit);
  return {
    items: rows
      .filter(({ f }) => hasAnyRole(actor, f.estateId, [f.assigneeRole as 'receptionist', 'supervisor', 'project_manager']))
      .map(({ f, ...c }) => ({
        id: f.id,
        estateId: f.estateId,
        caseId: f.caseId,
        caseNumber: c.number,
        caseStatus: c.status,
        caseDescription: c.description,
        where: c.unitCode ?? c.locationText,
        contactPhone: maskPhone(c.contactPhone),
        kind: f.kind,
        assigneeRole: f.assigneeRole,
        dueAt: f.dueAt.toISOString(),
        state: f.state,
        note: f.note,
        doneAt: f.doneAt?.toISOString() ?? null,
      })),
  };
}
