import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { type Database, openDatabase } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';

export type TestEngine = 'pglite' | 'postgres';
export const testEngine = (): TestEngine => (process.env.PROPDESK_TEST_DB === 'postgres' ? 'postgres' : 'pglite');

/** Server for the PostgreSQL runs; a fresh database per test file is created on it. */
export const adminUrl = () => process.env.PROPDESK_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
// Per-run names (set by global-setup, inherited by the test workers) so that two test runs on
// one machine never rebuild each other's template.
const runId = () => process.env.PROPDESK_TEST_RUN ?? 'local';
export const templateDb = () => `propdesk_test_template_${runId()}`;
export const pgliteTemplate = () => `.tmp/pglite-template-${runId()}.tar`;

const withDatabase = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

/**
 * A fresh, migrated database for one test file: PGlite loaded from the migrated template dump
 * made by global-setup, or a PostgreSQL database cloned from the migrated template database.
 */
export async function freshDatabase(): Promise<Database & { url?: string }> {
  if (testEngine() === 'pglite') {
    const dump = new Blob([readFileSync(pgliteTemplate())]);
    return openDatabase({ loadDataDir: dump });
  }
  const name = `propdesk_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${templateDb()}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(adminUrl(), name);
  const database = await openDatabase({ url, poolSize: 20 });
  const close = database.close;
  return {
    ...database,
    url,
    close: async () => {
      await close();
      const a = new pg.Client({ connectionString: adminUrl() });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`).catch(() => undefined);
      await a.end();
    },
  };
}

/** Builds the template once per run (global setup). */
export async function buildTemplate(): Promise<void> {
  if (testEngine() === 'pglite') {
    const { mkdirSync, writeFileSync } = await import('node:fs');
    const db = await openDatabase({});
    await migrate(db);
    const dump = await db.pglite!.dumpDataDir('none');
    mkdirSync('.tmp', { recursive: true });
    writeFileSync(pgliteTemplate(), Buffer.from(await dump.arrayBuffer()));
    await db.close();
    return;
  }
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${templateDb()} with (force)`);
    await admin.query(`create database ${templateDb()}`);
  } finally {
    await admin.end();
  }
  const db = await openDatabase({ url: withDatabase(adminUrl(), templateDb()) });
  await migrate(db);
  await db.close();
}

/** Removes this run's template (global teardown). */
export async function dropTemplate(): Promise<void> {
  if (testEngine() === 'pglite') {
    const { rmSync } = await import('node:fs');
    rmSync(pgliteTemplate(), { force: true });
    return;
  }
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${templateDb()} with (force)`);
  } finally {
    await admin.end();
  }
}
