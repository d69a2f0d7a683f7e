import { copyFile, mkdir, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256File } from './manifest.js';

/** Stored uploads are `<2 hex>/<sha256>`; temporary names and the health probe are not uploads. */
const STORED = /^[0-9a-f]{64}$/;

async function storedFiles(filesDir: string): Promise<string[]> {
  const prefixes = await readdir(filesDir).catch(() => [] as string[]);
  const out: string[] = [];
  for (const p of prefixes.filter((n) => /^[0-9a-f]{2}$/.test(n)).sort()) {
    for (const name of (await readdir(join(filesDir, p))).filter((n) => STORED.test(n)).sort()) out.push(`${p}/${name}`);
  }
  return out;
}

/**
 * Copies every stored upload. Called after the database copy is taken: an upload is on disk
 * before any row names it and is never changed, so every file the copied rows name is here.
 */
export async function copyFilesOut(filesDir: string, toDir: string, progress: (done: number, all: number) => void = () => undefined) {
  const paths = await storedFiles(filesDir);
  const entries: { path: string; bytes: number; sha256: string }[] = [];
  for (const [i, path] of paths.entries()) {
    await mkdir(join(toDir, path.slice(0, 2)), { recursive: true });
    await copyFile(join(filesDir, path), join(toDir, path));
    entries.push({ path, bytes: (await stat(join(toDir, path))).size, sha256: await sha256File(join(toDir, path)) });
    if ((i + 1) % 200 === 0 || i + 1 === paths.length) progress(i + 1, paths.length);
  }
  return entries;
}

/** Puts the backup's uploads into the files directory (those already there are the same bytes). */
export async function copyFilesIn(fromDir: string, filesDir: string, paths: readonly string[]): Promise<void> {
  for (const path of paths) {
    await mkdir(join(filesDir, path.slice(0, 2)), { recursive: true });
    await copyFile(join(fromDir, path), join(filesDir, path));
  }
}
