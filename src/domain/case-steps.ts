import { CASE_STATUS_LABELS, type CaseStatus, FINAL_STATUSES, canTransition } from './case-lifecycle.js';
import { type CaseKind, REPAIR_KINDS } from './case-types.js';
import { RuleError } from './rule-error.js';

/**
 * Whether a step on a case is possible in the case's current state. The policy decides who may
 * take a step; this decides when. The presenter shows only possible steps and the services
 * refuse the others with these same errors, so a button and the API never disagree.
 */
export interface StepFacts {
  status: CaseStatus;
  kind: CaseKind;
  complaintNature: string | null;
  /** Work orders that are not void (read by mark_handled only). */
  liveOrders: number;
  /** The closing return visit is recorded (read by return_visit and answer_visit only). */
  visited: boolean;
  /** Flagged hot or major (R-HOT-1/2): only those are reported to the group. */
  hotOrMajor: boolean;
  /** A contact phone is on the case (read by reveal_phone only). */
  hasPhone?: boolean;
  /** Already gone up to the quality office (R-CP-3; read by escalate_quality only). */
  escalatedToQuality?: boolean;
}

/** Steps whose rule reads `liveOrders` / `visited`: callers fetch those facts only for them. */
export const STEPS_READING_ORDERS: readonly string[] = ['mark_handled'];
export const STEPS_READING_VISITS: readonly string[] = ['return_visit', 'answer_visit'];

const label = (s: CaseStatus) => CASE_STATUS_LABELS[s];
const CLOSED: readonly CaseStatus[] = ['closed', 'closed_unresolved'];
/** Statuses in which the case is being worked: orders may be issued (R-WO-9), the desk may finish it. */
export const ISSUABLE_STATUSES: readonly CaseStatus[] = ['opened', 'dispatched', 'in_progress', 'reopened'];

/** R-LC-1: the step does not exist from this status. */
const notFrom = (f: StepFacts, step: string) =>
  new RuleError('R-LC-1', `案件状态「${label(f.status)}」不能${step}`, `a case in status ${f.status} cannot ${step}`);

const unlessFinal = (step: string) => (f: StepFacts) => (FINAL_STATUSES.includes(f.status) ? notFrom(f, step) : null);
const unlessCannotGo = (to: CaseStatus, step: string) => (f: StepFacts) => (canTransition(f.status, to) ? null : notFrom(f, step));

function markHandled(f: StepFacts): RuleError | null {
  if (REPAIR_KINDS.includes(f.kind)) {
    return new RuleError('R-CL-2', '报修案件须经派工单完工，不能直接标记为已处理', 'repair cases complete through their work orders');
  }
  if (f.liveOrders > 0) {
    return new RuleError('R-CL-2', '案件有未作废的派工单，须经派工单完工，不能直接标记为已处理', 'a case with live work orders completes through them');
  }
  // Not from pending_approval: completed → closing → rejected goes back to completed, not here.
  return ISSUABLE_STATUSES.includes(f.status) ? null : notFrom(f, '标记为已处理');
}

function close(f: StepFacts): RuleError | null {
  if (f.status === 'completed') return null;
  if (f.status === 'pending_approval') return new RuleError('R-CL-5', '销项已提交审批，须等待审批结果', 'closing already awaits approval');
  if (f.status === 'unresolvable_pending') {
    return new RuleError('R-CL-6', '无法处理的案件须经项目经理审批方可销项', 'an unresolvable case closes only with the project manager');
  }
  return new RuleError('R-CL-1', '案件尚未处理完毕，不得销项', 'a case cannot close before it is handled');
}

function reclassify(f: StepFacts): RuleError | null {
  if (f.kind !== 'complaint' || f.complaintNature !== 'communicative') {
    return new RuleError('R-IN-7', '只有沟通性投诉可以改为有效投诉', 'only a communicative complaint can be reclassified valid');
  }
  return unlessFinal('重新分类')(f);
}

function returnVisit(f: StepFacts): RuleError | null {
  if (f.status === 'cancelled') return new RuleError('R-RV-1', '已撤销的案件不做回访', 'cancelled cases get no return visit');
  if (FINAL_STATUSES.includes(f.status) && f.visited) return new RuleError('R-RV-1', '该案件已完成结案回访', 'this case already has its closing visit');
  return null;
}

function answerVisit(f: StepFacts): RuleError | null {
  if (!CLOSED.includes(f.status)) return new RuleError('R-RV-1', '案件销项后方可回访评价', 'the return visit follows closing');
  if (f.visited) return new RuleError('R-RV-1', '该案件已完成结案回访', 'this case already has its closing visit');
  return null;
}

/** R-IN-8: a reply time is promised while the case is still being handled. */
function promiseReply(f: StepFacts): RuleError | null {
  if (f.status === 'completed' || f.status === 'pending_approval' || FINAL_STATUSES.includes(f.status)) {
    return new RuleError('R-IN-8', '案件已处理完毕，无需约定答复时间', 'a handled case needs no promised reply time');
  }
  return null;
}

/** R-HOT-1/2: hot and major complaints are reported to the group, also after they close (the full report). */
function reportHot(f: StepFacts): RuleError | null {
  if (!f.hotOrMajor) return new RuleError('R-HOT-1', '只有热点或重大投诉需要上报集团', 'only hot or major complaints are reported to the group');
  return f.status === 'cancelled' ? notFrom(f, '上报集团') : null;
}

/** R-CP-3: a complaint the estate cannot solve goes up to quality, once, while it is still open. */
function escalateQuality(f: StepFacts): RuleError | null {
  if (f.kind !== 'complaint') return new RuleError('R-CP-3', '只有投诉可以上报品质管理部', 'only complaints go up to the quality office');
  if (f.escalatedToQuality) return new RuleError('R-CP-3', '该投诉已上报品质管理部', 'this complaint is already with the quality office');
  return FINAL_STATUSES.includes(f.status) ? notFrom(f, '上报品质管理部') : null;
}

const STEP_RULES: Record<string, (f: StepFacts) => RuleError | null> = {
  pause: unlessCannotGo('paused', '暂停'),
  resume: (f) => (f.status === 'paused' ? null : notFrom(f, '恢复（只有暂停中的案件可以恢复）')),
  mark_handled: markHandled,
  record_finding: unlessFinal('记录处理中发现的问题'),
  flag: unlessFinal('标记紧急、重大或热点'),
  add_photos: unlessFinal('添加照片'),
  close,
  request_unresolvable: unlessCannotGo('unresolvable_pending', '申请无法处理'),
  reopen: (f) => (f.status === 'completed' || CLOSED.includes(f.status) ? null : notFrom(f, '重新打开')),
  cancel: unlessCannotGo('cancelled', '撤销'),
  reclassify,
  issue_order: (f) =>
    ISSUABLE_STATUSES.includes(f.status)
      ? null
      : new RuleError('R-WO-9', `案件状态「${label(f.status)}」不能派工`, `orders cannot be issued on a case in status ${f.status}`),
  confirm: (f) => (f.status === 'completed' || f.status === 'closed' ? null : notFrom(f, '确认维修结果（须先完工）')),
  return_visit: returnVisit,
  answer_visit: answerVisit,
  promise_reply: promiseReply,
  report_hot: reportHot,
  escalate_quality: escalateQuality,
  reveal_phone: (f) => (f.hasPhone === false ? new RuleError('R-AR-1', '该案件没有登记联系电话', 'the case has no contact phone') : null),
};

/** Why `step` is not possible now, or null when it is (steps without a state rule always are). */
export const stepRefusal = (step: string, f: StepFacts): RuleError | null => STEP_RULES[step]?.(f) ?? null;

/** Whether `step` is possible now. */
export const stepPossible = (step: string, f: StepFacts): boolean => stepRefusal(step, f) === null;

/**
 * Refuses a step the case's state does not allow.
 * @throws RuleError naming the rule (R-LC-1 for the lifecycle, or the specific rule)
 */
export function assertStepPossible(step: string, f: StepFacts): void {
  const refusal = stepRefusal(step, f);
  if (refusal) throw refusal;
}
