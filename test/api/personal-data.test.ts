import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCaseVia, repairBody, uploadPng } from '../support/desk.js';
import { createWorld, type TestWorld } from '../support/harness.js';
import { MOBILE } from '../support/phone-scan.js';

// Issue 13 item 1: residents' phone numbers are masked in every answer; the desk reads a full
// number with a reason (recorded), the technician while their order is open, nobody else.
let w: TestWorld;
beforeAll(async () => {
  w = await createWorld();
}, 60_000);
afterAll(async () => w?.close());

// Not a bare /1[3-9]\d{9}/: a UUID's last group can hold eleven digits.
const FULL = MOBILE;

describe('phone numbers', () => {
  it('receptionist: the case answers 138****0001; reading the full number needs a reason and is in the history; the case does not change', async () => {
    const reception = await w.as('reception');
    const c = await openCaseVia(reception, repairBody(w));
    expect(c.contactPhone).toBe('138****0001');
    expect(c.actions).toContain('reveal_phone');
    const page = await reception.get(`/api/cases/${c.id}`);
    expect(page.body).not.toMatch(FULL);

    const noReason = await reception.post(`/api/cases/${c.id}/phone-reveal`, {});
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields[0]).toMatchObject({ field: 'reason', message: '请选择查看原因' });
    const otherNoNote = await reception.post(`/api/cases/${c.id}/phone-reveal`, { reason: 'other' });
    expect(otherNoNote.statusCode).toBe(400);
    expect(otherNoNote.json().error.fields[0].field).toBe('note');

    const read = await reception.post(`/api/cases/${c.id}/phone-reveal`, { reason: 'return_visit' });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ contactPhone: '13800000001' });
    const events = (await reception.get(`/api/cases/${c.id}/timeline`)).json().events as { action: string; actorId: string; after: { reason?: string } }[];
    const reading = events.filter((e) => e.action === 'case.phone_revealed');
    expect(reading).toHaveLength(1);
    expect(reading[0]).toMatchObject({ actorId: reception.userId, after: { reason: 'return_visit' } });
    expect((await reception.get(`/api/cases/${c.id}`)).json().version).toBe(c.version);
  });

  it('technician, dispatcher, quality, admin: may not read it (403); another estate’s desk does not see the case (404); a case without a phone has nothing to read', async () => {
    const reception = await w.as('reception');
    const c = await openCaseVia(reception, repairBody(w));
    for (const who of ['tech1', 'dispatcher', 'quality', 'admin']) {
      const client = await w.as(who);
      const page = await client.get(`/api/cases/${c.id}`);
      expect(page.statusCode, who).toBe(200);
      expect(page.json().contactPhone, who).toBe('138****0001');
      expect(page.json().actions, who).not.toContain('reveal_phone');
      expect((await client.post(`/api/cases/${c.id}/phone-reveal`, { reason: 'dispatch' })).statusCode, who).toBe(403);
    }
    expect((await (await w.as('reception_b')).post(`/api/cases/${c.id}/phone-reveal`, { reason: 'dispatch' })).statusCode).toBe(404);
    const bare = await openCaseVia(reception, repairBody(w, { contactPhone: null, phoneConsent: false }));
    expect(bare.actions).not.toContain('reveal_phone');
    const none = await reception.post(`/api/cases/${bare.id}/phone-reveal`, { reason: 'dispatch' });
    expect(none.statusCode).toBe(409);
    const events = (await reception.get(`/api/cases/${c.id}/timeline`)).json().events as { action: string }[];
    expect(events.some((e) => e.action === 'case.phone_revealed')).toBe(false);
  });

  it('technician: sees the full number while their order is open, on the case and on the printed order, and not after it is completed', async () => {
    const reception = await w.as('reception');
    const tech = await w.as('tech1');
    const c = await openCaseVia(reception, repairBody(w));
    const issued = await reception.post(`/api/cases/${c.id}/orders`, { departmentId: w.a.departmentIds.ENG, technicianId: w.a.userIds.tech1 });
    expect(issued.statusCode).toBe(201);
    const o = issued.json();
    expect((await tech.get(`/api/cases/${c.id}`)).json().contactPhone).toBe('13800000001');
    expect((await (await w.as('tech2')).get(`/api/cases/${c.id}`)).json().contactPhone).toBe('138****0001');
    expect((await reception.get(`/api/cases/${c.id}`)).json().contactPhone).toBe('138****0001');
    expect((await reception.get(`/api/orders/${o.id}/print`)).body).toContain('13800000001');
    await tech.post(`/api/orders/${o.id}/accept`, {});
    await tech.post(`/api/orders/${o.id}/arrive`, {});
    const done = await tech.post(`/api/orders/${o.id}/complete`, { workDone: '更换角阀', signatureSha256: await uploadPng(tech, w.a.id) });
    expect(done.statusCode).toBe(200);
    expect((await tech.get(`/api/cases/${c.id}`)).json().contactPhone).toBe('138****0001');
    const print = (await reception.get(`/api/orders/${o.id}/print`)).body;
    expect(print).toContain('138****0001');
    expect(print).not.toMatch(FULL);
  });

  it('receptionist: residents, unit pages, the phone lookup, the contact log and the follow-up queue answer masked numbers', async () => {
    const reception = await w.as('reception');
    const unit = (await reception.get(`/api/units/${w.a.unitIds['2-1-502']}`)).json();
    expect(unit.residents[0].phones).toEqual(['139****0003', '020****6666']);
    const looked = await reception.get(`/api/estates/${w.a.id}/residents/lookup?phone=0003`);
    expect(looked.json().items[0].phones[0]).toBe('139****0003');
    expect(looked.body).not.toMatch(FULL);
    const listed = await (await w.as('admin')).get(`/api/estates/${w.a.id}/residents?limit=200`);
    expect(listed.statusCode).toBe(200);
    expect(listed.body).not.toMatch(FULL);
    const logged = await reception.post('/api/contacts', { estateId: w.a.id, channel: 'phone', callerPhone: '13712345678', content: '询问停水时间', outcome: 'answered', answer: '明日停水' });
    expect(logged.json().contact.callerPhone).toBe('137****5678');
    const log = await reception.get(`/api/contacts?estateId=${w.a.id}&q=13712345678`);
    expect(log.json().items.map((x: { callerPhone: string }) => x.callerPhone)).toEqual(['137****5678']);
    await openCaseVia(reception, repairBody(w));
    const queue = await (await w.as('supervisor')).get(`/api/follow-ups?estateId=${w.a.id}`);
    expect(queue.statusCode).toBe(200);
    expect(queue.body).not.toMatch(FULL);
  });

  it('admin: the set-up history shows a resident’s changed numbers masked, before and after', async () => {
    const admin = await w.as('admin');
    const r = await admin.patch(`/api/residents/${w.a.residentIds.王先生}`, { phones: ['13655556666'] });
    expect(r.statusCode).toBe(200);
    const audit = await admin.get(`/api/estates/${w.a.id}/audit?subject=residents&limit=5`);
    expect(audit.statusCode).toBe(200);
    const change = audit.json().items.find((e: { after?: { phones?: string[] } }) => e.after?.phones?.[0] === '136****6666');
    expect(change.before.phones).toEqual(['139****0003', '020****6666']);
    expect(audit.body).not.toMatch(FULL);
  });

  it('resident: sees their own numbers on their unit, masked for the others there', async () => {
    const resident = await w.as('resident');
    const unit = (await resident.get(`/api/units/${w.a.unitIds['1-1-101']}`)).json();
    const phones = Object.fromEntries(unit.residents.map((r: { name: string; phones: string[] }) => [r.name, r.phones]));
    expect(phones.张先生).toEqual(['13800000001']);
    if (phones.李女士) expect(phones.李女士).toEqual(['138****0002']);
  });

  it('receptionist: the intake sends the chosen resident’s masked number back and the case gets the real one; a masked number of nobody is refused', async () => {
    const reception = await w.as('reception');
    const c = await openCaseVia(reception, repairBody(w, { contactPhone: '138****0001', residentId: w.a.residentIds.resident }));
    expect((await reception.post(`/api/cases/${c.id}/phone-reveal`, { reason: 'contact_resident' })).json().contactPhone).toBe('13800000001');
    // The intake's one step (log the call, open the case) sends the masked number as the caller's too.
    const viaContact = await reception.post('/api/contacts', {
      estateId: w.a.id,
      channel: 'phone',
      unitId: w.a.unitIds['1-1-101'],
      callerName: '张先生',
      callerPhone: '138****0001',
      content: '卫生间漏水',
      outcome: 'case',
      case: { kind: 'repair', locationKind: 'in_home', residentId: w.a.residentIds.resident, contactPhone: '138****0001', phoneConsent: true },
    });
    expect(viaContact.statusCode, viaContact.body).toBe(201);
    expect(viaContact.json().contact.callerPhone).toBe('138****0001');
    expect((await reception.post(`/api/cases/${viaContact.json().case.id}/phone-reveal`, { reason: 'dispatch' })).json().contactPhone).toBe('13800000001');
    // 138****0002 is not 张先生's number: refused by name, nothing opened.
    const before = (await reception.get(`/api/cases?estateId=${w.a.id}&limit=1`)).json().total;
    const wrong = await reception.post('/api/cases', repairBody(w, { contactPhone: '138****0002', residentId: w.a.residentIds.resident }));
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields[0].field).toBe('contactPhone');
    const stranger = await reception.post('/api/cases', repairBody(w, { contactPhone: '138****0001', residentId: null }));
    expect(stranger.statusCode).toBe(400);
    expect((await reception.get(`/api/cases?estateId=${w.a.id}&limit=1`)).json().total).toBe(before);
  });
});
