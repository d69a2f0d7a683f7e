import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type TestWorld } from '../support/harness.js';
import { PNG_1X1, openCaseVia, repairBody, uploadPng } from '../support/desk.js';

let w: TestWorld;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(async () => w?.close());

const issue = async (caseId: string, body: Record<string, unknown> = {}) => {
  const reception = await w.as('reception');
  const res = await reception.post(`/api/cases/${caseId}/orders`, { departmentId: w.a.departmentIds.ENG, ...body });
  if (res.statusCode !== 201) throw new Error(`${res.statusCode} ${res.body}`);
  return res.json();
};

describe('work orders', () => {
  it('technician: full path issue → accept → arrive → review → complete → return → check makes the case completed, then it closes (R-WO-3…7, R-CL-2)', async () => {
    const reception = await w.as('reception');
    const tech = await w.as('tech1');
    const dispatcher = await w.as('dispatcher');
    const c = await openCaseVia(reception, repairBody(w));
    const o = await issue(c.id, { technicianId: w.a.userIds.tech1, instructions: '带扳手' });
    expect(o).toMatchObject({ status: 'issued', technicianId: w.a.userIds.tech1 });
    expect((await reception.get(`/api/cases/${c.id}`)).json().status).toBe('dispatched');
    expect((await tech.post(`/api/orders/${o.id}/accept`, {})).json().status).toBe('accepted');
    expect((await reception.get(`/api/cases/${c.id}`)).json().status).toBe('in_progress');
    expect((await tech.post(`/api/orders/${o.id}/arrive`, {})).json().status).toBe('arrived');
    expect((await tech.post(`/api/orders/${o.id}/review-request`, { note: '疑似暗管漏水，需班长复核' })).json().status).toBe('review');
    expect((await dispatcher.post(`/api/orders/${o.id}/review`, { note: '确认更换角阀' })).json().status).toBe('arrived');
    const sig = await uploadPng(tech, w.a.id);
    const done = await tech.post(`/api/orders/${o.id}/complete`, {
      workDone: '更换角阀一个',
      labourCents: 3000,
      materials: [
        { name: '角阀', spec: 'DN15', quantity: 1, unit: '个', unitPriceCents: 2500, suppliedBy: 'company' },
        { name: '生料带', quantity: 2, unit: '卷', unitPriceCents: 150, suppliedBy: 'company' },
        { name: '软管', quantity: 1, unit: '根', unitPriceCents: 4000, suppliedBy: 'resident' },
      ],
      signatureSha256: sig,
      photos: [sig],
      evaluation: '师傅很专业',
      rating: 5,
    });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'completed', feeCents: 3000 + 2500 + 300, rating: 5 });
    expect(done.json().materials).toHaveLength(3);
    expect((await reception.post(`/api/orders/${o.id}/return`, {})).json().status).toBe('returned');
    expect((await reception.post(`/api/orders/${o.id}/check`, { passed: true })).json().status).toBe('checked');
    const completed = (await reception.get(`/api/cases/${c.id}`)).json();
    expect(completed.status).toBe('completed');
    expect(completed.actions).toContain('close');
    const closed = await reception.post(`/api/cases/${c.id}/close`, { result: '已修复，业户签字确认' });
    expect(closed.json().status).toBe('closed');
    const actions = (await reception.get(`/api/cases/${c.id}/timeline`)).json().events.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['order.issued', 'order.accepted', 'order.reviewed', 'order.completed', 'order.checked']));
    const print = await reception.get(`/api/orders/${o.id}/print`);
    expect(print.headers['content-type']).toContain('text/html');
    // The 打印 button is wired by a script of our own: no inline handler, which the page's CSP would block.
    expect(print.body).not.toMatch(/\son[a-z]+=/i);
    expect(print.body).toContain('<script src="/api/print.js" defer></script>');
    const script = await reception.get('/api/print.js');
    expect(script.headers['content-type']).toContain('text/javascript');
    expect(script.body).toContain("addEventListener('click'");
    expect(print.body).toContain('更换角阀一个');
  });

  it('receptionist: a failed desk check sends the order back to the technician (R-WO-7)', async () => {
    const reception = await w.as('reception');
    const tech = await w.as('tech1');
    const c = await openCaseVia(reception, repairBody(w));
    const o = await issue(c.id);
    await tech.post(`/api/orders/${o.id}/accept`, {});
    await tech.post(`/api/orders/${o.id}/arrive`, {});
    await tech.post(`/api/orders/${o.id}/complete`, { workDone: '疏通', signatureSha256: await uploadPng(tech, w.a.id) });
    await tech.post(`/api/orders/${o.id}/return`, {});
    expect((await reception.post(`/api/orders/${o.id}/check`, { passed: false })).statusCode).toBe(400);
    const back = await reception.post(`/api/orders/${o.id}/check`, { passed: false, note: '业户反映仍有渗水' });
    expect(back.json()).toMatchObject({ status: 'accepted', signatureSha256: null });
    expect((await reception.get(`/api/cases/${c.id}`)).json().status).toBe('in_progress');
  });

  it('receptionist: a public-area repair needs an on-site inspection before the check passes (R-WO-7)', async () => {
    const reception = await w.as('reception');
    const tech = await w.as('tech2');
    const c = await openCaseVia(reception, repairBody(w, { locationKind: 'public', unitId: null, residentId: null, locationText: '2号楼大堂' }));
    const o = await issue(c.id, { technicianId: w.a.userIds.tech2 });
    await tech.post(`/api/orders/${o.id}/accept`, {});
    await tech.post(`/api/orders/${o.id}/arrive`, {});
    await tech.post(`/api/orders/${o.id}/complete`, { workDone: '更换灯管', signatureSha256: await uploadPng(tech, w.a.id) });
    await tech.post(`/api/orders/${o.id}/return`, {});
    const refused = await reception.post(`/api/orders/${o.id}/check`, { passed: true });
    expect(refused.json().error.rule).toBe('R-WO-7');
    expect((await reception.post(`/api/orders/${o.id}/check`, { passed: true, inspectedOnSite: true })).json().status).toBe('checked');
  });

  it('receptionist: voiding keeps the number and lists it in the month; the case goes back to opened (R-WO-2)', async () => {
    const reception = await w.as('reception');
    const c = await openCaseVia(reception, repairBody(w));
    const o = await issue(c.id);
    expect((await reception.post(`/api/orders/${o.id}/void`, {})).statusCode).toBe(400);
    const voided = await reception.post(`/api/orders/${o.id}/void`, { reason: '派错部门' });
    expect(voided.json()).toMatchObject({ status: 'void', number: o.number, voidReason: '派错部门' });
    expect((await reception.get(`/api/cases/${c.id}`)).json().status).toBe('opened');
    const month = (await reception.get(`/api/estates/${w.a.id}/orders/voided?month=2026-03`)).json();
    expect(month.voided.map((v: { number: string }) => v.number)).toContain(o.number);
  });

  it('technician: cannot accept an order of another department, nor complete another technician’s order', async () => {
    const reception = await w.as('reception');
    const c = await openCaseVia(reception, repairBody(w));
    const o = await issue(c.id, { technicianId: w.a.userIds.tech1 });
    const guard = await w.as('guard1');
    expect((await guard.post(`/api/orders/${o.id}/accept`, {})).statusCode).toBe(403);
    const tech2 = await w.as('tech2');
    expect((await tech2.post(`/api/orders/${o.id}/accept`, {})).statusCode).toBe(403);
    const tech1 = await w.as('tech1');
    await tech1.post(`/api/orders/${o.id}/accept`, {});
    await tech1.post(`/api/orders/${o.id}/arrive`, {});
    const sig = await uploadPng(tech1, w.a.id);
    expect((await tech2.post(`/api/orders/${o.id}/complete`, { workDone: 'x', signatureSha256: sig })).statusCode).toBe(403);
    expect((await tech1.get(`/api/orders?mine=true&active=true`)).json().items.map((i: { id: string }) => i.id)).toContain(o.id);
  });

  it('receptionist: issuing to a technician of another department is refused with a field error', async () => {
    const reception = await w.as('reception');
    const c = await openCaseVia(reception, repairBody(w));
    const res = await reception.post(`/api/cases/${c.id}/orders`, { departmentId: w.a.departmentIds.ENG, technicianId: w.a.userIds.guard1 });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].field).toBe('technicianId');
  });

  it('technician: completing an order before arriving is refused by the lifecycle', async () => {
    const reception = await w.as('reception');
    const c = await openCaseVia(reception, repairBody(w));
    const o = await issue(c.id, { technicianId: w.a.userIds.tech1 });
    const tech = await w.as('tech1');
    await tech.post(`/api/orders/${o.id}/accept`, {});
    const res = await tech.post(`/api/orders/${o.id}/complete`, { workDone: 'x', signatureSha256: await uploadPng(tech, w.a.id) });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.rule).toBe('R-WO-LC');
  });

  it('receptionist: 50 orders issued concurrently get exactly the next 50 numbers (R-WO-2)', async () => {
    const reception = await w.as('reception');
    const cs = await Promise.all(Array.from({ length: 10 }, () => openCaseVia(reception, repairBody(w))));
    const before = (await reception.get(`/api/orders?estateId=${w.a.id}&limit=1`)).json();
    const start = before.items.length ? Number(before.items[0].number) : 0;
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => reception.post(`/api/cases/${cs[i % 10]!.id}/orders`, { departmentId: w.a.departmentIds.ENG })),
    );
    expect(results.every((r) => r.statusCode === 201)).toBe(true);
    const numbers = results.map((r) => Number(r.json().number)).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => start + 1 + i));
  });

  it('technician: a text file named .png is refused; a PNG is stored once by content', async () => {
    const tech = await w.as('tech1');
    const bad = await tech.request({ method: 'POST', url: `/api/estates/${w.a.id}/files`, payload: Buffer.from('hello, not an image'), headers: { 'content-type': 'image/png' } });
    expect(bad.statusCode).toBe(415);
    const a = await uploadPng(tech, w.a.id);
    const b = await uploadPng(tech, w.a.id, PNG_1X1);
    expect(a).toBe(b);
    const got = await tech.get(`/api/files/${w.a.id}/${a}`);
    expect(got.headers['content-type']).toBe('image/png');
    expect(Buffer.from(got.rawPayload).equals(PNG_1X1)).toBe(true);
    const other = await w.as('tech1_b');
    expect((await other.get(`/api/files/${w.a.id}/${a}`)).statusCode).toBe(404);
  });

  it('receptionist: a PDF is stored and downloaded as an attachment, never as a photo or signature; SVG and a PNG carrying a script are refused (issue 13 item 8)', async () => {
    const reception = await w.as('reception');
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
    const up = await reception.request({ method: 'POST', url: `/api/estates/${w.a.id}/files`, payload: pdf, headers: { 'content-type': 'application/pdf' } });
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json().mime).toBe('application/pdf');
    const sha = up.json().sha256 as string;
    const got = await reception.get(`/api/files/${w.a.id}/${sha}`);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.headers['content-disposition']).toBe(`attachment; filename="${sha}.pdf"`);
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    const c = await openCaseVia(reception, repairBody(w));
    const asPhoto = await reception.post(`/api/cases/${c.id}/photos`, { photos: [sha] });
    expect(asPhoto.statusCode).toBe(400);
    expect(asPhoto.json().error.fields[0]).toMatchObject({ field: 'photos.0', message: '照片须为图片（PNG、JPEG 或 WebP）' });
    const o = await issue(c.id, { technicianId: w.a.userIds.tech1 });
    const tech = await w.as('tech1');
    await tech.post(`/api/orders/${o.id}/accept`, {});
    await tech.post(`/api/orders/${o.id}/arrive`, {});
    const signedWithPdf = await tech.post(`/api/orders/${o.id}/complete`, { workDone: '更换', signatureSha256: sha });
    expect(signedWithPdf.statusCode).toBe(400);
    expect(signedWithPdf.json().error.fields[0].field).toBe('signatureSha256');
    const svg = await reception.request({ method: 'POST', url: `/api/estates/${w.a.id}/files`, payload: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), headers: { 'content-type': 'image/png' } });
    expect(svg.statusCode).toBe(415);
    const polyglot = await reception.request({ method: 'POST', url: `/api/estates/${w.a.id}/files`, payload: Buffer.concat([PNG_1X1, Buffer.from('<script>alert(1)</script>')]), headers: { 'content-type': 'image/png' } });
    expect(polyglot.statusCode).toBe(415);
    expect(polyglot.json().error.fields[0]).toMatchObject({ field: 'file', message: '文件中含有网页代码，不能上传' });
  });
});

describe('records kept and safe writes on work orders', () => {
  it('technician: completing again after a failed check keeps the earlier material lines (superseded) and signature (R-AR-1)', async () => {
    const reception = await w.as('reception');
    const tech = await w.as('tech1');
    const c = await openCaseVia(reception, repairBody(w));
    const o = await issue(c.id, { technicianId: w.a.userIds.tech1 });
    await tech.post(`/api/orders/${o.id}/accept`, {});
    await tech.post(`/api/orders/${o.id}/arrive`, {});
    const firstSig = await uploadPng(tech, w.a.id);
    const line = (name: string) => ({ name, quantity: 1, unit: '个', unitPriceCents: 1000, suppliedBy: 'company' });
    await tech.post(`/api/orders/${o.id}/complete`, { workDone: '更换角阀', materials: [line('角阀'), line('生料带')], signatureSha256: firstSig });
    await tech.post(`/api/orders/${o.id}/return`, {});
    await reception.post(`/api/orders/${o.id}/check`, { passed: false, note: '仍有渗水' });
    const secondSig = await uploadPng(tech, w.a.id, Buffer.concat([PNG_1X1, Buffer.from('second')]));
    expect(secondSig).not.toBe(firstSig);
    await tech.post(`/api/orders/${o.id}/arrive`, {});
    const again = await tech.post(`/api/orders/${o.id}/complete`, { workDone: '更换软管', materials: [line('软管')], signatureSha256: secondSig });
    expect(again.json()).toMatchObject({ status: 'completed', signatureSha256: secondSig });
    expect(again.json().materials.map((m: { name: string }) => m.name)).toEqual(['软管']);
    const rows = (await w.database.db.execute(
      sql`select name, superseded_at is not null as superseded from work_order_materials where work_order_id = ${o.id} order by name`,
    )) as unknown as { rows: { name: string; superseded: boolean }[] };
    expect(rows.rows).toEqual([
      { name: '生料带', superseded: true },
      { name: '角阀', superseded: true },
      { name: '软管', superseded: false },
    ]);
    const events = (await reception.get(`/api/cases/${c.id}/timeline`)).json().events as { action: string; after: Record<string, unknown> }[];
    expect(events.filter((e) => e.action === 'order.completed').map((e) => e.after.signatureSha256)).toEqual([firstSig, secondSig]);
    expect(events.find((e) => e.action === 'order.check_failed')?.after).toMatchObject({ supersededSignature: { sha256: firstSig } });
  });

  it('technician: a stale If-Match on an order step is refused with 412 and changes nothing', async () => {
    const reception = await w.as('reception');
    const tech = await w.as('tech1');
    const c = await openCaseVia(reception, repairBody(w));
    const o = await issue(c.id, { technicianId: w.a.userIds.tech1 });
    const accepted = await tech.post(`/api/orders/${o.id}/accept`, {}, { 'if-match': `"${o.version}"` });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().version).toBe(o.version + 1);
    const stale = await tech.post(`/api/orders/${o.id}/arrive`, {}, { 'if-match': `"${o.version}"` });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error.code).toBe('stale_version');
    const now = (await reception.get(`/api/orders/${o.id}`)).json();
    expect(now).toMatchObject({ status: 'accepted', version: o.version + 1, arrivedAt: null });
  });
});
