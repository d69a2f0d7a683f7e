// Ceiling probes: what the machine does with no application in the way, measured in the same
// process and run as the benchmark that divides by them, so every figure is a ratio.
//  - durableInsertPerSec: autocommit INSERT of one row (synchronous_commit on) into a scratch
//    table, through src/db/client.ts openDatabase with the app's pool settings;
//  - pkSelectPerSec: SELECT of one row by primary key, same driver and pool;
//  - bareRoutePerSec: a bare Fastify JSON route (no database) over HTTP loopback, driven by the
//    same keep-alive driver as the app benchmarks;
//  - bareRouteSelectPerSec: the same route doing one primary-key select.
// Each probe runs `seconds` (default 3) with `concurrency` workers (default LOAD_CONCURRENCY).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import Fastify from 'fastify';
import { type Database, openDatabase } from '../src/db/client.js';
import { readTemplate } from '../src/db/template.js';
import { HttpClient, closedLoop, expectStatus } from './load-driver.js';

/** Workers in flight in every closed-loop benchmark (the app's pool has 10 connections). */
export const LOAD_CONCURRENCY = 16;

export interface Ceilings {
  durableInsertPerSec: number;
  pkSelectPerSec: number;
  bareRoutePerSec: number;
  bareRouteSelectPerSec: number;
}

export const defaultPgUrl = () => process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Measures the four ceilings. On PostgreSQL the scratch table lives in `pgUrl`'s database (the
 * benchmark's own, by default BENCH_PG_URL or the local `test` database) and is dropped after;
 * on PGlite it is a new on-disk database (like an installation's), removed after.
 */
export async function measureCeilings(opts: { engine: 'postgres' | 'pglite'; pgUrl?: string; seconds?: number; concurrency?: number }): Promise<Ceilings> {
  const seconds = opts.seconds ?? 3;
  const concurrency = opts.concurrency ?? LOAD_CONCURRENCY;
  let dir: string | undefined;
  let database: Database;
  if (opts.engine === 'postgres') {
    // The app opens PostgreSQL with openDatabase({ url }) and the default pool (10).
    database = await openDatabase({ url: opts.pgUrl ?? defaultPgUrl() });
  } else {
    dir = mkdtempSync(join(tmpdir(), 'propdesk-probe-'));
    database = await openDatabase({ dataDir: join(dir, 'pglite'), loadDataDir: readTemplate('empty') });
  }
  const table = `bench_probe_${randomBytes(4).toString('hex')}`;
  const db = database.db;
  const client = new HttpClient(concurrency);
  try {
    await db.execute(sql.raw(`create table ${table} (id bigserial primary key, estate_id uuid not null, body text not null, created_at timestamptz not null default now())`));
    const sync = (await db.execute(sql`select current_setting('synchronous_commit') as s`)) as unknown as { rows: { s: string }[] };
    if (sync.rows[0]?.s !== 'on') process.stderr.write(`probes: synchronous_commit is ${sync.rows[0]?.s}, inserts are not durable\n`);
    const estateId = '00000000-0000-4000-8000-000000000001';
    const insert = sql.raw(`insert into ${table} (estate_id, body) values ('${estateId}', 'probe row: 厨房水龙头漏水')`);
    const ins = await closedLoop({ seconds, concurrency, op: () => db.execute(insert) });
    const durableInsertPerSec = Math.round(ins.done / ins.elapsed);

    const maxId = Math.max(1, ins.done);
    const select = (id: number) => db.execute(sql`select id, estate_id, body, created_at from ${sql.raw(table)} where id = ${id}`);
    const sel = await closedLoop({ seconds, concurrency, op: () => select(1 + Math.floor(Math.random() * maxId)) });
    const pkSelectPerSec = Math.round(sel.done / sel.elapsed);

    const app = Fastify({ logger: false });
    app.get('/bare', async () => ({ ok: true, at: new Date().toISOString() }));
    app.get('/bare-select', async () => {
      const r = (await select(1 + Math.floor(Math.random() * maxId))) as unknown as { rows: unknown[] };
      return { ok: true, row: r.rows[0] };
    });
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const bare = await closedLoop({ seconds, concurrency, op: async () => expectStatus(await client.request(`${base}/bare`), 200) });
      const bareSel = await closedLoop({ seconds, concurrency, op: async () => expectStatus(await client.request(`${base}/bare-select`), 200) });
      return {
        durableInsertPerSec,
        pkSelectPerSec,
        bareRoutePerSec: Math.round(bare.done / bare.elapsed),
        bareRouteSelectPerSec: Math.round(bareSel.done / bareSel.elapsed),
      };
    } finally {
      client.close();
      await app.close();
    }
  } finally {
    await db.execute(sql.raw(`drop table if exists ${table}`)).catch(() => undefined);
    await database.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

// `npx tsx bench/probes.ts [--engine postgres|pglite] [--seconds S] [--url URL]` prints the ceilings.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { parseArgs } = await import('../src/cli/args.js');
  const { options } = parseArgs(process.argv.slice(2));
  const engine = (options.engine ?? 'postgres') as 'postgres' | 'pglite';
  const res = await measureCeilings({ engine, pgUrl: options.url, seconds: options.seconds ? Number(options.seconds) : undefined });
  process.stdout.write(`${JSON.stringify({ bench: 'ceilings', engine, concurrency: LOAD_CONCURRENCY, ...res })}\n`);
}
