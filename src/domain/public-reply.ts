/**
 * Public replies to an online complaint (R-CP-2): a courteous acknowledgement within 4 h, a
 * concrete measure the same working day, and any later reply — each drafted, approved by the
 * quality office, then posted. Pure rules: which step is possible, and which clock a published
 * reply meets.
 */
import type { ClockId } from './sla/clocks.js';
import { RuleError } from './rule-error.js';

export const REPLY_KINDS = ['acknowledgement', 'measure', 'reply'] as const;
export type ReplyKind = (typeof REPLY_KINDS)[number];
export const REPLY_KIND_LABELS: Record<ReplyKind, string> = { acknowledgement: '致歉回应（4 小时内）', measure: '处理措施（当日）', reply: '后续回复' };

export const REPLY_STATUSES = ['draft', 'approved', 'published'] as const;
export type ReplyStatus = (typeof REPLY_STATUSES)[number];
export const REPLY_STATUS_LABELS: Record<ReplyStatus, string> = { draft: '待审核', approved: '已审核待发布', published: '已发布' };

export type ReplyStep = 'approve' | 'publish';

/** Only an online complaint is answered in public (its channel is `online`). */
export function draftRefusal(c: { channel: string; final: boolean }): RuleError | null {
  if (c.channel !== 'online') return new RuleError('R-CP-2', '只有网络投诉需要公开回复', 'only online complaints get public replies');
  return c.final ? new RuleError('R-LC-1', '案件已结束，不能再拟公开回复', 'the case is finished') : null;
}

/** Why a step is not possible now, or null. An unapproved reply is never published (R-CP-2). */
export function replyStepRefusal(step: ReplyStep, status: ReplyStatus): RuleError | null {
  if (status === 'published') return new RuleError('R-CP-2', '该回复已发布', 'the reply is already published');
  if (step === 'approve') return status === 'draft' ? null : new RuleError('R-CP-2', '该回复已审核', 'the reply is already approved');
  return status === 'approved' ? null : new RuleError('R-CP-2', '公开回复须经品质管理部审核后方可发布', 'a public reply is published only after the quality office approved it');
}

/** The R-CP-2 clock a published reply of this kind meets (late → breached), if any. */
export const clockMetBy = (kind: ReplyKind): ClockId | null => (kind === 'acknowledgement' ? 'online_ack' : kind === 'measure' ? 'online_measure' : null);
