import type { Actor } from './actor.js';
import { hasAnyRole, isStaffIn } from './actor.js';

/** Estate administration: group admins everywhere, estate admins in their estate. */
export const isEstateAdmin = (actor: Actor, estateId: string) => hasAnyRole(actor, estateId, ['admin']);

/** Staff of an estate read its organisation (units, residents, departments, staff). */
export const canReadOrg = (actor: Actor, estateId: string) => isStaffIn(actor, estateId);

/** Creating estates is a group decision. */
export const isGroupAdmin = (actor: Actor) => actor.groupRoles.includes('admin');
