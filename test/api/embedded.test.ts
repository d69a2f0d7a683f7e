import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

function start(data: string, port: number): { child: ChildProcess; ready: Promise<string> } {
  const child = spawn(process.execPath, ['bin/propdesk.js', 'start', '--demo', '--data', data, '--port', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
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
  }, 90_000);
});
