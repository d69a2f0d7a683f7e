import { sql } from 'drizzle-orm';
import type pg from 'pg';
import type { Queryable } from './client.js';

/**
 * NOTIFY after commit, without waiting for the disk (PostgreSQL).
 *
 * Why: a transaction that has called NOTIFY takes one database-wide lock at commit and keeps it
 * until its commit record is flushed (so that notifications are queued in commit order). Every
 * desk write notifies the live screens, so with NOTIFY inside them all writes of all estates
 * committed one disk flush at a time, whatever the number of connections — measured as the
 * `Lock:object` wait that dominated opening cases under load. Here the change commits without
 * NOTIFY (its flush shared with other commits), then the notifications go in a transaction of
 * their own that commits without waiting for the flush (`synchronous_commit = off`), so the lock
 * is held for microseconds.
 *
 * What it costs: a node that dies between the two statements loses the live hint (not the
 * change): screens refetch whenever their event stream reconnects, and the stream of a dead
 * node always does.
 */

interface Note {
  channel: string;
  payload: string;
}

/** Transactions on PostgreSQL collect their notifications here until they commit. */
const pending = new WeakMap<object, Note[]>();
/** PostgreSQL root databases (outside any transaction) and their pools. */
const roots = new WeakMap<object, pg.Pool>();

/** Marks a PostgreSQL database object: notifications outside a transaction go through its pool. */
export function registerRoot(db: object, pool: pg.Pool): void {
  roots.set(db, pool);
}

/** Opens a transaction's collection (called by the transaction wrapper in client.ts). */
export function collectFor(tx: object): Note[] {
  const notes: Note[] = [];
  pending.set(tx, notes);
  return notes;
}

/** Sends notifications in one statement of a transaction that does not wait for the flush. */
export async function sendRelaxed(pool: pg.Pool, notes: Note[]): Promise<void> {
  if (notes.length === 0) return;
  try {
    await pool.query(
      `with relaxed as (select set_config('synchronous_commit', 'off', true))
       select count(pg_notify(n.channel, n.payload)) from unnest($1::text[], $2::text[]) as n(channel, payload), relaxed`,
      [notes.map((n) => n.channel), notes.map((n) => n.payload)],
    );
  } catch {
    // The change is committed; a lost live hint only delays a screen until its next refetch.
  }
}

/** True when `notify` on this queryable would send after commit rather than in its statement. */
export const notifiesOutside = (q: Queryable): boolean => pending.has(q) || roots.has(q);

/**
 * Notifies listeners of every node once the caller's change is committed: after the caller's
 * transaction commits (nothing is sent if it rolls back), or at once when the caller is not in a
 * transaction. On PGlite (one connection, no contention) and inside nested transactions the
 * NOTIFY runs in the caller's transaction as before.
 */
export async function notify(q: Queryable, channel: string, payload: string): Promise<void> {
  const notes = pending.get(q);
  if (notes) {
    notes.push({ channel, payload });
    return;
  }
  const pool = roots.get(q);
  if (pool) return sendRelaxed(pool, [{ channel, payload }]);
  await q.execute(sql`select pg_notify(${channel}, ${payload})`);
}
