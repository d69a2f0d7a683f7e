import { afterEach, describe, expect, it, vi } from 'vitest';

// The console's shared live connection (web/console/live.ts), on a stand-in EventSource.
class FakeSource extends EventTarget {
  static last: FakeSource | undefined;
  closed = false;
  constructor(readonly url: string) {
    super();
    FakeSource.last = this;
  }
  close() {
    this.closed = true;
  }
}

afterEach(() => vi.unstubAllGlobals());

describe('live connection', () => {
  it('supervisor: screens refetch when the stream reopens or the server says resync, not on the first opening', async () => {
    vi.stubGlobal('EventSource', FakeSource);
    const { onLive, onResync, stopLive } = await import('../../../web/console/live.js');
    const cases: unknown[] = [];
    let refetched = 0;
    onLive('case', (d) => cases.push(d));
    onResync(() => refetched++);
    const source = FakeSource.last!;
    source.dispatchEvent(new Event('open'));
    expect(refetched).toBe(0);
    source.dispatchEvent(new MessageEvent('case', { data: '{"caseId":"c1"}' }));
    expect(cases).toEqual([{ caseId: 'c1' }]);
    source.dispatchEvent(new Event('error'));
    source.dispatchEvent(new Event('open'));
    expect(refetched).toBe(1);
    source.dispatchEvent(new MessageEvent('resync', { data: '{"type":"resync"}' }));
    expect(refetched).toBe(2);
    stopLive();
    expect(source.closed).toBe(true);
    source.dispatchEvent(new MessageEvent('resync', { data: '{}' }));
    expect(refetched).toBe(2);
  });
});
