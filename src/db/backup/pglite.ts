import { existsSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import type { Database } from '../client.js';
import { openDatabase } from '../client.js';

/**
 * The embedded database's files as one tarball. PGlite runs one statement at a time and the dump
 * is taken between two of them, so it is a crash image of one instant: opened again, PostgreSQL
 * replays its WAL and every transaction committed before that instant is there, none after.
 * The checkpoint first keeps that replay short.
 */
export async function dumpPglite(database: Database, file: string): Promise<void> {
  const pglite = database.pglite;
  if (!pglite) throw new Error('not an embedded database');
  await pglite.exec('checkpoint');
  const dump = await pglite.dumpDataDir('gzip');
  await writeFile(file, Buffer.from(await dump.arrayBuffer()));
}

/**
 * Makes `pgliteDir` the backup's database. The directory there before is kept beside it
 * (`pglite.before-restore-<time>`), never deleted by a restore.
 */
export async function restorePglite(file: string, pgliteDir: string, stamp: string): Promise<string | undefined> {
  let keptAs: string | undefined;
  if (existsSync(pgliteDir)) {
    keptAs = `${pgliteDir}.before-restore-${stamp}`;
    await rename(pgliteDir, keptAs);
  }
  const database = await openDatabase({ dataDir: pgliteDir, loadDataDir: new Blob([await readFile(file)]) });
  await database.close();
  return keptAs;
}
