import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { estates } from './org.js';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Every contact with the desk (工作日志 / 来电来访记录), whether or not it becomes a case (R-IN-2). */
export const contacts = pgTable(
  'contacts',
  {
    estateId: uuid('estate_id').notNull().references(() => estates.id),
    id: uuid('id').notNull().defaultRandom(),
    receivedAt: ts('received_at').notNull(),
    channel: text('channel').notNull(),
    callerName: text('caller_name'),
    callerPhone: text('caller_phone'),
    unitId: uuid('unit_id'),
    residentId: uuid('resident_id'),
    location: text('location'),
    content: text('content').notNull(),
    /** answered | case | undecided (put to the supervisor, R-IN-4) */
    outcome: text('outcome').notNull(),
    answer: text('answer'),
    caseId: uuid('case_id'),
    recordedBy: uuid('recorded_by').notNull(),
    decidedBy: uuid('decided_by'),
    decidedAt: ts('decided_at'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.estateId, t.id] }),
    index('contacts_received_idx').on(t.estateId, t.receivedAt),
    check('contacts_outcome_ck', sql`${t.outcome} in ('answered','case','undecided')`),
  ],
);

/** Per-estate, per-year case sequence: numbers are never reused. */
export const caseCounters = pgTable(
  'case_counters',
  {
    estateId: uuid('estate_id').notNull().references(() => estates.id),
    year: integer('year').notNull(),
    lastSeq: integer('last_seq').notNull(),
  },
  (t) => [primaryKey({ columns: [t.estateId, t.year] })],
);

/** A case (立项 → 销项). */
export const cases = pgTable(
  'cases',
  {
    estateId: uuid('estate_id').notNull().references(() => estates.id),
    id: uuid('id').notNull().defaultRandom(),
    number: text('number').notNull(),
    contactId: uuid('contact_id'),
    kind: text('kind').notNull(),
    status: text('status').notNull(),
    channel: text('channel').notNull(),
    category: text('category'),
    urgency: text('urgency').notNull().default('routine'),
    /** in_home 户内 | public 公共区域 (R-IN-5) */
    locationKind: text('location_kind').notNull(),
    unitId: uuid('unit_id'),
    residentId: uuid('resident_id'),
    locationText: text('location_text'),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    description: text('description').notNull(),
    complaintNature: text('complaint_nature'),
    complaintSubtype: text('complaint_subtype'),
    complaintContent: text('complaint_content'),
    appointmentAt: ts('appointment_at'),
    paid: boolean('paid').notNull().default(false),
    /** R-IN-5: a paid service is confirmed twice with the resident. */
    paidConfirmedAt: ts('paid_confirmed_at'),
    quoteCents: integer('quote_cents'),
    residentSuppliesParts: boolean('resident_supplies_parts').notNull().default(false),
    promisedReplyAt: ts('promised_reply_at'),
    receiptNumber: text('receipt_number'),
    /** How many people a collective complaint speaks for (R-HOT-1/2: ≥ 3 hot, ≥ 10 major). */
    complainants: integer('complainants').notNull().default(1),
    major: boolean('major').notNull().default(false),
    hot: boolean('hot').notNull().default(false),
    /** Status to return to when a pause or an approval request ends. */
    resumeStatus: text('resume_status'),
    pauseReason: text('pause_reason'),
    pausedUntil: ts('paused_until'),
    openedAt: ts('opened_at').notNull(),
    openedBy: uuid('opened_by').notNull(),
    completedAt: ts('completed_at'),
    closedAt: ts('closed_at'),
    closedBy: uuid('closed_by'),
    closeResult: text('close_result'),
    closeApprovalId: uuid('close_approval_id'),
    /** R-CP-3: the quality office's complaint this case went up as; from then on quality owns it. */
    qualityComplaintId: uuid('quality_complaint_id'),
    reopenCount: integer('reopen_count').notNull().default(0),
    version: integer('version').notNull().default(1),
    updatedAt: ts('updated_at').notNull(),
    /** Two-character grams of the searchable texts (see migration 0006), kept by the database. */
    searchGrams: text('search_grams')
      .array()
      .generatedAlwaysAs(
        sql`propdesk_bigrams(coalesce(description, '') || ' ' || number || ' ' || coalesce(contact_phone, '') || ' ' || coalesce(contact_name, '') || ' ' || coalesce(location_text, ''))`,
      ),
    /** Board: earliest running due time of the case's clocks (see slaSummary); kept by a trigger on deadlines (migration 0010). */
    nextDueAt: ts('next_due_at'),
    /** Board: the case has an unsettled breached clock (red); kept by the same trigger. */
    breached: boolean('breached').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.estateId, t.id] }),
    unique('cases_number_uq').on(t.estateId, t.number),
    index('cases_search_idx').using('gin', t.searchGrams),
    index('cases_status_idx').on(t.estateId, t.status, t.openedAt),
    index('cases_unit_idx').on(t.estateId, t.unitId, t.openedAt),
    index('cases_opened_idx').on(t.estateId, t.openedAt),
    index('cases_due_idx').on(t.estateId, sql`coalesce(${t.nextDueAt}, 'infinity'::timestamptz)`, t.id),
    index('cases_breached_idx').on(t.estateId, t.openedAt, t.id).where(sql`${t.breached}`),
    /** Case page: a case is found by its id alone (findCase) before its estate is known; not unique (Citus rule). */
    index('cases_id_idx').on(t.id),
    /** Group-wide lists (all estates): newest first, e.g. text search over every case. */
    index('cases_opened_all_idx').on(t.openedAt, t.id),
    /** Estate board of open cases, sort=due, at any depth (the planner must not pick the group-wide one below). */
    index('cases_open_estate_due_idx')
      .on(t.estateId, sql`coalesce(${t.nextDueAt}, 'infinity'::timestamptz)`, t.id)
      .where(sql`${t.status} in ('opened','dispatched','in_progress','paused','completed','pending_approval','unresolvable_pending','reopened')`),
    /** Group-wide board (all estates, open cases, sort=due) and its capped count. */
    index('cases_open_due_idx')
      .on(sql`coalesce(${t.nextDueAt}, 'infinity'::timestamptz)`, t.id)
      .where(sql`${t.status} in ('opened','dispatched','in_progress','paused','completed','pending_approval','unresolvable_pending','reopened')`),
    check('cases_urgency_ck', sql`${t.urgency} in ('routine','emergency')`),
    check('cases_location_ck', sql`${t.locationKind} in ('in_home','public')`),
  ],
);

/** Problems found while handling a case (R-CL-4): open until resolved inside it or opened as a case. */
export const caseFindings = pgTable(
  'case_findings',
  {
    estateId: uuid('estate_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    caseId: uuid('case_id').notNull(),
    description: text('description').notNull(),
    /** open | resolved | split (opened as its own case) */
    status: text('status').notNull().default('open'),
    splitCaseId: uuid('split_case_id'),
    recordedBy: uuid('recorded_by').notNull(),
    recordedAt: ts('recorded_at').notNull(),
    resolvedAt: ts('resolved_at'),
  },
  (t) => [
    primaryKey({ columns: [t.estateId, t.id] }),
    foreignKey({ columns: [t.estateId, t.caseId], foreignColumns: [cases.estateId, cases.id] }),
  ],
);

/** Per-estate order sequence with no gaps: taken in the issuing transaction (R-WO-2). */
export const orderCounters = pgTable('order_counters', {
  estateId: uuid('estate_id').primaryKey().references(() => estates.id),
  lastNumber: integer('last_number').notNull(),
});

/** A work order (派工单/维修单). */
export const workOrders = pgTable(
  'work_orders',
  {
    estateId: uuid('estate_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    caseId: uuid('case_id').notNull(),
    number: integer('number').notNull(),
    status: text('status').notNull(),
    departmentId: uuid('department_id').notNull(),
    technicianId: uuid('technician_id'),
    instructions: text('instructions'),
    issuedAt: ts('issued_at').notNull(),
    issuedBy: uuid('issued_by').notNull(),
    /** R-WO-8: work started before the order was written. */
    retroactive: boolean('retroactive').notNull().default(false),
    appointmentAt: ts('appointment_at'),
    rebookReason: text('rebook_reason'),
    acceptedAt: ts('accepted_at'),
    arrivedAt: ts('arrived_at'),
    reviewRequestedAt: ts('review_requested_at'),
    reviewDoneAt: ts('review_done_at'),
    reviewNote: text('review_note'),
    diagnosis: text('diagnosis'),
    completedAt: ts('completed_at'),
    workDone: text('work_done'),
    labourCents: integer('labour_cents').notNull().default(0),
    feeCents: integer('fee_cents').notNull().default(0),
    signatureSha256: text('signature_sha256'),
    signedAt: ts('signed_at'),
    photos: text('photos').array().notNull().default(sql`'{}'::text[]`),
    evaluation: text('evaluation'),
    rating: integer('rating'),
    returnedAt: ts('returned_at'),
    checkedAt: ts('checked_at'),
    checkedBy: uuid('checked_by'),
    checkNote: text('check_note'),
    voidedAt: ts('voided_at'),
    voidedBy: uuid('voided_by'),
    voidReason: text('void_reason'),
    version: integer('version').notNull().default(1),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.estateId, t.id] }),
    unique('work_orders_number_uq').on(t.estateId, t.number),
    foreignKey({ columns: [t.estateId, t.caseId], foreignColumns: [cases.estateId, cases.id] }),
    index('work_orders_case_idx').on(t.estateId, t.caseId),
    index('work_orders_tech_idx').on(t.estateId, t.technicianId, t.status),
    /** An order is found by its id alone before its estate is known (findOrder); not unique (Citus rule). */
    index('work_orders_id_idx').on(t.id),
    check('work_orders_rating_ck', sql`${t.rating} is null or ${t.rating} between 1 and 5`),
  ],
);

export const workOrderMaterials = pgTable(
  'work_order_materials',
  {
    estateId: uuid('estate_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    workOrderId: uuid('work_order_id').notNull(),
    name: text('name').notNull(),
    spec: text('spec'),
    model: text('model'),
    quantity: numeric('quantity', { precision: 12, scale: 3 }).notNull(),
    unit: text('unit'),
    unitPriceCents: integer('unit_price_cents').notNull().default(0),
    /** company | resident (R-WO-6: resident-supplied parts are checked and signed for) */
    suppliedBy: text('supplied_by').notNull(),
    /**
     * Set when the order is completed again after a failed desk check: the lines of that
     * completion replace these, which are kept, never deleted (R-AR-1). Null = current line.
     */
    supersededAt: ts('superseded_at'),
  },
  (t) => [
    primaryKey({ columns: [t.estateId, t.id] }),
    foreignKey({ columns: [t.estateId, t.workOrderId], foreignColumns: [workOrders.estateId, workOrders.id] }),
    check('materials_supplied_ck', sql`${t.suppliedBy} in ('company','resident')`),
  ],
);

/** Approvals are first-class records (closing emergencies/major/unresolvable cases, R-CL-5/6). */
export const approvals = pgTable(
  'approvals',
  {
    estateId: uuid('estate_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    caseId: uuid('case_id').notNull(),
    /** close | close_unresolvable */
    kind: text('kind').notNull(),
    /** supervisor | project_manager: the lowest role that may decide. */
    approverRole: text('approver_role').notNull(),
    status: text('status').notNull().default('pending'),
    requestedBy: uuid('requested_by').notNull(),
    requestedAt: ts('requested_at').notNull(),
    reason: text('reason'),
    payload: jsonb('payload').notNull().default(sql`'{}'::jsonb`),
    decidedBy: uuid('decided_by'),
    decidedAt: ts('decided_at'),
    comment: text('comment'),
  },
  (t) => [
    primaryKey({ columns: [t.estateId, t.id] }),
    foreignKey({ columns: [t.estateId, t.caseId], foreignColumns: [cases.estateId, cases.id] }),
    index('approvals_pending_idx').on(t.estateId, t.status),
  ],
);

/** Append-only audit log (R-AR-1). A trigger refuses UPDATE and DELETE. */
export const caseEvents = pgTable(
  'case_events',
  {
    estateId: uuid('estate_id').notNull(),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    caseId: uuid('case_id').notNull(),
    at: ts('at').notNull(),
    actorId: uuid('actor_id'),
    action: text('action').notNull(),
    subject: text('subject'),
    before: jsonb('before'),
    after: jsonb('after'),
    note: text('note'),
  },
  (t) => [
    primaryKey({ columns: [t.estateId, t.seq] }),
    index('case_events_case_idx').on(t.estateId, t.caseId, t.seq),
  ],
);

/** 回访 (R-RV-1…3): the desk calls the resident back after closing, or at stages of a long case. */
export const returnVisits = pgTable(
  'return_visits',
  {
    estateId: uuid('estate_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    caseId: uuid('case_id').notNull(),
    /** closing | stage */
    kind: text('kind').notNull(),
    /** visited | exempt (R-RV-2: resolved on the spot, anonymous, unreachable, sensitive) */
    outcome: text('outcome').notNull(),
    exemptReason: text('exempt_reason'),
    /** 1 (very dissatisfied) … 5 (very satisfied) */
    satisfaction: integer('satisfaction'),
    opinion: text('opinion'),
    visitedBy: uuid('visited_by').notNull(),
    visitedAt: ts('visited_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.estateId, t.id] }),
    foreignKey({ columns: [t.estateId, t.caseId], foreignColumns: [cases.estateId, cases.id] }),
    index('return_visits_case_idx').on(t.estateId, t.caseId),
    check('return_visits_satisfaction_ck', sql`${t.satisfaction} is null or ${t.satisfaction} between 1 and 5`),
  ],
);
