/** Case kinds (R-IN-6). */
export const CASE_KINDS = ['repair', 'complaint', 'help', 'inquiry', 'suggestion', 'directive', 'inspection', 'warranty'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

export const CASE_KIND_LABELS: Record<CaseKind, string> = {
  repair: '报修',
  complaint: '投诉',
  help: '求助',
  inquiry: '咨询',
  suggestion: '建议',
  directive: '指令',
  inspection: '巡检发现',
  warranty: '返修（开发商保修）',
};

/** Kinds handled by sending someone with a work order; they close on the signed order (R-CL-2). */
export const REPAIR_KINDS: readonly CaseKind[] = ['repair', 'warranty'];

/** Contact channels (R-IN-1); ids are shared with the SLA policy and the CLI. */
export const CHANNELS = [
  'phone',
  'walk_in',
  'letter',
  'fax',
  'email',
  'web',
  'wechat',
  'suggestion_box',
  'patrol',
  'directive',
  'owners_committee',
  'transfer',
  'online',
  'gm_hotline',
] as const;
export type Channel = (typeof CHANNELS)[number];

export const CHANNEL_LABELS: Record<Channel, string> = {
  phone: '电话',
  walk_in: '来访',
  letter: '信函',
  fax: '传真',
  email: '电子邮件',
  web: '网上报修',
  wechat: '微信/手机',
  suggestion_box: '意见箱',
  patrol: '巡查发现',
  directive: '领导指令',
  owners_committee: '业委会书面平台',
  transfer: '开发商/集团/政府转办',
  online: '网络媒体',
  gm_hotline: '总经理热线',
};

/** Written channels whose complaints get a receipt number the resident keeps (R-IN-9). */
export const WRITTEN_CHANNELS: readonly Channel[] = ['letter', 'fax', 'email', 'owners_committee'];

export const URGENCIES = ['routine', 'emergency'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const LOCATION_KINDS = ['in_home', 'public'] as const;
export type LocationKind = (typeof LOCATION_KINDS)[number];

/** Complaint classification (R-IN-7). */
export const COMPLAINT_NATURES = ['valid', 'communicative'] as const;
export type ComplaintNature = (typeof COMPLAINT_NATURES)[number];
export const COMPLAINT_SUBTYPES = ['help-seeking', 'inquiry', 'venting'] as const;
export type ComplaintSubtype = (typeof COMPLAINT_SUBTYPES)[number];
export const COMPLAINT_CONTENTS = ['equipment', 'attitude', 'quality'] as const;
export type ComplaintContent = (typeof COMPLAINT_CONTENTS)[number];

/** Contact outcomes (R-IN-3, R-IN-4). */
export const CONTACT_OUTCOMES = ['answered', 'case', 'undecided'] as const;
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];
