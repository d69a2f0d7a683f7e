import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { sql } from 'drizzle-orm';
import type { Database } from '../client.js';
import { openDatabase } from '../client.js';
import { copyFilesIn, copyFilesOut } from './files.js';
import { type BackupManifest, readManifest, sha256File, verifyBackup, writeManifest } from './manifest.js';
import { dumpPglite, restorePglite } from './pglite.js';
import { dumpPostgres, restorePostgres } from './postgres.js';

export type { BackupManifest };

export interface BackupTarget {
  database: Database;
  /** The PostgreSQL URL (pg_dump connects on its own); absent for PGlite. */
  url?: string;
  filesDir: string;
}

const stampOf = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

async function migrationCount(database: Database): Promise<number> {
  const r = (await database.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`)) as unknown as { rows: { n: number }[] };
  return Number(r.rows[0]?.n ?? 0);
}

/**
 * Writes a backup directory `<outDir>/propdesk-<time>/`: the database copy (a consistent
 * snapshot while the desk keeps writing), every stored upload, and a manifest of checksums. The
 * directory gets its final name only when complete, so a backup cut short is never mistaken for one.
 */
export async function makeBackup(t: BackupTarget, outDir: string, now: Date, log: (line: string) => void = () => undefined): Promise<{ dir: string; manifest: BackupManifest }> {
  const name = `propdesk-${stampOf(now)}`;
  const dir = resolve(outDir, name);
  const partial = `${dir}.partial`;
  if (existsSync(dir)) throw new Error(`${dir} already exists`);
  await rm(partial, { recursive: true, force: true });
  await mkdir(join(partial, 'files'), { recursive: true });
  try {
    const file = t.database.engine === 'pglite' ? 'pglite.tar.gz' : 'database.dump';
    const migrations = await migrationCount(t.database);
    log(`数据库 database (${t.database.engine}) …`);
    if (t.database.engine === 'pglite') await dumpPglite(t.database, join(partial, file));
    else await dumpPostgres(t.url!, join(partial, file));
    const dbPath = join(partial, file);
    const database = { file, bytes: (await stat(dbPath)).size, sha256: await sha256File(dbPath) };
    log(`  ${(database.bytes / 1e6).toFixed(1)} MB`);
    const files = await copyFilesOut(t.filesDir, join(partial, 'files'), (done, all) => log(`文件 files ${done}/${all}`));
    const manifest: BackupManifest = { format: 'propdesk-backup', version: 1, engine: t.database.engine, createdAt: now.toISOString(), migrations, database, files };
    await writeManifest(partial, manifest);
    await rename(partial, dir);
    return { dir, manifest };
  } catch (e) {
    await rm(partial, { recursive: true, force: true });
    throw e;
  }
}

/** Keeps the newest `keep` complete backups in `outDir`, removes older ones; returns what it removed. */
export async function pruneBackups(outDir: string, keep: number): Promise<string[]> {
  const names = (await readdir(outDir)).filter((n) => /^propdesk-\d{8}T\d{6}Z$/.test(n)).sort();
  const old = names.slice(0, Math.max(0, names.length - keep));
  for (const n of old) await rm(join(outDir, n), { recursive: true, force: true });
  return old;
}

export interface RestoreTarget {
  /** PostgreSQL URL, or absent for the PGlite database under `dataDir/pglite`. */
  url?: string;
  dataDir: string;
  filesDir: string;
  /** How many migrations this build has: a backup from a newer build is refused. */
  knownMigrations: number;
}

/**
 * Restores a backup made by makeBackup, after checking every checksum: the database is replaced
 * (PGlite: the old directory is kept beside it), the uploads are put back. The caller migrates
 * afterwards, so a backup from an older build comes up to date.
 */
export async function restoreBackup(dir: string, t: RestoreTarget, now: Date, log: (line: string) => void = () => undefined): Promise<{ manifest: BackupManifest; keptAs?: string }> {
  const manifest = await readManifest(dir);
  if (manifest.engine !== (t.url ? 'postgres' : 'pglite')) {
    throw new Error(`备份来自 ${manifest.engine}，目标是 ${t.url ? 'postgres' : 'pglite'} / the backup is of a ${manifest.engine} database`);
  }
  if (manifest.migrations > t.knownMigrations) throw new Error(`备份来自更新的版本（${manifest.migrations} 个迁移，本程序 ${t.knownMigrations} 个） / the backup was made by a newer propdesk`);
  log('校验 verifying checksums …');
  await verifyBackup(dir, manifest);
  log(`数据库 database (${manifest.engine}) …`);
  let keptAs: string | undefined;
  if (t.url) await restorePostgres(t.url, join(dir, manifest.database.file));
  else keptAs = await restorePglite(join(dir, manifest.database.file), join(t.dataDir, 'pglite'), stampOf(now));
  log(`文件 files ${manifest.files.length} …`);
  await copyFilesIn(join(dir, 'files'), t.filesDir, manifest.files.map((f) => f.path));
  return { manifest, keptAs };
}

/** Opens a database only to ask whether propdesk nodes are connected to it (they must be stopped first). */
export async function runningNodes(url: string): Promise<number> {
  const database = await openDatabase({ url, poolSize: 1 });
  try {
    const r = (await database.db.execute(sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and application_name = 'propdesk-listen'`)) as unknown as { rows: { n: number }[] };
    return Number(r.rows[0]?.n ?? 0);
  } finally {
    await database.close();
  }
}
