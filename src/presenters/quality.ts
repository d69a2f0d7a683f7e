import type { QualityComplaintRow, hotMajorRegistry } from '../db/repos/quality.js';
import { CASE_STATUS_LABELS, type CaseStatus } from '../domain/case-lifecycle.js';
import { QUALITY_SOURCE_LABELS, QUALITY_STATUS_LABELS, type QualitySource, type QualityStatus, qualityReplyOverdue, qualityStepRefusal } from '../domain/quality.js';
import { maskPhone } from '../domain/personal-data.js';
import type { Actor } from '../policies/actor.js';
import { allowedActions } from '../policies/policy.js';
import { type QualityAction, qualityPolicy } from '../policies/quality.js';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const factsOf = (c: QualityComplaintRow) => ({ status: c.status as QualityStatus, source: c.source as QualitySource });

/** The steps the caller may take now: allowed by the policy table and possible in the complaint's state. */
export function qualityActions(actor: Actor, c: QualityComplaintRow): QualityAction[] {
  return allowedActions(qualityPolicy, actor, c).filter((a) => a !== 'read' && qualityStepRefusal(a, factsOf(c)) === null);
}

/** A complaint as a list row; the complainant's phone masked (issue 13 item 1). */
export function presentQualitySummary(c: QualityComplaintRow, names: { estateName: string; unitCode: string | null; caseNumber: string | null }, now: Date) {
  return {
    id: c.id,
    estateId: c.estateId,
    estateName: names.estateName,
    number: c.number,
    source: c.source,
    sourceLabel: QUALITY_SOURCE_LABELS[c.source as QualitySource],
    sourceRef: c.sourceRef,
    receivedAt: c.receivedAt.toISOString(),
    caseId: c.caseId,
    caseNumber: names.caseNumber,
    unitCode: names.unitCode,
    complainantName: c.complainantName,
    complainantPhone: maskPhone(c.complainantPhone),
    matter: c.matter,
    status: c.status,
    statusLabel: QUALITY_STATUS_LABELS[c.status as QualityStatus],
    replyDueAt: c.replyDueAt.toISOString(),
    replyOverdue: qualityReplyOverdue({ status: c.status as QualityStatus, replyDueAt: c.replyDueAt }, now),
    version: c.version,
  };
}

type Details = { estateName: string; unitCode: string | null; caseNumber: string | null; events: { seq: number; at: Date; actorId: string | null; actorName: string | null; action: string; after: unknown; note: string | null }[] };

/** A complaint with its handling, its history and the actions the caller may take. */
export function presentQualityComplaint(actor: Actor, c: QualityComplaintRow, details: Details, now: Date) {
  return {
    ...presentQualitySummary(c, details, now),
    escalationReason: c.escalationReason,
    handedDownAt: iso(c.handedDownAt),
    contactId: c.contactId,
    resolvedAt: iso(c.resolvedAt),
    resolution: c.resolution,
    closedAt: iso(c.closedAt),
    satisfaction: c.satisfaction,
    events: details.events.map((e) => ({ seq: e.seq, at: e.at.toISOString(), actorId: e.actorId, actorName: e.actorName, action: e.action, after: e.after, note: e.note })),
    actions: qualityActions(actor, c),
  };
}

/** A row of the hot and major registry (R-HOT-1/2): the case, its 4 h report clock and its reports so far. */
export function presentHotEntry(r: Awaited<ReturnType<typeof hotMajorRegistry>>['rows'][number]) {
  return {
    caseId: r.id,
    estateId: r.estateId,
    estateName: r.estateName,
    number: r.number,
    description: r.description,
    status: r.status,
    statusLabel: CASE_STATUS_LABELS[r.status as CaseStatus],
    level: r.major ? ('major' as const) : ('hot' as const),
    levelLabel: r.major ? '重大投诉' : '热点投诉',
    complainants: r.complainants,
    openedAt: r.openedAt.toISOString(),
    closedAt: iso(r.closedAt),
    reportDueAt: iso(r.reportDueAt),
    /** pending | warned | met | breached | cancelled, or null when no 4 h clock ran (a major flag alone). */
    reportState: r.reportState,
    reports: r.reports,
    lastReportedAt: iso(r.lastReportedAt),
    qualityComplaintId: r.qualityComplaintId,
  };
}
