import type { ChildProcess } from 'node:child_process';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../src/db/schema/index.js';
import { DEMO_PASSWORD } from '../../src/db/seed/demo.js';
import { createWorld, type TestWorld } from '../support/harness.js';
import { startNode, stopNode } from '../support/app-node.js';

// Two real `propdesk start` processes on one PostgreSQL, each with a session cache whose TTL
// (ten minutes) outlasts the test: a session cached on node B can only be dropped by the
// invalidation node A sends through the database. PGlite is one process by design, so this
// runs on PostgreSQL only (test/api/session-cache.test.ts covers two apps in one process on both).
const onPostgres = process.env.PROPDESK_TEST_DB === 'postgres';
let w: TestWorld;
const nodes: { child: ChildProcess; url: string }[] = [];

async function call(url: string, opts: { method?: string; body?: unknown; cookie?: string } = {}) {
  const res = await fetch(url, {
    method: opts.method ?? 'GET',
    headers: { ...(opts.body ? { 'content-type': 'application/json' } : {}), ...(opts.cookie ? { cookie: opts.cookie } : {}) },
    body: opts.body ? JSON.stringify(opts.body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, json: () => JSON.parse(text), cookie: res.headers.getSetCookie().map((c) => c.split(';')[0]!).join('; ') };
}

async function loginAt(base: string, username: string): Promise<string> {
  const res = await call(`${base}/api/auth/login`, { method: 'POST', body: { username, password: DEMO_PASSWORD } });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
  return res.cookie;
}

/** Asks node B until it answers `status` or ten seconds have passed; returns the last answer. */
async function pollStatus(url: string, cookie: string, status: number): Promise<number> {
  const until = Date.now() + 10_000;
  let last = (await call(url, { cookie })).status;
  while (last !== status && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 25));
    last = (await call(url, { cookie })).status;
  }
  return last;
}

beforeAll(async () => {
  if (!onPostgres) return;
  w = await createWorld();
  const url = (w.database as unknown as { url: string }).url;
  nodes.push(...(await Promise.all([startNode(url, { PROPDESK_SESSION_CACHE_MS: '600000' }), startNode(url, { PROPDESK_SESSION_CACHE_MS: '600000' })])));
}, 60_000);

afterAll(async () => {
  await Promise.all(nodes.map(stopNode));
  await w?.close();
});

describe.runIf(onPostgres)('session cache across two app nodes on one PostgreSQL', () => {
  it('receptionist: logs out through node A; node B, which had the session cached, refuses the cookie', async () => {
    const [a, b] = nodes as [(typeof nodes)[0], (typeof nodes)[0]];
    const cookie = await loginAt(a.url, 'reception');
    expect((await call(`${b.url}/api/me`, { cookie })).json().displayName).toBe('刘晓燕');
    // B serves the session from its cache: a name changed behind its back does not show.
    await w.database.db.update(users).set({ displayName: '刘晓燕（改）' }).where(eq(users.username, 'reception'));
    expect((await call(`${b.url}/api/me`, { cookie })).json().displayName).toBe('刘晓燕');

    expect((await call(`${a.url}/api/auth/logout`, { method: 'POST', cookie })).status).toBe(200);
    expect((await call(`${a.url}/api/me`, { cookie })).status).toBe(401);
    expect(await pollStatus(`${b.url}/api/me`, cookie, 401)).toBe(401);
  }, 30_000);

  it('admin: deactivates a technician through node A; node B refuses the technician’s cached session', async () => {
    const [a, b] = nodes as [(typeof nodes)[0], (typeof nodes)[0]];
    const tech = await loginAt(a.url, 'tech1');
    const me = await call(`${b.url}/api/me`, { cookie: tech });
    expect(me.status).toBe(200);
    const admin = await loginAt(a.url, 'admin');
    const off = await call(`${a.url}/api/estates/${w.a.id}/staff/${me.json().id}/deactivate`, { method: 'POST', body: {}, cookie: admin });
    expect(off.status).toBe(200);
    expect(await pollStatus(`${b.url}/api/me`, tech, 401)).toBe(401);
  }, 30_000);

  it('supervisor: changes the password through node A; a session of the same user cached on node B is refused, the new one works on both', async () => {
    const [a, b] = nodes as [(typeof nodes)[0], (typeof nodes)[0]];
    const elsewhere = await loginAt(b.url, 'supervisor');
    expect((await call(`${b.url}/api/me`, { cookie: elsewhere })).status).toBe(200);
    const here = await loginAt(a.url, 'supervisor');
    const changed = await call(`${a.url}/api/me/password`, { method: 'POST', body: { currentPassword: DEMO_PASSWORD, newPassword: 'a-new-secret-2026' }, cookie: here });
    expect(changed.status).toBe(200);
    expect(await pollStatus(`${b.url}/api/me`, elsewhere, 401)).toBe(401);
    expect((await call(`${b.url}/api/me`, { cookie: changed.cookie })).status).toBe(200);
    expect((await call(`${a.url}/api/me`, { cookie: here })).status).toBe(401);
  }, 30_000);
});
