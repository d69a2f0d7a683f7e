/**
 * How sign-in failures slow down whoever keeps guessing: per account (a username, known or not)
 * and per network address. A few mistakes cost nothing; after that each further failure locks
 * the key for twice as long as the last, up to a ceiling (5 wrong passwords: 30 s, then 60 s …).
 * A lock refuses even the right password, so guessing gains nothing while it lasts; a success
 * clears the account's count.
 */
export interface BackoffPolicy {
  /** Failures within the window after which the key is locked (the first lock). */
  lockAfter: number;
  /** The first lock; each further failure doubles it. */
  baseLockMs: number;
  maxLockMs: number;
  /** A quiet spell this long starts the count afresh. */
  windowMs: number;
}

export interface FailureState {
  failures: number;
  firstAt: Date;
  lockedUntil: Date | null;
}

export const ACCOUNT_BACKOFF: BackoffPolicy = { lockAfter: 5, baseLockMs: 30_000, maxLockMs: 15 * 60_000, windowMs: 15 * 60_000 };
/** Many desks can sit behind one address (a site's NAT), so it gets more room than one account. */
export const ADDRESS_BACKOFF: BackoffPolicy = { lockAfter: 30, baseLockMs: 30_000, maxLockMs: 15 * 60_000, windowMs: 15 * 60_000 };

/**
 * Sign-in codes, per phone across codes: each code dies after 5 wrong tries, but a new one can
 * be asked for every minute; this caps guessing at two codes' worth before a 5-minute pause.
 */
export const PHONE_CODE_BACKOFF: BackoffPolicy = { lockAfter: 10, baseLockMs: 5 * 60_000, maxLockMs: 60 * 60_000, windowMs: 60 * 60_000 };

/** The state after one more failure at `now`. */
export function afterFailure(state: FailureState | undefined, now: Date, policy: BackoffPolicy): FailureState {
  const fresh = !state || now.getTime() - state.firstAt.getTime() > policy.windowMs;
  const failures = fresh ? 1 : state.failures + 1;
  const over = failures - policy.lockAfter;
  const lockMs = over >= 0 ? Math.min(policy.baseLockMs * 2 ** over, policy.maxLockMs) : 0;
  return { failures, firstAt: fresh ? now : state.firstAt, lockedUntil: lockMs > 0 ? new Date(now.getTime() + lockMs) : null };
}

/** Milliseconds the key stays locked at `now` (0: free to try). */
export function lockRemainingMs(state: FailureState | undefined, now: Date): number {
  const until = state?.lockedUntil?.getTime() ?? 0;
  return Math.max(0, until - now.getTime());
}
