import { z } from 'zod';
import type { RouteModule } from '../../types.js';
import { requireActor } from '../../plugins/auth.js';
import { login, logout, secureCookies, sessionCookieName } from '../../../services/auth/sessions.js';
import { changePassword } from '../../../services/auth/change-password.js';
import { presentMe } from '../../../presenters/me.js';
import { loadActor } from '../../../db/repos/actors.js';
import { requestOtp, verifyOtp } from '../../../services/auth/otp.js';

const LoginBody = z.strictObject({
  username: z.string().trim().min(1, '请输入用户名').max(100),
  password: z.string().min(1, '请输入密码').max(200),
});

const ChangePasswordBody = z.strictObject({
  currentPassword: z.string().min(1, '请输入当前密码').max(200),
  newPassword: z.string().min(8, '新密码至少 8 位').max(200, '新密码最多 200 位'),
});

export const authRoutes: RouteModule = (app, ctx) => {
  const cookieOptions = (expires?: Date) => ({
    path: '/',
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: secureCookies(),
    expires,
  });

  app.post('/api/auth/login', { schema: { tags: ['auth'], body: LoginBody } }, async (req, reply) => {
    const { userId, token, expiresAt } = await login(ctx.database.db, req.body.username, req.body.password, ctx.clock.now(), req.ip);
    // A new session id at every login: a session the browser held before (planted, or left on a
    // shared desk computer) ends here instead of living on beside the new one.
    const before = req.cookies[sessionCookieName()];
    if (before) await logout(ctx, before);
    reply.setCookie(sessionCookieName(), token, cookieOptions(expiresAt));
    const actor = await loadActor(ctx.database.db, userId);
    return presentMe(actor!);
  });

  const Phone = z.string().trim().regex(/^1[3-9]\d{9}$/, '请输入 11 位手机号');
  app.post('/api/auth/otp/request', { schema: { tags: ['auth'], body: z.strictObject({ phone: Phone }) } }, async (req) =>
    requestOtp(ctx, req.body.phone, (line) => {
      req.log.warn(line);
      process.stdout.write(`${line}\n`);
    }),
  );
  app.post(
    '/api/auth/otp/verify',
    { schema: { tags: ['auth'], body: z.strictObject({ phone: Phone, code: z.string().trim().regex(/^\d{6}$/, '验证码为 6 位数字') }) } },
    async (req, reply) => {
      const { userId, token, expiresAt } = await verifyOtp(ctx, req.body.phone, req.body.code, req.ip);
      const before = req.cookies[sessionCookieName()];
      if (before) await logout(ctx, before);
      reply.setCookie(sessionCookieName(), token, cookieOptions(expiresAt));
      return presentMe((await loadActor(ctx.database.db, userId))!);
    },
  );

  app.post('/api/auth/logout', { schema: { tags: ['auth'] } }, async (req, reply) => {
    const token = req.cookies[sessionCookieName()];
    if (token) await logout(ctx, token);
    reply.clearCookie(sessionCookieName(), { path: '/', secure: secureCookies() });
    return { ok: true };
  });

  // Every session of the user ends, on every node; this browser gets a new one.
  app.post('/api/me/password', { schema: { tags: ['auth'], body: ChangePasswordBody } }, async (req, reply) => {
    const { token, expiresAt } = await changePassword(ctx, requireActor(req), req.body, req.ip);
    reply.setCookie(sessionCookieName(), token, cookieOptions(expiresAt));
    return { ok: true };
  });

  app.get('/api/me', { schema: { tags: ['auth'] } }, async (req) => presentMe(requireActor(req)));

  // For screens deciding whether to show the login form: answers 200 either way.
  app.get('/api/session', { schema: { tags: ['auth'] } }, async (req) => ({ user: req.actor ? presentMe(req.actor) : null }));
};
