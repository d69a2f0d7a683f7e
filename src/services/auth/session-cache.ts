import type { AuthEvent } from '../../jobs/live-hub.js';
import type { Actor } from '../../policies/actor.js';

/** What one cached session holds; `cachedAt` is the clock's time when the read began. */
export interface CachedSession {
  actor: Actor;
  sessionExpiresAt: Date;
  cachedAt: number;
}

/** A session as read from the database. */
export interface LoadedSession {
  actor: Actor;
  expiresAt: Date;
}

export const DEFAULT_SESSION_CACHE_MS = 5_000;
export const DEFAULT_SESSION_CACHE_ENTRIES = 10_000;

/**
 * Per-node cache of session token hash → Actor, so cheap reads skip the session query.
 *
 * Correctness does not rest on the TTL: every change that ends a session or changes a user's
 * access notifies all nodes (and the changing node forgets locally after commit). The TTL only
 * bounds the damage of a lost notification. Time is passed in, so tests drive it.
 */
export class SessionCache {
  readonly ttlMs: number;
  readonly maxEntries: number;
  private readonly entries = new Map<string, CachedSession>();
  private readonly byUser = new Map<string, Set<string>>();
  // Bumped by every invalidation: a database read that began before one must not be cached,
  // because it may have seen the state from before the change (read → forget → store).
  private generation = 0;
  private off = false;

  constructor(opts: { ttlMs?: number; maxEntries?: number } = {}) {
    this.ttlMs = opts.ttlMs ?? DEFAULT_SESSION_CACHE_MS;
    this.maxEntries = opts.maxEntries ?? DEFAULT_SESSION_CACHE_ENTRIES;
  }

  /** False when the TTL is 0 or the invalidation channel is lost. */
  get enabled(): boolean {
    return this.ttlMs > 0 && !this.off;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The cached actor, unless older than the TTL or past the session's expiry. */
  get(tokenHash: string, now: Date): Actor | undefined {
    const e = this.entries.get(tokenHash);
    if (!e) return undefined;
    const age = now.getTime() - e.cachedAt;
    // A clock that went backwards (tests, NTP) makes the age meaningless: read again.
    if (age < 0 || age >= this.ttlMs || now.getTime() >= e.sessionExpiresAt.getTime()) {
      this.drop(tokenHash);
      return undefined;
    }
    return e.actor;
  }

  /** The generation to pass to set(): take it before reading from the database. */
  ticket(): number {
    return this.generation;
  }

  /** Stores a session read that began at `startedAt` with `ticket`, unless invalidated since. */
  set(tokenHash: string, loaded: LoadedSession, startedAt: Date, ticket: number): void {
    if (!this.enabled || ticket !== this.generation) return;
    this.drop(tokenHash);
    this.entries.set(tokenHash, { actor: loaded.actor, sessionExpiresAt: loaded.expiresAt, cachedAt: startedAt.getTime() });
    const tokens = this.byUser.get(loaded.actor.userId) ?? new Set<string>();
    tokens.add(tokenHash);
    this.byUser.set(loaded.actor.userId, tokens);
    // Maps iterate in insertion order, so the first key is the oldest entry.
    while (this.entries.size > this.maxEntries) this.drop(this.entries.keys().next().value!);
  }

  /** The actor for a token: from the cache, else from `load` (then cached). */
  async resolve(tokenHash: string, now: Date, load: () => Promise<LoadedSession | undefined>): Promise<Actor | undefined> {
    const hit = this.get(tokenHash, now);
    if (hit) return hit;
    const ticket = this.ticket();
    const loaded = await load();
    if (!loaded) return undefined;
    this.set(tokenHash, loaded, now, ticket);
    return loaded.actor;
  }

  forgetToken(tokenHash: string): void {
    this.generation++;
    this.drop(tokenHash);
  }

  forgetUser(userId: string): void {
    this.generation++;
    for (const t of [...(this.byUser.get(userId) ?? [])]) this.drop(t);
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
    this.byUser.clear();
  }

  /**
   * Applies an event from the auth channel. While the channel is lost the cache is off (an
   * invalidation may pass unheard); when it is back, the cache starts again empty, and a read
   * that began while it was off is not stored (the generation moves on).
   */
  apply(event: AuthEvent): void {
    if ('tokenHash' in event) this.forgetToken(event.tokenHash);
    else if ('userId' in event) this.forgetUser(event.userId);
    else {
      this.off = 'lost' in event;
      this.clear();
    }
  }

  private drop(tokenHash: string): void {
    const e = this.entries.get(tokenHash);
    if (!e) return;
    this.entries.delete(tokenHash);
    const tokens = this.byUser.get(e.actor.userId);
    tokens?.delete(tokenHash);
    if (tokens?.size === 0) this.byUser.delete(e.actor.userId);
  }
}

/**
 * Reads PROPDESK_SESSION_CACHE_MS: unset or empty → the default, 0 → off.
 * @throws Error naming the variable when it is not a whole number ≥ 0
 */
export function sessionCacheTtlFromEnv(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_SESSION_CACHE_MS;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 0) throw new Error(`PROPDESK_SESSION_CACHE_MS 应为不小于 0 的整数毫秒 (must be a whole number of milliseconds ≥ 0), got "${value}"`);
  return ms;
}
