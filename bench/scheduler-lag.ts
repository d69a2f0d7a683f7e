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
const [c] = await database.db
  .insert(cases)
  .values({ estateId: estate.id, number: 'YH-2026-000001', kind: 'repair', status: 'opened', channel: 'phone', locationKind: 'public', locationText: 'x', description: 'bench', openedAt: now, openedBy: estate.userIds.reception!, updatedAt: now })
  .returning();

// Due times spread evenly over an hour starting 2 s from now: the run sees the first few hundred come due.
const start = now.getTime() + 2_000;
const spreadMs = 3_600_000;
for (let i = 0; i < pending; i += 2000) {
  const rows = Array.from({ length: Math.min(2000, pending - i) }, (_, k) => {
    const due = new Date(start + ((i + k) / pending) * spreadMs);
    return { estateId: estate.id, caseId: c!.id, clock: 'dispatch', basis: 'wall', startedAt: now, dueAt: due, warnAt: due, nextFireAt: due, updatedAt: now };
  });
  await database.db.insert(deadlines).values(rows);
  progress('inserting deadlines', Math.min(i + 2000, pending), pending);
}

// Loading took a while: move every due time so the first comes due 2 s from now.
const shiftMs = Date.now() + 2_000 - start;
await database.db.execute(
  sql`update deadlines set due_at = due_at + ${`${shiftMs} milliseconds`}::interval, warn_at = warn_at + ${`${shiftMs} milliseconds`}::interval, next_fire_at = next_fire_at + ${`${shiftMs} milliseconds`}::interval`,
);
// A bulk load leaves the planner without statistics until autovacuum gets to it; a live
// installation accumulates its deadlines over time, so measure with statistics in place.
await database.db.execute(sql`analyze deadlines`);
const stop = startDeadlineScheduler(database, systemClock, { intervalMs: 250 });
await new Promise((r) => setTimeout(r, 2_000 + seconds * 1000));
await stop();
const res = (await database.db.execute(
  sql`select extract(epoch from (breached_at - due_at)) * 1000 as lag from deadlines where breached_at is not null order by due_at`,
)) as unknown as { rows: { lag: string | number }[] };
if (process.env.BENCH_DEBUG) process.stderr.write(`${res.rows.map((r) => Math.round(Number(r.lag))).join(" ")}\n`);
const lags = res.rows.map((r) => Number(r.lag)).sort((a, b) => a - b);
const result = { bench: 'scheduler-lag', engine, pending, seconds, fired: lags.length, p50ms: Math.round(percentile(lags, 50)), p99ms: Math.round(percentile(lags, 99)), maxMs: Math.round(lags.at(-1) ?? Number.NaN) };
process.stdout.write(`${JSON.stringify(result)}\n`);
await database.drop();
