import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { type Database, openDatabase } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';

export type TestEngine = 'pglite' | 'postgres';
export const testEngine = (): TestEngine => (process.env.PROPDESK_TEST_DB === 'postgres' ? 'postgres' : 'pglite');

/** Server for the PostgreSQL runs; a fresh database per test file is created on it. */
export const adminUrl = () => process.env.PROPDESK_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TEMPLATE_DB = 'propdesk_test_template';
export const PGLITE_TEMPLATE = '.tmp/pglite-template.tar';

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
    const dump = new Blob([readFileSync(PGLITE_TEMPLATE)]);
    return openDatabase({ loadDataDir: dump });
  }
  const name = `propdesk_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${TEMPLATE_DB}`);
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
    writeFileSync(PGLITE_TEMPLATE, Buffer.from(await dump.arrayBuffer()));
    await db.close();
    return;
  }
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${TEMPLATE_DB} with (force)`);
    await admin.query(`create database ${TEMPLATE_DB}`);
  } finally {
    await admin.end();
  }
  const db = await openDatabase({ url: withDatabase(adminUrl(), TEMPLATE_DB) });
  await migrate(db);
  await db.close();
}
