import { type ChildProcess, spawn } from 'node:child_process';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases, deadlines } from '../../src/db/schema/index.js';
import { createWorld, type TestWorld } from '../support/harness.js';

// Several app nodes share one PostgreSQL; PGlite is one process by design, so this runs there only.
const onPostgres = process.env.PROPDESK_TEST_DB === 'postgres';
let w: TestWorld;
const N = 10_000;

beforeAll(async () => {
  if (!onPostgres) return;
  w = await createWorld();
});
afterAll(async () => w?.close());

function node(url: string, now: string, mode?: string): { child: ChildProcess; done: Promise<string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/scheduler-node.ts', url, now, ...(mode ? [mode] : [])], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.on('data', (c) => (out += c));
  const done = new Promise<string>((resolve) => child.on('exit', () => resolve(out)));
  return { child, done };
}

const count = async (q: ReturnType<typeof sql>) => ((await w.database.db.execute(q)) as unknown as { rows: { n: number }[] }).rows[0]!.n;

describe.runIf(onPostgres)('scheduler on several nodes', () => {
  it(`system: ${N} due deadlines fire exactly once across three nodes, after a fourth died holding locks`, async () => {
    const now = w.clock.now();
    const [c] = await w.database.db
      .insert(cases)
      .values({ estateId: w.a.id, number: 'YH-2026-700001', kind: 'repair', status: 'opened', channel: 'phone', locationKind: 'public', locationText: '大堂', description: '测试', openedAt: now, openedBy: w.a.userIds.reception!, updatedAt: now })
      .returning();
    const due = new Date(now.getTime() - 60_000);
    for (let i = 0; i < N; i += 1000) {
      await w.database.db.insert(deadlines).values(
        Array.from({ length: Math.min(1000, N - i) }, () => ({
          estateId: w.a.id, caseId: c!.id, clock: 'dispatch', basis: 'wall', startedAt: due, dueAt: due, warnAt: due, state: 'warned', nextFireAt: due, updatedAt: now,
        })),
      );
    }
    const url = (w.database as unknown as { url: string }).url;
    const at = now.toISOString();
    const dying = node(url, at, 'hold');
    await new Promise<void>((resolve) => dying.child.stdout!.on('data', (d) => String(d).includes('locked') && resolve()));
    dying.child.kill('SIGKILL');
    await dying.done;
    const outs = await Promise.all([node(url, at), node(url, at), node(url, at)].map((n) => n.done));
    const fired = outs.map((o) => Number(/fired (\d+)/.exec(o)?.[1] ?? -1));
    expect(fired.reduce((a, b) => a + b, 0)).toBe(N);
    expect(fired.filter((f) => f > 0).length).toBeGreaterThan(1);
    expect(await count(sql`select count(*)::int as n from deadlines where state = 'breached' and breached_at is not null`)).toBe(N);
    expect(await count(sql`select count(*)::int as n from case_events where action = 'sla.breached'`)).toBe(N);
    expect(await count(sql`select count(*)::int as n from outbox where topic = 'sla.breached'`)).toBe(N);
  }, 180_000);
});
