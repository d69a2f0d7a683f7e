// Benchmark data generator (issue 5 §1): N estates with buildings, units, residents and staff, and
// Y years of cases with work orders, case events, SLA deadlines, return visits and fees.
//
//   npx tsx bench/seed.ts --url postgres://postgres@127.0.0.1:5432/propdesk_bench_full \
//       [--estates 200 --units 100000 --cases 2000000 --years 2 --open 100000 --jobs 2]
//   npx tsx bench/seed.ts --engine pglite --data DIR [same sizes]
//
// Distributions: 70 % repairs / 20 % complaints / 10 % other; 2 % emergencies; seasonal peaks
// (summer rain and AC, winter heating and frozen pipes); a daily curve in Beijing time peaking
// 9–11 h and 19–21 h; realistic Chinese descriptions (the 2-gram text search is benchmarked on
// them). About `--open` cases are still open, with live clocks spread so the board has red
// (breached), amber (warned) and green cases; their cases.next_due_at / breached are written
// directly (the deadlines trigger is bypassed with session_replication_role = replica).
//
// Resumable: every estate's organisation and every batch of its cases commits together with a
// row in bench_seed_progress; a rerun skips what is there. Data are drawn from a PRNG seeded by
// the estate index, so a rerun generates the same cases. Bulk inserts use
// INSERT … SELECT FROM unnest($arrays) (one statement per table per batch).
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import { type Database, openDatabase } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { buildEstate } from '../src/db/seed/estate-builder.js';
import { DEMO_PASSWORD, demoEstateSpec, demoGroupStaff } from '../src/db/seed/demo.js';
import { formatCaseNumber } from '../src/domain/case-intake.js';
import { progress } from './support.js';

export interface SeedOptions {
  estates: number;
  units: number;
  cases: number;
  years: number;
  open: number;
  /** Cases per transaction. */
  batch: number;
  /** Estates generated concurrently (PostgreSQL only). */
  jobs: number;
  /** The dataset ends here (default: now). */
  now?: Date;
  quiet?: boolean;
}

export const DEFAULT_SEED: SeedOptions = { estates: 200, units: 100_000, cases: 2_000_000, years: 2, open: 100_000, batch: 5000, jobs: 2 };

type Q = (text: string, params?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

/** Runs fn in one transaction on a raw connection of either engine, with triggers and FK checks off. */
async function inTx<T>(database: Database, fn: (q: Q) => Promise<T>): Promise<T> {
  if (database.engine === 'pglite') {
    const pgl = database.pglite as PGlite;
    return pgl.transaction(async (tx) => {
      const q: Q = async (text, params) => ({ rows: (await tx.query(text, params)).rows as Record<string, unknown>[] });
      await q('set local session_replication_role = replica');
      return fn(q);
    });
  }
  const client = await database.pool!.connect();
  try {
    await client.query('begin');
    const q: Q = (text, params) => client.query(text, params);
    await q('set local session_replication_role = replica');
    await q('set local synchronous_commit = off');
    const out = await fn(q);
    await client.query('commit');
    return out;
  } catch (e) {
    await client.query('rollback').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

// ---------------------------------------------------------------- randomness and distributions

/** Small fast deterministic PRNG (mulberry32). */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    weighted: <T>(xs: readonly (readonly [T, number])[]): T => {
      const total = xs.reduce((s, x) => s + x[1], 0);
      let r = next() * total;
      for (const [v, w] of xs) {
        r -= w;
        if (r < 0) return v;
      }
      return xs[xs.length - 1]![0];
    },
  };
}
type Rng = ReturnType<typeof rng>;

// Month weights (Jan…Dec): winter heating/frozen pipes, summer rain, leaks and AC.
const MONTH_W = [1.25, 1.05, 0.85, 0.85, 0.95, 1.2, 1.45, 1.45, 1.05, 0.9, 0.95, 1.2];
// Beijing-time hour weights: peaks 9–11 h and 19–21 h, quiet at night.
const HOUR_W = [0.15, 0.1, 0.08, 0.08, 0.1, 0.2, 0.45, 0.8, 1.3, 2.0, 2.1, 1.8, 1.0, 0.9, 1.2, 1.3, 1.2, 1.1, 1.3, 1.9, 2.0, 1.8, 0.9, 0.4];
const MAX_MONTH = Math.max(...MONTH_W);
const MAX_HOUR = Math.max(...HOUR_W);
const BJ = 8 * 3600_000;

/** A moment in [from, to) following the seasonal and daily curves. */
function sampleTime(r: Rng, from: number, to: number): number {
  for (;;) {
    const t = from + r.next() * (to - from);
    const bj = new Date(t + BJ);
    if (r.next() * MAX_MONTH > MONTH_W[bj.getUTCMonth()]!) continue;
    if (r.next() * MAX_HOUR > HOUR_W[bj.getUTCHours()]!) continue;
    return t;
  }
}

const ROOMS = ['厨房', '卫生间', '阳台', '客厅', '主卧', '次卧', '书房', '餐厅', '储物间'];
const HOME_PROBLEMS: readonly (readonly [string, number])[] = [
  ['漏水', 10], ['水龙头滴水', 6], ['热水器不出热水', 5], ['下水道堵塞', 6], ['马桶堵塞', 5], ['墙面渗水', 5], ['跳闸', 6],
  ['插座没电', 4], ['灯不亮', 5], ['空调不制冷', 5], ['暖气不热', 5], ['窗户关不严', 3], ['门锁坏了', 3], ['地漏返味', 3],
  ['天花板渗水', 4], ['水管爆裂', 1], ['燃气灶打不着火', 2], ['热水器漏水', 2], ['防盗门关不上', 2], ['瓷砖空鼓脱落', 2],
];
const PUBLIC_PLACES = ['电梯厅', '楼道', '地下车库', '单元门口', '小区大门', '中心花园', '消防通道', '垃圾房', '健身区', '地面停车场'];
const PUBLIC_PROBLEMS: readonly (readonly [string, number])[] = [
  ['灯不亮', 6], ['电梯故障停运', 4], ['电梯门关不上', 3], ['地面积水', 4], ['门禁刷卡失灵', 5], ['监控摄像头损坏', 2],
  ['雨水管漏水', 3], ['井盖松动', 2], ['栏杆松动', 2], ['道闸抬杆故障', 3],
];
const EMERGENCIES = ['电梯困人，两人被困', '水管爆裂，水漫到楼道', '闻到燃气泄漏味道', '整栋楼停电', '配电箱冒烟', '化粪池外溢'];
const COMPLAINTS: readonly (readonly [string, string, number])[] = [
  ['楼上装修噪音扰民', 'quality', 5], ['夜间噪音扰民', 'quality', 5], ['保安态度差', 'attitude', 3], ['垃圾未及时清运', 'quality', 4],
  ['车位被占用', 'quality', 4], ['宠物狗扰民', 'quality', 3], ['绿化带无人修剪', 'quality', 2], ['电梯维修不及时', 'equipment', 4],
  ['物业费收费不合理', 'attitude', 2], ['报修后一直没人来', 'attitude', 3], ['楼道堆放杂物无人管', 'quality', 3], ['外来车辆随意进出', 'quality', 2],
];
const OTHER: readonly (readonly [string, string])[] = [
  ['inquiry', '咨询装修申请手续'], ['inquiry', '咨询物业费缴纳方式'], ['inquiry', '咨询停车月卡办理'], ['help', '钥匙锁在屋里，求助开锁'],
  ['help', '老人行动不便，求助搬运'], ['suggestion', '建议增加电动车充电桩'], ['suggestion', '建议延长游泳池开放时间'], ['inspection', '巡查发现消防栓箱门损坏'],
  ['warranty', '新房地板起拱，申请保修'], ['directive', '上级通知检查高空抛物隐患'],
];
const SUFFIX = ['', '', '', '，请尽快处理', '，已经持续两天了', '，楼下邻居反映', '，业主上午在家', '，晚上七点后方便', '，之前报过一次没修好', '，比较急'];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const CHANNEL_W: readonly (readonly [string, number])[] = [
  ['phone', 55], ['wechat', 18], ['walk_in', 12], ['online', 6], ['patrol', 4], ['gm_hotline', 2], ['email', 1], ['letter', 1], ['web', 1],
];
const phone = (r: Rng) => `1${r.pick(['3', '5', '7', '8', '9'])}${String(r.int(0, 999_999_999)).padStart(9, '0')}`;
const contactName = (r: Rng) => `${SURNAMES[r.int(0, SURNAMES.length - 1)]}${r.pick(['先生', '女士', '阿姨', '师傅', '老师'])}`;

// ---------------------------------------------------------------- organisation

interface Org {
  estateId: string;
  prefix: string;
  units: { id: string; code: string }[];
  residents: { id: string; unitId: string }[];
  dept: Record<string, string>;
  staff: Record<string, string>;
}

async function ensureProgressTable(database: Database) {
  await inTx(database, (q) =>
    q(`create table if not exists bench_seed_progress (estate_idx int not null, batch int not null, rows int not null, primary key (estate_idx, batch))`),
  );
}

function estateCode(i: number) {
  return `B${String(i).padStart(3, '0')}`;
}

/** Creates (or finds, on a rerun) estate i: organisation by buildEstate, units and residents in bulk. */
async function ensureOrg(database: Database, i: number, unitsPerEstate: number): Promise<Org> {
  const code = estateCode(i);
  const find = async () => {
    const q: Q = database.engine === 'pglite'
      ? async (t, p) => ({ rows: (await database.pglite!.query(t, p)).rows as Record<string, unknown>[] })
      : (t, p) => database.pool!.query(t, p);
    const [e] = (await q('select id, case_prefix from estates where code = $1', [code])).rows;
    if (!e) return undefined;
    const estateId = e.id as string;
    const units = (await q('select id, code from units where estate_id = $1 order by code', [estateId])).rows as { id: string; code: string }[];
    const residents = (await q('select id, unit_id as "unitId" from residents where estate_id = $1 order by unit_id, name, id', [estateId])).rows as { id: string; unitId: string }[];
    const dept = Object.fromEntries((await q('select code, id from departments where estate_id = $1', [estateId])).rows.map((r) => [r.code, r.id]));
    const staff = Object.fromEntries(
      (await q('select split_part(u.username, $2, 1) as name, u.id from users u join staff_roles s on s.user_id = u.id where s.estate_id = $1', [estateId, '_'])).rows.map((r) => [
        r.name,
        r.id,
      ]),
    );
    if (units.length < unitsPerEstate) return undefined;
    return { estateId, prefix: e.case_prefix as string, units, residents, dept: dept as Record<string, string>, staff: staff as Record<string, string> };
  };
  const found = await find();
  if (found) return found;
  const r = rng(1_000_000 + i);
  const q0: Q = database.engine === 'pglite'
    ? async (t, p) => ({ rows: (await database.pglite!.query(t, p)).rows as Record<string, unknown>[] })
    : (t, p) => database.pool!.query(t, p);
  let [row] = (await q0('select id from estates where code = $1', [code])).rows;
  if (!row) {
    await database.db.transaction(async (tx) => {
      const name = `${r.pick(['阳光', '锦绣', '翠湖', '金桂', '碧水', '御景', '华府', '枫林', '滨江', '春晓'])}${r.pick(['花园', '家园', '名苑', '新城', '雅居', '公馆'])}${i}期`;
      const spec = demoEstateSpec(code, name, code, i === 0 ? '' : `_e${i}`);
      spec.buildings = [{ code: 'P', name: '公共区域', units: [] }];
      spec.residents = [];
      spec.households = unitsPerEstate;
      if (i === 0) spec.staff.push(...demoGroupStaff);
      await buildEstate(tx, spec, DEMO_PASSWORD);
    });
    [row] = (await q0('select id from estates where code = $1', [code])).rows;
  }
  const estateId = row!.id as string;
  // Buildings of 2 entrances × 18 floors × 2 rooms; units and residents in bulk, in one transaction.
  const perBuilding = 72;
  const bIds: string[] = [], bCode: string[] = [], bName: string[] = [];
  for (let b = 1; b <= Math.ceil(unitsPerEstate / perBuilding); b++) {
    bIds.push(randomUUID()); bCode.push(String(b)); bName.push(`${b}号楼`);
  }
  const uIds: string[] = [], uB: string[] = [], uCode: string[] = [], uEnt: string[] = [], uFloor: number[] = [], uRoom: string[] = [];
  for (let n = 0; n < unitsPerEstate; n++) {
    const b = Math.floor(n / perBuilding), k = n % perBuilding;
    const ent = 1 + Math.floor(k / 36), floor = 1 + Math.floor((k % 36) / 2), room = `${floor}${String((k % 2) + 1).padStart(2, '0')}`;
    uIds.push(randomUUID()); uB.push(bIds[b]!); uCode.push(`${b + 1}-${ent}-${room}`); uEnt.push(String(ent)); uFloor.push(floor); uRoom.push(room);
  }
  const rIds: string[] = [], rUnit: string[] = [], rName: string[] = [], rRel: string[] = [], rPhone: string[] = [];
  for (const u of uIds) {
    const people = r.next() < 0.25 ? 2 : 1;
    for (let p = 0; p < people; p++) {
      rIds.push(randomUUID()); rUnit.push(u); rName.push(contactName(r)); rRel.push(p === 0 ? (r.next() < 0.85 ? 'owner' : 'tenant') : 'family'); rPhone.push(phone(r));
    }
  }
  await inTx(database, async (q) => {
    await q('select 1 from estates where id = $1 for update', [estateId]);
    const [{ n }] = (await q('select count(*)::int as n from units where estate_id = $1', [estateId])).rows as [{ n: number }];
    if (n > 0) return;
    await q('insert into buildings (estate_id, id, code, name) select $1::uuid, * from unnest($2::uuid[], $3::text[], $4::text[])', [estateId, bIds, bCode, bName]);
    await q('insert into units (estate_id, id, building_id, code, entrance, floor, room) select $1::uuid, * from unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::int[], $7::text[])', [
      estateId, uIds, uB, uCode, uEnt, uFloor, uRoom,
    ]);
    await q('insert into residents (estate_id, id, unit_id, name, relation, phones) select $1::uuid, id, u, n, rel, array[p] from unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[]) as t(id, u, n, rel, p)', [
      estateId, rIds, rUnit, rName, rRel, rPhone,
    ]);
  });
  const org = await find();
  if (!org) throw new Error(`estate ${code} was not created`);
  return org;
}

// ---------------------------------------------------------------- cases

/** Column arrays of one batch, one object per table. */
function columns<K extends string>(keys: readonly K[]): Record<K, unknown[]> {
  return Object.fromEntries(keys.map((k) => [k, []])) as unknown as Record<K, unknown[]>;
}

const CASE_COLS = [
  'id', 'number', 'kind', 'status', 'channel', 'category', 'urgency', 'location_kind', 'unit_id', 'resident_id', 'location_text',
  'contact_name', 'contact_phone', 'description', 'complaint_nature', 'complaint_content', 'opened_at', 'opened_by', 'completed_at',
  'closed_at', 'closed_by', 'close_result', 'updated_at', 'next_due_at', 'breached', 'pause_reason',
] as const;
const CASE_TYPES: Record<(typeof CASE_COLS)[number], string> = {
  id: 'uuid', number: 'text', kind: 'text', status: 'text', channel: 'text', category: 'text', urgency: 'text', location_kind: 'text',
  unit_id: 'uuid', resident_id: 'uuid', location_text: 'text', contact_name: 'text', contact_phone: 'text', description: 'text',
  complaint_nature: 'text', complaint_content: 'text', opened_at: 'timestamptz', opened_by: 'uuid', completed_at: 'timestamptz',
  closed_at: 'timestamptz', closed_by: 'uuid', close_result: 'text', updated_at: 'timestamptz', next_due_at: 'timestamptz', breached: 'boolean',
  pause_reason: 'text',
};
const ORDER_COLS = ['id', 'case_id', 'number', 'status', 'department_id', 'technician_id', 'issued_at', 'issued_by', 'accepted_at', 'arrived_at', 'completed_at', 'work_done', 'labour_cents', 'fee_cents', 'signed_at', 'updated_at'] as const;
const ORDER_TYPES: Record<(typeof ORDER_COLS)[number], string> = {
  id: 'uuid', case_id: 'uuid', number: 'int', status: 'text', department_id: 'uuid', technician_id: 'uuid', issued_at: 'timestamptz', issued_by: 'uuid',
  accepted_at: 'timestamptz', arrived_at: 'timestamptz', completed_at: 'timestamptz', work_done: 'text', labour_cents: 'int', fee_cents: 'int',
  signed_at: 'timestamptz', updated_at: 'timestamptz',
};
const DL_COLS = ['case_id', 'order_id', 'clock', 'basis', 'started_at', 'due_at', 'warn_at', 'state', 'paused_at', 'next_fire_at', 'escalation_level', 'warned_at', 'breached_at', 'settled_at', 'updated_at'] as const;
const DL_TYPES: Record<(typeof DL_COLS)[number], string> = {
  case_id: 'uuid', order_id: 'uuid', clock: 'text', basis: 'text', started_at: 'timestamptz', due_at: 'timestamptz', warn_at: 'timestamptz', state: 'text',
  paused_at: 'timestamptz', next_fire_at: 'timestamptz', escalation_level: 'int', warned_at: 'timestamptz', breached_at: 'timestamptz',
  settled_at: 'timestamptz', updated_at: 'timestamptz',
};
const EV_COLS = ['case_id', 'at', 'actor_id', 'action', 'subject', 'note'] as const;
const EV_TYPES: Record<(typeof EV_COLS)[number], string> = { case_id: 'uuid', at: 'timestamptz', actor_id: 'uuid', action: 'text', subject: 'text', note: 'text' };
const RV_COLS = ['case_id', 'kind', 'outcome', 'exempt_reason', 'satisfaction', 'opinion', 'visited_by', 'visited_at'] as const;
const RV_TYPES: Record<(typeof RV_COLS)[number], string> = {
  case_id: 'uuid', kind: 'text', outcome: 'text', exempt_reason: 'text', satisfaction: 'int', opinion: 'text', visited_by: 'uuid', visited_at: 'timestamptz',
};

async function bulkInsert<K extends string>(q: Q, table: string, estateId: string, cols: readonly K[], types: Record<K, string>, data: Record<K, unknown[]>) {
  const n = (data[cols[0]!] as unknown[]).length;
  if (n === 0) return 0;
  const params = cols.map((c) => data[c]);
  const unnest = cols.map((c, i) => `$${i + 2}::${types[c]}[]`).join(', ');
  await q(`insert into ${table} (estate_id, ${cols.join(', ')}) select $1::uuid, * from unnest(${unnest})`, [estateId, ...params]);
  return n;
}

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
const MIN = 60_000;
const HOUR = 3600_000;
const DAY = 24 * HOUR;

interface EstatePlan {
  times: number[];
  /** Index from which cases may be open, and the chance each of them is. */
  openFrom: number;
  openP: number;
}

function planEstate(i: number, n: number, openTarget: number, from: number, to: number): EstatePlan {
  const r = rng(7_000_000 + i);
  const times: number[] = [];
  for (let k = 0; k < n; k++) times.push(Math.floor(sampleTime(r, from, to)));
  times.sort((a, b) => a - b);
  // Open cases come from the most recent ~45 days.
  const windowStart = to - 45 * DAY;
  let openFrom = times.findIndex((t) => t >= windowStart);
  if (openFrom < 0) openFrom = n;
  const recent = n - openFrom;
  if (recent < openTarget) openFrom = Math.max(0, n - Math.ceil(openTarget * 1.05));
  const openP = Math.min(1, openTarget / Math.max(1, n - openFrom));
  return { times, openFrom, openP };
}

/** Generates and inserts cases [start, end) of an estate in one transaction; returns rows written. */
async function seedBatch(database: Database, org: Org, estateIdx: number, batchNo: number, plan: EstatePlan, start: number, end: number, orderBase: number, now: number) {
  const r = rng(estateIdx * 100_003 + batchNo * 7919 + 17);
  const c = columns(CASE_COLS), o = columns(ORDER_COLS), d = columns(DL_COLS), e = columns(EV_COLS), v = columns(RV_COLS);
  const reception = org.staff.reception!, supervisor = org.staff.supervisor!, dispatcher = org.staff.dispatcher!;
  const techs = [org.staff.tech1!, org.staff.tech2!];
  const seqByYear = new Map<number, number>();
  // Sequence numbers are positional per year; count the cases of each year before `start`.
  for (let k = 0; k < start; k++) {
    const y = new Date(plan.times[k]! + BJ).getUTCFullYear();
    seqByYear.set(y, (seqByYear.get(y) ?? 0) + 1);
  }
  let orderNo = orderBase;
  const residentsByUnit = new Map<string, { id: string }[]>();
  for (const x of org.residents) residentsByUnit.set(x.unitId, [...(residentsByUnit.get(x.unitId) ?? []), x]);
  const ev = (caseId: string, at: number, actor: string | null, action: string, subject: string | null = null, note: string | null = null) => {
    e.case_id.push(caseId); e.at.push(iso(at)); e.actor_id.push(actor); e.action.push(action); e.subject.push(subject); e.note.push(note);
  };
  const dl = (caseId: string, orderId: string | null, clock: string, startAt: number, due: number, state: string, opts: { pausedAt?: number; settledAt?: number | null; escalation?: number } = {}) => {
    const warn = startAt + Math.floor((due - startAt) * 0.8);
    const settled = opts.settledAt ?? null;
    const running = (state === 'pending' || state === 'warned') && !opts.pausedAt && settled === null;
    d.case_id.push(caseId); d.order_id.push(orderId); d.clock.push(clock); d.basis.push('wall'); d.started_at.push(iso(startAt)); d.due_at.push(iso(due));
    d.warn_at.push(iso(warn)); d.state.push(state); d.paused_at.push(iso(opts.pausedAt ?? null));
    d.next_fire_at.push(running ? iso(state === 'pending' ? warn : due) : null);
    d.escalation_level.push(opts.escalation ?? 0); d.warned_at.push(state === 'warned' || state === 'breached' ? iso(warn) : null);
    d.breached_at.push(state === 'breached' ? iso(due) : null); d.settled_at.push(iso(settled)); d.updated_at.push(iso(settled ?? startAt));
    return running ? due : null;
  };
  for (let k = start; k < end; k++) {
    const at = plan.times[k]!;
    const year = new Date(at + BJ).getUTCFullYear();
    const seq = (seqByYear.get(year) ?? 0) + 1;
    seqByYear.set(year, seq);
    const id = randomUUID();
    const isOpen = k >= plan.openFrom && r.next() < plan.openP;
    const roll = r.next();
    const emergency = r.next() < 0.02;
    let kind: string, description: string, locationKind = 'in_home', category: string | null = null, nature: string | null = null, content: string | null = null;
    let unitIdx: number | null = r.int(0, org.units.length - 1);
    let locationText: string | null = null;
    if (emergency) {
      kind = 'repair';
      description = r.pick(EMERGENCIES);
      if (r.next() < 0.5) { locationKind = 'public'; locationText = `${r.int(1, Math.ceil(org.units.length / 72))}号楼${r.pick(PUBLIC_PLACES)}`; unitIdx = null; }
    } else if (roll < 0.7) {
      kind = r.next() < 0.96 ? 'repair' : 'warranty';
      if (r.next() < 0.8) {
        const p = r.weighted(HOME_PROBLEMS);
        description = `${r.pick(ROOMS)}${p}${r.pick(SUFFIX)}`;
        category = p.includes('水') || p.includes('堵') ? '给排水' : p.includes('电') || p.includes('闸') || p.includes('灯') || p.includes('插座') ? '电气' : '土建';
      } else {
        locationKind = 'public';
        unitIdx = null;
        const place = r.pick(PUBLIC_PLACES);
        locationText = `${r.int(1, Math.ceil(org.units.length / 72))}号楼${place}`;
        description = `${place}${r.weighted(PUBLIC_PROBLEMS)}${r.pick(SUFFIX)}`;
        category = '公共设施';
      }
    } else if (roll < 0.9) {
      kind = 'complaint';
      const total = COMPLAINTS.reduce((s, x) => s + x[2], 0);
      let x = r.next() * total;
      let pick = COMPLAINTS[0]!;
      for (const cmp of COMPLAINTS) {
        x -= cmp[2];
        if (x < 0) {
          pick = cmp;
          break;
        }
      }
      description = `${pick[0]}${r.pick(SUFFIX)}`;
      nature = r.next() < 0.8 ? 'valid' : 'communicative';
      content = nature === 'valid' ? pick[1] : null;
      category = pick[0].includes('噪音') ? '噪音' : pick[0].includes('车') ? '停车' : '服务';
    } else {
      const [k2, text] = r.pick(OTHER);
      kind = k2;
      description = text;
    }
    const unit = unitIdx === null ? null : org.units[unitIdx]!;
    const residents = unit ? (residentsByUnit.get(unit.id) ?? []) : [];
    const resident = residents.length ? r.pick(residents).id : null;
    const isRepair = kind === 'repair' || kind === 'warranty';
    const dispatchMin = emergency ? 5 : 10;
    const arrivalMin = emergency ? 10 : kind === 'warranty' ? 48 * 60 : 120;
    let status: string, completedAt: number | null = null, closedAt: number | null = null, nextDue: number | null = null, breached = false, pauseReason: string | null = null;
    const dept = isRepair ? org.dept.ENG! : category === '停车' ? org.dept.SEC! : org.dept.CS!;
    if (!isOpen) {
      // History: closed (mostly), cancelled or closed unresolved; clocks met; a closing visit.
      const fate = r.next();
      status = fate < 0.94 ? 'closed' : fate < 0.98 ? 'cancelled' : 'closed_unresolved';
      const dispatchAt = at + r.int(1, dispatchMin + 3) * MIN;
      const doneAt = dispatchAt + r.int(20, isRepair ? 6 * 60 : 24 * 60) * MIN;
      completedAt = status === 'cancelled' ? null : doneAt;
      closedAt = doneAt + r.int(10, 3 * 24 * 60) * MIN;
      ev(id, at, reception, 'case.opened');
      if (isRepair && status !== 'cancelled') {
        const orderId = randomUUID();
        orderNo++;
        const paid = locationKind === 'in_home' && r.next() < 0.3;
        const fee = paid ? r.int(20, 300) * 100 : 0;
        const tech = r.pick(techs);
        o.id.push(orderId); o.case_id.push(id); o.number.push(orderNo); o.status.push('checked'); o.department_id.push(dept); o.technician_id.push(tech);
        o.issued_at.push(iso(dispatchAt)); o.issued_by.push(dispatcher); o.accepted_at.push(iso(dispatchAt + 2 * MIN)); o.arrived_at.push(iso(dispatchAt + r.int(10, 90) * MIN));
        o.completed_at.push(iso(doneAt)); o.work_done.push(`已处理：${description.split('，')[0]}`); o.labour_cents.push(fee ? Math.floor(fee / 2) : 0); o.fee_cents.push(fee);
        o.signed_at.push(iso(doneAt)); o.updated_at.push(iso(closedAt));
        ev(id, dispatchAt, dispatcher, 'order.issued', `order:${String(orderNo).padStart(6, '0')}`);
        ev(id, doneAt, tech, 'order.completed', `order:${String(orderNo).padStart(6, '0')}`);
        dl(id, null, 'dispatch', at, at + dispatchMin * MIN, r.next() < 0.95 ? 'met' : 'breached', { settledAt: dispatchAt });
        dl(id, orderId, 'arrival', at, at + arrivalMin * MIN, r.next() < 0.93 ? 'met' : 'breached', { settledAt: doneAt });
      } else {
        dl(id, null, kind === 'complaint' ? 'reply' : 'dispatch', at, at + (kind === 'complaint' ? 24 * 60 : dispatchMin) * MIN, status === 'cancelled' ? 'cancelled' : 'met', { settledAt: closedAt });
      }
      ev(id, closedAt, status === 'closed' ? reception : supervisor, status === 'cancelled' ? 'case.cancelled' : 'case.closed');
      if (status === 'closed' && r.next() < 0.7) {
        const exempt = r.next() < 0.1;
        v.case_id.push(id); v.kind.push('closing'); v.outcome.push(exempt ? 'exempt' : 'visited'); v.exempt_reason.push(exempt ? r.pick(['unreachable', 'resolved_on_spot', 'anonymous']) : null);
        v.satisfaction.push(exempt ? null : r.weighted([[5, 60], [4, 25], [3, 10], [2, 3], [1, 2]] as const)); v.opinion.push(exempt ? null : r.pick([null, null, '师傅很专业', '处理及时，满意', '希望下次早点来']));
        v.visited_by.push(reception); v.visited_at.push(iso(closedAt + r.int(1, 48) * HOUR));
      }
    } else {
      // Open now: a colour is drawn (red 15 %, amber 20 %, green 65 %) and clocks are set to match.
      status = isRepair ? r.weighted([['opened', 15], ['dispatched', 30], ['in_progress', 35], ['paused', 12], ['completed', 8]] as const) : r.weighted([['opened', 70], ['paused', 15], ['completed', 15]] as const);
      const colour = r.weighted([['red', 15], ['amber', 20], ['green', 65]] as const);
      const clock = isRepair ? (status === 'opened' ? 'dispatch' : 'arrival') : kind === 'complaint' ? 'reply' : 'dispatch';
      ev(id, at, reception, 'case.opened');
      let orderId: string | null = null;
      if (isRepair && status !== 'opened') {
        orderId = randomUUID();
        orderNo++;
        const tech = r.pick(techs);
        const issued = Math.min(now - MIN, at + r.int(1, 15) * MIN);
        const ostatus = status === 'dispatched' ? r.pick(['issued', 'accepted']) : status === 'in_progress' || status === 'paused' ? 'arrived' : 'completed';
        o.id.push(orderId); o.case_id.push(id); o.number.push(orderNo); o.status.push(ostatus); o.department_id.push(dept); o.technician_id.push(ostatus === 'issued' ? null : tech);
        o.issued_at.push(iso(issued)); o.issued_by.push(dispatcher); o.accepted_at.push(ostatus === 'issued' ? null : iso(issued + MIN));
        o.arrived_at.push(ostatus === 'arrived' || ostatus === 'completed' ? iso(issued + 30 * MIN) : null);
        o.completed_at.push(ostatus === 'completed' ? iso(issued + 90 * MIN) : null); o.work_done.push(ostatus === 'completed' ? '已处理' : null);
        o.labour_cents.push(0); o.fee_cents.push(0); o.signed_at.push(null); o.updated_at.push(iso(issued));
        ev(id, issued, dispatcher, 'order.issued', `order:${String(orderNo).padStart(6, '0')}`);
        dl(id, null, 'dispatch', at, at + dispatchMin * MIN, 'met', { settledAt: issued });
      }
      if (status === 'completed') {
        completedAt = Math.min(now - MIN, at + 3 * HOUR);
        dl(id, orderId, clock, at, at + arrivalMin * MIN, colour === 'red' ? 'breached' : 'met', { settledAt: colour === 'red' ? null : completedAt, escalation: colour === 'red' ? 1 : 0 });
        breached = colour === 'red';
      } else if (status === 'paused') {
        pauseReason = r.pick(['awaiting_resident', 'awaiting_parts', 'awaiting_third_party']);
        const pausedAt = Math.min(now - MIN, at + r.int(30, 600) * MIN);
        dl(id, orderId, clock, at, now + r.int(1, 48) * HOUR, colour === 'red' ? 'breached' : 'pending', { pausedAt: colour === 'red' ? undefined : pausedAt, escalation: colour === 'red' ? 1 : 0 });
        breached = colour === 'red';
        ev(id, pausedAt, reception, 'case.paused', null, pauseReason);
      } else if (colour === 'red') {
        // One breached clock, and (usually) a later one still running.
        dl(id, orderId, clock, at, Math.min(now - MIN, at + arrivalMin * MIN), 'breached', { escalation: r.int(1, 3) });
        breached = true;
        if (r.next() < 0.7) nextDue = dl(id, orderId, 'followup_eod', at, now + r.int(10, 600) * MIN, 'pending');
      } else if (colour === 'amber') {
        const due = now + r.int(1, 60) * MIN;
        nextDue = dl(id, orderId, clock, Math.min(at, due - 5 * HOUR), due, 'warned');
      } else {
        const due = now + r.int(61, 72 * 60) * MIN;
        nextDue = dl(id, orderId, clock, Math.min(at, now - 10 * MIN), due, 'pending');
      }
    }
    c.id.push(id); c.number.push(formatCaseNumber(org.prefix, year, seq)); c.kind.push(kind); c.status.push(status);
    c.channel.push(emergency ? 'phone' : r.weighted(CHANNEL_W)); c.category.push(category); c.urgency.push(emergency ? 'emergency' : 'routine');
    c.location_kind.push(locationKind); c.unit_id.push(unit?.id ?? null); c.resident_id.push(resident); c.location_text.push(locationText);
    c.contact_name.push(contactName(r)); c.contact_phone.push(phone(r)); c.description.push(description); c.complaint_nature.push(nature);
    c.complaint_content.push(content); c.opened_at.push(iso(at)); c.opened_by.push(reception); c.completed_at.push(iso(completedAt));
    c.closed_at.push(iso(closedAt)); c.closed_by.push(closedAt ? reception : null); c.close_result.push(closedAt ? '已处理完毕' : null);
    c.updated_at.push(iso(closedAt ?? completedAt ?? at)); c.next_due_at.push(iso(nextDue)); c.breached.push(breached); c.pause_reason.push(pauseReason);
  }
  const rows = await inTx(database, async (q) => {
    let n = 0;
    n += await bulkInsert(q, 'cases', org.estateId, CASE_COLS, CASE_TYPES, c);
    n += await bulkInsert(q, 'work_orders', org.estateId, ORDER_COLS, ORDER_TYPES, o);
    n += await bulkInsert(q, 'deadlines', org.estateId, DL_COLS, DL_TYPES, d);
    n += await bulkInsert(q, 'case_events', org.estateId, EV_COLS, EV_TYPES, e);
    n += await bulkInsert(q, 'return_visits', org.estateId, RV_COLS, RV_TYPES, v);
    for (const [year, last] of seqByYear) {
      await q(
        `insert into case_counters (estate_id, year, last_seq) values ($1, $2, $3) on conflict (estate_id, year) do update set last_seq = greatest(case_counters.last_seq, excluded.last_seq)`,
        [org.estateId, year, last],
      );
    }
    await q(`insert into order_counters (estate_id, last_number) values ($1, $2) on conflict (estate_id) do update set last_number = greatest(order_counters.last_number, excluded.last_number)`, [org.estateId, orderNo]);
    await q('insert into bench_seed_progress (estate_idx, batch, rows) values ($1, $2, $3)', [estateIdx, batchNo, n]);
    return n;
  });
  return { rows, orderNo };
}

/** Seeds a migrated database; safe to rerun (continues where it stopped). Returns rows written and rows/s. */
export async function seed(database: Database, opts: SeedOptions): Promise<{ rows: number; seconds: number; rowsPerSec: number; cases: number }> {
  await ensureProgressTable(database);
  const now = opts.now?.getTime() ?? Date.now();
  const from = now - opts.years * 365 * DAY;
  const doneRows = database.engine === 'pglite'
    ? (await database.pglite!.query<{ estate_idx: number; batch: number }>('select estate_idx, batch from bench_seed_progress')).rows
    : ((await database.pool!.query('select estate_idx, batch from bench_seed_progress')).rows as { estate_idx: number; batch: number }[]);
  const done = new Set(doneRows.map((x) => `${x.estate_idx}:${x.batch}`));
  const unitsPer = Math.max(1, Math.floor(opts.units / opts.estates));
  const casesPer = (i: number) => Math.floor(opts.cases / opts.estates) + (i < opts.cases % opts.estates ? 1 : 0);
  const openPer = (i: number) => Math.floor(opts.open / opts.estates) + (i < opts.open % opts.estates ? 1 : 0);
  const totalBatches = Array.from({ length: opts.estates }, (_, i) => Math.ceil(casesPer(i) / opts.batch)).reduce((a, b) => a + b, 0);
  let batches = done.size;
  let rows = 0;
  let cases = 0;
  const t0 = performance.now();
  const label = () => `seed ${Math.round(rows / Math.max(0.001, (performance.now() - t0) / 1000))} rows/s`;
  const jobs = database.engine === 'pglite' ? 1 : Math.max(1, opts.jobs);
  let nextEstate = 0;
  const worker = async () => {
    for (;;) {
      const i = nextEstate++;
      if (i >= opts.estates) return;
      const n = casesPer(i);
      const nb = Math.ceil(n / opts.batch);
      if (Array.from({ length: nb }, (_, b) => done.has(`${i}:${b}`)).every(Boolean)) continue;
      const org = await ensureOrg(database, i, unitsPer);
      const plan = planEstate(i, n, openPer(i), from, now);
      for (let b = 0; b < nb; b++) {
        if (done.has(`${i}:${b}`)) continue;
        // Order numbers continue from what earlier batches of this estate used.
        const base = database.engine === 'pglite'
          ? (await database.pglite!.query<{ n: number }>('select coalesce(max(last_number), 0)::int as n from order_counters where estate_id = $1', [org.estateId])).rows[0]!.n
          : (await database.pool!.query('select coalesce(max(last_number), 0)::int as n from order_counters where estate_id = $1', [org.estateId])).rows[0].n;
        const out = await seedBatch(database, org, i, b, plan, b * opts.batch, Math.min(n, (b + 1) * opts.batch), base, now);
        rows += out.rows;
        cases += Math.min(n, (b + 1) * opts.batch) - b * opts.batch;
        batches++;
        if (!opts.quiet) progress(label(), batches, totalBatches);
      }
    }
  };
  await Promise.all(Array.from({ length: jobs }, worker));
  if (database.engine === 'postgres') await database.pool!.query('analyze');
  else await database.pglite!.query('analyze');
  const seconds = (performance.now() - t0) / 1000;
  return { rows, seconds, rowsPerSec: rows / Math.max(seconds, 0.001), cases };
}

/** Creates the PostgreSQL database of `url` when it does not exist. */
export async function ensurePgDatabase(url: string): Promise<void> {
  const u = new URL(url);
  const name = u.pathname.slice(1);
  u.pathname = '/postgres';
  const c = new pg.Client({ connectionString: u.toString() });
  await c.connect();
  try {
    const { rowCount } = await c.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) await c.query(`create database "${name.replace(/"/g, '')}"`);
  } finally {
    await c.end();
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      engine: { type: 'string' },
      data: { type: 'string' },
      estates: { type: 'string' },
      units: { type: 'string' },
      cases: { type: 'string' },
      years: { type: 'string' },
      open: { type: 'string' },
      batch: { type: 'string' },
      jobs: { type: 'string' },
    },
  });
  const num = (v: string | undefined, d: number) => (v === undefined ? d : Number(v));
  const opts: SeedOptions = {
    estates: num(values.estates, DEFAULT_SEED.estates),
    units: num(values.units, DEFAULT_SEED.units),
    cases: num(values.cases, DEFAULT_SEED.cases),
    years: num(values.years, DEFAULT_SEED.years),
    open: num(values.open, Math.round((DEFAULT_SEED.open * num(values.cases, DEFAULT_SEED.cases)) / DEFAULT_SEED.cases)),
    batch: num(values.batch, DEFAULT_SEED.batch),
    jobs: num(values.jobs, DEFAULT_SEED.jobs),
  };
  const engine = values.engine ?? (values.url ? 'postgres' : 'pglite');
  let database: Database;
  if (engine === 'postgres') {
    const url = values.url ?? process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/propdesk_bench_full';
    await ensurePgDatabase(url);
    database = await openDatabase({ url, poolSize: opts.jobs + 2 });
  } else {
    if (!values.data) throw new Error('--engine pglite needs --data DIR');
    database = await openDatabase({ dataDir: values.data });
  }
  await migrate(database);
  const out = await seed(database, opts);
  await database.close();
  process.stdout.write(
    `seeded ${out.cases} cases (${out.rows} rows) in ${out.seconds.toFixed(1)} s: ${Math.round(out.rowsPerSec)} rows/s, ${Math.round(out.cases / out.seconds)} cases/s ` +
      `(${opts.estates} estates, ${opts.units} units, ${opts.cases} cases, ${opts.years} years, ~${opts.open} open)\n`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
