import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffRoles, users } from '../../src/db/schema/index.js';
import { buildApp } from '../../src/http/app.js';
import { type LiveEvent, LiveHub } from '../../src/jobs/live-hub.js';
import { requestOtp } from '../../src/services/auth/otp.js';
import { SessionCache } from '../../src/services/auth/session-cache.js';
import type { ZodApp } from '../../src/http/types.js';
import { createWorld, type Client, type TestWorld } from '../support/harness.js';

// The harness turns the session cache on (default TTL) with a manual clock that only moves when
// a test moves it: a stale entry would be served for ever, so these tests fail if an invalidation
// is missing.
let w: TestWorld;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(async () => w?.close());

const cache = () => w.ctx.sessionCache!;

describe('session cache on one node', () => {
  it('receptionist: after logout the same cookie is refused on the very next request', async () => {
    const c = await w.as('reception');
    expect((await c.get('/api/me')).statusCode).toBe(200);
    expect(cache().size).toBeGreaterThan(0);
    expect((await c.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await c.get('/api/me')).statusCode).toBe(401);
  });

  it('admin: a deactivated technician’s open session is refused on the next request', async () => {
    const tech = await w.as('tech2');
    expect((await tech.get('/api/me')).statusCode).toBe(200);
    const admin = await w.as('admin');
    const res = await admin.post(`/api/estates/${w.a.id}/staff/${tech.userId}/deactivate`, {});
    expect(res.statusCode).toBe(200);
    expect((await tech.get('/api/me')).statusCode).toBe(401);
  });

  it('supervisor: a name and a role changed behind the app show once the TTL has passed, not before', async () => {
    const sup = await w.as('supervisor');
    expect((await sup.get('/api/me')).json().displayName).toBe('钱主管');
    await w.database.db.update(users).set({ displayName: '钱主任' }).where(eq(users.id, sup.userId));
    await w.database.db.insert(staffRoles).values({ estateId: w.b.id, userId: sup.userId, role: 'supervisor' });
    // Within the TTL the cached actor answers (this is what saves the query)…
    expect((await sup.get('/api/me')).json().displayName).toBe('钱主管');
    w.clock.advance(cache().ttlMs);
    // …and after it the session is read again.
    const me = (await sup.get('/api/me')).json();
    expect(me.displayName).toBe('钱主任');
    expect(me.estates.map((e: { estateId: string }) => e.estateId)).toContain(w.b.id);
  });

  it('resident: a home linked at a one-time-code sign-in shows at once in the resident’s other open session', async () => {
    const resident = await w.as('resident');
    expect((await resident.get('/api/me')).json().residencies).toHaveLength(1);
    const admin = await w.as('admin');
    const added = await admin.post(`/api/estates/${w.a.id}/residents`, { unitId: w.a.unitIds['3-2-1203'], name: '张先生', relation: 'owner', phones: ['13800000001'] });
    expect(added.statusCode).toBe(201);
    const lines: string[] = [];
    w.ctx.demo = true;
    await requestOtp(w.ctx, '13800000001', (l) => lines.push(l));
    const code = /：(\d{6})/.exec(lines[0] ?? '')?.[1];
    const ok = await w.app.inject({ method: 'POST', url: '/api/auth/otp/verify', payload: { phone: '13800000001', code } });
    expect(ok.statusCode).toBe(200);
    const homes = (await resident.get('/api/me')).json().residencies.map((r: { unitId: string }) => r.unitId);
    expect(homes).toEqual(expect.arrayContaining([w.a.unitIds['1-1-101'], w.a.unitIds['3-2-1203']]));
  });
});

/** Asks until the answer is `status` or ten seconds have passed; returns the last status. */
async function pollStatus(ask: () => Promise<number>, status: number): Promise<number> {
  const until = Date.now() + 10_000;
  let last = await ask();
  while (last !== status && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 20));
    last = await ask();
  }
  return last;
}

// A second app in this process on the same database, with its own cache (TTL ten minutes, so
// only the auth channel can empty it) and its own LISTEN connection: two nodes, on either engine.
describe('session cache on a second node hears invalidations through the database', () => {
  let hubB: LiveHub;
  let appB: ZodApp;
  const cacheB = new SessionCache({ ttlMs: 600_000 });
  const liveOnB: LiveEvent[] = [];
  beforeAll(async () => {
    hubB = new LiveHub(w.database);
    hubB.subscribeAuth((e) => cacheB.apply(e));
    hubB.subscribe((e) => liveOnB.push(e));
    await hubB.start();
    appB = await buildApp({ ...w.ctx, live: hubB, sessionCache: cacheB });
    await appB.ready();
  });
  afterAll(async () => {
    await appB?.close();
    await hubB?.close();
  });
  const onB = (c: Client) => async () => (await appB.inject({ method: 'GET', url: '/api/me', headers: { cookie: c.cookie } })).statusCode;

  it('dispatcher: logs out through node A; node B refuses the cookie it had cached', async () => {
    const c = await w.as('dispatcher');
    expect(await onB(c)()).toBe(200);
    expect(cacheB.size).toBe(1);
    expect((await c.post('/api/auth/logout')).statusCode).toBe(200);
    expect(await pollStatus(onB(c), 401)).toBe(401);
  });

  it('admin: deactivates a technician through node A; node B refuses the technician’s cached session', async () => {
    const tech = await w.as('guard1');
    expect(await onB(tech)()).toBe(200);
    const admin = await w.as('admin');
    expect((await admin.post(`/api/estates/${w.a.id}/staff/${tech.userId}/deactivate`, {})).statusCode).toBe(200);
    expect(await pollStatus(onB(tech), 401)).toBe(401);
  });

  it('live screens: auth invalidations never reach the live (SSE) listeners', () => {
    expect(cacheB.enabled).toBe(true);
    expect(liveOnB.filter((e) => !e.estateId || 'tokenHash' in e)).toEqual([]);
  });
});
