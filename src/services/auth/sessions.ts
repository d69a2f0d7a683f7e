import { createHash, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { Db, Queryable } from '../../db/client.js';
import { sessions, users } from '../../db/schema/index.js';
import { AppError } from '../../errors.js';
import { publishAuth } from '../../jobs/live-hub.js';
import { ACCOUNT_BACKOFF, ADDRESS_BACKOFF } from '../../domain/login-backoff.js';
import { verifyPassword } from './password.js';
import { guardSignIn } from './sign-in-backoff.js';

/**
 * The session cookie's name. Served over HTTPS (PROPDESK_SECURE_COOKIES=1) it is
 * `__Host-propdesk_session`: browsers take a `__Host-` cookie only when it is Secure, has Path=/
 * and no Domain, so no sibling site or plain-HTTP page can plant or overwrite it.
 */
export const sessionCookieName = () => (secureCookies() ? '__Host-propdesk_session' : 'propdesk_session');
export const secureCookies = () => process.env.PROPDESK_SECURE_COOKIES === '1';
const SESSION_DAYS = 14;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

const badCredentials = () =>
  new AppError(401, 'bad_credentials', '用户名或密码错误', {
    messageEn: 'wrong username or password',
    fields: [{ field: 'password', message: '用户名或密码错误' }],
  });

/**
 * Checks a username and password and starts a session. Every attempt that is not locked costs
 * one password hash, for unknown and inactive users too, so the answer's timing tells nothing;
 * failures lock the account name and the address for a while (domain/login-backoff.ts).
 * @throws AppError 401 with one message for unknown users, inactive users and wrong passwords
 * @throws AppError 429 while the account or the address is locked, even for the right password
 */
export async function login(db: Db, username: string, password: string, now: Date, address = 'unknown') {
  const attempt = await guardSignIn(db, [{ key: `user:${username}`, policy: ACCOUNT_BACKOFF }, { key: `addr:${address}`, policy: ADDRESS_BACKOFF }], now, 'password');
  const [user] = await db.select().from(users).where(eq(users.username, username));
  // The password first, whoever the user: the same work for every name (issue 15 item 3).
  const passwordOk = await verifyPassword(password, user?.passwordHash ?? null);
  if (!user?.active || !passwordOk) {
    await attempt.failed();
    throw badCredentials();
  }
  await attempt.succeeded();
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
