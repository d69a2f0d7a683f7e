// The desk mix the load and scale-out benchmarks drive over HTTP: receptionists opening cases,
// a dispatcher issuing work orders, technicians accepting, arriving and completing them, and
// everyone reading the board, case pages and search. Shared state (cases waiting for dispatch,
// orders in progress) is kept in the driver so each step acts on a real, valid object.
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { and, eq, inArray, like } from 'drizzle-orm';
import { systemClock } from '../src/clock.js';
import type { Database } from '../src/db/client.js';
import { departments, estates, staffRoles, units, users } from '../src/db/schema/index.js';
import { buildEstate } from '../src/db/seed/estate-builder.js';
import { DEMO_PASSWORD, demoEstateSpec, demoGroupStaff } from '../src/db/seed/demo.js';
import { buildApp } from '../src/http/app.js';
import { SessionCache, sessionCacheTtlFromEnv } from '../src/services/auth/session-cache.js';
import { readCacheFromEnv } from '../src/http/plugins/read-cache.js';
import { startBackground } from '../src/jobs/background.js';
import { LiveHub } from '../src/jobs/live-hub.js';
import { type HttpClient, type Recorder, expectStatus } from './load-driver.js';

const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
import { OPEN_STATUSES } from '../web/shared/labels.js';

export interface DeskEstate {
  id: string;
  code: string;
  /** Suffix of this estate's logins (`reception_d3`); '' for the demo estate. */
  suffix: string;
  unitIds: string[];
  departmentId: string;
  /** The engineering technicians who take the orders (tech1, tech2). */
  technicians: { username: string; id: string }[];
}

/** Estate `n` of the benchmark desk: 0 is the demo estate 阳光花园 (YH), then D1, D2, … */
const deskSpec = (n: number) => {
  const spec = n === 0 ? demoEstateSpec() : demoEstateSpec(`D${n}`, `压测花园${n}`, `D${n}`, `_d${n}`);
  if (n === 0) spec.staff.push(...demoGroupStaff);
  return spec;
};

/**
 * `count` estates with the demo organisation and logins (estate 0 is the demo estate): reused
 * when their `reception` login exists, built otherwise — so a large seeded database gets desks
 * to drive without its own data being touched.
 */
export async function ensureDeskEstates(database: Database, count: number, opts: { existing?: boolean } = {}): Promise<DeskEstate[]> {
  const out: DeskEstate[] = [];
  const db = database.db;
  // A seeded database (bench/seed.ts) already has estates with demo-style logins (`reception`,
  // `reception_e1`, …): drive those, adding nothing but the cases the benchmark opens.
  const found = opts.existing
    ? await db
        .select({ username: users.username, estateId: staffRoles.estateId })
        .from(users)
        .innerJoin(staffRoles, eq(staffRoles.userId, users.id))
        .where(and(eq(staffRoles.role, 'receptionist'), like(users.username, 'reception%')))
        .orderBy(users.username)
        .limit(count)
    : [];
  for (let n = 0; n < count; n++) {
    const spec = deskSpec(n);
    let suffix = n === 0 ? '' : `_d${n}`;
    let estateId: string | undefined;
    if (opts.existing) {
      const f = found[n];
      if (!f) break;
      suffix = f.username.slice('reception'.length);
      estateId = f.estateId;
    } else {
      const [existing] = await db.select().from(users).where(eq(users.username, `reception${suffix}`));
      if (!existing) await buildEstate(db, spec, DEMO_PASSWORD);
    }
    const [e] = await db.select().from(estates).where(estateId ? eq(estates.id, estateId) : eq(estates.code, spec.code));
    const unitRows = await db.select({ id: units.id }).from(units).where(eq(units.estateId, e!.id));
    const [eng] = await db.select().from(departments).where(and(eq(departments.estateId, e!.id), eq(departments.code, 'ENG')));
    const technicians = await db.select({ id: users.id, username: users.username }).from(users).where(inArray(users.username, [`tech1${suffix}`, `tech2${suffix}`]));
    out.push({ id: e!.id, code: spec.code, suffix, unitIds: unitRows.map((u) => u.id), departmentId: eng!.id, technicians });
  }
  return out;
}

/** The app as `propdesk start` builds it (live hub, background jobs), listening on a free port. */
export async function startAppInProcess(database: Database, opts: { background?: boolean } = {}): Promise<{ url: string; close(): Promise<void> }> {
  const live = new LiveHub(database);
  const sessionCache = new SessionCache({ ttlMs: sessionCacheTtlFromEnv(process.env.PROPDESK_SESSION_CACHE_MS) });
  live.subscribeAuth((e) => sessionCache.apply(e));
  await live.start();
  const app = await buildApp({ database, clock: systemClock, filesDir: mkdtempSync(join(tmpdir(), 'propdesk-bench-files-')), demo: false, live, sessionCache, readCache: readCacheFromEnv(process.env.PROPDESK_READ_CACHE_ENTRIES) }, { logger: false });
  const stopBackground = opts.background === false ? async () => undefined : startBackground(database, systemClock, () => undefined);
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    close: async () => {
      await stopBackground();
      await app.close();
      await live.close();
    },
  };
}

/** Logs in through the API and returns the session cookie. */
export async function login(http: HttpClient, base: string, username: string): Promise<string> {
  const res = expectStatus(await http.request(`${base}/api/auth/login`, { method: 'POST', body: { username, password: DEMO_PASSWORD } }), 200);
  const set = res.headers['set-cookie'] ?? [];
  return set.map((c) => c.split(';')[0]).join('; ');
}

export type OpName = 'open case' | 'dispatch' | 'accept' | 'arrive' | 'complete' | 'board page' | 'case page' | 'search';

/** Weights of the mix (per 100 steps): a desk's day is mostly reading, a third writing. */
export const MIX: [OpName, number][] = [
  ['open case', 20],
  ['dispatch', 12],
  ['accept', 8],
  ['arrive', 8],
  ['complete', 8],
  ['board page', 20],
  ['case page', 18],
  ['search', 6],
];

const DESCRIPTIONS = ['厨房水龙头漏水', '卫生间地漏堵塞', '热水器不出热水', '客厅灯不亮', '楼道声控灯坏了', '门禁卡失灵', '空调外机噪音大', '阳台漏水渗到楼下'];
const SEARCHES = ['漏水', '热水器', '堵塞', '门禁'];

interface EstateQueues {
  estate: DeskEstate;
  opened: string[];
  known: string[];
  orders: { id: string; tech: string; next: 'accept' | 'arrive' | 'complete' }[];
  signature: string;
}

/**
 * The desks of several estates over one or more app nodes: logins (a session cookie works on
 * every node, sessions live in the database) and the queues of objects in flight per estate.
 * Step `i` acts on estate i mod estates, through node i mod nodes.
 */
export class Desk {
  private queues: EstateQueues[];
  private cookies = new Map<string, string>();
  private seq = 0;

  constructor(
    private readonly http: HttpClient,
    private readonly nodes: string[],
    estates: DeskEstate[],
    /** Where timings go; swap it between phases. */
    public rec: Recorder,
  ) {
    this.queues = estates.map((estate) => ({ estate, opened: [], known: [], orders: [], signature: '' }));
  }

  async setUp(): Promise<void> {
    const base = this.nodes[0]!;
    for (const q of this.queues) {
      for (const u of ['reception', 'dispatcher', 'tech1', 'tech2']) this.cookies.set(u + q.estate.suffix, await login(this.http, base, u + q.estate.suffix));
      const up = await this.http.request(`${base}/api/estates/${q.estate.id}/files`, { method: 'POST', raw: PNG_1X1, contentType: 'image/png', cookie: this.cookie(q, 'tech1') });
      q.signature = (JSON.parse(expectStatus(up, 201).body) as { sha256: string }).sha256;
    }
  }

  private cookie(q: EstateQueues, user: string): string {
    return this.cookies.get(user + q.estate.suffix)!;
  }

  private node(i: number): string {
    return this.nodes[i % this.nodes.length]!;
  }

  private queue(i: number): EstateQueues {
    return this.queues[Math.floor(i / this.nodes.length) % this.queues.length]!;
  }

  private openBody(q: EstateQueues): Record<string, unknown> {
    const n = this.seq++;
    const complaint = n % 5 === 1;
    return {
      estateId: q.estate.id,
      kind: complaint ? 'complaint' : 'repair',
      channel: 'phone',
      locationKind: 'in_home',
      unitId: q.estate.unitIds[n % q.estate.unitIds.length]!,
      contactName: '张先生',
      contactPhone: '13800000001',
      phoneConsent: true,
      description: DESCRIPTIONS[n % DESCRIPTIONS.length]!,
      ...(complaint ? { complaintNature: 'valid', complaintContent: 'attitude' } : {}),
    };
  }

  /** Opens one case through node i mod nodes in estate i; returns its id. */
  async openCase(i: number): Promise<string> {
    const base = this.node(i);
    const q = this.queue(i);
    const res = await this.http.request(`${base}/api/cases`, { method: 'POST', body: this.openBody(q), cookie: this.cookie(q, 'reception') });
    const id = (JSON.parse(expectStatus(res, 201).body) as { id: string }).id;
    q.opened.push(id);
    q.known.push(id);
    if (q.known.length > 5000) q.known.splice(0, 1000);
    if (q.opened.length > 5000) q.opened.splice(0, 1000);
    return id;
  }

  /** Runs one step of the mix chosen by weight (a step with nothing to act on opens a case). */
  async step(i: number, pick = Math.random() * 100): Promise<void> {
    let op: OpName = 'open case';
    for (const [name, w] of MIX) {
      if (pick < w) {
        op = name;
        break;
      }
      pick -= w;
    }
    const base = this.node(i);
    const q = this.queue(i);
    const t = <T>(name: OpName, fn: () => Promise<T>) => this.rec.time(name, fn);
    if (op === 'dispatch') {
      const caseId = q.opened.shift();
      if (caseId) {
        const tech = q.estate.technicians[i % q.estate.technicians.length]!;
        await t('dispatch', async () => {
          const res = await this.http.request(`${base}/api/cases/${caseId}/orders`, { method: 'POST', body: { departmentId: q.estate.departmentId, technicianId: tech.id }, cookie: this.cookie(q, 'dispatcher') });
          q.orders.push({ id: (JSON.parse(expectStatus(res, 201).body) as { id: string }).id, tech: tech.username, next: 'accept' });
        });
        return;
      }
      op = 'open case';
    }
    if (op === 'accept' || op === 'arrive' || op === 'complete') {
      const k = q.orders.findIndex((o) => o.next === op);
      if (k >= 0) {
        const o = q.orders.splice(k, 1)[0]!;
        const body = op === 'complete' ? { workDone: '更换角阀一个', labourCents: 3000, signatureSha256: q.signature } : {};
        await t(op, async () => {
          expectStatus(await this.http.request(`${base}/api/orders/${o.id}/${op}`, { method: 'POST', body, cookie: this.cookies.get(o.tech)! }), 200);
        });
        if (op === 'accept') q.orders.push({ ...o, next: 'arrive' });
        else if (op === 'arrive') q.orders.push({ ...o, next: 'complete' });
        return;
      }
      op = 'open case';
    }
    if (op === 'open case') {
      await t('open case', () => this.openCase(i));
      return;
    }
    const cookie = this.cookie(q, 'reception');
    if (op === 'board page') {
      const p = new URLSearchParams({ estateId: q.estate.id, limit: '50' });
      for (const s of OPEN_STATUSES) p.append('status', s);
      await t('board page', async () => expectStatus(await this.http.request(`${base}/api/cases?${p}`, { cookie }), 200));
      return;
    }
    if (op === 'case page') {
      const id = q.known[Math.floor(Math.random() * q.known.length)];
      if (!id) return this.step(i, 0);
      // As the console loads it: the case with its timeline in one request.
      await t('case page', async () => expectStatus(await this.http.request(`${base}/api/cases/${id}?include=timeline`, { cookie }), 200));
      return;
    }
    const term = SEARCHES[i % SEARCHES.length]!;
    await t('search', async () => expectStatus(await this.http.request(`${base}/api/cases?estateId=${q.estate.id}&q=${encodeURIComponent(term)}&limit=50`, { cookie }), 200));
  }
}
