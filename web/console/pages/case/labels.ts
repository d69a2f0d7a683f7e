/** Chinese names of the case's SLA clocks (ids as in `propdesk sla explain`). */
export const CLOCK_LABELS: Record<string, string> = {
  dispatch: '派工时限',
  arrival: '到场时限',
  review: '复核时限',
  followup_2h: '2 小时跟进',
  followup_eod: '下班前跟进',
  reply: '答复时限',
  online_ack: '网络投诉致歉回复',
  online_measure: '网络投诉处理措施',
  hot_report: '热点投诉上报',
  gm_first_visit: '热线首次回访',
  gm_escalation: '热线 7 日升级',
  promised_reply: '承诺答复',
};

export const CLOCK_STATE_LABELS: Record<string, string> = { pending: '计时中', warned: '即将超时', met: '已达成', breached: '已超时', cancelled: '已取消' };

/** The timeline's event actions as the desk says them. */
export const EVENT_LABELS: Record<string, string> = {
  'case.opened': '立项',
  'case.status': '状态变更',
  'case.emergency': '紧急通知',
  'case.major': '重大投诉',
  'case.flagged': '标记',
  'case.confirmed': '业户确认',
  'case.reclassified': '投诉重新定性',
  'case.split_from': '由发现问题立项',
  'order.issued': '派工',
  'order.assigned': '指派维修工',
  'order.accepted': '接单',
  'order.arrived': '到场',
  'order.review_requested': '申请复核',
  'order.reviewed': '复核完成',
  'order.completed': '完工',
  'order.returned': '返单',
  'order.checked': '验收通过',
  'order.check_failed': '验收未通过',
  'order.voided': '作废',
  'order.rebooked': '改约',
  'order.delay_recorded': '记录未返单原因',
  'finding.recorded': '记录发现问题',
  'finding.split': '发现问题另行立项',
  'finding.resolved': '发现问题已处理',
  'approval.requested': '提请审批',
  'approval.approved': '审批同意',
  'approval.rejected': '审批驳回',
  'visit.recorded': '回访',
  'visit.exempted': '免回访',
  'followup.done': '跟进',
  'flag.proposed': '系统提示热点/重大',
  'flag.confirmed': '确认热点/重大',
  'flag.dismissed': '不予认定',
  'sla.warned': '时限预警',
  'sla.breached': '超时',
  'sla.escalated': '升级',
  'contact.decided': '主管决定',
};

export const APPROVAL_KIND_LABELS: Record<string, string> = { close: '销项审批', close_unresolvable: '无法处理销项审批' };
export const APPROVAL_STATUS_LABELS: Record<string, string> = { pending: '待审批', approved: '已同意', rejected: '已驳回' };
export const ROLE_LABELS_SHORT: Record<string, string> = { supervisor: '客服主管', project_manager: '项目经理', engineering_manager: '工程部经理' };
export const SUPPLIED_BY_LABELS: Record<string, string> = { resident: '业户自备', company: '公司提供' };

/** An event's subject as the desk reads it: 派工单 000123, 派工时限, 案件 YH-2026-000045. */
export function subjectLabel(subject: string | null | undefined): string {
  if (!subject) return '';
  const [kind, value = ''] = subject.split(/:(.*)/s);
  if (kind === 'order') return `派工单 ${value}`;
  if (kind === 'clock') return CLOCK_LABELS[value] ?? value;
  if (kind === 'case') return `案件 ${value}`;
  if (kind === 'approval' || kind === 'finding' || kind === 'contact' || kind === 'followup') return '';
  return subject;
}
