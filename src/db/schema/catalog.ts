import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { estates } from './org.js';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Case categories the receptionist picks (water, electricity, lift, attitude …), per estate. */
export const categories = pgTable(
  'categories',
  {
    estateId: uuid('estate_id').notNull().references(() => estates.id),
    id: uuid('id').notNull().defaultRandom(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** The case kinds it applies to. */
    kinds: text('kinds').array().notNull().default(sql`'{}'::text[]`),
    /** Specialty for the monthly statistics (R-MO-2): water, electricity, civil, lift, general … */
    specialty: text('specialty').notNull().default('general'),
    active: boolean('active').notNull().default(true),
  },
  (t) => [primaryKey({ columns: [t.estateId, t.id] }), unique('categories_code_uq').on(t.estateId, t.code)],
);

/** R-PAY-1: the estate's price list of paid repair services (有偿维修服务项目表及收费标准). */
export const priceItems = pgTable(
  'price_items',
  {
    estateId: uuid('estate_id').notNull().references(() => estates.id),
    id: uuid('id').notNull().defaultRandom(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    unit: text('unit').notNull(),
    priceCents: integer('price_cents').notNull(),
    /** Material cost included or labour only (materials priced separately). */
    labourOnly: boolean('labour_only').notNull().default(true),
    active: boolean('active').notNull().default(true),
  },
  (t) => [primaryKey({ columns: [t.estateId, t.id] }), unique('price_items_code_uq').on(t.estateId, t.code)],
);

/** R-DY-1: the supervisor's daily review and signature of the day's opened and closed cases. */
export const dailySignoffs = pgTable(
  'daily_signoffs',
  {
    estateId: uuid('estate_id').notNull().references(() => estates.id),
    day: date('day').notNull(),
    signedBy: uuid('signed_by').notNull(),
    signedAt: ts('signed_at').notNull(),
    opened: integer('opened').notNull(),
    closed: integer('closed').notNull(),
    note: text('note'),
  },
  (t) => [primaryKey({ columns: [t.estateId, t.day] })],
);

/**
 * R-QT-1: the quarter's summary report signed by the supervisor, then commented and signed by
 * the project manager. One row per estate and quarter; the two signatures are filled in order.
 */
export const quarterlySignoffs = pgTable(
  'quarterly_signoffs',
  {
    estateId: uuid('estate_id').notNull().references(() => estates.id),
    /** YYYY-Qn */
    quarter: text('quarter').notNull(),
    supervisorId: uuid('supervisor_id').notNull(),
    supervisorSignedAt: ts('supervisor_signed_at').notNull(),
    supervisorNote: text('supervisor_note'),
    /** Figures as signed, so the filed sheet can be compared with a later read. */
    figures: jsonb('figures').notNull(),
    managerId: uuid('manager_id'),
    managerSignedAt: ts('manager_signed_at'),
    managerComment: text('manager_comment'),
  },
  (t) => [primaryKey({ columns: [t.estateId, t.quarter] })],
);

/**
 * R-SH-1: a shift handover (交接班) between the day and night desks. The open orders are counted
 * and listed by the server at the moment of handing over, so the record shows what was passed on.
 */
export const shiftHandovers = pgTable(
  'shift_handovers',
  {
    estateId: uuid('estate_id').notNull().references(() => estates.id),
    id: uuid('id').notNull().defaultRandom(),
    handedBy: uuid('handed_by').notNull(),
    takenBy: uuid('taken_by').notNull(),
    at: ts('at').notNull(),
    /** 'day' | 'night': the shift being taken over. */
    shift: text('shift').notNull(),
    openOrderCount: integer('open_order_count').notNull(),
    /** Formatted order numbers (000123) as they stood at the handover. */
    openOrderNumbers: text('open_order_numbers').array().notNull().default(sql`'{}'::text[]`),
    note: text('note'),
  },
  (t) => [primaryKey({ columns: [t.estateId, t.id] }), index('shift_handovers_at_idx').on(t.estateId, t.at)],
);
