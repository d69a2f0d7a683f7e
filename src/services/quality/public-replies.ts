import type { AppContext } from '../../context.js';
import type { Queryable } from '../../db/client.js';
import type { CaseRow } from '../../db/repos/case-rows.js';
import { appendEvents } from '../../db/repos/events.js';
import { fileMimes } from '../../db/repos/files.js';
import { type PublicReplyRow, caseReplies, findPublicReply, insertOnlinePost, insertPublicReply, updatePublicReply } from '../../db/repos/public-replies.js';
import { type CaseStatus, FINAL_STATUSES } from '../../domain/case-lifecycle.js';
import { type ReplyKind, type ReplyStatus, type ReplyStep, clockMetBy, draftRefusal, replyStepRefusal } from '../../domain/public-reply.js';
import { invalid, notFound, staleVersion } from '../../errors.js';
import type { Actor } from '../../policies/actor.js';
import { allowed, authorize } from '../../policies/policy.js';
import { replyPolicy } from '../../policies/public-replies.js';
import { presentCaseReplies } from '../../presenters/public-replies.js';
import { loadCaseFor } from '../cases/load-case.js';
import { settleClocks } from '../sla/clocks.js';

const draftFacts = (c: CaseRow) => ({ channel: c.channel, final: FINAL_STATUSES.includes(c.status as CaseStatus) });

/** The case, for someone who may read its public replies (404 for everyone else: residents, technicians, other estates). */
async function caseFor(db: Queryable, actor: Actor, caseId: string, lock = false): Promise<CaseRow> {
  const c = await loadCaseFor(db, actor, caseId, 'read', { lock });
  if (!allowed(replyPolicy, actor, 'read', c)) throw notFound('案件');
  return c;
}

async function answer(db: Queryable, actor: Actor, c: CaseRow) {
  return presentCaseReplies(actor, c, draftRefusal(draftFacts(c)) === null, await caseReplies(db, c.estateId, c.id));
}

/** A case's public replies and archived online posts (R-CP-2). */
export async function getCaseReplies(ctx: AppContext, actor: Actor, caseId: string) {
  const c = await caseFor(ctx.database.db, actor, caseId);
  return answer(ctx.database.db, actor, c);
}

/** The desk (or quality) drafts a reply to post online; it waits for the quality office's approval. */
export async function draftPublicReply(ctx: AppContext, actor: Actor, caseId: string, input: { kind: ReplyKind; body: string }) {
  const now = ctx.clock.now();
  return ctx.database.db.transaction(async (tx) => {
    const c = await caseFor(tx, actor, caseId, true);
    authorize(replyPolicy, actor, 'draft', c, true);
    const refusal = draftRefusal(draftFacts(c));
    if (refusal) throw refusal;
    const r = await insertPublicReply(tx, { estateId: c.estateId, caseId: c.id, kind: input.kind, body: input.body, status: 'draft', draftedBy: actor.userId, draftedAt: now });
    await appendEvents(tx, [{ estateId: c.estateId, caseId: c.id, at: now, actorId: actor.userId, action: 'case.public_reply_drafted', after: { replyId: r.id, kind: r.kind }, note: input.body }]);
    return answer(tx, actor, c);
  });
}

/** The online post archived as received: its text, its link and a screenshot (an uploaded image of this estate). */
export async function archiveOnlinePost(ctx: AppContext, actor: Actor, caseId: string, input: { sourceUrl: string; body: string; screenshotSha256?: string | null }) {
  const now = ctx.clock.now();
  return ctx.database.db.transaction(async (tx) => {
    const c = await caseFor(tx, actor, caseId, true);
    authorize(replyPolicy, actor, 'archive_post', c, true);
    if (input.screenshotSha256) {
      const mime = (await fileMimes(tx, c.estateId, [input.screenshotSha256])).get(input.screenshotSha256);
      if (!mime?.startsWith('image/')) throw invalid('screenshotSha256', '截图须为本项目已上传的图片');
    }
    const p = await insertOnlinePost(tx, { estateId: c.estateId, caseId: c.id, sourceUrl: input.sourceUrl, body: input.body, screenshotSha256: input.screenshotSha256 ?? null, recordedBy: actor.userId, recordedAt: now });
    await appendEvents(tx, [{ estateId: c.estateId, caseId: c.id, at: now, actorId: actor.userId, action: 'case.online_post_archived', after: { postId: p.id, sourceUrl: p.sourceUrl } }]);
    return answer(tx, actor, c);
  });
}

/**
 * A step on a reply in one transaction: the reply and its case (404 for those who may not read
 * it), the policy (403), If-Match (412), the rule (409 R-CP-2: never published unapproved), the
 * change and the case's event; publishing meets the R-CP-2 clock of its kind (breached if late).
 */
async function runReplyStep(ctx: AppContext, actor: Actor, id: string, step: ReplyStep, ifMatch: number | undefined, change: (now: Date) => { patch: Partial<PublicReplyRow>; note?: string | null }) {
  const now = ctx.clock.now();
  return ctx.database.db.transaction(async (tx) => {
    const found = await findPublicReply(tx, id);
    if (!found) throw notFound('公开回复');
    const c = await caseFor(tx, actor, found.caseId, true);
    const r = (await findPublicReply(tx, id, { lock: true }))!;
    authorize(replyPolicy, actor, step, r, true);
    if (ifMatch !== undefined && ifMatch !== r.version) throw staleVersion(r.version);
    const refusal = replyStepRefusal(step, r.status as ReplyStatus);
    if (refusal) throw refusal;
    const { patch, note } = change(now);
    await updatePublicReply(tx, r, patch);
    await appendEvents(tx, [{ estateId: c.estateId, caseId: c.id, at: now, actorId: actor.userId, action: step === 'approve' ? 'case.public_reply_approved' : 'case.public_reply_published', after: { replyId: r.id, kind: r.kind, ...patch }, note: note ?? undefined }]);
    const clock = step === 'publish' ? clockMetBy(r.kind as ReplyKind) : null;
    if (clock) await settleClocks(tx, c.estateId, c.id, 'met', now, { clocks: [clock] });
    return answer(tx, actor, c);
  });
}

/** The quality office approves the wording (R-CP-2). */
export const approvePublicReply = (ctx: AppContext, actor: Actor, id: string, v: number | undefined, input: { note?: string | null }) =>
  runReplyStep(ctx, actor, id, 'approve', v, (now) => ({ patch: { status: 'approved', approvedBy: actor.userId, approvedAt: now }, note: input.note ?? null }));

/** Marked posted, with its link when known. */
export const publishPublicReply = (ctx: AppContext, actor: Actor, id: string, v: number | undefined, input: { url?: string | null }) =>
  runReplyStep(ctx, actor, id, 'publish', v, (now) => ({ patch: { status: 'published', publishedBy: actor.userId, publishedAt: now, publishedUrl: input.url ?? null } }));
