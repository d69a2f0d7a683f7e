import { existsSync, readdirSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { type BackupTarget, makeBackup, pruneBackups, restoreBackup, runningNodes } from '../db/backup/index.js';
import { readManifest } from '../db/backup/manifest.js';
import { openDatabase } from '../db/client.js';
import { DataDirLockedError, lockDataDir } from '../db/lock.js';
import { migrate, migrationsFolder } from '../db/migrate.js';
import { UsageError, parseArgs } from './args.js';

const out = (line: string) => process.stdout.write(`${line}\n`);
const dataDirOf = (data?: string) => resolve(data ?? process.env.PROPDESK_DATA ?? 'data');
const knownMigrations = () => readdirSync(migrationsFolder).filter((n) => n.endsWith('.sql')).length;

function keepOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--keep must be a whole number ≥ 1: ${value}`);
  return n;
}

/** Where a running embedded node picks up backup requests (see serveBackupRequests). */
const requestsDir = (dataDir: string) => join(dataDir, 'backup-requests');

interface BackupRequest {
  out: string;
  keep?: number;
}

async function backupAndPrune(t: BackupTarget, outDir: string, keep: number | undefined, log: (line: string) => void) {
  await mkdir(outDir, { recursive: true });
  const { dir, manifest } = await makeBackup(t, outDir, new Date(), log);
  const removed = keep ? await pruneBackups(outDir, keep) : [];
  return { dir, files: manifest.files.length, bytes: manifest.database.bytes, removed };
}

/**
 * The embedded database belongs to the one process that has it open, so while `propdesk start`
 * runs, `propdesk backup` asks that process: it drops a request file and sends SIGUSR2; the node
 * takes the copy between two statements (crash-consistent, writes go on) and writes the result.
 */
export function serveBackupRequests(t: BackupTarget, dataDir: string, log: (msg: string, e?: unknown) => void): () => void {
  let busy = Promise.resolve();
  const handle = () => {
    busy = busy.then(async () => {
      const dir = requestsDir(dataDir);
      for (const name of (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.request.json'))) {
        const id = name.slice(0, -'.request.json'.length);
        const lines: string[] = [];
        let result: unknown;
        try {
          const req = JSON.parse(await readFile(join(dir, name), 'utf8')) as BackupRequest;
          result = { ok: true, ...(await backupAndPrune(t, req.out, req.keep, (l) => lines.push(l))), lines };
        } catch (e) {
          log('backup', e);
          result = { ok: false, error: (e as Error).message, lines };
        }
        await writeFile(join(dir, `${id}.result.json.tmp`), JSON.stringify(result));
        await rename(join(dir, `${id}.result.json.tmp`), join(dir, `${id}.result.json`));
        await rm(join(dir, name), { force: true });
      }
    });
  };
  process.on('SIGUSR2', handle);
  return () => process.off('SIGUSR2', handle);
}

async function askRunningNode(dataDir: string, pid: number, req: BackupRequest): Promise<number> {
  const dir = requestsDir(dataDir);
  await mkdir(dir, { recursive: true });
  const id = randomUUID();
  await writeFile(join(dir, `${id}.request.json`), JSON.stringify(req));
  out(`内置数据库正被进程 ${pid} 使用，请它做备份 / asking the running node (pid ${pid}) for the backup …`);
  process.kill(pid, 'SIGUSR2');
  const resultFile = join(dir, `${id}.result.json`);
  const deadline = Date.now() + 60 * 60_000;
  while (!existsSync(resultFile)) {
    if (Date.now() > deadline) throw new Error('the running node did not answer within an hour');
    await new Promise((r) => setTimeout(r, 200));
  }
  const result = JSON.parse(await readFile(resultFile, 'utf8')) as { ok: boolean; error?: string; dir?: string; files?: number; bytes?: number; removed?: string[]; lines: string[] };
  await rm(resultFile, { force: true });
  for (const l of result.lines) out(l);
  if (!result.ok) throw new Error(result.error);
  report(result as Required<typeof result>);
  return 0;
}

function report(r: { dir: string; files: number; bytes: number; removed: string[] }) {
  out(`已备份 backup written: ${r.dir}  (数据库 ${(r.bytes / 1e6).toFixed(1)} MB，文件 ${r.files} 个)`);
  for (const old of r.removed) out(`  已删除旧备份 removed old backup: ${old}`);
}

/** `propdesk backup [--data DIR] [--out DIR] [--keep N]` */
export async function backupCommand(argv: string[]): Promise<number> {
  const { options } = parseArgs(argv, [], { options: ['data', 'out', 'keep'], positional: 0 });
  const dataDir = dataDirOf(options.data);
  const outDir = resolve(options.out ?? join(dataDir, 'backups'));
  const keep = keepOf(options.keep);
  const url = process.env.DATABASE_URL;
  const filesDir = join(dataDir, 'files');
  if (url) {
    const database = await openDatabase({ url, poolSize: 1 });
    try {
      report(await backupAndPrune({ database, url, filesDir }, outDir, keep, out));
    } finally {
      await database.close();
    }
    return 0;
  }
  if (!existsSync(join(dataDir, 'pglite', 'PG_VERSION'))) throw new UsageError(`no database in ${dataDir} (set --data or DATABASE_URL)`);
  let release: () => void;
  try {
    release = lockDataDir(dataDir);
  } catch (e) {
    if (e instanceof DataDirLockedError) return askRunningNode(dataDir, e.pid, { out: outDir, keep });
    throw e;
  }
  try {
    const database = await openDatabase({ dataDir: join(dataDir, 'pglite') });
    try {
      report(await backupAndPrune({ database, filesDir }, outDir, keep, out));
    } finally {
      await database.close();
    }
  } finally {
    release();
  }
  return 0;
}

/** `propdesk restore DIR [--data DIR] --yes` — the nodes must be stopped. */
export async function restoreCommand(argv: string[]): Promise<number> {
  const { options, positional } = parseArgs(argv, ['yes'], { options: ['data'], positional: 1 });
  const from = positional[0];
  if (!from) throw new UsageError('usage: propdesk restore BACKUP_DIR [--data DIR] --yes');
  const dir = resolve(from);
  const manifest = await readManifest(dir);
  const dataDir = dataDirOf(options.data);
  const url = process.env.DATABASE_URL;
  const target = url ? `DATABASE_URL ${new URL(url).host}${new URL(url).pathname}` : `${join(dataDir, 'pglite')}`;
  if (!options.yes) {
    out(`将用 ${manifest.createdAt} 的备份替换 ${target} 中的全部数据，并放回 ${manifest.files.length} 个文件。确认请加 --yes`);
    out(`This replaces every record in ${target} with the backup of ${manifest.createdAt}. Add --yes to go ahead.`);
    return 2;
  }
  const filesDir = join(dataDir, 'files');
  const release = url ? () => undefined : lockDataDir(dataDir);
  try {
    if (url && (await runningNodes(url)) > 0) throw new Error('propdesk 节点仍在运行，请先停止所有节点 / stop every propdesk node using this database first');
    const { keptAs } = await restoreBackup(dir, { url, dataDir, filesDir, knownMigrations: knownMigrations() }, new Date(), out);
    const database = await openDatabase(url ? { url, poolSize: 1 } : { dataDir: join(dataDir, 'pglite') });
    try {
      await migrate(database);
    } finally {
      await database.close();
    }
    out(`已恢复 restored from ${dir}${keptAs ? `；原数据库保留在 previous database kept at ${keptAs}` : ''}`);
    return 0;
  } finally {
    release();
  }
}
