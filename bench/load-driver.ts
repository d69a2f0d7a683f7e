// The in-process load driver every HTTP benchmark uses (the app, the bare-route ceilings, the
// scale-out run): keep-alive HTTP/1.1 over loopback through node:http, closed loop (N workers,
// each sends its next request when the last answered) or open loop (requests started at a fixed
// rate whatever the answers; latency counted from the scheduled start, so a stall is not hidden).
import http from 'node:http';
import { gunzipSync } from 'node:zlib';
import { percentile } from './support.js';

export interface HttpResponse {
  status: number;
  /** The body as text, inflated if it came gzip-compressed (decoded on first read). */
  readonly body: string;
  headers: http.IncomingHttpHeaders;
}

/** A keep-alive HTTP client for one or more base URLs (e.g. several app nodes). */
export class HttpClient {
  readonly agent: http.Agent;

  constructor(maxSockets = 64) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  }

  request(url: string, opts: { method?: string; body?: unknown; raw?: Buffer; contentType?: string; cookie?: string } = {}): Promise<HttpResponse> {
    const payload = opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
    const headers: Record<string, string | number> = {};
    if (payload !== undefined) {
      headers['content-type'] = opts.contentType ?? 'application/json';
      headers['content-length'] = Buffer.byteLength(payload);
    }
    if (opts.cookie) headers.cookie = opts.cookie;
    // As a browser does: the app may answer large reads gzip-compressed.
    headers['accept-encoding'] = 'gzip';
    return new Promise((resolve, reject) => {
      const req = http.request(url, { method: opts.method ?? 'GET', agent: this.agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const raw = Buffer.concat(chunks);
          const gzip = res.headers['content-encoding'] === 'gzip';
          // Decoded only when read (as autocannon, the driver does not spend the shared cores on
          // bodies nobody looks at; the steps that need an id read it).
          let text: string | undefined;
          resolve({
            status: res.statusCode ?? 0,
            get body() {
              text ??= (gzip ? gunzipSync(raw) : raw).toString('utf8');
              return text;
            },
            headers: res.headers,
          });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

export interface OpStats {
  name: string;
  count: number;
  errors: number;
  perSec: number;
  p50ms: number;
  p95ms: number;
  p99ms: number;
  maxMs: number;
  /** The first error seen, for the report. */
  firstError?: string;
}

/** Collects latencies per operation. */
export class Recorder {
  private lat = new Map<string, number[]>();
  private err = new Map<string, number>();
  private firstErr = new Map<string, string>();

  record(name: string, ms: number): void {
    let a = this.lat.get(name);
    if (!a) {
      a = [];
      this.lat.set(name, a);
    }
    a.push(ms);
  }

  error(name: string, e: unknown): void {
    this.err.set(name, (this.err.get(name) ?? 0) + 1);
    if (!this.firstErr.has(name)) this.firstErr.set(name, e instanceof Error ? e.message : String(e));
  }

  /** Times one call of `fn` under `name` (an exception counts as an error, not a sample). */
  async time<T>(name: string, fn: () => Promise<T>): Promise<T | undefined> {
    const t0 = performance.now();
    try {
      const r = await fn();
      this.record(name, performance.now() - t0);
      return r;
    } catch (e) {
      this.error(name, e);
      return undefined;
    }
  }

  stats(seconds: number): OpStats[] {
    const names = new Set([...this.lat.keys(), ...this.err.keys()]);
    return [...names].map((name) => summarise(name, this.lat.get(name) ?? [], seconds, this.err.get(name) ?? 0, this.firstErr.get(name)));
  }
}

export function summarise(name: string, latencies: number[], seconds: number, errors = 0, firstError?: string): OpStats {
  const s = [...latencies].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 100) / 100;
  return {
    name,
    count: s.length,
    errors,
    perSec: Math.round(s.length / seconds),
    p50ms: r(percentile(s, 50)),
    p95ms: r(percentile(s, 95)),
    p99ms: r(percentile(s, 99)),
    maxMs: r(s.at(-1) ?? Number.NaN),
    ...(firstError ? { firstError } : {}),
  };
}

/**
 * Closed loop: `concurrency` workers call `op(worker, i)` back to back for `seconds`.
 * Returns the number of completed calls and the elapsed seconds.
 */
export async function closedLoop(opts: { seconds: number; concurrency: number; op: (worker: number, i: number) => Promise<unknown> }): Promise<{ done: number; elapsed: number }> {
  const t0 = performance.now();
  const until = t0 + opts.seconds * 1000;
  let done = 0;
  const worker = async (w: number) => {
    for (let i = 0; performance.now() < until; i++) {
      await opts.op(w, i);
      done++;
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, (_, w) => worker(w)));
  return { done, elapsed: (performance.now() - t0) / 1000 };
}

/**
 * Open loop: starts `op(i)` at `rate` per second for `seconds` (at most `maxInFlight` at once;
 * a start that finds the limit reached counts as dropped). Latency runs from the scheduled start.
 */
export async function openLoop(opts: { seconds: number; rate: number; maxInFlight?: number; op: (i: number) => Promise<unknown> }): Promise<{ latencies: number[]; errors: number; dropped: number; elapsed: number; firstError?: string }> {
  const total = Math.round(opts.seconds * opts.rate);
  const interval = 1000 / opts.rate;
  const maxInFlight = opts.maxInFlight ?? 512;
  const latencies: number[] = [];
  let errors = 0;
  let dropped = 0;
  let inFlight = 0;
  let firstError: string | undefined;
  const pending: Promise<void>[] = [];
  const t0 = performance.now();
  let i = 0;
  while (i < total) {
    const now = performance.now();
    // Start every request whose time has come (timers are coarse: catch up in a burst).
    while (i < total && t0 + i * interval <= now) {
      const scheduled = t0 + i * interval;
      if (inFlight >= maxInFlight) {
        dropped++;
        i++;
        continue;
      }
      inFlight++;
      const n = i;
      pending.push(
        opts.op(n).then(
          () => {
            latencies.push(performance.now() - scheduled);
            inFlight--;
          },
          (e: unknown) => {
            errors++;
            firstError ??= e instanceof Error ? e.message : String(e);
            inFlight--;
          },
        ),
      );
      i++;
    }
    const next = t0 + i * interval - performance.now();
    await new Promise((r) => setTimeout(r, Math.max(0, Math.min(next, 5))));
  }
  await Promise.all(pending);
  return { latencies, errors, dropped, elapsed: (performance.now() - t0) / 1000, firstError };
}

/** Throws unless the status is the expected one (so a failing call is an error, not a sample). */
export function expectStatus(res: HttpResponse, ...ok: number[]): HttpResponse {
  if (!ok.includes(res.status)) throw new Error(`HTTP ${res.status}: ${res.body.slice(0, 200)}`);
  return res;
}
