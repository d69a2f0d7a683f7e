import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type TestWorld } from '../support/harness.js';
import { PNG_1X1, openCaseVia, repairBody, uploadPng } from '../support/desk.js';

let w: TestWorld;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(async () => w?.close());

/** An inquiry about the resident's own unit, opened by the desk; closed when asked. */
async function residentCase(close: boolean) {
  const reception = await w.as('reception');
  const c = await openCaseVia(reception, repairBody(w, { kind: 'inquiry', description: '咨询停车月卡办理' }));
  if (close) {
    await reception.post(`/api/cases/${c.id}/handled`, { note: '已答复' });
    const closed = await reception.post(`/api/cases/${c.id}/close`, { result: '已答复', evidence: { kind: 'document', note: '通话记录' } });
    expect(closed.json().status).toBe('closed');
  }
  return c as { id: string };
}

describe('resident answers the return visit in the portal', () => {
  it('resident: answers the closing visit of an own closed case once, recorded with channel portal (R-RV-1)', async () => {
    const c = await residentCase(true);
    const resident = await w.as('resident');
    const page = (await resident.get(`/api/cases/${c.id}`)).json();
    expect(page.actions).toContain('answer_visit');
    expect((await resident.post(`/api/cases/${c.id}/visit-answer`, {})).json().error.fields[0].field).toBe('satisfaction');
    const res = await resident.post(`/api/cases/${c.id}/visit-answer`, { satisfaction: 4, opinion: '答复清楚' });
    expect(res.statusCode).toBe(200);
    expect(res.json().returnVisits).toMatchObject([{ kind: 'closing', outcome: 'visited', satisfaction: 4, opinion: '答复清楚', visitedBy: resident.userId }]);
    expect(res.json().actions).not.toContain('answer_visit');
    const timeline = (await resident.get(`/api/cases/${c.id}/timeline`)).json();
    expect(timeline.events.filter((e: { action: string }) => e.action === 'visit.recorded')).toMatchObject([{ after: { kind: 'closing', channel: 'portal', satisfaction: 4 }, note: '答复清楚' }]);
    const again = await resident.post(`/api/cases/${c.id}/visit-answer`, { satisfaction: 5 });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.rule).toBe('R-RV-1');
    // The desk cannot record a second closing visit either.
    const desk = await (await w.as('reception')).post(`/api/cases/${c.id}/visits`, { kind: 'closing', outcome: 'visited', satisfaction: 5 });
    expect(desk.statusCode).toBe(409);
  });

  it('resident: answering before the case is closed is refused with 409 naming R-RV-1', async () => {
    const c = await residentCase(false);
    const resident = await w.as('resident');
    expect((await resident.get(`/api/cases/${c.id}`)).json().actions).not.toContain('answer_visit');
    const res = await resident.post(`/api/cases/${c.id}/visit-answer`, { satisfaction: 5 });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ rule: 'R-RV-1', message: expect.stringContaining('销项') });
  });

  it('resident of another estate: the case answers 404 and no visit is recorded', async () => {
    const c = await residentCase(true);
    const other = await w.as('resident_b');
    expect((await other.post(`/api/cases/${c.id}/visit-answer`, { satisfaction: 1 })).statusCode).toBe(404);
    expect((await other.post(`/api/cases/${c.id}/photos`, { photos: [] })).statusCode).toBe(404);
    const page = (await (await w.as('reception')).get(`/api/cases/${c.id}`)).json();
    expect(page.returnVisits).toEqual([]);
  });

  it('receptionist: the desk records visits through its own step, not the resident answer (403)', async () => {
    const c = await residentCase(true);
    const reception = await w.as('reception');
    expect((await reception.post(`/api/cases/${c.id}/visit-answer`, { satisfaction: 5 })).statusCode).toBe(403);
  });
});

describe('resident adds photos to a report', () => {
  it('resident: photos uploaded to the estate are kept in the timeline of the own open case; unknown files are refused by field', async () => {
    const resident = await w.as('resident');
    const c = await openCaseVia(resident, { estateId: w.a.id, kind: 'repair', channel: 'wechat', locationKind: 'in_home', description: '卫生间吊顶渗水' });
    const sha = await uploadPng(resident, w.a.id);
    expect((await resident.post(`/api/cases/${c.id}/photos`, {})).json().error.fields[0].field).toBe('photos');
    const unknown = await resident.post(`/api/cases/${c.id}/photos`, { photos: [sha, 'f'.repeat(64)] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields[0]).toMatchObject({ field: 'photos.1', message: '文件不存在，请先上传' });
    expect((await resident.post(`/api/cases/${c.id}/photos`, { photos: [sha] })).statusCode).toBe(200);
    const timeline = (await resident.get(`/api/cases/${c.id}/timeline`)).json();
    expect(timeline.events.find((e: { action: string }) => e.action === 'case.photos')).toMatchObject({ after: { photos: [sha] } });
  });
});

describe('resident uploads the same photo twice at once', () => {
  it('resident: two simultaneous uploads of one picture (a double tap, a replayed queue) both succeed with the same file', async () => {
    const resident = await w.as('resident');
    const bytes = Buffer.concat([PNG_1X1, Buffer.from(`twice-${Date.now()}`)]);
    const send = () => resident.request({ method: 'POST', url: `/api/estates/${w.a.id}/files`, payload: bytes, headers: { 'content-type': 'image/png' } });
    const results = await Promise.all([send(), send(), send()]);
    expect(results.map((r) => r.statusCode)).toEqual([201, 201, 201]);
    expect(new Set(results.map((r) => r.json().sha256)).size).toBe(1);
    expect((await resident.get(results[0]!.json().url)).statusCode).toBe(200);
  });
});
