import { and, eq, sql } from 'drizzle-orm';
import type { Role } from '../../domain/roles.js';
import type { Queryable } from '../client.js';
import { staffRoles, users } from '../schema/index.js';

/** Active users who hold `role` in the estate, or as a group role (quality office, hotline). */
export async function usersWithRole(db: Queryable, estateId: string, role: Role): Promise<string[]> {
  const local = await db
    .select({ id: staffRoles.userId })
    .from(staffRoles)
    .innerJoin(users, eq(users.id, staffRoles.userId))
    .where(and(eq(staffRoles.estateId, estateId), eq(staffRoles.role, role), eq(users.active, true)));
  const group = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.active, true), sql`${role} = any(${users.groupRoles})`));
  return [...new Set([...local, ...group].map((r) => r.id))];
}
