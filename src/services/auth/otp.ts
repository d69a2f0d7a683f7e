import { maskPhone } from '../../domain/personal-data.js';
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { enqueue } from '../../db/repos/outbox.js';
import { publishAuth } from '../../jobs/live-hub.js';
import { estates, otpCodes, residents, users } from '../../db/schema/index.js';
import { resolveSettings } from '../../domain/settings.js';
import { AppError } from '../../errors.js';
import { ADDRESS_BACKOFF, PHONE_CODE_BACKOFF } from '../../domain/login-backoff.js';
import { startSession } from './sessions.js';
import { guardSignIn } from './sign-in-backoff.js';

const CODE_TTL_MS = 5 * 60_000;
const RESEND_AFTER_MS = 60_000;
const MAX_ATTEMPTS = 5;
const hash = (phone: string, code: string) => createHash('sha256').update(`${phone}:${code}`).digest('hex');

/**
 * Sends a 6-digit sign-in code to a resident's phone, through the estate's SMS webhook (topic
 * `auth.otp`); the demo prints it in the server log. Unknown numbers get the same answer, so the
 * endpoint does not reveal who lives here.
 * @throws 429 when asked again within a minute
 */
export async function requestOtp(ctx: AppContext, phone: string, log: (line: string) => void) {
  const db = ctx.database.db;
  const now = ctx.clock.now();
  const [last] = await db.select().from(otpCodes).where(eq(otpCodes.phone, phone)).orderBy(desc(otpCodes.createdAt)).limit(1);
  if (last && now.getTime() - last.createdAt.getTime() < RESEND_AFTER_MS) {
    throw new AppError(429, 'too_soon', '验证码已发送，请一分钟后再试', { messageEn: 'a code was sent less than a minute ago', fields: [{ field: 'phone', message: '请一分钟后再试' }] });
  }
  const homes = await db.select({ estateId: residents.estateId }).from(residents).where(sql`${phone} = any(${residents.phones})`);
  if (homes.length === 0) {
    // A throttle marker that no code can ever match: an unknown phone asked twice gets the same
    // 429 as a registered one, so the resend limit does not reveal who lives here.
    await db.insert(otpCodes).values({ phone, codeHash: `none:${randomBytes(16).toString('hex')}`, createdAt: now, expiresAt: new Date(now.getTime() + CODE_TTL_MS) });
    return { sent: true };
  }
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await db.insert(otpCodes).values({ phone, codeHash: hash(phone, code), createdAt: now, expiresAt: new Date(now.getTime() + CODE_TTL_MS) });
  const estateId = homes[0]!.estateId;
  const [estate] = await db.select({ settings: estates.settings }).from(estates).where(eq(estates.id, estateId));
  const hooks = resolveSettings(estate?.settings).webhooks.filter((h) => h.topics?.includes('auth.otp'));
  await enqueue(db, hooks.map((h) => ({ estateId, channel: 'webhook' as const, recipient: h.url, topic: 'auth.otp', payload: { phone, code }, dedupeKey: `otp:${phone}:${now.getTime()}:${h.url}` })), now);
  // Even the demo's log names the phone only masked (issue 13 item 1).
  if (ctx.demo) log(`[demo] 业户 ${maskPhone(phone)} 的登录验证码：${code}`);
  return { sent: true };
}

/**
 * Checks a code and signs the resident in. A resident without a login gets one now, linked to
 * every home registered with that phone.
 * @throws 401 for a wrong or expired code (five tries per code)
 */
export async function verifyOtp(ctx: AppContext, phone: string, code: string, address = 'unknown') {
  const db = ctx.database.db;
  const now = ctx.clock.now();
  const bad = () => new AppError(401, 'bad_code', '验证码错误或已过期', { messageEn: 'wrong or expired code', fields: [{ field: 'code', message: '验证码错误或已过期' }] });
  // Failures across codes, per phone and per address (the per-code limit alone allows 5 a minute).
  const attempt = await guardSignIn(db, [{ key: `otp:${phone}`, policy: PHONE_CODE_BACKOFF }, { key: `otp-addr:${address}`, policy: ADDRESS_BACKOFF }], now, 'code');
  const signedIn = await db.transaction(async (tx) => {
    const [otp] = await tx
      .select()
      .from(otpCodes)
      .where(and(eq(otpCodes.phone, phone), isNull(otpCodes.usedAt), gt(otpCodes.expiresAt, now)))
      .orderBy(desc(otpCodes.createdAt))
      .limit(1)
      .for('update');
    if (!otp || otp.attempts >= MAX_ATTEMPTS) return null;
    if (otp.codeHash !== hash(phone, code)) {
      // Returned, not thrown: a throw would roll back the count and leave the code guessable.
      await tx.update(otpCodes).set({ attempts: otp.attempts + 1 }).where(eq(otpCodes.id, otp.id));
      return null;
    }
    await tx.update(otpCodes).set({ usedAt: now }).where(eq(otpCodes.id, otp.id));
    const homes = await tx.select().from(residents).where(sql`${phone} = any(${residents.phones})`);
    let userId = homes.find((h) => h.userId)?.userId;
    if (!userId) {
      const [u] = await tx.insert(users).values({ username: `r${phone}`, displayName: homes[0]!.name, phone }).onConflictDoNothing().returning();
      userId = u?.id ?? (await tx.select().from(users).where(eq(users.username, `r${phone}`)))[0]!.id;
    }
    const linked = await tx.update(residents).set({ userId }).where(and(sql`${phone} = any(${residents.phones})`, isNull(residents.userId))).returning({ id: residents.id });
    // New homes for an existing login change what its other open sessions may see.
    if (linked.length > 0) await publishAuth(tx, { userId });
    return { userId, linked: linked.length, ...(await startSession(tx, userId, now)) };
  });
  if (!signedIn) {
    await attempt.failed();
    throw bad();
  }
  await attempt.succeeded();
  const { linked, ...session } = signedIn;
  if (linked > 0) ctx.sessionCache?.forgetUser(session.userId);
  return session;
}
