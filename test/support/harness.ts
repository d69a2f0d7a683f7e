import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Response as InjectResponse } from 'light-my-request';
import { ManualClock } from '../../src/clock.js';
import type { AppContext } from '../../src/context.js';
import type { Database } from '../../src/db/client.js';
import { type BuiltEstate, buildEstate } from '../../src/db/seed/estate-builder.js';
import { DEMO_PASSWORD, demoEstateSpec, demoGroupStaff } from '../../src/db/seed/demo.js';
import { buildApp } from '../../src/http/app.js';
import { SessionCache } from '../../src/services/auth/session-cache.js';
import { ReadCache } from '../../src/http/plugins/read-cache.js';
import type { ZodApp } from '../../src/http/types.js';
import { freshDatabase } from './db.js';
import { type PhoneLeak, watchPhones } from './phone-scan.js';

export interface TestWorld {
  app: ZodApp;
  ctx: AppContext;
  clock: ManualClock;
  database: Database;
  /** Estate A (阳光花园, logins as in the demo) and estate B (logins suffixed `_b`). */
  a: BuiltEstate;
  b: BuiltEstate;
  /** Logs in and returns a client that sends that user's cookie. */
  as(username: string): Promise<Client>;
  close(): Promise<void>;
}

export interface Client {
  username: string;
  userId: string;
  /** The Cookie header this client sends (to use the same session on another app). */
  cookie: string;
  request(opts: { method: string; url: string; payload?: unknown; headers?: Record<string, string> }): Promise<InjectResponse>;
  get(url: string, headers?: Record<string, string>): Promise<InjectResponse>;
  post(url: string, payload?: unknown, headers?: Record<string, string>): Promise<InjectResponse>;
  patch(url: string, payload?: unknown, headers?: Record<string, string>): Promise<InjectResponse>;
  put(url: string, payload?: unknown, headers?: Record<string, string>): Promise<InjectResponse>;
  delete(url: string, headers?: Record<string, string>): Promise<InjectResponse>;
}

/**
 * A migrated database with two demo estates, the app on it, and a settable clock
 * (starts Monday 2026-03-02 10:00 Beijing time).
 */
export async function createWorld(): Promise<TestWorld> {
  const database = await freshDatabase();
  const clock = new ManualClock(new Date('2026-03-02T02:00:00Z'));
  // The session cache is on, as in `propdesk start`, so every API test runs through it (the
  // manual clock decides when its TTL passes).
  const ctx: AppContext = { database, clock, filesDir: mkdtempSync(join(tmpdir(), 'propdesk-files-')), sessionCache: new SessionCache(), readCache: new ReadCache() };
  const specA = demoEstateSpec();
  specA.staff.push(...demoGroupStaff);
  const a = await buildEstate(database.db, specA, DEMO_PASSWORD);
  const b = await buildEstate(database.db, demoEstateSpec('LH', '绿湖苑', 'LH', '_b'), DEMO_PASSWORD);
  const app = await buildApp(ctx);
  // Every answer of every API test is scanned for residents' full phone numbers (issue 13 item 4).
  const leaks: PhoneLeak[] = [];
  watchPhones(app, leaks);
  await app.ready();
  const userIds = { ...a.userIds, ...b.userIds };
  const as = async (username: string): Promise<Client> => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD } });
    if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
    const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const request: Client['request'] = ({ method, url, payload, headers }) =>
      app.inject({ method: method as 'GET', url, payload: payload as object, headers: { cookie, ...headers } });
    return {
      username,
      cookie,
      userId: userIds[username] ?? (res.json() as { id: string }).id,
      request,
      get: (url, headers) => request({ method: 'GET', url, headers }),
      post: (url, payload, headers) => request({ method: 'POST', url, payload: payload ?? {}, headers }),
      patch: (url, payload, headers) => request({ method: 'PATCH', url, payload: payload ?? {}, headers }),
      put: (url, payload, headers) => request({ method: 'PUT', url, payload: payload ?? {}, headers }),
      delete: (url, headers) => request({ method: 'DELETE', url, headers }),
    };
  };
  return {
    app,
    ctx,
    clock,
    database,
    a,
    b,
    as,
    close: async () => {
      await app.close();
      await database.close();
      if (leaks.length > 0) throw new Error(`answers carried full phone numbers outside the allowed steps:\n${leaks.map((l) => `  ${l.answer}: ${l.numbers.join(', ')}`).join('\n')}`);
    },
  };
}
