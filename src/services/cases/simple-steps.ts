import type { AppContext } from '../../context.js';
import { type CaseRow, updateCase } from '../../db/repos/case-rows.js';
import { appendEvents } from '../../db/repos/events.js';
import { type CaseStatus, FINAL_STATUSES } from '../../domain/case-lifecycle.js';
import { type LawsuitFlag, type MediaFlag, manualFlagEffect } from '../../domain/hot-complaints.js';
import { REPAIR_KINDS, type CaseKind, type ComplaintContent, type ComplaintSubtype } from '../../domain/case-types.js';
import { RuleError } from '../../domain/rule-error.js';
import type { Actor } from '../../policies/actor.js';
import { applyCaseTransition } from './apply-transition.js';
import { type StepContext, runCaseStep } from './run-step.js';
import { recomputeCaseClocks, settleClocks, startHotReportClock } from '../sla/clocks.js';
import { raiseEmergency } from '../sla/emergency.js';
import { reportMajor } from '../sla/hot-detection.js';

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

export interface FlagInput {
  urgency?: 'routine' | 'emergency';
  major?: boolean;
  hot?: boolean;
  lawsuit?: LawsuitFlag;
  media?: MediaFlag;
  reason: string;
}

/** The flag columns a flag step changes, before and after; lawsuit/media are recorded as judged. */
function flagChange(row: CaseRow, input: FlagInput) {
  const effect = manualFlagEffect(input);
  const wanted = { urgency: input.urgency, major: input.major ?? effect.major, hot: input.hot ?? effect.hot };
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const key of ['urgency', 'major', 'hot'] as const) {
    if (wanted[key] !== undefined) [before[key], after[key]] = [row[key], wanted[key]];
  }
  if (input.lawsuit) after.lawsuit = input.lawsuit;
  if (input.media) after.media = input.media;
  return { before, after, patch: Object.fromEntries(Object.entries(wanted).filter(([, x]) => x !== undefined)) as Partial<CaseRow> };
}

/** What a newly set flag starts: the hot report clock, the major report, the emergency alarm and its shorter arrival. */
async function followFlags(s: StepContext, updated: CaseRow): Promise<void> {
  if (updated.hot && !s.row.hot) await startHotReportClock(s.tx, s.row.estateId, s.row.id, s.now);
  if (updated.major && !s.row.major) await reportMajor(s.tx, updated, s.now);
  if (updated.urgency === 'emergency' && s.row.urgency !== 'emergency') {
    await raiseEmergency(s.tx, updated, s.actor.userId, s.now);
    // R-WO-4: 10 minutes from when the desk knows it is an emergency, unless already due sooner.
    await recomputeCaseClocks(s.tx, updated, s.now, { clocks: ['arrival'], from: s.now, onlyEarlier: true });
  }
}

/**
 * Supervisor flags: emergency urgency (R-EM-1), major (R-HOT-2) or hot (R-HOT-1), directly or as
 * the judgement of a lawsuit or media exposure; the flags and judgements go on the timeline.
 */
export const flagCase = (ctx: AppContext, actor: Actor, id: string, v: Version, input: FlagInput) =>
  runCaseStep(ctx, actor, id, 'flag', v, async (s) => {
    const { before, after, patch } = flagChange(s.row, input);
    const updated = await updateCase(s.tx, s.row, patch, s.now);
    await appendEvents(s.tx, [{ estateId: s.row.estateId, caseId: s.row.id, at: s.now, actorId: s.actor.userId, action: 'case.flagged', before, after, note: input.reason }]);
    await followFlags(s, updated);
    return updated;
  });

/**
 * R-IN-8: the desk tells the resident when it will reply; setting or changing that time starts
 * or moves the promised_reply clock. Not on a case already handled, closed or cancelled.
 */
export const promiseReply = (ctx: AppContext, actor: Actor, id: string, v: Version, input: { at: string; note?: string }) =>
  runCaseStep(ctx, actor, id, 'promise_reply', v, async (s) => {
    const at = new Date(input.at);
    if (s.row.status === 'completed' || FINAL_STATUSES.includes(s.row.status as CaseStatus)) {
      throw new RuleError('R-IN-8', '案件已处理完毕，无需约定答复时间', 'a handled case needs no promised reply time');
    }
    if (at <= s.now) throw new RuleError('R-IN-8', '约定答复时间须晚于现在', 'the promised reply time must be in the future');
    const updated = await updateCase(s.tx, s.row, { promisedReplyAt: at }, s.now);
    const before = { promisedReplyAt: s.row.promisedReplyAt?.toISOString() ?? null };
    await appendEvents(s.tx, [{ estateId: s.row.estateId, caseId: s.row.id, at: s.now, actorId: s.actor.userId, action: 'case.reply_promised', before, after: { promisedReplyAt: at.toISOString() }, note: input.note }]);
    await recomputeCaseClocks(s.tx, updated, s.now, { clocks: ['promised_reply'], insertMissing: true, from: s.now });
    return updated;
  });

/**
 * R-HOT-1/2: a supervisor records that the hot (or major) complaint was reported to the group;
 * the first report meets the 4 h hot_report clock (breached if late), later ones are progress reports.
 */
export const reportHotComplaint = (ctx: AppContext, actor: Actor, id: string, v: Version, note: string) =>
  runCaseStep(ctx, actor, id, 'report_hot', v, async (s) => {
    if (!s.row.hot && !s.row.major) throw new RuleError('R-HOT-1', '只有热点或重大投诉需要上报集团', 'only hot or major complaints are reported to the group');
    await settleClocks(s.tx, s.row.estateId, s.row.id, 'met', s.now, { clocks: ['hot_report'] });
    await appendEvents(s.tx, [{ estateId: s.row.estateId, caseId: s.row.id, at: s.now, actorId: s.actor.userId, action: 'case.hot_reported', after: { hot: s.row.hot, major: s.row.major }, note }]);
  });

/** The resident confirms the repair and rates it (the portal's 确认 button). */
export const confirmCase = (ctx: AppContext, actor: Actor, id: string, v: Version, input: { rating: number; comment?: string }) =>
  runCaseStep(ctx, actor, id, 'confirm', v, (s) =>
    appendEvents(s.tx, [
      { estateId: s.row.estateId, caseId: s.row.id, at: s.now, actorId: actor.userId, action: 'case.confirmed', after: { rating: input.rating }, note: input.comment },
    ]),
  );
