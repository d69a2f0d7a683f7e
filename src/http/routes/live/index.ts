import type { RouteModule } from '../../types.js';
import { requireActor } from '../../plugins/auth.js';
import { canSeeEstate } from '../../../policies/scope.js';
import { AppError } from '../../../errors.js';

/**
 * `GET /api/events`: Server-Sent Events for live screens. Every node listens to the database's
 * NOTIFY channel, so a client on any node hears changes made on any other. Each client gets
 * only events of estates it can see, and personal messages addressed to it.
 */
export const liveRoutes: RouteModule = (app, ctx) => {
  app.get('/api/events', { schema: { tags: ['live'], hide: false } }, async (req, reply) => {
    const actor = requireActor(req);
    if (!ctx.live) throw new AppError(503, 'live_unavailable', '实时推送未启用', { messageEn: 'live events are not enabled' });
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write(': connected\n\n');
    const unsubscribe = ctx.live.subscribe((event) => {
      if (!canSeeEstate(actor, event.estateId)) return;
      if (event.userId && event.userId !== actor.userId) return;
      res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
    });
    // Comments keep proxies from closing an idle stream.
    const heartbeat = setInterval(() => res.write(': ping\n\n'), 25_000);
    req.raw.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  });
};
