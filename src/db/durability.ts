import { sql } from 'drizzle-orm';
import { DURABILITY_SETTINGS, unsafeDurability } from '../domain/durability.js';
import type { Database } from './client.js';

/** Set to 1 to start on a PostgreSQL that may lose acknowledged changes (a throw-away test server). */
export const ALLOW_UNSAFE_ENV = 'PROPDESK_ALLOW_UNSAFE_DURABILITY';

/**
 * Refuses to run on a PostgreSQL whose settings let an acknowledged change vanish in a crash:
 * the desk tells a resident "立项了" only once the case is on disk. PGlite is not checked here
 * (its durability is described in docs/reliability.md).
 * @throws Error naming each unsafe setting and the way to override
 */
export async function checkDurability(database: Database, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (database.engine !== 'postgres' || env[ALLOW_UNSAFE_ENV] === '1') return;
  const res = (await database.db.execute(
    sql`select name, setting from pg_settings where name in (${sql.join(DURABILITY_SETTINGS.map((n) => sql`${n}`), sql`, `)})`,
  )) as unknown as { rows: { name: string; setting: string }[] };
  const unsafe = unsafeDurability(Object.fromEntries(res.rows.map((r) => [r.name, r.setting])));
  if (unsafe.length === 0) return;
  throw new Error(
    `PostgreSQL 的设置可能在崩溃或断电时丢失已确认的数据：${unsafe.join('，')}。请改为 on；仅测试时可设 ${ALLOW_UNSAFE_ENV}=1 强制启动。` +
      ` (PostgreSQL may lose acknowledged changes in a crash: ${unsafe.join(', ')}; set them on, or ${ALLOW_UNSAFE_ENV}=1 to start anyway on a throw-away server)`,
  );
}
