import { describe, expect, it } from 'vitest';
import { reconnectDelay } from '../../src/jobs/live-hub.js';

const opts = { minMs: 500, maxMs: 30_000 };

describe('LISTEN reconnect backoff', () => {
  it('system: waits double from 0.5 s and stop at 30 s, each drawn from the upper half', () => {
    const highest = [0, 1, 2, 3, 4, 5, 6, 7, 20, 1000].map((f) => reconnectDelay(f, opts, () => 1));
    expect(highest).toEqual([500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000, 30_000]);
    expect(reconnectDelay(0, opts, () => 0)).toBe(250);
    expect(reconnectDelay(10, opts, () => 0)).toBe(15_000);
  });
});
