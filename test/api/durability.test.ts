import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { checkDurability } from '../../src/db/durability.js';

// Issue 13 item 13: a node refuses to start on a PostgreSQL that may lose acknowledged changes.
const onPostgres = process.env.PROPDESK_TEST_DB === 'postgres';
const admin = process.env.PROPDESK_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const name = `propdesk_unsafe_${randomBytes(4).toString('hex')}`;
const urlOf = (db: string) => {
  const u = new URL(admin);
  u.pathname = `/${db}`;
  return u.toString();
};
const run = async (q: string) => {
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  try {
    await c.query(q);
  } finally {
    await c.end();
  }
};

describe.runIf(onPostgres)('start-up durability check (PostgreSQL)', () => {
  beforeAll(async () => {
    await run(`create database ${name}`);
    // Every new connection to this database answers before its commit is on disk.
    await run(`alter database ${name} set synchronous_commit = off`);
  });
  afterAll(async () => run(`drop database if exists ${name} with (force)`));

  it('operator: synchronous_commit off is refused with a message naming it; the override starts anyway; a safe server passes', async () => {
    const unsafe = await openDatabase({ url: urlOf(name), poolSize: 1 });
    try {
      await expect(checkDurability(unsafe, {})).rejects.toThrow(/synchronous_commit = off.*PROPDESK_ALLOW_UNSAFE_DURABILITY=1/s);
      await expect(checkDurability(unsafe, { PROPDESK_ALLOW_UNSAFE_DURABILITY: '1' })).resolves.toBeUndefined();
    } finally {
      await unsafe.close();
    }
    const safe = await openDatabase({ url: admin, poolSize: 1 });
    try {
      await expect(checkDurability(safe, {})).resolves.toBeUndefined();
    } finally {
      await safe.close();
    }
  });

  it('operator: `propdesk migrate` on such a server exits 1 with the message and writes nothing', async () => {
    const res = spawnSync(process.execPath, ['bin/propdesk.js', 'migrate'], { env: { ...process.env, DATABASE_URL: urlOf(name) }, encoding: 'utf8', timeout: 60_000 });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('synchronous_commit = off');
    const c = new pg.Client({ connectionString: urlOf(name) });
    await c.connect();
    try {
      expect((await c.query(`select count(*)::int as n from pg_tables where schemaname = 'public'`)).rows[0].n).toBe(0);
    } finally {
      await c.end();
    }
  });
});
