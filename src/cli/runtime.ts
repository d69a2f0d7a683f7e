import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Database, openDatabase } from '../db/client.js';
import { checkDurability } from '../db/durability.js';
import { lockDataDir } from '../db/lock.js';
import { migrate } from '../db/migrate.js';
import { type TemplateKind, readTemplate } from '../db/template.js';

export interface RuntimeOptions {
  /** --data DIR (PGlite), default ./data */
  data?: string;
  /** DATABASE_URL → PostgreSQL instead of PGlite */
  url?: string;
  /** For a new PGlite data directory: start from this template when one is built. */
  template?: TemplateKind;
}

export interface Runtime {
  database: Database;
  dataDir: string;
  /** True when the database was created now from the demo template (already seeded). */
  seededFromTemplate: boolean;
  close(): Promise<void>;
}

/**
 * Opens the installation's database, migrated. With PGlite the data directory is locked for
 * this process (one process per data directory) until close().
 */
export async function openRuntime(opts: RuntimeOptions): Promise<Runtime> {
  const dataDir = resolve(opts.data ?? process.env.PROPDESK_DATA ?? 'data');
  const url = opts.url ?? process.env.DATABASE_URL;
  const release = url ? () => undefined : lockDataDir(dataDir);
  try {
    const pgliteDir = resolve(dataDir, 'pglite');
    const fresh = !url && !existsSync(resolve(pgliteDir, 'PG_VERSION'));
    const loadDataDir = fresh ? readTemplate(opts.template ?? 'empty') : undefined;
    const database = await openDatabase(url ? { url } : { dataDir: pgliteDir, loadDataDir });
    try {
      await checkDurability(database);
    } catch (e) {
      await database.close();
      throw e;
    }
    await migrate(database);
    return {
      database,
      dataDir,
      seededFromTemplate: Boolean(loadDataDir) && opts.template === 'demo',
      close: async () => {
        await database.close();
        release();
      },
    };
  } catch (e) {
    release();
    throw e;
  }
}
