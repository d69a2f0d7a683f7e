export const KIND_OPTIONS = [
  { value: 'repair', label: '报修' },
  { value: 'complaint', label: '投诉' },
  { value: 'help', label: '求助' },
  { value: 'inquiry', label: '咨询' },
  { value: 'suggestion', label: '建议' },
  { value: 'directive', label: '指令' },
  { value: 'inspection', label: '巡检发现' },
  { value: 'warranty', label: '返修（开发商保修）' },
];

export const CHANNEL_OPTIONS = [
  ['phone', '电话'], ['walk_in', '来访'], ['wechat', '微信/手机'], ['web', '网上'], ['letter', '信函'], ['email', '电子邮件'], ['fax', '传真'],
  ['suggestion_box', '意见箱'], ['patrol', '巡查发现'], ['directive', '领导指令'], ['owners_committee', '业委会'], ['transfer', '转办（开发商/集团/12345）'],
  ['online', '网络媒体'], ['gm_hotline', '总经理热线'],
].map(([value, label]) => ({ value: value!, label: label! }));

export const STATUS_LABELS: Record<string, string> = {
  opened: '已立项', dispatched: '已派工', in_progress: '处理中', paused: '暂停', completed: '待销项', pending_approval: '销项待审批',
  unresolvable_pending: '无法处理待审批', closed: '已销项', closed_unresolved: '无法处理已销项', reopened: '重新打开', cancelled: '已撤销',
};

export const OPEN_STATUSES = ['opened', 'dispatched', 'in_progress', 'paused', 'completed', 'pending_approval', 'unresolvable_pending', 'reopened'];

export const ACTION_LABELS: Record<string, string> = {
  pause: '暂停', resume: '恢复', mark_handled: '标记已处理', record_finding: '记录发现问题', close: '销项', request_unresolvable: '申请无法处理',
  reopen: '重新打开', cancel: '撤销', reclassify: '改为有效投诉', flag: '标记', issue_order: '派工', confirm: '确认', return_visit: '回访',
  accept: '接单', arrive: '到场', request_review: '申请复核', record_review: '复核完成', complete: '完工', return: '返单', check: '验收',
  void: '作废', assign: '指派', rebook: '改约',
};

export const SLA_COLORS: Record<string, string> = { green: 'green', amber: 'orange', red: 'red' };
