import { resolve } from 'node:path';
import { type Database, openDatabase } from '../db/client.js';
import { lockDataDir } from '../db/lock.js';
import { migrate } from '../db/migrate.js';

export interface RuntimeOptions {
  /** --data DIR (PGlite), default ./data */
  data?: string;
  /** DATABASE_URL → PostgreSQL instead of PGlite */
  url?: string;
}

export interface Runtime {
  database: Database;
  dataDir: string;
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
    const database = await openDatabase(url ? { url } : { dataDir: resolve(dataDir, 'pglite') });
    await migrate(database);
    return {
      database,
      dataDir,
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
