import { IdParams } from '../../../contracts/cases.js';
import { HotRegistryQuery, QualityCloseBody, QualityComplaintBody, QualityHandDownBody, QualityListQuery, QualityNoteBody, QualityResolveBody } from '../../../contracts/quality.js';
import { closeQualityComplaint, handDownQualityComplaint, noteQualityProgress, resolveQualityComplaint } from '../../../services/quality/complaint-steps.js';
import { getQualityComplaint, hotRegistry, listQualityDesk } from '../../../services/quality/read-complaints.js';
import { recordQualityComplaint } from '../../../services/quality/record-complaint.js';
import { ifMatch, withEtag } from '../../if-match.js';
import { requireActor } from '../../plugins/auth.js';
import type { RouteModule } from '../../types.js';

const tags = ['quality'];

/** The quality office desk (品质管理部, R-CP-3): complaints it owns and their steps. */
export const qualityRoutes: RouteModule = (app, ctx) => {
  app.post('/api/quality/complaints', { schema: { tags, body: QualityComplaintBody } }, async (req, reply) => {
    reply.code(201);
    return withEtag(reply, await recordQualityComplaint(ctx, requireActor(req), req.body));
  });
  app.get('/api/quality/complaints', { schema: { tags, querystring: QualityListQuery } }, async (req) => listQualityDesk(ctx, requireActor(req), req.query));
  app.get('/api/quality/hot-registry', { schema: { tags, querystring: HotRegistryQuery } }, async (req) => hotRegistry(ctx, requireActor(req), req.query));
  app.get('/api/quality/complaints/:id', { schema: { tags, params: IdParams } }, async (req, reply) => withEtag(reply, await getQualityComplaint(ctx, requireActor(req), req.params.id)));
  app.post('/api/quality/complaints/:id/hand-down', { schema: { tags, params: IdParams, body: QualityHandDownBody } }, async (req, reply) =>
    withEtag(reply, await handDownQualityComplaint(ctx, requireActor(req), req.params.id, ifMatch(req), req.body)),
  );
  app.post('/api/quality/complaints/:id/progress', { schema: { tags, params: IdParams, body: QualityNoteBody } }, async (req, reply) =>
    withEtag(reply, await noteQualityProgress(ctx, requireActor(req), req.params.id, ifMatch(req), req.body)),
  );
  app.post('/api/quality/complaints/:id/resolve', { schema: { tags, params: IdParams, body: QualityResolveBody } }, async (req, reply) =>
    withEtag(reply, await resolveQualityComplaint(ctx, requireActor(req), req.params.id, ifMatch(req), req.body)),
  );
  app.post('/api/quality/complaints/:id/close', { schema: { tags, params: IdParams, body: QualityCloseBody } }, async (req, reply) =>
    withEtag(reply, await closeQualityComplaint(ctx, requireActor(req), req.params.id, ifMatch(req), req.body)),
  );
};
