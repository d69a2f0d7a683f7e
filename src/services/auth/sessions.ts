import { createHash, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db, Queryable } from '../../db/client.js';
import { sessions, users } from '../../db/schema/index.js';
import { AppError } from '../../errors.js';
import { verifyPassword } from './password.js';

export const SESSION_COOKIE = 'propdesk_session';
const SESSION_DAYS = 14;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Checks a username and password and starts a session.
 * @throws AppError 401 with one message for both unknown users and wrong passwords
 */
export async function login(db: Db, username: string, password: string, now: Date) {
  const [user] = await db.select().from(users).where(eq(users.username, username));
  const ok = user?.active && (await verifyPassword(password, user.passwordHash));
  if (!user || !ok) {
    throw new AppError(401, 'bad_credentials', '用户名或密码错误', {
      messageEn: 'wrong username or password',
      fields: [{ field: 'password', message: '用户名或密码错误' }],
    });
  }
  return { userId: user.id, ...(await startSession(db, user.id, now)) };
}

/** Creates a session row and returns the token for the cookie (only its hash is stored). */
export async function startSession(db: Queryable, userId: string, now: Date) {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
  await db.insert(sessions).values({ tokenHash: hashToken(token), userId, createdAt: now, expiresAt });
  return { token, expiresAt };
}

export async function logout(db: Db, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token)));
}
