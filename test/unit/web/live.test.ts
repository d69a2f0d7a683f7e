import { afterEach, describe, expect, it, vi } from 'vitest';

// The console's shared live connection (web/console/live.ts), on a stand-in EventSource.
class FakeSource extends EventTarget {
  static last: FakeSource | undefined;
  closed = false;
  readyState = 0;
  constructor(readonly url: string) {
    super();
    FakeSource.last = this;
  }
  close() {
    this.closed = true;
    this.readyState = 2;
  }
}

afterEach(() => vi.unstubAllGlobals());

/** A screen on the shared connection: what it heard of `case` events and how often it refetched. */
async function screen() {
  vi.stubGlobal('EventSource', FakeSource);
  const live = await import('../../../web/console/live.js');
  const heard = { cases: [] as unknown[], refetched: 0 };
  live.onLive('case', (d) => heard.cases.push(d));
  live.onResync(() => heard.refetched++);
  return { ...live, heard, source: FakeSource.last! };
}

describe('live connection', () => {
  it('supervisor: screens refetch when the stream reopens or the server says resync, not on the first opening', async () => {
    const { stopLive, heard, source } = await screen();
    source.dispatchEvent(new Event('open'));
    expect(heard.refetched).toBe(0);
    source.dispatchEvent(new MessageEvent('case', { data: '{"caseId":"c1"}' }));
    expect(heard.cases).toEqual([{ caseId: 'c1' }]);
    source.dispatchEvent(new Event('error'));
    source.dispatchEvent(new Event('open'));
    expect(heard.refetched).toBe(1);
    source.dispatchEvent(new MessageEvent('resync', { data: '{"type":"resync"}' }));
    expect(heard.refetched).toBe(2);
    stopLive();
    expect(source.closed).toBe(true);
    source.dispatchEvent(new MessageEvent('resync', { data: '{}' }));
    expect(heard.refetched).toBe(2);
  });

  it('supervisor: when the browser gives up (a stopping node answered 503), a new connection is made later, keeps its listeners and refetches', async () => {
    vi.useFakeTimers();
    try {
      const { stopLive, heard, source: first } = await screen();
      first.dispatchEvent(new Event('open'));
      first.readyState = 2;
      first.dispatchEvent(new Event('error'));
      expect(FakeSource.last).toBe(first);
      vi.advanceTimersByTime(3_000);
      const second = FakeSource.last!;
      expect(second).not.toBe(first);
      second.dispatchEvent(new Event('open'));
      expect(heard.refetched).toBe(1);
      second.dispatchEvent(new MessageEvent('case', { data: '{"caseId":"c2"}' }));
      expect(heard.cases).toEqual([{ caseId: 'c2' }]);
      stopLive();
    } finally {
      vi.useRealTimers();
    }
  });
});
