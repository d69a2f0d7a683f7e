import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/db/seed/demo.js';
import { createWorld, type TestWorld } from '../support/harness.js';

// Issue 13 item 6: the session id changes at login; a password change ends every session.
let w: TestWorld;
beforeAll(async () => {
  w = await createWorld();
}, 60_000);
afterAll(async () => w?.close());

const login = (username: string, password: string, cookie?: string) =>
  w.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, headers: cookie ? { cookie } : {} });
const cookieOf = (res: Awaited<ReturnType<typeof login>>) => res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
const me = (cookie: string) => w.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });

describe('sessions', () => {
  it('receptionist: signing in again in the same browser ends the session it held, the new one works', async () => {
    const first = cookieOf(await login('reception', DEMO_PASSWORD));
    expect((await me(first)).statusCode).toBe(200);
    const second = cookieOf(await login('reception', DEMO_PASSWORD, first));
    expect(second).not.toBe(first);
    expect((await me(first)).statusCode).toBe(401);
    expect((await me(second)).statusCode).toBe(200);
  });

  it('dispatcher: a wrong current password or a weak new one changes nothing; the change ends every other session and signs this browser in anew', async () => {
    const mine = cookieOf(await login('dispatcher', DEMO_PASSWORD));
    const other = cookieOf(await login('dispatcher', DEMO_PASSWORD));
    const change = (body: Record<string, unknown>, cookie = mine) => w.app.inject({ method: 'POST', url: '/api/me/password', payload: body, headers: { cookie } });
    const wrong = await change({ currentPassword: 'not-it', newPassword: 'brand-new-pass' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields[0]).toMatchObject({ field: 'currentPassword', message: '当前密码不正确' });
    const same = await change({ currentPassword: DEMO_PASSWORD, newPassword: DEMO_PASSWORD });
    expect(same.json().error.fields[0]).toMatchObject({ field: 'newPassword', message: '新密码不能与当前密码相同' });
    const short = await change({ currentPassword: DEMO_PASSWORD, newPassword: 'short' });
    expect(short.json().error.fields[0]).toMatchObject({ field: 'newPassword', message: '新密码至少 8 位' });
    expect((await me(other)).statusCode).toBe(200);

    const ok = await change({ currentPassword: DEMO_PASSWORD, newPassword: 'brand-new-pass' });
    expect(ok.statusCode).toBe(200);
    const fresh = cookieOf(ok);
    expect(fresh).toContain('propdesk_session=');
    expect((await me(other)).statusCode).toBe(401);
    expect((await me(mine)).statusCode).toBe(401);
    expect((await me(fresh)).statusCode).toBe(200);
    expect((await login('dispatcher', DEMO_PASSWORD)).statusCode).toBe(401);
    expect((await login('dispatcher', 'brand-new-pass')).statusCode).toBe(200);
    expect((await w.app.inject({ method: 'POST', url: '/api/me/password', payload: { currentPassword: 'x', newPassword: 'yyyyyyyy' } })).statusCode).toBe(401);
  });

  it('over HTTPS the cookie is __Host-propdesk_session: Secure, Path=/, no Domain; the plain name no longer signs in', async () => {
    process.env.PROPDESK_SECURE_COOKIES = '1';
    try {
      const res = await login('supervisor', DEMO_PASSWORD);
      const c = res.cookies.find((x) => x.name === '__Host-propdesk_session');
      expect(c).toMatchObject({ secure: true, httpOnly: true, path: '/', sameSite: 'Strict' });
      expect(c!.domain).toBeUndefined();
      expect((await me(`__Host-propdesk_session=${c!.value}`)).statusCode).toBe(200);
      expect((await me(`propdesk_session=${c!.value}`)).statusCode).toBe(401);
      const out = await w.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: `__Host-propdesk_session=${c!.value}` } });
      expect(String(out.headers['set-cookie'])).toMatch(/^__Host-propdesk_session=;.*Secure/);
    } finally {
      delete process.env.PROPDESK_SECURE_COOKIES;
    }
  });
});
