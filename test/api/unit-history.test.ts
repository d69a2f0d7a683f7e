import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCaseVia, repairBody } from '../support/desk.js';
import { createWorld, type TestWorld } from '../support/harness.js';

// Issue 9 item 5: the unit's history says 重复 / 返修 by the domain's one rework rule (R-KPI-1),
// the rule the monthly figure uses — from completion, not from closing.
let w: TestWorld;
beforeAll(async () => {
  w = await createWorld();
}, 60_000);
afterAll(async () => w?.close());

describe('unit history against the category being reported', () => {
  it('receptionist: a case completed in the window is 返修 (also before it is closed), an open one 重复, another category nothing; the window is the estate’s', async () => {
    let reception = await w.as('reception');
    const unitId = w.a.unitIds['3-1-301']!;
    const body = (over: Record<string, unknown>) => repairBody(w, { unitId, residentId: null, ...over });
    const open = await openCaseVia(reception, body({ category: 'WATER', description: '水管滴水' }));
    const help = await openCaseVia(reception, body({ kind: 'help', category: 'OTHER', description: '搬运旧家具' }));
    expect((await reception.post(`/api/cases/${help.id}/handled`, { note: '已协助' })).statusCode).toBe(200);
    // Completed, not closed: the old screen called this 重复 (it counted from closing); the rule says 返修.
    const history = async (category?: string) =>
      (await reception.get(`/api/units/${unitId}/cases?limit=10${category ? `&category=${category}` : ''}`).then((r) => (r.statusCode === 200 ? r : Promise.reject(new Error(r.body))))).json() as { reworkWindowDays: number; items: { id: string; relation: string | null }[] };
    const rel = (h: Awaited<ReturnType<typeof history>>, id: string) => h.items.find((c) => c.id === id)?.relation;
    const water = await history('WATER');
    expect(water.reworkWindowDays).toBe(30);
    expect(rel(water, open.id)).toBe('repeat');
    expect(rel(water, help.id)).toBeNull();
    const other = await history('OTHER');
    expect(rel(other, help.id)).toBe('rework');
    expect(rel(other, open.id)).toBeNull();
    expect(rel(await history(), open.id)).toBeNull();

    // 31 days later the completed case is outside the 30-day window: not rework, only a repeat while
    // it is still not closed; with a 60-day window it is rework again.
    w.clock.advance(31 * 86_400_000);
    reception = await w.as('reception'); // the session did not last a month
    expect(rel(await history('OTHER'), help.id)).toBe('repeat');
    const admin = await w.as('admin');
    expect((await admin.put(`/api/estates/${w.a.id}/settings/rules`, { reworkWindowDays: 60 })).statusCode).toBe(200);
    const wider = await history('OTHER');
    expect(wider.reworkWindowDays).toBe(60);
    expect(rel(wider, help.id)).toBe('rework');
  });

  it('receptionist of another estate: 404', async () => {
    const res = await (await w.as('reception_b')).get(`/api/units/${w.a.unitIds['3-1-301']}/cases?category=WATER`);
    expect(res.statusCode).toBe(404);
  });
});
