import type { ChildProcess } from 'node:child_process';
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
});
