import type { Db } from '../../db/client.js';
import { clearFailures, readFailures, recordFailure } from '../../db/repos/login-failures.js';
import { type BackoffPolicy, afterFailure, lockRemainingMs } from '../../domain/login-backoff.js';
import { AppError } from '../../errors.js';

/** One key a sign-in attempt is counted under (`user:…`, `addr:…`, `otp:…`) and its policy. */
export interface BackoffKey {
  key: string;
  policy: BackoffPolicy;
}

/** 429 while a sign-in key is locked; the message sits under the field the user typed into. */
export const tooManyTries = (ms: number, field: 'password' | 'code') => {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  return new AppError(429, 'too_many_logins', `登录失败次数过多，请 ${minutes} 分钟后再试`, {
    messageEn: `too many failed sign-ins; try again in ${minutes} min`,
    fields: [{ field, message: `登录失败次数过多，请 ${minutes} 分钟后再试` }],
    retryAfterSeconds: Math.ceil(ms / 1000),
  });
};

/**
 * The backoff around one sign-in attempt (password or code): refuses with 429 while any of the
 * keys is locked, before any work is done; otherwise returns how to count the outcome. A failure
 * counts under every key; a success clears the first key (the account's or phone's), never the
 * address's.
 */
export async function guardSignIn(db: Db, keys: [BackoffKey, ...BackoffKey[]], now: Date, field: 'password' | 'code') {
  const states = await readFailures(db, keys.map((k) => k.key));
  const locked = Math.max(...keys.map((k) => lockRemainingMs(states.get(k.key), now)));
  if (locked > 0) throw tooManyTries(locked, field);
  const [own] = keys;
  return {
    failed: () =>
      db.transaction(async (tx) => {
        for (const { key, policy } of keys) await recordFailure(tx, key, now, (s) => afterFailure(s, now, policy));
      }),
    succeeded: async () => {
      if (states.has(own.key)) await clearFailures(db, own.key);
    },
  };
}
