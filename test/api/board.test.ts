import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases, deadlines } from '../../src/db/schema/index.js';
import { fireDueDeadlines } from '../../src/jobs/deadline-scheduler.js';
import { type Client, createWorld, type TestWorld } from '../support/harness.js';
import { openCaseVia, repairBody } from '../support/desk.js';

interface Item {
  id: string;
  estateId: string;
  openedAt: string;
  slaState: 'red' | 'amber' | 'green';
  nextDueAt: string | null;
}

let w: TestWorld;
let reception: Client;
const opened: string[] = [];
let otherEstateCase: string;
let engCase: string;
let voidedCase: string;
let breachedCases: string[] = [];

beforeAll(async () => {
  w = await createWorld();
  reception = await w.as('reception');
  // Three groups of cases opened at the same instant (ties on opened_at and on due times).
  // Inquiries get a 10-minute dispatch clock that will breach; repairs do too until dispatched.
  for (let group = 0; group < 3; group++) {
    for (let i = 0; i < 3; i++) {
      const kind = i === 0 ? 'inquiry' : 'repair';
      opened.push((await openCaseVia(reception, repairBody(w, { kind, description: `第${group}组 厨房水龙头漏水 ${i}` }))).id);
    }
    w.clock.advance(60_000);
  }
  // The first group's inquiries are left unanswered until their clocks breach.
  w.clock.advance(9 * 60_000);
  await fireDueDeadlines(w.database, w.clock);
  const reds = await w.database.db.select({ id: cases.id }).from(cases).where(and(eq(cases.estateId, w.a.id), eq(cases.breached, true)));
  breachedCases = reds.map((r) => r.id);
  // Two more cases at one instant after the breach, then dispatch one to 工程部 and void another's order.
  engCase = (await openCaseVia(reception, repairBody(w, { description: '卫生间跳闸' }))).id;
  voidedCase = (await openCaseVia(reception, repairBody(w, { description: '阳台水管漏水' }))).id;
  opened.push(engCase, voidedCase);
  const dispatcher = await w.as('dispatcher');
  await dispatcher.post(`/api/cases/${engCase}/orders`, { departmentId: w.a.departmentIds.ENG, technicianId: w.a.userIds.tech1 });
  const order = (await dispatcher.post(`/api/cases/${voidedCase}/orders`, { departmentId: w.a.departmentIds.ENG })).json();
  const voided = await dispatcher.post(`/api/orders/${order.id}/void`, { reason: '派错部门' });
  if (voided.statusCode !== 200) throw new Error(`void: ${voided.statusCode} ${voided.body}`);
  const recB = await w.as('reception_b');
  otherEstateCase = (await openCaseVia(recB, { ...repairBody(w), estateId: w.b.id, unitId: w.b.unitIds['1-1-101'], residentId: w.b.residentIds.resident })).id;
});
afterAll(async () => w?.close());

async function page(client: Client, query: string) {
  const res = await client.get(`/api/cases?${query}`);
  if (res.statusCode !== 200) throw new Error(`list: ${res.statusCode} ${res.body}`);
  return res.json() as { items: Item[]; total: number; totalCapped: boolean; nextCursor: string | null };
}

/** Walks every page; returns the ids in order and how many pages it took. */
async function walk(client: Client, query: string, limit: number) {
  const ids: string[] = [];
  const items: Item[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const p = await page(client, `${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    items.push(...p.items);
    ids.push(...p.items.map((i) => i.id));
    cursor = p.nextCursor;
    pages++;
  } while (cursor && pages < 50);
  return { ids, items, pages };
}

/** The due order the board promises, derived from the per-item SLA summary (not the stored column). */
const byDue = (a: Item, b: Item) => {
  if (a.nextDueAt !== b.nextDueAt) {
    if (a.nextDueAt === null) return 1;
    if (b.nextDueAt === null) return -1;
    return a.nextDueAt < b.nextDueAt ? -1 : 1;
  }
  return a.id < b.id ? -1 : 1;
};
const byOpened = (a: Item, b: Item) => (a.openedAt !== b.openedAt ? (a.openedAt > b.openedAt ? -1 : 1) : a.id > b.id ? -1 : 1);

describe('case board listing', () => {
  it('receptionist: pages through newest-first cases across 3+ pages with ties, no duplicates or misses', async () => {
    const { ids, items, pages } = await walk(reception, `estateId=${w.a.id}`, 2);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...opened].sort());
    expect(items).toEqual([...items].sort(byOpened));
    expect(new Set(items.map((i) => i.openedAt)).size).toBeLessThan(items.length);
  });

  it('receptionist: sort=due puts the earliest running due time first and cases without one last, across pages', async () => {
    const { ids, items, pages } = await walk(reception, `estateId=${w.a.id}&sort=due`, 2);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...opened].sort());
    expect(items.map((i) => i.id)).toEqual([...items].sort(byDue).map((i) => i.id));
    const dues = items.map((i) => i.nextDueAt).filter(Boolean);
    expect(new Set(dues).size).toBeLessThan(dues.length);
    // Page size 1 and 4 give the same sequence.
    expect((await walk(reception, `estateId=${w.a.id}&sort=due`, 1)).ids).toEqual(ids);
    expect((await walk(reception, `estateId=${w.a.id}&sort=due`, 4)).ids).toEqual(ids);
  });

  it('supervisor: overdue=true lists exactly the red cases, overdue=false the rest', async () => {
    const supervisor = await w.as('supervisor');
    expect(breachedCases.length).toBeGreaterThan(0);
    const red = await walk(supervisor, `estateId=${w.a.id}&overdue=true&sort=due`, 2);
    expect([...red.ids].sort()).toEqual([...breachedCases].sort());
    expect(red.items.every((i) => i.slaState === 'red')).toBe(true);
    const rest = await page(supervisor, `estateId=${w.a.id}&overdue=false&limit=200`);
    expect(rest.items.every((i) => i.slaState !== 'red')).toBe(true);
    expect(rest.total + red.ids.length).toBe(opened.length);
    expect((await page(supervisor, `estateId=${w.a.id}&overdue=true&limit=1`)).total).toBe(breachedCases.length);
  });

  it('dispatcher: departmentId lists cases with a live order for that department, not voided ones', async () => {
    const dispatcher = await w.as('dispatcher');
    const eng = await page(dispatcher, `estateId=${w.a.id}&departmentId=${w.a.departmentIds.ENG}`);
    expect(eng.items.map((i) => i.id)).toEqual([engCase]);
    expect(eng.total).toBe(1);
    expect((await page(dispatcher, `estateId=${w.a.id}&departmentId=${w.a.departmentIds.SEC}`)).items).toEqual([]);
    expect(voidedCase).not.toBe(engCase);
  });

  it("receptionist: another estate's cases never appear, whatever the filters", async () => {
    for (const q of ['', 'sort=due', 'overdue=false', `departmentId=${w.b.departmentIds.ENG}`, `estateId=${w.b.id}`]) {
      const all = await walk(reception, q, 3);
      expect(all.ids).not.toContain(otherEstateCase);
      expect(all.items.every((i) => i.estateId === w.a.id)).toBe(true);
    }
    const quality = await w.as('quality');
    expect((await walk(quality, `estateId=${w.a.id}&sort=due`, 5)).ids).not.toContain(otherEstateCase);
    expect((await walk(quality, 'sort=due', 5)).ids).toContain(otherEstateCase);
  });

  it('receptionist: dispatching and pausing move a case in the due order (its next running clock changes)', async () => {
    w.clock.advance(30_000); // a due time no earlier case shares
    const a = (await openCaseVia(reception, repairBody(w, { description: '热水器不出热水' }))).id;
    const b = (await openCaseVia(reception, repairBody(w, { description: '热水器漏水' }))).id;
    const order = async () => {
      const ids = (await walk(reception, `estateId=${w.a.id}&sort=due`, 3)).ids;
      return [ids.indexOf(a), ids.indexOf(b)];
    };
    const dueOf = async (id: string) => (await w.database.db.select().from(cases).where(eq(cases.id, id)))[0]!.nextDueAt;
    const [, dueB0] = [await dueOf(a), await dueOf(b)];
    // Same clocks: tie broken by id.
    const [ia0, ib0] = await order();
    expect(Math.abs(ia0! - ib0!)).toBe(1);
    const first = ia0! < ib0! ? a : b;
    const second = first === a ? b : a;
    // Dispatching the first meets its 10-minute dispatch clock: its next due becomes the arrival time, later.
    await (await w.as('dispatcher')).post(`/api/cases/${first}/orders`, { departmentId: w.a.departmentIds.ENG });
    const moved = await dueOf(first);
    expect(moved!.getTime()).toBeGreaterThan(dueB0!.getTime());
    const running = await w.database.db.select().from(deadlines).where(and(eq(deadlines.caseId, first), eq(deadlines.state, 'pending')));
    expect(moved!.getTime()).toBe(Math.min(...running.filter((d) => !d.pausedAt).map((d) => d.dueAt.getTime())));
    let [i1, i2] = await order();
    expect(first === a ? i1! > i2! : i2! > i1!).toBe(true);
    // Pausing (awaiting the resident) stops the arrival and follow-up clocks: nothing runs, so it sorts last.
    const paused = await reception.post(`/api/cases/${first}/pause`, { reason: 'awaiting_resident' });
    expect(paused.statusCode).toBe(200);
    expect(await dueOf(first)).toBeNull();
    const ids = (await walk(reception, `estateId=${w.a.id}&sort=due`, 3)).ids;
    expect(ids.indexOf(first)).toBeGreaterThan(ids.indexOf(second));
    const tail = (await walk(reception, `estateId=${w.a.id}&sort=due`, 200)).items;
    expect(tail.slice(tail.findIndex((i) => i.id === first)).every((i) => i.nextDueAt === null)).toBe(true);
    // Resuming brings it back among the running ones.
    await reception.post(`/api/cases/${first}/resume`, {});
    expect(await dueOf(first)).not.toBeNull();
    [i1, i2] = await order();
    expect(first === a ? i1! > i2! : i2! > i1!).toBe(true);
  });

  it('receptionist: a text search pages newest first with an exact total below the cap', async () => {
    const expected = (await walk(reception, `estateId=${w.a.id}`, 200)).items.filter((i) => (i as unknown as { description: string }).description.includes('漏水'));
    expect(expected.length).toBeGreaterThanOrEqual(9);
    const q = `estateId=${w.a.id}&q=${encodeURIComponent('漏水')}`;
    const { ids, pages } = await walk(reception, q, 3);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(ids).toEqual(expected.map((i) => i.id));
    const first = await page(reception, `${q}&limit=3`);
    expect(first).toMatchObject({ total: expected.length, totalCapped: false });
    // The same search on the due-ordered board.
    const dueOrder = (await walk(reception, `estateId=${w.a.id}&sort=due`, 200)).items.filter((i) => (i as unknown as { description: string }).description.includes('漏水'));
    const byDueSearch = await walk(reception, `${q}&sort=due`, 4);
    expect(byDueSearch.pages).toBeGreaterThanOrEqual(3);
    expect(byDueSearch.ids).toEqual(dueOrder.map((i) => i.id));
  });

  it('system: after opening, dispatch, void, pause, resume and breaches every case\'s board columns equal what its clocks say', async () => {
    const { sql } = await import('drizzle-orm');
    const res = (await w.database.db.execute(sql`
      select count(*)::int as n, count(*) filter (where c.next_due_at is distinct from (
          select min(d.due_at) from deadlines d where d.estate_id = c.estate_id and d.case_id = c.id
            and d.settled_at is null and d.paused_at is null and d.state in ('pending', 'warned'))
        or c.breached <> exists (select 1 from deadlines d where d.estate_id = c.estate_id and d.case_id = c.id
            and d.settled_at is null and d.state = 'breached'))::int as wrong
      from cases c`)) as unknown as { rows: { n: number; wrong: number }[] };
    expect(res.rows[0]!.n).toBeGreaterThan(10);
    expect(res.rows[0]!.wrong).toBe(0);
  });

  it('receptionist: a bad sort, overdue value or cursor is refused with a field message', async () => {
    const bad = await reception.get(`/api/cases?estateId=${w.a.id}&sort=price`);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('排序');
    expect((await reception.get(`/api/cases?overdue=yes`)).statusCode).toBe(400);
    const opened = await page(reception, `estateId=${w.a.id}&limit=1`);
    const wrongSort = await reception.get(`/api/cases?estateId=${w.a.id}&sort=due&cursor=${opened.nextCursor}`);
    expect(wrongSort.statusCode).toBe(400);
    expect(wrongSort.json().error.fields[0].field).toBe('cursor');
    expect((await reception.get(`/api/cases?cursor=garbage`)).statusCode).toBe(400);
  });
});
