import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** One-time sign-in codes for residents (phone + code). Group-level: a phone is not an estate's. */
export const otpCodes = pgTable(
  'otp_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    phone: text('phone').notNull(),
    /** sha256 of the code: the database never holds a usable code. */
    codeHash: text('code_hash').notNull(),
    createdAt: ts('created_at').notNull(),
    expiresAt: ts('expires_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    usedAt: ts('used_at'),
  },
  (t) => [index('otp_codes_phone_idx').on(t.phone, t.createdAt)],
);

/**
 * Sign-in failures per key (`user:<username>` or `addr:<ip>`), for the backoff in
 * domain/login-backoff.ts. Group-level like sessions: a login is not an estate's. Kept in the
 * database so every node of a group counts the same failures.
 */
export const loginFailures = pgTable('login_failures', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  firstAt: ts('first_at').notNull(),
  lockedUntil: ts('locked_until'),
});
