import type { Actor } from '../policies/actor.js';

/** The signed-in user as the web app needs it: who, and which roles where. */
export function presentMe(actor: Actor) {
  return {
    id: actor.userId,
    username: actor.username,
    displayName: actor.displayName,
    groupRoles: actor.groupRoles,
    estates: [...actor.estateRoles.entries()].map(([estateId, roles]) => ({
      estateId,
      roles: [...roles],
      departmentIds: [...(actor.departments.get(estateId) ?? [])],
    })),
    residencies: actor.residencies,
  };
}
