import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { IdParams } from '../../../contracts/cases.js';
import {
  AssignBody,
  CheckBody,
  CompleteBody,
  EmptyBody,
  IssueOrderBody,
  NoteOnlyBody,
  OrderListQuery,
  RebookBody,
  VoidBody,
} from '../../../contracts/work-orders.js';
import { issueOrder } from '../../../services/work-orders/issue-order.js';
import {
  acceptOrder,
  arriveOrder,
  assignOrder,
  checkOrder,
  completeOrder,
  rebookOrder,
  recordReview,
  requestReview,
  returnOrder,
  voidOrder,
} from '../../../services/work-orders/order-steps.js';
import { caseOrders, getOrder, listOrders, voidedOrders } from '../../../services/work-orders/read-order.js';
import { renderOrderSheet } from '../../../services/work-orders/print-order.js';
import { ifMatch, withEtag } from '../../if-match.js';
import { sendPrintPage } from '../../print-page.js';
import { requireActor } from '../../plugins/auth.js';
import type { RouteModule } from '../../types.js';

const tags = ['work-orders'];
type Actor = ReturnType<typeof requireActor>;

const PRINT_SCRIPT = `for (const b of document.querySelectorAll('[data-print]')) b.addEventListener('click', () => window.print());
document.documentElement.dataset.printReady = '1';
`;

/** Work orders (派工单): issue on a case, every step of the technician and the desk, reads and print. */
export const workOrderRoutes: RouteModule = (app, ctx) => {
  const db = () => ctx.database.db;

  // A retry whose first try committed but lost its answer gets the order as it is now.
  const idempotentReplay = async (req: FastifyRequest, ref: string) => ({ status: 201, body: await getOrder(db(), requireActor(req), ref) });

  app.post('/api/cases/:id/orders', { schema: { tags, params: IdParams, body: IssueOrderBody }, config: { idempotentReplay } }, async (req, reply) => {
    reply.code(201);
    return withEtag(reply, await issueOrder(ctx, requireActor(req), req.params.id, req.body));
  });
  app.get('/api/cases/:id/orders', { schema: { tags, params: IdParams } }, async (req) => caseOrders(db(), requireActor(req), req.params.id));
  app.get('/api/orders', { schema: { tags, querystring: OrderListQuery } }, async (req) => listOrders(db(), requireActor(req), req.query));
  app.get('/api/orders/:id', { schema: { tags, params: IdParams } }, async (req, reply) => withEtag(reply, await getOrder(db(), requireActor(req), req.params.id)));
  app.get(
    '/api/orders/:id/print',
    { schema: { tags, params: IdParams, querystring: z.strictObject({ copies: z.enum(['1', '3'], { error: '联数只能是 1 或 3' }).optional() }) } },
    async (req, reply) => sendPrintPage(reply, await renderOrderSheet(db(), requireActor(req), req.params.id, req.query.copies === '3' ? 3 : 1)),
  );
  // The printed sheet's 打印 button: the pages' CSP runs no inline handler, so it is wired here.
  app.get('/api/print.js', { schema: { hide: true } }, async (_req, reply) => {
    reply.header('content-type', 'text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600');
    return PRINT_SCRIPT;
  });
  app.get(
    '/api/estates/:estateId/orders/voided',
    { schema: { tags, params: z.object({ estateId: z.uuid() }), querystring: z.strictObject({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 2026-03') }) } },
    async (req) => voidedOrders(db(), requireActor(req), req.params.estateId, req.query.month),
  );

  const step = <B extends z.ZodType>(name: string, body: B, run: (a: Actor, id: string, v: number | undefined, b: z.infer<B>) => Promise<{ version: number }>) =>
    app.post(`/api/orders/:id/${name}`, { schema: { tags, params: IdParams, body } }, async (req, reply) =>
      withEtag(reply, await run(requireActor(req), req.params.id, ifMatch(req), req.body as z.infer<B>)),
    );
  step('assign', AssignBody, (a, id, v, b) => assignOrder(ctx, a, id, v, b.technicianId));
  step('accept', EmptyBody, (a, id, v) => acceptOrder(ctx, a, id, v));
  step('arrive', EmptyBody, (a, id, v) => arriveOrder(ctx, a, id, v));
  step('review-request', NoteOnlyBody, (a, id, v, b) => requestReview(ctx, a, id, v, b.note));
  step('review', NoteOnlyBody, (a, id, v, b) => recordReview(ctx, a, id, v, b.note));
  step('rebook', RebookBody, (a, id, v, b) => rebookOrder(ctx, a, id, v, b));
  step('complete', CompleteBody, (a, id, v, b) => completeOrder(ctx, a, id, v, b));
  step('return', EmptyBody, (a, id, v) => returnOrder(ctx, a, id, v));
  step('check', CheckBody, (a, id, v, b) => checkOrder(ctx, a, id, v, b));
  step('void', VoidBody, (a, id, v, b) => voidOrder(ctx, a, id, v, b.reason));
};
