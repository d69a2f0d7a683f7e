import { createHash } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { NodePgSession, NodePgTransaction } from 'drizzle-orm/node-postgres/session';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { markCommitted } from './idempotency.js';
import { collectFor, registerRoot, sendRelaxed } from './notify.js';
import * as schema from './schema/index.js';

export type Schema = typeof schema;
/** The one database type services and repositories see, whichever engine is underneath. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything queries can run on: the database or an open transaction. */
export type Queryable = Db | Tx;

export interface Database {
  db: Db;
  engine: 'pglite' | 'postgres';
  /** The PGlite instance, when embedded (used for dumps and templates). */
  pglite?: PGlite;
  /** The pool, when on PostgreSQL. */
  pool?: pg.Pool;
  close(): Promise<void>;
}

// PostgreSQL returns bigint (int8) and numeric as strings; counts we cast to int in SQL,
// so keep the driver default and avoid silently losing precision.

export interface OpenOptions {
  /** postgres://… → PostgreSQL; otherwise PGlite. */
  url?: string;
  /** PGlite data directory; omitted → in memory. */
  dataDir?: string;
  /** A PGlite data-directory dump (tar) to start from, e.g. a migrated template. */
  loadDataDir?: Blob | File;
  poolSize?: number;
}

// deadlock_detected, serialization_failure: PostgreSQL rolled the whole transaction back.
const RETRYABLE = new Set(['40P01', '40001']);
const MAX_ATTEMPTS = 3;

/**
 * Reruns a transaction that PostgreSQL aborted as a deadlock victim. Two writers can meet on one
 * case from opposite ends (a desk step holds the case and waits for a clock; the scheduler holds
 * the clock and its trigger waits for the case); the server aborts one after deadlock_timeout.
 * Every service runs its whole use case inside the transaction function, with no effect outside
 * the database, so running it again is safe and the user sees a slow answer, not an error.
 * Also sends the transaction's live notifications once it has committed (src/db/notify.ts).
 */
function retryingTransactions(db: Db, pool: pg.Pool): Db {
  const once = db.transaction.bind(db);
  db.transaction = (async (fn: Parameters<Db['transaction']>[0], config?: Parameters<Db['transaction']>[1]) => {
    for (let attempt = 1; ; attempt++) {
      try {
        // Live notifications wait for the commit (src/db/notify.ts); a retried attempt starts afresh.
        let notes: ReturnType<typeof collectFor> = [];
        const result = await once((tx) => {
          notes = collectFor(tx);
          return fn(tx);
        }, config);
        await sendRelaxed(pool, notes);
        return result;
      } catch (e) {
        const code = (e as { code?: string; cause?: { code?: string } }).code ?? (e as { cause?: { code?: string } }).cause?.code;
        if (attempt >= MAX_ATTEMPTS || !code || !RETRYABLE.has(code)) throw e;
      }
    }
  }) as Db['transaction'];
  return db;
}

type TxFn = Parameters<Db['transaction']>[0];
type TxConfig = Parameters<Db['transaction']>[1];

/**
 * Every top-level transaction of a request that claimed an Idempotency-Key marks the key done
 * before it commits (src/db/idempotency.ts), so a retry after a lost answer cannot run it again.
 */
function markingTransactions(db: Db): Db {
  const once = db.transaction.bind(db);
  db.transaction = ((fn: TxFn, config?: TxConfig) =>
    once(async (tx) => {
      const result = await fn(tx);
      await markCommitted(tx, result);
      return result;
    }, config)) as Db['transaction'];
  return db;
}

/**
 * Runs each transaction on a pool client that goes back to the pool on every path, and is
 * destroyed (not reused) unless it ended with a COMMIT or ROLLBACK that succeeded. Drizzle's own
 * version sends BEGIN before its try/finally: on a connection the server had just terminated,
 * BEGIN failed and the client was never released, so a burst of terminates used up every slot and
 * the node hung for good (issue 15 item 12).
 */
function releasingTransactions(db: Db, pool: pg.Pool): void {
  const root = (db as unknown as { session: NodePgSession<Schema, ExtractTablesWithRelations<Schema>> }).session;
  const { dialect, schema, options } = root as unknown as { dialect: NodePgSession<Schema, never>['dialect']; schema: never; options: never };
  (root as unknown as { transaction: (fn: TxFn, config?: TxConfig) => Promise<unknown> }).transaction = async (fn, config) => {
    const client = await pool.connect();
    let clean = false;
    try {
      const session = new NodePgSession(client, dialect, schema, options);
      const tx = new NodePgTransaction(dialect, session, schema) as unknown as Tx;
      await tx.execute(config ? sql`begin ${(tx as unknown as { getTransactionConfigSQL(c: TxConfig): ReturnType<typeof sql> }).getTransactionConfigSQL(config)}` : sql`begin`);
      try {
        const result = await fn(tx);
        await tx.execute(sql`commit`);
        clean = true;
        return result;
      } catch (e) {
        await tx.execute(sql`rollback`);
        clean = true;
        throw e;
      }
    } finally {
      // A client whose transaction state is unknown (BEGIN, COMMIT or ROLLBACK failed) is closed.
      client.release(clean ? undefined : new Error('transaction ended in an unknown state'));
    }
  };
}

/** A bound on the texts one connection prepares (shapes are few; this only guards a leak). */
const MAX_NAMED_PER_CONNECTION = 500;

/**
 * Sends every parameterised query as a named prepared statement (name = hash of its text), so
 * PostgreSQL parses and analyses each distinct query once per connection instead of on every
 * request. The app's queries come from a bounded set of shapes (values are always parameters),
 * so the per-connection statement cache stays small. Planning still happens per execution
 * (plan_cache_mode = force_custom_plan is set on the pool's connections).
 */
function nameStatements(client: pg.PoolClient): void {
  const names = new Map<string, string>();
  const query = client.query.bind(client) as (...a: unknown[]) => unknown;
  (client as unknown as { query: (...a: unknown[]) => unknown }).query = (config: unknown, values?: unknown, cb?: unknown) => {
    if (config && typeof config === 'object' && 'text' in config && !('name' in config && (config as { name?: string }).name)) {
      const c = config as pg.QueryConfig;
      const params = Array.isArray(values) ? values : c.values;
      if (params && params.length > 0) {
        let name = names.get(c.text);
        if (!name && names.size < MAX_NAMED_PER_CONNECTION) {
          name = `pd_${createHash('sha1').update(c.text).digest('base64url')}`;
          names.set(c.text, name);
        }
        if (name) return query({ ...c, name }, values, cb);
      }
    }
    return query(config, values, cb);
  };
}

/** Opens PGlite or PostgreSQL. Does not migrate (see migrate.ts). */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.url) {
    const prepare = process.env.PROPDESK_PG_PREPARE !== '0';
    // Always a plan for the actual values: a generic plan chosen after five runs can be far off
    // for the text search's walk (its LIMIT and scope vary; measured 25 % slower).
    const options = prepare && !/[?&]options=/.test(opts.url) ? '-c plan_cache_mode=force_custom_plan' : undefined;
    const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize ?? 10, ...(options ? { options } : {}) });
    // An idle connection dropped by the server (restart, failover) must not crash the process;
    // the pool replaces it on the next checkout.
    pool.on('error', () => undefined);
    // The same for a connection cut while checked out (a server restart, or the scheduler's
    // idle-in-transaction timeout ending a hung node's transaction): the query in flight fails
    // with the error and the transaction is retried or answered as an error; without a listener
    // the client's 'error' event would end the whole process.
    pool.on('connect', (client) => client.on('error', () => undefined));
    if (prepare) pool.on('connect', nameStatements);
    const plain = drizzlePg(pool, { schema }) as unknown as Db;
    releasingTransactions(plain, pool);
    const db = retryingTransactions(markingTransactions(plain), pool);
    registerRoot(db, pool);
    return { db, engine: 'postgres', pool, close: () => pool.end() };
  }
  const pglite = new PGlite({ dataDir: opts.dataDir, loadDataDir: opts.loadDataDir });
  await pglite.waitReady;
  const db = markingTransactions(drizzlePglite(pglite, { schema }) as unknown as Db);
  return { db, engine: 'pglite', pglite, close: () => pglite.close() };
}
