import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type TestWorld } from '../support/harness.js';
import { PNG_1X1 } from '../support/desk.js';

// Issue 15 item 10: a daily upload allowance per person and estate (settings `uploads`).
let w: TestWorld;
beforeAll(async () => {
  w = await createWorld();
  const admin = await w.as('admin');
  const put = await admin.put(`/api/estates/${w.a.id}/settings/rules`, { uploads: { residentDailyMb: 5, staffDailyMb: 10 } });
  expect(put.statusCode, put.body).toBe(200);
});
afterAll(async () => w?.close());

const MB = 1024 * 1024;
/** A distinct "PNG" of about `mb` megabytes (the server checks the signature, not the pixels). */
const picture = (mb: number) => Buffer.concat([PNG_1X1, randomBytes(Math.round(mb * MB) - PNG_1X1.length)]);
const send = async (username: string, bytes: Buffer) =>
  (await w.as(username)).request({ method: 'POST', url: `/api/estates/${w.a.id}/files`, payload: bytes, headers: { 'content-type': 'image/png' } });
const stored = async () => ((await w.database.db.execute(sql`select count(*)::int as n from files`)) as unknown as { rows: { n: number }[] }).rows[0]!.n;

describe('daily upload allowance', () => {
  it('resident: uploads past the day’s 5 MB are refused with 429 and Retry-After; a picture already stored and the next day are fine', async () => {
    const kept = picture(1.5);
    for (const bytes of [kept, picture(1.5), picture(1.5)]) expect((await send('resident', bytes)).statusCode).toBe(201);
    const before = await stored();
    const refused = await send('resident', picture(1.5));
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error).toMatchObject({ code: 'upload_quota', fields: [{ field: 'file' }] });
    expect(refused.json().error.message).toContain('5 MB');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(86_400);
    expect(await stored()).toBe(before);
    // The same picture again costs nothing (it is stored once).
    expect((await send('resident', kept)).statusCode).toBe(201);
    // Staff have their own, larger allowance.
    expect((await send('reception', picture(1.5))).statusCode).toBe(201);
    // A new Beijing day, a new allowance.
    const saved = w.clock.now();
    w.clock.advance(24 * 3_600_000);
    expect((await send('resident', picture(1.5))).statusCode).toBe(201);
    w.clock.set(saved);
  });

  it('technician: uploads sent at the same moment cannot together pass the allowance', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => send('tech1', picture(2))));
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes.filter((c) => c === 201)).toHaveLength(5);
    expect(codes.filter((c) => c === 429)).toHaveLength(3);
  });

  it('admin: the allowance is a rules setting with bounds', async () => {
    const admin = await w.as('admin');
    const bad = await admin.put(`/api/estates/${w.a.id}/settings/rules`, { uploads: { residentDailyMb: 0 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].field).toBe('uploads.residentDailyMb');
    const view = (await admin.get(`/api/estates/${w.a.id}/settings/rules`)).json();
    expect(view.defaults.uploads).toEqual({ staffDailyMb: 500, residentDailyMb: 50 });
    expect(view.effective.uploads).toEqual({ staffDailyMb: 10, residentDailyMb: 5 });
  });
});
