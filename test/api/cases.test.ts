import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type TestWorld } from '../support/harness.js';
import { openCaseVia, repairBody } from '../support/desk.js';
import { IN_FLIGHT_EXPIRY_MS } from '../../src/http/plugins/idempotency.js';

let w: TestWorld;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(async () => w?.close());

describe('opening cases', () => {
  it('receptionist: opens a repair case numbered per estate and Beijing year (R-IN-5)', async () => {
    const reception = await w.as('reception');
    const first = await openCaseVia(reception, repairBody(w));
    const second = await openCaseVia(reception, repairBody(w));
    expect(first.number).toMatch(/^YH-2026-\d{6}$/);
    expect(Number(second.number.slice(-6))).toBe(Number(first.number.slice(-6)) + 1);
    expect(first).toMatchObject({ status: 'opened', kind: 'repair', unitCode: '1-1-101', statusLabel: '已立项' });
    expect(first.actions).toEqual(expect.arrayContaining(['pause', 'cancel', 'issue_order']));
    expect(first.actions).not.toContain('close');
  });

  it('receptionist: case numbers restart on 1 January Beijing time, not UTC', async () => {
    const saved = w.clock.now();
    w.clock.set('2026-12-31T15:30:00Z'); // 23:30 Beijing, still 2026
    const reception = await w.as('reception');
    const late = await openCaseVia(reception, repairBody(w));
    w.clock.set('2026-12-31T16:10:00Z'); // 00:10 Beijing on 1 January 2027
    const early = await openCaseVia(reception, repairBody(w));
    w.clock.set(saved);
    expect(late.number).toMatch(/^YH-2026-/);
    expect(early.number).toBe('YH-2027-000001');
  });

  it('receptionist: an in-home repair without a unit is refused field by field (R-IN-5)', async () => {
    const reception = await w.as('reception');
    const res = await reception.post('/api/cases', repairBody(w, { unitId: null, paid: true }));
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['unitId', 'paidConfirmedTwice']));
  });

  it('receptionist: a complaint needs its nature; a communicative one its subtype (R-IN-7)', async () => {
    const reception = await w.as('reception');
    const bad = await reception.post('/api/cases', repairBody(w, { kind: 'complaint', complaintNature: 'communicative' }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].field).toBe('complaintSubtype');
  });

  it('receptionist: a written complaint gets a receipt number (R-IN-9)', async () => {
    const reception = await w.as('reception');
    const c = await openCaseVia(reception, repairBody(w, { kind: 'complaint', channel: 'letter', complaintNature: 'valid', complaintContent: 'attitude' }));
    expect(c.receiptNumber).toBe(`HZ-${c.number}`);
  });

  it('receptionist: unknown or forbidden fields such as status and estate_id are refused with 400', async () => {
    const reception = await w.as('reception');
    for (const extra of [{ status: 'closed' }, { estate_id: w.b.id }]) {
      const res = await reception.post('/api/cases', { ...repairBody(w), ...extra });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields[0].field).toBe(Object.keys(extra)[0]);
    }
  });

  it('receptionist: a replayed Idempotency-Key returns the first case; another body with it is 422', async () => {
    const reception = await w.as('reception');
    const headers = { 'idempotency-key': 'open-case-key-0001' };
    const count = async () => ((await w.database.db.execute(sql`select count(*)::int as n from cases`)) as unknown as { rows: { n: number }[] }).rows[0];
    const a = await reception.post('/api/cases', repairBody(w), headers);
    const before = await count();
    const b = await reception.post('/api/cases', repairBody(w), headers);
    expect(b.statusCode).toBe(201);
    expect(b.json().id).toBe(a.json().id);
    expect(b.headers['idempotent-replay']).toBe('true');
    expect(await count()).toEqual(before);
    const c = await reception.post('/api/cases', repairBody(w, { description: '别的内容' }), headers);
    expect(c.statusCode).toBe(422);
  });

  it('receptionist: a key left in flight by a crashed request answers 409 for a while, then the same request may run again', async () => {
    const reception = await w.as('reception');
    const headers = { 'idempotency-key': 'open-case-crashed-0001' };
    const body = repairBody(w, { description: '崩溃前提交的报修' });
    expect((await reception.post('/api/cases', body, headers)).statusCode).toBe(201);
    // As if the process died between claiming the key and storing the answer.
    await w.database.db.execute(sql`update idempotency_keys set status_code = 0, response = '{}'::jsonb where key = ${headers['idempotency-key']}`);
    const busy = await reception.post('/api/cases', body, headers);
    expect(busy.statusCode).toBe(409);
    expect(busy.json().error.code).toBe('idempotency_in_flight');
    w.clock.advance(IN_FLIGHT_EXPIRY_MS + 1000);
    const retried = await reception.post('/api/cases', body, headers);
    expect(retried.statusCode).toBe(201);
    expect(retried.headers['idempotent-replay']).toBeUndefined();
    const replay = await reception.post('/api/cases', body, headers);
    expect(replay.headers['idempotent-replay']).toBe('true');
    expect(replay.json().id).toBe(retried.json().id);
    expect((await reception.post('/api/cases', { ...body, description: '别的' }, headers)).statusCode).toBe(422);
  });

  it('resident: opens a repair for own unit from the portal and sees only own cases', async () => {
    const resident = await w.as('resident');
    const res = await resident.post('/api/cases', { estateId: w.a.id, kind: 'repair', channel: 'wechat', locationKind: 'in_home', description: '卫生间灯不亮' });
    expect(res.statusCode).toBe(201);
    expect(res.json().unitId).toBe(w.a.unitIds['1-1-101']);
    const other = await openCaseVia(await w.as('reception'), repairBody(w, { unitId: w.a.unitIds['2-1-502'], residentId: null }));
    expect((await resident.get(`/api/cases/${other.id}`)).statusCode).toBe(404);
    const list = (await resident.get('/api/cases')).json();
    expect(list.items.every((c: { unitId: string }) => c.unitId === w.a.unitIds['1-1-101'])).toBe(true);
    const phone = await resident.post('/api/cases', { estateId: w.a.id, kind: 'repair', channel: 'phone', locationKind: 'in_home', description: 'x' });
    expect(phone.statusCode).toBe(400);
  });

  it('receptionist: the answer to opening is exactly the case page read afterwards, for every shape of case', async () => {
    // Opening builds its answer from what it wrote (one statement, no read after), so it must
    // equal what GET returns: number, receipt, clocks, board columns, actions, unit code.
    const reception = await w.as('reception');
    const resident = await w.as('resident');
    const at = (min: number) => new Date(w.clock.now().getTime() + min * 60_000).toISOString();
    const shapes: [typeof reception, Record<string, unknown>][] = [
      [reception, repairBody(w)],
      [reception, repairBody(w, { appointmentAt: at(180), paid: true, paidConfirmedTwice: true, quoteCents: 5000, residentSuppliesParts: true })],
      [reception, repairBody(w, { kind: 'complaint', channel: 'letter', complaintNature: 'valid', complaintContent: 'attitude', promisedReplyAt: at(600) })],
      [reception, repairBody(w, { kind: 'help', urgency: 'emergency', locationKind: 'public', unitId: null, residentId: null, locationText: '2号楼电梯', description: '电梯困人' })],
      [reception, repairBody(w, { kind: 'inquiry', locationKind: 'public', unitId: null, residentId: null, locationText: '小区东门', contactPhone: null, phoneConsent: false })],
      [resident, { estateId: w.a.id, kind: 'repair', channel: 'wechat', locationKind: 'in_home', description: '卫生间灯不亮' }],
    ];
    for (const [client, body] of shapes) {
      const opened = await openCaseVia(client, body);
      const page = (await client.get(`/api/cases/${opened.id}`)).json();
      expect(opened).toEqual(page);
      const events = (await client.get(`/api/cases/${opened.id}/timeline`)).json().events;
      expect(events[0]).toMatchObject({ action: 'case.opened', after: { number: opened.number, kind: body.kind } });
    }
    // The board columns written with the case are what the deadlines trigger would compute.
    const drift = await w.database.db.execute(sql`select c.number from cases c where c.estate_id = ${w.a.id} and (
      c.next_due_at is distinct from (select min(d.due_at) from deadlines d where d.estate_id = c.estate_id and d.case_id = c.id
        and d.settled_at is null and d.paused_at is null and d.state in ('pending', 'warned'))
      or c.breached <> exists (select 1 from deadlines d where d.estate_id = c.estate_id and d.case_id = c.id and d.settled_at is null and d.state = 'breached'))`);
    expect((drift as unknown as { rows: unknown[] }).rows).toEqual([]);
  });

  it('receptionist: a sequence past 999999 keeps every digit; 20 cases opened at once get 20 consecutive numbers', async () => {
    const reception = await w.as('reception');
    await w.database.db.execute(sql`insert into case_counters (estate_id, year, last_seq) values (${w.b.id}, 2026, 999998) on conflict (estate_id, year) do update set last_seq = 999998`);
    const deskB = await w.as('reception_b');
    const body = { ...repairBody(w), estateId: w.b.id, unitId: w.b.unitIds['1-1-101'], residentId: null };
    const first = await openCaseVia(deskB, body);
    const next = await openCaseVia(deskB, body);
    expect([first.number, next.number]).toEqual(['LH-2026-999999', 'LH-2026-1000000']);
    const many = await Promise.all(Array.from({ length: 20 }, () => openCaseVia(reception, repairBody(w))));
    const seqs = many.map((c) => Number(c.number.slice('YH-2026-'.length))).sort((x, y) => x - y);
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => seqs[0]! + i));
  });
});

describe('contacts', () => {
  it('receptionist: an answered contact is logged and opens no case (R-IN-3)', async () => {
    const reception = await w.as('reception');
    const before = (await reception.get(`/api/cases?estateId=${w.a.id}&limit=1`)).json().total;
    const res = await reception.post('/api/contacts', { estateId: w.a.id, channel: 'phone', callerPhone: '13800000001', content: '询问停水时间', outcome: 'answered', answer: '明日9点至12点停水' });
    expect(res.statusCode).toBe(201);
    expect(res.json().case).toBeNull();
    expect((await reception.get(`/api/cases?estateId=${w.a.id}&limit=1`)).json().total).toBe(before);
    const log = (await reception.get(`/api/contacts?estateId=${w.a.id}&q=停水`)).json();
    expect(log.items[0]).toMatchObject({ outcome: 'answered', channel: 'phone' });
  });

  it('receptionist: a contact opened as a case links both in one step', async () => {
    const reception = await w.as('reception');
    const res = await reception.post('/api/contacts', {
      estateId: w.a.id,
      channel: 'walk_in',
      unitId: w.a.unitIds['2-1-502'],
      content: '阳台下水道堵塞',
      outcome: 'case',
      case: { kind: 'repair', locationKind: 'in_home' },
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.case).toMatchObject({ contactId: body.contact.id, channel: 'walk_in', description: '阳台下水道堵塞' });
    expect(body.contact.caseId).toBe(body.case.id);
  });

  it('supervisor: decides an undecided contact by opening a case (R-IN-4); a receptionist may not', async () => {
    const reception = await w.as('reception');
    const res = await reception.post('/api/contacts', { estateId: w.a.id, channel: 'phone', content: '邻居装修噪音', outcome: 'undecided' });
    const id = res.json().contact.id;
    expect((await reception.post(`/api/contacts/${id}/decide`, { decision: 'answer', answer: 'x' })).statusCode).toBe(403);
    const sup = await w.as('supervisor');
    const decided = await sup.post(`/api/contacts/${id}/decide`, { decision: 'open', case: { kind: 'complaint', locationKind: 'public', locationText: '1号楼', complaintNature: 'communicative', complaintSubtype: 'help-seeking' } });
    expect(decided.statusCode).toBe(200);
    expect(decided.json().case.kind).toBe('complaint');
    expect((await sup.post(`/api/contacts/${id}/decide`, { decision: 'answer', answer: 'x' })).statusCode).toBe(409);
  });
});

describe('lifecycle and closing', () => {
  it('receptionist: closing a case that is not handled is refused naming R-CL-1', async () => {
    const reception = await w.as('reception');
    const c = await openCaseVia(reception, repairBody(w));
    const res = await reception.post(`/api/cases/${c.id}/close`, { result: '已修好' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.rule).toBe('R-CL-1');
    expect(res.json().error.message).toContain('R-CL-1');
  });

  it('receptionist: an inquiry handled by the desk closes on a document (R-CL-3) and not without one', async () => {
    const reception = await w.as('reception');
    const c = await openCaseVia(reception, repairBody(w, { kind: 'inquiry', description: '物业费缴纳方式' }));
    await reception.post(`/api/cases/${c.id}/handled`, { note: '已电话告知缴费方式' });
    const bare = await reception.post(`/api/cases/${c.id}/close`, { result: '已答复' });
    expect(bare.json().error.rule).toBe('R-CL-3');
    const ok = await reception.post(`/api/cases/${c.id}/close`, { result: '已答复', evidence: { kind: 'document', note: '通话记录 2026-03-02' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'closed', closedBy: reception.userId, closeResult: '已答复' });
  });

  it('receptionist: an open finding blocks closing until it is split off as its own case (R-CL-4)', async () => {
    const reception = await w.as('reception');
    const c = await openCaseVia(reception, repairBody(w, { kind: 'help', description: '帮忙搬运' }));
    const withFinding = (await reception.post(`/api/cases/${c.id}/findings`, { description: '发现楼道灯损坏' })).json();
    await reception.post(`/api/cases/${c.id}/handled`, { note: '已协助' });
    const blocked = await reception.post(`/api/cases/${c.id}/close`, { result: '已协助', evidence: { kind: 'document', note: '记录' } });
    expect(blocked.json().error.rule).toBe('R-CL-4');
    const findingId = withFinding.findings[0].id;
    const split = await reception.post(`/api/cases/${c.id}/findings/${findingId}`, {
      outcome: 'split',
      newCase: { kind: 'repair', channel: 'patrol', locationKind: 'public', locationText: '1号楼2单元楼道', description: '楼道灯损坏' },
    });
    expect(split.json().findings[0]).toMatchObject({ status: 'split' });
    const ok = await reception.post(`/api/cases/${c.id}/close`, { result: '已协助', evidence: { kind: 'document', note: '记录' } });
    expect(ok.json().status).toBe('closed');
  });

  it('receptionist: an emergency goes to approval; supervisor approves and is recorded (R-CL-5, R-CL-7)', async () => {
    const reception = await w.as('reception');
    const c = await openCaseVia(reception, repairBody(w, { kind: 'suggestion', urgency: 'emergency', description: '消防通道被占' }));
    await reception.post(`/api/cases/${c.id}/handled`, { note: '已清理' });
    const req = await reception.post(`/api/cases/${c.id}/close`, { result: '已清理通道', evidence: { kind: 'document', note: '照片' } });
    expect(req.json().status).toBe('pending_approval');
    const sup = await w.as('supervisor');
    const queue = (await sup.get(`/api/approvals?estateId=${w.a.id}`)).json().items;
    const approval = queue.find((a: { caseId: string }) => a.caseId === c.id);
    expect(approval).toMatchObject({ kind: 'close', approverRole: 'supervisor', mayDecide: true });
    expect((await reception.post(`/api/approvals/${approval.id}/decide`, { decision: 'approve' })).statusCode).toBe(403);
    const done = await sup.post(`/api/approvals/${approval.id}/decide`, { decision: 'approve', comment: '同意' });
    expect(done.json()).toMatchObject({ status: 'closed', closeApprovalId: approval.id, closeResult: '已清理通道', closedBy: reception.userId });
  });

  it('receptionist: an unresolvable case closes only with the project manager (R-CL-6)', async () => {
    const reception = await w.as('reception');
    const c = await openCaseVia(reception, repairBody(w, { kind: 'complaint', complaintNature: 'valid', description: '小区外道路施工噪音' }));
    const pending = await reception.post(`/api/cases/${c.id}/unresolvable`, { reason: '属市政施工，非物业可处理' });
    expect(pending.json().status).toBe('unresolvable_pending');
    const approval = pending.json().approvals[0];
    const sup = await w.as('supervisor');
    expect((await sup.post(`/api/approvals/${approval.id}/decide`, { decision: 'approve' })).statusCode).toBe(403);
    const pm = await w.as('pm');
    const done = await pm.post(`/api/approvals/${approval.id}/decide`, { decision: 'approve' });
    expect(done.json().status).toBe('closed_unresolved');
  });

  it('receptionist: a stale If-Match is refused with 412 and changes nothing', async () => {
    const reception = await w.as('reception');
    const c = await openCaseVia(reception, repairBody(w));
    const paused = await reception.post(`/api/cases/${c.id}/pause`, { reason: 'awaiting_resident' }, { 'if-match': `"${c.version}"` });
    expect(paused.statusCode).toBe(200);
    expect(paused.headers.etag).toBe(`"${c.version + 1}"`);
    const stale = await reception.post(`/api/cases/${c.id}/resume`, {}, { 'if-match': `"${c.version}"` });
    expect(stale.statusCode).toBe(412);
    expect((await reception.get(`/api/cases/${c.id}`)).json().status).toBe('paused');
  });

  it('receptionist: a reopened case that is paused resumes as reopened, without counting another reopening', async () => {
    const reception = await w.as('reception');
    const c = await openCaseVia(reception, repairBody(w, { kind: 'inquiry', description: '咨询装修审批' }));
    await reception.post(`/api/cases/${c.id}/handled`, { note: '已答复' });
    await reception.post(`/api/cases/${c.id}/close`, { result: '已答复', evidence: { kind: 'document', note: '通话记录' } });
    expect((await reception.post(`/api/cases/${c.id}/reopen`, { reason: '业户仍有疑问' })).json()).toMatchObject({ status: 'reopened', reopenCount: 1 });
    await reception.post(`/api/cases/${c.id}/pause`, { reason: 'awaiting_resident' });
    const resumed = await reception.post(`/api/cases/${c.id}/resume`, {});
    expect(resumed.statusCode).toBe(200);
    expect(resumed.json()).toMatchObject({ status: 'reopened', reopenCount: 1, pauseReason: null });
  });

  it('receptionist: pause and resume return to where the case was', async () => {
    const reception = await w.as('reception');
    const c = await openCaseVia(reception, repairBody(w));
    await reception.post(`/api/cases/${c.id}/pause`, { reason: 'awaiting_parts', until: '2026-03-05T10:00:00+08:00' });
    const resumed = await reception.post(`/api/cases/${c.id}/resume`, {});
    expect(resumed.json()).toMatchObject({ status: 'opened', pauseReason: null });
  });
});

describe('timeline and audit', () => {
  it('receptionist: the timeline shows every step with before and after', async () => {
    const reception = await w.as('reception');
    const c = await openCaseVia(reception, repairBody(w));
    await reception.post(`/api/cases/${c.id}/pause`, { reason: 'awaiting_resident' });
    await reception.post(`/api/cases/${c.id}/resume`, {});
    const t = (await reception.get(`/api/cases/${c.id}/timeline`)).json();
    expect(t.events.map((e: { action: string }) => e.action)).toEqual(['case.opened', 'case.status', 'case.status']);
    expect(t.events[1]).toMatchObject({ before: { status: 'opened' }, after: { status: 'paused', pauseReason: 'awaiting_resident' }, actorName: '刘晓燕' });
  });

  it('receptionist and resident: include=timeline gives the case page and its timeline in one request; another estate still gets 404', async () => {
    const reception = await w.as('reception');
    const resident = await w.as('resident');
    const c = await openCaseVia(reception, repairBody(w));
    await reception.post(`/api/cases/${c.id}/pause`, { reason: 'awaiting_resident' });
    for (const client of [reception, resident]) {
      const both = (await client.get(`/api/cases/${c.id}?include=timeline`)).json();
      const { timeline, ...page } = both;
      expect(page).toEqual((await client.get(`/api/cases/${c.id}`)).json());
      expect(timeline).toEqual((await client.get(`/api/cases/${c.id}/timeline`)).json());
      expect(timeline.events.map((e: { action: string }) => e.action)).toEqual(['case.opened', 'case.status']);
    }
    expect((await (await w.as('reception_b')).get(`/api/cases/${c.id}?include=timeline`)).statusCode).toBe(404);
    const bad = await reception.get(`/api/cases/${c.id}?include=everything`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].field).toBe('include');
  });

  it('system: the event log refuses UPDATE and DELETE (R-AR-1)', async () => {
    const failure = (p: Promise<unknown>) => p.then(() => 'no error', (e: Error & { cause?: Error }) => String(e.cause?.message ?? e.message));
    expect(await failure(w.database.db.execute(sql`update case_events set note = 'x'`))).toMatch(/append-only/);
    expect(await failure(w.database.db.execute(sql`delete from case_events`))).toMatch(/append-only/);
    expect(await failure(w.database.db.execute(sql`truncate case_events`))).toMatch(/append-only/);
  });
});

describe('return visits', () => {
  it('receptionist: records the closing visit after closing (R-RV-1), once; a stage visit only while open (R-RV-3)', async () => {
    const reception = await w.as('reception');
    const c = await openCaseVia(reception, repairBody(w, { kind: 'inquiry', description: '咨询停车月卡' }));
    expect((await reception.post(`/api/cases/${c.id}/visits`, { kind: 'closing', outcome: 'visited', satisfaction: 5 })).json().error.rule).toBe('R-RV-1');
    expect((await reception.post(`/api/cases/${c.id}/visits`, { kind: 'stage', outcome: 'visited', satisfaction: 4, opinion: '希望尽快答复' })).statusCode).toBe(200);
    await reception.post(`/api/cases/${c.id}/handled`, { note: '已答复' });
    await reception.post(`/api/cases/${c.id}/close`, { result: '已答复', evidence: { kind: 'document', note: '通话记录' } });
    expect((await reception.post(`/api/cases/${c.id}/visits`, { kind: 'closing', outcome: 'visited' })).json().error.fields[0].field).toBe('satisfaction');
    const done = await reception.post(`/api/cases/${c.id}/visits`, { kind: 'closing', outcome: 'visited', satisfaction: 5, opinion: '满意' });
    expect(done.json().returnVisits.map((v: { kind: string }) => v.kind)).toEqual(['stage', 'closing']);
    expect(done.json().actions).not.toContain('return_visit');
    expect((await reception.post(`/api/cases/${c.id}/visits`, { kind: 'closing', outcome: 'visited', satisfaction: 5 })).statusCode).toBe(409);
  });

  it('receptionist: an exemption needs its reason (R-RV-2)', async () => {
    const reception = await w.as('reception');
    const c = await openCaseVia(reception, repairBody(w, { kind: 'inquiry' }));
    await reception.post(`/api/cases/${c.id}/handled`, { note: 'x' });
    await reception.post(`/api/cases/${c.id}/close`, { result: 'x', evidence: { kind: 'document', note: 'x' } });
    expect((await reception.post(`/api/cases/${c.id}/visits`, { kind: 'closing', outcome: 'exempt' })).statusCode).toBe(400);
    expect((await reception.post(`/api/cases/${c.id}/visits`, { kind: 'closing', outcome: 'exempt', exemptReason: 'unreachable' })).statusCode).toBe(200);
  });
});

describe('steps the case’s state does not allow are refused by the API, not only hidden (R-LC-1)', () => {
  /** What a refused step must leave alone: status, version and the timeline. */
  const snapshot = async (client: Awaited<ReturnType<TestWorld['as']>>, id: string) => {
    const page = (await client.get(`/api/cases/${id}?include=timeline`)).json();
    return { status: page.status, version: page.version, events: page.timeline.events.length, approvals: page.approvals };
  };
  const refused = async (res: { statusCode: number; json(): { error: { rule: string; message: string } } }, rule: string) => {
    expect(res.statusCode).toBe(409);
    expect(res.json().error.rule).toBe(rule);
    expect(res.json().error.message).toContain(`（${rule}）`);
  };
  const communicative = { kind: 'complaint', complaintNature: 'communicative', complaintSubtype: 'venting', complaintContent: 'attitude', description: '保安态度差' };

  it('receptionist: resuming a case that is not paused is refused and it stays where it is', async () => {
    const reception = await w.as('reception');
    const c = await openCaseVia(reception, repairBody(w));
    await reception.post(`/api/cases/${c.id}/orders`, { departmentId: w.a.departmentIds.ENG });
    const before = await snapshot(reception, c.id);
    expect(before.status).toBe('dispatched');
    await refused(await reception.post(`/api/cases/${c.id}/resume`, {}), 'R-LC-1');
    expect(await snapshot(reception, c.id)).toEqual(before);
  });

  it('receptionist: an unresolvable case can be neither resumed nor paused; its approval stays pending for the project manager (R-CL-6)', async () => {
    const reception = await w.as('reception');
    const c = await openCaseVia(reception, repairBody(w, { kind: 'help', description: '小区外占道' }));
    const pending = (await reception.post(`/api/cases/${c.id}/unresolvable`, { reason: '非物业可处理' })).json();
    const before = await snapshot(reception, c.id);
    await refused(await reception.post(`/api/cases/${c.id}/resume`, {}), 'R-LC-1');
    await refused(await reception.post(`/api/cases/${c.id}/pause`, { reason: 'awaiting_resident' }), 'R-LC-1');
    await refused(await reception.post(`/api/cases/${c.id}/close`, { result: 'x', evidence: { kind: 'document', note: 'x' } }), 'R-CL-6');
    expect(await snapshot(reception, c.id)).toEqual(before);
    expect(before.approvals).toMatchObject([{ id: pending.approvals[0].id, status: 'pending' }]);
    const done = await (await w.as('pm')).post(`/api/approvals/${pending.approvals[0].id}/decide`, { decision: 'approve' });
    expect(done.json().status).toBe('closed_unresolved');
  });

  it('supervisor: reclassifying a repair, an already valid complaint or a closed complaint is refused (R-IN-7)', async () => {
    const reception = await w.as('reception');
    const sup = await w.as('supervisor');
    const repair = await openCaseVia(reception, repairBody(w));
    const valid = await openCaseVia(reception, repairBody(w, { kind: 'complaint', complaintNature: 'valid', complaintContent: 'quality', description: '维修质量差' }));
    const closed = await openCaseVia(reception, repairBody(w, communicative));
    await reception.post(`/api/cases/${closed.id}/handled`, { note: '已致歉' });
    expect((await reception.post(`/api/cases/${closed.id}/close`, { result: '已致歉', evidence: { kind: 'document', note: '记录' } })).json().status).toBe('closed');
    for (const [c, rule] of [[repair, 'R-IN-7'], [valid, 'R-IN-7'], [closed, 'R-LC-1']] as const) {
      const before = await snapshot(sup, c.id);
      await refused(await sup.post(`/api/cases/${c.id}/reclassify`, { reason: '核实为有效投诉' }), rule);
      expect(await snapshot(sup, c.id)).toEqual(before);
    }
    expect((await sup.get(`/api/cases/${repair.id}`)).json().complaintNature).toBeNull();
  });

  it('supervisor: reclassifies a communicative complaint as valid, audited with before and after (R-IN-7)', async () => {
    const reception = await w.as('reception');
    const sup = await w.as('supervisor');
    const c = await openCaseVia(reception, repairBody(w, communicative));
    expect((await sup.get(`/api/cases/${c.id}`)).json().actions).toContain('reclassify');
    const res = await sup.post(`/api/cases/${c.id}/reclassify`, { reason: '经核实属服务过失', complaintContent: 'quality' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ complaintNature: 'valid', complaintSubtype: null, complaintContent: 'quality', version: c.version + 1 });
    expect(res.json().actions).not.toContain('reclassify');
    const event = (await sup.get(`/api/cases/${c.id}/timeline`)).json().events.at(-1);
    expect(event).toMatchObject({
      action: 'case.reclassified',
      before: { complaintNature: 'communicative', complaintSubtype: 'venting', complaintContent: 'attitude' },
      after: { complaintNature: 'valid', complaintSubtype: null, complaintContent: 'quality' },
      note: '经核实属服务过失',
    });
    await refused(await sup.post(`/api/cases/${c.id}/reclassify`, { reason: '再次' }), 'R-IN-7');
  });

  it('resident: confirming a repair that is not completed is refused', async () => {
    const c = await openCaseVia(await w.as('reception'), repairBody(w));
    const resident = await w.as('resident');
    const before = await snapshot(resident, c.id);
    await refused(await resident.post(`/api/cases/${c.id}/confirm`, { rating: 5 }), 'R-LC-1');
    expect(await snapshot(resident, c.id)).toEqual(before);
  });

  it('supervisor: flagging a closed or cancelled case is refused', async () => {
    const reception = await w.as('reception');
    const sup = await w.as('supervisor');
    const cancelled = await openCaseVia(reception, repairBody(w));
    expect((await sup.post(`/api/cases/${cancelled.id}/cancel`, { reason: '重复立项' })).json().status).toBe('cancelled');
    const closed = await openCaseVia(reception, repairBody(w, { kind: 'inquiry' }));
    await reception.post(`/api/cases/${closed.id}/handled`, { note: 'x' });
    await reception.post(`/api/cases/${closed.id}/close`, { result: 'x', evidence: { kind: 'document', note: 'x' } });
    for (const c of [cancelled, closed]) {
      const before = await snapshot(sup, c.id);
      await refused(await sup.post(`/api/cases/${c.id}/flag`, { major: true, reason: '升级' }), 'R-LC-1');
      expect(await snapshot(sup, c.id)).toEqual(before);
    }
  });

  it('receptionist: a help case with a live work order is not marked handled by the desk (R-CL-2)', async () => {
    const reception = await w.as('reception');
    const c = await openCaseVia(reception, repairBody(w, { kind: 'help', description: '帮忙搬运' }));
    await reception.post(`/api/cases/${c.id}/orders`, { departmentId: w.a.departmentIds.ENG });
    await refused(await reception.post(`/api/cases/${c.id}/handled`, { note: 'x' }), 'R-CL-2');
  });
});

describe('a unit’s case history', () => {
  it('receptionist and resident: GET /api/units/:id/cases lists the unit’s cases newest first, and only that unit’s', async () => {
    const reception = await w.as('reception');
    const unitId = w.a.unitIds['3-1-804']!;
    const older = await openCaseVia(reception, repairBody(w, { unitId, residentId: null, description: '卧室插座无电' }));
    w.clock.advance(60_000);
    const newer = await openCaseVia(reception, repairBody(w, { unitId, residentId: null, kind: 'help', description: '代收快递' }));
    await openCaseVia(reception, repairBody(w, { unitId: w.a.unitIds['3-1-803'], residentId: null }));
    const history = await reception.get(`/api/units/${unitId}/cases`);
    expect(history.statusCode).toBe(200);
    expect(history.json().items.map((c: { id: string }) => c.id)).toEqual([newer.id, older.id]);
    expect(history.json().items[0]).toMatchObject({ number: newer.number, kind: 'help', unitId, statusLabel: '已立项' });
    expect((await reception.get(`/api/units/${unitId}/cases?limit=1`)).json().items.map((c: { id: string }) => c.id)).toEqual([newer.id]);
    // The resident of 1-1-101 sees the history of their own unit: their own cases there.
    const resident = await w.as('resident');
    const own = (await resident.get(`/api/units/${w.a.unitIds['1-1-101']}/cases?limit=200`)).json().items as { unitId: string }[];
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((c) => c.unitId === w.a.unitIds['1-1-101'])).toBe(true);
  });
});
