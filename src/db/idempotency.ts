import { AsyncLocalStorage } from 'node:async_hooks';
import { and, eq, sql } from 'drizzle-orm';
import type { Queryable } from './client.js';
import { idempotencyKeys } from './schema/index.js';

/**
 * The Idempotency-Key a request claimed, kept for the writes that request makes.
 *
 * Why here: the key's row must say "done" in the same commit as the change it guards. Recording
 * the answer afterwards (when it is sent) can fail after the change committed — a connection cut,
 * a crash — and the client's retry then ran the request a second time: a second case (issue 15
 * item 13). So every transaction a claimed request commits marks its key, and so does the
 * one-statement case opening; a key so marked is never freed for a rerun.
 */
export interface RequestClaim {
  userId: string;
  key: string;
}

/** Key states below any HTTP status: claimed and running; its change committed, answer not yet stored. */
export const IN_FLIGHT = 0;
export const COMMITTED = 1;

const claims = new AsyncLocalStorage<{ claim?: RequestClaim }>();

/** Runs a request with a slot for its claim (the HTTP layer fills it once the key is claimed). */
export function withClaimSlot<T>(fn: () => T): T {
  return claims.run({}, fn);
}

/** Records the claim for the rest of the request (no-op outside a slot). */
export function setClaim(claim: RequestClaim): void {
  const slot = claims.getStore();
  if (slot) slot.claim = claim;
}

export const currentClaim = (): RequestClaim | undefined => claims.getStore()?.claim;

/** The id of what a write returned, so a retry can be answered with it. */
const refOf = (result: unknown): string | null => {
  const id = result && typeof result === 'object' ? (result as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id : null;
};

const claimed = (claim: RequestClaim) =>
  and(eq(idempotencyKeys.userId, claim.userId), eq(idempotencyKeys.key, claim.key), eq(idempotencyKeys.statusCode, IN_FLIGHT));

/** Inside a transaction about to commit: the current request's key is done (first commit wins). */
export async function markCommitted(tx: Queryable, result: unknown): Promise<void> {
  const claim = currentClaim();
  if (!claim) return;
  await tx
    .update(idempotencyKeys)
    .set({ statusCode: COMMITTED, response: { ref: refOf(result) } })
    .where(claimed(claim));
}

/** The same mark as a data-modifying CTE, for writes that are one statement without BEGIN. */
export function markCommittedStatement(tx: Queryable, ref: ReturnType<typeof sql>) {
  const claim = currentClaim();
  if (!claim) return null;
  return tx
    .update(idempotencyKeys)
    .set({ statusCode: COMMITTED, response: sql`jsonb_build_object('ref', ${ref})` })
    .where(claimed(claim));
}
