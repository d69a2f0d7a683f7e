import { IdParams } from '../../../contracts/cases.js';
import { ApproveReplyBody, HotRegistryQuery, OnlineListQuery, OnlinePostBody, PublicReplyBody, PublishReplyBody, QualityCloseBody, QualityComplaintBody, QualityHandDownBody, QualityListQuery, QualityNoteBody, QualityResolveBody } from '../../../contracts/quality.js';
import { closeQualityComplaint, handDownQualityComplaint, noteQualityProgress, resolveQualityComplaint } from '../../../services/quality/complaint-steps.js';
import { approvePublicReply, archiveOnlinePost, draftPublicReply, getCaseReplies, publishPublicReply } from '../../../services/quality/public-replies.js';
import { getQualityComplaint, hotRegistry, listQualityDesk, onlineDesk } from '../../../services/quality/read-complaints.js';
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

  // R-CP-2: online complaints — the post archived as received, replies drafted, approved by quality, then posted.
  app.get('/api/quality/online', { schema: { tags, querystring: OnlineListQuery } }, async (req) => onlineDesk(ctx, requireActor(req), req.query));
  app.get('/api/cases/:id/public-replies', { schema: { tags, params: IdParams } }, async (req) => getCaseReplies(ctx, requireActor(req), req.params.id));
  app.post('/api/cases/:id/public-replies', { schema: { tags, params: IdParams, body: PublicReplyBody } }, async (req, reply) => {
    reply.code(201);
    return draftPublicReply(ctx, requireActor(req), req.params.id, req.body);
  });
  app.post('/api/cases/:id/online-posts', { schema: { tags, params: IdParams, body: OnlinePostBody } }, async (req, reply) => {
    reply.code(201);
    return archiveOnlinePost(ctx, requireActor(req), req.params.id, req.body);
  });
  app.post('/api/public-replies/:id/approve', { schema: { tags, params: IdParams, body: ApproveReplyBody } }, async (req) => approvePublicReply(ctx, requireActor(req), req.params.id, ifMatch(req), req.body));
  app.post('/api/public-replies/:id/publish', { schema: { tags, params: IdParams, body: PublishReplyBody } }, async (req) => publishPublicReply(ctx, requireActor(req), req.params.id, ifMatch(req), req.body));
};
