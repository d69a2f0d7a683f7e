import { linkSync, mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Thrown when another live process already has the embedded database open. */
export class DataDirLockedError extends Error {
  constructor(readonly dir: string, readonly pid: number) {
    super(`数据目录 ${dir} 正被进程 ${pid} 使用（内置数据库只允许一个进程打开）。 The data directory is in use by process ${pid}; PGlite allows one process per data directory.`);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const code = (e: unknown) => (e as NodeJS.ErrnoException).code;
const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
let seq = 0;

/**
 * Creates `file` holding our pid, or returns false when it exists. Written to a private file
 * first and linked into place (link fails if the name exists), so nobody ever reads a lock
 * that exists but is still empty.
 */
function createWithPid(file: string): boolean {
  const tmp = `${file}.${process.pid}.${seq++}.tmp`;
  writeFileSync(tmp, String(process.pid));
  try {
    linkSync(tmp, file);
    return true;
  } catch (e) {
    if (code(e) === 'EEXIST') return false;
    throw e;
  } finally {
    unlinkSync(tmp);
  }
}

/** The pid and inode in `file`, or null when it is gone. */
function holder(file: string): { pid: number; ino: number } | null {
  try {
    const ino = statSync(file).ino;
    return { pid: Number(readFileSync(file, 'utf8')), ino };
  } catch (e) {
    if (code(e) === 'ENOENT') return null;
    throw e;
  }
}

/**
 * Removes `file` only if it is still the file (inode) judged stale: renamed aside first (atomic),
 * then checked; a different file renamed by mistake is put back.
 */
function removeIfSame(file: string, ino: number): void {
  const aside = `${file}.${process.pid}.${seq++}.stale`;
  try {
    renameSync(file, aside);
  } catch (e) {
    if (code(e) === 'ENOENT') return;
    throw e;
  }
  if (statSync(aside).ino !== ino) {
    try {
      linkSync(aside, file);
    } catch (e) {
      if (code(e) !== 'EEXIST') throw e;
    }
  }
  unlinkSync(aside);
}

/**
 * Removes a lock left by a dead process. Only the holder of the takeover guard may, and it
 * judges staleness again while holding it: the owner is dead and every other taker waits for
 * the guard, so the lock it reads cannot be replaced before it unlinks it (two processes can
 * no longer both unlink — the second one a fresh lock — and both start).
 */
function takeOverStale(file: string, dir: string): void {
  const guard = `${file}.takeover`;
  for (let waited = 0; !createWithPid(guard); waited += 20) {
    const g = holder(guard);
    // A guard is held for microseconds; one left by a process that died holding it is removed.
    if (g && (!alive(g.pid) || waited > 5000)) removeIfSame(guard, g.ino);
    else sleep(20);
  }
  try {
    const h = holder(file);
    if (!h) return;
    if (h.pid && h.pid !== process.pid && alive(h.pid)) throw new DataDirLockedError(dir, h.pid);
    unlinkSync(file);
  } finally {
    unlinkSync(guard);
  }
}

/**
 * Takes the one-process lock of a PGlite data directory. A lock left by a dead process
 * (kill -9, power cut) is taken over, so a crash never blocks the next start.
 * @returns a release function
 * @throws DataDirLockedError when a live process holds it
 */
export function lockDataDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'propdesk.lock');
  for (let attempt = 0; attempt < 5; attempt++) {
    if (createWithPid(file)) return releaser(file);
    const h = holder(file);
    if (h?.pid && h.pid !== process.pid && alive(h.pid)) throw new DataDirLockedError(dir, h.pid);
    if (h) takeOverStale(file, dir);
  }
  const h = holder(file);
  throw new DataDirLockedError(dir, h?.pid ?? -1);
}

function releaser(file: string): () => void {
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const h = holder(file);
    if (h && h.pid === process.pid) unlinkSync(file);
  };
}
