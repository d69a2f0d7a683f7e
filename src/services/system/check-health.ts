import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { outageOf } from '../../db/outage.js';
import { recentDiskFull } from './storage-alarm.js';

export interface Health {
  ok: boolean;
  engine: 'pglite' | 'postgres';
  time: string;
  database: 'ok' | 'unavailable' | 'timeout';
  storage: 'ok' | 'full' | 'error';
}

/** How long the database may take to answer `select 1` before health says it is not answering. */
export const healthTimeoutMs = (env: NodeJS.ProcessEnv = process.env): number => {
  const n = Number(env.PROPDESK_HEALTH_TIMEOUT_MS);
  return Number.isInteger(n) && n > 0 ? n : 2000;
};

const DISK_ALARM_MS = 60_000;

async function probeDatabase(ctx: AppContext, timeoutMs: number): Promise<Health['database']> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    // A pool with every client stuck would make `select 1` wait for ever; health answers anyway.
    return await Promise.race([ctx.database.db.execute(sql`select 1`).then(() => 'ok' as const), late]);
  } catch {
    return 'unavailable';
  } finally {
    clearTimeout(timer);
  }
}

/** A tiny write where uploads go: a full disk shows here before a user's photo is refused. */
async function probeStorage(ctx: AppContext): Promise<Health['storage']> {
  try {
    // The directory appears with the first upload; a node that has none yet is healthy.
    await mkdir(ctx.filesDir, { recursive: true });
    await writeFile(join(ctx.filesDir, '.health-probe'), 'ok');
  } catch (e) {
    return outageOf(e) === 'storage_full' ? 'full' : 'error';
  }
  return 'ok';
}

/** Checks that this node can read the database and write files; `ok` only when both hold. */
export async function checkHealth(ctx: AppContext, timeoutMs = healthTimeoutMs()): Promise<Health> {
  const [database, written] = await Promise.all([probeDatabase(ctx, timeoutMs), probeStorage(ctx)]);
  // The database's own disk is seen only through a write that failed on it (storage-alarm.ts).
  const storage = written === 'ok' && recentDiskFull(Date.now(), DISK_ALARM_MS) !== undefined ? 'full' : written;
  return { ok: database === 'ok' && storage === 'ok', engine: ctx.database.engine, time: ctx.clock.now().toISOString(), database, storage };
}
