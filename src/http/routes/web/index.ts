import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { RouteModule } from '../../types.js';

/** web/dist, found the same way from src/http/routes/web and dist/http/routes/web. */
const webDist = fileURLToPath(new URL('../../../../web/dist', import.meta.url));

const MISSING = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>propdesk</title>
<body style="font-family:sans-serif;margin:3em"><h1>界面尚未构建</h1><p>请先运行 <code>npm run build</code>（或 <code>npm run build:web</code>），然后重新启动。API 可用：<a href="/docs">/docs</a>。</p>
<p>The web app is not built yet: run <code>npm run build</code> and restart. The API works: <a href="/docs">/docs</a>.</p></body></html>`;

/**
 * Serves the three built front ends: the console at /, technician pages at /m/tech/, the
 * resident portal at /m/resident/. Client-side routes fall back to their app's index.html;
 * unknown /api paths still answer JSON 404.
 */
export const webRoutes: RouteModule = async (app) => {
  const built = existsSync(join(webDist, 'index.html'));
  const page = (file: string) => (built ? readFileSync(join(webDist, file), 'utf8') : MISSING);
  if (built) await app.register(fastifyStatic, { root: webDist, wildcard: false, index: false, maxAge: '1y', immutable: true, serve: true, prefix: '/', preCompressed: true });
  const html = { console: page('index.html'), tech: page('m/tech/index.html'), resident: page('m/resident/index.html') };
  const send = (body: string) => async (_req: unknown, reply: { header: (k: string, v: string) => unknown; send: (b: string) => unknown }) => {
    reply.header('content-type', 'text/html; charset=utf-8');
    reply.header('cache-control', 'no-cache');
    return reply.send(body);
  };
  app.get('/', { schema: { hide: true } }, send(html.console));
  app.get('/m/tech', { schema: { hide: true } }, send(html.tech));
  app.get('/m/tech/*', { schema: { hide: true } }, send(html.tech));
  app.get('/m/resident', { schema: { hide: true } }, send(html.resident));
  app.get('/m/resident/*', { schema: { hide: true } }, send(html.resident));
  for (const path of ['/intake', '/board', '/approvals', '/cases/*', '/search', '/followups', '/daily', '/weekly', '/monthly', '/quarterly', '/handover', '/hotline', '/quality', '/kpis', '/admin', '/admin/*']) app.get(path, { schema: { hide: true } }, send(html.console));
};
