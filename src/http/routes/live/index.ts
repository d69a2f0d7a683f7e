import type { RouteModule } from '../../types.js';
import { requireActor } from '../../plugins/auth.js';
import { isStaffOf } from '../../../policies/scope.js';
import { hashToken, sessionCookieName } from '../../../services/auth/sessions.js';
import type { AuthEvent, LiveEvent } from '../../../jobs/live-hub.js';
import type { Actor } from '../../../policies/actor.js';
import { AppError } from '../../../errors.js';

/**
 * `GET /api/events`: Server-Sent Events for live screens. Every node listens to the database's
 * NOTIFY channel, so a client on any node hears changes made on any other. Each client gets
 * only events of estates where it is staff, and personal messages addressed to it: a resident
 * hears only their own messages, never the estate's case ids. A stream lasts no longer than
 * its session: logout, deactivation or a change of roles ends it (the browser reconnects and is
 * authorised afresh, or refused).
 */
const mayHear = (actor: Actor, event: LiveEvent) =>
  event.userId ? event.userId === actor.userId : isStaffOf(actor, event.estateId);

/** Whether an auth change ends a stream of this session (a lost LISTEN may have missed one). */
const endsStream = (event: AuthEvent, tokenHash: string, userId: string) =>
  'lost' in event || ('tokenHash' in event && event.tokenHash === tokenHash) || ('userId' in event && event.userId === userId);

export const liveRoutes: RouteModule = (app, ctx) => {
  // Open streams never finish by themselves; on shutdown they are ended first, or the server
  // would wait for them and not exit (the browsers reconnect to another node).
  const open = new Set<{ end(): void }>();
  app.addHook('preClose', (done) => {
    for (const res of open) res.end();
    done();
  });
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
    open.add(res);
    const tokenHash = hashToken(req.cookies[sessionCookieName()] ?? '');
    const unsubscribe = ctx.live.subscribe((event) => {
      if (mayHear(actor, event)) res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
    });
    const unsubscribeAuth = ctx.live.subscribeAuth((event) => {
      // Back after a lost LISTEN: what happened meanwhile was not heard, so screens refetch.
      if ('resumed' in event) res.write('event: resync\ndata: {"type":"resync"}\n\n');
      else if (endsStream(event, tokenHash, actor.userId)) res.end();
    });
    // Comments keep proxies from closing an idle stream.
    const heartbeat = setInterval(() => res.write(': ping\n\n'), 25_000);
    res.on('close', () => {
      open.delete(res);
      clearInterval(heartbeat);
      unsubscribe();
      unsubscribeAuth();
    });
  });
};
