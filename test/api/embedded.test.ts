import { type ChildProcess, fork, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from '../../src/db/lock.js';

// The embedded database as an operator runs it: real `propdesk` processes on a data directory.
// These run in the PGlite pass only (they do not use the test database).
const onPglite = process.env.PROPDESK_TEST_DB !== 'postgres';
const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'propdesk-embedded-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** `propdesk start --demo`; with `port` null the port comes from the environment (`env.PORT`). */
function start(data: string, port: number | null, env: Record<string, string> = {}): { child: ChildProcess; ready: Promise<string> } {
  const args = ['bin/propdesk.js', 'start', '--demo', '--data', data, ...(port === null ? [] : ['--port', String(port)])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let out = '';
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (c) => {
      out += c;
      if (out.includes('running on')) resolve(out);
    });
    child.stderr!.on('data', (c) => (out += c));
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
  return { child, ready };
}

// Each CLI call starts Node and compiles the sources (tsx) unless a fresh build exists: tens of
// seconds on a busy machine, hence the long timeouts of the tests that make several.
const propdesk = (...args: string[]) => spawnSync(process.execPath, ['bin/propdesk.js', ...args], { encoding: 'utf8' });

describe.runIf(onPglite)('embedded database (PGlite)', () => {
  it('operator: a second process on the same data directory is refused with a clear message; a stale lock is taken over', () => {
    const dir = tmp();
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    writeFileSync(join(dir, 'propdesk.lock'), String(holder.pid));
    try {
      expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
      expect(() => lockDataDir(dir)).toThrow(/正被进程 \d+ 使用/);
    } finally {
      holder.kill('SIGKILL');
    }
    writeFileSync(join(dir, 'propdesk.lock'), '999999');
    const release = lockDataDir(dir);
    release();
  });

  it('operator: processes racing for one stale lock: exactly one takes it over, the others are refused', async () => {
    const racer = join(import.meta.dirname, '../support/lock-racer.ts');
    const next = (k: ChildProcess) => new Promise<unknown>((r) => k.once('message', r));
    // The race is a matter of timing: a few rounds, each started together on the parent's word.
    for (let round = 0; round < 4; round++) {
      const dir = tmp();
      const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
      writeFileSync(join(dir, 'propdesk.lock'), dead);
      const kids = Array.from({ length: 6 }, () => fork(racer, [dir], { execArgv: ['--import', 'tsx'] }));
      await Promise.all(kids.map(next));
      const answers = kids.map(next);
      for (const k of kids) k.send('go');
      const results = (await Promise.all(answers)) as string[];
      await Promise.all(kids.map((k) => new Promise((r) => k.on('exit', r))));
      expect(results.sort(), `round ${round}`).toEqual(['acquired', 'refused', 'refused', 'refused', 'refused', 'refused']);
    }
  }, 120_000);

  it('operator: an acknowledged case survives kill -9 of the server', async () => {
    const data = tmp();
    const port = 3600 + Math.floor(Math.random() * 300);
    const first = start(data, port);
    await first.ready;
    const base = `http://127.0.0.1:${port}`;
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'reception', password: 'demo1234' }) });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const estate = ((await (await fetch(`${base}/api/estates`, { headers: { cookie } })).json()) as { items: { id: string }[] }).items[0]!.id;
    const second = start(data, port + 1);
    await expect(second.ready).rejects.toThrow(/正被进程/);
    const res = await fetch(`${base}/api/cases`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ estateId: estate, kind: 'repair', channel: 'phone', locationKind: 'public', locationText: '大堂', description: '断电前受理的报修' }),
    });
    expect(res.status).toBe(201);
    const { number } = (await res.json()) as { number: string };
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.on('exit', r));
    const again = start(data, port + 2);
    await again.ready;
    const login2 = await fetch(`http://127.0.0.1:${port + 2}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'reception', password: 'demo1234' }) });
    const cookie2 = login2.headers.get('set-cookie')!.split(';')[0]!;
    const list = (await (await fetch(`http://127.0.0.1:${port + 2}/api/cases?q=${encodeURIComponent(number)}`, { headers: { cookie: cookie2 } })).json()) as { items: { number: string }[] };
    again.child.kill('SIGTERM');
    expect(list.items.map((c: { number: string }) => c.number)).toEqual([number]);
  }, 90_000);

  it('operator: users add creates a login with a role; bad arguments exit 2; sla explain reads the estate policy', () => {
    const data = tmp();
    expect(propdesk('seed', '--demo', '--data', data).status).toBe(0);
    const ok = propdesk('users', 'add', '--username', 'li', '--name', '李明', '--password', 'longpassword', '--estate', 'YH', '--role', 'technician', '--department', 'ENG', '--data', data);
    expect(ok.status, ok.stderr).toBe(0);
    expect(propdesk('users', 'add', '--username', 'li', '--name', '李明', '--password', 'longpassword', '--data', data).status).toBe(2);
    expect(propdesk('users', 'add', '--username', 'x', '--name', 'x', '--password', 'longpassword', '--role', 'boss', '--data', data).status).toBe(2);
    const explain = propdesk('sla', 'explain', '--kind', 'repair', '--channel', 'phone', '--urgency', 'routine', '--at', '2026-03-02T10:00:00+08:00', '--estate', 'YH', '--data', data);
    expect(explain.status, explain.stderr).toBe(0);
    expect(JSON.parse(explain.stdout)[0]).toEqual({ clock: 'dispatch', due: '2026-03-02T10:10:00+08:00', basis: 'wall' });
    expect(propdesk('sla', 'explain', '--kind', 'repair', '--channel', 'phone', '--urgency', 'routine', '--at', '2026-03-02T10:00:00+08:00', '--estate', 'NOPE', '--data', data).status).toBe(2);
  }, 240_000);

  it('operator: migrate brings a new data directory to the latest schema, and again finds nothing to do', async () => {
    const data = tmp();
    for (let run = 0; run < 2; run++) {
      const res = propdesk('migrate', '--data', data);
      expect(res.status, res.stderr).toBe(0);
      expect(res.stdout).toContain('migrated');
    }
    const journal = JSON.parse(readFileSync('src/db/migrations/meta/_journal.json', 'utf8')) as { entries: unknown[] };
    const db = new PGlite(join(data, 'pglite'));
    try {
      const applied = await db.query<{ n: number }>('select count(*)::int as n from drizzle.__drizzle_migrations');
      expect(applied.rows[0]!.n).toBe(journal.entries.length);
      expect((await db.query<{ n: number }>('select count(*)::int as n from estates')).rows[0]!.n).toBe(0);
    } finally {
      await db.close();
    }
  }, 240_000);

  it('operator: start takes PORT from the environment; a users add login signs in, its department found in its own estate', async () => {
    const data = tmp();
    expect(propdesk('seed', '--demo', '--data', data).status).toBe(0);
    const port = 3900 + Math.floor(Math.random() * 90);
    const base = `http://127.0.0.1:${port}`;
    const login = (username: string, password: string) =>
      fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    const stop = async (child: ChildProcess) => {
      child.kill('SIGTERM');
      await new Promise((r) => child.on('exit', r));
    };
    // A second estate with its own ENG department: the code repeats across estates.
    const first = start(data, null, { PORT: String(port) });
    expect(await first.ready).toContain(`:${port}`);
    const admin = { cookie: (await login('admin', 'demo1234')).headers.get('set-cookie')!.split(';')[0]!, 'content-type': 'application/json' };
    const post = async (url: string, body: object) => (await (await fetch(`${base}${url}`, { method: 'POST', headers: admin, body: JSON.stringify(body) })).json()) as { id: string };
    const lh = await post('/api/estates', { code: 'LH', name: '绿湖苑', casePrefix: 'LH' });
    const eng = await post(`/api/estates/${lh.id}/departments`, { code: 'ENG', name: '工程部' });
    await stop(first.child);

    const add = propdesk('users', 'add', '--username', 'wang', '--name', '王工', '--password', 'longpassword', '--estate', 'LH', '--role', 'technician', '--department', 'ENG', '--data', data);
    expect(add.status, add.stderr).toBe(0);
    expect(propdesk('users', 'add', '--username', 'zhao', '--name', '赵', '--password', 'longpassword', '--department', 'ENG', '--data', data).status).toBe(2);

    const again = start(data, null, { PORT: String(port) });
    await again.ready;
    try {
      expect((await login('wang', 'wrong-password')).status).toBe(401);
      const res = await login('wang', 'longpassword');
      expect(res.status).toBe(200);
      const me = (await (await fetch(`${base}/api/me`, { headers: { cookie: res.headers.get('set-cookie')!.split(';')[0]! } })).json()) as { estates: unknown[] };
      expect(me.estates).toEqual([{ estateId: lh.id, roles: ['technician'], departmentIds: [eng.id] }]);
    } finally {
      await stop(again.child);
    }
  }, 300_000);
});
