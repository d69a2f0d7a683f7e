import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/db/client.js';
import { estates } from '../../src/db/schema/index.js';
import { freshDatabase } from '../support/db.js';

// Named prepared statements are a PostgreSQL driver feature; PGlite runs in-process.
const onPostgres = process.env.PROPDESK_TEST_DB === 'postgres';
let fresh: Database & { url?: string };
let one: Database;
beforeAll(async () => {
  if (!onPostgres) return;
  fresh = await freshDatabase();
  // One connection, so pg_prepared_statements (per session) shows what the app's queries left.
  one = await openDatabase({ url: fresh.url!, poolSize: 1 });
});
afterAll(async () => {
  await one?.close();
  await fresh?.close();
});

const prepared = async (db: Database) =>
  ((await db.db.execute(sql`select name, statement from pg_prepared_statements where name like 'pd\\_%'`)) as unknown as { rows: { name: string; statement: string }[] }).rows;

describe.runIf(onPostgres)('prepared statements', () => {
  it('system: a parameterised query is parsed once per connection and reused under the same name', async () => {
    const byCode = (code: string) => one.db.select({ id: estates.id }).from(estates).where(eq(estates.code, code));
    await byCode('nope');
    await byCode('still-nope');
    const list = (await prepared(one)).filter((p) => p.statement.includes('"code" = $1'));
    expect(list).toHaveLength(1);
    expect(list[0]!.name).toMatch(/^pd_/);
    const mode = (await one.db.execute(sql`select current_setting('plan_cache_mode') as m`)) as unknown as { rows: { m: string }[] };
    expect(mode.rows[0]!.m).toBe('force_custom_plan');
  });

  it('system: a statement refused inside an aborted transaction is prepared again afterwards, not assumed to exist', async () => {
    const probe = (db: Pick<Database['db'], 'execute'>) => db.execute(sql`select count(*)::int as n from estates where code <> ${'prepared-probe'}`);
    await one.db
      .transaction(async (tx) => {
        await tx.execute(sql`select 1 / ${0}::int`).catch(() => undefined); // aborts the transaction
        await probe(tx).catch(() => undefined); // its Parse is refused: the statement is not created
      })
      .catch(() => undefined);
    const res = (await probe(one.db)) as unknown as { rows: { n: number }[] };
    expect(res.rows).toEqual([{ n: 0 }]); // empty database: the point is that it ran
  });
});
