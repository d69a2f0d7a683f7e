import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type TestWorld } from '../support/harness.js';

let w: TestWorld;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(async () => w?.close());

const csv = (client: Awaited<ReturnType<TestWorld['as']>>, estateId: string, body: string, dry = false) =>
  client.request({ method: 'POST', url: `/api/estates/${estateId}/import/units${dry ? '?dryRun=true' : ''}`, payload: body, headers: { 'content-type': 'text/csv' } });
const count = async (table: string) =>
  ((await w.database.db.execute(sql.raw(`select count(*)::int as n from ${table}`))) as unknown as { rows: { n: number }[] }).rows[0]!.n;

describe('organisation', () => {
  it('receptionist: sees own estate only, with its buildings and departments', async () => {
    const reception = await w.as('reception');
    const estates = (await reception.get('/api/estates')).json().items;
    expect(estates.map((e: { code: string }) => e.code)).toEqual(['YH']);
    expect(estates[0].settings).toBeUndefined();
    expect((await reception.get(`/api/estates/${w.a.id}/departments`)).json().items.map((d: { code: string }) => d.code)).toEqual(['CLN', 'CS', 'ENG', 'SEC']);
  });

  it('admin: creates an estate, a building, a unit from its code and a resident', async () => {
    const admin = await w.as('admin');
    const e = await admin.post('/api/estates', { code: 'XY', name: '星月湾', casePrefix: 'XY', households: 120 });
    expect(e.statusCode).toBe(201);
    const id = e.json().id;
    expect((await admin.post(`/api/estates/${id}/buildings`, { code: '5', name: '5号楼' })).statusCode).toBe(201);
    const u = await admin.post(`/api/estates/${id}/units`, { code: '5-2-1203' });
    expect(u.json()).toMatchObject({ code: '5-2-1203', entrance: '2', floor: 12, room: '1203' });
    expect((await admin.post(`/api/estates/${id}/units`, { code: '9-1-101' })).json().error.fields[0].field).toBe('code');
    const r = await admin.post(`/api/estates/${id}/residents`, { unitId: u.json().id, name: '赵女士', relation: 'owner', phones: ['13912345678', '0755-88889999'] });
    expect(r.statusCode).toBe(201);
    const bad = await admin.post(`/api/estates/${id}/residents`, { unitId: u.json().id, name: '钱', relation: 'owner', phones: ['12345'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].field).toBe('phones.0');
  });

  it('admin: corrects a unit’s vacancy and a resident’s phones; a bad phone is named; receptionist 403, LH admin-less staff 404', async () => {
    const admin = await w.as('admin');
    const unitId = w.a.unitIds['3-2-1203']!;
    const u = await admin.patch(`/api/units/${unitId}`, { vacant: true, areaM2: 98 });
    expect(u.statusCode).toBe(200);
    expect(u.json()).toMatchObject({ code: '3-2-1203', vacant: true, areaM2: 98 });
    expect((await admin.patch(`/api/units/${unitId}`, { code: '9-9-999' })).statusCode).toBe(400);
    const residentId = (await admin.get(`/api/estates/${w.a.id}/residents?unitId=${unitId}`)).json().items[0].id;
    const r = await admin.patch(`/api/residents/${residentId}`, { phones: ['13911112222'], relation: 'owner' });
    expect(r.statusCode).toBe(200);
    // Answered masked, as every answer carries residents' numbers (issue 13 item 1).
    expect(r.json()).toMatchObject({ unitCode: '3-2-1203', phones: ['139****2222'] });
    const found = (await admin.get(`/api/estates/${w.a.id}/residents/lookup?phone=1111`)).json().items;
    expect(found.map((x: { id: string }) => x.id)).toContain(residentId);
    const bad = await admin.patch(`/api/residents/${residentId}`, { phones: ['13911112222', '123'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].field).toBe('phones.1');
    expect((await (await w.as('reception')).patch(`/api/residents/${residentId}`, { name: '改名' })).statusCode).toBe(403);
    expect((await (await w.as('reception_b')).patch(`/api/units/${unitId}`, { vacant: false })).statusCode).toBe(404);
    expect((await admin.get(`/api/units/${unitId}`)).json().vacant).toBe(true);
  });

  it('receptionist: may read but not create staff (403); LH staff get 404 for YH', async () => {
    const reception = await w.as('reception');
    const body = { username: 'newbie', displayName: '新人', password: 'password1', roles: ['receptionist'] };
    expect((await reception.post(`/api/estates/${w.a.id}/staff`, body)).statusCode).toBe(403);
    const other = await w.as('reception_b');
    expect((await other.get(`/api/estates/${w.a.id}/staff`)).statusCode).toBe(404);
    expect((await other.post(`/api/estates/${w.a.id}/buildings`, { code: 'X', name: 'x' })).statusCode).toBe(404);
  });

  it('dispatcher: lists the ENG technicians least busy first', async () => {
    const dispatcher = await w.as('dispatcher');
    const staff = (await dispatcher.get(`/api/estates/${w.a.id}/staff?role=technician&departmentId=${w.a.departmentIds.ENG}`)).json().items;
    expect(staff.map((s: { username: string }) => s.username).sort()).toEqual(['tech1', 'tech2']);
    expect(staff[0]).toHaveProperty('openOrders', 0);
  });

  it('admin: a deactivated staff member can no longer sign in', async () => {
    const admin = await w.as('admin');
    const s = await admin.post(`/api/estates/${w.a.id}/staff`, { username: 'temp1', displayName: '临时工', password: 'demo1234', roles: ['technician'], departmentId: w.a.departmentIds.CLN });
    expect(s.statusCode).toBe(201);
    const temp = await w.as('temp1');
    await admin.post(`/api/estates/${w.a.id}/staff/${s.json().id}/deactivate`, {});
    expect((await temp.get('/api/me')).statusCode).toBe(401);
  });
});

describe('staff roles per estate', () => {
  it('admin: replaces a staff member’s roles and department; the new roles apply to the open session at once', async () => {
    const admin = await w.as('admin');
    const s = await admin.post(`/api/estates/${w.a.id}/staff`, { username: 'rolechg', displayName: '调岗员工', password: 'demo1234', roles: ['technician'], departmentId: w.a.departmentIds.CLN });
    expect(s.statusCode).toBe(201);
    const id = s.json().id;
    const person = await w.as('rolechg');
    const rolesHere = async () => (await person.get('/api/me')).json().estates.find((e: { estateId: string }) => e.estateId === w.a.id)?.roles.sort();
    expect(await rolesHere()).toEqual(['technician']);
    const put = await admin.put(`/api/estates/${w.a.id}/staff/${id}/roles`, { roles: ['receptionist', 'night_duty'], departmentId: w.a.departmentIds.CS });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ id, departmentIds: [w.a.departmentIds.CS] });
    expect(put.json().roles.sort()).toEqual(['night_duty', 'receptionist']);
    expect(await rolesHere()).toEqual(['night_duty', 'receptionist']);
    const listed = (await admin.get(`/api/estates/${w.a.id}/staff?role=technician`)).json().items.map((x: { id: string }) => x.id);
    expect(listed).not.toContain(id);
    // Without a department in the body the department stays.
    const again = await admin.put(`/api/estates/${w.a.id}/staff/${id}/roles`, { roles: ['dispatcher'] });
    expect(again.json()).toMatchObject({ roles: ['dispatcher'], departmentIds: [w.a.departmentIds.CS] });
  });

  it('roles: receptionist 403, other estate’s staff 404, no role or an unknown department 400 naming the field, unknown person 404', async () => {
    const admin = await w.as('admin');
    const techId = (await admin.get(`/api/estates/${w.a.id}/staff?role=technician&departmentId=${w.a.departmentIds.ENG}`)).json().items[0].id;
    const url = `/api/estates/${w.a.id}/staff/${techId}/roles`;
    expect((await (await w.as('reception')).put(url, { roles: ['supervisor'] })).statusCode).toBe(403);
    expect((await (await w.as('reception_b')).put(url, { roles: ['supervisor'] })).statusCode).toBe(404);
    const none = await admin.put(url, { roles: [] });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.fields[0].field).toBe('roles');
    const dept = await admin.put(url, { roles: ['technician'], departmentId: '00000000-0000-4000-8000-000000000000' });
    expect(dept.statusCode).toBe(400);
    expect(dept.json().error.fields[0].field).toBe('departmentId');
    expect((await admin.put(`/api/estates/${w.a.id}/staff/00000000-0000-4000-8000-000000000000/roles`, { roles: ['technician'] })).statusCode).toBe(404);
    // The technician is unchanged by the refused requests.
    const tech = (await admin.get(`/api/estates/${w.a.id}/staff`)).json().items.find((x: { id: string }) => x.id === techId);
    expect(tech.roles).toEqual(['technician']);
  });
});

describe('lookups for the receptionist on the phone', () => {
  it('receptionist: typing 3-1-5 finds the units of building 3, entrance 1, floor 5 first', async () => {
    const reception = await w.as('reception');
    const res = (await reception.get(`/api/estates/${w.a.id}/units/lookup?q=3-1-5`)).json().items;
    expect(res.length).toBeGreaterThan(0);
    expect(res.every((u: { code: string }) => u.code.startsWith('3-1-5'))).toBe(true);
    const exact = (await reception.get(`/api/estates/${w.a.id}/units/lookup?q=2-1-502`)).json().items;
    expect(exact[0]).toMatchObject({ code: '2-1-502', openCases: 0 });
  });

  it('receptionist: four digits of a phone number find the resident with the unit', async () => {
    const reception = await w.as('reception');
    const res = (await reception.get(`/api/estates/${w.a.id}/residents/lookup?phone=8886`)).json().items;
    expect(res).toEqual([expect.objectContaining({ name: '王先生', unitCode: '2-1-502' })]);
    expect((await reception.get(`/api/estates/${w.a.id}/residents/lookup?phone=88`)).statusCode).toBe(400);
  });

  it('resident: reads own unit and not another (404)', async () => {
    const resident = await w.as('resident');
    expect((await resident.get(`/api/units/${w.a.unitIds['1-1-101']}`)).statusCode).toBe(200);
    expect((await resident.get(`/api/units/${w.a.unitIds['2-1-502']}`)).statusCode).toBe(404);
  });
});

describe('CSV import', () => {
  it('admin: imports units and residents from a Chinese CSV with a BOM', async () => {
    const admin = await w.as('admin');
    const units = await count('units');
    const file = '\uFEFF楼栋,单元,房号,业主姓名,关系,电话\n7,1,101,刘一,业主,13811112222\n7,1,102,陈二,租户,13811113333;010-66667777\n7,2,201,,,\n';
    const dry = await csv(admin, w.a.id, file, true);
    expect(dry.json()).toMatchObject({ rows: 3, unitsCreated: 3, residentsCreated: 2, dryRun: true });
    expect(await count('units')).toBe(units);
    const res = await csv(admin, w.a.id, file);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ buildingsCreated: 1, unitsCreated: 3, residentsCreated: 2 });
    expect(await count('units')).toBe(units + 3);
  });

  it('admin: a bad phone on row 3 and an unknown relation on row 5 are both reported and nothing is written', async () => {
    const admin = await w.as('admin');
    const [units, residents] = [await count('units'), await count('residents')];
    const file = 'unit,name,relation,phones\n8-1-101,A,owner,13800001111\n8-1-102,B,owner,12345\n8-1-103,C,tenant,13800002222\n8-1-104,D,boss,13800003333\n';
    const res = await csv(admin, w.a.id, file);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.report).toEqual([
      { row: 3, field: 'phones', reason: '电话「12345」格式不正确' },
      { row: 5, field: 'relation', reason: '关系「boss」应为 业主、租户 或 家属' },
    ]);
    expect([await count('units'), await count('residents')]).toEqual([units, residents]);
  });

  it('receptionist: may not import (403)', async () => {
    const reception = await w.as('reception');
    expect((await csv(reception, w.a.id, 'unit\n1-1-999\n')).statusCode).toBe(403);
  });
});
