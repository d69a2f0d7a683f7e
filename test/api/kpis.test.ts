import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { type ClockRow, clockKept } from '../../src/domain/kpi.js';
import { fireDueDeadlines } from '../../src/jobs/deadline-scheduler.js';
import { type Client, type TestWorld, createWorld } from '../support/harness.js';
import { openCaseVia, repairBody, uploadPng } from '../support/desk.js';

/**
 * The KPI catalogue (docs/kpis.md) over a March 2026 built through the API at set instants
 * (Beijing = UTC+8), checked figure by figure by hand and against the monthly report.
 *
 *   R1  1-1-101 water, 2 Mar: arrived in 15 min, completed at +30, closed, visited: 5      → timely, rework of F1 (20 days)
 *   R2  1-1-101 water, 9 Mar: arrived at +60, completed at +120, closed, visited: 3        → late arrival, rework of R1
 *   R3  2-1-502 electric, 12 Mar: arrived at +10, never completed                           → not timely
 *   K1  complaint valid, 5 Mar: handled and closed the same day, visit exempt (unreachable) → closed
 *   K2  complaint communicative, 6 Mar: left open                                           → not closed
 *   B1  estate B, repair 3 Mar: arrived at +5, completed at +20                             → timely
 *   F1  1-1-101 water, 10 Feb (previous month): completed, the trend's baseline
 */
let w: TestWorld;
let reception: Client;
let tech: Client;
const c: Record<string, { id: string; number: string }> = {};
const o: Record<string, string> = {};

const at = (iso: string) => w.clock.set(iso);
const plus = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();

async function step(client: Client, url: string, body: unknown = {}) {
  const res = await client.post(url, body);
  if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** A repair opened at `iso` by estate A's desk (or B's), ordered at +5, arrived at `arrive`, completed and closed at `complete` (minutes). */
async function repair(key: string, iso: string, over: Record<string, unknown>, arrive: number, complete?: number, b = false) {
  at(iso);
  reception = await w.as(b ? 'reception_b' : 'reception');
  tech = await w.as(b ? 'tech1_b' : 'tech1');
  const estate = b ? w.b : w.a;
  c[key] = await openCaseVia(reception, { ...repairBody(w, over), ...(b ? { estateId: w.b.id, unitId: w.b.unitIds['1-1-101'], residentId: w.b.residentIds.resident } : {}) });
  at(plus(iso, 5));
  o[key] = (await step(reception, `/api/cases/${c[key]!.id}/orders`, { departmentId: estate.departmentIds.ENG, technicianId: estate.userIds.tech1 })).id;
  await step(tech, `/api/orders/${o[key]}/accept`);
  at(plus(iso, arrive));
  await step(tech, `/api/orders/${o[key]}/arrive`);
  if (complete === undefined) return;
  at(plus(iso, complete));
  await step(tech, `/api/orders/${o[key]}/complete`, { workDone: '已修复', signatureSha256: await uploadPng(tech, estate.id) });
  await step(reception, `/api/orders/${o[key]}/return`);
  await step(reception, `/api/orders/${o[key]}/check`, { passed: true });
  await step(reception, `/api/cases/${c[key]!.id}/close`, { result: '已修复，业户签字' });
}

beforeAll(async () => {
  w = await createWorld();
  await repair('F1', '2026-02-10T02:00:00Z', { category: 'WATER' }, 10, 40);
  await repair('R1', '2026-03-02T02:00:00Z', { category: 'WATER' }, 15, 30);
  await step(reception, `/api/cases/${c.R1!.id}/visits`, { kind: 'closing', outcome: 'visited', satisfaction: 5 });
  await repair('B1', '2026-03-03T02:00:00Z', { category: 'WATER' }, 5, 20, true);
  at('2026-03-05T02:00:00Z');
  reception = await w.as('reception');
  c.K1 = await openCaseVia(reception, repairBody(w, { kind: 'complaint', complaintNature: 'valid', complaintContent: 'quality', description: '保洁不及时' }));
  at('2026-03-05T03:00:00Z');
  await step(reception, `/api/cases/${c.K1!.id}/handled`, { note: '已安排保洁' });
  await step(reception, `/api/cases/${c.K1!.id}/close`, { result: '已答复', evidence: { kind: 'document', note: '通话记录' } });
  await step(reception, `/api/cases/${c.K1!.id}/visits`, { kind: 'closing', outcome: 'exempt', exemptReason: 'unreachable' });
  at('2026-03-06T02:00:00Z');
  c.K2 = await openCaseVia(reception, repairBody(w, { kind: 'complaint', complaintNature: 'communicative', complaintSubtype: 'venting', description: '保安态度差' }));
  await repair('R2', '2026-03-09T02:00:00Z', { category: 'WATER', description: '厨房水龙头又漏水' }, 60, 120);
  await step(reception, `/api/cases/${c.R2!.id}/visits`, { kind: 'closing', outcome: 'visited', satisfaction: 3, opinion: '来得太慢' });
  await repair('R3', '2026-03-12T02:00:00Z', { category: 'ELEC', unitId: w.a.unitIds['2-1-502'], residentId: null, description: '更换插座' }, 10);
  at('2026-04-02T02:00:00Z');
  await fireDueDeadlines(w.database, w.clock);
});
afterAll(async () => w?.close());

type Figure = { id: string; value: number | null; numerator: number | null; denominator: number | null; medianMin?: number | null; target: number | null; light: string; previous: number | null; trend: string | null };
const byId = (figures: Figure[]) => Object.fromEntries(figures.map((f) => [f.id, f]));

describe('KPI catalogue (R-KPI-1, R-MO-3, R-RV-4, R-WO-1, R-WO-4)', () => {
  it('project manager: every figure of last month, by hand', async () => {
    const res = await (await w.as('pm')).get(`/api/kpis?estateId=${w.a.id}`);
    expect(res.statusCode).toBe(200);
    const k = res.json();
    expect(k.period).toEqual({ label: '2026-03', kind: 'month', firstDay: '2026-03-01', lastDay: '2026-03-31' });
    expect(k.previousPeriod.label).toBe('2026-02');
    expect(k.estates.map((e: { id: string }) => e.id)).toEqual([w.a.id]);
    const f = byId(k.figures);
    expect(f.complaint_rate).toMatchObject({ numerator: 1, denominator: 360, value: 0.28, target: 5, light: 'green' });
    expect(f.repair_timeliness).toMatchObject({ numerator: 1, denominator: 3, value: 33.33, target: 100, light: 'red', previous: 100, trend: 'worse' });
    expect(f.rework_rate).toMatchObject({ numerator: 2, denominator: 3, value: 66.67, target: 1, light: 'red', previous: 0, trend: 'worse' });
    expect(f.dispatch_timeliness).toMatchObject({ numerator: 3, denominator: 3, value: 100, light: 'green' });
    // Closed in March: R1, R2, K1; K1's visit is exempt (R-RV-2), so 2 of 2 visitable were visited.
    expect(f.return_visit_rate).toMatchObject({ numerator: 2, denominator: 2, value: 100, light: 'green' });
    // Scored 5 and 3; satisfied from 4: one of two.
    expect(f.satisfaction_rate).toMatchObject({ numerator: 1, denominator: 2, value: 50, target: 98, light: 'red' });
    // Complaints K1 (closed) and K2 (open): one of two, against at least 80 %.
    expect(f.closure_rate).toMatchObject({ numerator: 1, denominator: 2, value: 50, target: 80, light: 'red' });
    // Arrivals 15, 60, 10 minutes: median 15, p90 = 15 + 0.8 × 45 = 51 (continuous percentile).
    expect(f.time_to_arrive).toMatchObject({ numerator: 3, medianMin: 15, value: 51, target: 20, light: 'red', previous: 10, trend: 'worse' });
    expect(f.time_to_complete).toMatchObject({ numerator: 2, medianMin: 75, value: 111, target: null, light: 'none' });
    // Closed cases: R1 30, K1 60, R2 120 minutes after the report.
    expect(f.time_to_close).toMatchObject({ numerator: 3, medianMin: 60, value: 108 });
  });

  it('project manager: the timeliness, rework and complaint figures agree with the monthly report (one rule, two queries)', async () => {
    const pm = await w.as('pm');
    const f = byId((await pm.get(`/api/kpis?estateId=${w.a.id}&period=2026-03`)).json().figures);
    const m = (await pm.get(`/api/estates/${w.a.id}/monthly?month=2026-03`)).json();
    expect([f.repair_timeliness!.numerator, f.repair_timeliness!.denominator]).toEqual([m.timeliness.timely, m.timeliness.repairs]);
    expect(f.rework_rate!.numerator).toBe(m.rework.reworks);
    expect([f.complaint_rate!.numerator, f.complaint_rate!.denominator]).toEqual([m.complaintRate.validComplaints, m.complaintRate.households]);
  });

  it('project manager: the feedback figure counts the complaints’ reply clocks as the domain’s clockKept decides them', async () => {
    const pm = await w.as('pm');
    const f = byId((await pm.get(`/api/kpis?estateId=${w.a.id}&period=2026-03`)).json().figures);
    let kept = 0;
    let decided = 0;
    for (const key of ['K1', 'K2']) {
      const page = (await pm.get(`/api/cases/${c[key]!.id}`)).json();
      for (const d of page.clocks as { clock: string; state: string; dueAt: string; settledAt: string | null }[]) {
        if (!['reply', 'promised_reply', 'online_ack'].includes(d.clock)) continue;
        const row: ClockRow = { clock: d.clock, state: d.state, dueAt: new Date(d.dueAt), settledAt: d.settledAt ? new Date(d.settledAt) : null };
        const v = clockKept(row, w.clock.now());
        if (v !== null) decided++;
        if (v === true) kept++;
      }
    }
    expect(decided).toBeGreaterThan(0);
    expect(f.feedback_timeliness).toMatchObject({ numerator: kept, denominator: decided });
  });

  it('project manager: a quarter, a year and a day range; a period that is none is a 400 naming the field', async () => {
    const pm = await w.as('pm');
    const q = (await pm.get(`/api/kpis?estateId=${w.a.id}&period=2026-Q1`)).json();
    expect(q.period).toMatchObject({ kind: 'quarter', firstDay: '2026-01-01', lastDay: '2026-03-31' });
    expect(q.previousPeriod.label).toBe('2025-Q4');
    expect(byId(q.figures).repair_timeliness).toMatchObject({ numerator: 2, denominator: 4 });
    const days = (await pm.get(`/api/kpis?estateId=${w.a.id}&period=2026-03-01..2026-03-10`)).json();
    expect(days.previousPeriod).toMatchObject({ label: '2026-02-19..2026-02-28' });
    expect(byId(days.figures).repair_timeliness).toMatchObject({ numerator: 1, denominator: 2 });
    expect((await pm.get(`/api/kpis?estateId=${w.a.id}&period=2026`)).json().previousPeriod.label).toBe('2025');
    const bad = await pm.get(`/api/kpis?estateId=${w.a.id}&period=2026-13`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0]).toMatchObject({ field: 'period' });
    expect(bad.json().error.fields[0].message).toContain('统计期间');
  });

  it('project manager: the trend has one set of figures per month, oldest first', async () => {
    const t = (await (await w.as('pm')).get(`/api/kpis/trend?estateId=${w.a.id}&last=2026-03&months=3`)).json();
    expect(t.months.map((m: { month: string }) => m.month)).toEqual(['2026-01', '2026-02', '2026-03']);
    const [jan, feb, mar] = t.months.map((m: { figures: Figure[] }) => byId(m.figures));
    expect(jan.repair_timeliness).toMatchObject({ denominator: 0, value: null, light: 'none' });
    expect(feb.repair_timeliness).toMatchObject({ numerator: 1, denominator: 1, value: 100, trend: null });
    expect(mar.repair_timeliness).toMatchObject({ value: 33.33, previous: 100, trend: 'worse' });
  });

  it('quality office: the group comparison ranks each estate per KPI and totals over all of them', async () => {
    const res = await (await w.as('quality')).get('/api/kpis/comparison?period=2026-03');
    expect(res.statusCode).toBe(200);
    const k = res.json();
    expect(k.estates.map((e: { id: string }) => e.id).sort()).toEqual([w.a.id, w.b.id].sort());
    const a = byId(k.estates.find((e: { id: string }) => e.id === w.a.id).figures);
    const b = byId(k.estates.find((e: { id: string }) => e.id === w.b.id).figures);
    expect(a.repair_timeliness).toMatchObject({ numerator: 1, denominator: 3 });
    expect(b.repair_timeliness).toMatchObject({ numerator: 1, denominator: 1, value: 100 });
    // The total is a sum of parts, not an average of the two rates.
    expect(byId(k.total).repair_timeliness).toMatchObject({ numerator: 2, denominator: 4, value: 50 });
    expect(k.rankings.repair_timeliness).toEqual([
      { estateId: w.b.id, place: 1, value: 100 },
      { estateId: w.a.id, place: 2, value: 33.33 },
    ]);
    // Lower is better for rework; B has none.
    expect(k.rankings.rework_rate[0]).toEqual({ estateId: w.b.id, place: 1, value: 0 });
  });

  it('the dashboard offers the comparison to the quality office, not to an estate supervisor', async () => {
    expect((await (await w.as('quality')).get(`/api/kpis?estateId=${w.a.id}`)).json().actions).toEqual(['compare']);
    expect((await (await w.as('supervisor')).get(`/api/kpis?estateId=${w.a.id}`)).json().actions).toEqual([]);
  });

  it('project manager: the month by category, department and building, and the repairs by building and floor', async () => {
    const b = (await (await w.as('pm')).get(`/api/kpis/breakdown?estateId=${w.a.id}&period=2026-03`)).json();
    type Row = { key: string; label: string; repairs: number; complaints: number; figures: Figure[] };
    const row = (rows: Row[], label: string) => rows.find((r) => r.label === label)!;
    const water = b.byCategory.find((r: Row) => r.repairs === 2);
    expect(water).toMatchObject({ complaints: 0 });
    expect(byId(water.figures).rework_rate).toMatchObject({ numerator: 2, denominator: 2 });
    expect(byId(water.figures).repair_timeliness).toMatchObject({ numerator: 1, denominator: 2, value: 50 });
    expect(row(b.byCategory, '未指定')).toMatchObject({ key: '', repairs: 0, complaints: 2 });
    expect(byId(row(b.byCategory, '未指定').figures).closure_rate).toMatchObject({ numerator: 1, denominator: 2 });
    expect(row(b.byDepartment, '工程部')).toMatchObject({ repairs: 3, complaints: 0 });
    expect(row(b.byDepartment, '未指定')).toMatchObject({ repairs: 0, complaints: 2 });
    expect(b.byBuilding.map((r: Row) => [r.label, r.repairs, r.complaints])).toEqual([
      ['1号楼', 2, 2],
      ['2号楼', 1, 0],
    ]);
    expect(b.heat).toEqual([
      { building: '1号楼', floor: 1, n: 2 },
      { building: '2号楼', floor: 5, n: 1 },
    ]);
    expect((await (await w.as('pm_b')).get(`/api/kpis/breakdown?estateId=${w.a.id}`)).statusCode).toBe(404);
    expect((await (await w.as('pm')).get('/api/kpis/breakdown')).statusCode).toBe(400);
  });

  it('scope: another estate is 404, the own estate without a reading role 403, the comparison refused to a supervisor', async () => {
    const sup = await w.as('supervisor');
    expect((await sup.get(`/api/kpis?estateId=${w.b.id}`)).statusCode).toBe(404);
    expect((await sup.get(`/api/kpis?estateId=${w.a.id}&estateId=${w.b.id}`)).statusCode).toBe(404);
    expect((await (await w.as('tech1')).get(`/api/kpis?estateId=${w.a.id}`)).statusCode).toBe(403);
    expect((await (await w.as('reception')).get('/api/kpis')).statusCode).toBe(403);
    expect((await sup.get('/api/kpis/comparison?period=2026-03')).statusCode).toBe(403);
    const pmB = await w.as('pm_b');
    const own = (await pmB.get('/api/kpis/comparison?period=2026-03')).json();
    expect(own.estates.map((e: { id: string }) => e.id)).toEqual([w.b.id]);
    expect((await pmB.get(`/api/kpis/trend?estateId=${w.a.id}`)).statusCode).toBe(404);
  });
});

describe('Excel exports (issue 12 item 3): real .xlsx read back with the library', () => {
  const load = async (res: { statusCode: number; headers: Record<string, unknown>; rawPayload: Buffer }) => {
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    return wb;
  };

  it('quality office: the comparison — Chinese headers, the period in the title, rates as percentages, frozen header rows', async () => {
    const res = await (await w.as('quality')).get('/api/kpis/comparison.xlsx?period=2026-03');
    expect(String(res.headers['content-disposition'])).toContain(`filename*=UTF-8''${encodeURIComponent('项目指标对比-2026-03.xlsx')}`);
    const wb = await load(res);
    const ws = wb.getWorksheet('项目对比')!;
    expect(ws.getCell('A1').value).toBe('项目指标对比 · 2026-03（2026-03-01 至 2026-03-31）');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    const headers = (ws.getRow(2).values as unknown[]).slice(1);
    expect(headers.slice(0, 4)).toEqual(['项目编码', '项目', '户数', '投诉率']);
    const timeliness = headers.indexOf('维修及时率') + 1;
    const rowOf = (name: string) => ws.getRows(3, ws.rowCount - 2)!.find((r) => r.getCell(2).value === name)!;
    const a = rowOf('阳光花园');
    // 1 of 3 repairs: the fraction, shown with Excel's percent format; households as a number.
    expect(a.getCell(timeliness).value).toBeCloseTo(0.3333, 4);
    expect(a.getCell(timeliness).numFmt).toBe('0.00%');
    expect(a.getCell(3).value).toBe(360);
    expect(rowOf('合计').getCell(timeliness).value).toBe(0.5);
    expect(ws.getColumn(2).width).toBe(18);
    const total = wb.getWorksheet('合计')!;
    expect((total.getRow(2).values as unknown[]).slice(1, 4)).toEqual(['指标', '规则', '值']);
  });

  it('project manager: the month as a workbook — cover, departments, materials, late repairs and rework', async () => {
    const wb = await load(await (await w.as('pm')).get(`/api/estates/${w.a.id}/monthly.xlsx?month=2026-03`));
    expect(wb.worksheets.map((s) => s.name)).toEqual(['封面与指标', '按部门', '按专业', '材料', '未及时', '返修']);
    const cover = wb.getWorksheet('封面与指标')!;
    expect(String(cover.getCell('A1').value)).toContain('2026-03 维修月报');
    const line = (k: string) => cover.getRows(3, cover.rowCount - 2)!.find((r) => r.getCell(1).value === k)!;
    expect(line('派工单总数').getCell(2).value).toBe(3);
    expect(line('返修率').getCell(3).value).toBeCloseTo(0.6667, 4);
    const rework = wb.getWorksheet('返修')!;
    expect(rework.getCell('A3').value).toBe(c.R1!.number);
    expect(rework.getCell('C3').value).toBe(19); // F1 completed 10 Feb 10:40, R1 reported 2 Mar 10:00: 19 whole days
    expect((await (await w.as('tech1')).get(`/api/estates/${w.a.id}/monthly.xlsx`)).statusCode).toBe(403);
    expect((await (await w.as('pm_b')).get(`/api/estates/${w.a.id}/monthly.xlsx`)).statusCode).toBe(404);
  });

  it('receptionist: the case list as .xlsx — instants as Excel dates in Beijing time, scoped like the list', async () => {
    const res = await (await w.as('reception')).get(`/api/estates/${w.a.id}/cases.xlsx?kind=repair&from=${encodeURIComponent('2026-03-01T00:00:00+08:00')}&to=${encodeURIComponent('2026-04-01T00:00:00+08:00')}`);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['x-rows-expected']).toBe('3');
    const ws = (await load(res)).getWorksheet('案件')!;
    expect(String(ws.getCell('A1').value)).toMatch(/^阳光花园 · 案件清单 · 立项 2026-03-01 00:00 至 2026-04-01 00:00 · 导出于 /);
    expect(ws.rowCount).toBe(5);
    const r1 = ws.getRows(3, 3)!.find((r) => r.getCell(1).value === c.R1!.number)!;
    const opened = r1.getCell(11).value as Date;
    expect(opened).toBeInstanceOf(Date);
    // Opened 02:00 UTC = 10:00 Beijing: the cell reads 2026-03-02 10:00.
    expect(opened.toISOString()).toBe('2026-03-02T10:00:00.000Z');
    expect(r1.getCell(11).numFmt).toBe('yyyy-mm-dd hh:mm');
    expect((await (await w.as('reception_b')).get(`/api/estates/${w.a.id}/cases.xlsx`)).statusCode).toBe(404);
  });
});
