import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseEvents, deadlines, estates, flagProposals, followUps, outbox } from '../../src/db/schema/index.js';
import { fireDueDeadlines } from '../../src/jobs/deadline-scheduler.js';
import { sweepAgedComplaints } from '../../src/services/sla/hot-detection.js';
import { createWorld, type TestWorld } from '../support/harness.js';
import { openCaseVia, repairBody } from '../support/desk.js';

let w: TestWorld;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(async () => w?.close());

const MIN = 60_000;
const DAY = 86_400_000;

/** Runs `fn` with the world clock moved by `ms`, then puts it back (later tests count from 10:00). */
async function later<T>(ms: number, fn: () => Promise<T>): Promise<T> {
  w.clock.advance(ms);
  try {
    return await fn();
  } finally {
    w.clock.advance(-ms);
  }
}

const clocksOf = async (caseId: string) =>
  Object.fromEntries((await w.database.db.select().from(deadlines).where(eq(deadlines.caseId, caseId))).map((d) => [d.clock, d]));

describe('SLA clocks on real cases', () => {
  it('receptionist: a repair gets dispatch, arrival and follow-up clocks; issuing meets dispatch (R-WO-1)', async () => {
    const reception = await w.as('reception');
    const c = await openCaseVia(reception, repairBody(w));
    const clocks = await clocksOf(c.id);
    expect(Object.keys(clocks).sort()).toEqual(['arrival', 'dispatch', 'followup_2h', 'followup_eod']);
    expect(clocks.dispatch!.dueAt.toISOString()).toBe('2026-03-02T02:10:00.000Z');
    await reception.post(`/api/cases/${c.id}/orders`, { departmentId: w.a.departmentIds.ENG, technicianId: w.a.userIds.tech1 });
    expect((await clocksOf(c.id)).dispatch!.state).toBe('met');
    const page = (await reception.get(`/api/cases/${c.id}`)).json();
    expect(page.clocks.find((k: { clock: string }) => k.clock === 'arrival')).toMatchObject({ state: 'pending', basis: 'wall' });
  });

  it('receptionist: pausing for the resident stops the arrival clock and resuming pushes it out by the pause', async () => {
    const reception = await w.as('reception');
    const c = await openCaseVia(reception, repairBody(w));
    const before = (await clocksOf(c.id)).arrival!.dueAt.getTime();
    await reception.post(`/api/cases/${c.id}/pause`, { reason: 'awaiting_resident' });
    const paused = await clocksOf(c.id);
    expect(paused.arrival!.pausedAt).not.toBeNull();
    expect(paused.arrival!.nextFireAt).toBeNull();
    expect(paused.dispatch!.pausedAt).toBeNull();
    w.clock.advance(45 * 60_000);
    await reception.post(`/api/cases/${c.id}/resume`, {});
    const resumed = await clocksOf(c.id);
    expect(resumed.arrival!.dueAt.getTime()).toBe(before + 45 * 60_000);
    expect(resumed.arrival!.pausedAt).toBeNull();
    w.clock.advance(-45 * 60_000);
  });

  it('system: an unmet dispatch clock breaches and the supervisor hears of it; closing settles every clock', async () => {
    const reception = await w.as('reception');
    const c = await openCaseVia(reception, repairBody(w, { kind: 'inquiry', description: '询问装修规定' }));
    w.clock.advance(11 * 60_000);
    await fireDueDeadlines(w.database, w.clock);
    w.clock.advance(-11 * 60_000);
    await reception.post(`/api/cases/${c.id}/handled`, { note: '已答复' });
    await reception.post(`/api/cases/${c.id}/close`, { result: '已答复', evidence: { kind: 'document', note: '通话记录' } });
    const clocks = await clocksOf(c.id);
    expect(Object.values(clocks).every((d) => d.nextFireAt === null)).toBe(true);
    expect(clocks.reply!.state).toBe('met');
  });

  it('receptionist: an emergency notifies the supervisor and the project manager at once (R-EM-2)', async () => {
    const reception = await w.as('reception');
    const triage = (await reception.post('/api/triage', { estateId: w.a.id, description: '3号楼电梯困人，两人被困' })).json();
    expect(triage).toMatchObject({ urgency: 'emergency' });
    expect(triage.matched).toEqual(expect.arrayContaining(['困人', '电梯']));
    expect((await reception.post('/api/triage', { estateId: w.a.id, description: '电梯按钮不灵敏' })).json().urgency).toBe('routine');
    expect((await reception.post('/api/triage', { estateId: w.a.id, description: '厨房没有漏水，只是想问问' })).json().urgency).toBe('routine');
    const c = await openCaseVia(reception, repairBody(w, { urgency: 'emergency', locationKind: 'public', unitId: null, residentId: null, locationText: '3号楼电梯', description: '电梯困人' }));
    const msgs = await w.database.db.select().from(outbox).where(eq(outbox.topic, 'case.emergency'));
    const recipients = msgs.filter((m) => (m.payload as { caseId: string }).caseId === c.id).map((m) => m.recipient).sort();
    expect(recipients).toEqual([w.a.userIds.supervisor, w.a.userIds.pm].sort());
    expect((await clocksOf(c.id)).arrival!.dueAt.toISOString()).toBe('2026-03-02T02:10:00.000Z');
  });

  it('system: three complaints of one category in one building from different people propose a hot flag; confirming starts the 4 h report (R-HOT-1, R-HOT-3)', async () => {
    const reception = await w.as('reception');
    const body = (unit: string, phone: string) =>
      repairBody(w, { kind: 'complaint', complaintNature: 'valid', complaintContent: 'quality', category: '噪音', unitId: w.a.unitIds[unit], residentId: null, contactPhone: phone, description: '夜间施工噪音' });
    await openCaseVia(reception, body('3-1-101', '13700000101'));
    await openCaseVia(reception, body('3-1-102', '13700000102'));
    expect((await (await w.as('supervisor')).get(`/api/flag-proposals?estateId=${w.a.id}`)).json().items).toHaveLength(0);
    const third = await openCaseVia(reception, body('3-2-201', '13700000103'));
    const sup = await w.as('supervisor');
    const proposals = (await sup.get(`/api/flag-proposals?estateId=${w.a.id}`)).json().items;
    expect(proposals).toEqual([expect.objectContaining({ caseId: third.id, flag: 'hot', reason: 'repeat' })]);
    expect((await reception.post(`/api/flag-proposals/${proposals[0].id}/decide`, { decision: 'confirm' })).statusCode).toBe(403);
    await sup.post(`/api/flag-proposals/${proposals[0].id}/decide`, { decision: 'confirm' });
    expect((await sup.get(`/api/cases/${third.id}`)).json().hot).toBe(true);
    const hot = await w.database.db.select().from(deadlines).where(and(eq(deadlines.caseId, third.id), eq(deadlines.clock, 'hot_report')));
    expect(hot[0]!.dueAt.getTime() - w.clock.now().getTime()).toBe(4 * 3_600_000);
  });

  it('system: a collective complaint of 10 proposes major; an open complaint a week old proposes hot (R-HOT-1/2)', async () => {
    const reception = await w.as('reception');
    const big = await openCaseVia(reception, repairBody(w, { kind: 'complaint', complaintNature: 'valid', complainants: 12, description: '多户联名投诉电梯频繁故障' }));
    const sup = await w.as('supervisor');
    const list = () => sup.get(`/api/flag-proposals?estateId=${w.a.id}`).then((r) => r.json().items);
    expect((await list()).find((p: { caseId: string }) => p.caseId === big.id)).toMatchObject({ flag: 'major', reason: 'headcount' });
    const old = await openCaseVia(reception, repairBody(w, { kind: 'complaint', complaintNature: 'valid', description: '物业费公示不清' }));
    await sweepAgedComplaints(w.database.db, new Date(w.clock.now().getTime() + 8 * 86_400_000));
    expect((await list()).find((p: { caseId: string }) => p.caseId === old.id)).toMatchObject({ flag: 'hot', reason: 'age' });
  });
});

describe('re-booking', () => {
  it('receptionist: a re-booked appointment moves the arrival clock (R-WO-4)', async () => {
    const reception = await w.as('reception');
    const c = await openCaseVia(reception, repairBody(w));
    const o = (await reception.post(`/api/cases/${c.id}/orders`, { departmentId: w.a.departmentIds.ENG })).json();
    const res = await reception.post(`/api/orders/${o.id}/rebook`, { appointmentAt: '2026-03-03T09:00:00+08:00', reason: '业户明早在家' });
    expect(res.json()).toMatchObject({ rebookReason: '业户明早在家' });
    expect((await clocksOf(c.id)).arrival!.dueAt.toISOString()).toBe('2026-03-03T01:00:00.000Z');
  });
});

describe('clocks follow the case when it changes', () => {
  const inquiry = () => repairBody(w, { kind: 'inquiry', description: '询问停水安排' });
  const close = (c: { post: (u: string, b: unknown) => Promise<{ statusCode: number }> }, id: string) =>
    c.post(`/api/cases/${id}/close`, { result: '已答复', evidence: { kind: 'document', note: '通话记录' } });

  it('supervisor: flagging a routine repair as an emergency later shortens arrival to 10 min from the flag (R-WO-4)', async () => {
    const reception = await w.as('reception');
    const sup = await w.as('supervisor');
    const c = await openCaseVia(reception, repairBody(w));
    expect((await clocksOf(c.id)).arrival!.dueAt.toISOString()).toBe('2026-03-02T02:20:00.000Z');
    await later(3 * MIN, async () => expect((await sup.post(`/api/cases/${c.id}/flag`, { urgency: 'emergency', reason: '业户称水漫到楼下' })).statusCode).toBe(200));
    const arrival = (await clocksOf(c.id)).arrival!;
    expect(arrival.dueAt.toISOString()).toBe('2026-03-02T02:13:00.000Z');
    expect(arrival.nextFireAt!.getTime()).toBeLessThan(arrival.dueAt.getTime());
    // Flagged 15 min in, 10 more minutes would be later than the routine 20: the earlier due stays.
    const d = await openCaseVia(reception, repairBody(w));
    await later(15 * MIN, () => sup.post(`/api/cases/${d.id}/flag`, { urgency: 'emergency', reason: '升级' }));
    expect((await clocksOf(d.id)).arrival!.dueAt.toISOString()).toBe('2026-03-02T02:20:00.000Z');
  });

  it('receptionist: a reopened case gets new clocks counted from the reopening; the old ones keep their record', async () => {
    const reception = await w.as('reception');
    const c = await openCaseVia(reception, inquiry());
    await reception.post(`/api/cases/${c.id}/handled`, { note: '已答复' });
    await close(reception, c.id);
    await later(30 * MIN, () => reception.post(`/api/cases/${c.id}/reopen`, { reason: '业户说答复不对' }));
    const rows = await w.database.db.select().from(deadlines).where(and(eq(deadlines.caseId, c.id), eq(deadlines.clock, 'reply')));
    expect(rows.map((r) => r.state).sort()).toEqual(['met', 'pending']);
    const fresh = rows.find((r) => r.state === 'pending')!;
    expect(fresh.startedAt.toISOString()).toBe('2026-03-02T02:30:00.000Z');
    expect(fresh.dueAt.toISOString()).toBe('2026-03-02T09:00:00.000Z');
    expect(fresh.nextFireAt).not.toBeNull();
  });

  it('receptionist: a promised reply time set after intake starts the promised_reply clock; changing it moves that clock (R-IN-8)', async () => {
    const reception = await w.as('reception');
    const c = await openCaseVia(reception, inquiry());
    expect((await clocksOf(c.id)).promised_reply).toBeUndefined();
    const set = await reception.post(`/api/cases/${c.id}/promised-reply`, { at: '2026-03-03T10:00:00+08:00', note: '需问工程部' });
    expect(set.statusCode).toBe(200);
    expect(set.json().promisedReplyAt).toBe('2026-03-03T02:00:00.000Z');
    expect((await clocksOf(c.id)).promised_reply).toMatchObject({ state: 'pending', dueAt: new Date('2026-03-03T02:00:00.000Z') });
    await reception.post(`/api/cases/${c.id}/promised-reply`, { at: '2026-03-04T10:00:00+08:00' });
    const rows = await w.database.db.select().from(deadlines).where(and(eq(deadlines.caseId, c.id), eq(deadlines.clock, 'promised_reply')));
    expect(rows.map((r) => [r.state, r.dueAt.toISOString()])).toEqual([['pending', '2026-03-04T02:00:00.000Z']]);
    const past = await reception.post(`/api/cases/${c.id}/promised-reply`, { at: '2026-03-01T10:00:00+08:00' });
    expect(past.statusCode).toBe(409);
    expect((await (await w.as('tech1')).post(`/api/cases/${c.id}/promised-reply`, { at: '2026-03-05T10:00:00+08:00' })).statusCode).toBe(403);
    const events = await w.database.db.select().from(caseEvents).where(and(eq(caseEvents.caseId, c.id), eq(caseEvents.action, 'case.reply_promised')));
    expect(events).toHaveLength(2);
  });

  it('receptionist: closing a case after a clock was due records it breached, not met, even when the scheduler never ran', async () => {
    const reception = await w.as('reception');
    const c = await openCaseVia(reception, inquiry());
    await later(8 * 3_600_000, async () => {
      await reception.post(`/api/cases/${c.id}/handled`, { note: '次日答复' });
      await close(reception, c.id);
    });
    const reply = (await clocksOf(c.id)).reply!;
    expect(reply.state).toBe('breached');
    expect(reply.breachedAt!.toISOString()).toBe('2026-03-02T09:00:00.000Z');
    expect(reply.settledAt).not.toBeNull();
    expect(reply.nextFireAt).toBeNull();
  });
});

describe('follow-up tasks', () => {
  const taskOf = async (caseId: string, kind: string) =>
    (await w.database.db.select().from(followUps).where(and(eq(followUps.caseId, caseId), eq(followUps.kind, kind))))[0];

  it('receptionist: a follow-up logged after its clock breached leaves the clock breached (R-FU-1)', async () => {
    const reception = await w.as('reception');
    const c = await openCaseVia(reception, repairBody(w));
    await later(96 * MIN, () => fireDueDeadlines(w.database, w.clock));
    await later(121 * MIN, () => fireDueDeadlines(w.database, w.clock));
    expect((await clocksOf(c.id)).followup_2h!.state).toBe('breached');
    const task = (await taskOf(c.id, 'followup_2h'))!;
    expect((await later(130 * MIN, () => reception.post(`/api/follow-ups/${task.id}/done`, { note: '已致电' }))).statusCode).toBe(200);
    const clock = (await clocksOf(c.id)).followup_2h!;
    expect(clock.state).toBe('breached');
    expect(clock.settledAt).not.toBeNull();
  });

  it('receptionist: logged before the due time but after the warning, the clock is met', async () => {
    const reception = await w.as('reception');
    const c = await openCaseVia(reception, repairBody(w));
    await later(96 * MIN, () => fireDueDeadlines(w.database, w.clock));
    const task = (await taskOf(c.id, 'followup_2h'))!;
    await later(100 * MIN, () => reception.post(`/api/follow-ups/${task.id}/done`, { note: '已致电' }));
    expect((await clocksOf(c.id)).followup_2h!.state).toBe('met');
  });

  it('system: a clock that breaches without ever warning (nobody ran at the warning time) still puts a task on the queue; cancelling the case takes it off', async () => {
    const reception = await w.as('reception');
    const c = await openCaseVia(reception, repairBody(w));
    await later(121 * MIN, () => fireDueDeadlines(w.database, w.clock));
    expect((await clocksOf(c.id)).followup_2h!.warnedAt).toBeNull();
    expect(await taskOf(c.id, 'followup_2h')).toMatchObject({ state: 'open', assigneeRole: 'receptionist' });
    await (await w.as('supervisor')).post(`/api/cases/${c.id}/cancel`, { reason: '重复立项' });
    expect((await taskOf(c.id, 'followup_2h'))!.state).toBe('cancelled');
    const queue = (await reception.get(`/api/follow-ups?caseId=${c.id}`)).json();
    expect(queue.items).toEqual([]);
  });

  it('receptionist: closing a case takes its open follow-up tasks off the queue', async () => {
    const reception = await w.as('reception');
    const c = await openCaseVia(reception, repairBody(w, { kind: 'help', description: '帮忙搬运' }));
    await later(96 * MIN, () => fireDueDeadlines(w.database, w.clock));
    expect((await taskOf(c.id, 'followup_2h'))!.state).toBe('open');
    await reception.post(`/api/cases/${c.id}/handled`, { note: '已协助' });
    await reception.post(`/api/cases/${c.id}/close`, { result: '已协助', evidence: { kind: 'document', note: '记录' } });
    expect((await taskOf(c.id, 'followup_2h'))!.state).toBe('cancelled');
  });
});

describe('hot and major complaints by judgement (R-HOT-1/2)', () => {
  const complaint = (over: Record<string, unknown> = {}) => repairBody(w, { kind: 'complaint', complaintNature: 'valid', description: '对维修结果不满', ...over });

  it('supervisor: a threatened lawsuit makes the complaint hot; reporting it to the group meets the 4 h clock', async () => {
    const reception = await w.as('reception');
    const sup = await w.as('supervisor');
    const c = await openCaseVia(reception, complaint());
    expect((await sup.post(`/api/cases/${c.id}/hot-report`, { note: '已报集团' })).statusCode).toBe(409);
    const flagged = await sup.post(`/api/cases/${c.id}/flag`, { lawsuit: 'risk', reason: '业户称要起诉' });
    expect(flagged.json()).toMatchObject({ hot: true, major: false });
    const [ev] = await w.database.db.select().from(caseEvents).where(and(eq(caseEvents.caseId, c.id), eq(caseEvents.action, 'case.flagged')));
    expect(ev!.after).toMatchObject({ hot: true, lawsuit: 'risk' });
    expect((await clocksOf(c.id)).hot_report!.state).toBe('pending');
    expect((await reception.post(`/api/cases/${c.id}/hot-report`, { note: 'x' })).statusCode).toBe(403);
    await later(60 * MIN, () => sup.post(`/api/cases/${c.id}/hot-report`, { note: '已电话报集团品质部' }));
    expect((await clocksOf(c.id)).hot_report!.state).toBe('met');
    const reported = await w.database.db.select().from(caseEvents).where(and(eq(caseEvents.caseId, c.id), eq(caseEvents.action, 'case.hot_reported')));
    expect(reported.map((e) => e.note)).toEqual(['已电话报集团品质部']);
  });

  it('supervisor: a report after the 4 h leaves the hot_report clock breached', async () => {
    const sup = await w.as('supervisor');
    const c = await openCaseVia(await w.as('reception'), complaint());
    await sup.post(`/api/cases/${c.id}/flag`, { media: 'risk', reason: '业户称要找电视台' });
    await later(5 * 3_600_000, () => sup.post(`/api/cases/${c.id}/hot-report`, { note: '迟报' }));
    expect((await clocksOf(c.id)).hot_report!.state).toBe('breached');
  });

  it('supervisor: a complaint already in the media is major and the quality office hears of it at once', async () => {
    const sup = await w.as('supervisor');
    const c = await openCaseVia(await w.as('reception'), complaint());
    const res = await sup.post(`/api/cases/${c.id}/flag`, { media: 'exposed', reason: '已上本地新闻' });
    expect(res.json()).toMatchObject({ major: true });
    const msgs = await w.database.db.select().from(outbox).where(eq(outbox.topic, 'case.major'));
    expect(msgs.filter((m) => (m.payload as { caseId: string }).caseId === c.id).map((m) => m.recipient)).toEqual([w.a.userIds.quality]);
    expect((await sup.post(`/api/cases/${c.id}/flag`, { lawsuit: 'maybe', reason: 'x' })).statusCode).toBe(400);
  });
});

describe('hot complaint detection (R-HOT-3), estate B', () => {
  const complaintB = (over: Record<string, unknown>) =>
    repairBody(w, { estateId: w.b.id, kind: 'complaint', complaintNature: 'valid', unitId: w.b.unitIds['2-1-101'], residentId: null, description: '投诉', ...over });
  const proposalsOf = async (caseId: string) => w.database.db.select().from(flagProposals).where(eq(flagProposals.caseId, caseId));

  it('system: one resident complaining three times is not three different residents', async () => {
    const reception = await w.as('reception_b');
    const body = complaintB({ category: '电梯噪音', residentId: w.b.residentIds.resident, contactPhone: '13900000001' });
    await openCaseVia(reception, body);
    await openCaseVia(reception, body);
    const third = await openCaseVia(reception, body);
    expect(await proposalsOf(third.id)).toEqual([]);
  });

  it('system: the 3rd complaint exactly 30 days after the 1st counts; a minute later it does not', async () => {
    const reception = await w.as('reception_b');
    const person = (i: number, category: string) => complaintB({ category, unitId: w.b.unitIds[`2-1-10${i}`], contactPhone: `1390000010${i}` });
    for (const [category, gap] of [['垃圾清运', 30 * DAY], ['绿化修剪', 30 * DAY + MIN]] as const) {
      await openCaseVia(reception, person(1, category));
      await later(DAY, async () => openCaseVia(await w.as('reception_b'), person(2, category)));
      const third = await later(gap, async () => openCaseVia(await w.as('reception_b'), person(3, category)));
      const expected = gap === 30 * DAY ? [expect.objectContaining({ flag: 'hot', reason: 'repeat' })] : [];
      expect(await proposalsOf(third.id)).toEqual(expected);
    }
  });

  it('system: the age sweep uses the estate’s own day threshold and never starves new cases behind proposed ones', async () => {
    await w.database.db.update(estates).set({ settings: { hot: { hotAfterDays: 3, majorAfterDays: 10 } } }).where(eq(estates.id, w.b.id));
    const reception = await w.as('reception_b');
    const first = await openCaseVia(reception, complaintB({ category: '停车', contactPhone: '13900000201' }));
    const second = await later(MIN, () => openCaseVia(reception, complaintB({ category: '停车', unitId: w.b.unitIds['1-1-101'], contactPhone: '13900000202' })));
    const at = (ms: number) => new Date(w.clock.now().getTime() + ms);
    expect(await sweepAgedComplaints(w.database.db, at(2 * DAY), 1)).toBe(0);
    // Batches of one: a proposed case is not read again, so each sweep reaches a new case.
    const made: number[] = [];
    while (made.at(-1) !== 0 && made.length < 50) made.push(await sweepAgedComplaints(w.database.db, at(3 * DAY + 2 * MIN), 1));
    expect(made.at(-1)).toBe(0);
    expect(made.slice(0, -1).every((n) => n === 1)).toBe(true);
    expect(await proposalsOf(first.id)).toEqual([expect.objectContaining({ flag: 'hot', reason: 'age' })]);
    expect(await proposalsOf(second.id)).toEqual([expect.objectContaining({ flag: 'hot', reason: 'age' })]);
    await sweepAgedComplaints(w.database.db, at(10 * DAY + 2 * MIN), 5);
    expect((await proposalsOf(first.id)).map((p) => p.flag).sort()).toEqual(['hot', 'major']);
  });
});
