import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCaseVia, repairBody } from '../support/desk.js';
import { createWorld, type TestWorld } from '../support/harness.js';

// Issue 10 item 2 (first part): the quality office desk (R-CP-3, R-CP-1, R-HOT-1/2), on both engines.
let w: TestWorld;
beforeAll(async () => {
  w = await createWorld();
}, 60_000);
afterAll(async () => w?.close());

const forwarded = (over: Record<string, unknown> = {}) => ({
  estateId: w.a.id,
  source: 'government',
  sourceRef: '12345-20260302-0088',
  unitCode: '2-1-502',
  complainantName: '李女士',
  complainantPhone: '13900000007',
  matter: '小区门口垃圾堆放三天无人清理',
  ...over,
});

const complaintBody = (over: Record<string, unknown> = {}) =>
  repairBody(w, { kind: 'complaint', complaintNature: 'valid', complaintContent: 'attitude', description: '保安多次态度恶劣，项目处理后业户仍不接受', ...over });

async function record(over: Record<string, unknown> = {}) {
  const res = await (await w.as('quality')).post('/api/quality/complaints', forwarded(over));
  if (res.statusCode !== 201) throw new Error(`${res.statusCode} ${res.body}`);
  return res.json();
}

describe('quality office desk', () => {
  it('quality officer: records a complaint the government forwarded, numbered per group and year across estates, reply due in 2 working days (R-CP-1)', async () => {
    const first = await record();
    const second = await record({ estateId: w.b.id, unitCode: '1-1-101', source: 'developer', sourceRef: null });
    expect(first.number).toMatch(/^PZ-2026-\d{4}$/);
    expect(Number(second.number.slice(-4))).toBe(Number(first.number.slice(-4)) + 1);
    expect(first).toMatchObject({ source: 'government', sourceLabel: '政府转办（12345）', status: 'open', estateName: '阳光花园', unitCode: '2-1-502', complainantPhone: '139****0007', replyOverdue: false });
    // Received Monday 10:00 Beijing: two working days on → Wednesday, still in working hours.
    expect(first.replyDueAt.slice(0, 10)).toBe('2026-03-04');
    expect(first.actions).toEqual(['hand_down', 'progress', 'resolve']);
    expect(first.events.map((e: { action: string }) => e.action)).toEqual(['quality.opened']);
  });

  it('quality officer: bad input changes nothing — unknown unit, unknown field, a source only an estate may use', async () => {
    const quality = await w.as('quality');
    const before = (await quality.get('/api/quality/complaints?limit=1')).json().total;
    const unit = await quality.post('/api/quality/complaints', forwarded({ unitCode: '9-9-999' }));
    expect(unit.statusCode).toBe(400);
    expect(unit.json().error.fields[0].field).toBe('unitCode');
    expect((await quality.post('/api/quality/complaints', { ...forwarded(), extra: 1 })).statusCode).toBe(400);
    const estate = await quality.post('/api/quality/complaints', forwarded({ source: 'estate' }));
    expect(estate.statusCode).toBe(400);
    expect(estate.json().error.fields[0].field).toBe('source');
    expect((await quality.post('/api/quality/complaints', forwarded({ matter: '  ' }))).json().error.fields[0].field).toBe('matter');
    expect((await quality.get('/api/quality/complaints?limit=1')).json().total).toBe(before);
  });

  it('receptionist and project manager: cannot record a quality complaint (403); another estate\'s head cannot see one (404)', async () => {
    expect((await (await w.as('reception')).post('/api/quality/complaints', forwarded())).statusCode).toBe(403);
    expect((await (await w.as('pm')).post('/api/quality/complaints', forwarded())).statusCode).toBe(403);
    const c = await record();
    expect((await (await w.as('pm_b')).get(`/api/quality/complaints/${c.id}`)).statusCode).toBe(404);
    expect((await (await w.as('reception')).get(`/api/quality/complaints/${c.id}`)).statusCode).toBe(404);
    expect((await (await w.as('pm_b')).post(`/api/quality/complaints/${c.id}/progress`, { note: 'x' })).statusCode).toBe(404);
    const pmList = (await (await w.as('pm_b')).get('/api/quality/complaints?limit=200')).json().items;
    expect(pmList.some((x: { id: string }) => x.id === c.id)).toBe(false);
    expect((await (await w.as('pm')).get(`/api/quality/complaints/${c.id}`)).json().actions).toEqual(['progress']);
  });

  it('quality officer: hands a forwarded complaint down to the estate desk as an ordinary contact and keeps following it to closing', async () => {
    const c = await record({ matter: '地库积水无人处理（12345转办）' });
    const quality = await w.as('quality');
    const down = await quality.post(`/api/quality/complaints/${c.id}/hand-down`, { note: '请项目三日内处理' });
    expect(down.statusCode).toBe(200);
    expect(down.json()).toMatchObject({ status: 'handed_down', statusLabel: '已交项目处理' });
    expect(down.json().actions).toEqual(['progress', 'resolve']);
    const log = (await (await w.as('supervisor')).get(`/api/contacts?estateId=${w.a.id}&q=地库积水`)).json().items;
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ channel: 'transfer', outcome: 'undecided', callerPhone: '139****0007' });
    expect(log[0].content).toContain(c.number);
    expect((await quality.post(`/api/quality/complaints/${c.id}/hand-down`, {})).statusCode).toBe(409);
    expect((await (await w.as('pm')).post(`/api/quality/complaints/${c.id}/progress`, { note: '已安排抽水' })).statusCode).toBe(200);
    const early = await quality.post(`/api/quality/complaints/${c.id}/close`, { satisfaction: 5, note: '已回复' });
    expect(early.statusCode).toBe(409);
    expect((await quality.post(`/api/quality/complaints/${c.id}/resolve`, { resolution: '积水已清，排水泵已修' })).json().status).toBe('resolved');
    const closed = await quality.post(`/api/quality/complaints/${c.id}/close`, { satisfaction: 4, note: '电话回复投诉人，基本满意' });
    expect(closed.json()).toMatchObject({ status: 'closed', satisfaction: 4, actions: [] });
    expect(closed.json().events.map((e: { action: string }) => e.action)).toEqual(['quality.opened', 'quality.hand_down', 'quality.progress', 'quality.resolve', 'quality.close']);
    expect(closed.json().events[2].actorName).toBe('陈经理');
  });

  it('supervisor: escalates a complaint the estate cannot solve; quality owns it and cannot hand it back down (409 R-CP-3)', async () => {
    const reception = await w.as('reception');
    const kase = await openCaseVia(reception, complaintBody());
    expect(kase.actions).not.toContain('escalate_quality');
    const supervisor = await w.as('supervisor');
    const page = (await supervisor.get(`/api/cases/${kase.id}`)).json();
    expect(page.actions).toContain('escalate_quality');
    const noReason = await supervisor.post(`/api/cases/${kase.id}/quality-escalation`, { reason: '' });
    expect(noReason.statusCode).toBe(400);
    const up = await supervisor.post(`/api/cases/${kase.id}/quality-escalation`, { reason: '业户要求更换保安公司，超出项目权限' });
    expect(up.statusCode).toBe(200);
    expect(up.json().actions).not.toContain('escalate_quality');
    const events = (await supervisor.get(`/api/cases/${kase.id}/timeline`)).json().events;
    expect(events.at(-1)).toMatchObject({ action: 'case.escalated_to_quality', note: '业户要求更换保安公司，超出项目权限' });
    const again = await supervisor.post(`/api/cases/${kase.id}/quality-escalation`, { reason: '再次上报' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.rule).toBe('R-CP-3');

    const quality = await w.as('quality');
    const list = (await quality.get(`/api/quality/complaints?source=estate&q=${encodeURIComponent(kase.number)}`)).json();
    expect(list.total).toBe(1);
    const item = (await quality.get(`/api/quality/complaints/${list.items[0].id}`)).json();
    expect(item).toMatchObject({ source: 'estate', sourceLabel: '项目上报', caseId: kase.id, caseNumber: kase.number, escalationReason: '业户要求更换保安公司，超出项目权限', complainantPhone: '138****0001' });
    expect(item.actions).toEqual(['progress', 'resolve']);
    const back = await quality.post(`/api/quality/complaints/${item.id}/hand-down`, { note: '退回项目' });
    expect(back.statusCode).toBe(409);
    expect(back.json().error.rule).toBe('R-CP-3');
    expect((await quality.get(`/api/quality/complaints/${item.id}`)).json()).toMatchObject({ status: 'open', version: item.version });
  });

  it('supervisor: only a complaint goes up to quality; a repair does not (409 R-CP-3); a receptionist may not escalate (403)', async () => {
    const reception = await w.as('reception');
    const repair = await openCaseVia(reception, repairBody(w));
    const refused = await (await w.as('supervisor')).post(`/api/cases/${repair.id}/quality-escalation`, { reason: '无法处理' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.rule).toBe('R-CP-3');
    const kase = await openCaseVia(reception, complaintBody());
    expect((await reception.post(`/api/cases/${kase.id}/quality-escalation`, { reason: '无法处理' })).statusCode).toBe(403);
    expect((await (await w.as('supervisor_b')).post(`/api/cases/${kase.id}/quality-escalation`, { reason: '无法处理' })).statusCode).toBe(404);
  });

  it('quality officer: the list filters by estate, source, status and overdue reply, before the page is cut', async () => {
    const quality = await w.as('quality');
    const c = await record({ estateId: w.b.id, unitCode: '1-1-101', source: 'group', matter: '绿湖苑电梯广告噪音' });
    const inB = (await quality.get(`/api/quality/complaints?estateId=${w.b.id}&source=group&limit=200`)).json();
    expect(inB.items.every((x: { estateId: string; source: string }) => x.estateId === w.b.id && x.source === 'group')).toBe(true);
    expect(inB.items.some((x: { id: string }) => x.id === c.id)).toBe(true);
    expect((await quality.get('/api/quality/complaints?overdue=true&limit=200')).json().items.some((x: { id: string }) => x.id === c.id)).toBe(false);
    w.clock.advance(3 * 24 * 3_600_000);
    const overdue = (await quality.get('/api/quality/complaints?overdue=true&limit=200')).json().items.find((x: { id: string }) => x.id === c.id);
    expect(overdue).toMatchObject({ replyOverdue: true });
    const page = (await quality.get('/api/quality/complaints?limit=2')).json();
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThan(2);
    expect((await quality.get('/api/quality/complaints?status=bogus')).statusCode).toBe(400);
  });

  it('quality officer: the hot and major registry lists every estate\'s hot and major complaints with their 4 h report status (R-HOT-1/2)', async () => {
    const reception = await w.as('reception');
    const supervisor = await w.as('supervisor');
    const hot = await openCaseVia(reception, complaintBody({ description: '业户扬言向媒体曝光漏水问题' }));
    expect((await supervisor.post(`/api/cases/${hot.id}/flag`, { media: 'risk', reason: '业户称将联系电视台' })).statusCode).toBe(200);
    const quality = await w.as('quality');
    const row = (await quality.get(`/api/quality/hot-registry?estateId=${w.a.id}&open=true`)).json().items.find((x: { caseId: string }) => x.caseId === hot.id);
    expect(row).toMatchObject({ level: 'hot', levelLabel: '热点投诉', estateName: '阳光花园', reports: 0, lastReportedAt: null });
    expect(['pending', 'warned']).toContain(row.reportState);
    expect((await supervisor.post(`/api/cases/${hot.id}/hot-report`, { note: '已电话报告集团品质部' })).statusCode).toBe(200);
    const after = (await quality.get('/api/quality/hot-registry?kind=hot')).json().items.find((x: { caseId: string }) => x.caseId === hot.id);
    expect(after).toMatchObject({ reportState: 'met', reports: 1 });
    expect((await quality.get('/api/quality/hot-registry?kind=major')).json().items.some((x: { caseId: string }) => x.caseId === hot.id)).toBe(false);
    // Estate B's head sees only estate B's registry; a receptionist sees none.
    expect((await (await w.as('pm_b')).get('/api/quality/hot-registry')).json().items.some((x: { caseId: string }) => x.caseId === hot.id)).toBe(false);
    expect((await (await w.as('reception')).get('/api/quality/hot-registry')).json()).toMatchObject({ total: 0, items: [] });
  });
});
