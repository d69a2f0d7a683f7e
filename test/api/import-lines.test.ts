import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type TestWorld } from '../support/harness.js';

let w: TestWorld;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(async () => w?.close());

const count = async (table: string) =>
  ((await w.database.db.execute(sql.raw(`select count(*)::int as n from ${table}`))) as unknown as { rows: { n: number }[] }).rows[0]!.n;

describe('CSV import line numbers', () => {
  it('admin: problems name the line in the file, also after blank lines and a value spanning two lines', async () => {
    const admin = await w.as('admin');
    const [units, residents] = [await count('units'), await count('residents')];
    const file = [
      'unit,name,relation,phones', // line 1
      '', // 2
      '9-1-101,A,owner,13800001111', // 3
      '', // 4
      '', // 5
      '9-1-102,B,owner,12345', // 6: bad phone
      '9-1-103,"C', // 7: a name spanning lines 7–8
      'Jr",tenant,13800002222', // 8
      '', // 9
      '9-1-104,D,boss,13800003333', // 10: unknown relation
      '9-1-105,A2,owner,13800004444', // 11
      '9-1-105,A2,owner,13800004444', // 12: duplicate of line 11
      '',
    ].join('\n');
    const res = await admin.request({ method: 'POST', url: `/api/estates/${w.a.id}/import/units`, payload: file, headers: { 'content-type': 'text/csv' } });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.report).toEqual([
      { row: 6, field: 'phones', reason: '电话「12345」格式不正确' },
      { row: 10, field: 'relation', reason: '关系「boss」应为 业主、租户 或 家属' },
      { row: 12, field: 'name', reason: '与第 11 行重复（同一房号同一住户）' },
    ]);
    expect([await count('units'), await count('residents')]).toEqual([units, residents]);
  });

  it('admin: a NUL in a cell is reported by line and column, and nothing is imported (a lone surrogate cannot travel in UTF-8 bytes)', async () => {
    const admin = await w.as('admin');
    const [units, residents] = [await count('units'), await count('residents')];
    const file = ['unit,name,relation,phones', '9-2-101,A\u0000B,owner,13800001111', '9-2-102,C,owner,13800002222', '9-2-103,D,owner,138\u000000003333'].join('\n');
    const res = await admin.request({ method: 'POST', url: `/api/estates/${w.a.id}/import/units`, payload: file, headers: { 'content-type': 'text/csv' } });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.report).toEqual([
      { row: 2, field: 'name', reason: expect.stringContaining('NUL') },
      { row: 4, field: 'phones', reason: expect.stringContaining('NUL') },
    ]);
    expect([await count('units'), await count('residents')]).toEqual([units, residents]);
  });
});
