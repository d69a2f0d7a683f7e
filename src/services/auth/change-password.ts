import { eq } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { sessions, users } from '../../db/schema/index.js';
import { ACCOUNT_BACKOFF, ADDRESS_BACKOFF } from '../../domain/login-backoff.js';
import { newPasswordProblems } from '../../domain/password-rule.js';
import { invalid, invalidFields } from '../../errors.js';
import { publishAuth } from '../../jobs/live-hub.js';
import type { Actor } from '../../policies/actor.js';
import { hashPassword, verifyPassword } from './password.js';
import { startSession } from './sessions.js';
import { guardSignIn } from './sign-in-backoff.js';

/**
 * A signed-in user changes their own password (issue 13 item 6). The current password is checked
 * under the sign-in backoff (a stolen session cannot guess it at leisure); then, in one
 * transaction, the hash is replaced, every session of the user is deleted and every node is told
 * to forget them; the caller gets a new session.
 * @throws 400 naming currentPassword (wrong) or newPassword (too weak), 429 while locked
 */
export async function changePassword(ctx: AppContext, actor: Actor, input: { currentPassword: string; newPassword: string }, address = 'unknown') {
  const db = ctx.database.db;
  const now = ctx.clock.now();
  const [user] = await db.select().from(users).where(eq(users.id, actor.userId));
  if (!user) throw invalid('currentPassword', '当前密码不正确');
  const problems = newPasswordProblems(user.username, input.currentPassword, input.newPassword);
  if (problems.length > 0) throw invalidFields(problems);
  const attempt = await guardSignIn(db, [{ key: `user:${user.username}`, policy: ACCOUNT_BACKOFF }, { key: `addr:${address}`, policy: ADDRESS_BACKOFF }], now, 'password');
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
    await attempt.failed();
    throw invalid('currentPassword', '当前密码不正确', 'wrong current password');
  }
  await attempt.succeeded();
  const passwordHash = await hashPassword(input.newPassword);
  const session = await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id));
    await tx.delete(sessions).where(eq(sessions.userId, user.id));
    await publishAuth(tx, { userId: user.id });
    return startSession(tx, user.id, now);
  });
  ctx.sessionCache?.forgetUser(user.id);
  return session;
}
