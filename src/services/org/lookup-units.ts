import { and, asc, eq, like, not, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { cases, units } from '../../db/schema/index.js';
import { OPEN_STATUSES } from '../../domain/case-lifecycle.js';
import type { Actor } from '../../policies/actor.js';
import { requireOrgReader } from './guard.js';
import { presentUnit } from './structure.js';

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Finds units as the receptionist types: `3-1-502` exactly, `3-1-5` by prefix, `502` by room.
 * Prefix matches come first; each result carries how many open cases the unit has, so a repeat
 * is visible before a new case is opened.
 */
export async function lookupUnits(db: Queryable, actor: Actor, estateId: string, q: string) {
  requireOrgReader(actor, estateId);
  const text = escapeLike(q.trim());
  const prefix = await db
    .select()
    .from(units)
    .where(and(eq(units.estateId, estateId), like(units.code, `${text}%`)))
    .orderBy(asc(units.code))
    .limit(20);
  const rest =
    prefix.length < 20
      ? await db
          .select()
          .from(units)
          .where(and(eq(units.estateId, estateId), like(units.code, `%${text}%`), not(like(units.code, `${text}%`))))
          .orderBy(asc(units.code))
          .limit(20 - prefix.length)
      : [];
  const found = [...prefix, ...rest];
  const openCounts = found.length
    ? await db
        .select({ unitId: cases.unitId, n: sql<number>`count(*)::int` })
        .from(cases)
        .where(
          and(
            eq(cases.estateId, estateId),
            sql`${cases.unitId} in (${sql.join(found.map((u) => sql`${u.id}`), sql`, `)})`,
            sql`${cases.status} in (${sql.join(OPEN_STATUSES.map((s) => sql`${s}`), sql`, `)})`,
          ),
        )
        .groupBy(cases.unitId)
    : [];
  const open = new Map(openCounts.map((c) => [c.unitId, c.n]));
  return { items: found.map((u) => ({ ...presentUnit(u), openCases: open.get(u.id) ?? 0 })) };
}
