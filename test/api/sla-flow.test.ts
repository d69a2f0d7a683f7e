import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deadlines, outbox } from '../../src/db/schema/index.js';
import { fireDueDeadlines } from '../../src/jobs/deadline-scheduler.js';
import { sweepAgedComplaints } from '../../src/services/sla/hot-detection.js';
import { createWorld, type TestWorld } from '../support/harness.js';
import { openCaseVia, repairBody } from '../support/desk.js';

let w: TestWorld;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(async () => w?.close());

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
