import type { CaseKind, Urgency } from './case-types.js';
import { REPAIR_KINDS } from './case-types.js';
import type { CaseStatus } from './case-lifecycle.js';
import type { Role } from './roles.js';
import { RuleError } from './rule-error.js';
import type { OrderStatus } from './work-order-lifecycle.js';

/** What the closing rules need to know about a case (R-CL-1…7). */
export interface ClosingSnapshot {
  kind: CaseKind;
  status: CaseStatus;
  urgency: Urgency;
  major: boolean;
  orders: { status: OrderStatus; signed: boolean }[];
  /** Problems found while handling it (R-CL-4): open ones block closing. */
  openFindings: number;
}

/** How a non-repair case is shown to be done (R-CL-3). */
export type ClosingEvidence = { kind: 'document'; note: string } | { kind: 'supervisor' };

export interface ClosingRequest {
  result: string;
  evidence?: ClosingEvidence;
  actorRoles: ReadonlySet<Role>;
}

export interface ClosingSettings {
  /** Who approves closing an emergency or major case (R-CL-5, R-EM-3). */
  emergencyApprover: 'supervisor' | 'project_manager';
}

export const DEFAULT_CLOSING_SETTINGS: ClosingSettings = { emergencyApprover: 'supervisor' };

export type ClosingDecision =
  | { outcome: 'close'; approvedByActor: boolean }
  | { outcome: 'needs_approval'; approverRole: 'supervisor' | 'project_manager' };

/** Roles that may approve in place of `role` (a project manager outranks a supervisor). */
export const approverRolesFor = (role: 'supervisor' | 'project_manager'): Role[] =>
  role === 'supervisor' ? ['supervisor', 'project_manager'] : ['project_manager'];

const usesOrders = (s: ClosingSnapshot) => REPAIR_KINDS.includes(s.kind) || s.orders.some((o) => o.status !== 'void');

/**
 * Decides whether a case may close now, needs an approval first, or may not close at all.
 * @throws RuleError naming the rule that blocks closing
 */
export function decideClosing(s: ClosingSnapshot, req: ClosingRequest, settings: ClosingSettings): ClosingDecision {
  if (!req.result.trim()) throw new RuleError('R-CL-7', '销项须填写处理结果', 'closing records the final result');
  if (s.status !== 'completed') {
    throw new RuleError('R-CL-1', '案件尚未处理完毕，不得销项', 'a case cannot close before it is handled');
  }
  if (s.openFindings > 0) {
    throw new RuleError(
      'R-CL-4',
      `处理中发现的问题尚有 ${s.openFindings} 项未解决且未另行立项，不得销项`,
      'problems found while handling it are neither resolved nor opened as their own case',
    );
  }
  if (usesOrders(s)) checkOrders(s);
  else checkEvidence(req);
  if (s.urgency === 'emergency' || s.major) {
    const approverRole = settings.emergencyApprover;
    const approvedByActor = approverRolesFor(approverRole).some((r) => req.actorRoles.has(r));
    return approvedByActor ? { outcome: 'close', approvedByActor: true } : { outcome: 'needs_approval', approverRole };
  }
  return { outcome: 'close', approvedByActor: false };
}

function checkOrders(s: ClosingSnapshot): void {
  const live = s.orders.filter((o) => o.status !== 'void');
  if (live.length === 0) {
    throw new RuleError('R-CL-2', '报修案件须有业户签字的派工单返回客服中心后方可销项', 'a repair case closes on a signed order back at the desk');
  }
  if (live.some((o) => !o.signed)) {
    throw new RuleError('R-CL-2', '派工单尚无业户签字确认，不得销项', 'a work order lacks the resident signature');
  }
  if (live.some((o) => o.status !== 'checked')) {
    throw new RuleError('R-CL-2', '派工单尚未返回客服中心并验收，不得销项', 'a work order is not back at the desk and checked');
  }
}

function checkEvidence(req: ClosingRequest): void {
  const ev = req.evidence;
  if (ev?.kind === 'document' && ev.note.trim()) return;
  if (ev?.kind === 'supervisor' && (req.actorRoles.has('supervisor') || req.actorRoles.has('project_manager'))) return;
  throw new RuleError(
    'R-CL-3',
    '非报修案件须有书面依据或主管确认已办结方可销项',
    'a non-repair case closes on documents or a supervisor confirming it is done',
  );
}

/** R-CL-6: unresolvable cases close only with the project manager's approval. */
export const UNRESOLVABLE_APPROVER = 'project_manager' as const;

/** What R-CL-6 reads: the case, its unresolvable request, and who decides it. */
export interface UnresolvableClosing {
  status: CaseStatus;
  approval: { kind: string; status: string };
  deciderRoles: ReadonlySet<Role>;
}

/**
 * R-CL-6: a case that cannot be handled (for now) closes only when the project manager approves
 * its pending unresolvable request; it then becomes closed_unresolved, which statistics count as
 * not closed. Nobody else's word closes it, not even a supervisor's.
 * @throws RuleError R-CL-6 otherwise
 */
export function decideUnresolvableClosing(c: UnresolvableClosing): 'closed_unresolved' {
  if (c.approval.kind !== 'close_unresolvable' || c.approval.status !== 'pending' || c.status !== 'unresolvable_pending') {
    throw new RuleError('R-CL-6', '案件没有待审批的无法处理申请，不能按无法处理销项', 'the case has no pending unresolvable request');
  }
  if (!c.deciderRoles.has(UNRESOLVABLE_APPROVER)) {
    throw new RuleError('R-CL-6', '无法处理的案件须经项目经理审批方可销项', 'an unresolvable case closes only with the project manager’s approval');
  }
  return 'closed_unresolved';
}

/** R-CL-6: statistics count a case closed as unresolvable as not closed (closure rate, R-RV-4). */
export const countsAsClosed = (status: CaseStatus): boolean => status === 'closed';
