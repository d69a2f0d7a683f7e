import { gunzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPEN_STATUSES } from '../../src/domain/case-lifecycle.js';
import { openCaseVia, repairBody } from '../support/desk.js';
import { createWorld, type TestWorld } from '../support/harness.js';

let w: TestWorld;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(async () => w?.close());

const boardUrl = () => `/api/cases?estateId=${w.a.id}&${OPEN_STATUSES.map((s) => `status=${s}`).join('&')}&sort=due&limit=50`;

describe('read cache (answers kept while the database is unchanged)', () => {
  it('receptionist: the same board twice is served from the cache with the same body; any commit makes the next read fresh', async () => {
    const reception = await w.as('reception');
    await openCaseVia(reception, repairBody(w));
    const first = await reception.get(boardUrl());
    const again = await reception.get(boardUrl());
    expect(first.headers['x-read-cache']).toBeUndefined();
    expect(again.headers['x-read-cache']).toBe('hit');
    expect(again.body).toBe(first.body);
    expect(again.headers['content-type']).toMatch(/application\/json/);

    // A change through the API: the next board shows it.
    const opened = await openCaseVia(reception, repairBody(w, { description: '阳台地漏堵塞' }));
    const after = await reception.get(boardUrl());
    expect(after.headers['x-read-cache']).toBeUndefined();
    expect(after.json().items.map((c: { id: string }) => c.id)).toContain(opened.id);

    // A change made in the database by anything else (another node, a job, SQL by hand).
    await reception.get(boardUrl());
    await w.database.db.execute(sql`update cases set description = ${'改过的描述'} where id = ${opened.id}`);
    const changed = (await reception.get(boardUrl())).json();
    expect(changed.items.find((c: { id: string }) => c.id === opened.id).description).toBe('改过的描述');
  });

  it('receptionist: the case page keeps its ETag when served from the cache; a step makes it fresh', async () => {
    const reception = await w.as('reception');
    const c = await openCaseVia(reception, repairBody(w));
    const url = `/api/cases/${c.id}?include=timeline`;
    // The first reads of new rows may themselves write WAL (hint bits under data checksums, as
    // on PGlite), so the answer is kept from the read after that.
    const first = await reception.get(url);
    let hit = await reception.get(url);
    if (!hit.headers['x-read-cache']) hit = await reception.get(url);
    expect(hit.headers['x-read-cache']).toBe('hit');
    expect(hit.headers.etag).toBe(first.headers.etag);
    await reception.post(`/api/cases/${c.id}/pause`, { reason: 'awaiting_resident' });
    const paused = await reception.get(url);
    expect(paused.headers['x-read-cache']).toBeUndefined();
    expect(paused.json()).toMatchObject({ status: 'paused' });
    expect(paused.json().timeline.events).toHaveLength(2);
  });

  it('every user has their own answers: another estate still gets 404 after a colleague filled the cache, and a 404 is not kept', async () => {
    const reception = await w.as('reception');
    const other = await w.as('reception_b');
    const resident = await w.as('resident');
    const c = await openCaseVia(reception, repairBody(w, { unitId: w.a.unitIds['2-1-502'], residentId: null }));
    expect((await reception.get(`/api/cases/${c.id}`)).statusCode).toBe(200);
    await reception.get(`/api/cases/${c.id}`); // see above: the first read of a new row may write WAL
    expect((await reception.get(`/api/cases/${c.id}`)).headers['x-read-cache']).toBe('hit');
    for (const client of [other, resident]) {
      const res = await client.get(`/api/cases/${c.id}`);
      expect(res.statusCode).toBe(404);
      expect((await client.get(`/api/cases/${c.id}`)).headers['x-read-cache']).toBeUndefined();
    }
    // The resident's own list is not the receptionist's list.
    const mine = (await resident.get(`/api/cases?estateId=${w.a.id}`)).json();
    expect(mine.items.map((x: { id: string }) => x.id)).not.toContain(c.id);
  });

  it('receptionist: a caller that accepts gzip gets the large answers compressed, fresh or from the cache, and the same JSON', async () => {
    const reception = await w.as('reception');
    for (let i = 0; i < 15; i++) await openCaseVia(reception, repairBody(w)); // a board over 8 KB
    const plain = await reception.get(boardUrl());
    expect(plain.body.length).toBeGreaterThan(8 * 1024);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const gz = { 'accept-encoding': 'gzip, deflate, br' };
    const seen: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await reception.get(`${boardUrl()}&kind=repair`, gz);
      expect(res.headers['content-encoding']).toBe('gzip');
      expect(res.headers.vary).toMatch(/accept-encoding/);
      expect(JSON.parse(gunzipSync(res.rawPayload).toString('utf8'))).toEqual((await reception.get(`${boardUrl()}&kind=repair`)).json());
      seen.push(String(res.headers['x-read-cache'] ?? 'miss'));
    }
    expect(seen).toContain('hit');
    // Small answers (under 8 KB: a case page, a short list) stay plain.
    const small = await reception.get(`/api/cases?estateId=${w.b.id}`, gz);
    expect(small.headers['content-encoding']).toBeUndefined();
  });

  it('a signed-out caller is never served a cached answer', async () => {
    const reception = await w.as('reception');
    await reception.get(boardUrl());
    await reception.post('/api/auth/logout');
    expect((await reception.get(boardUrl())).statusCode).toBe(401);
  });
});
