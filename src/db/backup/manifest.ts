import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What `propdesk backup` writes next to the copy, and `propdesk restore` checks before touching anything. */
export interface BackupManifest {
  format: 'propdesk-backup';
  version: 1;
  engine: 'pglite' | 'postgres';
  createdAt: string;
  /** How many migrations the database had (a restore refuses a backup newer than its code). */
  migrations: number;
  /** The database copy inside the backup directory, with its checksum. */
  database: { file: string; bytes: number; sha256: string };
  /** Every stored upload, by its path under files/. */
  files: { path: string; bytes: number; sha256: string }[];
}

export const MANIFEST = 'manifest.json';

export async function sha256File(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

export async function writeManifest(dir: string, m: BackupManifest): Promise<void> {
  await writeFile(join(dir, MANIFEST), `${JSON.stringify(m, null, 2)}\n`);
}

/** @throws naming what is wrong when `dir` holds no propdesk backup */
export async function readManifest(dir: string): Promise<BackupManifest> {
  let text: string;
  try {
    text = await readFile(join(dir, MANIFEST), 'utf8');
  } catch {
    throw new Error(`${dir} 不是备份目录（缺少 ${MANIFEST}） / not a backup directory (no ${MANIFEST})`);
  }
  const m = JSON.parse(text) as BackupManifest;
  if (m.format !== 'propdesk-backup' || m.version !== 1) throw new Error(`${dir}: unknown backup format`);
  return m;
}

/**
 * Every byte of the backup against its manifest, before a restore changes anything: a copy that
 * was cut short or damaged in storage is refused whole.
 */
export async function verifyBackup(dir: string, m: BackupManifest): Promise<void> {
  const bad: string[] = [];
  if ((await sha256File(join(dir, m.database.file)).catch(() => '')) !== m.database.sha256) bad.push(m.database.file);
  for (const f of m.files) if ((await sha256File(join(dir, 'files', f.path)).catch(() => '')) !== f.sha256) bad.push(`files/${f.path}`);
  if (bad.length > 0) throw new Error(`备份已损坏 / backup damaged: ${bad.slice(0, 5).join(', ')}${bad.length > 5 ? ` … (${bad.length})` : ''}`);
}
