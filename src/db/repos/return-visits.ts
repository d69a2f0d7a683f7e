import { and, asc, eq, gte, lt } from 'drizzle-orm';
import type { Queryable } from '../client.js';
import { cases, returnVisits, units, users } from '../schema/index.js';

/** An estate's return visits recorded in [from, to), oldest first, with their case and the visitor: the 回访记录表. */
export async function returnVisitRegister(db: Queryable, estateId: string, from: Date, to: Date) {
  return db
    .select({
      visitedAt: returnVisits.visitedAt,
      kind: returnVisits.kind,
      outcome: returnVisits.outcome,
      exemptReason: returnVisits.exemptReason,
      satisfaction: returnVisits.satisfaction,
      opinion: returnVisits.opinion,
      visitor: users.displayName,
      caseNumber: cases.number,
      unitCode: units.code,
      locationText: cases.locationText,
      contactName: cases.contactName,
      contactPhone: cases.contactPhone,
    })
    .from(returnVisits)
    .innerJoin(cases, and(eq(cases.estateId, returnVisits.estateId), eq(cases.id, returnVisits.caseId)))
    .leftJoin(units, and(eq(units.estateId, cases.estateId), eq(units.id, cases.unitId)))
    .leftJoin(users, eq(users.id, returnVisits.visitedBy))
    .where(and(eq(returnVisits.estateId, estateId), gte(returnVisits.visitedAt, from), lt(returnVisits.visitedAt, to)))
    .orderBy(asc(returnVisits.visitedAt), asc(returnVisits.id));
}
