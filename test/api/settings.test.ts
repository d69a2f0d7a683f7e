import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deadlines } from '../../src/db/schema/index.js';
import { createWorld, type TestWorld } from '../support/harness.js';
import { openCaseVia, repairBody } from '../support/desk.js';

let w: TestWorld;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(async () => w?.close());

const url = (estateId: string, group: string) => `/api/estates/${estateId}/settings/${group}`;
const dueOf = async (caseId: string, clock: string) =>
  (await w.database.db.select().from(deadlines).where(and(eq(deadlines.caseId, caseId), eq(deadlines.clock, clock))))[0]?.dueAt.toISOString();

describe('estate settings', () => {
  it('admin: reads the SLA policy as defaults, overrides and effective values', async () => {
    const admin = await w.as('admin');
    const res = await admin.get(url(w.a.id, 'sla'));
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.defaults.dispatchMinutes).toBe(10);
    expect(body.overrides).toEqual({});
    expect(body.effective.replyDays.email).toBe(2);
  });

  it('admin: the raw settings of PATCH /api/estates/:id pass the same checks; a bad value is named and nothing changes', async () => {
    const admin = await w.as('admin');
    const stored = async () => (await admin.get(`/api/estates/${w.b.id}`)).json().settings;
    const before = await stored();
    const bad = await admin.patch(`/api/estates/${w.b.id}`, { settings: { sla: { dispatchMinutes: 'ten' } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].field).toBe('settings.sla.dispatchMinutes');
    const badHook = await admin.patch(`/api/estates/${w.b.id}`, { settings: { webhooks: [{ url: 'sms-gateway', secret: 'longenough' }] } });
    expect(badHook.statusCode).toBe(400);
    expect(badHook.json().error.fields[0].field).toBe('settings.webhooks.0.url');
    expect((await admin.patch(`/api/estates/${w.b.id}`, { settings: { colour: 'blue' } })).statusCode).toBe(400);
    // A webhook into the server's own network (the metadata service, the database, the LAN) is refused by name.
    const inward = await admin.patch(`/api/estates/${w.b.id}`, {
      settings: { webhooks: [{ url: 'https://sms.example.com/hook', secret: 'longenough' }, { url: 'http://169.254.169.254/latest/meta-data', secret: 'longenough' }, { url: 'http://localhost:5432/', secret: 'longenough' }, { url: 'http://[::ffff:10.0.0.7]/', secret: 'longenough' }] },
    });
    expect(inward.statusCode).toBe(400);
    expect(inward.json().error.fields.map((f: { field: string }) => f.field)).toEqual(['settings.webhooks.1.url', 'settings.webhooks.2.url', 'settings.webhooks.3.url']);
    expect(inward.json().error.fields[0].message).toContain('链路本地地址');
    expect(await stored()).toEqual(before);
    const ok = await admin.patch(`/api/estates/${w.b.id}`, { settings: { webhooks: [{ url: 'https://sms.example.com/hook', secret: 'longenough', topics: ['auth.otp'] }], notifyEmails: { supervisor: ['sup@example.com'] } } });
    expect(ok.statusCode).toBe(200);
    expect((await stored()).notifyEmails).toEqual({ supervisor: ['sup@example.com'] });
  });

  it('admin: a shorter dispatch time changes the dispatch deadline of cases opened afterwards, not of earlier ones', async () => {
    const admin = await w.as('admin');
    const reception = await w.as('reception');
    const before = await openCaseVia(reception, repairBody(w));
    expect(await dueOf(before.id, 'dispatch')).toBe('2026-03-02T02:10:00.000Z');
    const put = await admin.put(url(w.a.id, 'sla'), { dispatchMinutes: 5, replyDays: { email: 3 } });
    expect(put.statusCode).toBe(200);
    expect(put.json().overrides).toEqual({ dispatchMinutes: 5, replyDays: { email: 3 } });
    expect(put.json().effective).toMatchObject({ dispatchMinutes: 5, arrivalMinutes: 20 });
    expect(put.json().effective.replyDays).toMatchObject({ email: 3, letter: 2 });
    const after = await openCaseVia(reception, repairBody(w, { description: '卫生间下水堵塞' }));
    expect(await dueOf(after.id, 'dispatch')).toBe('2026-03-02T02:05:00.000Z');
    expect(await dueOf(before.id, 'dispatch')).toBe('2026-03-02T02:10:00.000Z');
    // The preview says the same as the case got.
    const preview = (await admin.get(`${url(w.a.id, 'sla')}/explain?kind=repair&channel=phone&urgency=routine`)).json();
    expect(preview.deadlines.find((d: { clock: string }) => d.clock === 'dispatch').due).toBe('2026-03-02T10:05:00+08:00');
    // Leaving a field out returns it to its default.
    const reset = await admin.put(url(w.a.id, 'sla'), {});
    expect(reset.json().overrides).toEqual({});
    expect(reset.json().effective.dispatchMinutes).toBe(10);
  });

  it('admin: the preview shows a draft of unsaved values without saving them; a bad draft names its field', async () => {
    const admin = await w.as('admin');
    const base = `${url(w.a.id, 'sla')}/explain?kind=repair&channel=phone&urgency=routine&at=${encodeURIComponent('2026-03-02T10:00:00+08:00')}`;
    const dispatch = (body: { deadlines: { clock: string; due: string }[] }) => body.deadlines.find((d) => d.clock === 'dispatch')?.due;
    const draft = await admin.get(`${base}&draft=${encodeURIComponent(JSON.stringify({ dispatchMinutes: 3 }))}`);
    expect(draft.statusCode).toBe(200);
    expect(draft.json().draft).toBe(true);
    expect(dispatch(draft.json())).toBe('2026-03-02T10:03:00+08:00');
    expect(dispatch((await admin.get(base)).json())).toBe('2026-03-02T10:10:00+08:00');
    expect((await admin.get(url(w.a.id, 'sla'))).json().overrides).toEqual({});
    const bad = await admin.get(`${base}&draft=${encodeURIComponent(JSON.stringify({ dispatchMinutes: 0 }))}`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0]).toEqual({ field: 'draft.dispatchMinutes', message: '派工时限不能少于 1 分钟' });
  });

  it('admin: bad SLA values answer 400 naming the field path in Chinese; unknown keys too', async () => {
    const admin = await w.as('admin');
    const frac = await admin.put(url(w.a.id, 'sla'), { dispatchMinutes: 7.5 });
    expect(frac.statusCode).toBe(400);
    expect(frac.json().error.fields).toEqual([{ field: 'dispatchMinutes', message: '派工时限须为整数（分钟）' }]);
    const big = await admin.put(url(w.a.id, 'sla'), { replyDays: { email: 99 } });
    expect(big.statusCode).toBe(400);
    expect(big.json().error.fields[0].field).toBe('replyDays.email');
    expect(big.json().error.message).toContain('replyDays.email');
    const unknown = await admin.put(url(w.a.id, 'sla'), { dispatchMinutes: 5, lunchMinutes: 60 });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields[0]).toEqual({ field: 'lunchMinutes', message: '不允许的字段：lunchMinutes' });
    const unknownChannel = await admin.put(url(w.a.id, 'sla'), { replyDays: { pigeon: 1 } });
    expect(unknownChannel.json().error.fields[0].field).toBe('replyDays.pigeon');
    const inverted = await admin.put(url(w.a.id, 'sla'), { arrivalMinutes: 30, arrivalEmergencyMinutes: 40 });
    expect(inverted.statusCode).toBe(400);
    expect(inverted.json().error.fields[0].field).toBe('arrivalEmergencyMinutes');
    expect((await admin.get(url(w.a.id, 'sla'))).json().overrides).toEqual({});
  });

  it('admin: edits the other rule numbers; thresholds must stay ordered', async () => {
    const admin = await w.as('admin');
    const ok = await admin.put(url(w.a.id, 'rules'), { escalation: { stepMinutes: 30 }, reworkWindowDays: 14, emergencyKeywords: ['漏水', '困人'] });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().effective).toMatchObject({ escalation: { stepMinutes: 30, topLevel: 3 }, reworkWindowDays: 14, emergencyKeywords: ['漏水', '困人'] });
    const triage = await (await w.as('reception')).post('/api/triage', { estateId: w.a.id, description: '楼道停电了' });
    expect(triage.json().urgency).toBe('routine');
    const bad = await admin.put(url(w.a.id, 'rules'), { hot: { hotHeadcount: 12 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].field).toBe('hot.majorHeadcount');
    const zero = await admin.put(url(w.a.id, 'rules'), { reworkWindowDays: 0 });
    expect(zero.json().error.fields[0]).toEqual({ field: 'reworkWindowDays', message: '返修统计天数不能少于 1 天' });
    const approver = await admin.put(url(w.a.id, 'rules'), { closing: { emergencyApprover: 'cleaner' } });
    expect(approver.json().error.fields[0].field).toBe('closing.emergencyApprover');
    expect((await admin.put(url(w.a.id, 'rules'), {})).json().overrides).toEqual({});
  });

  it('receptionist: may read settings but not change them (403); staff of another estate get 404', async () => {
    const reception = await w.as('reception');
    expect((await reception.get(url(w.a.id, 'sla'))).statusCode).toBe(200);
    expect((await reception.put(url(w.a.id, 'sla'), { dispatchMinutes: 5 })).statusCode).toBe(403);
    expect((await reception.put(url(w.a.id, 'calendar'), {})).statusCode).toBe(403);
    expect((await reception.put(url(w.a.id, 'rules'), {})).statusCode).toBe(403);
    const other = await w.as('supervisor_b');
    for (const g of ['sla', 'rules', 'calendar', 'sla/explain']) expect((await other.get(url(w.a.id, g))).statusCode).toBe(404);
    expect((await other.put(url(w.a.id, 'sla'), { dispatchMinutes: 5 })).statusCode).toBe(404);
    const admin = await w.as('admin');
    expect((await admin.get(url(w.b.id, 'sla'))).json().overrides).toEqual({});
  });

  it('admin: a holiday added to the calendar makes "2 working days" skip it (email complaint reply)', async () => {
    const admin = await w.as('admin');
    const at = '2026-03-02T10:00:00+08:00'; // Monday
    const q = `${url(w.a.id, 'sla')}/explain?kind=complaint&channel=email&urgency=routine&at=${encodeURIComponent(at)}`;
    const reply = async () => (await admin.get(q)).json().deadlines.find((d: { clock: string }) => d.clock === 'reply').due;
    const plain = await reply();
    expect(plain.slice(0, 10)).toBe('2026-03-04');
    const cal = (await admin.get(url(w.a.id, 'calendar'))).json();
    const y2026 = cal.effective.holidays['2026'];
    const put = await admin.put(url(w.a.id, 'calendar'), { holidays: { 2026: { ...y2026, holidays: [...y2026.holidays, { name: '项目停工日', from: '2026-03-03', to: '2026-03-03' }] } } });
    expect(put.statusCode).toBe(200);
    expect(await reply()).toBe(plain.replace('2026-03-04', '2026-03-05'));
    // A case opened now really gets it.
    const c = await openCaseVia(await w.as('reception'), repairBody(w, { kind: 'complaint', channel: 'email', complaintNature: 'valid', description: '物业费账单有误' }));
    expect((await dueOf(c.id, 'reply'))?.slice(0, 10)).toBe('2026-03-05');
    expect((await admin.put(url(w.a.id, 'calendar'), {})).json().overrides).toEqual({});
    expect(await reply()).toBe(plain);
  });

  it('admin: working hours with lunch are stored as periods; bad times and a day both off and working answer 400', async () => {
    const admin = await w.as('admin');
    const ok = await admin.put(url(w.a.id, 'calendar'), {
      hours: { start: '08:30', end: '17:30', lunch: { start: '12:00', end: '13:30' } },
      summer: null,
      hotline: { start: '08:00', end: '20:00' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().effective).toMatchObject({ hours: { start: '08:30', end: '17:30', lunch: { start: '12:00', end: '13:30' } }, summer: null, hotline: { start: '08:00', end: '20:00' } });
    const eod = async () =>
      (await admin.get(`${url(w.a.id, 'sla')}/explain?kind=repair&channel=phone&urgency=routine&at=${encodeURIComponent('2026-07-01T09:00:00+08:00')}`))
        .json()
        .deadlines.find((d: { clock: string }) => d.clock === 'followup_eod').due;
    expect(await eod()).toBe('2026-07-01T17:30:00+08:00');
    const field = async (body: unknown) => {
      const r = await admin.put(url(w.a.id, 'calendar'), body);
      expect(r.statusCode).toBe(400);
      return r.json().error.fields[0];
    };
    expect(await field({ hours: { start: '8:00', end: '17:00', lunch: null } })).toMatchObject({ field: 'hours.start', message: '上班时间应为 HH:MM，如 08:30' });
    expect(await field({ hours: { start: '17:00', end: '08:00', lunch: null } })).toMatchObject({ field: 'hours.end' });
    expect(await field({ hours: { start: '08:00', end: '17:00', lunch: { start: '07:00', end: '08:30' } } })).toMatchObject({ field: 'hours.lunch.start', message: '午休须在上班与下班时间之间' });
    expect(await field({ summer: { from: '09-30', to: '05-01', hours: { start: '08:00', end: '17:00', lunch: null } } })).toMatchObject({ field: 'summer.to' });
    expect(await field({ holidays: { 2027: { holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-02' }], makeupWorkdays: ['2027-01-02'] } } })).toMatchObject({
      field: 'holidays.2027.makeupWorkdays.0',
      message: '2027-01-02 既是假期「元旦」又是调休上班日',
    });
    expect(await field({ holidays: { 2027: { holidays: [{ name: '元旦', from: '2027-02-30', to: '2027-03-01' }], makeupWorkdays: [] } } })).toMatchObject({ field: 'holidays.2027.holidays.0.from' });
    expect(await field({ hours: { start: '08:00', end: '17:00', lunch: null }, weekends: true })).toMatchObject({ field: 'weekends' });
    // A new year is added in the same shape and listed.
    const y2027 = await admin.put(url(w.a.id, 'calendar'), { holidays: { 2027: { holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-01' }], makeupWorkdays: [] } } });
    expect(Object.keys(y2027.json().effective.holidays)).toEqual(['2025', '2026', '2027']);
    expect(y2027.json().effective.hours).toEqual(y2027.json().defaults.hours);
    await admin.put(url(w.a.id, 'calendar'), {});
  });

  it('admin: PATCH /api/estates/:id replaces only the settings groups it names, and stores a calendar as the calendar screen does', async () => {
    const admin = await w.as('admin');
    expect((await admin.put(url(w.b.id, 'sla'), { dispatchMinutes: 7 })).statusCode).toBe(200);
    const hooks = await admin.patch(`/api/estates/${w.b.id}`, { settings: { webhooks: [{ url: 'https://wx.example.com/hook', secret: 'longenough' }] } });
    expect(hooks.statusCode).toBe(200);
    // The SLA policy set on its own screen survives a PATCH that names only the webhooks.
    expect((await admin.get(url(w.b.id, 'sla'))).json().overrides).toEqual({ dispatchMinutes: 7 });
    const cal = await admin.patch(`/api/estates/${w.b.id}`, { settings: { calendar: { hours: { start: '08:30', end: '17:30', lunch: { start: '12:00', end: '13:30' } } } } });
    expect(cal.statusCode).toBe(200);
    expect((await admin.get(url(w.b.id, 'calendar'))).json().effective.hours).toEqual({ start: '08:30', end: '17:30', lunch: { start: '12:00', end: '13:30' } });
    // And the calendar code reads it: the end-of-day follow-up of a case opened there is 17:30.
    const eod = (await admin.get(`${url(w.b.id, 'sla')}/explain?kind=repair&channel=phone&urgency=routine&at=${encodeURIComponent('2026-03-03T09:00:00+08:00')}`))
      .json()
      .deadlines.find((d: { clock: string }) => d.clock === 'followup_eod').due;
    expect(eod).toBe('2026-03-03T17:30:00+08:00');
    const c = await openCaseVia(await w.as('reception_b'), repairBody(w, { estateId: w.b.id, unitId: w.b.unitIds['1-1-101'], residentId: null }));
    expect(c.status).toBe('opened');
    expect((await admin.get(`/api/estates/${w.b.id}`)).json().settings.webhooks).toHaveLength(1);
    await admin.put(url(w.b.id, 'sla'), {});
    await admin.put(url(w.b.id, 'calendar'), {});
  });
});
