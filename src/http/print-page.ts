import type { FastifyReply } from 'fastify';

/** Sends a printed form (src/presenters/print.ts): HTML, never cached, as it names residents. */
export const sendPrintPage = (reply: FastifyReply, page: string) =>
  reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(page);
