import { L } from '../../../shared/i18n.js';
import { translatedLabels } from '../../../shared/labels.js';

/** Names of the case's SLA clocks (ids as in `propdesk sla explain`), zh-CN and en-US. */
export const CLOCK_LABELS: Record<string, string> = translatedLabels('clock', {
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
}, {
  dispatch: 'Dispatch', arrival: 'Arrival', review: 'Review', followup_2h: '2-hour follow-up', followup_eod: 'End-of-day follow-up', reply: 'Reply',
  online_ack: 'Online complaint apology', online_measure: 'Online complaint measures', hot_report: 'Hot complaint report', gm_first_visit: 'Hotline first visit',
  gm_escalation: 'Hotline 7-day escalation', promised_reply: 'Promised reply',
});

export const CLOCK_STATE_LABELS: Record<string, string> = translatedLabels(
  'clockState',
  { pending: '计时中', warned: '即将超时', met: '已达成', breached: '已超时', cancelled: '已取消' },
  { pending: 'Running', warned: 'Due soon', met: 'Met', breached: 'Breached', cancelled: 'Cancelled' },
);

/** The timeline's event actions as the desk says them. */
export const EVENT_LABELS: Record<string, string> = translatedLabels('event', {
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
  'case.reply_promised': '约定答复时间',
  'case.hot_reported': '已上报集团',
  'case.phone_revealed': '查看完整电话',
}, {
  'case.opened': 'Opened', 'case.status': 'Status change', 'case.emergency': 'Emergency alert', 'case.major': 'Major complaint', 'case.flagged': 'Flagged',
  'case.confirmed': 'Resident confirmed', 'case.reclassified': 'Complaint reclassified', 'case.split_from': 'Opened from a finding', 'order.issued': 'Dispatched',
  'order.assigned': 'Technician assigned', 'order.accepted': 'Accepted', 'order.arrived': 'Arrived', 'order.review_requested': 'Review requested', 'order.reviewed': 'Reviewed',
  'order.completed': 'Completed', 'order.returned': 'Returned', 'order.checked': 'Check passed', 'order.check_failed': 'Check failed', 'order.voided': 'Voided',
  'order.rebooked': 'Rebooked', 'order.delay_recorded': 'Reason for late return', 'finding.recorded': 'Finding recorded', 'finding.split': 'Finding opened as a case',
  'finding.resolved': 'Finding resolved', 'approval.requested': 'Approval requested', 'approval.approved': 'Approved', 'approval.rejected': 'Rejected',
  'visit.recorded': 'Return visit', 'visit.exempted': 'Visit exempted', 'followup.done': 'Follow-up', 'flag.proposed': 'Hot/major suggested', 'flag.confirmed': 'Hot/major confirmed',
  'flag.dismissed': 'Not flagged', 'sla.warned': 'Deadline warning', 'sla.breached': 'Overdue', 'sla.escalated': 'Escalated', 'contact.decided': 'Supervisor decision',
  'case.reply_promised': 'Reply time promised', 'case.hot_reported': 'Reported to the group',
  'case.phone_revealed': 'Full phone number read',
});

export const APPROVAL_KIND_LABELS: Record<string, string> = translatedLabels('approvalKind', { close: '销项审批', close_unresolvable: '无法处理销项审批' }, { close: 'Closing approval', close_unresolvable: 'Unresolvable closing approval' });
export const APPROVAL_STATUS_LABELS: Record<string, string> = translatedLabels('approvalStatus', { pending: '待审批', approved: '已同意', rejected: '已驳回' }, { pending: 'Pending', approved: 'Approved', rejected: 'Rejected' });
export const ROLE_LABELS_SHORT: Record<string, string> = translatedLabels(
  'roleShort',
  { supervisor: '客服主管', project_manager: '项目经理', engineering_manager: '工程部经理' },
  { supervisor: 'Supervisor', project_manager: 'Project manager', engineering_manager: 'Engineering manager' },
);
export const SUPPLIED_BY_LABELS: Record<string, string> = translatedLabels('suppliedBy', { resident: '业户自备', company: '公司提供' }, { resident: 'Resident', company: 'Company' });

/** An event's subject as the desk reads it: 派工单 000123, 派工时限, 案件 YH-2026-000045. */
export function subjectLabel(subject: string | null | undefined): string {
  if (!subject) return '';
  const [kind, value = ''] = subject.split(/:(.*)/s);
  if (kind === 'order') return `${L('派工单', 'Work order')} ${value}`;
  if (kind === 'clock') return CLOCK_LABELS[value] ?? value;
  if (kind === 'case') return `${L('案件', 'Case')} ${value}`;
  if (kind === 'approval' || kind === 'finding' || kind === 'contact' || kind === 'followup') return '';
  return subject;
}
