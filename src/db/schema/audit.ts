import { sql } from 'drizzle-orm';
import { bigserial, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Every change to an estate's set-up — the estate and its settings, buildings, units, residents,
 * departments, staff roles, categories and the price list — written by a database trigger in the
 * changing transaction (migration 0018), so no code path can change the set-up unrecorded
 * (R-AR-1). Append-only like case_events. The actor is the `propdesk.actor` setting of the
 * transaction (`asActor` in src/db/repos/admin-events.ts); null = the system (seed, import script).
 */
export const adminEvents = pgTable(
  'admin_events',
  {
    estateId: uuid('estate_id').notNull(),
    id: bigserial('id', { mode: 'number' }).notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().default(sql`now()`),
    actorId: uuid('actor_id'),
    /** The table changed: estates, buildings, units, residents, departments, staff_roles, categories, price_items. */
    subject: text('subject').notNull(),
    subjectId: text('subject_id'),
    /** insert | update | delete */
    action: text('action').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
  },
  (t) => [primaryKey({ columns: [t.estateId, t.id] }), index('admin_events_at_idx').on(t.estateId, t.at)],
);
