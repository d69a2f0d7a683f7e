import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { estates } from '../../src/db/schema/index.js';
import { adminUrl } from '../support/db.js';
import { createWorld, type TestWorld } from '../support/harness.js';

// Deadlocks need two server sessions; PGlite runs one at a time by design.
const onPostgres = process.env.PROPDESK_TEST_DB === 'postgres';
let w: TestWorld;
beforeAll(async () => {
  if (onPostgres) w = await createWorld();
});
afterAll(async () => w?.close());

describe.runIf(onPostgres)('transactions', () => {
  it('system: a transaction aborted as a deadlock victim is run again, so both writers succeed', async () => {
    const db = w.database.db;
    const runs = { ab: 0, ba: 0 };
    const touch = (id: string) => db.update(estates).set({ households: sql`${estates.households} + 1` }).where(eq(estates.id, id));
    const write = (first: string, second: string, key: 'ab' | 'ba') =>
      db.transaction(async (tx) => {
        runs[key]++;
        await tx.update(estates).set({ households: sql`${estates.households} + 1` }).where(eq(estates.id, first));
        await tx.execute(sql`select pg_sleep(0.3)`);
        await tx.update(estates).set({ households: sql`${estates.households} + 1` }).where(eq(estates.id, second));
      });
    const before = await db.select({ id: estates.id, n: estates.households }).from(estates);
    await touch(w.a.id);
    await Promise.all([write(w.a.id, w.b.id, 'ab'), write(w.b.id, w.a.id, 'ba')]);
    expect(runs.ab + runs.ba).toBe(3);
    const after = new Map((await db.select({ id: estates.id, n: estates.households }).from(estates)).map((e) => [e.id, e.n]));
    const was = new Map(before.map((e) => [e.id, e.n]));
    expect(after.get(w.a.id)).toBe(was.get(w.a.id)! + 3);
    expect(after.get(w.b.id)).toBe(was.get(w.b.id)! + 2);
  });

  it('system: a connection the server cuts in the middle of a transaction fails that transaction only; the process and the pool carry on', async () => {
    const db = w.database.db;
    const outcome = await db
      .transaction(async (tx) => {
        const me = (await tx.execute(sql`select pg_backend_pid() as pid`)) as unknown as { rows: { pid: number }[] };
        await w.database.pool!.query('select pg_terminate_backend($1)', [me.rows[0]!.pid]);
        await tx.execute(sql`select 1`);
        return 'committed';
      })
      .catch((e: Error) => `failed: ${e.message}`);
    expect(outcome).toMatch(/^failed/);
    // Without an error listener on checked-out clients the 'error' event would have ended this
    // process before reaching here; the pool hands out a fresh connection.
    const [row] = await db.select({ n: estates.households }).from(estates).where(eq(estates.id, w.a.id));
    expect(typeof row!.n).toBe('number');
  });

  it('system: a transaction whose BEGIN fails gives its connection back; more failures than the pool has connections leave the node answering', async () => {
    const pool = w.database.pool!;
    const db = w.database.db;
    const bogus = { isolationLevel: 'bogus' } as unknown as Parameters<typeof db.transaction>[1];
    for (let i = 0; i < 12; i++) {
      const outcome = await db.transaction(async () => 'ran', bogus).catch((e: Error) => `failed: ${e.message}`);
      expect(outcome).toMatch(/^failed/);
    }
    // Every client is back (or closed): none is held by a transaction that never started.
    expect(pool.totalCount - pool.idleCount).toBe(0);
    expect(await db.transaction(async (tx) => (await tx.execute(sql`select 1 as one`)) !== undefined)).toBe(true);
  });

  it('system: bursts of server-side terminates of the pool connections leave no client checked out', async () => {
    const pool = w.database.pool!;
    const db = w.database.db;
    const [{ current_database: name }] = (await pool.query('select current_database()')).rows;
    const outcomes: string[] = [];
    for (let round = 0; round < 5; round++) {
      const work = Array.from({ length: 15 }, () =>
        db.transaction(async (tx) => { await tx.execute(sql`select pg_sleep(0.01)`); return 'ok'; }).catch(() => 'failed'),
      );
      const killer = new pg.Client({ connectionString: adminUrl() });
      await killer.connect();
      await killer.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name]);
      await killer.end();
      outcomes.push(...(await Promise.all(work)));
    }
    expect(outcomes).toHaveLength(75);
    expect(pool.totalCount - pool.idleCount).toBe(0);
    expect(await db.transaction(async () => 'ok')).toBe('ok');
  });
});
