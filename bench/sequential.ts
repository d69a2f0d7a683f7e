// One request at a time, in-process (app.inject, no sockets): the cost of each desk request on
// its own, steadier than the closed-loop runs on a shared machine, for comparing two versions
// of the code back to back. Fresh database of 10 estates and N generated cases.
//
//   npx tsx bench/sequential.ts [--engine postgres|pglite] [--cases 3000] [--rounds 300]
//
// Prints the median and p90 in ms of: open case (routine repair), open complaint, board page
// (estate, open, sort=due, 50), GET case, the case page with its timeline, GET timeline, and the number of SQL statements each
// sent (counted on the driver, PostgreSQL only).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { systemClock } from '../src/clock.js';
import { OPEN_STATUSES } from '../src/domain/case-lifecycle.js';
import { buildApp } from '../src/http/app.js';
import { DEFAULT_SEED, seed } from './seed.js';
import { benchDatabase, benchReadCache, benchSessionCache, percentile } from './support.js';

const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: 'postgres' },
    cases: { type: 'string', default: '3000' },
    rounds: { type: 'string', default: '300' },
  },
});
const engine = values.engine as 'postgres' | 'pglite';
const rounds = Number(values.rounds);

/**
 * Counts statements sent through the driver: every pg client, pooled or in a transaction,
 * patched before the first connection (PostgreSQL only; PGlite is not counted).
 */
let sent = 0;
const proto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
const original = proto.query;
proto.query = function (this: unknown, ...a: unknown[]) {
  sent++;
  return original.apply(this, a);
};

async function main() {
  const database = await benchDatabase(engine);
  const cases = Number(values.cases);
  await seed(database, { ...DEFAULT_SEED, estates: 10, units: 2000, cases, open: Math.round(cases / 10), quiet: true });
  const statements = () => sent;
  const app = await buildApp({ database, clock: systemClock, filesDir: mkdtempSync(join(tmpdir(), 'propdesk-seq-')), sessionCache: benchSessionCache(), readCache: benchReadCache() });
  await app.ready();
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'reception', password: 'demo1234' } });
  const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const q = async (text: string, params: unknown[] = []) =>
    database.pool ? (await database.pool.query(text, params)).rows : ((await database.pglite!.query(text, params)).rows as Record<string, unknown>[]);
  const [estate] = await q(`select id from estates where code = 'B000'`);
  const estateId = estate!.id as string;
  const unitIds = (await q('select id from units where estate_id = $1 limit 200', [estateId])).map((r) => r.id as string);
  const caseIds = (await q('select id from cases where estate_id = $1 order by random() limit 200', [estateId])).map((r) => r.id as string);
  const status = OPEN_STATUSES.map((s) => `status=${s}`).join('&');
  const body = (i: number, complaint: boolean) => ({
    estateId,
    kind: complaint ? 'complaint' : 'repair',
    channel: 'phone',
    locationKind: 'in_home',
    unitId: unitIds[i % unitIds.length],
    contactName: '张先生',
    contactPhone: '13800000001',
    phoneConsent: true,
    description: '厨房水龙头漏水',
    ...(complaint ? { complaintNature: 'valid', complaintContent: 'attitude' } : {}),
  });
  const ops: [string, (i: number) => Promise<number>][] = [
    ['open case (repair)', async (i) => (await app.inject({ method: 'POST', url: '/api/cases', payload: body(i, false), headers: { cookie } })).statusCode],
    ['open case (complaint)', async (i) => (await app.inject({ method: 'POST', url: '/api/cases', payload: body(i, true), headers: { cookie } })).statusCode],
    ['board page', async () => (await app.inject({ url: `/api/cases?estateId=${estateId}&${status}&sort=due&limit=50`, headers: { cookie } })).statusCode],
    ['GET case', async (i) => (await app.inject({ url: `/api/cases/${caseIds[i % caseIds.length]}`, headers: { cookie } })).statusCode],
    ['case page (include=timeline)', async (i) => (await app.inject({ url: `/api/cases/${caseIds[i % caseIds.length]}?include=timeline`, headers: { cookie } })).statusCode],
    ['GET timeline', async (i) => (await app.inject({ url: `/api/cases/${caseIds[i % caseIds.length]}/timeline`, headers: { cookie } })).statusCode],
  ];
  for (const [name, op] of ops) {
    for (let i = 0; i < 20; i++) await op(i); // warm-up
    const times: number[] = [];
    const before = statements();
    for (let i = 0; i < rounds; i++) {
      const t0 = performance.now();
      const code = await op(i);
      times.push(performance.now() - t0);
      if (code >= 300) throw new Error(`${name}: HTTP ${code}`);
    }
    times.sort((a, b) => a - b);
    const perRequest = (statements() - before) / rounds;
    console.log(JSON.stringify({ engine, op: name, p50: +percentile(times, 50).toFixed(2), p90: +percentile(times, 90).toFixed(2), ...(engine === 'postgres' ? { statements: +perRequest.toFixed(1) } : {}) }));
  }
  await app.close();
  await database.drop();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
