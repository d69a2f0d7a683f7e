import { CASE_KIND_LABELS, CHANNEL_LABELS, type CaseKind, type Channel } from '../domain/case-types.js';
import { CASE_STATUS_LABELS, type CaseStatus } from '../domain/case-lifecycle.js';
import { type StepFacts, stepPossible } from '../domain/case-steps.js';
import { ORDER_STATUS_LABELS, type OrderStatus, formatOrderNumber } from '../domain/work-order-lifecycle.js';
import { maskPhone, technicianOnTheJob } from '../domain/personal-data.js';
import type { CaseRow, caseRelations } from '../db/repos/cases.js';
import type { Actor } from '../policies/actor.js';
import { type CaseAction, casePolicy } from '../policies/cases.js';
import { allowedActions } from '../policies/policy.js';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** The facts the step rules read (src/domain/case-steps.ts), as the case page knows them. */
export const stepFactsOf = (c: CaseRow, liveOrders: number, visited: boolean): StepFacts => ({
  status: c.status as CaseStatus,
  kind: c.kind as CaseKind,
  complaintNature: c.complaintNature,
  liveOrders,
  visited,
  hotOrMajor: Boolean(c.hot || c.major),
  hasPhone: Boolean(c.contactPhone),
  escalatedToQuality: Boolean(c.qualityComplaintId),
});

/** The actions the caller may take on this case now: allowed by policy and possible in its state. */
export function caseActions(actor: Actor, c: CaseRow, liveOrders: number, visited = false): CaseAction[] {
  return allowedActions(casePolicy, actor, c).filter((a) => a !== 'read' && stepPossible(a, stepFactsOf(c, liveOrders, visited)));
}

/** A case as a list row. */
export function presentCaseSummary(c: CaseRow) {
  return {
    id: c.id,
    estateId: c.estateId,
    number: c.number,
    kind: c.kind,
    kindLabel: CASE_KIND_LABELS[c.kind as CaseKind],
    status: c.status,
    statusLabel: CASE_STATUS_LABELS[c.status as CaseStatus],
    channel: c.channel,
    channelLabel: CHANNEL_LABELS[c.channel as Channel],
    urgency: c.urgency,
    locationKind: c.locationKind,
    unitId: c.unitId,
    locationText: c.locationText,
    contactName: c.contactName,
    description: c.description,
    category: c.category,
    major: c.major,
    hot: c.hot,
    openedAt: c.openedAt.toISOString(),
    completedAt: iso(c.completedAt),
    closedAt: iso(c.closedAt),
    appointmentAt: iso(c.appointmentAt),
    promisedReplyAt: iso(c.promisedReplyAt),
    version: c.version,
  };
}

/** A case with everything the case page shows and the actions the caller may take. */
export function presentCase(actor: Actor, c: CaseRow, rel: Awaited<ReturnType<typeof caseRelations>>) {
  const liveOrders = rel.orders.filter((o) => o.status !== 'void').length;
  return {
    ...presentCaseSummary(c),
    unitCode: rel.unitCode,
    residentId: c.residentId,
    // Masked, but for the technician still on the job; the desk reads it through reveal_phone.
    contactPhone: technicianOnTheJob(actor.userId, rel.orders) ? c.contactPhone : maskPhone(c.contactPhone),
    contactId: c.contactId,
    complaintNature: c.complaintNature,
    complaintSubtype: c.complaintSubtype,
    complaintContent: c.complaintContent,
    paid: c.paid,
    paidConfirmedAt: iso(c.paidConfirmedAt),
    quoteCents: c.quoteCents,
    residentSuppliesParts: c.residentSuppliesParts,
    receiptNumber: c.receiptNumber,
    /** R-CP-3: gone up to the quality office, which owns it from then on. */
    escalatedToQuality: Boolean(c.qualityComplaintId),
    pauseReason: c.pauseReason,
    pausedUntil: iso(c.pausedUntil),
    openedBy: c.openedBy,
    completedAt: iso(c.completedAt),
    closedBy: c.closedBy,
    closeResult: c.closeResult,
    closeApprovalId: c.closeApprovalId,
    reopenCount: c.reopenCount,
    orders: rel.orders.map((o) => ({
      id: o.id,
      number: formatOrderNumber(o.number),
      status: o.status,
      statusLabel: ORDER_STATUS_LABELS[o.status as OrderStatus],
      departmentId: o.departmentId,
      technicianId: o.technicianId,
      issuedAt: o.issuedAt.toISOString(),
      completedAt: iso(o.completedAt),
      signed: Boolean(o.signedAt),
      feeCents: o.feeCents,
    })),
    findings: rel.findings.map((f) => ({
      id: f.id,
      description: f.description,
      status: f.status,
      splitCaseId: f.splitCaseId,
      recordedAt: f.recordedAt.toISOString(),
      resolvedAt: iso(f.resolvedAt),
    })),
    approvals: rel.approvals.map(presentApproval),
    clocks: rel.clocks.map((d) => ({
      id: d.id,
      clock: d.clock,
      orderId: d.orderId,
      basis: d.basis,
      state: d.state,
      dueAt: d.dueAt.toISOString(),
      warnAt: d.warnAt.toISOString(),
      pausedAt: iso(d.pausedAt),
      escalationLevel: d.escalationLevel,
      settledAt: iso(d.settledAt),
    })),
    returnVisits: rel.visits.map((v) => ({
      id: v.id,
      kind: v.kind,
      outcome: v.outcome,
      exemptReason: v.exemptReason,
      satisfaction: v.satisfaction,
      opinion: v.opinion,
      visitedBy: v.visitedBy,
      visitedAt: v.visitedAt.toISOString(),
    })),
    actions: caseActions(actor, c, liveOrders, rel.visits.some((v) => v.kind === 'closing')),
  };
}

export function presentApproval(a: {
  id: string;
  estateId: string;
  caseId: string;
  kind: string;
  approverRole: string;
  status: string;
  requestedBy: string;
  requestedAt: Date;
  reason: string | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  comment: string | null;
}) {
  return {
    id: a.id,
    estateId: a.estateId,
    caseId: a.caseId,
    kind: a.kind,
    approverRole: a.approverRole,
    status: a.status,
    requestedBy: a.requestedBy,
    requestedAt: a.requestedAt.toISOString(),
    reason: a.reason,
    decidedBy: a.decidedBy,
    decidedAt: iso(a.decidedAt),
    comment: a.comment,
  };
}

type ClockRow = { caseId: string; state: string; dueAt: Date; settledAt: Date | null; pausedAt: Date | null };

/**
 * The board colour of a case from its clocks: red when one is breached and unsettled, amber
 * when one is warned, green otherwise; `nextDueAt` is the earliest running due time.
 */
export function slaSummary(clocks: ClockRow[]) {
  const live = clocks.filter((c) => !c.settledAt);
  const running = live.filter((c) => (c.state === 'pending' || c.state === 'warned') && !c.pausedAt);
  const next = running.reduce<Date | null>((m, c) => (!m || c.dueAt < m ? c.dueAt : m), null);
  const state = live.some((c) => c.state === 'breached') ? 'red' : live.some((c) => c.state === 'warned') ? 'amber' : 'green';
  return { slaState: state as 'red' | 'amber' | 'green', nextDueAt: next?.toISOString() ?? null };
}
