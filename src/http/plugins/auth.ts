import type { FastifyInstance, FastifyRequest } from 'fastify';
import { actorForSession } from '../../db/repos/actors.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../policies/actor.js';
import type { AppContext } from '../../context.js';
import { hashToken, sessionCookieName } from '../../services/auth/sessions.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor;
  }
}

/**
 * Resolves the session cookie to an Actor when a request arrives (through the node's session
 * cache when the context has one); routes call requireActor. It only resolves, never refuses,
 * so running before validation changes no answer, and lets the read cache answer a repeated
 * read before its query string is parsed again.
 */
export function registerAuth(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('actor', undefined);
  app.addHook('onRequest', async (req) => {
    const token = req.cookies?.[sessionCookieName()];
    if (!token) return;
    const tokenHash = hashToken(token);
    const now = ctx.clock.now();
    const load = () => actorForSession(ctx.database.db, tokenHash, now);
    const actor = ctx.sessionCache ? await ctx.sessionCache.resolve(tokenHash, now, load) : (await load())?.actor;
    if (actor) req.actor = actor;
  });
}

/** @throws AppError 401 when the request has no live session */
export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError(401, 'unauthenticated', '请先登录', { messageEn: 'login required' });
  return req.actor;
}
