import { eq, inArray } from 'drizzle-orm';
import type { FailureState } from '../../domain/login-backoff.js';
import type { Queryable, Tx } from '../client.js';
import { loginFailures } from '../schema/index.js';

/** The failure states of the given keys (absent keys have none). */
export async function readFailures(db: Queryable, keys: string[]): Promise<Map<string, FailureState>> {
  const rows = await db.select().from(loginFailures).where(inArray(loginFailures.key, keys));
  return new Map(rows.map((r) => [r.key, { failures: r.failures, firstAt: r.firstAt, lockedUntil: r.lockedUntil }]));
}

/**
 * Applies `next` to the key's state under a row lock, so parallel failures on several nodes all
 * count (none is lost to a read-modify-write race).
 */
export async function recordFailure(tx: Tx, key: string, now: Date, next: (s: FailureState | undefined) => FailureState): Promise<FailureState> {
  await tx.insert(loginFailures).values({ key, failures: 0, firstAt: now, lockedUntil: null }).onConflictDoNothing();
  const [row] = await tx.select().from(loginFailures).where(eq(loginFailures.key, key)).for('update');
  const state = next(row!.failures === 0 ? undefined : { failures: row!.failures, firstAt: row!.firstAt, lockedUntil: row!.lockedUntil });
  await tx.update(loginFailures).set(state).where(eq(loginFailures.key, key));
  return state;
}

export async function clearFailures(db: Queryable, key: string): Promise<void> {
  await db.delete(loginFailures).where(eq(loginFailures.key, key));
}
