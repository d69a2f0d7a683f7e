import type { Role } from '../domain/roles.js';
import { type Actor, hasAnyRole } from './actor.js';
import type { PolicyTable } from './policy.js';

export interface KpiSubject {
  estateId: string;
}

export const KPI_ACTIONS = ['read', 'compare'] as const;
export type KpiAction = (typeof KPI_ACTIONS)[number];

/** An estate's figures are read by its supervisor and head, and by the group's quality office and hotline (R-MO-1, R-RV-4). */
const READERS: readonly Role[] = ['supervisor', 'project_manager', 'quality_officer', 'hotline_officer'];
/** The group's comparison of estates is the quality office's and the hotline's; a head compares the estates they lead. */
const COMPARERS: readonly Role[] = ['project_manager', 'quality_officer', 'hotline_officer'];

export const kpiPolicy: PolicyTable<KpiAction, KpiSubject> = {
  read: [{ roles: READERS }],
  compare: [{ roles: COMPARERS }],
};

/**
 * The estates whose figures the caller may take `action` on, as a list filter applied before
 * anything is counted: group readers every estate, others the estates where they hold a role.
 */
export function kpiEstates(actor: Actor, action: KpiAction): { allEstates: true } | { allEstates: false; estates: string[] } {
  const roles = kpiPolicy[action].flatMap((r) => r.roles);
  if (actor.groupRoles.some((r) => roles.includes(r))) return { allEstates: true };
  return { allEstates: false, estates: [...actor.estateRoles.keys()].filter((e) => hasAnyRole(actor, e, roles)) };
}
