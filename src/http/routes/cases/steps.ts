import {
  AnswerVisitBody,
  CloseBody,
  ConfirmBody,
  FindingBody,
  FlagBody,
  IdParams,
  NoteBody,
  OptionalNoteBody,
  PauseBody,
  PhotosBody,
  PromiseReplyBody,
  ReasonBody,
  ReclassifyBody,
  ReturnVisitBody,
  RevealPhoneAnswer,
  RevealPhoneBody,
  SettleFindingBody,
} from '../../../contracts/cases.js';
import { z } from 'zod';
import { closeCase, requestUnresolvable } from '../../../services/cases/close-case.js';
import { recordFinding, settleFinding } from '../../../services/cases/findings.js';
import { addCasePhotos } from '../../../services/cases/add-photos.js';
import { revealCasePhone } from '../../../services/cases/reveal-phone.js';
import { EscalateQualityBody } from '../../../contracts/quality.js';
import { escalateCaseToQuality } from '../../../services/quality/escalate-case.js';
import { answerReturnVisit, recordReturnVisit } from '../../../services/cases/return-visit.js';
import {
  cancelCase,
  confirmCase,
  flagCase,
  markHandled,
  pauseCase,
  promiseReply,
  reclassifyComplaint,
  reopenCase,
  reportHotComplaint,
  resumeCase,
} from '../../../services/cases/simple-steps.js';
import { ifMatch, withEtag } from '../../if-match.js';
import { requireActor } from '../../plugins/auth.js';
import type { RouteModule } from '../../types.js';

const tags = ['cases'];

/** Every step of the case lifecycle: POST /api/cases/:id/<step>, If-Match optional. */
export const caseStepRoutes: RouteModule = (app, ctx) => {
  const step = <B extends z.ZodType>(name: string, body: B, run: (actor: ReturnType<typeof requireActor>, id: string, v: number | undefined, b: z.infer<B>) => Promise<{ version: number }>) =>
    app.post(`/api/cases/:id/${name}`, { schema: { tags, params: IdParams, body } }, async (req, reply) =>
      withEtag(reply, await run(requireActor(req), req.params.id, ifMatch(req), req.body as z.infer<B>)),
    );

  step('pause', PauseBody, (a, id, v, b) => pauseCase(ctx, a, id, v, b));
  step('resume', OptionalNoteBody, (a, id, v, b) => resumeCase(ctx, a, id, v, b.note));
  step('handled', NoteBody, (a, id, v, b) => markHandled(ctx, a, id, v, b.note));
  step('cancel', ReasonBody, (a, id, v, b) => cancelCase(ctx, a, id, v, b.reason));
  step('reopen', ReasonBody, (a, id, v, b) => reopenCase(ctx, a, id, v, b.reason));
  step('reclassify', ReclassifyBody, (a, id, v, b) => reclassifyComplaint(ctx, a, id, v, b));
  step('flag', FlagBody, (a, id, v, b) => flagCase(ctx, a, id, v, b));
  step('confirm', ConfirmBody, (a, id, v, b) => confirmCase(ctx, a, id, v, b));
  step('close', CloseBody, (a, id, v, b) => closeCase(ctx, a, id, v, b));
  step('unresolvable', ReasonBody, (a, id, v, b) => requestUnresolvable(ctx, a, id, v, b.reason));
  step('findings', FindingBody, (a, id, _v, b) => recordFinding(ctx, a, id, b.description));
  step('visits', ReturnVisitBody, (a, id, _v, b) => recordReturnVisit(ctx, a, id, b));
  step('visit-answer', AnswerVisitBody, (a, id, _v, b) => answerReturnVisit(ctx, a, id, b));
  step('photos', PhotosBody, (a, id, _v, b) => addCasePhotos(ctx, a, id, b.photos));
  step('promised-reply', PromiseReplyBody, (a, id, v, b) => promiseReply(ctx, a, id, v, b));
  step('hot-report', NoteBody, (a, id, v, b) => reportHotComplaint(ctx, a, id, v, b.note));
  step('quality-escalation', EscalateQualityBody, (a, id, v, b) => escalateCaseToQuality(ctx, a, id, v, b));

  app.post(
    '/api/cases/:id/findings/:findingId',
    { schema: { tags, params: z.object({ id: z.uuid(), findingId: z.uuid() }), body: SettleFindingBody } },
    async (req, reply) => withEtag(reply, await settleFinding(ctx, requireActor(req), req.params.id, req.params.findingId, req.body)),
  );

  // Not a step of the lifecycle: the case stays as it is, the reading is recorded.
  app.post(
    '/api/cases/:id/phone-reveal',
    { schema: { tags, params: IdParams, body: RevealPhoneBody, response: { 200: RevealPhoneAnswer } } },
    async (req) => revealCasePhone(ctx, requireActor(req), req.params.id, req.body),
  );
};
