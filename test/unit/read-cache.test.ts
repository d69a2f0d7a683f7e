import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ReadCache, readCacheFromEnv } from '../../src/http/plugins/read-cache.js';

describe('ReadCache', () => {
  it('serves an answer only at the WAL position it was read at, and forgets it once the position moved', () => {
    const c = new ReadCache();
    c.set('u1 /api/cases', { lsn: '0/10', body: '{"a":1}', etag: '"3"' });
    expect(c.get('u1 /api/cases', '0/10')).toEqual({ lsn: '0/10', body: '{"a":1}', etag: '"3"' });
    expect(c.get('u1 /api/cases', '0/18')).toBeUndefined();
    expect(c.get('u1 /api/cases', '0/10')).toBeUndefined(); // dropped, not kept for a position that came back
    expect(c.size).toBe(0);
  });

  it('keeps at most maxEntries, dropping the least recently used', () => {
    const c = new ReadCache(2);
    c.set('a', { lsn: '1', body: 'A' });
    c.set('b', { lsn: '1', body: 'B' });
    c.get('a', '1');
    c.set('c', { lsn: '1', body: 'C' });
    expect(c.get('b', '1')).toBeUndefined();
    expect(c.get('a', '1')?.body).toBe('A');
    expect(c.get('c', '1')?.body).toBe('C');
  });

  it('keeps at most maxBytes of answers and never stores one answer larger than an eighth of them', () => {
    const c = new ReadCache(100, 80);
    c.set('big', { lsn: '1', body: 'x'.repeat(11) });
    expect(c.size).toBe(0);
    for (const k of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']) c.set(k, { lsn: '1', body: 'y'.repeat(10) });
    expect(c.size).toBe(8);
    expect(c.get('a', '1')).toBeUndefined();
  });

  it('compresses an entry kept uncompressed once, on the first caller that accepts gzip', () => {
    const c = new ReadCache();
    const body = JSON.stringify({ items: Array.from({ length: 50 }, (_, i) => ({ i, description: '厨房水龙头漏水' })) });
    c.set('k', { lsn: '1', body });
    const e = c.get('k', '1')!;
    const gz = c.gzipOf(e);
    expect(gunzipSync(gz).toString('utf8')).toBe(body);
    expect(c.gzipOf(c.get('k', '1')!)).toBe(gz);
  });

  it('PROPDESK_READ_CACHE_ENTRIES: unset → on with 2,000 answers, 0 → off, nonsense → an error naming the variable', () => {
    expect(readCacheFromEnv(undefined)?.maxEntries).toBe(2000);
    expect(readCacheFromEnv('50')?.maxEntries).toBe(50);
    expect(readCacheFromEnv('0')).toBeUndefined();
    expect(() => readCacheFromEnv('-1')).toThrow(/PROPDESK_READ_CACHE_ENTRIES/);
    expect(() => readCacheFromEnv('lots')).toThrow(/PROPDESK_READ_CACHE_ENTRIES/);
  });
});
