import type { ChildProcess } from 'node:child_process';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/db/seed/demo.js';
import { createWorld, type TestWorld } from '../support/harness.js';
import { repairBody } from '../support/desk.js';
import { startNode, stopNode } from '../support/app-node.js';
import { subscribe } from '../support/sse.js';

// Three app nodes (`propdesk start`, three processes, three ports) on one PostgreSQL; PGlite is
// one process by design, so this runs there only.
const onPostgres = process.env.PROPDESK_TEST_DB === 'postgres';
let w: TestWorld;
const nodes: { child: ChildProcess; url: string }[] = [];

/** Starts `propdesk start --port 0` on the world's database and resolves with its address. */

function request(url: string, opts: { method?: string; body?: unknown; cookie?: string } = {}): Promise<{ status: number; body: string; cookies: string[] }> {
  const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: opts.method ?? 'GET', headers: { ...(payload ? { 'content-type': 'application/json' } : {}), ...(opts.cookie ? { cookie: opts.cookie } : {}) } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, cookies: (res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]!) }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

async function loginAt(base: string, username: string): Promise<string> {
  const res = await request(`${base}/api/auth/login`, { method: 'POST', body: { username, password: DEMO_PASSWORD } });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${res.body}`);
  return res.cookies.join('; ');
}

beforeAll(async () => {
  if (!onPostgres) return;
  w = await createWorld();
  const url = (w.database as unknown as { url: string }).url;
  nodes.push(...(await Promise.all([startNode(url), startNode(url), startNode(url)])));
}, 60_000);

afterAll(async () => {
  await Promise.all(
    nodes.map(stopNode),
  );
  await w?.close();
});

describe.runIf(onPostgres)('three app nodes on one PostgreSQL', () => {
  it('receptionist: a case opened through node A reaches the board of a colleague connected to node C, and no other estate hears it', async () => {
    const [a, b, c] = nodes as [(typeof nodes)[0], (typeof nodes)[0], (typeof nodes)[0]];
    expect(new Set([a.url, b.url, c.url]).size).toBe(3);
    // One login, used on every node: sessions live in the shared database, not in a node.
    const desk = await loginAt(a.url, 'reception');
    const onC = subscribe(c.url, await loginAt(c.url, 'supervisor'));
    const otherEstateOnB = subscribe(b.url, await loginAt(b.url, 'reception_b'));
    await Promise.all([onC.connected, otherEstateOnB.connected]);

    const opened = await request(`${a.url}/api/cases`, { method: 'POST', body: repairBody(w, { description: '三号节点测试：厨房水管漏水' }), cookie: desk });
    expect(opened.status).toBe(201);
    const caseId = (JSON.parse(opened.body) as { id: string }).id;

    const heard = await onC.waitFor((e) => e.type === 'case' && e.data.caseId === caseId, 10_000);
    expect(heard?.data).toMatchObject({ estateId: w.a.id, caseId });
    // The same session reads the case through node B.
    const page = await request(`${b.url}/api/cases/${caseId}`, { cookie: desk });
    expect(page.status).toBe(200);
    // A moment more for a wrongly delivered event to arrive on the other estate's stream.
    await new Promise((r) => setTimeout(r, 300));
    expect(otherEstateOnB.events.filter((e) => e.data.caseId === caseId)).toEqual([]);
    onC.close();
    otherEstateOnB.close();
  }, 30_000);
});
