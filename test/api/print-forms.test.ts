import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCaseVia, repairBody } from '../support/desk.js';
import { createWorld, type Client, type TestWorld } from '../support/harness.js';
import { MOBILE } from '../support/phone-scan.js';

/** The printed forms (issue 12 item 4): what each carries, who may print it, and the masked numbers. */
let w: TestWorld;
let reception: Client;
let caseNo: string;
let orderId: string;

const sheets = (html: string) => html.match(/<section class="sheet">/g)?.length ?? 0;

beforeAll(async () => {
  w = await createWorld();
  reception = await w.as('reception');
  const c = await openCaseVia(reception, repairBody(w, { description: '卫生间角阀漏水' }));
  caseNo = c.number;
  const o = await reception.post(`/api/cases/${c.id}/orders`, { departmentId: w.a.departmentIds.ENG, technicianId: w.a.userIds.tech1 });
  expect(o.statusCode).toBe(201);
  orderId = o.json().id;
});
afterAll(async () => w?.close());

describe('printed forms', () => {
  it('receptionist: the work order prints in three copies, one per page; only the copy the technician takes carries the full number while the order is open', async () => {
    const three = await reception.get(`/api/orders/${orderId}/print?copies=3`);
    expect(three.statusCode).toBe(200);
    expect(three.headers['content-type']).toContain('text/html');
    expect(three.headers['cache-control']).toBe('no-store');
    expect(sheets(three.body)).toBe(3);
    for (const label of ['第一联 客服', '第二联 工程', '第三联 财务']) expect(three.body).toContain(label);
    expect(three.body.match(MOBILE)).toEqual(['13800000001']);
    expect(three.body.match(/138\*\*\*\*0001/g)).toHaveLength(2);
    expect(three.body).toContain('卫生间角阀漏水');
    expect(three.body).toContain('@page { size: A4 portrait');
    expect(three.body).not.toMatch(/\son[a-z]+=/i);
    expect(sheets((await reception.get(`/api/orders/${orderId}/print`)).body)).toBe(1);
    const bad = await reception.get(`/api/orders/${orderId}/print?copies=2`);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('联数只能是 1 或 3');
  });

  it("receptionist: the day's 报修投诉处理记录表 lists the day's cases with masked data; another estate's desk gets 404", async () => {
    const day = '2026-03-02';
    const page = await reception.get(`/api/estates/${w.a.id}/daily/print?day=${day}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('报修投诉处理记录表');
    expect(page.body).toContain(caseNo);
    expect(page.body).toContain('<td>1-1-101');
    expect(page.body).toContain('<td>138****0001</td>');
    expect(page.body).toContain('size: A4 landscape');
    expect(page.body).toContain('客服主管审核');
    expect(page.body).not.toMatch(MOBILE);
    const empty = await reception.get(`/api/estates/${w.a.id}/daily/print?day=2026-02-01`);
    expect(empty.body).toContain('当日无立项、销项');
    expect((await (await w.as('reception_b')).get(`/api/estates/${w.a.id}/daily/print?day=${day}`)).statusCode).toBe(404);
  });

  it("project manager: the month's binder cover carries the monthly report's figures; the desk is 403", async () => {
    const pm = await w.as('pm');
    const m = (await pm.get(`/api/estates/${w.a.id}/monthly?month=2026-03`)).json();
    const cover = await pm.get(`/api/estates/${w.a.id}/monthly/cover?month=2026-03`);
    expect(cover.statusCode).toBe(200);
    expect(cover.body).toContain('阳光花园');
    expect(cover.body).toContain('2026 年 3 月');
    expect(cover.body).toContain(`<th>派工单总数</th><td style="font-size:18px">${m.cover.totalOrders}</td>`);
    expect(cover.body).toContain(`${m.cover.firstOrderNumber} — ${m.cover.lastOrderNumber}`);
    expect((await reception.get(`/api/estates/${w.a.id}/monthly/cover?month=2026-03`)).statusCode).toBe(403);
    const bad = await pm.get(`/api/estates/${w.a.id}/monthly/cover?month=2026-13`);
    expect(bad.statusCode).toBe(400);
  });

  it('supervisor then project manager: the quarterly form shows blank signature lines, then the names, times and comment as signed', async () => {
    const sup = await w.as('supervisor');
    const pm = await w.as('pm');
    const before = (await pm.get(`/api/estates/${w.a.id}/quarterly/print?quarter=2026-Q1`)).body;
    expect(before).toContain('尚未签字');
    expect(before).toContain('2026 年第 1 季度');
    expect((await sup.post(`/api/estates/${w.a.id}/quarterly/sign`, { quarter: '2026-Q1', role: 'supervisor', note: '一季度平稳' })).statusCode).toBe(200);
    expect((await pm.post(`/api/estates/${w.a.id}/quarterly/sign`, { quarter: '2026-Q1', role: 'project_manager', comment: '继续压缩到场时间' })).statusCode).toBe(200);
    const q = (await pm.get(`/api/estates/${w.a.id}/quarterly?quarter=2026-Q1`)).json();
    const after = (await pm.get(`/api/estates/${w.a.id}/quarterly/print?quarter=2026-Q1`)).body;
    expect(after).toContain('一季度平稳');
    expect(after).toContain('继续压缩到场时间');
    expect(after).toContain(q.signoff.supervisor.name);
    expect(after).toContain(q.signoff.manager.name);
    expect(after).toContain('2026-03-02 10:00');
    expect((await reception.get(`/api/estates/${w.a.id}/quarterly/print?quarter=2026-Q1`)).statusCode).toBe(403);
  });

  it('hotline officer: the 热线日报 prints with the day’s calls and masked numbers; an estate head gets 403', async () => {
    const hotline = await w.as('hotline');
    const call = await hotline.post('/api/hotline/calls', { estateId: w.a.id, matter: '打印：投诉保安态度', firstContact: false, callerName: '李女士', callerPhone: '13912345678' });
    expect(call.statusCode).toBe(201);
    const page = await hotline.get('/api/hotline/daily/print?day=2026-03-02');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('总经理热线日报');
    expect(page.body).toContain('打印：投诉保安态度');
    expect(page.body).toContain('139****5678');
    expect(page.body).not.toMatch(MOBILE);
    expect((await (await w.as('pm')).get('/api/hotline/daily/print')).statusCode).toBe(403);
  });

  it('receptionist: the month\'s 回访记录表 lists the visits with the resident’s opinion and masked numbers; the technician is 403, another estate 404', async () => {
    const c = await openCaseVia(reception, repairBody(w, { description: '回访测试：门铃不响' }));
    const stage = await reception.post(`/api/cases/${c.id}/visits`, { kind: 'stage', outcome: 'visited', satisfaction: 4, opinion: '维修及时，态度好' });
    expect(stage.statusCode).toBe(200);
    const page = await reception.get(`/api/estates/${w.a.id}/return-visits/print?month=2026-03`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('回访记录表');
    expect(page.body).toContain(c.number);
    expect(page.body).toContain('维修及时，态度好');
    expect(page.body).toContain('阶段回访');
    expect(page.body).toContain('4 满意');
    expect(page.body).toContain('138****0001');
    expect(page.body).not.toMatch(MOBILE);
    expect((await reception.get(`/api/estates/${w.a.id}/return-visits/print?month=2026-02`)).body).toContain('本月无回访记录');
    expect((await (await w.as('tech1')).get(`/api/estates/${w.a.id}/return-visits/print`)).statusCode).toBe(403);
    expect((await (await w.as('supervisor_b')).get(`/api/estates/${w.a.id}/return-visits/print`)).statusCode).toBe(404);
    expect((await reception.get(`/api/estates/${w.a.id}/return-visits/print?month=2026-3`)).statusCode).toBe(400);
  });

  it('free text is escaped in every form', async () => {
    const c = await openCaseVia(reception, repairBody(w, { description: '<img src=x onerror=alert(1)>漏水' }));
    const page = (await reception.get(`/api/estates/${w.a.id}/daily/print?day=2026-03-02`)).body;
    expect(page).toContain(c.number);
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;漏水');
    expect(page).not.toContain('<img src=x');
  });
});
