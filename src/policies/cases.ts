import type { Role } from '../domain/roles.js';
import type { Actor } from './actor.js';
import { isStaffIn } from './actor.js';
import type { PolicyTable } from './policy.js';

/** What the case policy needs to know about a case. */
export interface CaseSubject {
  estateId: string;
  residentId: string | null;
  openedBy: string;
}

export const CASE_ACTIONS = [
  'read',
  'pause',
  'resume',
  'mark_handled',
  'record_finding',
  'close',
  'request_unresolvable',
  'reopen',
  'cancel',
  'reclassify',
  'flag',
  'issue_order',
  'confirm',
  'return_visit',
  'answer_visit',
  'add_photos',
  'promise_reply',
  'report_hot',
  'reveal_phone',
  'escalate_quality',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

const DESK: readonly Role[] = ['receptionist', 'night_duty', 'supervisor', 'project_manager'];
const STAFF: readonly Role[] = [
  'receptionist',
  'night_duty',
  'dispatcher',
  'technician',
  'supervisor',
  'engineering_manager',
  'project_manager',
  'quality_officer',
  'hotline_officer',
  'finance',
  'admin',
];

/** The resident the case is about (or who opened it from the portal). */
export const ownsCase = (actor: Actor, c: CaseSubject) =>
  c.openedBy === actor.userId || actor.residencies.some((r) => r.estateId === c.estateId && r.residentId === c.residentId);

/** Who may do what to a case; the lifecycle decides separately whether the step is possible now. */
export const casePolicy: PolicyTable<CaseAction, CaseSubject> = {
  read: [{ roles: STAFF }, { roles: ['resident'], when: ownsCase }],
  pause: [{ roles: DESK }],
  resume: [{ roles: DESK }],
  mark_handled: [{ roles: DESK }],
  record_finding: [{ roles: [...DESK, 'dispatcher', 'technician'] }],
  close: [{ roles: DESK }],
  request_unresolvable: [{ roles: DESK }],
  reopen: [{ roles: DESK }, { roles: ['resident'], when: ownsCase }],
  cancel: [{ roles: ['supervisor', 'project_manager'] }, { roles: ['receptionist', 'night_duty'], when: (a, c) => c.openedBy === a.userId }],
  reclassify: [{ roles: ['supervisor', 'project_manager', 'quality_officer'] }],
  flag: [{ roles: ['supervisor', 'project_manager', 'quality_officer'] }],
  issue_order: [{ roles: [...DESK, 'dispatcher'] }],
  confirm: [{ roles: ['resident'], when: ownsCase }],
  return_visit: [{ roles: DESK }],
  /** The resident answers the closing return visit in the portal (R-RV-1, channel portal). */
  answer_visit: [{ roles: ['resident'], when: ownsCase }],
  /** Photos of the problem: the resident who reported it, or the desk and the people on site. */
  add_photos: [{ roles: [...DESK, 'dispatcher', 'technician'] }, { roles: ['resident'], when: ownsCase }],
  /** R-IN-8: the desk promises the resident a reply time. */
  promise_reply: [{ roles: DESK }],
  /** R-HOT-1/2: those who confirm hot/major flags record the report to the group. */
  report_hot: [{ roles: ['supervisor', 'project_manager', 'quality_officer'] }],
  /** Issue 13 item 1: the desk reads the resident's full number, with a reason that is recorded. */
  reveal_phone: [{ roles: DESK }],
  /** R-CP-3: the estate's supervisor or head sends up what the estate cannot solve. */
  escalate_quality: [{ roles: ['supervisor', 'project_manager'] }],
};

/** A caller sees a case when they are staff of its estate (or group), or it is their own. */
export const canSeeCase = (actor: Actor, c: CaseSubject) => isStaffIn(actor, c.estateId) || ownsCase(actor, c);

/** Roles that may open cases, and the channels a resident may use. */
export const OPENER_ROLES: readonly Role[] = [...DESK, 'dispatcher', 'quality_officer', 'hotline_officer', 'admin'];
export const RESIDENT_CHANNELS = ['web', 'wechat'] as const;
