import { type LookupAddress, type LookupAllOptions, lookup as dnsLookup } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { type TargetRange, parseTargetAllowList, refusedAddress, refusedHost } from '../domain/network-target.js';


export interface WebhookPostOptions {
  /** Non-public ranges the operator allows (PROPDESK_WEBHOOK_ALLOW_PRIVATE). */
  allowed?: readonly TargetRange[];
  timeoutMs?: number;
  /** The name lookup (tests give one that answers what a hostile DNS server would). */
  resolve?: typeof dnsLookup;
}

/** The operator's allowance, read once at start; a malformed entry stops the start with its name. */
export function webhookAllowFromEnv(env = process.env): TargetRange[] {
  try {
    return parseTargetAllowList(env.PROPDESK_WEBHOOK_ALLOW_PRIVATE);
  } catch (e) {
    throw new Error(`PROPDESK_WEBHOOK_ALLOW_PRIVATE: ${(e as Error).message}`);
  }
}

/**
 * A lookup that refuses the connection when the name resolves to a non-public address. It runs
 * inside the socket's own connect, so the address checked is the address connected to: a name
 * that answers a public address to a first lookup and 127.0.0.1 to the next (DNS rebinding)
 * cannot slip through.
 */
function guardedLookup(allowed: readonly TargetRange[], resolve: typeof dnsLookup): LookupFunction {
  return ((hostname: string, options: LookupAllOptions, callback: (err: Error | null, address: string | LookupAddress[], family?: number) => void) => {
    resolve(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '');
      const bad = addresses.find((a) => refusedAddress(a.address, allowed) !== null);
      if (bad) {
        const why = refusedAddress(bad.address, allowed)!;
        return callback(new Error(`webhook target ${hostname} resolves to a ${why} address (${bad.address}); refused`), '');
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(new Error(`webhook target ${hostname} has no address`), '');
      callback(null, first.address, first.family);
    });
  }) as LookupFunction;
}

/**
 * POSTs a webhook body. Only public addresses (or the operator's allowance) are connected to;
 * a redirect is never followed — it is a failure like any other, retried later — because the
 * place it points to was never checked.
 * @throws naming the refused address, the redirect or the status
 */
export function postWebhook(url: string, headers: Record<string, string>, body: string, opts: WebhookPostOptions = {}): Promise<void> {
  const allowed = opts.allowed ?? [];
  const target = new URL(url);
  const hostWhy = refusedHost(target.hostname, allowed);
  if (hostWhy) return Promise.reject(new Error(`webhook target ${target.hostname} is a ${hostWhy} address; refused`));
  const send = target.protocol === 'https:' ? httpsRequest : target.protocol === 'http:' ? httpRequest : null;
  if (!send) return Promise.reject(new Error(`webhook target must be http or https: ${target.protocol}`));
  return new Promise<void>((resolve, reject) => {
    const req = send(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: guardedLookup(allowed, opts.resolve ?? dnsLookup),
        signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
      },
      (res) => {
        res.resume();
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400) reject(new Error(`webhook answered ${status} (redirect to ${res.headers.location ?? '?'} not followed)`));
        else if (status < 200 || status >= 300) reject(new Error(`webhook answered ${status}`));
        else resolve();
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
