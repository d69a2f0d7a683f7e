import { and, eq, gt, sql } from 'drizzle-orm';
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

/**
 * The actor behind a live session in one round trip (session, user, estate roles, residencies),
 * with the session's expiry (the session cache never serves it past that): it runs before every
 * authenticated request not served from the cache, so it is one query instead of four.
 */
export async function actorForSession(db: Queryable, tokenHash: string, now: Date): Promise<{ actor: Actor; expiresAt: Date } | undefined> {
  const res = (await db.execute(sql`
    select u.id, u.username, u.display_name, u.group_roles, s.expires_at,
      coalesce((select json_agg(json_build_array(r.estate_id, r.role, r.department_id)) from staff_roles r where r.user_id = u.id), '[]'::json) as roles,
      coalesce((select json_agg(json_build_array(h.estate_id, h.id, h.unit_id)) from residents h where h.user_id = u.id), '[]'::json) as homes
    from sessions s join users u on u.id = s.user_id and u.active
    where s.token_hash = ${tokenHash} and s.expires_at > ${now.toISOString()}::timestamptz`)) as unknown as { rows: Record<string, unknown>[] };
  const row = res.rows[0];
  if (!row) return undefined;
  const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
  const estateRoles = new Map<string, Set<Role>>();
  const departments = new Map<string, Set<string>>();
  for (const [estateId, role, departmentId] of json<[string, string, string | null][]>(row.roles)) {
    if (!estateRoles.has(estateId)) estateRoles.set(estateId, new Set());
    estateRoles.get(estateId)!.add(role as Role);
    if (departmentId) {
      if (!departments.has(estateId)) departments.set(estateId, new Set());
      departments.get(estateId)!.add(departmentId);
    }
  }
  const groupRoles = row.group_roles;
  const actor: Actor = {
    userId: row.id as string,
    username: row.username as string,
    displayName: row.display_name as string,
    groupRoles: (Array.isArray(groupRoles) ? groupRoles : parsePgArray(String(groupRoles ?? '{}'))) as Role[],
    estateRoles,
    departments,
    residencies: json<[string, string, string][]>(row.homes).map(([estateId, residentId, unitId]) => ({ estateId, residentId, unitId })),
  };
  return { actor, expiresAt: new Date(row.expires_at as string | Date) };
}

/** `{a,b}` → ['a','b'] for a text[] a driver returned unparsed (role names need no quoting). */
function parsePgArray(text: string): string[] {
  const inner = text.replace(/^\{|\}$/g, '');
  return inner ? inner.split(',').map((x) => x.replace(/^"|"$/g, '')) : [];
}
