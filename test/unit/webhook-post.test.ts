import type { LookupAddress, lookup } from 'node:dns';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { parseTargetAllowList } from '../../src/domain/network-target.js';
import { postWebhook } from '../../src/jobs/webhook-post.js';

/** A DNS server that says every name is 127.0.0.1 (a hostile one, or a rebinding attack's second answer). */
const toLoopback = ((_host: string, _opts: unknown, cb: (e: Error | null, a: LookupAddress[]) => void) =>
  cb(null, [{ address: '127.0.0.1', family: 4 }])) as unknown as typeof lookup;

let server: Server | undefined;
afterEach(() => server?.close());

async function receiver(answer: (res: import('node:http').ServerResponse) => void) {
  const hits: string[] = [];
  server = createServer((req, res) => {
    hits.push(req.url ?? '');
    req.resume();
    answer(res);
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return { hits, port: (server.address() as AddressInfo).port };
}

describe('postWebhook (issue 13 item 9)', () => {
  it('a public name that resolves to a loopback address is refused at connect, nothing is sent', async () => {
    const { hits, port } = await receiver((res) => res.writeHead(204).end());
    await expect(postWebhook(`http://hooks.example.com:${port}/x`, {}, '{}', { resolve: toLoopback })).rejects.toThrow(/resolves to a loopback address \(127\.0\.0\.1\); refused/);
    expect(hits).toEqual([]);
  });

  it('the allowance is applied to the address actually connected to', async () => {
    const { hits, port } = await receiver((res) => res.writeHead(204).end());
    await postWebhook(`http://hooks.example.com:${port}/x`, { 'content-type': 'application/json' }, '{}', { resolve: toLoopback, allowed: parseTargetAllowList('127.0.0.1') });
    expect(hits).toEqual(['/x']);
  });

  it('a redirect is not followed, wherever it points', async () => {
    const { hits, port } = await receiver((res) => res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data' }).end());
    await expect(postWebhook(`http://127.0.0.1:${port}/x`, {}, '{}', { allowed: parseTargetAllowList('127.0.0.1') })).rejects.toThrow(/302 \(redirect to http:\/\/169\.254\.169\.254\/latest\/meta-data not followed\)/);
    expect(hits).toEqual(['/x']);
  });

  it('a literal private address is refused without a connection; a failing status is an error', async () => {
    await expect(postWebhook('http://10.0.0.1/x', {}, '{}')).rejects.toThrow(/private address; refused/);
    const { port } = await receiver((res) => res.writeHead(500).end());
    await expect(postWebhook(`http://127.0.0.1:${port}/x`, {}, '{}', { allowed: parseTargetAllowList('127.0.0.1') })).rejects.toThrow(/answered 500/);
  });
});
