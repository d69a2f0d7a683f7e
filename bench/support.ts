import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, openDatabase } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { readTemplate } from '../src/db/template.js';
import { SessionCache, sessionCacheTtlFromEnv } from '../src/services/auth/session-cache.js';
import { readCacheFromEnv } from '../src/http/plugins/read-cache.js';

/** The session cache as `propdesk start` makes it (PROPDESK_SESSION_CACHE_MS); one node needs no invalidation channel. */
export const benchSessionCache = () => new SessionCache({ ttlMs: sessionCacheTtlFromEnv(process.env.PROPDESK_SESSION_CACHE_MS) });
/** The read cache as `propdesk start` makes it (PROPDESK_READ_CACHE_ENTRIES; 0 = off). */
export const benchReadCache = () => readCacheFromEnv(process.env.PROPDESK_READ_CACHE_ENTRIES);

/** A fresh benchmark database: PGlite in memory, or a new database on BENCH_PG_URL's server. */
export async function benchDatabase(engine: 'pglite' | 'postgres'): Promise<Database & { drop(): Promise<void>; url?: string }> {
  if (engine === 'pglite') {
    const db = await openDatabase({ loadDataDir: readTemplate('empty') });
    await migrate(db);
    return { ...db, drop: () => db.close() };
  }
  const admin = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const name = `propdesk_bench_${randomBytes(4).toString('hex')}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`create database ${name}`);
  await c.end();
  const u = new URL(admin);
  u.pathname = `/${name}`;
  const db = await openDatabase({ url: u.toString(), poolSize: 10 });
  await migrate(db);
  return {
    ...db,
    url: u.toString(),
    drop: async () => {
      await db.close();
      const d = new pg.Client({ connectionString: admin });
      await d.connect();
      await d.query(`drop database if exists ${name} with (force)`);
      await d.end();
    },
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** A one-line progress bar on stderr for long set-up steps. */
export function progress(label: string, done: number, total: number): void {
  const width = 30;
  const filled = Math.round((done / total) * width);
  process.stderr.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}${done >= total ? '\n' : ''}`);
}
