// Firing lag of the deadline scheduler (due → fired) with many pending deadlines.
// usage: npx tsx bench/scheduler-lag.ts [--engine pglite|postgres] [--pending 100000] [--seconds 20] [--quick]
import { sql } from 'drizzle-orm';
import { systemClock } from '../src/clock.js';
import { cases, deadlines } from '../src/db/schema/index.js';
import { buildEstate } from '../src/db/seed/estate-builder.js';
import { demoEstateSpec } from '../src/db/seed/demo.js';
import { startDeadlineScheduler } from '../src/jobs/deadline-scheduler.js';
import { parseArgs } from '../src/cli/args.js';
import { benchDatabase, percentile, progress } from './support.js';

const { options } = parseArgs(process.argv.slice(2), ['quick']);
const engine = (options.engine ?? 'postgres') as 'pglite' | 'postgres';
const quick = options.quick === 'true';
const pending = Number(options.pending ?? (quick ? 10_000 : 100_000));
const seconds = Number(options.seconds ?? (quick ? 4 : 20));

const database = await benchDatabase(engine);
const estate = await buildEstate(database.db, demoEstateSpec(), 'bench-password');
const now = new Date();
// About ten clocks a case, as on a real board (a case has at most a dozen clocks; the board
// columns of a case are recomputed from its own clocks on every firing).
const caseCount = Math.max(1, Math.ceil(pending / 10));
const caseIds: string[] = [];
for (let i = 0; i < caseCount; i += 2000) {
  const rows = Array.from({ length: Math.min(2000, caseCount - i) }, (_, k) => ({
    estateId: estate.id,
    number: `YH-2026-${String(i + k + 1).padStart(6, '0')}`,
    kind: 'repair',
    status: 'opened',
    channel: 'phone',
    locationKind: 'public',
    locationText: 'x',
    description: 'bench',
    openedAt: now,
    openedBy: estate.userIds.reception!,
    updatedAt: now,
  }));
  caseIds.push(...(await database.db.insert(cases).values(rows).returning({ id: cases.id })).map((r) => r.id));
  progress('inserting cases', Math.min(i + 2000, caseCount), caseCount);
}

// Due times spread evenly over an hour starting 2 s from now: the run sees the first few hundred come due.
const start = now.getTime() + 2_000;
const spreadMs = 3_600_000;
for (let i = 0; i < pending; i += 2000) {
  const rows = Array.from({ length: Math.min(2000, pending - i) }, (_, k) => {
    const due = new Date(start + ((i + k) / pending) * spreadMs);
    return { estateId: estate.id, caseId: caseIds[(i + k) % caseCount]!, clock: 'dispatch', basis: 'wall', startedAt: now, dueAt: due, warnAt: due, nextFireAt: due, updatedAt: now };
  });
  await database.db.insert(deadlines).values(rows);
  progress('inserting deadlines', Math.min(i + 2000, pending), pending);
}

// Loading took a while: move every due time so the first comes due LEAD_MS from now, enough for
// the shift itself and the statistics below to finish first (on PGlite they take seconds).
const LEAD_MS = quick ? 3_000 : 10_000;
const shiftMs = Date.now() + LEAD_MS - start;
const shiftedAt = Date.now();
await database.db.execute(
  sql`update deadlines set due_at = due_at + ${`${shiftMs} milliseconds`}::interval, warn_at = warn_at + ${`${shiftMs} milliseconds`}::interval, next_fire_at = next_fire_at + ${`${shiftMs} milliseconds`}::interval`,
);
// A bulk load leaves the planner without statistics until autovacuum gets to it; a live
// installation accumulates its deadlines over time, so measure with statistics in place.
await database.db.execute(sql`analyze deadlines`);
const stop = startDeadlineScheduler(database, systemClock, { intervalMs: 250 });
await new Promise((r) => setTimeout(r, Math.max(0, shiftedAt + LEAD_MS - Date.now()) + seconds * 1000));
await stop();
const res = (await database.db.execute(
  sql`select extract(epoch from (breached_at - due_at)) * 1000 as lag from deadlines where breached_at is not null order by due_at`,
)) as unknown as { rows: { lag: string | number }[] };
if (process.env.BENCH_DEBUG) process.stderr.write(`${res.rows.map((r) => Math.round(Number(r.lag))).join(" ")}\n`);
const lags = res.rows.map((r) => Number(r.lag)).sort((a, b) => a - b);
const result = { bench: 'scheduler-lag', engine, pending, seconds, fired: lags.length, p50ms: Math.round(percentile(lags, 50)), p99ms: Math.round(percentile(lags, 99)), maxMs: Math.round(lags.at(-1) ?? Number.NaN) };
process.stdout.write(`${JSON.stringify(result)}\n`);
await database.drop();
