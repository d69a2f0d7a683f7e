import { IdParams } from '../../../contracts/cases.js';
import { DailyQuery, DossierListQuery, FirstVisitBody, FollowUpBody, HotlineCallBody, MeasuresBody, ResolveBody, SecondVisitBody } from '../../../contracts/hotline.js';
import { followUpDossier, recordFirstVisit, recordSecondVisit, resolveDossier, setDossierMeasures } from '../../../services/hotline/dossier-steps.js';
import { getHotlineDossier, listHotlineDossiers } from '../../../services/hotline/read-dossiers.js';
import { recordHotlineCall } from '../../../services/hotline/record-call.js';
import { hotlineDaily, hotlineDailyCsv } from '../../../services/hotline/daily-report.js';
import { printHotlineDaily } from '../../../services/reports/print-forms.js';
import { ifMatch, withEtag } from '../../if-match.js';
import { sendPrintPage } from '../../print-page.js';
import { requireActor } from '../../plugins/auth.js';
import type { RouteModule } from '../../types.js';

const tags = ['hotline'];

/** The GM hotline desk (R-GM-1…5): calls, dossiers and their steps. */
export const hotlineRoutes: RouteModule = (app, ctx) => {
  app.post('/api/hotline/calls', { schema: { tags, body: HotlineCallBody } }, async (req, reply) => {
    reply.code(201);
    return recordHotlineCall(ctx, requireActor(req), req.body);
  });
  app.get('/api/hotline/daily', { schema: { tags, querystring: DailyQuery } }, async (req) => hotlineDaily(ctx, requireActor(req), req.query.day));
  app.get('/api/hotline/daily.csv', { schema: { tags, querystring: DailyQuery } }, async (req, reply) => {
    const report = await hotlineDaily(ctx, requireActor(req), req.query.day);
    reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="hotline-${report.day}.csv"`);
    return hotlineDailyCsv(report);
  });
  app.get('/api/hotline/daily/print', { schema: { tags, querystring: DailyQuery } }, async (req, reply) =>
    sendPrintPage(reply, await printHotlineDaily(ctx, requireActor(req), req.query.day)),
  );
  app.get('/api/hotline/dossiers', { schema: { tags, querystring: DossierListQuery } }, async (req) => listHotlineDossiers(ctx, requireActor(req), req.query));
  app.get('/api/hotline/dossiers/:id', { schema: { tags, params: IdParams } }, async (req, reply) => withEtag(reply, await getHotlineDossier(ctx, requireActor(req), req.params.id)));
  app.post('/api/hotline/dossiers/:id/measures', { schema: { tags, params: IdParams, body: MeasuresBody } }, async (req, reply) =>
    withEtag(reply, await setDossierMeasures(ctx, requireActor(req), req.params.id, ifMatch(req), req.body)),
  );
  app.post('/api/hotline/dossiers/:id/first-visit', { schema: { tags, params: IdParams, body: FirstVisitBody } }, async (req, reply) =>
    withEtag(reply, await recordFirstVisit(ctx, requireActor(req), req.params.id, ifMatch(req), req.body)),
  );
  app.post('/api/hotline/dossiers/:id/resolve', { schema: { tags, params: IdParams, body: ResolveBody } }, async (req, reply) =>
    withEtag(reply, await resolveDossier(ctx, requireActor(req), req.params.id, ifMatch(req), req.body)),
  );
  app.post('/api/hotline/dossiers/:id/follow-up', { schema: { tags, params: IdParams, body: FollowUpBody } }, async (req, reply) =>
    withEtag(reply, await followUpDossier(ctx, requireActor(req), req.params.id, ifMatch(req), req.body)),
  );
  app.post('/api/hotline/dossiers/:id/second-visit', { schema: { tags, params: IdParams, body: SecondVisitBody } }, async (req, reply) =>
    withEtag(reply, await recordSecondVisit(ctx, requireActor(req), req.params.id, ifMatch(req), req.body)),
  );
};
