import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type TestWorld } from '../support/harness.js';
import { openCaseVia, repairBody } from '../support/desk.js';

let w: TestWorld;
beforeAll(async () => {
  w = await createWorld();
  const reception = await w.as('reception');
  for (const description of ['厨房漏水，楼下天花板渗水', '热水器不出热水', '卫生间灯不亮', '电热水器漏电跳闸', '门禁卡失灵']) {
    await openCaseVia(reception, repairBody(w, { description }));
  }
});
afterAll(async () => w?.close());

const search = async (q: string) => {
  const reception = await w.as('reception');
  const res = await reception.get(`/api/cases?estateId=${w.a.id}&q=${encodeURIComponent(q)}`);
  return res.json().items.map((c: { description: string }) => c.description).sort();
};

describe('Chinese text search', () => {
  it('receptionist: finds two-character terms (漏水) and longer ones (热水器)', async () => {
    expect(await search('漏水')).toEqual(['厨房漏水，楼下天花板渗水']);
    expect(await search('热水器')).toEqual(['热水器不出热水', '电热水器漏电跳闸']);
    expect(await search('热水器漏电')).toEqual(['电热水器漏电跳闸']);
  });
  it('receptionist: a term across punctuation does not match; one character still works', async () => {
    expect(await search('漏水楼下')).toEqual([]);
    expect((await search('灯')).length).toBe(1);
  });
  it('receptionist: finds by case number and by part of the phone number', async () => {
    expect((await search('YH-2026-000003')).length).toBe(1);
    expect((await search('00000001')).length).toBe(5);
  });
  it('system: the grams are kept by the database as descriptions change', async () => {
    const rows = (await w.database.db.execute(sql`select propdesk_bigrams('厨房 漏水') as g`)) as unknown as { rows: { g: string[] }[] };
    expect(rows.rows[0]!.g).toEqual(['厨房', '漏水']);
  });
});
