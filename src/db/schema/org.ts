import { sql } from 'drizzle-orm';
import {
  boolean,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** An estate (项目/管理处). Group-level reference table: its own id is the tenant key. */
export const estates = pgTable('estates', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  /** Prefix of case numbers, e.g. YH → YH-2026-000123. */
  casePrefix: text('case_prefix').notNull(),
  /** Households, the denominator of the complaint rate (R-MO-3). */
  households: integer('households').notNull().default(0),
  /** Per-estate settings overriding the seed defaults (see src/domain/settings.ts). */
  settings: jsonb('settings').notNull().default(sql`'{}'::jsonb`),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const buildings = pgTable(
  'buildings',
  {
    estateId: uuid('estate_id').notNull().references(() => estates.id),
    id: uuid('id').notNull().defaultRandom(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.estateId, t.id] }), unique('buildings_code_uq').on(t.estateId, t.code)],
);

/** A unit (房号) such as 3-1-502: building 3, entrance 1, room 502. */
export const units = pgTable(
  'units',
  {
    estateId: uuid('estate_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    buildingId: uuid('building_id').notNull(),
    code: text('code').notNull(),
    entrance: text('entrance'),
    floor: integer('floor'),
    room: text('room').notNull(),
    areaM2: integer('area_m2'),
    /** Empty units need an on-site desk inspection before an order is accepted (R-WO-7). */
    vacant: boolean('vacant').notNull().default(false),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.estateId, t.id] }),
    unique('units_code_uq').on(t.estateId, t.code),
    foreignKey({ columns: [t.estateId, t.buildingId], foreignColumns: [buildings.estateId, buildings.id] }),
  ],
);

export const residents = pgTable(
  'residents',
  {
    estateId: uuid('estate_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    unitId: uuid('unit_id').notNull(),
    name: text('name').notNull(),
    /** owner 业主 | tenant 租户 | family 家属 */
    relation: text('relation').notNull(),
    phones: text('phones').array().notNull().default(sql`'{}'::text[]`),
    /** Login account of a resident who uses the portal. */
    userId: uuid('user_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.estateId, t.id] }),
    foreignKey({ columns: [t.estateId, t.unitId], foreignColumns: [units.estateId, units.id] }),
    index('residents_unit_idx').on(t.estateId, t.unitId),
    /** Every authenticated request resolves the user's homes (actorForSession). */
    index('residents_user_idx').on(t.userId).where(sql`${t.userId} is not null`),
  ],
);

export const departments = pgTable(
  'departments',
  {
    estateId: uuid('estate_id').notNull().references(() => estates.id),
    id: uuid('id').notNull().defaultRandom(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.estateId, t.id] }), unique('departments_code_uq').on(t.estateId, t.code)],
);

/** Login accounts: staff and residents. Group-level table; estate access comes from staff_roles / residents. */
export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  phone: text('phone'),
  passwordHash: text('password_hash'),
  /** Group-level roles (quality_officer, hotline_officer, admin) that see every estate. */
  groupRoles: text('group_roles').array().notNull().default(sql`'{}'::text[]`),
  active: boolean('active').notNull().default(true),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/** A staff member's role in one estate, optionally in a department (技术员 of 工程部). */
export const staffRoles = pgTable(
  'staff_roles',
  {
    estateId: uuid('estate_id').notNull().references(() => estates.id),
    userId: uuid('user_id').notNull().references(() => users.id),
    role: text('role').notNull(),
    departmentId: uuid('department_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.estateId, t.userId, t.role] }), index('staff_roles_user_idx').on(t.userId)],
);

export const sessions = pgTable('sessions', {
  /** sha256 of the cookie token: a stolen database does not yield live sessions. */
  tokenHash: text('token_hash').primaryKey(),
  userId: uuid('user_id').notNull().references(() => users.id),
  createdAt: ts('created_at').notNull().defaultNow(),
  expiresAt: ts('expires_at').notNull(),
});

/** Stored first responses of creating requests (Idempotency-Key). */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: uuid('user_id').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    statusCode: integer('status_code').notNull(),
    response: jsonb('response').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);

/** Content-addressed files (photos, signatures); bytes live under the data directory. */
export const files = pgTable(
  'files',
  {
    estateId: uuid('estate_id').notNull().references(() => estates.id),
    sha256: text('sha256').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    uploadedBy: uuid('uploaded_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  // The second index answers "what has this person uploaded here today" (the daily allowance).
  (t) => [primaryKey({ columns: [t.estateId, t.sha256] }), index('files_uploader_day').on(t.estateId, t.uploadedBy, t.createdAt)],
);
