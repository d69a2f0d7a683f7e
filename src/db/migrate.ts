import { fileURLToPath } from 'node:url';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import type { Database } from './client.js';

/** src/db/migrations, found the same way from src/db (tsx, tests) and dist/db (built). */
export const migrationsFolder = fileURLToPath(new URL('../../src/db/migrations', import.meta.url));

// Any constant works; it only has to be the same in every node of one installation.
const MIGRATION_LOCK = 7_311_2026;

/**
 * Brings the schema up to date. On PostgreSQL several app nodes may start at once, so the
 * migration runs on one connection holding an advisory lock; the others wait, then find nothing to do.
 */
export async function migrate(database: Database): Promise<void> {
  if (database.engine === 'pglite') {
    await migratePglite(drizzlePglite(database.pglite!), { migrationsFolder });
    return;
  }
  const client = await database.pool!.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await migratePg(drizzlePg(client), { migrationsFolder });
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}
