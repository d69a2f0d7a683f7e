import type { AppContext } from '../../context.js';
import { updateCase } from '../../db/repos/case-rows.js';
import { appendEvents } from '../../db/repos/events.js';
import type { CaseStatus } from '../../domain/case-lifecycle.js';
import { REPAIR_KINDS, type CaseKind, type ComplaintContent, type ComplaintSubtype } from '../../domain/case-types.js';
import { RuleError } from '../../domain/rule-error.js';
import type { Actor } from '../../policies/actor.js';
import { applyCaseTransition } from './apply-transition.js';
import { type StepContext, runCaseStep } from './run-step.js';
import { startHotReportClock } from '../sla/clocks.js';
import { raiseEmergency } from '../sla/emergency.js';

type Version = number | undefined;

/** Pauses the case (and its clocks) while waiting for the resident or for parts. */
export const pauseCase = (ctx: AppContext, actor: Actor, id: string, v: Version, input: { reason: string; until?: string | null; note?: string }) =>
  runCaseStep(ctx, actor, id, 'pause', v, ({ tx, row, now }) =>
    applyCaseTransition(tx, actor, row, 'paused', {
      now,
      pauseReason: input.reason,
      pausedUntil: input.until ? new Date(input.until) : null,
      note: input.note,
    }),
  );

/** Resumes a paused case where it was. */
export const resumeCase = (ctx: AppContext, actor: Actor, id: string, v: Version, note?: string) =>
  runCaseStep(ctx, actor, id, 'resume', v, ({ tx, row, now }) =>
    applyCaseTransition(tx, actor, row, (row.resumeStatus ?? 'opened') as CaseStatus, { now, note }),
  );

/** A non-repair case handled by the desk itself (an inquiry answered, help given) is completed. */
export const markHandled = (ctx: AppContext, actor: Actor, id: string, v: Version, note: string) =>
  runCaseStep(ctx, actor, id, 'mark_handled', v, ({ tx, row, now }) => {
    if (REPAIR_KINDS.includes(row.kind as CaseKind)) {
      throw new RuleError('R-CL-2', '报修案件须经派工单完工，不能直接标记为已处理', 'repair cases complete through their work orders');
    }
    return applyCaseTransition(tx, actor, row, 'completed', { now, note });
  });

/** Cancels a case opened by mistake or twice; the number stays used (never reused). */
export const cancelCase = (ctx: AppContext, actor: Actor, id: string, v: Version, reason: string) =>
  runCaseStep(ctx, actor, id, 'cancel', v, ({ tx, row, now }) => applyCaseTransition(tx, actor, row, 'cancelled', { now, note: reason }));

/** The resident says it is not fixed, or the desk finds it is not: the case is reopened. */
export const reopenCase = (ctx: AppContext, actor: Actor, id: string, v: Version, reason: string) =>
  runCaseStep(ctx, actor, id, 'reopen', v, ({ tx, row, now }) =>
    applyCaseTransition(tx, actor, row, 'reopened', { now, note: reason, patch: { closedBy: null, closeResult: null, closeApprovalId: null } }),
  );

async function recordChange(s: StepContext, action: string, before: object, after: object, note?: string) {
  const updated = await updateCase(s.tx, s.row, after, s.now);
  await appendEvents(s.tx, [{ estateId: s.row.estateId, caseId: s.row.id, at: s.now, actorId: s.actor.userId, action, before, after, note }]);
  return updated;
}

/** R-IN-7: a communicative complaint can be reclassified valid later (audited). */
export const reclassifyComplaint = (
  ctx: AppContext,
  actor: Actor,
  id: string,
  v: Version,
  input: { complaintContent?: ComplaintContent | null; reason: string; complaintSubtype?: ComplaintSubtype | null },
) =>
  runCaseStep(ctx, actor, id, 'reclassify', v, (s) =>
    recordChange(
      s,
      'case.reclassified',
      { complaintNature: s.row.complaintNature, complaintSubtype: s.row.complaintSubtype, complaintContent: s.row.complaintContent },
      { complaintNature: 'valid', complaintSubtype: null, complaintContent: input.complaintContent ?? s.row.complaintContent },
      input.reason,
    ),
  );

/** Supervisor flags: emergency urgency (R-EM-1), major (R-HOT-2) or hot (R-HOT-1). */
export const flagCase = (
  ctx: AppContext,
  actor: Actor,
  id: string,
  v: Version,
  input: { urgency?: 'routine' | 'emergency'; major?: boolean; hot?: boolean; reason: string },
) =>
  runCaseStep(ctx, actor, id, 'flag', v, async (s) => {
    const after: { urgency?: string; major?: boolean; hot?: boolean } = {};
    const before: typeof after = {};
    if (input.urgency !== undefined) [before.urgency, after.urgency] = [s.row.urgency, input.urgency];
    if (input.major !== undefined) [before.major, after.major] = [s.row.major, input.major];
    if (input.hot !== undefined) [before.hot, after.hot] = [s.row.hot, input.hot];
    const updated = await recordChange(s, 'case.flagged', before, after, input.reason);
    if (input.hot && !s.row.hot) await startHotReportClock(s.tx, s.row.estateId, s.row.id, s.now);
    if (input.urgency === 'emergency' && s.row.urgency !== 'emergency') await raiseEmergency(s.tx, updated, s.actor.userId, s.now);
    return updated;
  });

/** The resident confirms the repair and rates it (the portal's 确认 button). */
export const confirmCase = (ctx: AppContext, actor: Actor, id: string, v: Version, input: { rating: number; comment?: string }) =>
  runCaseStep(ctx, actor, id, 'confirm', v, (s) =>
    appendEvents(s.tx, [
      { estateId: s.row.estateId, caseId: s.row.id, at: s.now, actorId: actor.userId, action: 'case.confirmed', after: { rating: input.rating }, note: input.comment },
    ]),
  );
