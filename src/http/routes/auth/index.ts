import { z } from 'zod';
import type { RouteModule } from '../../types.js';
import { requireActor } from '../../plugins/auth.js';
import { SESSION_COOKIE, login, logout } from '../../../services/auth/sessions.js';
import { presentMe } from '../../../presenters/me.js';
import { loadActor } from '../../../db/repos/actors.js';
import { requestOtp, verifyOtp } from '../../../services/auth/otp.js';

const LoginBody = z.strictObject({
  username: z.string().trim().min(1, '请输入用户名').max(100),
  password: z.string().min(1, '请输入密码').max(200),
});

export const authRoutes: RouteModule = (app, ctx) => {
  const cookieOptions = (expires?: Date) => ({
    path: '/',
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: process.env.PROPDESK_SECURE_COOKIES === '1',
    expires,
  });

  app.post('/api/auth/login', { schema: { tags: ['auth'], body: LoginBody } }, async (req, reply) => {
    const { userId, token, expiresAt } = await login(ctx.database.db, req.body.username, req.body.password, ctx.clock.now(), req.ip);
    reply.setCookie(SESSION_COOKIE, token, cookieOptions(expiresAt));
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
      reply.setCookie(SESSION_COOKIE, token, cookieOptions(expiresAt));
      return presentMe((await loadActor(ctx.database.db, userId))!);
    },
  );

  app.post('/api/auth/logout', { schema: { tags: ['auth'] } }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) await logout(ctx, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get('/api/me', { schema: { tags: ['auth'] } }, async (req) => presentMe(requireActor(req)));

  // For screens deciding whether to show the login form: answers 200 either way.
  app.get('/api/session', { schema: { tags: ['auth'] } }, async (req) => ({ user: req.actor ? presentMe(req.actor) : null }));
};
