// Reliability harness (issue 15 items 12–15), PostgreSQL: what survives when connections are cut.
// 1. Bursts of server-side terminates while receptionists open cases with an Idempotency-Key and
//    retry every 5xx or dropped request, as the console does: duplicates, requests never answered,
//    pool clients left checked out, health and the LISTEN connection afterwards.
// 2. The answer's write forced to fail after the case committed, then the retry: duplicates.
// 3. SIGTERM on a real `propdesk start` with a live stream open: time to exit, exit code.
// Figures are printed, never asserted (docs/reliability.md records a full run).
// usage: npx tsx bench/reliability.ts [--rounds 20] [--concurrency 16] [--forced 50] [--sigterms 5] [--quick]
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { parseArgs } from '../src/cli/args.js';
import { DEMO_PASSWORD } from '../src/db/seed/demo.js';
import { LISTEN_APPLICATION_NAME } from '../src/jobs/live-hub.js';
import { startNode, stopNode } from '../test/support/app-node.js';
import { subscribe } from '../test/support/sse.js';
import { ensureDeskEstates, startAppInProcess } from './load-desk.js';
import { benchDatabase, percentile, progress } from './support.js';

const { options } = parseArgs(process.argv.slice(2), ['quick']);
const quick = options.quick === 'true';
const rounds = Number(options.rounds ?? (quick ? 3 : 20));
const concurrency = Number(options.concurrency ?? (quick ? 8 : 16));
const forced = Number(options.forced ?? (quick ? 5 : 50));
const sigterms = Number(options.sigterms ?? (quick ? 1 : 5));
const log = (line: string) => process.stderr.write(`${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const database = await benchDatabase('postgres');
/** A query of the harness itself; its pool is the app's, so right after a burst it may meet a cut connection once. */
async function rows<T>(q: ReturnType<typeof sql>): Promise<T[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return ((await database.db.execute(q)) as unknown as { rows: T[] }).rows;
    } catch (e) {
      if (attempt >= 5) throw e;
      await sleep(100);
    }
  }
}
const [estate] = await ensureDeskEstates(database, 1);
const app = await startAppInProcess(database, { background: false });

async function signIn(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
  return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}
const cookie = await signIn(app.url, 'reception');

const body = (marker: string, n: number) => ({
  estateId: estate!.id,
  kind: n % 4 === 1 ? 'complaint' : 'repair',
  channel: 'phone',
  locationKind: 'in_home',
  unitId: estate!.unitIds[n % estate!.unitIds.length]!,
  description: `${marker} ${n}`,
  ...(n % 4 === 1 ? { complaintNature: 'valid', complaintContent: 'attitude' } : {}),
});

/** Opens one case as the console does: one key, retried on 5xx or a dropped connection. */
async function openWithRetries(marker: string, n: number): Promise<{ ok: boolean; tries: number }> {
  const key = randomUUID();
  for (let tries = 1; tries <= 15; tries++) {
    try {
      const res = await fetch(`${app.url}/api/cases`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, 'idempotency-key': key },
        body: JSON.stringify(body(marker, n)),
      });
      await res.text();
      if (res.status === 201) return { ok: true, tries };
      if (res.status < 500 && res.status !== 409) return { ok: false, tries };
    } catch {
      // dropped: try again with the same key
    }
    await sleep(50 * tries);
  }
  return { ok: false, tries: 15 };
}

const duplicatesOf = async (marker: string) =>
  (await rows<{ n: number }>(sql`select count(*)::int as n from (select description from cases where description like ${`${marker} %`} group by description having count(*) > 1) d`))[0]!.n;
const casesOf = async (marker: string) => (await rows<{ n: number }>(sql`select count(*)::int as n from cases where description like ${`${marker} %`}`))[0]!.n;

// ---- 1. terminate bursts ----------------------------------------------------------------------
{
  const marker = `burst-${randomUUID().slice(0, 8)}`;
  let terminated = 0;
  let answered = 0;
  let lost = 0;
  const tries: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const openers = Array.from({ length: concurrency }, (_, i) => openWithRetries(marker, round * concurrency + i));
    for (let burst = 0; burst < 3; burst++) {
      await sleep(Math.random() * 40);
      const killed = await rows<{ ok: boolean }>(
        sql`select pg_terminate_backend(pid) as ok from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'`,
      );
      terminated += killed.length;
    }
    for (const r of await Promise.all(openers)) {
      tries.push(r.tries);
      if (r.ok) answered++;
      else lost++;
    }
    progress('terminate bursts', round + 1, rounds);
  }
  await sleep(3000); // the LISTEN connection's backoff
  const pool = database.pool!;
  const health = await fetch(`${app.url}/api/health`);
  const listening = (await rows<{ n: number }>(sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and application_name = ${LISTEN_APPLICATION_NAME}`))[0]!.n;
  tries.sort((a, b) => a - b);
  log(
    `terminate bursts: ${rounds} rounds × ${concurrency} openings, ${terminated} backends terminated; ` +
      `answered ${answered}, never answered ${lost}, cases stored ${await casesOf(marker)}, duplicates ${await duplicatesOf(marker)}; ` +
      `tries p50 ${percentile(tries, 50)} p99 ${percentile(tries, 99)} max ${tries.at(-1)}; ` +
      `bench pool checked out ${pool.totalCount - pool.idleCount}; app health ${health.status}; LISTEN connections ${listening}`,
  );
}

// ---- 2. the answer's write fails after the commit -----------------------------------------------
{
  const marker = `forced-${randomUUID().slice(0, 8)}`;
  await database.db.execute(sql`create or replace function pd_bench_cut_answer() returns trigger language plpgsql as $$
    begin if new.status_code >= 100 and current_setting('propdesk.bench_cut', true) is distinct from 'off' then raise exception 'answer write cut'; end if; return new; end $$`);
  let firstFailed = 0;
  let retried = 0;
  for (let n = 0; n < forced; n++) {
    const key = randomUUID();
    const send = () =>
      fetch(`${app.url}/api/cases`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'idempotency-key': key }, body: JSON.stringify(body(marker, n)) });
    await database.db.execute(sql`create trigger pd_bench_cut_answer before update on idempotency_keys for each row execute function pd_bench_cut_answer()`);
    const first = await send();
    await database.db.execute(sql`drop trigger pd_bench_cut_answer on idempotency_keys`);
    if (first.status >= 500) firstFailed++;
    if ((await send()).status === 201) retried++;
    progress('forced answer failures', n + 1, forced);
  }
  log(`forced answer failures: ${forced} openings, first try 5xx ${firstFailed}, retry 201 ${retried}, cases stored ${await casesOf(marker)}, duplicates ${await duplicatesOf(marker)}`);
}

await app.close();

// ---- 3. SIGTERM with a live stream open ---------------------------------------------------------
{
  const exits: number[] = [];
  const codes: (number | null)[] = [];
  for (let n = 0; n < sigterms; n++) {
    const node = await startNode(database.url!);
    const stream = subscribe(node.url, await signIn(node.url, 'supervisor'));
    await stream.connected;
    const t0 = performance.now();
    const exited = new Promise<number | null>((resolve) => node.child.once('exit', (code) => resolve(code)));
    node.child.kill('SIGTERM');
    codes.push(await exited);
    exits.push(Math.round(performance.now() - t0));
    stream.close();
    await stopNode(node);
    progress('SIGTERM with a stream open', n + 1, sigterms);
  }
  log(`SIGTERM with a live stream open: ${sigterms} nodes, exit after ${exits.join(', ')} ms (drain ${process.env.PROPDESK_DRAIN_MS ?? 1000} ms included), exit codes ${codes.join(', ')}`);
}

await database.drop();
