import type { OnlinePostRow, PublicReplyRow, caseReplies, onlineComplaints } from '../db/repos/public-replies.js';
import { CASE_STATUS_LABELS, type CaseStatus } from '../domain/case-lifecycle.js';
import { REPLY_KIND_LABELS, REPLY_STATUS_LABELS, type ReplyKind, type ReplyStatus, replyStepRefusal } from '../domain/public-reply.js';
import type { Actor } from '../policies/actor.js';
import { allowed } from '../policies/policy.js';
import { type ReplyAction, replyPolicy } from '../policies/public-replies.js';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** The steps the caller may take on this reply now: allowed by the policy and possible in its state. */
export function replyActions(actor: Actor, r: PublicReplyRow): ReplyAction[] {
  return (['approve', 'publish'] as const).filter((a) => allowed(replyPolicy, actor, a, r) && replyStepRefusal(a, r.status as ReplyStatus) === null);
}

type ReplyWithNames = Awaited<ReturnType<typeof caseReplies>>['replies'][number];

export function presentReply(actor: Actor, x: ReplyWithNames) {
  const r = x.r;
  return {
    id: r.id,
    caseId: r.caseId,
    kind: r.kind,
    kindLabel: REPLY_KIND_LABELS[r.kind as ReplyKind],
    body: r.body,
    status: r.status,
    statusLabel: REPLY_STATUS_LABELS[r.status as ReplyStatus],
    draftedBy: x.draftedByName,
    draftedAt: r.draftedAt.toISOString(),
    approvedBy: x.approvedByName,
    approvedAt: iso(r.approvedAt),
    publishedBy: x.publishedByName,
    publishedAt: iso(r.publishedAt),
    publishedUrl: r.publishedUrl,
    version: r.version,
    actions: replyActions(actor, r),
  };
}

export function presentPost(p: OnlinePostRow) {
  return { id: p.id, sourceUrl: p.sourceUrl, body: p.body, screenshotSha256: p.screenshotSha256, recordedAt: p.recordedAt.toISOString() };
}

/** A case's public replies and archived posts, with what the caller may add (draft, archive a post). */
export function presentCaseReplies(actor: Actor, subject: { estateId: string }, canDraft: boolean, rel: Awaited<ReturnType<typeof caseReplies>>) {
  const actions = (['draft', 'archive_post'] as const).filter((a) => allowed(replyPolicy, actor, a, subject) && (a !== 'draft' || canDraft));
  return { items: rel.replies.map((x) => presentReply(actor, x)), posts: rel.posts.map(presentPost), actions };
}

/** A row of the quality desk's online complaints (R-CP-2). */
export function presentOnlineComplaint(r: Awaited<ReturnType<typeof onlineComplaints>>['rows'][number]) {
  return {
    caseId: r.caseId,
    estateId: r.estateId,
    estateName: r.estateName,
    number: r.number,
    description: r.description,
    status: r.status,
    statusLabel: CASE_STATUS_LABELS[r.status as CaseStatus],
    openedAt: r.openedAt.toISOString(),
    acknowledgement: { dueAt: iso(r.ackDueAt), state: r.ackState },
    measure: { dueAt: iso(r.measureDueAt), state: r.measureState },
    awaitingApproval: r.awaitingApproval,
    published: r.published,
  };
}
