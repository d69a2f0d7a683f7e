import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_CSP, allowedOrigins } from '../../src/http/plugins/same-origin.js';
import { uploadPng } from '../support/desk.js';
import { createWorld, type TestWorld } from '../support/harness.js';

let w: TestWorld;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(async () => w?.close());

// light-my-request sends Host: localhost:80, so this server's own origin is http://localhost.
const OWN = 'http://localhost:80';
const SAME_SITE_OTHER_PORT = 'http://localhost:8081';

describe('cross-site requests', () => {
  it('attacker: a page on the same site but another port cannot deactivate staff, by Origin or by Referer; the admin’s own page can', async () => {
    const admin = await w.as('admin');
    const made = await admin.post(`/api/estates/${w.a.id}/staff`, { username: 'csrf1', displayName: '临时工甲', password: 'demo1234', roles: ['technician'], departmentId: w.a.departmentIds.CLN });
    expect(made.statusCode, made.body).toBe(201);
    const victim = await w.as('csrf1');
    const url = `/api/estates/${w.a.id}/staff/${made.json().id}/deactivate`;
    const forged = await admin.request({ method: 'POST', url, headers: { origin: SAME_SITE_OTHER_PORT } });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error).toEqual(expect.objectContaining({ code: 'cross_origin', message: '拒绝来自其他网站的请求' }));
    const byReferer = await admin.request({ method: 'POST', url, headers: { referer: `${SAME_SITE_OTHER_PORT}/evil.html` } });
    expect(byReferer.statusCode).toBe(403);
    expect((await victim.get('/api/me')).statusCode, 'still signed in: nothing was deactivated').toBe(200);
    const own = await admin.request({ method: 'POST', url, headers: { origin: OWN } });
    expect(own.statusCode, own.body).toBe(200);
    expect((await victim.get('/api/me')).statusCode).toBe(401);
  });

  it('attacker: a text/plain form post is refused 415 (no preflight needed for it), and the units import takes only text/csv', async () => {
    const admin = await w.as('admin');
    const csv = '房屋编号,姓名\n9-9-901,跨站\n';
    const plain = await admin.request({ method: 'POST', url: `/api/estates/${w.a.id}/import/units`, payload: csv, headers: { 'content-type': 'text/plain' } });
    expect(plain.statusCode).toBe(415);
    expect(plain.json().error.message).toBe('不支持的内容类型');
    const form = await admin.request({ method: 'POST', url: '/api/auth/logout', payload: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.statusCode).toBe(415);
    const units = await admin.get(`/api/estates/${w.a.id}/units?q=9-9-901`);
    expect(units.json().items).toEqual([]);
    const real = await admin.request({ method: 'POST', url: `/api/estates/${w.a.id}/import/units?dryRun=true`, payload: csv, headers: { 'content-type': 'text/csv' } });
    expect(real.statusCode, real.body).toBe(200);
  });

  it('anyone: every answer says nosniff and may not be framed; a stored image is served sandboxed, as an inline file named by its hash', async () => {
    const tech = await w.as('tech1');
    const sha = await uploadPng(tech, w.a.id);
    const res = await tech.get(`/api/files/${w.a.id}/${sha}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    expect(res.headers['content-disposition']).toBe(`inline; filename="${sha}.png"`);
    const me = await tech.get('/api/me');
    expect(me.headers['x-content-type-options']).toBe('nosniff');
    expect(me.headers['x-frame-options']).toBe('DENY');
    expect(me.headers['referrer-policy']).toBe('same-origin');
    expect(me.headers['cache-control']).toBe('no-store');
    const page = await w.app.inject({ method: 'GET', url: '/' });
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['content-security-policy']).toBe(PAGE_CSP);
    expect(page.headers['content-security-policy']).toContain("script-src 'self';");
    expect((await w.app.inject({ method: 'GET', url: '/board' })).headers['content-security-policy']).toBe(PAGE_CSP);
    expect((await w.app.inject({ method: 'GET', url: '/api/nothing-here' })).headers['x-content-type-options']).toBe('nosniff');
  });

  it('operator: PROPDESK_ALLOWED_ORIGINS lists further origins, trailing slashes ignored', () => {
    expect([...allowedOrigins({ PROPDESK_ALLOWED_ORIGINS: 'https://desk.example.com/, https://m.example.com' })]).toEqual(['https://desk.example.com', 'https://m.example.com']);
    expect(allowedOrigins({}).size).toBe(0);
  });
});
