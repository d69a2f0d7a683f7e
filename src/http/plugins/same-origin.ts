import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../errors.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Extra origins allowed to send state-changing requests (e.g. a separate front-end host). */
export const allowedOrigins = (env: NodeJS.ProcessEnv = process.env): Set<string> =>
  new Set((env.PROPDESK_ALLOWED_ORIGINS ?? '').split(',').map((s) => s.trim().replace(/\/$/, '')).filter(Boolean));

/** The origin a browser says the request comes from: Origin, else the Referer's origin. */
function sourceOrigin(req: FastifyRequest): string | undefined {
  const origin = req.headers.origin;
  if (origin) return origin;
  const referer = req.headers.referer;
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return 'null';
  }
}

// Default ports are left out on one side and not the other (Host: localhost:80 vs Origin
// http://localhost), and behind a TLS proxy the scheme seen here is not the browser's.
const withoutDefaultPort = (host: string) => host.toLowerCase().replace(/:(80|443)$/, '');

function sameHost(origin: string, req: FastifyRequest): boolean {
  try {
    return withoutDefaultPort(new URL(origin).host) === withoutDefaultPort(req.host);
  } catch {
    return false;
  }
}

/**
 * Cross-site request forgery: the session cookie is SameSite=Strict, but a page on the same
 * site (another port, another subdomain) still gets it sent. So every state-changing request a
 * browser makes must come from this server's own origin (or one configured); a browser always
 * says where from. Requests without Origin or Referer are not from a browser page and pass.
 * Also drops Fastify's text/plain parser: a plain form can send text/plain without a preflight,
 * and no route of ours takes it (the unit import takes text/csv).
 */
/**
 * The pages' Content-Security-Policy: scripts only from this server and never inline (a planted
 * `<script>` or `onerror=` in a description cannot run), no plugins, no framing, forms and
 * <base> only to ourselves. Styles may be inline: the component library (antd) writes its CSS at
 * run time; a stylesheet cannot run script. Images and fetches may use data: and blob: URLs
 * (photo previews, the offline queue's kept photos).
 */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' data: blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function registerSameOrigin(app: FastifyInstance, allowed = allowedOrigins()): void {
  app.removeContentTypeParser('text/plain');
  app.addHook('onRequest', async (req) => {
    if (SAFE.has(req.method)) return;
    const origin = sourceOrigin(req);
    if (origin === undefined || sameHost(origin, req) || allowed.has(origin)) return;
    throw new AppError(403, 'cross_origin', '拒绝来自其他网站的请求', { messageEn: `cross-origin request from ${origin} refused` });
  });
  // A response is only ever what its content type says (an uploaded "image" is never run as a
  // page); no page of ours may be framed by another (clickjacking a 销项 button); links out
  // carry no case URL in their Referer.
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'same-origin');
    // Answers about residents (names, phones, homes) stay out of every cache, the browser's too.
    if (req.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    // Our pages run only our own scripts (none inline); /docs (Swagger UI) is left as it ships.
    if (String(reply.getHeader('content-type') ?? '').startsWith('text/html') && !req.url.startsWith('/docs') && !reply.hasHeader('content-security-policy')) {
      reply.header('content-security-policy', PAGE_CSP);
    }
  });
}
