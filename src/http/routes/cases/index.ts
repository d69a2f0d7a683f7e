import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CaseGetQuery, CaseListQuery, IdParams, OpenCaseBody } from '../../../contracts/cases.js';
import { openCase } from '../../../services/cases/open-case.js';
import { getCase, getTimeline, searchCases, unitHistory } from '../../../services/cases/read-case.js';
import { withEtag } from '../../if-match.js';
import { requireActor } from '../../plugins/auth.js';
import type { RouteModule } from '../../types.js';
import { caseStepRoutes } from './steps.js';

const tags = ['cases'];

/** Opening and reading cases; the steps are in steps.ts. */
export const caseRoutes: RouteModule = (app, ctx) => {
  const db = () => ctx.database.db;

  // A retry whose first try committed but lost its answer gets the case as it is now.
  const idempotentReplay = async (req: FastifyRequest, ref: string) => ({ status: 201, body: await getCase(db(), requireActor(req), ref) });

  app.post('/api/cases', { schema: { tags, body: OpenCaseBody }, config: { idempotentReplay } }, async (req, reply) => {
    const c = await openCase(ctx, requireActor(req), req.body);
    reply.code(201);
    return withEtag(reply, c);
  });

  app.get('/api/cases', { schema: { tags, querystring: CaseListQuery }, config: { readCache: true } }, async (req) => searchCases(db(), requireActor(req), req.query));

  app.get('/api/cases/:id', { schema: { tags, params: IdParams, querystring: CaseGetQuery }, config: { readCache: true } }, async (req, reply) =>
    withEtag(reply, await getCase(db(), requireActor(req), req.params.id, { timeline: req.query.include === 'timeline' })),
  );

  app.get('/api/cases/:id/timeline', { schema: { tags, params: IdParams }, config: { readCache: true } }, async (req) => getTimeline(db(), requireActor(req), req.params.id));

  app.get(
    '/api/units/:id/cases',
    { schema: { tags, params: IdParams, querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(20), category: z.string().trim().min(1).max(50).optional() }) } },
    async (req) => unitHistory(db(), requireActor(req), req.params.id, req.query, ctx.clock.now()),
  );

  caseStepRoutes(app, ctx);
};
