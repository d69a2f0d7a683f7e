import { sql } from 'drizzle-orm';
import { bigserial, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * One SLA clock of a case or order (R-WO-1, R-FU-1, R-CP-1 …). `next_fire_at` is when the
 * scheduler must next look at it (the warning time, then the due time); null once settled.
 */
export const deadlines = pgTable(
  'deadlines',
  {
    estateId: uuid('estate_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    caseId: uuid('case_id').notNull(),
    orderId: uuid('order_id'),
    clock: text('clock').notNull(),
    basis: text('basis').notNull(),
    startedAt: ts('started_at').notNull(),
    dueAt: ts('due_at').notNull(),
    warnAt: ts('warn_at').notNull(),
    /** pending | warned | met | breached | cancelled */
    state: text('state').notNull().default('pending'),
    /** When the clock was paused (null while running); pausing pushes due/warn out on resume. */
    pausedAt: ts('paused_at'),
    nextFireAt: ts('next_fire_at'),
    escalationLevel: integer('escalation_level').notNull().default(0),
    warnedAt: ts('warned_at'),
    breachedAt: ts('breached_at'),
    settledAt: ts('settled_at'),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.estateId, t.id] }),
    index('deadlines_case_idx').on(t.estateId, t.caseId),
    index('deadlines_fire_idx').on(t.nextFireAt).where(sql`${t.nextFireAt} is not null`),
    check('deadlines_state_ck', sql`${t.state} in ('pending','warned','met','breached','cancelled')`),
  ],
);

/**
 * Transactional outbox: a notification is written in the same transaction as the change that
 * causes it, then delivered at least once by the dispatcher. `dedupe_key` makes an effect
 * (e.g. "deadline X breached → notify supervisor") happen once however often it is attempted.
 */
export const outbox = pgTable(
  'outbox',
  {
    estateId: uuid('estate_id').notNull(),
    id: bigserial('id', { mode: 'number' }).notNull(),
    /** in_app | email | webhook */
    channel: text('channel').notNull(),
    /** user id (in_app), email address, or webhook URL */
    recipient: text('recipient').notNull(),
    topic: text('topic').notNull(),
    payload: jsonb('payload').notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    /** pending | sent | failed (gave up after the last retry) */
    state: text('state').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ts('next_attempt_at').notNull(),
    leaseUntil: ts('lease_until'),
    lastError: text('last_error'),
    createdAt: ts('created_at').notNull(),
    sentAt: ts('sent_at'),
  },
  (t) => [
    primaryKey({ columns: [t.estateId, t.id] }),
    unique('outbox_dedupe_uq').on(t.estateId, t.dedupeKey),
    index('outbox_due_idx').on(t.nextAttemptAt).where(sql`${t.state} = 'pending'`),
  ],
);

/** The in-app inbox each staff member sees (filled from the outbox). */
export const notifications = pgTable(
  'notifications',
  {
    estateId: uuid('estate_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    userId: uuid('user_id').notNull(),
    topic: text('topic').notNull(),
    title: text('title').notNull(),
    body: text('body'),
    caseId: uuid('case_id'),
    createdAt: ts('created_at').notNull(),
    readAt: ts('read_at'),
  },
  (t) => [primaryKey({ columns: [t.estateId, t.id] }), index('notifications_user_idx').on(t.userId, t.createdAt)],
);

/** Follow-up tasks on the receptionist's queue (R-FU-1, R-FU-2, R-GM-4 …), logged when done. */
export const followUps = pgTable(
  'follow_ups',
  {
    estateId: uuid('estate_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    caseId: uuid('case_id').notNull(),
    deadlineId: uuid('deadline_id'),
    kind: text('kind').notNull(),
    /** Role whose queue it is on (receptionist, supervisor, project_manager, quality_officer). */
    assigneeRole: text('assignee_role').notNull(),
    dueAt: ts('due_at').notNull(),
    /** open | done | cancelled */
    state: text('state').notNull().default('open'),
    doneBy: uuid('done_by'),
    doneAt: ts('done_at'),
    note: text('note'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.estateId, t.id] }),
    unique('follow_ups_deadline_uq').on(t.estateId, t.deadlineId, t.kind),
    index('follow_ups_queue_idx').on(t.estateId, t.state, t.assigneeRole, t.dueAt),
  ],
);

/** R-HOT-3: the system proposes hot/major flags from what it can count; a person confirms. */
export const flagProposals = pgTable(
  'flag_proposals',
  {
    estateId: uuid('estate_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    caseId: uuid('case_id').notNull(),
    /** hot | major */
    flag: text('flag').notNull(),
    /** repeat | headcount | age */
    reason: text('reason').notNull(),
    detail: jsonb('detail').notNull().default(sql`'{}'::jsonb`),
    /** pending | confirmed | dismissed */
    state: text('state').notNull().default('pending'),
    createdAt: ts('created_at').notNull(),
    decidedBy: uuid('decided_by'),
    decidedAt: ts('decided_at'),
    comment: text('comment'),
  },
  (t) => [
    primaryKey({ columns: [t.estateId, t.id] }),
    unique('flag_proposals_once_uq').on(t.estateId, t.caseId, t.flag),
    index('flag_proposals_state_idx').on(t.estateId, t.state),
  ],
);
