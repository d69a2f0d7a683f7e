import { createHash } from 'node:crypto';
import { and, eq, lt } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { idempotencyKeys } from '../../db/schema/index.js';
import type { AppContext } from '../../context.js';
import { COMMITTED, IN_FLIGHT, setClaim, withClaimSlot } from '../../db/idempotency.js';
import { AppError } from '../../errors.js';

const HEADER = 'idempotency-key';
/**
 * A claim still in flight after this long belongs to a request that died with its process (a
 * crash or kill between claiming and answering): no request runs this long, so the same
 * request may then claim the key again instead of being told "in flight" (409) forever.
 */
export const IN_FLIGHT_EXPIRY_MS = 2 * 60_000;

/** Rebuilds a route's answer from the id its committed write returned (see `replayCommitted`). */
export type IdempotentReplay = (req: FastifyRequest, ref: string) => Promise<{ status: number; body: unknown }>;

declare module 'fastify' {
  interface FastifyRequest {
    idempotency?: { userId: string; key: string };
  }
  interface FastifyContextConfig {
    /** How to answer a retry whose first request committed but whose answer was never stored. */
    idempotentReplay?: IdempotentReplay;
  }
}

const requestHash = (req: FastifyRequest) =>
  createHash('sha256')
    .update(`${req.method} ${req.routeOptions.url ?? req.url} ${req.url} ${JSON.stringify(req.body ?? null)}`)
    .digest('hex');

/**
 * Idempotency-Key on creating requests: a replay returns the first response; the same key with
 * another body is refused with 422. The key is claimed before the handler runs, so two copies
 * of one request arriving together cannot both create.
 */
export function registerIdempotency(app: FastifyInstance, ctx: AppContext): void {
  const db = () => ctx.database.db;
  // The claim travels with the request's writes (src/db/idempotency.ts); the slot is opened after
  // the body is parsed, so the handler and everything it awaits run inside it.
  app.addHook('preHandler', (_req, _reply, done) => withClaimSlot(done));
  /** Claims an expired in-flight key again; one statement, so of two retries only one wins. */
  const retakeAbandoned = async (userId: string, key: string, now: Date) => {
    const expired = new Date(now.getTime() - IN_FLIGHT_EXPIRY_MS);
    const taken = await db()
      .update(idempotencyKeys)
      .set({ createdAt: now })
      .where(
        and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key), eq(idempotencyKeys.statusCode, IN_FLIGHT), lt(idempotencyKeys.createdAt, expired)),
      )
      .returning({ key: idempotencyKeys.key });
    return taken.length > 0;
  };
  app.addHook('preHandler', async (req: FastifyRequest, reply: FastifyReply) => {
    const key = req.headers[HEADER];
    if (req.method !== 'POST' || typeof key !== 'string' || !req.actor) return;
    if (key.length < 8 || key.length > 200) {
      throw new AppError(400, 'validation', 'Idempotency-Key 长度应为 8–200 个字符', {
        fields: [{ field: 'Idempotency-Key', message: '长度应为 8–200 个字符' }],
      });
    }
    const userId = req.actor.userId;
    const hash = requestHash(req);
    const now = ctx.clock.now();
    const claimed = await db()
      .insert(idempotencyKeys)
      .values({ userId, key, requestHash: hash, statusCode: IN_FLIGHT, response: {}, createdAt: now })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (claimed.length > 0) return claim(req, userId, key);
    const [first] = await db()
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
    if (!first) return;
    if (first.requestHash !== hash) {
      throw new AppError(422, 'idempotency_mismatch', '同一个 Idempotency-Key 已用于另一个请求', {
        messageEn: 'this Idempotency-Key was used with a different request',
      });
    }
    if (first.statusCode === IN_FLIGHT) {
      if (await retakeAbandoned(userId, key, now)) return claim(req, userId, key);
      throw new AppError(409, 'idempotency_in_flight', '相同请求正在处理中，请稍候', {
        messageEn: 'the first request with this key is still running',
      });
    }
    reply.header('idempotent-replay', 'true');
    if (first.statusCode === COMMITTED) return replayCommitted(req, reply, (first.response as { ref?: string | null }).ref ?? null);
    return reply.code(first.statusCode).send(first.response);
  });

  const claim = (req: FastifyRequest, userId: string, key: string) => {
    req.idempotency = { userId, key };
    setClaim({ userId, key });
  };

  /**
   * The first request committed but its answer was not stored (cut off after the commit): the
   * route rebuilds it from the committed record when it knows how, otherwise the caller is told
   * the request was done and where to look, and nothing runs again.
   */
  const replayCommitted = async (req: FastifyRequest, reply: FastifyReply, ref: string | null) => {
    const replay = req.routeOptions.config.idempotentReplay;
    if (replay && ref) {
      const { status, body } = await replay(req, ref);
      return reply.code(status).send(body);
    }
    throw new AppError(409, 'idempotency_committed', '该请求已办理完成（上次的应答未送达），请刷新查看结果', {
      messageEn: 'this request was already carried out (its answer was lost); reload to see the result',
      ...(ref ? { ref } : {}),
    });
  };

  app.addHook('onSend', async (req, reply, payload) => {
    const claim = req.idempotency;
    if (!claim) return payload;
    const where = and(eq(idempotencyKeys.userId, claim.userId), eq(idempotencyKeys.key, claim.key));
    if (reply.statusCode >= 500) {
      // The request failed on our side before anything committed: free the key so the client's
      // retry can run. A key whose change committed stays, so the retry cannot run it twice.
      // A failure is often a cut connection, and the first delete may meet the same fate: try a few
      // times (each on a fresh pooled connection), or the retry is told "in flight" until the
      // claim expires (seen 4 of 320 times in bench/reliability.ts before).
      const free = () => db().delete(idempotencyKeys).where(and(where, eq(idempotencyKeys.statusCode, IN_FLIGHT)));
      for (let attempt = 1; ; attempt++) {
        try {
          await free();
          break;
        } catch (e) {
          if (attempt >= 3) throw e;
          await new Promise((r) => setTimeout(r, 50 * attempt));
        }
      }
      return payload;
    }
    let body: unknown = null;
    try {
      body = typeof payload === 'string' ? JSON.parse(payload) : null;
    } catch {
      body = null;
    }
    await db().update(idempotencyKeys).set({ statusCode: reply.statusCode, response: body }).where(where);
    return payload;
  });
}
