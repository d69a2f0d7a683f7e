import { createHash, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { Db, Queryable } from '../../db/client.js';
import { sessions, users } from '../../db/schema/index.js';
import { AppError } from '../../errors.js';
import { publishAuth } from '../../jobs/live-hub.js';
import { clearFailures, readFailures, recordFailure } from '../../db/repos/login-failures.js';
import { ACCOUNT_BACKOFF, ADDRESS_BACKOFF, afterFailure, lockRemainingMs } from '../../domain/login-backoff.js';
import { verifyPassword } from './password.js';

export const SESSION_COOKIE = 'propdesk_session';
const SESSION_DAYS = 14;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

const badCredentials = () =>
  new AppError(401, 'bad_credentials', '用户名或密码错误', {
    messageEn: 'wrong username or password',
    fields: [{ field: 'password', message: '用户名或密码错误' }],
  });

/** 429 while a sign-in key is locked; the message sits under the field the user typed into. */
export const tooManyTries = (ms: number, field: 'password' | 'code' = 'password') => {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  return new AppError(429, 'too_many_logins', `登录失败次数过多，请 ${minutes} 分钟后再试`, {
    messageEn: `too many failed sign-ins; try again in ${minutes} min`,
    fields: [{ field, message: `登录失败次数过多，请 ${minutes} 分钟后再试` }],
    retryAfterSeconds: Math.ceil(ms / 1000),
  });
};

/**
 * Checks a username and password and starts a session. Every attempt that is not locked costs
 * one password hash, for unknown and inactive users too, so the answer's timing tells nothing;
 * failures lock the account name and the address for a while (domain/login-backoff.ts).
 * @throws AppError 401 with one message for unknown users, inactive users and wrong passwords
 * @throws AppError 429 while the account or the address is locked, even for the right password
 */
export async function login(db: Db, username: string, password: string, now: Date, address = 'unknown') {
  const accountKey = `user:${username}`;
  const addressKey = `addr:${address}`;
  const states = await readFailures(db, [accountKey, addressKey]);
  const locked = Math.max(lockRemainingMs(states.get(accountKey), now), lockRemainingMs(states.get(addressKey), now));
  if (locked > 0) throw tooManyTries(locked);
  const [user] = await db.select().from(users).where(eq(users.username, username));
  // The password first, whoever the user: the same work for every name (issue 15 item 3).
  const passwordOk = await verifyPassword(password, user?.passwordHash ?? null);
  if (!user?.active || !passwordOk) {
    await db.transaction(async (tx) => {
      await recordFailure(tx, accountKey, now, (s) => afterFailure(s, now, ACCOUNT_BACKOFF));
      await recordFailure(tx, addressKey, now, (s) => afterFailure(s, now, ADDRESS_BACKOFF));
    });
    throw badCredentials();
  }
  if (states.has(accountKey)) await clearFailures(db, accountKey);
  return { userId: user.id, ...(await startSession(db, user.id, now)) };
}

/** Creates a session row and returns the token for the cookie (only its hash is stored). */
export async function startSession(db: Queryable, userId: string, now: Date) {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
  await db.insert(sessions).values({ tokenHash: hashToken(token), userId, createdAt: now, expiresAt });
  return { token, expiresAt };
}

/**
 * Ends a session. Other nodes hear it through the auth channel when it commits; this node
 * forgets its cached copy at once, so the very next request with the cookie is refused.
 */
export async function logout(ctx: Pick<AppContext, 'database' | 'sessionCache'>, token: string): Promise<void> {
  const tokenHash = hashToken(token);
  await ctx.database.db.transaction(async (tx) => {
    await tx.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
    await publishAuth(tx, { tokenHash });
  });
  ctx.sessionCache?.forgetToken(tokenHash);
}
