// Where the time of opening a case goes, layer by layer, each as a ratio to the durable-insert
// ceiling measured in the same run (issue 5's goal: opening ≥ 50 % of that ceiling):
//   1. the ceiling: autocommit INSERT of one short row into a table with one index;
//   2. the opening statements alone (takeCaseSeq: the number, committed without waiting for the
//      flush; insertOpenedCase: case row with its indexes and search grams, event, clocks,
//      NOTIFY — one durable statement; values precomputed);
//   3. the service without HTTP (openCaseIn: session-free actor, intake read, domain checks,
//      SLA clocks from the calendar, the statement);
//   4. POST /api/cases over HTTP keep-alive (session cache, Zod, Fastify, the answer's JSON).
// Routine in-home repairs (one statement), 16 workers, fresh PostgreSQL database.
//
//   npx tsx bench/open-layers.ts [--seconds 5] [--quick]
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { systemClock } from '../src/clock.js';
import { insertOpenedCase, takeCaseSeq } from '../src/db/repos/case-insert.js';
import { loadActor } from '../src/db/repos/actors.js';
import { intakeContext } from '../src/db/repos/cases.js';
import { beijingYear, caseNumberPrefix } from '../src/domain/case-intake.js';
import { buildApp } from '../src/http/app.js';
import { CHANNEL as LIVE_CHANNEL } from '../src/jobs/live-hub.js';
import { openCaseIn } from '../src/services/cases/open-case.js';
import { caseClockValues } from '../src/services/sla/clocks.js';
import type { CaseRow } from '../src/db/repos/case-rows.js';
import { HttpClient, closedLoop, expectStatus } from './load-driver.js';
import { LOAD_CONCURRENCY, defaultPgUrl, measureCeilings } from './probes.js';
import { DEFAULT_SEED, seed } from './seed.js';
import { benchDatabase, benchReadCache, benchSessionCache } from './support.js';

const { values: args } = parseArgs({ options: { seconds: { type: 'string' }, quick: { type: 'boolean', default: false } } });
const seconds = Number(args.seconds ?? (args.quick ? 1 : 5));

async function main() {
  const database = await benchDatabase('postgres');
  try {
    await seed(database, { ...DEFAULT_SEED, estates: 10, units: 2000, cases: args.quick ? 1000 : 20_000, open: args.quick ? 100 : 2000, quiet: true });
    const pool = database.pool!;
    const [estate] = (await pool.query(`select id from estates where code = 'B000'`)).rows as { id: string }[];
    const estateId = estate!.id;
    const unitIds = (await pool.query('select id from units where estate_id = $1 limit 500', [estateId])).rows.map((r) => r.id as string);
    const [user] = (await pool.query(`select id from users where username = 'reception'`)).rows as { id: string }[];
    const actor = (await loadActor(database.db, user!.id))!;
    const input = (i: number) => ({
      estateId,
      kind: 'repair' as const,
      channel: 'phone' as const,
      locationKind: 'in_home' as const,
      unitId: unitIds[i % unitIds.length]!,
      contactName: '张先生',
      contactPhone: '13800000001',
      phoneConsent: true,
      description: '厨房水龙头漏水，已经持续两天了',
    });
    const intake = (await intakeContext(database.db, estateId, null, null))!;
    const rate = (r: { done: number; elapsed: number }) => Math.round(r.done / r.elapsed);

    const ceilings = await measureCeilings({ engine: 'postgres', pgUrl: defaultPgUrl(), seconds: Math.min(3, seconds) });

    // 2. The statement alone: what openCaseIn writes, with the values computed here.
    const statement = await closedLoop({
      seconds,
      concurrency: LOAD_CONCURRENCY,
      op: async (w, i) => {
        const now = new Date();
        const v = { id: randomUUID(), estateId, kind: 'repair', status: 'opened', channel: 'phone', urgency: 'routine', locationKind: 'in_home', unitId: input(w + i).unitId,
          contactName: '张先生', contactPhone: '13800000001', description: '厨房水龙头漏水，已经持续两天了', openedAt: now, openedBy: actor.userId, updatedAt: now };
        const clocks = caseClockValues({ ...v, appointmentAt: null, promisedReplyAt: null, hot: false } as unknown as CaseRow, now, intake.settings);
        return insertOpenedCase(database.db, {
          values: { ...v, nextDueAt: clocks[0]?.dueAt ?? null, breached: false },
          numberPrefix: caseNumberPrefix(intake.casePrefix, beijingYear(now)),
          year: beijingYear(now),
          seq: await takeCaseSeq(database, estateId, beijingYear(now)),
          withReceipt: false,
          event: { estateId, caseId: v.id, at: now, actorId: actor.userId, action: 'case.opened', after: { kind: 'repair' } },
          clocks,
          live: { channel: LIVE_CHANNEL, payload: JSON.stringify({ estateId, type: 'case', caseId: v.id }) },
        });
      },
    });
    // 3. The service without HTTP.
    const service = await closedLoop({ seconds, concurrency: LOAD_CONCURRENCY, op: (w, i) => {
        const now = new Date();
        return openCaseIn(database.db, actor, input(w + i), now, undefined, () => takeCaseSeq(database, estateId, beijingYear(now)));
      },
    });
    // 4. Over HTTP, as the console sends it (no Idempotency-Key, as in load.ts).
    const app = await buildApp({ database, clock: systemClock, filesDir: mkdtempSync(join(tmpdir(), 'propdesk-layers-')), sessionCache: benchSessionCache(), readCache: benchReadCache() });
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const http = new HttpClient(LOAD_CONCURRENCY);
    const login = expectStatus(await http.request(`${base}/api/auth/login`, { method: 'POST', body: { username: 'reception', password: 'demo1234' } }), 200);
    const cookie = (login.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
    const viaHttp = await closedLoop({
      seconds,
      concurrency: LOAD_CONCURRENCY,
      op: async (w, i) => expectStatus(await http.request(`${base}/api/cases`, { method: 'POST', body: input(w + i), cookie }), 201),
    });
    await app.close();

    const rows: [string, number][] = [
      ['durable insert (ceiling)', ceilings.durableInsertPerSec],
      ['opening statement alone', rate(statement)],
      ['open case service, no HTTP', rate(service)],
      ['POST /api/cases over HTTP', rate(viaHttp)],
    ];
    console.log(JSON.stringify({ bench: 'open-layers', seconds, concurrency: LOAD_CONCURRENCY, load: (await import('node:os')).loadavg()[0], ceilings, layers: Object.fromEntries(rows) }));
    console.log('\n| layer | per s | ÷ durable insert |\n|---|---|---|');
    for (const [name, n] of rows) console.log(`| ${name} | ${n} | ${Math.round((100 * n) / ceilings.durableInsertPerSec)} % |`);
  } finally {
    await database.drop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
