import type { Role } from '../domain/roles.js';
import type { PolicyTable } from './policy.js';

export interface ReplySubject {
  estateId: string;
}

export const REPLY_ACTIONS = ['read', 'draft', 'archive_post', 'approve', 'publish'] as const;
export type ReplyAction = (typeof REPLY_ACTIONS)[number];

/** The estate's desk writes and posts; the quality office approves every public word (R-CP-2). */
const DESK: readonly Role[] = ['receptionist', 'night_duty', 'supervisor', 'project_manager'];
const QUALITY: readonly Role[] = ['quality_officer'];

/** Everyone who works on the case reads what was said in public about it; residents do not. */
const STAFF: readonly Role[] = [...DESK, ...QUALITY, 'dispatcher', 'technician', 'engineering_manager', 'hotline_officer', 'finance', 'admin'];

export const replyPolicy: PolicyTable<ReplyAction, ReplySubject> = {
  read: [{ roles: STAFF }],
  draft: [{ roles: [...DESK, ...QUALITY] }],
  /** The post as it was found online: text, link, screenshot. */
  archive_post: [{ roles: [...DESK, ...QUALITY] }],
  approve: [{ roles: QUALITY }],
  publish: [{ roles: [...DESK, ...QUALITY] }],
};
