import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { estates } from './org.js';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * 网络投诉的公开回复 (R-CP-2): every reply posted where the resident complained online is drafted,
 * approved by the quality office, then marked published. The steps are also in the case's event log.
 */
export const publicReplies = pgTable(
  'public_replies',
  {
    estateId: uuid('estate_id').notNull().references(() => estates.id),
    id: uuid('id').notNull().defaultRandom(),
    caseId: uuid('case_id').notNull(),
    /** acknowledgement (4 h 致歉回应) | measure (当日处理措施) | reply (later replies) */
    kind: text('kind').notNull(),
    body: text('body').notNull(),
    /** draft | approved | published */
    status: text('status').notNull(),
    draftedBy: uuid('drafted_by').notNull(),
    draftedAt: ts('drafted_at').notNull(),
    approvedBy: uuid('approved_by'),
    approvedAt: ts('approved_at'),
    publishedBy: uuid('published_by'),
    publishedAt: ts('published_at'),
    /** Where it was posted (the reply's own link on the platform), when known. */
    publishedUrl: text('published_url'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.estateId, t.id] }),
    index('public_replies_case_idx').on(t.estateId, t.caseId, t.draftedAt),
    check('public_replies_kind_ck', sql`${t.kind} in ('acknowledgement','measure','reply')`),
    check('public_replies_status_ck', sql`${t.status} in ('draft','approved','published')`),
  ],
);

/** An online post archived as received (R-CP-2): its text, where it was, a screenshot. Never edited. */
export const onlinePosts = pgTable(
  'online_posts',
  {
    estateId: uuid('estate_id').notNull().references(() => estates.id),
    id: uuid('id').notNull().defaultRandom(),
    caseId: uuid('case_id').notNull(),
    sourceUrl: text('source_url').notNull(),
    body: text('body').notNull(),
    /** The screenshot's file (sha256 of an upload of this estate), if one was taken. */
    screenshotSha256: text('screenshot_sha256'),
    recordedBy: uuid('recorded_by').notNull(),
    recordedAt: ts('recorded_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.estateId, t.id] }), index('online_posts_case_idx').on(t.estateId, t.caseId, t.recordedAt)],
);
