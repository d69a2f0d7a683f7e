import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type TestWorld } from '../support/harness.js';

/** Group-level (reference) tables: replicated to every node under Citus, no estate_id. */
const GROUP_TABLES = ['estates', 'users', 'sessions', 'idempotency_keys', 'otp_codes', 'login_failures', 'hotline_counters', 'quality_counters'];

let w: TestWorld;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(async () => w?.close());

const rows = async <T>(q: ReturnType<typeof sql>) => ((await w.database.db.execute(q)) as unknown as { rows: T[] }).rows;

describe('schema shape for sharding by estate (Citus path)', () => {
  it('system: every tenant table has estate_id, and its primary and unique keys lead with it', async () => {
    const tables = await rows<{ table_name: string }>(
      sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
    );
    const tenant = tables.map((t) => t.table_name).filter((t) => !GROUP_TABLES.includes(t));
    expect(tenant.length).toBeGreaterThan(15);
    const keys = await rows<{ table_name: string; conname: string; first_col: string }>(sql`
      select c.relname as table_name, k.conname, a.attname as first_col
      from pg_constraint k
      join pg_class c on c.oid = k.conrelid
      join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
      join pg_attribute a on a.attrelid = c.oid and a.attnum = k.conkey[1]
      where k.contype in ('p', 'u')`);
    expect(keys.filter((k) => tenant.includes(k.table_name)).length).toBeGreaterThan(15);
    const offenders = keys.filter((k) => tenant.includes(k.table_name) && k.first_col !== 'estate_id').map((k) => `${k.table_name}.${k.conname}`);
    expect(offenders).toEqual([]);
    const withoutEstate = [];
    for (const t of tenant) {
      const cols = await rows<{ column_name: string }>(sql`select column_name from information_schema.columns where table_schema = 'public' and table_name = ${t}`);
      if (!cols.some((c) => c.column_name === 'estate_id')) withoutEstate.push(t);
    }
    expect(withoutEstate).toEqual([]);
  });
});
