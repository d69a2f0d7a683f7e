import { rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import Fastify from 'fastify';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerErrorHandler } from '../../src/http/plugins/errors.js';
import { createWorld, type TestWorld } from '../support/harness.js';

const onPostgres = process.env.PROPDESK_TEST_DB === 'postgres';
let w: TestWorld;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(async () => w?.close());

const health = async () => {
  const res = await w.app.inject({ method: 'GET', url: '/api/health' });
  return { status: res.statusCode, body: res.json() };
};

describe('health', () => {
  it('operator: a node that can read the database and write files answers 200 ok', async () => {
    expect(await health()).toEqual({ status: 200, body: expect.objectContaining({ ok: true, database: 'ok', storage: 'ok' }) });
  });

  it('operator: a new node whose files directory does not exist yet (nothing uploaded) is healthy', async () => {
    const saved = w.ctx.filesDir;
    w.ctx.filesDir = join(saved, 'not-yet', 'files');
    try {
      expect(await health()).toEqual({ status: 200, body: expect.objectContaining({ ok: true, storage: 'ok' }) });
    } finally {
      rmSync(join(saved, 'not-yet'), { recursive: true, force: true });
      w.ctx.filesDir = saved;
    }
  });

  it('operator: when the files disk is full, health answers 503 storage full; it recovers with the disk', async () => {
    // Writing to /dev/full fails with ENOSPC, as a full disk does.
    const probe = join(w.ctx.filesDir, '.health-probe');
    rmSync(probe, { force: true });
    symlinkSync('/dev/full', probe);
    try {
      expect(await health()).toEqual({ status: 503, body: expect.objectContaining({ ok: false, database: 'ok', storage: 'full' }) });
    } finally {
      rmSync(probe);
    }
    expect((await health()).status).toBe(200);
  });

  it('receptionist: a write the disk refuses is answered 503 with a message saying nothing was saved, and health reports the full disk', async () => {
    const app = Fastify();
    registerErrorHandler(app);
    app.post('/write', async () => {
      throw Object.assign(new Error('Failed query: insert into cases …'), { cause: Object.assign(new Error('could not extend file "base/16384/2619"'), { code: '53100' }) });
    });
    const res = await app.inject({ method: 'POST', url: '/write', payload: {} });
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('30');
    expect(res.json().error).toEqual(expect.objectContaining({ code: 'storage_full', message: '服务器存储空间已满，本次操作未保存，请联系管理员' }));
    expect(await health()).toEqual({ status: 503, body: expect.objectContaining({ ok: false, database: 'ok', storage: 'full' }) });
    await app.close();
  });

  it.runIf(onPostgres)('operator: with every pool connection stuck, health still answers — 503 database timeout — instead of hanging', async () => {
    const pool = w.database.pool!;
    const held: pg.PoolClient[] = [];
    while (held.length < pool.options.max) held.push(await pool.connect());
    const before = process.env.PROPDESK_HEALTH_TIMEOUT_MS;
    process.env.PROPDESK_HEALTH_TIMEOUT_MS = '200';
    try {
      expect(await health()).toEqual({ status: 503, body: expect.objectContaining({ ok: false, database: 'timeout' }) });
    } finally {
      for (const c of held) c.release();
      if (before === undefined) delete process.env.PROPDESK_HEALTH_TIMEOUT_MS;
      else process.env.PROPDESK_HEALTH_TIMEOUT_MS = before;
    }
  });
});
