// Report speed benchmark (issue 12 §Speed): one estate's monthly report, an estate's KPI dashboard
// (figures + 12-month trend), and the group's comparison of all estates for a month and a year,
// through the real HTTP app on a seeded database, one request at a time (p50/p95/max as one
// manager feels them).
//
//   npx tsx bench/kpis.ts --engine postgres [--url postgres://…/propdesk_bench_full] [--runs 20]
//   npx tsx bench/kpis.ts --engine pglite|postgres --seed-cases 200000   (fresh database seeded first)
//   npx tsx bench/kpis.ts --engine pglite|postgres --quick               (tiny generated dataset, seconds)
//
// Prints one JSON line per operation; figures are recorded in docs/benchmarks.md, never asserted.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { systemClock } from '../src/clock.js';
import { type Database, openDatabase } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { readTemplate } from '../src/db/template.js';
import { addMonths } from '../src/domain/kpi.js';
import { buildApp } from '../src/http/app.js';
import { HttpClient, expectStatus } from './load-driver.js';
import { DEFAULT_SEED, ensurePgDatabase, seed } from './seed.js';
import { benchDatabase, benchReadCache, benchSessionCache, percentile } from './support.js';

const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: 'postgres' },
    url: { type: 'string' },
    runs: { type: 'string' },
    'seed-cases': { type: 'string' },
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
  },
});
const engine = values.engine as 'postgres' | 'pglite';
const quick = values.quick;
const runs = Number(values.runs ?? (quick ? 3 : 20));

async function openBenchDb(): Promise<{ database: Database; size: string; cleanup: () => Promise<void> }> {
  const seedCases = quick ? 3000 : values['seed-cases'] ? Number(values['seed-cases']) : undefined;
  if (seedCases !== undefined) {
    // One estate of 200,000 cases is the PGlite goal's shape; otherwise 10,000 cases an estate.
    const estates = engine === 'pglite' && !quick ? 1 : Math.max(2, Math.round(seedCases / 10_000));
    const opts = { ...DEFAULT_SEED, estates, units: Math.max(200, Math.round(seedCases / 20)), cases: seedCases, years: 3, open: Math.round(seedCases / 50), quiet: quick };
    if (engine === 'pglite') {
      const dir = mkdtempSync(join(tmpdir(), 'propdesk-kpibench-'));
      const database = await openDatabase({ dataDir: join(dir, 'db'), loadDataDir: readTemplate('empty') });
      await migrate(database);
      await seed(database, opts);
      return { database, size: `${seedCases} cases, ${estates} estates`, cleanup: async () => { await database.close(); rmSync(dir, { recursive: true, force: true }); } };
    }
    const db = await benchDatabase('postgres');
    await seed(db, opts);
    return { database: db, size: `${seedCases} cases, ${estates} estates`, cleanup: () => db.drop() };
  }
  if (engine === 'pglite') throw new Error('--engine pglite needs --seed-cases N or --quick');
  const url = values.url ?? 'postgres://postgres@127.0.0.1:5432/propdesk_bench_full';
  await ensurePgDatabase(url);
  const database = await openDatabase({ url });
  await migrate(database);
  return { database, size: url.split('/').pop()!, cleanup: () => database.close() };
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/**
 * The estate's whole case list as .xlsx, read as fast as the socket gives it: rows per second,
 * bytes, and how far the server's resident memory rose above where it started (sampled every
 * 50 ms, after a GC when --expose-gc is on). The server runs in this process, so RSS is its.
 */
async function exportRun(base: string, cookie: string, estateId: string, rows: number) {
  (globalThis as { gc?: () => void }).gc?.();
  const rss0 = process.memoryUsage().rss;
  let peak = rss0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const t0 = performance.now();
  const res = await fetch(`${base}/api/estates/${estateId}/cases.xlsx`, { headers: { cookie } });
  if (!res.ok) throw new Error(`export: ${res.status} ${await res.text()}`);
  let bytes = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
  const ms = performance.now() - t0;
  clearInterval(sampler);
  process.stdout.write(
    `${JSON.stringify({ bench: 'kpis', engine, op: 'cases.xlsx export (estate B000, every case)', rows, mb: round(bytes / 1048576), seconds: round(ms / 1000), rowsPerSec: Math.round(rows / (ms / 1000)), rssGrowthMb: round((peak - rss0) / 1048576), goal: '≥ 20,000 rows/s, < 100 MB growth (200,000 rows)' })}\n`,
  );
}

async function main() {
  const { database, size, cleanup } = await openBenchDb();
  const q = async (text: string, params?: unknown[]) =>
    database.engine === 'pglite' ? ((await database.pglite!.query(text, params)).rows as Record<string, unknown>[]) : (await database.pool!.query(text, params)).rows;
  try {
    const [counts] = await q(`select (select count(*)::int from cases) as cases, (select count(*)::int from estates) as estates, (select max(opened_at) from cases) as last`);
    if (!counts || Number(counts.cases) === 0) throw new Error('no benchmark data: seed first (npx tsx bench/seed.ts --url …), or use --seed-cases N or --quick');
    process.stderr.write(`dataset: ${JSON.stringify(counts)}\n`);
    // The last full month of the data, and its year.
    const lastMonth = addMonths(new Date(new Date(counts.last as string).getTime() + 8 * 3_600_000).toISOString().slice(0, 7), -1);
    const year = lastMonth.slice(0, 4);
    const [estate] = await q(`select id from estates where code = 'B000'`);
    const estateId = estate!.id as string;

    const app = await buildApp({ database, clock: systemClock, filesDir: mkdtempSync(join(tmpdir(), 'propdesk-kpibench-files-')), sessionCache: benchSessionCache(), readCache: benchReadCache() });
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const client = new HttpClient(2);
    const res = await client.request(`${base}/api/auth/login`, { method: 'POST', body: { username: 'quality', password: 'demo1234' } });
    expectStatus(res, 200);
    const cookie = (res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
    const get = async (url: string) => expectStatus(await client.request(`${base}${url}`, { cookie }), 200);

    const ops: { name: string; goal: string; op: () => Promise<unknown> }[] = [
      { name: 'estate monthly report', goal: 'p95 ≤ 100 ms (PG), ≤ 300 ms (PGlite, 200,000 cases)', op: () => get(`/api/estates/${estateId}/monthly?month=${lastMonth}`) },
      { name: 'estate KPI figures (month)', goal: '', op: () => get(`/api/kpis?estateId=${estateId}&period=${lastMonth}`) },
      {
        name: 'estate dashboard (figures + 12-month trend)',
        goal: 'p95 ≤ 200 ms',
        op: () => Promise.all([get(`/api/kpis?estateId=${estateId}&period=${lastMonth}`), get(`/api/kpis/trend?estateId=${estateId}&last=${lastMonth}&months=12`)]),
      },
      { name: 'group comparison, all estates, month', goal: 'p95 ≤ 1 s', op: () => get(`/api/kpis/comparison?period=${lastMonth}`) },
      { name: 'group comparison, all estates, year', goal: '≤ 3 s', op: () => get(`/api/kpis/comparison?period=${year}`) },
    ];
    ops.push({
      name: 'estate breakdown (category, department, building, heat map)',
      goal: '',
      op: () => get(`/api/kpis/breakdown?estateId=${estateId}&period=${lastMonth}`),
    });
    for (const { name, goal, op } of ops) {
      if (values.only && !name.includes(values.only)) continue;
      await op(); // warm
      const ms: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        await op();
        ms.push(performance.now() - t0);
      }
      ms.sort((a, b) => a - b);
      process.stdout.write(`${JSON.stringify({ bench: 'kpis', engine, size, op: name, month: lastMonth, runs, p50ms: round(percentile(ms, 50)), p95ms: round(percentile(ms, 95)), maxms: round(ms[ms.length - 1]!), goal })}\n`);
    }
    if (!values.only || 'export'.includes(values.only)) await exportRun(base, cookie, estateId, Number((await q('select count(*)::int as n from cases where estate_id = $1', [estateId]))[0]!.n));
    client.close();
    await app.close();
  } finally {
    await cleanup();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
