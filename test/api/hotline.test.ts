import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepHotlineEscalations } from '../../src/services/hotline/escalate-dossiers.js';
import { createWorld, type TestWorld } from '../support/harness.js';
import { MOBILE } from '../support/phone-scan.js';

// Issue 10 item 1: the GM hotline desk (R-GM-1…5, R-AR-2), on both engines.
let w: TestWorld;
beforeAll(async () => {
  w = await createWorld();
}, 60_000);
afterAll(async () => w?.close());

const HOUR = 3_600_000;
const call = (over: Record<string, unknown> = {}) => ({ estateId: w.a.id, unitCode: '2-1-502', callerName: '王先生', callerPhone: '13900000003', matter: '漏水报修三次仍未修好，客服态度冷淡', firstContact: false, ...over });

async function openDossier(over: Record<string, unknown> = {}) {
  const hotline = await w.as('hotline');
  const res = await hotline.post('/api/hotline/calls', call(over));
  if (res.statusCode !== 201) throw new Error(`${res.statusCode} ${res.body}`);
  return res.json().dossier;
}

describe('GM hotline', () => {
  it('hotline officer: a first-time matter goes back to the estate desk as an ordinary contact, and the caller is told so (R-GM-1)', async () => {
    const hotline = await w.as('hotline');
    const res = await hotline.post('/api/hotline/calls', call({ firstContact: true, matter: '楼道灯坏了' }));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ routed: 'back' });
    expect(res.json().script).toContain('阳光花园');
    expect(res.json().dossier).toBeUndefined();
    const log = (await (await w.as('supervisor')).get(`/api/contacts?estateId=${w.a.id}&q=楼道灯`)).json().items;
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ channel: 'gm_hotline', outcome: 'undecided', callerPhone: '139****0003' });
    expect((await hotline.get('/api/hotline/dossiers?limit=200')).json().items.some((d: { matter: string }) => d.matter === '楼道灯坏了')).toBe(false);
  });

  it('hotline officer: a complaint about the handling opens a dossier numbered per group and year across estates, with its 24 h and 7 day clocks (R-GM-3/4)', async () => {
    const first = await openDossier();
    const second = await openDossier({ estateId: w.b.id, unitCode: '1-1-101' });
    expect(first.number).toMatch(/^RX-2026-\d{4}$/);
    expect(Number(second.number.slice(-4))).toBe(Number(first.number.slice(-4)) + 1);
    expect(first).toMatchObject({ status: 'awaiting_measures', statusLabel: '待定措施', unitCode: '2-1-502', callerPhone: '139****0003', estateName: '阳光花园' });
    const received = Date.parse(first.receivedAt);
    expect(Date.parse(first.firstVisitDueAt) - received).toBe(24 * HOUR);
    expect(Date.parse(first.escalateDueAt) - received).toBe(7 * 24 * HOUR);
    // The hotline takes no step of the estate's; it follows the dossier daily (R-GM-5).
    expect(first.actions).toEqual(['follow_up']);
    expect((await (await w.as('pm')).get(`/api/hotline/dossiers/${first.id}`)).json().actions).toEqual(['set_measures']);
  });

  it('project manager: sets measures and names a department head; that head makes the first visit; resolution comes after it; the second visit closes the dossier (R-GM-3/4)', async () => {
    const d = await openDossier();
    const pm = await w.as('pm');
    const notHead = await pm.post(`/api/hotline/dossiers/${d.id}/measures`, { measures: '工程部当天上门', responsibleUserId: w.a.userIds.reception });
    expect(notHead.statusCode).toBe(400);
    expect(notHead.json().error.fields[0].field).toBe('responsibleUserId');
    const set = await pm.post(`/api/hotline/dossiers/${d.id}/measures`, { measures: '工程部当天上门更换水管', responsibleUserId: w.a.userIds.dispatcher });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ status: 'in_hand', responsibleName: '赵建国' });
    const early = await pm.post(`/api/hotline/dossiers/${d.id}/resolve`, { resolution: '已修复' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.rule).toBe('R-GM-4');
    const dispatcher = await w.as('dispatcher');
    expect((await dispatcher.get(`/api/hotline/dossiers/${d.id}`)).json().actions).toEqual(['first_visit']);
    const visit = await dispatcher.post(`/api/hotline/dossiers/${d.id}/first-visit`, { how: 'phone', said: '业户同意明早上门' });
    expect(visit.statusCode).toBe(200);
    expect(visit.json().firstVisit).toMatchObject({ how: 'phone', said: '业户同意明早上门', by: w.a.userIds.dispatcher });
    expect((await pm.post(`/api/hotline/dossiers/${d.id}/first-visit`, { how: 'phone', said: 'x' })).statusCode).toBe(409);
    expect((await pm.post(`/api/hotline/dossiers/${d.id}/resolve`, { resolution: '已更换水管，不再漏水' })).json().status).toBe('resolved');
    const closed = await pm.post(`/api/hotline/dossiers/${d.id}/second-visit`, { said: '满意', satisfaction: 5 });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', secondVisit: { satisfaction: 5 }, actions: [] });
    expect(closed.json().events.map((e: { action: string }) => e.action)).toEqual([
      'dossier.opened',
      'dossier.set_measures',
      'dossier.first_visit',
      'dossier.resolve',
      'dossier.second_visit',
    ]);
  });

  it('receptionist, technician, another estate’s head: the dossier answers 404 and lists hold none of it; quality reads it (R-AR-2)', async () => {
    const d = await openDossier({ matter: '隐私：物业泄露业主信息' });
    for (const who of ['reception', 'tech1', 'supervisor', 'pm_b', 'reception_b']) {
      const client = await w.as(who);
      expect((await client.get(`/api/hotline/dossiers/${d.id}`)).statusCode, who).toBe(404);
      expect((await client.post(`/api/hotline/dossiers/${d.id}/measures`, { measures: 'x', responsibleUserId: w.a.userIds.dispatcher })).statusCode, who).toBe(404);
      const list = (await client.get('/api/hotline/dossiers?limit=200')).json();
      expect(list.items.some((x: { id: string }) => x.id === d.id), who).toBe(false);
    }
    const quality = await w.as('quality');
    expect((await quality.get(`/api/hotline/dossiers/${d.id}`)).statusCode).toBe(200);
    expect((await quality.post(`/api/hotline/dossiers/${d.id}/measures`, { measures: 'x', responsibleUserId: w.a.userIds.dispatcher })).statusCode).toBe(403);
    const pmList = (await (await w.as('pm')).get('/api/hotline/dossiers?limit=200')).json();
    expect(pmList.items.every((x: { estateId: string }) => x.estateId === w.a.id)).toBe(true);
    expect(pmList.total).toBe(pmList.items.length);
  });

  it('hotline officer: a dossier without its first visit after 24 h is overdue and listed so; the hours are the estate’s setting', async () => {
    const admin = await w.as('admin');
    expect((await admin.put(`/api/estates/${w.b.id}/settings/rules`, { hotline: { firstVisitHours: 12 } })).statusCode).toBe(200);
    const b = await openDossier({ estateId: w.b.id, unitCode: '1-1-101' });
    expect(Date.parse(b.firstVisitDueAt) - Date.parse(b.receivedAt)).toBe(12 * HOUR);
    const a = await openDossier();
    w.clock.advance(25 * HOUR);
    const hotline = await w.as('hotline');
    const overdue = (await hotline.get('/api/hotline/dossiers?overdue=true&limit=200')).json().items as { id: string; firstVisitOverdue: boolean }[];
    expect(overdue.find((x) => x.id === a.id)?.firstVisitOverdue).toBe(true);
    expect(overdue.some((x) => x.id === b.id)).toBe(true);
  });

  it('system: a dossier unresolved after 7 days goes up in writing once, to quality and the hotline; a resolved one does not (R-GM-3)', async () => {
    const stuck = await openDossier({ matter: '电梯维修一周仍未完成' });
    const done = await openDossier({ matter: '门禁已修好' });
    const pm = await w.as('pm');
    await pm.post(`/api/hotline/dossiers/${done.id}/measures`, { measures: '更换读卡器', responsibleUserId: w.a.userIds.dispatcher });
    await (await w.as('dispatcher')).post(`/api/hotline/dossiers/${done.id}/first-visit`, { how: 'phone', said: '已约时间' });
    await pm.post(`/api/hotline/dossiers/${done.id}/resolve`, { resolution: '已更换' });
    // A minute before its seventh day (older dossiers of this file may go up now), then a minute after.
    const escalatedAt = async () => (await (await w.as('quality')).get(`/api/hotline/dossiers/${stuck.id}`)).json().escalatedAt;
    w.clock.advance(7 * 24 * HOUR - 60_000);
    await sweepHotlineEscalations(w.database.db, w.clock.now());
    expect(await escalatedAt()).toBeNull();
    w.clock.advance(2 * 60_000);
    expect(await sweepHotlineEscalations(w.database.db, w.clock.now())).toBeGreaterThanOrEqual(1);
    expect(await escalatedAt()).not.toBeNull();
    expect(await sweepHotlineEscalations(w.database.db, w.clock.now())).toBe(0);
    const quality = await w.as('quality');
    const d = (await quality.get(`/api/hotline/dossiers/${stuck.id}`)).json();
    expect(d.escalatedAt).not.toBeNull();
    const report = d.events.find((e: { action: string }) => e.action === 'dossier.escalated');
    expect(report).toMatchObject({ actorId: null });
    expect(report.note).toContain(`热线档案 ${stuck.number}（阳光花园）`);
    expect(report.note).toContain('电梯维修一周仍未完成');
    expect((await quality.get(`/api/hotline/dossiers/${done.id}`)).json().escalatedAt).toBeNull();
    const rows = (await w.database.db.execute(sql`select recipient, topic from outbox where topic = 'hotline.escalated' and payload->>'dossierId' = ${stuck.id}`)) as unknown as { rows: { recipient: string }[] };
    expect(rows.rows.map((r) => r.recipient).sort()).toEqual([w.a.userIds.quality, w.a.userIds.hotline].sort());
  });

  it('hotline officer: a major matter is reported to the group at once', async () => {
    const d = await openDossier({ major: true, matter: '业主聚集，媒体到场' });
    expect(d.major).toBe(true);
    const rows = (await w.database.db.execute(sql`select count(*)::int as n from outbox where topic = 'hotline.major' and payload->>'dossierId' = ${d.id}`)) as unknown as { rows: { n: number }[] };
    expect(rows.rows[0]!.n).toBe(2);
  });

  it('hotline officer: the daily report lists the day’s calls both ways, every open dossier with its latest step, and exports as CSV; quality reads it, an estate head does not (R-GM-5)', async () => {
    const hotline = await w.as('hotline');
    await hotline.post('/api/hotline/calls', call({ firstContact: true, matter: '日报：路灯不亮' }));
    w.clock.advance(60_000);
    const d = await openDossier({ matter: '日报：投诉维修拖延' });
    await (await w.as('pm')).post(`/api/hotline/dossiers/${d.id}/measures`, { measures: '当日派工', responsibleUserId: w.a.userIds.dispatcher });
    const day = new Date(Date.parse(d.receivedAt) + 8 * HOUR).toISOString().slice(0, 10);
    const report = await hotline.get(`/api/hotline/daily?day=${day}`);
    expect(report.statusCode).toBe(200);
    const r = report.json();
    expect(r.day).toBe(day);
    const mine = r.calls.filter((c: { matter: string }) => c.matter.startsWith('日报：'));
    expect(mine.map((c: { routedLabel: string; number: string | null }) => [c.routedLabel, c.number])).toEqual([['转回项目', null], ['建档', d.number]]);
    // MOBILE, not a bare /1[3-9]\d{9}/: a dossier's UUID can end in eleven digits.
    expect(report.body).not.toMatch(MOBILE);
    const row = r.open.find((x: { id: string }) => x.id === d.id);
    expect(row).toMatchObject({ statusLabel: '处理中', latest: { step: '确定措施和责任人' } });
    expect(r.counts.calls).toBe(r.calls.length);
    const csv = await hotline.get(`/api/hotline/daily.csv?day=${day}`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="hotline-${day}.csv"`);
    expect(csv.body.startsWith('\uFEFF热线日报')).toBe(true);
    expect(csv.body).toContain(`${d.number},阳光花园`);
    expect((await (await w.as('quality')).get(`/api/hotline/daily?day=${day}`)).statusCode).toBe(200);
    expect((await (await w.as('pm')).get(`/api/hotline/daily?day=${day}`)).statusCode).toBe(403);
    expect((await hotline.get('/api/hotline/daily?day=2026-02-30')).statusCode).toBe(400);
  });

  it('hotline officer: follows an open dossier daily with a note or a stage visit; its latest step shows in the daily report; a closed dossier takes none (R-GM-5)', async () => {
    const d = await openDossier({ matter: '跟进：噪音扰民' });
    const hotline = await w.as('hotline');
    const noted = await hotline.post(`/api/hotline/dossiers/${d.id}/follow-up`, { kind: 'stage_visit', note: '回访业户：项目已联系，尚未处理' });
    expect(noted.statusCode).toBe(200);
    expect(noted.json().events.at(-1)).toMatchObject({ action: 'dossier.follow_up', after: { kind: 'stage_visit' }, note: '回访业户：项目已联系，尚未处理' });
    expect(noted.json().status).toBe('awaiting_measures');
    expect((await hotline.post(`/api/hotline/dossiers/${d.id}/follow-up`, { kind: 'follow_up' })).statusCode).toBe(400);
    expect((await (await w.as('pm')).post(`/api/hotline/dossiers/${d.id}/follow-up`, { kind: 'follow_up', note: 'x' })).statusCode).toBe(403);
    const day = new Date(Date.parse(d.receivedAt) + 8 * HOUR).toISOString().slice(0, 10);
    const row = (await hotline.get(`/api/hotline/daily?day=${day}`)).json().open.find((x: { id: string }) => x.id === d.id);
    expect(row.latest.step).toBe('热线跟进');
  });

  it('hotline officer: bad input is named and records nothing; only the hotline records calls', async () => {
    const hotline = await w.as('hotline');
    const before = (await hotline.get('/api/hotline/dossiers?limit=1')).json().total;
    const noMatter = await hotline.post('/api/hotline/calls', call({ matter: ' ' }));
    expect(noMatter.statusCode).toBe(400);
    expect(noMatter.json().error.fields[0]).toMatchObject({ field: 'matter', message: '请填写反映的事项' });
    const noUnit = await hotline.post('/api/hotline/calls', call({ unitCode: '9-9-999' }));
    expect(noUnit.statusCode).toBe(400);
    expect(noUnit.json().error.fields[0].field).toBe('unitCode');
    expect((await hotline.post('/api/hotline/calls', { ...call(), extra: 1 })).statusCode).toBe(400);
    expect((await (await w.as('reception')).post('/api/hotline/calls', call())).statusCode).toBe(403);
    expect((await hotline.get('/api/hotline/dossiers?limit=1')).json().total).toBe(before);
  });
});
