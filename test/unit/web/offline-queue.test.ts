import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// The technician's offline queue (web/shared/offline-queue.ts), run against a stubbed server.
const store = new Map<string, string>();
beforeEach(() => {
  store.clear();
  vi.stubGlobal('localStorage', {
    getItem: (k: string) => store.get(k) ?? null,
    setItem: (k: string, v: string) => void store.set(k, v),
    removeItem: (k: string) => void store.delete(k),
  });
});
afterEach(() => vi.unstubAllGlobals());

const answer = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('replaying queued actions', () => {
  it('technician: an action the server says was already carried out (answer lost) counts as sent, not refused', async () => {
    const { flushQueue } = await import('../../../web/shared/offline-queue.js');
    store.set(
      'propdesk.offline-queue',
      JSON.stringify([
        { key: 'k-1', method: 'POST', url: '/api/orders/1/complete', body: {}, label: 'complete' },
        { key: 'k-2', method: 'POST', url: '/api/orders/2/accept', body: {}, label: 'accept' },
        { key: 'k-3', method: 'POST', url: '/api/orders/3/accept', body: {}, label: 'accept' },
      ]),
    );
    const replies = [
      answer(409, { error: { code: 'idempotency_committed', message: '该请求已办理完成' } }),
      answer(200, { version: 2 }),
      answer(409, { error: { code: 'conflict', message: '派工单已作废' } }),
    ];
    vi.stubGlobal('fetch', vi.fn(async () => replies.shift()!));
    const result = await flushQueue();
    expect(result.sent).toBe(2);
    expect(result.refused.map((r) => r.key)).toEqual(['k-3']);
    expect(JSON.parse(store.get('propdesk.offline-queue')!)).toEqual([]);
  });
});
