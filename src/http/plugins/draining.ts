import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  interface FastifyInstance {
    /** From now on every request is answered 503 and its connection closed (see registerDraining). */
    startDraining(): void;
  }
}

/** How long a stopping node keeps answering 503 before it closes its connections. */
export const DEFAULT_DRAIN_MS = 1_000;

/**
 * Reads PROPDESK_DRAIN_MS: unset or empty → 1000 ms; a whole number 0–8000 (the node exits
 * within 10 s in all).
 * @throws Error naming the variable for anything else
 */
export function drainMsFromEnv(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_DRAIN_MS;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 0 || ms > 8_000) throw new Error(`PROPDESK_DRAIN_MS 应为 0–8000 的整数毫秒 (must be a whole number of milliseconds, 0–8000), got "${value}"`);
  return ms;
}

/**
 * A stopping node first drains: for a short while it answers every request — on a new
 * connection or one kept alive from before — with 503 `shutting_down` and `Connection: close`,
 * so clients and load balancers move to another node. Closing the server at once (Node closes
 * idle keep-alive connections with it) reset each such connection's next request instead
 * (issue 15 item 15).
 */
export function registerDraining(app: FastifyInstance): void {
  let draining = false;
  app.decorate('startDraining', () => {
    draining = true;
  });
  app.addHook('onRequest', async (_req, reply) => {
    if (!draining) return;
    reply.header('connection', 'close').header('retry-after', '5');
    return reply.code(503).send({ error: { code: 'shutting_down', message: '服务正在重启，请稍后重试', messageEn: 'the server is restarting; try again shortly' } });
  });
}
