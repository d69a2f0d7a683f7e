import type { ChildProcess } from 'node:child_process';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/db/seed/demo.js';
import { startNode, stopNode } from '../support/app-node.js';
import { createWorld, type TestWorld } from '../support/harness.js';
import { subscribe } from '../support/sse.js';

// A real `propdesk start` process (PostgreSQL: the node shares the world's database).
const onPostgres = process.env.PROPDESK_TEST_DB === 'postgres';
let w: TestWorld;
let node: { child: ChildProcess; url: string } | undefined;
beforeAll(async () => {
  if (!onPostgres) return;
  w = await createWorld();
  node = await startNode((w.database as unknown as { url: string }).url);
}, 60_000);
afterAll(async () => {
  if (node) await stopNode(node);
  await w?.close();
});

const exited = (child: ChildProcess, ms: number) =>
  new Promise<number | null | 'still running'>((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    const timer = setTimeout(() => resolve('still running'), ms);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });

describe.runIf(onPostgres)('shutdown', () => {
  it('operator: SIGTERM with a live screen connected ends its stream and exits cleanly instead of waiting for the browser', async () => {
    const login = await fetch(`${node!.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'supervisor', password: DEMO_PASSWORD }) });
    expect(login.status).toBe(200);
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const stream = subscribe(node!.url, cookie);
    await stream.connected;
    node!.child.kill('SIGTERM');
    // Well inside the 10 s the node allows itself; before, the open stream held it until killed.
    expect(await exited(node!.child, 9_000)).toBe(0);
    expect(await stream.waitForEnd(1_000)).toBe(true);
  }, 30_000);

  it('operator: a client’s kept-alive connection gets 503 shutting_down for its next request while the node drains, not a reset', async () => {
    const second = await startNode((w.database as unknown as { url: string }).url, { PROPDESK_DRAIN_MS: '1500' });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const get = () =>
      new Promise<{ status: number; body: string; socket: unknown } | { error: string }>((resolve) => {
        const req = http.get(`${second.url}/api/health`, { agent }, (res) => {
          let body = '';
          res.on('data', (c) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode!, body, socket: req.socket }));
        });
        req.on('error', (e) => resolve({ error: (e as NodeJS.ErrnoException).code ?? String(e) }));
      });
    try {
      const first = await get();
      expect(first, JSON.stringify(first)).toMatchObject({ status: 200 });
      second.child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 300));
      const next = await get();
      expect(next).toMatchObject({ status: 503 });
      // The same kept-alive connection answered it (not a new one after a reset).
      expect((next as { socket: unknown }).socket).toBe((first as { socket: unknown }).socket);
      expect(JSON.parse((next as { body: string }).body).error.code).toBe('shutting_down');
      expect(await exited(second.child, 9_000)).toBe(0);
    } finally {
      agent.destroy();
      await stopNode(second);
    }
  }, 30_000);
});
