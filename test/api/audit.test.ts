import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestWorld, createWorld } from '../support/harness.js';

let w: TestWorld;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(async () => w?.close());

type AuditItem = { id: number; actorName: string | null; subject: string; action: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null };

describe('set-up history (操作日志, R-AR-1)', () => {
  it('admin: every set-up change is recorded with who, what, before and after, newest first', async () => {
    const admin = await w.as('admin');
    const b = await admin.post(`/api/estates/${w.a.id}/buildings`, { code: '9', name: '9号楼' });
    expect(b.statusCode).toBe(201);
    const u = await admin.post(`/api/estates/${w.a.id}/units`, { code: '9-1-101' });
    expect(u.statusCode).toBe(201);
    expect((await admin.patch(`/api/units/${u.json().id}`, { vacant: true })).statusCode).toBe(200);
    expect((await admin.put(`/api/estates/${w.a.id}/settings/rules`, { escalation: { stepMinutes: 45 } })).statusCode).toBe(200);

    const res = await admin.get(`/api/estates/${w.a.id}/audit?limit=4`);
    expect(res.statusCode).toBe(200);
    const items: AuditItem[] = res.json().items;
    expect(items.map((i) => `${i.subject}.${i.action}`)).toEqual(['estates.update', 'units.update', 'units.insert', 'buildings.insert']);
    expect(items.every((i) => typeof i.actorName === 'string' && i.actorName.length > 0)).toBe(true);
    const [settings, vacancy, unit, building] = items;
    expect((settings!.after!.settings as { escalation: { stepMinutes: number } }).escalation.stepMinutes).toBe(45);
    expect(vacancy!.before).toMatchObject({ code: '9-1-101', vacant: false });
    expect(vacancy!.after).toMatchObject({ code: '9-1-101', vacant: true });
    expect(unit!.before).toBeNull();
    expect(building!.after).toMatchObject({ code: '9', name: '9号楼' });
    const actorIds = new Set(items.map((i) => (i as unknown as { actorId: string }).actorId));
    expect([...actorIds]).toEqual([admin.userId]);
  });

  it('admin: the history filters by table and pages backwards without repeating a change', async () => {
    const admin = await w.as('admin');
    const units = (await admin.get(`/api/estates/${w.a.id}/audit?subject=units&limit=1`)).json();
    expect(units.items).toHaveLength(1);
    expect(units.items[0].subject).toBe('units');
    const next = (await admin.get(`/api/estates/${w.a.id}/audit?subject=units&limit=1&before=${units.nextBefore}`)).json();
    expect(next.items[0].subject).toBe('units');
    expect(next.items[0].id).toBeLessThan(units.items[0].id);
    // The demo estate's own units were written by the seed: the system, not a person.
    const all = (await admin.get(`/api/estates/${w.a.id}/audit?subject=units&limit=200`)).json().items as AuditItem[];
    expect(all.some((i) => i.actorName === null && i.action === 'insert')).toBe(true);
    const bad = await admin.get(`/api/estates/${w.a.id}/audit?subject=cases`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].field).toBe('subject');
  });

  it('project manager reads the history; a receptionist may not (403); another estate sees nothing (404)', async () => {
    expect((await (await w.as('pm')).get(`/api/estates/${w.a.id}/audit`)).statusCode).toBe(200);
    expect((await (await w.as('reception')).get(`/api/estates/${w.a.id}/audit`)).statusCode).toBe(403);
    expect((await (await w.as('pm_b')).get(`/api/estates/${w.a.id}/audit`)).statusCode).toBe(404);
    // Estate B's history holds none of estate A's changes.
    const bItems = (await (await w.as('pm_b')).get(`/api/estates/${w.b.id}/audit?limit=200`)).json().items as AuditItem[];
    expect(bItems.some((i) => (i.after as { code?: string } | null)?.code === '9-1-101')).toBe(false);
  });

  it('admin: a CSV import is recorded under the admin, row by row; a dry run leaves no trace', async () => {
    const admin = await w.as('admin');
    const file = '楼栋,单元,房号,业主姓名,关系,电话\n8,1,101,周八,业主,13811118888\n';
    const post = (dry: boolean) =>
      admin.request({ method: 'POST', url: `/api/estates/${w.a.id}/import/units${dry ? '?dryRun=true' : ''}`, payload: file, headers: { 'content-type': 'text/csv' } });
    const top = async () => (await admin.get(`/api/estates/${w.a.id}/audit?limit=1`)).json().items[0].id as number;
    const before = await top();
    expect((await post(true)).statusCode).toBe(200);
    expect(await top()).toBe(before);
    expect((await post(false)).statusCode).toBe(200);
    const items = (await admin.get(`/api/estates/${w.a.id}/audit?limit=3`)).json().items as (AuditItem & { actorId: string })[];
    expect(items.map((i) => `${i.subject}.${i.action}`)).toEqual(['residents.insert', 'units.insert', 'buildings.insert']);
    expect(items.every((i) => i.actorId === admin.userId)).toBe(true);
    expect(items[0]!.after).toMatchObject({ name: '周八' });
  });

  it('admin: price-list and staff-role changes are recorded under the admin', async () => {
    const admin = await w.as('admin');
    const item = await admin.post(`/api/estates/${w.a.id}/price-items`, { code: 'AUD-1', name: '更换灯泡', unit: '个', priceCents: 1500 });
    expect(item.statusCode).toBe(201);
    expect((await admin.patch(`/api/estates/${w.a.id}/price-items/${item.json().id}`, { priceCents: 1800 })).statusCode).toBe(200);
    const tech = (await w.as('tech2')).userId;
    expect((await admin.put(`/api/estates/${w.a.id}/staff/${tech}/roles`, { roles: ['technician', 'dispatcher'] })).statusCode).toBe(200);
    const prices = (await admin.get(`/api/estates/${w.a.id}/audit?subject=price_items&limit=2`)).json().items as (AuditItem & { actorId: string })[];
    expect(prices.map((i) => i.action)).toEqual(['update', 'insert']);
    expect([prices[0]!.before!.price_cents, prices[0]!.after!.price_cents]).toEqual([1500, 1800]);
    const roles = (await admin.get(`/api/estates/${w.a.id}/audit?subject=staff_roles&limit=10`)).json().items as (AuditItem & { actorId: string })[];
    expect(roles.some((i) => i.action === 'insert' && i.after!.user_id === tech && i.after!.role === 'dispatcher')).toBe(true);
    // Role changes name the staff member, not only their id.
    expect(roles.find((i) => i.after?.user_id === tech)).toMatchObject({ subjectName: expect.any(String) });
    expect([...prices, ...roles.slice(0, 1)].every((i) => i.actorId === admin.userId)).toBe(true);
  });

  it('system: the history cannot be edited or deleted, even by the app database user', async () => {
    const failure = (p: Promise<unknown>) => p.then(() => 'no error', (e: Error & { cause?: Error }) => String(e.cause?.message ?? e.message));
    expect(await failure(w.database.db.execute(sql`update admin_events set action = 'x'`))).toMatch(/append-only/);
    expect(await failure(w.database.db.execute(sql`delete from admin_events`))).toMatch(/append-only/);
    expect(await failure(w.database.db.execute(sql`truncate admin_events`))).toMatch(/append-only/);
  });
});
