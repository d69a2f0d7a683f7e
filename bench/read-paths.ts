// Read-path benchmark (issue 5): board page (first and deep page, filters, sort=due), case page
// (case + timeline, orders included) and Chinese text search (漏水, 热水器) through the real HTTP
// app, on a seeded database, with the ceilings of bench/probes.ts measured first in the same process.
//
//   npx tsx bench/read-paths.ts --engine postgres [--url postgres://…/propdesk_bench_full] [--seconds 5]
//   npx tsx bench/read-paths.ts --engine pglite --data DIR          (a PGlite directory seeded by bench/seed.ts)
//   npx tsx bench/read-paths.ts --engine pglite|postgres --seed-cases 200000   (fresh database seeded first)
//   npx tsx bench/read-paths.ts --engine pglite|postgres --quick    (tiny generated dataset, seconds)
//
// Two phases per operation: latency (one request at a time: p50/p95/p99 as one user feels them)
// and throughput (LOAD_CONCURRENCY workers in a closed loop: requests per second, compared with
// the bare-route-plus-one-select ceiling). Prints one JSON line per operation and a summary.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { systemClock } from '../src/clock.js';
import { type Database, openDatabase } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { readTemplate } from '../src/db/template.js';
import { OPEN_STATUSES } from '../src/domain/case-lifecycle.js';
import { buildApp } from '../src/http/app.js';
import { HttpClient, Recorder, closedLoop, expectStatus, summarise } from './load-driver.js';
import { LOAD_CONCURRENCY, measureCeilings } from './probes.js';
import { DEFAULT_SEED, ensurePgDatabase, seed } from './seed.js';
import { benchDatabase, benchReadCache, benchSessionCache } from './support.js';

const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: 'postgres' },
    url: { type: 'string' },
    data: { type: 'string' },
    seconds: { type: 'string' },
    'seed-cases': { type: 'string' },
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
  },
});
const engine = values.engine as 'postgres' | 'pglite';
const quick = values.quick;
const seconds = Number(values.seconds ?? (quick ? 0.25 : 5));

type Q = (text: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;
const rawQuery = (d: Database): Q =>
  d.engine === 'pglite' ? async (t, p) => (await d.pglite!.query(t, p)).rows as Record<string, unknown>[] : async (t, p) => (await d.pool!.query(t, p)).rows;

async function openBenchDb(): Promise<{ database: Database; pgUrl?: string; size: string; cleanup: () => Promise<void> }> {
  const seedCases = quick ? 3000 : values['seed-cases'] ? Number(values['seed-cases']) : undefined;
  const sizeOf = (n: number) => ({ ...DEFAULT_SEED, estates: Math.max(2, Math.round(n / 10_000)), units: Math.max(200, Math.round(n / 20)), cases: n, open: Math.round(n / 20), quiet: quick });
  if (seedCases !== undefined) {
    const opts = sizeOf(seedCases);
    if (engine === 'pglite') {
      const dir = mkdtempSync(join(tmpdir(), 'propdesk-readbench-'));
      const database = await openDatabase({ dataDir: join(dir, 'db'), loadDataDir: readTemplate('empty') });
      await migrate(database);
      const out = await seed(database, opts);
      process.stderr.write(`seeded pglite: ${out.cases} cases, ${Math.round(out.rowsPerSec)} rows/s\n`);
      return { database, size: `${seedCases} cases`, cleanup: async () => { await database.close(); rmSync(dir, { recursive: true, force: true }); } };
    }
    const db = await benchDatabase('postgres');
    const out = await seed(db, opts);
    process.stderr.write(`seeded postgres: ${out.cases} cases, ${Math.round(out.rowsPerSec)} rows/s\n`);
    const url = (await db.pool!.query('select current_database() as d')).rows[0].d as string;
    const base = new URL(process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
    base.pathname = `/${url}`;
    return { database: db, pgUrl: base.toString(), size: `${seedCases} cases`, cleanup: () => db.drop() };
  }
  if (engine === 'pglite') {
    if (!values.data) throw new Error('--engine pglite needs --data DIR, --seed-cases N or --quick');
    const database = await openDatabase({ dataDir: values.data });
    await migrate(database);
    return { database, size: `PGlite ${values.data}`, cleanup: () => database.close() };
  }
  const url = values.url ?? 'postgres://postgres@127.0.0.1:5432/propdesk_bench_full';
  await ensurePgDatabase(url);
  const database = await openDatabase({ url });
  await migrate(database);
  return { database, pgUrl: url, size: url.split('/').pop()!, cleanup: () => database.close() };
}

const cursorFor = (at: Date | null, id: string) => Buffer.from(`due|${at ? at.toISOString() : '-'}|${id}`).toString('base64url');

async function main() {
  const { database, pgUrl, size, cleanup } = await openBenchDb();
  const q = rawQuery(database);
  try {
    const [counts] = await q(
      `select (select count(*)::int from cases) as cases, (select count(*)::int from cases where status <> all($1::text[])) as open, (select count(*)::int from estates) as estates`,
      [['closed', 'closed_unresolved', 'cancelled']],
    );
    process.stderr.write(`dataset: ${JSON.stringify(counts)}\n`);
    const ceilings = await measureCeilings({ engine, pgUrl, seconds: quick ? 0.5 : 3 });
    process.stderr.write(`ceilings: ${JSON.stringify(ceilings)}\n`);

    const app = await buildApp({ database, clock: systemClock, filesDir: mkdtempSync(join(tmpdir(), 'propdesk-readbench-files-')), sessionCache: benchSessionCache(), readCache: benchReadCache() });
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const client = new HttpClient(LOAD_CONCURRENCY);
    const login = async (username: string) => {
      const res = await client.request(`${base}/api/auth/login`, { method: 'POST', body: { username, password: 'demo1234' } });
      expectStatus(res, 200);
      const set = res.headers['set-cookie'] ?? [];
      return set.map((c) => c.split(';')[0]).join('; ');
    };
    const reception = await login('reception');
    const quality = await login('quality');
    const [estate] = await q(`select id from estates where code = 'B000'`);
    if (!estate) throw new Error('no benchmark data: seed first (npx tsx bench/seed.ts --url …), or use --seed-cases N or --quick');
    const estateId = estate!.id as string;
    const [dept] = await q(`select id from departments where estate_id = $1 and code = 'ENG'`, [estateId]);
    const caseIds = (await q(`select id from cases where estate_id = $1 order by random() limit 500`, [estateId])).map((r) => r.id as string);
    const open = OPEN_STATUSES.map((s) => `status=${s}`).join('&');
    const board = `${base}/api/cases?estateId=${estateId}&${open}&sort=due&limit=50`;
    // The deepest page of the estate board and of the whole group's board (all estates).
    const orderSql = `order by coalesce(next_due_at, 'infinity'::timestamptz), id`;
    const openCount = Number(counts!.open);
    const [estateDeep] = await q(
      `select next_due_at, id from cases where estate_id = $1 and status = any($2::text[]) ${orderSql} offset greatest(0, (select count(*) from cases where estate_id = $1 and status = any($2::text[])) - 60) limit 1`,
      [estateId, OPEN_STATUSES],
    );
    const [groupDeep] = await q(`select next_due_at, id from cases where status = any($1::text[]) ${orderSql} offset $2 limit 1`, [OPEN_STATUSES, Math.max(0, openCount - 60)]);
    const deepCursor = (row: Record<string, unknown> | undefined) => (row ? cursorFor(row.next_due_at as Date | null, row.id as string) : '');

    const get = async (url: string, cookie: string) => expectStatus(await client.request(url, { cookie }), 200);
    const ops: { name: string; op: (i: number) => Promise<unknown> }[] = [
      { name: 'board first page (estate, open, sort=due)', op: () => get(board, reception) },
      { name: 'board deep page (estate, open, sort=due, cursor)', op: () => get(`${board}&cursor=${deepCursor(estateDeep)}`, reception) },
      { name: 'board overdue (estate, overdue=true, sort=due)', op: () => get(`${base}/api/cases?estateId=${estateId}&overdue=true&sort=due&limit=50`, reception) },
      { name: 'board department (estate, departmentId, open, sort=due)', op: () => get(`${board}&departmentId=${dept!.id}`, reception) },
      { name: 'board first page (all estates, open, sort=due)', op: () => get(`${base}/api/cases?${open}&sort=due&limit=50`, quality) },
      { name: 'board deep page (all estates, open, sort=due, cursor)', op: () => get(`${base}/api/cases?${open}&sort=due&limit=50&cursor=${deepCursor(groupDeep)}`, quality) },
      {
        name: 'case page (case + timeline)',
        op: async (i) => {
          const id = caseIds[i % caseIds.length];
          await Promise.all([get(`${base}/api/cases/${id}`, reception), get(`${base}/api/cases/${id}/timeline`, reception)]);
        },
      },
      { name: 'case page in one request (include=timeline)', op: (i) => get(`${base}/api/cases/${caseIds[i % caseIds.length]}?include=timeline`, reception) },
      { name: 'case GET alone', op: (i) => get(`${base}/api/cases/${caseIds[i % caseIds.length]}`, reception) },
      { name: 'search 漏水 (all cases)', op: () => get(`${base}/api/cases?q=${encodeURIComponent('漏水')}&limit=50`, quality) },
      { name: 'search 热水器 (all cases)', op: () => get(`${base}/api/cases?q=${encodeURIComponent('热水器')}&limit=50`, quality) },
      { name: 'search 热水器不出热水 (all cases)', op: () => get(`${base}/api/cases?q=${encodeURIComponent('热水器不出热水')}&limit=50`, quality) },
      { name: 'search 漏水 (estate)', op: () => get(`${base}/api/cases?estateId=${estateId}&q=${encodeURIComponent('漏水')}&limit=50`, reception) },
      { name: 'board search 漏水 (estate, open, sort=due)', op: () => get(`${board}&q=${encodeURIComponent('漏水')}`, reception) },
    ];
    const results = [];
    for (const { name, op } of ops) {
      if (values.only && !name.includes(values.only)) continue;
      // The ceiling is measured again right before each operation: on a shared machine the load
      // moves, and a ratio only means something when both sides saw the same moment.
      const ceil = quick ? ceilings : await measureCeilings({ engine, pgUrl, seconds: 1 });
      await op(0); // warm
      const rec = new Recorder();
      const t0 = performance.now();
      let n = 0;
      while (performance.now() - t0 < seconds * 1000) await rec.time(name, () => op(n++));
      const [lat] = rec.stats(seconds);
      const thr = await closedLoop({ seconds, concurrency: LOAD_CONCURRENCY, op: (w, i) => op(w * 100_000 + i) });
      const perSec = Math.round(thr.done / thr.elapsed);
      const lineOut = {
        bench: 'read',
        engine,
        size,
        op: name,
        p50ms: lat!.p50ms,
        p95ms: lat!.p95ms,
        p99ms: lat!.p99ms,
        perSec,
        ceilingPerSec: ceil.bareRouteSelectPerSec,
        ratio: Math.round((perSec / ceil.bareRouteSelectPerSec) * 100) / 100,
        errors: lat!.errors,
      };
      results.push(lineOut);
      process.stdout.write(`${JSON.stringify(lineOut)}\n`);
    }
    client.close();
    await app.close();
    process.stdout.write(`${JSON.stringify({ bench: 'read-summary', engine, size, dataset: counts, concurrency: LOAD_CONCURRENCY, ceilings })}\n`);
    void summarise;
  } finally {
    await cleanup();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
