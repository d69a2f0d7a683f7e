import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestWorld, createWorld } from '../support/harness.js';
import { openCaseVia, repairBody } from '../support/desk.js';

/**
 * Daily sign-off (R-DY-1/2), the Monday summary (R-WK-1), CSV export and order search.
 * The cases are opened at set instants around the Beijing day boundaries of 2026-03-02.
 */
let w: TestWorld;
let reception: Client;
const c: Record<string, { id: string; number: string }> = {};
const o: Record<string, { id: string; number: string }> = {};

const at = (iso: string) => w.clock.set(iso);
const open = async (key: string, iso: string, over: Record<string, unknown> = {}) => {
  at(iso);
  c[key] = await openCaseVia(reception, repairBody(w, over));
};
const issue = async (key: string, caseKey: string, iso: string) => {
  at(iso);
  const res = await reception.post(`/api/cases/${c[caseKey]!.id}/orders`, { departmentId: w.a.departmentIds.ENG });
  if (res.statusCode !== 201) throw new Error(`issue: ${res.statusCode} ${res.body}`);
  o[key] = res.json();
};
const closeInquiry = async (key: string, iso: string) => {
  at(iso);
  await reception.post(`/api/cases/${c[key]!.id}/handled`, { note: '已答复' });
  const res = await reception.post(`/api/cases/${c[key]!.id}/close`, { result: '已答复', evidence: { kind: 'document', note: '通话记录' } });
  if (res.json().status !== 'closed') throw new Error(`close: ${res.body}`);
};

beforeAll(async () => {
  w = await createWorld();
  reception = await w.as('reception');
  await open('A1', '2026-03-01T15:30:00Z', { kind: 'inquiry', description: '咨询停车月卡办理' }); // 23:30 on 1 March, Beijing
  await open('D1', '2026-03-01T16:10:00Z', { description: '卫生间地漏漏水' }); // 00:10 on 2 March
  await open('D2', '2026-03-02T02:00:00Z', { kind: 'inquiry', description: '咨询物业费缴纳' });
  await closeInquiry('A1', '2026-03-02T02:05:00Z');
  await closeInquiry('D2', '2026-03-02T02:10:00Z');
  await issue('O1', 'D1', '2026-03-02T02:15:00Z');
  await open('D3', '2026-03-02T15:50:00Z', { description: '阳台灯不亮' }); // 23:50 on 2 March
  await issue('O2', 'D3', '2026-03-02T15:55:00Z');
  const voided = await reception.post(`/api/orders/${o.O2!.id}/void`, { reason: '重复派工' });
  if (voided.statusCode !== 200) throw new Error(`void: ${voided.body}`);
  await open('E1', '2026-03-02T16:05:00Z', { description: '厨房水管漏水' }); // 00:05 on 3 March
  await issue('O3', 'E1', '2026-03-02T16:10:00Z');
  await open('U1', '2026-03-04T02:00:00Z', { kind: 'complaint', complaintNature: 'valid', description: '小区外施工噪音' });
  const pend = await reception.post(`/api/cases/${c.U1!.id}/unresolvable`, { reason: '属市政施工' });
  if (pend.json().status !== 'unresolvable_pending') throw new Error(`unresolvable: ${pend.body}`);
  await open('P1', '2026-03-05T02:00:00Z', { description: '入户门锁损坏需订配件' });
  const paused = await reception.post(`/api/cases/${c.P1!.id}/pause`, { reason: 'awaiting_parts' });
  if (paused.json().status !== 'paused') throw new Error(`pause: ${paused.body}`);
  await open('N1', '2026-03-09T02:00:00Z', { description: '楼道漏水' }); // the next week
  at('2026-03-02T12:00:00Z'); // 20:00 on 2 March: the supervisor reviews before leaving
});
afterAll(async () => w?.close());

const numbers = (items: { number: string }[]) => items.map((i) => i.number).sort();
const daily = (client: Client, day?: string) => client.get(`/api/estates/${w.a.id}/daily${day ? `?day=${day}` : ''}`);

describe('daily sign-off (R-DY-1, R-DY-2)', () => {
  it('supervisor: the day lists cases opened and closed inside the Beijing day and the orders not back', async () => {
    const sup = await w.as('supervisor');
    const res = await daily(sup); // today by the clock
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(d.day).toBe('2026-03-02');
    expect(numbers(d.opened)).toEqual(numbers([c.D1!, c.D2!, c.D3!]));
    expect(numbers(d.closed)).toEqual(numbers([c.A1!, c.D2!]));
    expect(d.ordersNotReturned.map((x: { number: string }) => x.number)).toEqual([o.O1!.number]);
    expect(d.ordersNotReturned[0]).toMatchObject({ caseNumber: c.D1!.number, department: '工程部', delay: null });
    expect(d.counts).toEqual({ opened: 3, closed: 2, ordersNotReturned: 1, ordersWithoutReason: 1 });
    expect(d).toMatchObject({ signoff: null, maySign: true, mayRecordDelay: true });
    const before = (await daily(sup, '2026-03-01')).json();
    expect(numbers(before.opened)).toEqual([c.A1!.number]);
    expect(before.closed).toEqual([]);
    const after = (await daily(sup, '2026-03-03')).json();
    expect(numbers(after.opened)).toEqual([c.E1!.number]);
    expect(after.ordersNotReturned.map((x: { number: string }) => x.number)).toEqual([o.O3!.number]);
  });

  it('supervisor: cannot sign while an order that did not come back has no reason (R-DY-2)', async () => {
    const sup = await w.as('supervisor');
    const res = await sup.post(`/api/estates/${w.a.id}/daily/2026-03-02/sign`, {});
    expect(res.statusCode).toBe(409);
    expect(res.json().error.rule).toBe('R-DY-2');
    expect(res.json().error.message).toContain(o.O1!.number);
  });

  it('receptionist: records why the order is not back and when; shown on the daily page and the case timeline', async () => {
    const url = `/api/estates/${w.a.id}/daily/2026-03-02/orders/${o.O1!.id}/delay`;
    const bad = await reception.post(url, { reason: '', expectedDate: '2026-03-40' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['expectedDate', 'reason']);
    const early = await reception.post(url, { reason: '等配件', expectedDate: '2026-03-01' });
    expect(early.json().error.fields[0].field).toBe('expectedDate');
    const wrongDay = await reception.post(`/api/estates/${w.a.id}/daily/2026-03-03/orders/${o.O1!.id}/delay`, { reason: '等配件', expectedDate: '2026-03-04' });
    expect(wrongDay.statusCode).toBe(400);
    const voided = await reception.post(`/api/estates/${w.a.id}/daily/2026-03-02/orders/${o.O2!.id}/delay`, { reason: 'x', expectedDate: '2026-03-04' });
    expect(voided.statusCode).toBe(409);
    const ok = await reception.post(url, { reason: '角阀型号缺货，等配件', expectedDate: '2026-03-04' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().ordersNotReturned[0].delay).toMatchObject({ reason: '角阀型号缺货，等配件', expectedDate: '2026-03-04', recordedBy: expect.any(String), recordedAt: '2026-03-02T12:00:00.000Z' });
    expect(ok.json().counts.ordersWithoutReason).toBe(0);
    const timeline = (await reception.get(`/api/cases/${c.D1!.id}/timeline`)).json().events;
    const ev = timeline.find((e: { action: string }) => e.action === 'order.delay_recorded');
    expect(ev).toMatchObject({ subject: `order:${o.O1!.number}`, after: { day: '2026-03-02', reason: '角阀型号缺货，等配件', expectedDate: '2026-03-04' } });
    expect(ev.note).toContain('2026-03-04');
    const other = await (await w.as('reception_b')).post(url, { reason: 'x', expectedDate: '2026-03-04' });
    expect(other.statusCode).toBe(404);
  });

  it('receptionist: may not sign the day (403)', async () => {
    const res = await reception.post(`/api/estates/${w.a.id}/daily/2026-03-02/sign`, {});
    expect(res.statusCode).toBe(403);
    expect((await daily(reception)).json().maySign).toBe(false);
  });

  it('supervisor of another estate: the day answers 404 and cannot be signed', async () => {
    const other = await w.as('supervisor_b');
    expect((await daily(other)).statusCode).toBe(404);
    expect((await other.post(`/api/estates/${w.a.id}/daily/2026-03-02/sign`, {})).statusCode).toBe(404);
    expect((await (await w.as('supervisor')).get(`/api/estates/${w.b.id}/weekly`)).statusCode).toBe(404);
  });

  it('supervisor: signs the day once; the second signature is 409; a future day is refused', async () => {
    const sup = await w.as('supervisor');
    expect((await sup.post(`/api/estates/${w.a.id}/daily/2026-03-09/sign`, {})).statusCode).toBe(400);
    expect((await sup.post(`/api/estates/${w.a.id}/daily/2026-3-2/sign`, {})).statusCode).toBe(400);
    const res = await sup.post(`/api/estates/${w.a.id}/daily/2026-03-02/sign`, { note: '已核对' });
    expect(res.statusCode).toBe(200);
    expect(res.json().signoff).toMatchObject({ signedById: sup.userId, opened: 3, closed: 2, note: '已核对', signedAt: '2026-03-02T12:00:00.000Z' });
    expect(res.json().maySign).toBe(false);
    const again = await (await w.as('pm')).post(`/api/estates/${w.a.id}/daily/2026-03-02/sign`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('already_signed');
    expect((await daily(reception, '2026-03-02')).json().signoff.signedById).toBe(sup.userId);
    expect((await daily(reception, '2026-03-01')).json().signoff).toBeNull();
  });
});

describe('weekly summary (R-WK-1)', () => {
  it('supervisor: last week by default, counts by kind and status, the unresolved and the ones to decide', async () => {
    at('2026-03-10T02:00:00Z'); // Tuesday of the next week
    const sup = await w.as('supervisor');
    const res = await sup.get(`/api/estates/${w.a.id}/weekly`);
    expect(res.statusCode).toBe(200);
    const wk = res.json();
    expect(wk.week).toEqual({ monday: '2026-03-02', sunday: '2026-03-08' });
    expect(wk.opened).toBe(6); // D1 D2 D3 E1 U1 P1 — not A1 (1 March) nor N1 (9 March)
    expect(wk.closedInWeek).toBe(2); // A1 and D2
    expect(Object.fromEntries(wk.byKind.map((k: { kind: string; n: number }) => [k.kind, k.n]))).toEqual({ repair: 4, inquiry: 1, complaint: 1 });
    const byStatus = Object.fromEntries(wk.byStatus.map((k: { status: string; n: number }) => [k.status, k.n]));
    expect(byStatus).toMatchObject({ closed: 1, paused: 1, unresolvable_pending: 1 });
    expect(wk.byKindStatus.reduce((n: number, r: { n: number }) => n + r.n, 0)).toBe(6);
    expect(wk.stillOpen).toBe(5);
    expect(numbers(wk.unresolved)).toEqual(numbers([c.D1!, c.D3!, c.E1!, c.U1!, c.P1!]));
    expect(wk.unresolvedTotal).toBe(5);
    expect(numbers(wk.forSupervisor)).toEqual(numbers([c.U1!, c.P1!]));
    expect(wk.forSupervisor.find((x: { number: string }) => x.number === c.P1!.number).pauseReason).toBe('awaiting_parts');
  });

  it('supervisor: the defaults follow the Beijing calendar, not UTC', async () => {
    const sup = await w.as('supervisor');
    at('2026-03-15T16:30:00Z'); // Sunday 16:30 UTC is Monday 00:30 on 16 March in Beijing
    expect((await sup.get(`/api/estates/${w.a.id}/weekly`)).json().week.monday).toBe('2026-03-09');
    expect((await daily(sup)).json().day).toBe('2026-03-16');
    at('2026-03-15T15:30:00Z'); // still Sunday 23:30 in Beijing
    expect((await sup.get(`/api/estates/${w.a.id}/weekly`)).json().week.monday).toBe('2026-03-02');
    expect((await daily(sup)).json().day).toBe('2026-03-15');
  });

  it('supervisor: an explicit week, and a day that is not a Monday is refused with a field message', async () => {
    const sup = await w.as('supervisor');
    const next = (await sup.get(`/api/estates/${w.a.id}/weekly?monday=2026-03-09`)).json();
    expect(next.opened).toBe(1);
    expect(numbers(next.unresolved)).toContain(c.N1!.number);
    const bad = await sup.get(`/api/estates/${w.a.id}/weekly?monday=2026-03-03`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('星期一');
  });
});

describe('search export and order search', () => {
  it('receptionist: the CSV holds the filtered cases with a BOM, scoped to the estate', async () => {
    const res = await reception.get(`/api/estates/${w.a.id}/cases.csv?q=${encodeURIComponent('漏水')}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="cases-\d{4}-\d{2}-\d{2}\.csv"/);
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = res.rawPayload.subarray(3).toString('utf8').trim().split('\r\n');
    expect(lines[0]).toContain('案件编号');
    expect(lines.slice(1).map((l) => l.split(',')[0]).sort()).toEqual(numbers([c.D1!, c.E1!, c.N1!]));
    const inquiries = (await reception.get(`/api/estates/${w.a.id}/cases.csv?kind=inquiry`)).rawPayload.toString('utf8').trim().split('\r\n');
    expect(inquiries.length).toBe(3);
    const other = await w.as('reception_b');
    expect((await other.get(`/api/estates/${w.a.id}/cases.csv`)).statusCode).toBe(404);
    const own = await other.get(`/api/estates/${w.b.id}/cases.csv`);
    expect(own.statusCode).toBe(200);
    expect(own.body).not.toContain('YH-');
  });

  it('receptionist: finds an order by its number and reaches its case; another estate does not', async () => {
    const n = Number(o.O1!.number);
    const found = (await reception.get(`/api/orders?estateId=${w.a.id}&number=${n}`)).json();
    expect(found.items.map((x: { id: string; caseId: string }) => [x.id, x.caseId])).toEqual([[o.O1!.id, c.D1!.id]]);
    const other = (await (await w.as('reception_b')).get(`/api/orders?number=${n}`)).json();
    expect(other.items.map((x: { id: string }) => x.id)).not.toContain(o.O1!.id);
  });
});

describe('export safety', () => {
  it('resident input: a description that starts like a formula leaves the CSV as text, not a formula', async () => {
    const planted = '-2+3+cmd|calc';
    await openCaseVia(reception, repairBody(w, { kind: 'inquiry', description: planted }));
    const text = (await reception.get(`/api/estates/${w.a.id}/cases.csv`)).rawPayload.toString('utf8');
    const line = text.split('\r\n').find((l) => l.includes('cmd|calc'));
    expect(line).toBeDefined();
    expect(line!.split(',')).toContain(`'${planted}`);
  });
});
