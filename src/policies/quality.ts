import type { Role } from '../domain/roles.js';
import type { PolicyTable } from './policy.js';

/** What the quality policy needs to know about a complaint. */
export interface QualitySubject {
  estateId: string;
}

export const QUALITY_ACTIONS = ['read', 'hand_down', 'progress', 'resolve', 'close'] as const;
export type QualityAction = (typeof QUALITY_ACTIONS)[number];

/** The estate's supervisor and head read what quality holds about their estate; quality reads every estate. */
const READERS: readonly Role[] = ['quality_officer', 'project_manager', 'supervisor'];
const OFFICE: readonly Role[] = ['quality_officer'];

/** Who may do what to a quality complaint; the domain (domain/quality.ts) decides when. */
export const qualityPolicy: PolicyTable<QualityAction, QualitySubject> = {
  read: [{ roles: READERS }],
  /** A forwarded complaint may go to the estate's desk; an escalated one may not (R-CP-3, the domain's rule). */
  hand_down: [{ roles: OFFICE }],
  /** The estate head reports progress on what is about their estate; quality on every one. */
  progress: [{ roles: [...OFFICE, 'project_manager'] }],
  resolve: [{ roles: OFFICE }],
  close: [{ roles: OFFICE }],
};

/** Recording a forwarded complaint is the quality office's. */
export const QUALITY_RECORDERS: readonly Role[] = OFFICE;
/** Who sees the desk's list, per estate (quality: all). */
export const QUALITY_LIST_READERS: readonly Role[] = READERS;
