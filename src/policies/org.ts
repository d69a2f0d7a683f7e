import { STAFF_ROLES } from '../domain/roles.js';
import type { Actor } from './actor.js';
import { type PolicyTable, allowed } from './policy.js';

/** What can be done to an estate's organisation and set-up (units, residents, departments, staff, catalogue, settings). */
export type OrgAction = 'read' | 'administer' | 'read_history';

/** Who may do what to an estate's set-up; every org, catalogue and settings service asks this table. */
export const orgPolicy: PolicyTable<OrgAction, { estateId: string }> = {
  /** Staff of an estate (and group roles) read its organisation. */
  read: [{ roles: STAFF_ROLES }],
  /** Group admins everywhere, estate admins in their estate. */
  administer: [{ roles: ['admin'] }],
  /** The set-up history (R-AR-1): those who answer for the set-up or audit it. */
  read_history: [{ roles: ['admin', 'project_manager', 'quality_officer'] }],
};

/** Estate administration: group admins everywhere, estate admins in their estate. */
export const isEstateAdmin = (actor: Actor, estateId: string) => allowed(orgPolicy, actor, 'administer', { estateId });

/** Staff of an estate read its organisation (units, residents, departments, staff). */
export const canReadOrg = (actor: Actor, estateId: string) => allowed(orgPolicy, actor, 'read', { estateId });

/** May read the estate's set-up history. */
export const canReadSetupHistory = (actor: Actor, estateId: string) => allowed(orgPolicy, actor, 'read_history', { estateId });

/** Creating estates is a group decision. */
export const isGroupAdmin = (actor: Actor) => actor.groupRoles.includes('admin');
