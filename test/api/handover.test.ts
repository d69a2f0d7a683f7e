import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestWorld, createWorld } from '../support/harness.js';
import { openCaseVia, repairBody } from '../support/desk.js';

/**
 * Shift handover (R-SH-1): the open orders are listed and counted by the server at the moment
 * of handing over; the taker must be a desk colleague of the estate.
 */
let w: TestWorld;
let reception: Client;
const o: Record<string, { id: string; number: string; caseId: string; caseNumber: string }> = {};

const issue = async (key: string, technicianId?: string) => {
  const c = await openCaseVia(reception, repairBody(w));
  const res = await reception.post(`/api/cases/${c.id}/orders`, { departmentId: w.a.departmentIds.ENG, ...(technicianId ? { technicianId } : {}) });
  if (res.statusCode !== 201) throw new Error(`issue: ${res.statusCode} ${res.body}`);
  o[key] = { ...res.json(), caseNumber: c.number };
};
const view = (client: Client, query = '') => client.get(`/api/estates/${w.a.id}/handover${query}`);
const hand = (client: Client, body: unknown, headers?: Record<string, string>) => client.post(`/api/estates/${w.a.id}/handovers`, body, headers);

beforeAll(async () => {
  w = await createWorld();
  reception = await w.as('reception');
  await issue('O1');
  await issue('O2', w.a.userIds.tech1);
  await issue('V1');
  const voided = await reception.post(`/api/orders/${o.V1!.id}/void`, { reason: '重复派工' });
  if (voided.statusCode !== 200) throw new Error(`void: ${voided.body}`);
});
afterAll(async () => w?.close());

describe('shift handover (R-SH-1)', () => {
  it('the desk sees the orders not back at the desk (void left out) with case, technician, status and issue time', async () => {
    const res = await view(reception);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.openOrderCount).toBe(2);
    expect(body.openOrders.map((x: { number: string }) => x.number)).toEqual([o.O1!.number, o.O2!.number]);
    const o2 = body.openOrders[1];
    expect(o2).toMatchObject({ id: o.O2!.id, status: 'issued', technician: '孙师傅', caseId: o.O2!.caseId, issuedAt: '2026-03-02T02:00:00.000Z' });
    expect(o2.caseNumber).toBe(o.O2!.caseNumber);
    const names = body.colleagues.map((c: { displayName: string }) => c.displayName);
    expect(names).toContain('周强'); // night duty
    expect(names).not.toContain('刘晓燕'); // not oneself
    expect(names).not.toContain('孙师傅'); // a technician does not keep the desk
  });

  it('the server counts the orders at the moment of handing over; a count sent by the client is refused', async () => {
    const night = w.a.userIds.night!;
    w.clock.set('2026-03-02T10:00:00Z');
    // A count or list sent by the client is not part of the body: refused (400), never silently dropped.
    const forged = await hand(reception, { takenBy: night, shift: 'night', openOrderCount: 0, openOrderNumbers: ['999999'] });
    expect(forged.statusCode).toBe(400);
    expect(forged.json().error.fields.map((f: { field: string }) => f.field)).toEqual(['openOrderCount', 'openOrderNumbers']);
    const first = await hand(reception, { takenBy: night, shift: 'night', note: '3号楼电梯待厂家' });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ shift: 'night', openOrderCount: 2, openOrderNumbers: [o.O1!.number, o.O2!.number] });

    expect((await reception.post(`/api/orders/${o.O1!.id}/void`, { reason: '业户取消' })).statusCode).toBe(200);
    w.clock.set('2026-03-02T23:30:00Z'); // 07:30 next morning: night orders go back to the day desk
    const morning = await hand(await w.as('night'), { takenBy: w.a.userIds.reception, shift: 'day' });
    expect(morning.statusCode).toBe(201);
    expect(morning.json()).toMatchObject({ shift: 'day', openOrderCount: 1, openOrderNumbers: [o.O2!.number] });

    const history = (await view(reception)).json().handovers;
    expect(history.items.map((h: { shift: string }) => h.shift)).toEqual(['day', 'night']);
    expect(history.items[0]).toMatchObject({ handedBy: { displayName: '周强' }, takenBy: { displayName: '刘晓燕' }, openOrderCount: 1, note: null });
    expect(history.items[1]).toMatchObject({ handedBy: { displayName: '刘晓燕' }, takenBy: { displayName: '周强' }, openOrderCount: 2, note: '3号楼电梯待厂家' });
  });

  it('history is paged newest first', async () => {
    const first = (await view(reception, '?limit=1')).json().handovers;
    expect(first.items).toHaveLength(1);
    expect(first.items[0].shift).toBe('day');
    const second = (await view(reception, `?limit=1&cursor=${encodeURIComponent(first.nextCursor)}`)).json().handovers;
    expect(second.items.map((h: { shift: string }) => h.shift)).toEqual(['night']);
    expect((await view(reception, '?limit=0')).json().error.fields[0]).toEqual({ field: 'limit', message: '条数至少为 1' });
  });

  it('a bad taker is 400 with a field message in Chinese', async () => {
    const cases: [unknown, string][] = [
      [w.a.userIds.tech1, '接班人须为本项目的客服、夜间值班、调度或客服主管'],
      [w.b.userIds.reception_b, '接班人须为本项目的客服、夜间值班、调度或客服主管'],
      [w.a.userIds.reception, '接班人不能是交班人本人'],
      ['nobody', '请选择接班人'],
    ];
    for (const [takenBy, message] of cases) {
      const res = await hand(reception, { takenBy, shift: 'day' });
      expect(res.statusCode, String(takenBy)).toBe(400);
      expect(res.json().error.fields).toEqual([{ field: 'takenBy', message }]);
    }
    const badShift = await hand(reception, { takenBy: w.a.userIds.night, shift: 'evening' });
    expect(badShift.json().error.fields[0].field).toBe('shift');
  });

  it('another estate is 404; a technician or the finance office is 403; nothing is recorded', async () => {
    const count = async () => (await view(reception, '?limit=100')).json().handovers.items.length;
    const before = await count();
    const other = await w.as('reception_b');
    expect((await view(other)).statusCode).toBe(404);
    expect((await hand(other, { takenBy: w.a.userIds.night, shift: 'day' })).statusCode).toBe(404);
    expect((await hand(other, { takenBy: 'junk' })).statusCode).toBe(404);
    for (const login of ['tech1', 'finance']) {
      const client = await w.as(login);
      expect((await view(client)).statusCode, login).toBe(403);
      expect((await hand(client, { takenBy: w.a.userIds.night, shift: 'day' })).statusCode, login).toBe(403);
    }
    expect(await count()).toBe(before);
  });

  it('a replayed Idempotency-Key records the handover once', async () => {
    const sup = await w.as('supervisor');
    const headers = { 'idempotency-key': 'handover-key-0001' };
    const body = { takenBy: w.a.userIds.night, shift: 'night' };
    const a = await hand(sup, body, headers);
    const b = await hand(sup, body, headers);
    expect(a.statusCode).toBe(201);
    expect(b.json().id).toBe(a.json().id);
    const items = (await view(sup, '?limit=100')).json().handovers.items;
    expect(items.filter((h: { id: string }) => h.id === a.json().id)).toHaveLength(1);
    expect(items).toHaveLength(3);
  });
});
