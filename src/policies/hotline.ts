import type { Role } from '../domain/roles.js';
import type { Actor } from './actor.js';
import type { PolicyTable } from './policy.js';

/** What the hotline policy needs to know about a dossier. */
export interface DossierSubject {
  estateId: string;
  responsibleUserId: string | null;
}

export const HOTLINE_ACTIONS = ['read', 'set_measures', 'first_visit', 'resolve', 'second_visit', 'follow_up'] as const;
export type HotlineAction = (typeof HOTLINE_ACTIONS)[number];

/** R-AR-2: dossiers are read by the hotline, the quality office and the head of the estate concerned. */
const READERS: readonly Role[] = ['hotline_officer', 'quality_officer', 'project_manager'];

/** The department head the estate head named for this matter. */
const isResponsible = (a: Actor, d: DossierSubject) => d.responsibleUserId === a.userId;

/** Who may do what to a hotline dossier; the domain (domain/hotline.ts) decides when. */
export const hotlinePolicy: PolicyTable<HotlineAction, DossierSubject> = {
  read: [{ roles: READERS }, { roles: ['supervisor', 'engineering_manager', 'dispatcher'], when: isResponsible }],
  /** R-GM-3: the estate head sets the measures and names the department head at once. */
  set_measures: [{ roles: ['project_manager'] }],
  /** R-GM-4: the named department head's first return visit (or the estate head's). */
  first_visit: [{ roles: ['project_manager'] }, { roles: ['supervisor', 'engineering_manager', 'dispatcher'], when: isResponsible }],
  resolve: [{ roles: ['project_manager'] }],
  /** R-GM-4: the estate head visits again after resolution; the hotline's closing visit counts too (R-GM-5). */
  second_visit: [{ roles: ['project_manager', 'hotline_officer'] }],
  /** R-GM-5: the officer follows every open dossier daily (a note, or a stage visit to the resident). */
  follow_up: [{ roles: ['hotline_officer'] }],
};

/** Recording a call is the hotline officer's (R-GM-2). */
export const HOTLINE_RECORDERS: readonly Role[] = ['hotline_officer'];
/** Roles that may be named responsible for a dossier's measures (department heads). */
export const RESPONSIBLE_ROLES: readonly Role[] = ['supervisor', 'engineering_manager', 'dispatcher', 'project_manager'];
