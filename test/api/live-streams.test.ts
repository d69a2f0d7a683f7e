import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { LISTEN_APPLICATION_NAME, LiveHub } from '../../src/jobs/live-hub.js';
import { repairBody } from '../support/desk.js';
import { createWorld, type TestWorld } from '../support/harness.js';
import { subscribe } from '../support/sse.js';

// The world's app, listening on a port with a live hub, so event streams are real HTTP streams.
let w: TestWorld;
let hub: LiveHub;
let base: string;
beforeAll(async () => {
  w = await createWorld();
  // A short first wait, so that a stream can connect while the hub is still reconnecting.
  hub = new LiveHub(w.database, { minMs: 1500, maxMs: 3000 });
  await hub.start();
  w.ctx.live = hub;
  await w.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(w.app.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await hub?.close();
  await w?.close();
});

describe('live event streams', () => {
  it('resident: the stream carries none of the estate’s case ids; the supervisor’s does', async () => {
    const resident = subscribe(base, (await w.as('resident')).cookie);
    const supervisor = subscribe(base, (await w.as('supervisor')).cookie);
    await Promise.all([resident.connected, supervisor.connected]);
    const opened = await (await w.as('reception')).post('/api/cases', repairBody(w, { unitId: w.a.unitIds['1-1-102'], residentId: null, description: '邻居家的漏水' }));
    expect(opened.statusCode, opened.body).toBe(201);
    const caseId = opened.json().id;
    expect(await supervisor.waitFor((e) => e.data.caseId === caseId, 10_000)).toBeTruthy();
    await new Promise((r) => setTimeout(r, 200));
    expect(resident.events.filter((e) => e.data.caseId !== undefined)).toEqual([]);
    resident.close();
    supervisor.close();
  });

  it('supervisor: logging out ends the open stream of that session', async () => {
    const sup = await w.as('supervisor');
    const stream = subscribe(base, sup.cookie);
    await stream.connected;
    expect((await sup.post('/api/auth/logout')).statusCode).toBeLessThan(300);
    expect(await stream.waitForEnd(10_000)).toBe(true);
  });

  it('technician: deactivation ends the technician’s open stream', async () => {
    const admin = await w.as('admin');
    const made = await admin.post(`/api/estates/${w.a.id}/staff`, { username: 'live1', displayName: '临时工乙', password: 'demo1234', roles: ['technician'], departmentId: w.a.departmentIds.CLN });
    expect(made.statusCode, made.body).toBe(201);
    const stream = subscribe(base, (await w.as('live1')).cookie);
    await stream.connected;
    expect((await admin.post(`/api/estates/${w.a.id}/staff/${made.json().id}/deactivate`)).statusCode).toBe(200);
    expect(await stream.waitForEnd(10_000)).toBe(true);
  });
});

const onPostgres = process.env.PROPDESK_TEST_DB === 'postgres';

describe.runIf(onPostgres)('live events when the LISTEN connection drops (PostgreSQL)', () => {
  const cutListen = () =>
    w.database.db.execute(
      sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and application_name = ${LISTEN_APPLICATION_NAME}`,
    );
  const until = async (ok: () => boolean, ms: number) => {
    const end = Date.now() + ms;
    while (!ok() && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
    return ok();
  };

  it('supervisor: the hub reconnects; a stream opened meanwhile is told to resync, then hears new cases', async () => {
    const sup = await w.as('supervisor');
    const before = subscribe(base, sup.cookie);
    await before.connected;
    expect(hub.listening).toBe(true);
    await cutListen();
    // The open stream ends (its browser reconnects)…
    expect(await before.waitForEnd(10_000)).toBe(true);
    expect(hub.listening).toBe(false);
    // …and may come back before the hub does: it is told to refetch once the hub is back.
    const during = subscribe(base, sup.cookie);
    await during.connected;
    expect(await during.waitFor((e) => e.type === 'resync', 15_000)).toBeTruthy();
    expect(hub.listening).toBe(true);
    const opened = await (await w.as('reception')).post('/api/cases', repairBody(w, { description: '重连后的报修' }));
    expect(opened.statusCode).toBe(201);
    expect(await during.waitFor((e) => e.data.caseId === opened.json().id, 10_000)).toBeTruthy();
    during.close();
  });

  it('system: a second and third drop are survived too (no one-time reconnect)', async () => {
    for (let round = 0; round < 2; round++) {
      await cutListen();
      expect(await until(() => !hub.listening, 5_000)).toBe(true);
      expect(await until(() => hub.listening, 15_000)).toBe(true);
    }
    const stream = subscribe(base, (await w.as('supervisor')).cookie);
    await stream.connected;
    const opened = await (await w.as('reception')).post('/api/cases', repairBody(w, { description: '第三次重连后的报修' }));
    expect(await stream.waitFor((e) => e.data.caseId === opened.json().id, 10_000)).toBeTruthy();
    stream.close();
  });
});
