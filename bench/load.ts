// Load benchmark: the real app (built as `propdesk start` builds it: live hub, background jobs)
// in this process, driven over keep-alive HTTP loopback by the in-process driver, after the
// ceiling probes of bench/probes.ts measured in the same run.
//   1. each headline operation alone (closed loop): throughput as a ratio to its ceiling —
//      open case ÷ durable single-row insert rate; board/case page and search ÷ bare route + one
//      PK select;
//   2. the desk mix (open, dispatch, accept, arrive, complete, board, case page, search):
//      throughput and p50/p95/p99 per operation;
//   3. opening cases at fixed rates (open loop): p50/p99 from the scheduled start.
// With `--engine both` (default) it runs on PostgreSQL and then PGlite and prints each
// operation's PGlite time as a multiple of PostgreSQL's.
// usage: npx tsx bench/load.ts [--engine postgres|pglite|both] [--url postgres://…/seeded]
//        [--seconds 20] [--rates 200,500,1000] [--concurrency 16] [--prefill 2000] [--quick]
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { parseArgs } from '../src/cli/args.js';
import { type Database, openDatabase } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { readTemplate } from '../src/db/template.js';
import { Desk, MIX, type OpName, ensureDeskEstates, startAppInProcess } from './load-desk.js';
import { HttpClient, type OpStats, Recorder, closedLoop, openLoop, summarise } from './load-driver.js';
import { type Ceilings, LOAD_CONCURRENCY, defaultPgUrl, measureCeilings } from './probes.js';
import { benchDatabase } from './support.js';

const { options } = parseArgs(process.argv.slice(2), ['quick']);
const quick = options.quick === 'true';
const engines = (options.engine ?? 'both') === 'both' ? (['postgres', 'pglite'] as const) : [options.engine as 'postgres' | 'pglite'];
const seconds = Number(options.seconds ?? (quick ? 2 : 20));
const soloSeconds = Number(options['solo-seconds'] ?? (quick ? 1 : 8));
const probeSeconds = Number(options['probe-seconds'] ?? (quick ? 1 : 3));
const openSeconds = Number(options['open-seconds'] ?? (quick ? 1 : 8));
const rates = (options.rates ?? (quick ? '100' : '200,500,1000')).split(',').map(Number);
const concurrency = Number(options.concurrency ?? LOAD_CONCURRENCY);
const singleSeconds = Number(options['single-seconds'] ?? (quick ? 1 : 12));
const prefill = Number(options.prefill ?? (quick ? 50 : options.url ? 300 : 2000));
const estateCount = Number(options.estates ?? (quick ? 2 : 10));

interface EngineResult {
  engine: 'postgres' | 'pglite';
  database: string;
  ceilings: Ceilings;
  solo: Record<string, number>;
  /** The mix with one user (concurrency 1): each operation's own time, no queueing. */
  single: OpStats[];
  mix: OpStats[];
  mixPerSec: number;
  openLoop: (OpStats & { rate: number; dropped: number; skipped?: string })[];
  /** 1-minute load average of the machine before and after (2 cores: above 2 means queueing). */
  loadAvg: [number, number];
}

async function openEngine(engine: 'postgres' | 'pglite'): Promise<{ database: Database; label: string; pgUrl?: string; drop(): Promise<void> }> {
  if (engine === 'postgres' && options.url) {
    // A seeded database is the seeder's: used as it is, never migrated here.
    const database = await openDatabase({ url: options.url });
    const n = (await database.db.execute(sql`select count(*)::int as n from cases`)) as unknown as { rows: { n: number }[] };
    return { database, label: `${new URL(options.url).pathname.slice(1)} (${n.rows[0]!.n} cases at start; desks of ${estateCount} of its estates, ${prefill} cases opened first)`, pgUrl: options.url, drop: () => database.close() };
  }
  if (engine === 'postgres') {
    const d = await benchDatabase('postgres');
    return { database: d, label: `fresh database, ${estateCount} desk estates + ${prefill} cases`, pgUrl: defaultPgUrl(), drop: d.drop };
  }
  const dir = mkdtempSync(join(tmpdir(), 'propdesk-load-'));
  const database = await openDatabase({ dataDir: join(dir, 'pglite'), loadDataDir: readTemplate('empty') });
  await migrate(database);
  return {
    database,
    label: `PGlite on disk, ${estateCount} desk estates + ${prefill} cases`,
    drop: async () => {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function runEngine(engine: 'postgres' | 'pglite'): Promise<EngineResult> {
  const load0 = loadavg()[0]!;
  const env = await openEngine(engine);
  try {
    // Probes first, on the benchmark's own database server (or a fresh PGlite on disk).
    const ceilings = await measureCeilings({ engine, pgUrl: env.pgUrl, seconds: probeSeconds, concurrency });
    log(`${engine} ceilings ${JSON.stringify(ceilings)}`);
    const estates = await ensureDeskEstates(env.database, estateCount, { existing: engine === 'postgres' && Boolean(options.url) });
    if (estates.length === 0) throw new Error('no estate with a reception login to drive');
    // On a seeded database the deadline scheduler would spend the run catching up on the years
    // of overdue clocks the generator wrote (and change the seeder's data): off there.
    const app = await startAppInProcess(env.database, { background: !(engine === 'postgres' && options.url) || options.background === 'true' });
    const http = new HttpClient(concurrency);
    try {
      const warm = new Recorder();
      const desk = new Desk(http, [app.url], estates, warm);
      await desk.setUp();
      let opened = 0;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (opened < prefill) {
            opened++;
            await desk.openCase(opened);
          }
        }),
      );
      log(`${engine}: prefilled ${prefill} cases`);

      // 1. Each headline operation alone.
      const solo: Record<string, number> = {};
      for (const op of ['open case', 'board page', 'case page', 'search'] as OpName[]) {
        const rec = new Recorder();
        desk.rec = rec;
        const pick = pickFor(op);
        const r = await closedLoop({ seconds: soloSeconds, concurrency, op: (w, i) => desk.step(w + i * concurrency, pick) });
        solo[op] = Math.round((rec.stats(r.elapsed).find((s) => s.name === op)?.count ?? 0) / r.elapsed);
        const errs = rec.stats(r.elapsed).filter((s) => s.errors > 0);
        if (errs.length) log(`${engine} ${op} errors: ${JSON.stringify(errs)}`);
      }
      log(`${engine} solo ${JSON.stringify(solo)}`);

      // 2. The desk mix, first with one user (each operation's own time), then with all workers.
      const one = new Recorder();
      desk.rec = one;
      const single = await closedLoop({ seconds: singleSeconds, concurrency: 1, op: (_w, i) => desk.step(i) });
      const singleStats = one.stats(single.elapsed);
      const rec = new Recorder();
      desk.rec = rec;
      const mix = await closedLoop({ seconds, concurrency, op: (w, i) => desk.step(w + i * concurrency) });
      const mixStats = rec.stats(mix.elapsed);
      for (const s of mixStats.filter((x) => x.errors > 0)) log(`${engine} mix ${s.name}: ${s.errors} errors, first: ${s.firstError}`);

      // 3. Opening cases at fixed rates.
      const open: EngineResult['openLoop'] = [];
      // Rates far above what the engine just managed alone would only measure the queue: those
      // are skipped, and half the measured capacity is added as a realistic operating point.
      const capacity = solo['open case'] ?? 0;
      const half = Math.max(1, Math.round(capacity / 2));
      for (const rate of [half, ...rates.filter((x) => x !== half)]) {
        if (rate > 2 * capacity) {
          open.push({ ...summarise('open case', [], 1), rate, dropped: 0, skipped: `above 2× the ${capacity}/s measured alone` });
          continue;
        }
        const r = await openLoop({ seconds: openSeconds, rate, maxInFlight: 256, op: (i) => desk.openCase(i) });
        open.push({ ...summarise('open case', r.latencies, r.elapsed, r.errors, r.firstError), rate, dropped: r.dropped });
        log(`${engine} open loop ${rate}/s: ${JSON.stringify(open.at(-1))}`);
      }
      return { engine, database: env.label, ceilings, solo, single: singleStats, mix: mixStats, mixPerSec: Math.round(mix.done / mix.elapsed), openLoop: open, loadAvg: [+load0.toFixed(1), +loadavg()[0]!.toFixed(1)] };
    } finally {
      http.close();
      await app.close();
    }
  } finally {
    await env.drop();
  }
}

/** The `pick` value that makes Desk.step choose `op`. */
function pickFor(op: OpName): number {
  let acc = 0;
  for (const [name, w] of MIX) {
    if (name === op) return acc + w / 2;
    acc += w;
  }
  return 0;
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

const results: EngineResult[] = [];
for (const engine of engines) results.push(await runEngine(engine));

for (const r of results) {
  process.stdout.write(`${JSON.stringify({ bench: 'load', quick, concurrency, seconds, ...r })}\n`);
}

// A readable summary (the tables in docs/benchmarks.md are copied from it).
const pct = (x: number) => `${Math.round(x * 100)} %`;
for (const r of results) {
  const c = r.ceilings;
  const out: string[] = [];
  out.push(`\n${r.engine} — ${r.database}; ${concurrency} workers; machine load average ${r.loadAvg[0]} → ${r.loadAvg[1]} (2 cores)`);
  out.push(`ceilings: durable insert ${c.durableInsertPerSec}/s, PK select ${c.pkSelectPerSec}/s, bare route ${c.bareRoutePerSec}/s, bare route + select ${c.bareRouteSelectPerSec}/s`);
  out.push('| operation alone | per s | ceiling | ratio |');
  out.push('|---|---|---|---|');
  out.push(`| open case | ${r.solo['open case']} | durable insert ${c.durableInsertPerSec} | ${pct(r.solo['open case']! / c.durableInsertPerSec)} |`);
  for (const op of ['board page', 'case page', 'search']) out.push(`| ${op} | ${r.solo[op]} | bare route + select ${c.bareRouteSelectPerSec} | ${pct(r.solo[op]! / c.bareRouteSelectPerSec)} |`);
  out.push(`| desk mix (${r.mixPerSec}/s in all) | per s | p50 ms | p95 ms | p99 ms | errors |`);
  out.push('|---|---|---|---|---|---|');
  for (const s of r.mix) out.push(`| ${s.name} | ${s.perSec} | ${s.p50ms} | ${s.p95ms} | ${s.p99ms} | ${s.errors} |`);
  out.push('| open case at a fixed rate | done per s | p50 ms | p99 ms | dropped | errors |');
  out.push('|---|---|---|---|---|---|');
  for (const s of r.openLoop) out.push(s.skipped ? `| ${s.rate}/s | skipped: ${s.skipped} | | | | |` : `| ${s.rate}/s | ${s.perSec} | ${s.p50ms} | ${s.p99ms} | ${s.dropped} | ${s.errors} |`);
  out.push('| one user (concurrency 1) | per s | p50 ms | p95 ms | p99 ms | errors |');
  out.push('|---|---|---|---|---|---|');
  for (const s of r.single) out.push(`| ${s.name} | ${s.perSec} | ${s.p50ms} | ${s.p95ms} | ${s.p99ms} | ${s.errors} |`);
  process.stdout.write(`${out.join('\n')}\n`);
}
const pg = results.find((r) => r.engine === 'postgres');
const lite = results.find((r) => r.engine === 'pglite');
if (pg && lite) {
  const out = [
    '\nPGlite time ÷ PostgreSQL time (goal ≤ 2.5×): one user p50/p95, throughput alone with all workers, mix p50 with all workers',
    '| operation | one user p50 | one user p95 | alone (1/throughput) | mix p50 |',
    '|---|---|---|---|---|',
  ];
  for (const s of pg.single) {
    const l = lite.single.find((x) => x.name === s.name);
    const m = pg.mix.find((x) => x.name === s.name);
    const lm = lite.mix.find((x) => x.name === s.name);
    if (!l) continue;
    const alone = pg.solo[s.name] && lite.solo[s.name] ? `${(pg.solo[s.name]! / lite.solo[s.name]!).toFixed(2)}×` : '—';
    const mix = m && lm ? `${(lm.p50ms / m.p50ms).toFixed(2)}×` : '—';
    out.push(`| ${s.name} | ${(l.p50ms / s.p50ms).toFixed(2)}× | ${(l.p95ms / s.p95ms).toFixed(2)}× | ${alone} | ${mix} |`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
}
process.exit(0);
