import { sql } from 'drizzle-orm';
import { bigserial, check, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { estates } from './org.js';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * 品质投诉档案: a complaint the group's quality office owns (002 5.2.3.5, R-CP-3) — forwarded by
 * the group, the government (12345) or the developer, or escalated by an estate that could not
 * solve it. Kept per estate (the estate complained about), read across the group by quality.
 */
export const qualityComplaints = pgTable(
  'quality_complaints',
  {
    estateId: uuid('estate_id').notNull().references(() => estates.id),
    id: uuid('id').notNull().defaultRandom(),
    /** PZ-2026-0001: numbered per group and Beijing year. */
    number: text('number').notNull(),
    /** group | government | developer | estate (escalated, R-CP-3) */
    source: text('source').notNull(),
    /** The sender's reference (12345 工单号, the group's letter number…). */
    sourceRef: text('source_ref'),
    receivedAt: ts('received_at').notNull(),
    recordedBy: uuid('recorded_by').notNull(),
    /** The estate's case it went up from (source estate), or the case it was handed down as. */
    caseId: uuid('case_id'),
    unitId: uuid('unit_id'),
    complainantName: text('complainant_name'),
    complainantPhone: text('complainant_phone'),
    matter: text('matter').notNull(),
    /** Why the estate could not solve it (source estate). */
    escalationReason: text('escalation_reason'),
    /** open | handed_down | resolved | closed */
    status: text('status').notNull(),
    /** R-CP-1: the reply to the complainant is due (the transfer channel's working days). */
    replyDueAt: ts('reply_due_at').notNull(),
    /** A forwarded complaint handed to the estate's desk as an ordinary contact; quality keeps following. */
    handedDownAt: ts('handed_down_at'),
    contactId: uuid('contact_id'),
    resolvedAt: ts('resolved_at'),
    resolution: text('resolution'),
    closedAt: ts('closed_at'),
    closedBy: uuid('closed_by'),
    satisfaction: smallint('satisfaction'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.estateId, t.id] }),
    unique('quality_complaints_number_uq').on(t.estateId, t.number),
    index('quality_complaints_status_idx').on(t.estateId, t.status, t.receivedAt),
    index('quality_complaints_received_idx').on(t.receivedAt),
    check('quality_complaints_source_ck', sql`${t.source} in ('group','government','developer','estate')`),
    check('quality_complaints_status_ck', sql`${t.status} in ('open','handed_down','resolved','closed')`),
  ],
);

/** The group's complaint sequence per Beijing year (numbers are never reused). Group-level. */
export const qualityCounters = pgTable('quality_counters', {
  year: integer('year').primaryKey(),
  seq: integer('seq').notNull(),
});

/** Every step on a quality complaint: who, when, what (R-AR-1); append-only. */
export const qualityEvents = pgTable(
  'quality_events',
  {
    estateId: uuid('estate_id').notNull().references(() => estates.id),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    complaintId: uuid('complaint_id').notNull(),
    at: ts('at').notNull(),
    actorId: uuid('actor_id'),
    action: text('action').notNull(),
    after: jsonb('after'),
    note: text('note'),
  },
  (t) => [primaryKey({ columns: [t.estateId, t.seq] }), index('quality_events_complaint_idx').on(t.estateId, t.complaintId, t.seq)],
);
