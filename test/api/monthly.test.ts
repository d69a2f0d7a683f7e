import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fireDueDeadlines } from '../../src/jobs/deadline-scheduler.js';
import { DEFAULT_KPI_SETTINGS } from '../../src/domain/kpi.js';
import { type Client, type TestWorld, createWorld } from '../support/harness.js';
import { openCaseVia, repairBody, uploadPng } from '../support/desk.js';

/**
 * The month's figures (R-MO-1…3, R-KPI-1) and the quarter's with its signatures (R-QT-1), from a
 * March 2026 of cases built through the API at set instants (Beijing = UTC+8).
 *
 *   R1  1-1-101 water, 2 Mar: dispatched, arrived in 15 min, completed       → timely
 *   R2  1-1-101 water, 9 Mar: arrived after an hour, completed               → late, and rework of R1 (7 days)
 *   R3  2-1-502 electric, paid, 12 Mar: arrived in time, not completed       → not timely (not completed)
 *   R4  public lobby, 20 Mar: first order voided, second never arrived       → late arrival
 *   N1  1-1-101 water, 1 Apr 01:00 Beijing                                  → April, not March
 *   complaints: valid 5 Mar and 18 Mar, communicative 6 Mar, valid 10 Feb   → 2 in March, 3 in Q1; 360 households
 */
let w: TestWorld;
let reception: Client;
let tech: Client;
const c: Record<string, { id: string; number: string }> = {};
const o: Record<string, { id: string; number: string }> = {};

const at = (iso: string) => w.clock.set(iso);
/** Sessions are dated by the clock, so the desk signs in again after each jump in time. */
const signIn = async () => {
  reception = await w.as('reception');
  tech = await w.as('tech1');
};
const plus = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();

async function step(client: Client, url: string, body: unknown = {}) {
  const res = await client.post(url, body);
  if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return res.json();
}

async function issue(key: string, caseKey: string, iso: string) {
  at(iso);
  o[key] = await step(reception, `/api/cases/${c[caseKey]!.id}/orders`, { departmentId: w.a.departmentIds.ENG, technicianId: w.a.userIds.tech1 });
}

/** Opens a repair at `iso`, issues an order 5 minutes later and, if given, arrives `arriveAfter` minutes after opening. */
async function repair(key: string, iso: string, over: Record<string, unknown>, arriveAfter?: number) {
  at(iso);
  await signIn();
  c[key] = await openCaseVia(reception, repairBody(w, over));
  await issue(key, key, plus(iso, 5));
  if (arriveAfter === undefined) return;
  await step(tech, `/api/orders/${o[key]!.id}/accept`);
  at(plus(iso, arriveAfter));
  await step(tech, `/api/orders/${o[key]!.id}/arrive`);
}

async function complete(key: string, materials: unknown[]) {
  await step(tech, `/api/orders/${o[key]!.id}/complete`, { workDone: '已修复', materials, signatureSha256: await uploadPng(tech, w.a.id) });
  await step(reception, `/api/orders/${o[key]!.id}/return`);
  await step(reception, `/api/orders/${o[key]!.id}/check`, { passed: true });
}

const complaint = async (iso: string, nature: string) => {
  at(iso);
  await signIn();
  await openCaseVia(reception, repairBody(w, { kind: 'complaint', complaintNature: nature, ...(nature === 'valid' ? {} : { complaintSubtype: 'venting' }), description: '投诉保洁不及时' }));
};

beforeAll(async () => {
  w = await createWorld();
  await complaint('2026-02-10T02:00:00Z', 'valid');
  await repair('R1', '2026-03-02T02:00:00Z', { category: 'WATER' }, 15);
  at('2026-03-02T02:30:00Z');
  await complete('R1', [
    { name: '角阀', spec: 'DN15', quantity: 1, unit: '个', unitPriceCents: 2500, suppliedBy: 'company' },
    { name: '生料带', quantity: 2, unit: '卷', unitPriceCents: 150, suppliedBy: 'company' },
  ]);
  await complaint('2026-03-05T02:00:00Z', 'valid');
  await complaint('2026-03-06T02:00:00Z', 'communicative');
  await repair('R2', '2026-03-09T02:00:00Z', { category: 'WATER', description: '厨房水龙头又漏水' }, 60);
  at('2026-03-09T04:00:00Z');
  await complete('R2', [{ name: '角阀', spec: 'DN15', quantity: 2, unit: '个', unitPriceCents: 2500, suppliedBy: 'company' }]);
  await repair('R3', '2026-03-12T02:00:00Z', { category: 'ELEC', unitId: w.a.unitIds['2-1-502'], residentId: null, paid: true, paidConfirmedTwice: true, quoteCents: 5000, description: '更换插座' }, 10);
  await complaint('2026-03-18T02:00:00Z', 'valid');
  await repair('R4', '2026-03-20T02:00:00Z', { category: 'PUBLIC', locationKind: 'public', unitId: null, residentId: null, locationText: '3号楼大堂', description: '大堂灯不亮' });
  await step(reception, `/api/orders/${o.R4!.id}/void`, { reason: '派错班组' });
  await issue('R4b', 'R4', '2026-03-20T02:10:00Z');
  await repair('N1', '2026-03-31T17:00:00Z', { category: 'WATER', description: '卫生间漏水' });
  at('2026-04-02T02:00:00Z'); // 2 April: the project manager reviews March (R-MO-1)
  await fireDueDeadlines(w.database, w.clock);
  await signIn();
});
afterAll(async () => w?.close());

const monthly = (client: Client, q = '') => client.get(`/api/estates/${w.a.id}/monthly${q}`);

describe('monthly figures (R-MO-1, R-MO-2, R-MO-3, R-KPI-1)', () => {
  it('project manager: last month by default — orders by department and specialty, in-home/public, routine/paid, materials', async () => {
    const res = await monthly(await w.as('pm'));
    expect(res.statusCode).toBe(200);
    const m = res.json();
    expect(m).toMatchObject({ month: '2026-03', period: { from: '2026-03-01', to: '2026-03-31' }, households: 360 });
    expect(m.orders).toEqual({
      total: 4,
      voided: 1,
      inHome: 3,
      public: 1,
      routine: 3,
      paid: 1,
      byDepartment: [{ department: '工程部', n: 4 }],
      bySpecialty: [
        { specialty: 'water', n: 2 },
        { specialty: 'electricity', n: 1 },
        { specialty: 'public_facility', n: 1 },
      ],
    });
    expect(m.materials).toEqual([
      { name: '角阀', spec: 'DN15', unit: '个', quantity: 3, amountCents: 7500 },
      { name: '生料带', spec: null, unit: '卷', quantity: 2, amountCents: 300 },
    ]);
  });

  it('project manager: timeliness, rework with its cases, complaint rate and the binder cover', async () => {
    const m = (await monthly(await w.as('pm'), '?month=2026-03')).json();
    expect(m.timeliness).toMatchObject({ repairs: 4, timely: 1, ratePct: 25, targetPct: 100, belowTarget: true });
    const late = Object.fromEntries(m.timeliness.late.map((l: { caseNumber: string; reason: string }) => [l.caseNumber, l.reason]));
    expect(late).toEqual({ [c.R2!.number]: 'late_arrival', [c.R3!.number]: 'not_completed', [c.R4!.number]: 'late_arrival' });
    expect(m.rework).toMatchObject({ repairs: 4, reworks: 1, ratePct: 25, targetPct: 1, overTarget: true, windowDays: 30 });
    expect(m.rework.cases).toEqual([{ caseId: c.R2!.id, caseNumber: c.R2!.number, originalId: c.R1!.id, originalNumber: c.R1!.number, daysAfter: 6 }]);
    expect(m.complaintRate).toEqual({ validComplaints: 2, households: 360, ratePct: 0.56, targetPct: 5, overTarget: false });
    expect(m.cover).toEqual({
      month: '2026-03',
      totalOrders: 4,
      inHome: 3,
      public: 1,
      timelinessPct: 25,
      reworkPct: 25,
      firstOrderNumber: o.R1!.number,
      lastOrderNumber: o.R4b!.number,
    });
  });

  it('admin sets the KPI targets: a complaint rate at or over the target is flagged; the rework window narrows', async () => {
    const admin = await w.as('admin');
    const bad = await admin.put(`/api/estates/${w.a.id}/settings/rules`, { kpi: { reworkTargetPct: 80 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0]).toEqual({ field: 'kpi.reworkTargetPct', message: '返修率目标不能高于 50 %' });
    const ok = await admin.put(`/api/estates/${w.a.id}/settings/rules`, { kpi: { complaintRateTargetPct: 0.5 }, reworkWindowDays: 5 });
    expect(ok.json().effective.kpi).toEqual({ ...DEFAULT_KPI_SETTINGS, timelinessTargetPct: 100, reworkTargetPct: 1, complaintRateTargetPct: 0.5 });
    const m = (await monthly(await w.as('supervisor'), '?month=2026-03')).json();
    expect(m.complaintRate).toMatchObject({ ratePct: 0.56, targetPct: 0.5, overTarget: true });
    expect(m.rework).toMatchObject({ reworks: 0, windowDays: 5 });
    await admin.put(`/api/estates/${w.a.id}/settings/rules`, {});
  });

  it('April holds only the case opened after midnight of 1 April in Beijing', async () => {
    const m = (await monthly(await w.as('quality'), '?month=2026-04')).json();
    expect(m.orders.total).toBe(1);
    expect(m.timeliness.repairs).toBe(1);
    expect(m.cover.firstOrderNumber).toBe(o.N1!.number);
    expect((await monthly(await w.as('quality'), '?month=2026-02')).json().complaintRate.validComplaints).toBe(1);
  });

  it('a bad month is 400 with a field message in Chinese; the desk is 403; another estate is 404', async () => {
    const sup = await w.as('supervisor');
    const bad = await monthly(sup, '?month=2026-13');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual([{ field: 'month', message: '月份格式应为 YYYY-MM，如 2026-03' }]);
    expect((await monthly(reception)).statusCode).toBe(403);
    expect((await monthly(await w.as('supervisor_b'))).statusCode).toBe(404);
    expect((await monthly(await w.as('pm_b'), '?month=2026-13')).statusCode).toBe(404);
    expect((await (await w.as('supervisor_b')).get(`/api/estates/${w.a.id}/quarterly`)).statusCode).toBe(404);
  });
});

describe('quarterly summary and sign-off (R-QT-1)', () => {
  const url = () => `/api/estates/${w.a.id}/quarterly`;

  it('supervisor: three months of key figures and the quarter’s complaint rate', async () => {
    at('2026-03-05T02:00:00Z'); // the quarter of last month (February) is Q1
    const q = (await (await w.as('supervisor')).get(url())).json();
    expect(q.quarter).toBe('2026-Q1');
    expect(q.months.map((x: { month: string; orders: number; validComplaints: number }) => [x.month, x.orders, x.validComplaints])).toEqual([
      ['2026-01', 0, 0],
      ['2026-02', 0, 1],
      ['2026-03', 4, 2],
    ]);
    expect(q.total.complaintRate).toMatchObject({ validComplaints: 3, households: 360, ratePct: 0.83, overTarget: false });
    expect(q.total.orders).toBe(4);
    expect(q.total.rework).toMatchObject({ repairs: 4, reworks: 1 });
    expect(q).toMatchObject({ signoff: null, maySign: { supervisor: true, projectManager: false } });
    const bad = await (await w.as('supervisor')).get(`${url()}?quarter=2026-Q5`);
    expect(bad.json().error.fields[0]).toEqual({ field: 'quarter', message: '季度格式应为 YYYY-Qn，如 2026-Q1' });
  });

  it('the supervisor signs first, then the project manager comments and signs; each once', async () => {
    at('2026-03-05T02:00:00Z');
    const sup = await w.as('supervisor');
    const pm = await w.as('pm');
    const sign = (client: Client, body: unknown) => client.post(`${url()}/sign`, body);
    const early = await sign(pm, { quarter: '2026-Q1', role: 'project_manager', comment: '同意' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.rule).toBe('R-QT-1');
    expect((await sign(reception, { quarter: '2026-Q1', role: 'supervisor' })).statusCode).toBe(403);
    expect((await sign(pm, { quarter: '2026-Q1', role: 'supervisor' })).statusCode).toBe(403);
    expect((await sign(sup, { quarter: '2026-Q2', role: 'supervisor' })).statusCode).toBe(400);
    expect((await sign(sup, { quarter: '2026-Q1', role: 'boss' })).json().error.fields[0].field).toBe('role');
    expect((await sign(await w.as('supervisor_b'), { quarter: '2026-Q1', role: 'supervisor' })).statusCode).toBe(404);

    const signed = await sign(sup, { quarter: '2026-Q1', role: 'supervisor', note: '已核对三个月数据' });
    expect(signed.statusCode).toBe(200);
    expect(signed.json().signoff).toMatchObject({
      supervisor: { id: sup.userId, name: '钱主管', signedAt: '2026-03-05T02:00:00.000Z', note: '已核对三个月数据' },
      manager: null,
      figuresAsSigned: { total: { complaintRate: { validComplaints: 3 } } },
    });
    expect((await sign(sup, { quarter: '2026-Q1', role: 'supervisor' })).statusCode).toBe(409);
    expect((await pm.get(url())).json().maySign).toEqual({ supervisor: false, projectManager: true });

    const noComment = await sign(pm, { quarter: '2026-Q1', role: 'project_manager' });
    expect(noComment.statusCode).toBe(400);
    expect(noComment.json().error.fields[0]).toEqual({ field: 'comment', message: '请填写项目经理意见' });
    at('2026-03-05T06:00:00Z');
    const done = await sign(pm, { quarter: '2026-Q1', role: 'project_manager', comment: '投诉率达标；返修偏高，工程部月底前提交整改措施' });
    expect(done.statusCode).toBe(200);
    expect(done.json().signoff.manager).toEqual({ id: pm.userId, name: '陈经理', signedAt: '2026-03-05T06:00:00.000Z', comment: '投诉率达标；返修偏高，工程部月底前提交整改措施' });
    expect((await sign(pm, { quarter: '2026-Q1', role: 'project_manager', comment: '再签' })).statusCode).toBe(409);
    // Not case-scoped: nothing was appended to any case's timeline.
    const events = (await reception.get(`/api/cases/${c.R1!.id}/timeline`)).json().events.map((e: { action: string }) => e.action);
    expect(events.filter((a: string) => a.includes('quarter'))).toEqual([]);
  });
});
