import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type TestWorld } from '../support/harness.js';

let w: TestWorld;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(async () => w?.close());

const codes = (items: { code: string }[]) => items.map((i) => i.code);

describe('catalog (categories and price list)', () => {
  it('admin: adds a category, edits it, retires it; retired ones are listed only on request', async () => {
    const admin = await w.as('admin');
    const base = `/api/estates/${w.a.id}/categories`;
    const c = await admin.post(base, { code: 'ROOF', name: '屋面渗漏', kinds: ['repair'], specialty: 'civil' });
    expect(c.statusCode).toBe(201);
    expect(codes((await admin.get(base)).json().items)).toContain('ROOF');
    const edited = await admin.patch(`${base}/${c.json().id}`, { name: '屋面及外墙渗漏' });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ code: 'ROOF', name: '屋面及外墙渗漏', specialty: 'civil' });
    expect((await admin.post(`${base}/${c.json().id}/retire`)).json()).toMatchObject({ active: false });
    expect(codes((await admin.get(base)).json().items)).not.toContain('ROOF');
    const all = (await admin.get(`${base}?includeInactive=true`)).json().items;
    expect(all.find((x: { code: string }) => x.code === 'ROOF')).toMatchObject({ active: false });
  });

  it('admin: a duplicate code answers 409 naming the code field', async () => {
    const admin = await w.as('admin');
    const res = await admin.post(`/api/estates/${w.a.id}/price-items`, { code: 'P001', name: '再来一个', unit: '个', priceCents: 100 });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.fields).toEqual([{ field: 'code', message: '编码已存在' }]);
  });

  it('admin: adds a price item in cents and changes its price; bad prices answer 400 naming priceCents', async () => {
    const admin = await w.as('admin');
    const base = `/api/estates/${w.a.id}/price-items`;
    const p = await admin.post(base, { code: 'P900', name: '更换门锁芯', unit: '个', priceCents: 8550 });
    expect(p.statusCode).toBe(201);
    expect(p.json()).toMatchObject({ priceCents: 8550, active: true });
    const cheaper = await admin.patch(`${base}/${p.json().id}`, { priceCents: 7000 });
    expect(cheaper.json().priceCents).toBe(7000);
    const frac = await admin.post(base, { code: 'P901', name: '半分钱', unit: '次', priceCents: 10.5 });
    expect(frac.statusCode).toBe(400);
    expect(frac.json().error.fields[0]).toMatchObject({ field: 'priceCents', message: '价格以分为单位，须为整数' });
    const negative = await admin.patch(`${base}/${p.json().id}`, { priceCents: -1 });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().error.fields[0].field).toBe('priceCents');
    const unknown = await admin.post(base, { code: 'P902', name: 'x', unit: '次', priceCents: 1, colour: 'red' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields[0].field).toBe('colour');
  });

  it('receptionist: reads the price list but may not add or retire (403)', async () => {
    const reception = await w.as('reception');
    const base = `/api/estates/${w.a.id}/price-items`;
    const items = (await reception.get(base)).json().items;
    expect(items.length).toBeGreaterThan(0);
    expect((await reception.post(base, { code: 'P777', name: 'x', unit: '次', priceCents: 100 })).statusCode).toBe(403);
    expect((await reception.post(`${base}/${items[0].id}/retire`)).statusCode).toBe(403);
    expect((await reception.patch(`${base}/${items[0].id}`, { priceCents: 1 })).statusCode).toBe(403);
  });

  it('receptionist of another estate: gets 404 for this estate, and an admin editing through the wrong estate gets 404', async () => {
    const other = await w.as('reception_b');
    expect((await other.get(`/api/estates/${w.a.id}/categories`)).statusCode).toBe(404);
    expect((await other.post(`/api/estates/${w.a.id}/categories`, { code: 'X1', name: 'x' })).statusCode).toBe(404);
    const admin = await w.as('admin');
    const item = (await admin.get(`/api/estates/${w.a.id}/price-items`)).json().items[0];
    expect((await admin.patch(`/api/estates/${w.b.id}/price-items/${item.id}`, { priceCents: 1 })).statusCode).toBe(404);
    expect((await admin.post(`/api/estates/${w.b.id}/price-items/${item.id}/retire`)).statusCode).toBe(404);
  });
});
