import type { Role } from '../domain/roles.js';

/** Who is calling: loaded once per request from the session, passed to every service. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  /** Roles that apply in every estate (quality office, hotline, group admin). */
  groupRoles: Role[];
  /** estateId → roles held there. */
  estateRoles: Map<string, Set<Role>>;
  /** estateId → departments the staff member belongs to (technicians, dispatchers). */
  departments: Map<string, Set<string>>;
  /** The resident records this login is (a person may be a resident of several units). */
  residencies: { estateId: string; residentId: string; unitId: string }[];
}

/** Roles the actor holds in an estate, group roles included. */
export function rolesIn(actor: Actor, estateId: string): Set<Role> {
  const roles = new Set<Role>(actor.groupRoles);
  for (const r of actor.estateRoles.get(estateId) ?? []) roles.add(r);
  if (actor.residencies.some((r) => r.estateId === estateId)) roles.add('resident');
  return roles;
}

export function hasAnyRole(actor: Actor, estateId: string, roles: readonly Role[]): boolean {
  const held = rolesIn(actor, estateId);
  return roles.some((r) => held.has(r));
}

/** Group roles see all estates; everybody else only theirs. 'all' or the list of estate ids. */
export function visibleEstates(actor: Actor): 'all' | string[] {
  if (actor.groupRoles.length > 0) return 'all';
  const ids = new Set<string>([...actor.estateRoles.keys(), ...actor.residencies.map((r) => r.estateId)]);
  return [...ids];
}

/** True when the actor is staff (any non-resident role) in the estate. */
export function isStaffIn(actor: Actor, estateId: string): boolean {
  if (actor.groupRoles.length > 0) return true;
  return (actor.estateRoles.get(estateId)?.size ?? 0) > 0;
}

/** An actor for jobs and the CLI: a system user acting in every estate. */
export function systemActor(userId = '00000000-0000-0000-0000-000000000000'): Actor {
  return {
    userId,
    username: 'system',
    displayName: '系统',
    groupRoles: ['admin'],
    estateRoles: new Map(),
    departments: new Map(),
    residencies: [],
  };
}
