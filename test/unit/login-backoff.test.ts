import { describe, expect, it } from 'vitest';
import { ACCOUNT_BACKOFF, afterFailure, type FailureState, lockRemainingMs } from '../../src/domain/login-backoff.js';

const at = (s: number) => new Date(Date.UTC(2026, 2, 2, 2, 0, s));

describe('login backoff', () => {
  it('the fifth failure locks 30 s, then 60, 120 … up to 15 minutes', () => {
    let state: FailureState | undefined;
    const locks: number[] = [];
    for (let i = 0; i < 12; i++) {
      state = afterFailure(state, at(i), ACCOUNT_BACKOFF);
      locks.push(lockRemainingMs(state, at(i)) / 1000);
    }
    expect(locks).toEqual([0, 0, 0, 0, 30, 60, 120, 240, 480, 900, 900, 900]);
  });
  it('a lock runs out; a quiet window starts the count afresh', () => {
    let state: FailureState | undefined;
    for (let i = 0; i < 5; i++) state = afterFailure(state, at(i), ACCOUNT_BACKOFF);
    expect(lockRemainingMs(state, at(4 + 10))).toBe(20_000);
    expect(lockRemainingMs(state, at(4 + 30))).toBe(0);
    const later = afterFailure(state, new Date(at(0).getTime() + 16 * 60_000), ACCOUNT_BACKOFF);
    expect(later.failures).toBe(1);
    expect(later.lockedUntil).toBeNull();
  });
  it('no state, no lock', () => {
    expect(lockRemainingMs(undefined, at(0))).toBe(0);
  });
});
