import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCaseVia, repairBody, uploadPng } from '../support/desk.js';
import { createWorld, type TestWorld } from '../support/harness.js';

// Issue 10 item 2: online complaints (R-CP-2) — the post archived, every public reply drafted,
// approved by quality, then published; the 4 h acknowledgement is met only by such a reply.
let w: TestWorld;
beforeAll(async () => {
  w = await createWorld();
}, 60_000);
afterAll(async () => w?.close());

const HOUR = 3_600_000;
const onlineBody = (over: Record<string, unknown> = {}) =>
  repairBody(w, { kind: 'complaint', channel: 'online', complaintNature: 'valid', complaintContent: 'quality', description: '业户在业主论坛发帖：电梯一周坏三次', ...over });

async function onlineCase() {
  return openCaseVia(await w.as('reception'), onlineBody());
}

const onlineRow = async (caseId: string) => (await (await w.as('quality')).get('/api/quality/online?limit=200')).json().items.find((x: { caseId: string }) => x.caseId === caseId);

describe('online complaints and public replies', () => {
  it('receptionist: archives the post as received — text, link and screenshot; a bad link or a file that is not this estate\'s image is refused', async () => {
    const c = await onlineCase();
    const reception = await w.as('reception');
    const first = (await reception.get(`/api/cases/${c.id}/public-replies`)).json();
    expect(first).toMatchObject({ items: [], posts: [], actions: ['draft', 'archive_post'] });
    const bad = await reception.post(`/api/cases/${c.id}/online-posts`, { sourceUrl: 'javascript:alert(1)', body: '原帖' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].field).toBe('sourceUrl');
    const missing = await reception.post(`/api/cases/${c.id}/online-posts`, { sourceUrl: 'https://bbs.example.com/t/1', body: '原帖', screenshotSha256: 'a'.repeat(64) });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields[0].field).toBe('screenshotSha256');
    const sha = await uploadPng(reception, w.a.id);
    const ok = await reception.post(`/api/cases/${c.id}/online-posts`, { sourceUrl: 'https://bbs.example.com/t/1', body: '电梯一周坏三次，物业不管！', screenshotSha256: sha });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().posts).toEqual([expect.objectContaining({ sourceUrl: 'https://bbs.example.com/t/1', body: '电梯一周坏三次，物业不管！', screenshotSha256: sha })]);
  });

  it('quality officer: approves the acknowledgement the desk drafted; an unapproved reply cannot be published (409 R-CP-2); published in time it meets the 4 h clock', async () => {
    const c = await onlineCase();
    const reception = await w.as('reception');
    const quality = await w.as('quality');
    expect(await onlineRow(c.id)).toMatchObject({ acknowledgement: { state: 'pending' }, measure: { state: 'pending' }, awaitingApproval: 0 });
    const drafted = await reception.post(`/api/cases/${c.id}/public-replies`, { kind: 'acknowledgement', body: '非常抱歉给您带来不便，我们已安排电梯公司今日检修。' });
    expect(drafted.statusCode).toBe(201);
    const reply = drafted.json().items[0];
    expect(reply).toMatchObject({ kind: 'acknowledgement', status: 'draft', statusLabel: '待审核', draftedBy: '刘晓燕', actions: [] });
    expect((await onlineRow(c.id)).awaitingApproval).toBe(1);
    expect((await (await w.as('quality')).get('/api/quality/online?awaitingApproval=true&limit=200')).json().items.some((x: { caseId: string }) => x.caseId === c.id)).toBe(true);

    const early = await reception.post(`/api/public-replies/${reply.id}/publish`, { url: 'https://bbs.example.com/t/1#r2' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.rule).toBe('R-CP-2');
    expect((await reception.post(`/api/public-replies/${reply.id}/approve`, {})).statusCode).toBe(403);

    const seen = (await quality.get(`/api/cases/${c.id}/public-replies`)).json().items[0];
    expect(seen.actions).toEqual(['approve']);
    expect((await quality.post(`/api/public-replies/${reply.id}/approve`, {}, { 'if-match': String(seen.version + 1) })).statusCode).toBe(412);
    const approved = await quality.post(`/api/public-replies/${reply.id}/approve`, { note: '措辞可以' });
    expect(approved.json().items[0]).toMatchObject({ status: 'approved', approvedBy: '卫品质' });
    expect((await quality.post(`/api/public-replies/${reply.id}/approve`, {})).statusCode).toBe(409);

    w.clock.advance(HOUR);
    const afterApproval = (await reception.get(`/api/cases/${c.id}/public-replies`)).json().items[0];
    expect(afterApproval.actions).toEqual(['publish']);
    const published = await reception.post(`/api/public-replies/${reply.id}/publish`, { url: 'https://bbs.example.com/t/1#r2' });
    expect(published.statusCode).toBe(200);
    expect(published.json().items[0]).toMatchObject({ status: 'published', publishedUrl: 'https://bbs.example.com/t/1#r2', actions: [] });
    expect(await onlineRow(c.id)).toMatchObject({ acknowledgement: { state: 'met' }, measure: { state: 'pending' }, published: 1, awaitingApproval: 0 });
    const actions = (await reception.get(`/api/cases/${c.id}/timeline`)).json().events.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['case.public_reply_drafted', 'case.public_reply_approved', 'case.public_reply_published']));
  });

  it('supervisor: an acknowledgement published after 4 h is recorded late (breached), however it was worded', async () => {
    const c = await onlineCase();
    const supervisor = await w.as('supervisor');
    const r = (await supervisor.post(`/api/cases/${c.id}/public-replies`, { kind: 'acknowledgement', body: '抱歉，已安排处理。' })).json().items[0];
    await (await w.as('quality')).post(`/api/public-replies/${r.id}/approve`, {});
    w.clock.advance(5 * HOUR);
    expect((await supervisor.post(`/api/public-replies/${r.id}/publish`, {})).statusCode).toBe(200);
    expect((await onlineRow(c.id)).acknowledgement.state).toBe('breached');
  });

  it('receptionist: a complaint that did not come in online gets no public reply (409 R-CP-2); bad input is refused field by field', async () => {
    const reception = await w.as('reception');
    const phone = await openCaseVia(reception, onlineBody({ channel: 'phone' }));
    expect((await reception.get(`/api/cases/${phone.id}/public-replies`)).json().actions).toEqual(['archive_post']);
    const refused = await reception.post(`/api/cases/${phone.id}/public-replies`, { kind: 'acknowledgement', body: '抱歉' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.rule).toBe('R-CP-2');
    const c = await onlineCase();
    const empty = await reception.post(`/api/cases/${c.id}/public-replies`, { kind: 'acknowledgement', body: ' ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.fields[0].field).toBe('body');
    expect((await reception.post(`/api/cases/${c.id}/public-replies`, { kind: 'apology', body: 'x' })).json().error.fields[0].field).toBe('kind');
    expect((await reception.get(`/api/cases/${c.id}/public-replies`)).json().items).toEqual([]);
  });

  it('resident and another estate: no public replies to read (404); a technician reads them without steps; the online list is scoped', async () => {
    const c = await onlineCase();
    const r = (await (await w.as('reception')).post(`/api/cases/${c.id}/public-replies`, { kind: 'measure', body: '今日更换电梯门机板' })).json().items[0];
    const tech = (await (await w.as('tech1')).get(`/api/cases/${c.id}/public-replies`)).json();
    expect(tech).toMatchObject({ actions: [], items: [expect.objectContaining({ id: r.id, actions: [] })] });
    expect((await (await w.as('tech1')).post(`/api/public-replies/${r.id}/publish`, {})).statusCode).toBe(403);
    for (const user of ['resident', 'reception_b', 'pm_b']) {
      expect((await (await w.as(user)).get(`/api/cases/${c.id}/public-replies`)).statusCode, user).toBe(404);
      expect((await (await w.as(user)).post(`/api/public-replies/${r.id}/publish`, {})).statusCode, user).toBe(404);
    }
    expect((await (await w.as('pm_b')).get('/api/quality/online?limit=200')).json().items.some((x: { caseId: string }) => x.caseId === c.id)).toBe(false);
    expect((await (await w.as('pm')).get('/api/quality/online?limit=200')).json().items.some((x: { caseId: string }) => x.caseId === c.id)).toBe(true);
  });
});
