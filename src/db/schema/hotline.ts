import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { estates } from './org.js';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** What the officer writes down of every call (R-GM-2), kept on the call and on its dossier. */
const callerColumns = () => ({
  receivedAt: ts('received_at').notNull(),
  recordedBy: uuid('recorded_by').notNull(),
  unitId: uuid('unit_id'),
  callerName: text('caller_name'),
  callerPhone: text('caller_phone'),
  matter: text('matter').notNull(),
});

/**
 * Every call the GM hotline takes (R-GM-1/2), whatever became of it: routed back to the estate's
 * desk as an ordinary contact (first contacts), or a hotline dossier.
 */
export const hotlineCalls = pgTable(
  'hotline_calls',
  {
    estateId: uuid('estate_id').notNull().references(() => estates.id),
    id: uuid('id').notNull().defaultRandom(),
    ...callerColumns(),
    /** back (to the estate desk, R-GM-1) | dossier */
    routed: text('routed').notNull(),
    contactId: uuid('contact_id'),
    dossierId: uuid('dossier_id'),
  },
  (t) => [
    primaryKey({ columns: [t.estateId, t.id] }),
    index('hotline_calls_received_idx').on(t.receivedAt),
    check('hotline_calls_routed_ck', sql`${t.routed} in ('back','dossier')`),
  ],
);

/** 热线处理档案 (R-GM-3…5): one per matter the hotline forwards to an estate head. */
export const hotlineDossiers = pgTable(
  'hotline_dossiers',
  {
    estateId: uuid('estate_id').notNull().references(() => estates.id),
    id: uuid('id').notNull().defaultRandom(),
    /** RX-2026-0001: numbered per group and Beijing year. */
    number: text('number').notNull(),
    ...callerColumns(),
    major: boolean('major').notNull().default(false),
    /** awaiting_measures | in_hand | resolved | closed */
    status: text('status').notNull(),
    measures: text('measures'),
    responsibleUserId: uuid('responsible_user_id'),
    measuresAt: ts('measures_at'),
    firstVisitDueAt: ts('first_visit_due_at').notNull(),
    firstVisitAt: ts('first_visit_at'),
    firstVisitBy: uuid('first_visit_by'),
    firstVisitHow: text('first_visit_how'),
    firstVisitSaid: text('first_visit_said'),
    resolvedAt: ts('resolved_at'),
    resolution: text('resolution'),
    secondVisitAt: ts('second_visit_at'),
    secondVisitBy: uuid('second_visit_by'),
    secondVisitSaid: text('second_visit_said'),
    satisfaction: smallint('satisfaction'),
    /** R-GM-3: unresolved at this time, the matter goes up in writing to group leadership and quality. */
    escalateDueAt: ts('escalate_due_at').notNull(),
    /** When the written escalation went up (R-GM-3); once. */
    escalatedAt: ts('escalated_at'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.estateId, t.id] }),
    unique('hotline_dossiers_number_uq').on(t.estateId, t.number),
    index('hotline_dossiers_status_idx').on(t.estateId, t.status, t.receivedAt),
    check('hotline_dossiers_status_ck', sql`${t.status} in ('awaiting_measures','in_hand','resolved','closed')`),
  ],
);

/** The group's dossier sequence per Beijing year (numbers are never reused). Group-level, like the hotline. */
export const hotlineCounters = pgTable('hotline_counters', {
  year: integer('year').primaryKey(),
  seq: integer('seq').notNull(),
});

/** Every step on a dossier: who, when, what (R-AR-1); append-only. */
export const hotlineEvents = pgTable(
  'hotline_events',
  {
    estateId: uuid('estate_id').notNull().references(() => estates.id),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    dossierId: uuid('dossier_id').notNull(),
    at: ts('at').notNull(),
    /** null: the system (the escalation sweep). */
    actorId: uuid('actor_id'),
    action: text('action').notNull(),
    after: jsonb('after'),
    note: text('note'),
  },
  (t) => [primaryKey({ columns: [t.estateId, t.seq] }), index('hotline_events_dossier_idx').on(t.estateId, t.dossierId, t.seq)],
);
