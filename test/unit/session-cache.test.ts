import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/policies/actor.js';
import { type LoadedSession, SessionCache, sessionCacheTtlFromEnv } from '../../src/services/auth/session-cache.js';

const T0 = new Date('2026-03-02T02:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const actor = (userId: string, displayName = userId): Actor => ({
  userId,
  username: userId,
  displayName,
  groupRoles: [],
  estateRoles: new Map(),
  departments: new Map(),
  residencies: [],
});
const session = (userId: string, expiresInMs = 14 * 86_400_000): LoadedSession => ({ actor: actor(userId), expiresAt: at(expiresInMs) });
/** Stores a session read that began at `ms` with an up-to-date ticket. */
const put = (c: SessionCache, hash: string, s: LoadedSession, ms = 0) => c.set(hash, s, at(ms), c.ticket());

describe('session cache', () => {
  it('serves an entry within the TTL and drops it once the TTL has passed', () => {
    const c = new SessionCache({ ttlMs: 5_000 });
    put(c, 'h1', session('u1'));
    expect(c.get('h1', at(4_999))?.userId).toBe('u1');
    expect(c.get('h1', at(5_000))).toBeUndefined();
    expect(c.size).toBe(0);
  });

  it('never serves an entry past the session’s own expiry, even within the TTL', () => {
    const c = new SessionCache({ ttlMs: 60_000 });
    put(c, 'h1', session('u1', 1_000));
    expect(c.get('h1', at(999))?.userId).toBe('u1');
    expect(c.get('h1', at(1_000))).toBeUndefined();
  });

  it('reads again when the clock has gone back before the entry was cached', () => {
    const c = new SessionCache({ ttlMs: 5_000 });
    put(c, 'h1', session('u1'), 1_000);
    expect(c.get('h1', at(0))).toBeUndefined();
  });

  it('forgetToken drops one session; the same user’s other sessions stay', () => {
    const c = new SessionCache();
    put(c, 'h1', session('u1'));
    put(c, 'h2', session('u1'));
    c.forgetToken('h1');
    expect(c.get('h1', at(1))).toBeUndefined();
    expect(c.get('h2', at(1))?.userId).toBe('u1');
  });

  it('forgetUser drops every session of that user and no one else’s', () => {
    const c = new SessionCache();
    put(c, 'h1', session('u1'));
    put(c, 'h2', session('u1'));
    put(c, 'h3', session('u2'));
    c.forgetUser('u1');
    expect(c.get('h1', at(1))).toBeUndefined();
    expect(c.get('h2', at(1))).toBeUndefined();
    expect(c.get('h3', at(1))?.userId).toBe('u2');
  });

  it('holds at most maxEntries, dropping the oldest first', () => {
    const c = new SessionCache({ maxEntries: 3 });
    for (const [i, h] of ['h1', 'h2', 'h3', 'h4'].entries()) put(c, h, session(`u${i}`));
    expect(c.size).toBe(3);
    expect(c.get('h1', at(1))).toBeUndefined();
    expect(['h2', 'h3', 'h4'].map((h) => c.get(h, at(1))?.userId)).toEqual(['u1', 'u2', 'u3']);
    // The dropped entry's user index is cleaned up too: forgetting u0 leaves the others alone.
    c.forgetUser('u0');
    expect(c.size).toBe(3);
  });

  it('TTL 0 turns the cache off: nothing is stored, every resolve loads', async () => {
    const c = new SessionCache({ ttlMs: 0 });
    expect(c.enabled).toBe(false);
    let loads = 0;
    const load = async () => {
      loads++;
      return session('u1');
    };
    await c.resolve('h1', at(0), load);
    await c.resolve('h1', at(0), load);
    expect(loads).toBe(2);
    expect(c.size).toBe(0);
  });

  it('resolve loads once, then serves from the cache; a missing session is not cached', async () => {
    const c = new SessionCache();
    let loads = 0;
    const load = async () => {
      loads++;
      return session('u1');
    };
    expect((await c.resolve('h1', at(0), load))?.userId).toBe('u1');
    expect((await c.resolve('h1', at(10), load))?.userId).toBe('u1');
    expect(loads).toBe(1);
    expect(await c.resolve('nope', at(0), async () => undefined)).toBeUndefined();
    expect(c.size).toBe(1);
  });

  it('a read that began before an invalidation is served but not cached (it may predate the change)', async () => {
    const c = new SessionCache();
    const actorSeen = await c.resolve('h1', at(0), async () => {
      c.forgetToken('h1'); // logout commits while the session is being read
      return session('u1');
    });
    expect(actorSeen?.userId).toBe('u1');
    expect(c.get('h1', at(1))).toBeUndefined();
  });

  it('auth channel events: token, user, and a lost channel (which turns the cache off)', () => {
    const c = new SessionCache();
    put(c, 'h1', session('u1'));
    put(c, 'h2', session('u2'));
    put(c, 'h3', session('u3'));
    c.apply({ tokenHash: 'h1' });
    c.apply({ userId: 'u2' });
    expect(c.get('h1', at(1))).toBeUndefined();
    expect(c.get('h2', at(1))).toBeUndefined();
    expect(c.get('h3', at(1))?.userId).toBe('u3');
    c.apply({ lost: true });
    expect(c.size).toBe(0);
    expect(c.enabled).toBe(false);
    put(c, 'h3', session('u3'));
    expect(c.get('h3', at(1))).toBeUndefined();
  });

  it('auth channel back (resumed): the cache works again, but a read begun while it was lost is not stored', () => {
    const c = new SessionCache();
    c.apply({ lost: true });
    const ticketWhileLost = c.ticket();
    c.apply({ resumed: true });
    expect(c.enabled).toBe(true);
    c.set('h1', session('u1'), at(0), ticketWhileLost);
    expect(c.get('h1', at(1))).toBeUndefined();
    put(c, 'h2', session('u2'));
    expect(c.get('h2', at(1))?.userId).toBe('u2');
  });

  it('PROPDESK_SESSION_CACHE_MS: unset → 5000, 0 → off, nonsense refused', () => {
    expect(sessionCacheTtlFromEnv(undefined)).toBe(5_000);
    expect(sessionCacheTtlFromEnv('')).toBe(5_000);
    expect(sessionCacheTtlFromEnv('0')).toBe(0);
    expect(sessionCacheTtlFromEnv('600000')).toBe(600_000);
    expect(() => sessionCacheTtlFromEnv('-1')).toThrow(/PROPDESK_SESSION_CACHE_MS/);
    expect(() => sessionCacheTtlFromEnv('5s')).toThrow(/PROPDESK_SESSION_CACHE_MS/);
  });
});
