import { and, eq, gt } from 'drizzle-orm';
import type { Role } from '../../domain/roles.js';
import type { Actor } from '../../policies/actor.js';
import type { Queryable } from '../client.js';
import { residents, sessions, staffRoles, users } from '../schema/index.js';

/** Loads everything authorisation needs about a user in three small queries. */
export async function loadActor(db: Queryable, userId: string): Promise<Actor | undefined> {
  const [user] = await db.select().from(users).where(and(eq(users.id, userId), eq(users.active, true)));
  if (!user) return undefined;
  const roles = await db.select().from(staffRoles).where(eq(staffRoles.userId, userId));
  const homes = await db
    .select({ estateId: residents.estateId, residentId: residents.id, unitId: residents.unitId })
    .from(residents)
    .where(eq(residents.userId, userId));
  const estateRoles = new Map<string, Set<Role>>();
  const departments = new Map<string, Set<string>>();
  for (const r of roles) {
    if (!estateRoles.has(r.estateId)) estateRoles.set(r.estateId, new Set());
    estateRoles.get(r.estateId)!.add(r.role as Role);
    if (r.departmentId) {
      if (!departments.has(r.estateId)) departments.set(r.estateId, new Set());
      departments.get(r.estateId)!.add(r.departmentId);
    }
  }
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    groupRoles: user.groupRoles as Role[],
    estateRoles,
    departments,
    residencies: homes,
  };
}

export async function userIdForSession(db: Queryable, tokenHash: string, now: Date): Promise<string | undefined> {
  const [s] = await db
    .select({ userId: sessions.userId })
    .from(sessions)
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now)));
  return s?.userId;
}
