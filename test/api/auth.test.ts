import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type TestWorld } from '../support/harness.js';

let w: TestWorld;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(async () => w?.close());

describe('auth', () => {
  it('anyone: health answers with the engine in use', async () => {
    const res = await w.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json().engine).toBe(process.env.PROPDESK_TEST_DB === 'postgres' ? 'postgres' : 'pglite');
  });

  it('receptionist: logs in with an HTTP-only SameSite cookie and sees own roles', async () => {
    const res = await w.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'reception', password: 'demo1234' } });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'propdesk_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Strict');
    const me = await w.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: `propdesk_session=${cookie!.value}` } });
    expect(me.json().estates).toEqual([expect.objectContaining({ estateId: w.a.id, roles: ['receptionist'] })]);
  });

  it('anyone: a wrong password is refused with a zh-CN field message', async () => {
    const res = await w.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'reception', password: 'nope' } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.fields[0]).toEqual({ field: 'password', message: '用户名或密码错误' });
  });

  it('anyone: unknown fields in a body are refused with 400 naming the field', async () => {
    const res = await w.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'reception', password: 'demo1234', estate_id: 'x' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toContainEqual(expect.objectContaining({ field: 'estate_id' }));
  });

  it('receptionist: after logout the session no longer works', async () => {
    const c = await w.as('reception');
    expect((await c.get('/api/me')).statusCode).toBe(200);
    expect((await c.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await c.get('/api/me')).statusCode).toBe(401);
  });
});

describe('resident sign-in with a one-time code', () => {
  it('resident: requests a code for the registered phone and signs in with it; a wrong code is refused', async () => {
    const lines: string[] = [];
    w.ctx.demo = true;
    const { requestOtp } = await import('../../src/services/auth/otp.js');
    await requestOtp(w.ctx, '13800000001', (l) => lines.push(l));
    const code = /：(\d{6})/.exec(lines[0] ?? '')?.[1];
    expect(code).toMatch(/^\d{6}$/);
    const wrong = await w.app.inject({ method: 'POST', url: '/api/auth/otp/verify', payload: { phone: '13800000001', code: code === '000000' ? '111111' : '000000' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.fields[0].field).toBe('code');
    const ok = await w.app.inject({ method: 'POST', url: '/api/auth/otp/verify', payload: { phone: '13800000001', code } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().residencies[0]).toMatchObject({ unitId: w.a.unitIds['1-1-101'] });
    const again = await w.app.inject({ method: 'POST', url: '/api/auth/otp/verify', payload: { phone: '13800000001', code } });
    expect(again.statusCode).toBe(401);
  });

  it('resident: a resident without a login gets one on first sign-in; asking again within a minute is refused', async () => {
    const lines: string[] = [];
    const { requestOtp } = await import('../../src/services/auth/otp.js');
    await requestOtp(w.ctx, '13900000003', (l) => lines.push(l));
    const code = /：(\d{6})/.exec(lines[0] ?? '')?.[1];
    const ok = await w.app.inject({ method: 'POST', url: '/api/auth/otp/verify', payload: { phone: '13900000003', code } });
    expect(ok.json()).toMatchObject({ displayName: '王先生', residencies: expect.arrayContaining([expect.objectContaining({ unitId: w.a.unitIds['2-1-502'] })]) });
    const soon = await w.app.inject({ method: 'POST', url: '/api/auth/otp/request', payload: { phone: '13900000003' } });
    expect(soon.statusCode).toBe(429);
    const unknown = await w.app.inject({ method: 'POST', url: '/api/auth/otp/request', payload: { phone: '13100000000' } });
    expect(unknown.json()).toEqual({ sent: true });
  });
});
