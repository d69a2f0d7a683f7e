import { gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/client.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Answers of this GET route may be served from the node's read cache (see ReadCache). */
    readCache?: boolean;
  }
  interface FastifyRequest {
    readCache?: { key: string; lsn: string; hit: boolean };
  }
}

interface Entry {
  lsn: string;
  body: string;
  /** The body gzip-compressed, kept for callers that accept it (browsers all do). */
  gzip?: Buffer;
  etag?: string;
}

/** Answers smaller than this (a case page) go uncompressed: lists of cases are what is worth it. */
const GZIP_MIN_BYTES = 8 * 1024;
const acceptsGzip = (req: FastifyRequest) => /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));

/**
 * Answers of cheap, often repeated reads (the board, the case page) kept per node and per user,
 * valid while the database has not changed since they were read.
 *
 * "Not changed" is the WAL insert position: every commit (and abort) writes a WAL record, so if
 * the position read now equals the one read just before the answer's query started, no
 * transaction has committed in between, and the answer is what the query would return now.
 * The position is read in its own statement before the query (never inside it), so a commit
 * between the two makes the next check miss rather than serve a stale answer. It is one tiny
 * select — a live board refetched by many screens after each event then costs the database a
 * position read instead of the page query, on any node, with no invalidation to get wrong.
 * Any write anywhere (another estate, vacuum) empties it in effect: correctness never depends on
 * knowing what a write touched. Answers must depend only on the database and the caller
 * (the key is user, language and URL), not on the clock. Answers of 8 KB and more are gzip-compressed once
 * for callers that accept it (a board page of 50 cases: ~40 KB of JSON, ~5 KB on the wire).
 */
export class ReadCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;

  constructor(
    readonly maxEntries = 2_000,
    readonly maxBytes = 64 * 1024 * 1024,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** The stored answer for `key` when it was read at exactly `lsn`. */
  get(key: string, lsn: string): Entry | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.lsn !== lsn) {
      this.drop(key);
      return undefined;
    }
    // Most recently used last, so the first key is the one to evict.
    this.entries.delete(key);
    this.entries.set(key, e);
    return e;
  }

  /** The entry's body compressed: kept by a caller that did not accept gzip, compressed now, once. */
  gzipOf(entry: Entry): Buffer {
    if (!entry.gzip) {
      entry.gzip = gzipSync(entry.body, { level: 5 });
      this.bytes += entry.gzip.length;
    }
    return entry.gzip;
  }

  set(key: string, entry: Entry): void {
    this.drop(key);
    if (entry.body.length > this.maxBytes / 8) return;
    this.entries.set(key, entry);
    this.bytes += entry.body.length + (entry.gzip?.length ?? 0);
    while (this.entries.size > this.maxEntries || this.bytes > this.maxBytes) this.drop(this.entries.keys().next().value!);
  }

  private drop(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.entries.delete(key);
    this.bytes -= e.body.length + (e.gzip?.length ?? 0);
  }
}

/** The WAL insert position as text (changes with every commit or abort). */
export async function walPosition(db: Db): Promise<string> {
  const res = (await db.execute(sql`select pg_current_wal_insert_lsn()::text as lsn`)) as unknown as { rows: { lsn: string }[] };
  return res.rows[0]!.lsn;
}

/**
 * Serves `config.readCache` routes from ctx.readCache when the database is unchanged; stores
 * their 200 answers otherwise. Registered after auth: only signed-in callers, keyed by user.
 */
export function registerReadCache(app: FastifyInstance, ctx: AppContext): void {
  const cache = ctx.readCache;
  if (!cache) return;
  // onRequest, after auth: a hit is answered before the query string is validated again (the
  // key is the exact URL, and only answers to URLs that passed validation are kept).
  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    if (req.method !== 'GET' || !req.routeOptions.config?.readCache || !req.actor) return;
    // The language too: answers do not depend on it today, but nothing should break if one does.
    const key = `${req.actor.userId} ${req.headers['accept-language'] ?? ''} ${req.url}`;
    const lsn = await walPosition(ctx.database.db);
    const hit = cache.get(key, lsn);
    req.readCache = { key, lsn, hit: Boolean(hit) };
    if (!hit) return;
    if (hit.etag) reply.header('etag', hit.etag);
    reply.header('x-read-cache', 'hit').header('vary', 'accept-encoding').type('application/json; charset=utf-8');
    if (acceptsGzip(req) && hit.body.length >= GZIP_MIN_BYTES) {
      return reply.header('content-encoding', 'gzip').send(cache.gzipOf(hit));
    }
    return reply.send(hit.body);
  });
  app.addHook('onSend', async (req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const rc = req.readCache;
    if (!rc || rc.hit || reply.statusCode !== 200 || typeof payload !== 'string') return payload;
    const etag = reply.getHeader('etag');
    // Compressed once here, then sent as it is to every later caller that accepts gzip.
    const gzip = acceptsGzip(req) && payload.length >= GZIP_MIN_BYTES ? gzipSync(payload, { level: 5 }) : undefined;
    cache.set(rc.key, { lsn: rc.lsn, body: payload, ...(gzip ? { gzip } : {}), ...(typeof etag === 'string' ? { etag } : {}) });
    reply.header('vary', 'accept-encoding');
    if (!gzip) return payload;
    reply.header('content-encoding', 'gzip');
    return gzip;
  });
}

/**
 * Reads PROPDESK_READ_CACHE_ENTRIES: unset → 2,000 answers per node, 0 → off.
 * @throws Error naming the variable when it is not a whole number ≥ 0
 */
export function readCacheFromEnv(value: string | undefined): ReadCache | undefined {
  const n = value === undefined || value.trim() === '' ? 2_000 : Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`PROPDESK_READ_CACHE_ENTRIES 应为不小于 0 的整数 (must be a whole number ≥ 0), got "${value}"`);
  return n === 0 ? undefined : new ReadCache(n);
}
