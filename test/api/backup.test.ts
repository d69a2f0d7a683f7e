import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBackup, pruneBackups, restoreBackup } from '../../src/db/backup/index.js';
import { readManifest, sha256File } from '../../src/db/backup/manifest.js';
import { type Database, openDatabase } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { estates, units } from '../../src/db/schema/index.js';
import { DEMO_PASSWORD, seedDemo } from '../../src/db/seed/demo.js';
import { adminUrl, testEngine } from '../support/db.js';
import { openCaseVia, repairBody, uploadPng } from '../support/desk.js';
import { createWorld, type TestWorld } from '../support/harness.js';

// Issue 13 item 16: `propdesk backup` / `propdesk restore`, both engines, files included.
const onPostgres = testEngine() === 'postgres';
const KNOWN = readdirSync('src/db/migrations').filter((n) => n.endsWith('.sql')).length;
let w: TestWorld;
const cleanups: (() => Promise<void>)[] = [];
beforeAll(async () => {
  w = await createWorld();
}, 60_000);
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
  await w?.close();
});

const rowsOf = async <T>(database: Database, q: ReturnType<typeof sql>) => ((await database.db.execute(q)) as unknown as { rows: T[] }).rows;

/** Every table of propdesk (and its migration journal): row count and a hash of every row. */
async function fingerprint(database: Database): Promise<Record<string, string>> {
  const tables = await rowsOf<{ s: string; t: string }>(
    database,
    sql`select table_schema as s, table_name as t from information_schema.tables where table_type = 'BASE TABLE' and table_schema in ('public', 'drizzle') order by 1, 2`,
  );
  const out: Record<string, string> = {};
  for (const { s, t } of tables) {
    const [r] = await rowsOf<{ n: number; h: string }>(database, sql.raw(`select count(*)::int as n, md5(coalesce(string_agg(x::text, E'\\n' order by x::text), '')) as h from "${s}"."${t}" x`));
    out[`${s}.${t}`] = `${r!.n}:${r!.h}`;
  }
  return out;
}

/** An empty database to restore into: a new PostgreSQL database, or a new PGlite data directory. */
async function restoreTarget(): Promise<{ url?: string; dataDir: string; filesDir: string; open: () => Promise<Database> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'propdesk-restore-'));
  const filesDir = join(dataDir, 'files');
  if (!onPostgres) return { dataDir, filesDir, open: () => openDatabase({ dataDir: join(dataDir, 'pglite') }) };
  const name = `propdesk_restore_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(adminUrl());
  u.pathname = `/${name}`;
  cleanups.push(async () => {
    const a = new pg.Client({ connectionString: adminUrl() });
    await a.connect();
    await a.query(`drop database if exists ${name} with (force)`);
    await a.end();
  });
  return { url: u.toString(), dataDir, filesDir, open: () => openDatabase({ url: u.toString(), poolSize: 2 }) };
}

const cli = (args: string[], databaseUrl = '') =>
  new Promise<{ code: number | null; out: string }>((resolve) => {
    const child = spawn(process.execPath, ['bin/propdesk.js', ...args], { env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    child.on('exit', (code) => resolve({ code, out }));
  });

const source = () => ({ database: w.database, url: (w.database as { url?: string }).url, filesDir: w.ctx.filesDir });

describe('backup and restore', () => {
  it('system: a backup restored into an empty database has every table row for row and every file byte for byte', async () => {
    const reception = await w.as('reception');
    await openCaseVia(reception, repairBody(w));
    const photo = await uploadPng(reception, w.a.id);
    const outDir = mkdtempSync(join(tmpdir(), 'propdesk-backups-'));
    const { dir, manifest } = await makeBackup(source(), outDir, new Date('2026-03-02T02:00:00Z'));
    expect(dir).toMatch(/propdesk-20260302T020000Z$/);
    expect(manifest.engine).toBe(onPostgres ? 'postgres' : 'pglite');
    expect(manifest.files.map((f) => f.path)).toEqual([`${photo.slice(0, 2)}/${photo}`]);
    const before = await fingerprint(w.database);
    expect(Object.keys(before).length).toBeGreaterThan(20);

    const target = await restoreTarget();
    await restoreBackup(dir, { ...target, knownMigrations: KNOWN }, new Date());
    const restored = await target.open();
    try {
      await migrate(restored);
      expect(await fingerprint(restored)).toEqual(before);
    } finally {
      await restored.close();
    }
    expect(await sha256File(join(target.filesDir, photo.slice(0, 2), photo))).toBe(photo);

    // A second restore over the restored database replaces it again (PGlite keeps the old directory aside).
    const again = await restoreBackup(dir, { ...target, knownMigrations: KNOWN }, new Date());
    if (!onPostgres) expect(again.keptAs).toMatch(/pglite\.before-restore-/);
    const reopened = await target.open();
    try {
      expect(await fingerprint(reopened)).toEqual(before);
    } finally {
      await reopened.close();
    }
  }, 120_000);

  it('system: a backup taken while cases are being opened holds every case acknowledged before it, each whole', async () => {
    const reception = await w.as('reception');
    const acknowledged: string[] = [];
    let writing = true;
    const writer = (async () => {
      for (let n = 0; writing || n < 5; n++) acknowledged.push((await openCaseVia(reception, repairBody(w, { description: `备份期间 ${n}` }))).id);
    })();
    while (acknowledged.length < 3) await new Promise((r) => setTimeout(r, 20));
    const beforeBackup = [...acknowledged];
    const outDir = mkdtempSync(join(tmpdir(), 'propdesk-backups-'));
    const { dir } = await makeBackup(source(), outDir, new Date());
    writing = false;
    await writer;
    const target = await restoreTarget();
    await restoreBackup(dir, { ...target, knownMigrations: KNOWN }, new Date());
    const restored = await target.open();
    try {
      const ids = (await rowsOf<{ id: string }>(restored, sql`select id from cases where description like '备份期间 %'`)).map((r) => r.id);
      for (const id of beforeBackup) expect(ids).toContain(id);
      for (const id of ids) expect(acknowledged).toContain(id);
      // Whole: every case came with the event and deadlines written in its opening transaction.
      const torn = await rowsOf<{ id: string }>(
        restored,
        sql`select c.id from cases c where c.description like '备份期间 %' and (not exists (select 1 from case_events e where e.case_id = c.id) or not exists (select 1 from deadlines d where d.case_id = c.id))`,
      );
      expect(torn).toEqual([]);
    } finally {
      await restored.close();
    }
  }, 120_000);

  it('system: a damaged backup, one of another engine or of a newer build is refused before anything is changed', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'propdesk-backups-'));
    const { dir, manifest } = await makeBackup(source(), outDir, new Date('2026-03-03T02:00:00Z'));
    const target = await restoreTarget();
    const file = join(dir, manifest.database.file);
    const bytes = readFileSync(file);
    bytes[bytes.length >> 1] = bytes[bytes.length >> 1]! ^ 0xff;
    writeFileSync(file, bytes);
    await expect(restoreBackup(dir, { ...target, knownMigrations: KNOWN }, new Date())).rejects.toThrow(/backup damaged: (pglite\.tar\.gz|database\.dump)/);
    await expect(restoreBackup(dir, { ...target, knownMigrations: manifest.migrations - 1 }, new Date())).rejects.toThrow(/newer propdesk/);
    await expect(restoreBackup(dir, { ...target, url: onPostgres ? undefined : 'postgres://x@127.0.0.1/none', knownMigrations: KNOWN }, new Date())).rejects.toThrow(/backup is of a/);
    expect(readdirSync(target.dataDir)).toEqual([]);
    await expect(readManifest(target.dataDir)).rejects.toThrow(/not a backup directory/);
  }, 60_000);

  it.runIf(onPostgres)('system: propdesk backup and restore on the command line (DATABASE_URL)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'propdesk-cli-'));
    const before = await fingerprint(w.database);
    const backup = await cli(['backup', '--data', dataDir, '--keep', '2'], source().url);
    expect(backup.code, backup.out).toBe(0);
    expect(backup.out).toMatch(/已备份 backup written: .*propdesk-\d{8}T\d{6}Z/);
    const [name] = readdirSync(join(dataDir, 'backups'));
    const target = await restoreTarget();
    const restore = await cli(['restore', join(dataDir, 'backups', name!), '--data', target.dataDir, '--yes'], target.url);
    expect(restore.code, restore.out).toBe(0);
    const restored = await target.open();
    try {
      expect(await fingerprint(restored)).toEqual(before);
    } finally {
      await restored.close();
    }
    // A node still connected to the database (its LISTEN connection) stops a restore.
    const listener = new pg.Client({ connectionString: target.url, application_name: 'propdesk-listen' });
    await listener.connect();
    const busy = await cli(['restore', join(dataDir, 'backups', name!), '--data', target.dataDir, '--yes'], target.url);
    await listener.end();
    expect(busy.code).toBe(1);
    expect(busy.out).toContain('stop every propdesk node');
  }, 60_000);

  it('system: --keep leaves the newest backups and nothing half-written', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'propdesk-backups-'));
    for (const d of ['2026-03-01T01:00:00Z', '2026-03-02T01:00:00Z', '2026-03-03T01:00:00Z']) await makeBackup(source(), outDir, new Date(d));
    expect(await pruneBackups(outDir, 2)).toEqual(['propdesk-20260301T010000Z']);
    expect(readdirSync(outDir).sort()).toEqual(['propdesk-20260302T010000Z', 'propdesk-20260303T010000Z']);
  }, 60_000);
});

// The embedded database belongs to the one running process: `propdesk backup` asks it, while
// the desk writes, and the copy restores with every case acknowledged before the backup.
describe.runIf(!onPostgres)('propdesk backup beside a running embedded node', () => {
  let node: ChildProcess | undefined;
  afterAll(() => void node?.kill('SIGKILL'));

  it('system: the CLI backs up a running PGlite node mid-writes; the restore has every acknowledged case', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'propdesk-live-'));
    const seeded = await openDatabase({ dataDir: join(dataDir, 'pglite') });
    await migrate(seeded);
    await seedDemo(seeded.db);
    const [estate] = await seeded.db.select().from(estates).where(eq(estates.code, 'YH'));
    const [unit] = await seeded.db.select().from(units).where(eq(units.estateId, estate!.id)).limit(1);
    await seeded.close();
    node = spawn(process.execPath, ['bin/propdesk.js', 'start', '--port', '0', '--data', dataDir], { env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'error', PORT: '' }, stdio: ['ignore', 'pipe', 'inherit'] });
    const base = await new Promise<string>((resolve, reject) => {
      let out = '';
      node!.stdout!.on('data', (c) => {
        out += c;
        const m = /running on (http:\/\/[^\s]+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      node!.on('exit', (code) => reject(new Error(`node exited ${code}: ${out}`)));
    });
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'reception', password: DEMO_PASSWORD }) });
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const acknowledged: string[] = [];
    let writing = true;
    const writer = (async () => {
      for (let n = 0; writing; n++) {
        const res = await fetch(`${base}/api/cases`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie },
          body: JSON.stringify({ estateId: estate!.id, kind: 'repair', channel: 'phone', locationKind: 'in_home', unitId: unit!.id, description: `运行中备份 ${n}` }),
        });
        expect(res.status).toBe(201);
        acknowledged.push(((await res.json()) as { id: string }).id);
      }
    })();
    while (acknowledged.length < 3) await new Promise((r) => setTimeout(r, 20));
    const beforeBackup = [...acknowledged];
    const outDir = join(dataDir, 'out');
    const backup = await cli(['backup', '--data', dataDir, '--out', outDir]);
    writing = false;
    await writer;
    expect(backup.out).toContain('asking the running node');
    expect(backup.code, backup.out).toBe(0);
    const [name] = readdirSync(outDir);
    node.kill('SIGTERM');
    await new Promise((r) => node!.once('exit', r));

    const restoreDir = mkdtempSync(join(tmpdir(), 'propdesk-restored-'));
    const refused = await cli(['restore', join(outDir, name!), '--data', restoreDir]);
    expect(refused.code).toBe(2);
    expect(refused.out).toContain('--yes');
    const restore = await cli(['restore', join(outDir, name!), '--data', restoreDir, '--yes']);
    expect(restore.code, restore.out).toBe(0);
    const restored = await openDatabase({ dataDir: join(restoreDir, 'pglite') });
    try {
      const ids = (await rowsOf<{ id: string }>(restored, sql`select id from cases where description like '运行中备份 %'`)).map((r) => r.id);
      for (const id of beforeBackup) expect(ids).toContain(id);
      for (const id of ids) expect(acknowledged).toContain(id);
    } finally {
      await restored.close();
    }
  }, 180_000);
});
