import { type SQL, inArray, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Actor } from './actor.js';
import { visibleEstates } from './actor.js';

/**
 * The list filter every query over tenant data must carry: the caller's estates, or nothing
 * for group roles. An actor with no estates gets a condition that matches no row.
 */
export function estateScope(actor: Actor, column: PgColumn): SQL | undefined {
  const ids = visibleEstates(actor);
  if (ids === 'all') return undefined;
  if (ids.length === 0) return sql`false`;
  return inArray(column, ids);
}

/**
 * Like estateScope, but only the estates where the caller is staff: lists of staff-only data
 * (work orders) filter with it before the limit, so totals count only what the caller may see.
 */
export function staffEstateScope(actor: Actor, column: PgColumn): SQL | undefined {
  if (actor.groupRoles.length > 0) return undefined;
  const ids = [...actor.estateRoles.entries()].filter(([, roles]) => roles.size > 0).map(([id]) => id);
  if (ids.length === 0) return sql`false`;
  return inArray(column, ids);
}

/** True when the actor may see data of this estate at all (staff there, resident there, or group). */
export function canSeeEstate(actor: Actor, estateId: string): boolean {
  const ids = visibleEstates(actor);
  return ids === 'all' || ids.includes(estateId);
}

/** True when the actor works in this estate (a role there) or for the group; residents are not staff. */
export function isStaffOf(actor: Actor, estateId: string): boolean {
  return actor.groupRoles.length > 0 || (actor.estateRoles.get(estateId)?.size ?? 0) > 0;
}
