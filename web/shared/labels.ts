// i18next itself, not ./i18n.js: this file is also imported by Node code (bench) with no DOM and
// no initialised i18n, where the labels stay Chinese. The apps initialise i18n in ./i18n.js first.
import i18n from 'i18next';

/**
 * Status, kind, channel and action labels in zh-CN and en-US. They go through i18n: the tables
 * below read the current language each time a label is looked up, so screens that use them show
 * English after the switch without changes (`STATUS_LABELS[s]`, `KIND_OPTIONS[i].label`).
 */
const ZH = {
  caseKind: { repair: '报修', complaint: '投诉', help: '求助', inquiry: '咨询', suggestion: '建议', directive: '指令', inspection: '巡检发现', warranty: '返修（开发商保修）' },
  channel: {
    phone: '电话', walk_in: '来访', wechat: '微信/手机', web: '网上', letter: '信函', email: '电子邮件', fax: '传真', suggestion_box: '意见箱', patrol: '巡查发现',
    directive: '领导指令', owners_committee: '业委会', transfer: '转办（开发商/集团/12345）', online: '网络媒体', gm_hotline: '总经理热线',
  },
  caseStatus: {
    opened: '已立项', dispatched: '已派工', in_progress: '处理中', paused: '暂停', completed: '待销项', pending_approval: '销项待审批',
    unresolvable_pending: '无法处理待审批', closed: '已销项', closed_unresolved: '无法处理已销项', reopened: '重新打开', cancelled: '已撤销',
  },
  orderStatus: { issued: '已派工', accepted: '已接单', arrived: '已到场', review: '待技术复核', completed: '已完工', returned: '已返单', checked: '已验收', void: '已作废' },
  caseAction: {
    pause: '暂停', resume: '恢复', mark_handled: '标记已处理', record_finding: '记录发现问题', close: '销项', request_unresolvable: '申请无法处理',
    reopen: '重新打开', cancel: '撤销', reclassify: '改为有效投诉', flag: '标记紧急/重大/热点', issue_order: '派工', confirm: '确认', return_visit: '回访',
    promise_reply: '约定答复时间', report_hot: '已上报集团', escalate_quality: '上报品质管理部',
    accept: '接单', arrive: '到场', request_review: '申请复核', record_review: '复核完成', complete: '完工', return: '返单', check: '验收',
    void: '作废', assign: '指派', rebook: '改约',
  },
};
const EN: typeof ZH = {
  caseKind: { repair: 'Repair', complaint: 'Complaint', help: 'Help', inquiry: 'Inquiry', suggestion: 'Suggestion', directive: 'Directive', inspection: 'Inspection finding', warranty: 'Warranty repair (developer)' },
  channel: {
    phone: 'Phone', walk_in: 'Walk-in', wechat: 'WeChat / app', web: 'Web', letter: 'Letter', email: 'Email', fax: 'Fax', suggestion_box: 'Suggestion box', patrol: 'Patrol',
    directive: 'Management directive', owners_committee: "Owners' committee", transfer: 'Transferred (developer / group / 12345)', online: 'Online media', gm_hotline: 'GM hotline',
  },
  caseStatus: {
    opened: 'Opened', dispatched: 'Dispatched', in_progress: 'In progress', paused: 'Paused', completed: 'Awaiting closing', pending_approval: 'Closing awaiting approval',
    unresolvable_pending: 'Unresolvable, awaiting approval', closed: 'Closed', closed_unresolved: 'Closed unresolved', reopened: 'Reopened', cancelled: 'Cancelled',
  },
  orderStatus: { issued: 'Issued', accepted: 'Accepted', arrived: 'On site', review: 'Awaiting technical review', completed: 'Completed', returned: 'Returned', checked: 'Checked', void: 'Void' },
  caseAction: {
    pause: 'Pause', resume: 'Resume', mark_handled: 'Mark handled', record_finding: 'Record finding', close: 'Close', request_unresolvable: 'Request unresolvable',
    reopen: 'Reopen', cancel: 'Cancel', reclassify: 'Make a valid complaint', flag: 'Flag emergency / major / hot', issue_order: 'Dispatch', confirm: 'Confirm', return_visit: 'Return visit',
    promise_reply: 'Promise a reply time', report_hot: 'Reported to the group', escalate_quality: 'Escalate to the quality office',
    accept: 'Accept', arrive: 'Arrive', request_review: 'Request review', record_review: 'Review done', complete: 'Complete', return: 'Return', check: 'Check',
    void: 'Void', assign: 'Assign', rebook: 'Rebook',
  },
};
let added = false;
function ensureBundle(): void {
  if (added) return;
  added = true;
  i18n.addResourceBundle('zh-CN', 'translation', { labels: ZH }, true, true);
  i18n.addResourceBundle('en-US', 'translation', { labels: EN }, true, true);
}

type Table = keyof typeof ZH;

/** One label in the current language (the Chinese one when English lacks it). */
export function label(table: Table, key: string): string | undefined {
  const zh = (ZH[table] as Record<string, string>)[key];
  if (zh === undefined || !Object.hasOwn(ZH[table], key)) return undefined;
  if (!i18n.isInitialized) return zh;
  ensureBundle();
  return i18n.t(`labels.${table}.${key}`);
}

/** A read-only record whose values follow the current language. */
function live(table: Table): Record<string, string> {
  return new Proxy({ ...ZH[table] } as Record<string, string>, {
    get: (target, key) => (typeof key === 'string' && key in target ? label(table, key) : Reflect.get(target, key)),
    getOwnPropertyDescriptor: (target, key) => {
      const d = Reflect.getOwnPropertyDescriptor(target, key);
      return d && typeof key === 'string' ? { ...d, value: label(table, key) } : d;
    },
  });
}

/**
 * A screen's own label table in both languages, looked up like a plain record
 * (`TABLE[key]`) but answered in the current language; keys missing in English stay Chinese.
 */
export function translatedLabels(name: string, zh: Record<string, string>, en: Partial<Record<string, string>>): Record<string, string> {
  let registered = false;
  // Keys may contain dots (`case.opened`), which i18next reads as nesting: kept flat instead.
  const id = (key: string) => `labels_${name}|${key.replaceAll('.', '~')}`;
  const lookup = (key: string) => {
    if (!Object.hasOwn(zh, key)) return undefined;
    if (!i18n.isInitialized) return zh[key];
    if (!registered) {
      registered = true;
      i18n.addResources('zh-CN', 'translation', Object.fromEntries(Object.entries(zh).map(([k, v]) => [id(k), v])));
      i18n.addResources('en-US', 'translation', Object.fromEntries(Object.entries(en).map(([k, v]) => [id(k), v!])));
    }
    return i18n.t(id(key), { defaultValue: zh[key] });
  };
  return new Proxy({ ...zh }, {
    get: (target, key) => (typeof key === 'string' && Object.hasOwn(target, key) ? lookup(key) : Reflect.get(target, key)),
    getOwnPropertyDescriptor: (target, key) => {
      const d = Reflect.getOwnPropertyDescriptor(target, key);
      return d && typeof key === 'string' ? { ...d, value: lookup(key) } : d;
    },
  });
}

/** `{ value, label }` options whose label follows the current language. */
const options = (table: Table) =>
  Object.keys(ZH[table]).map((value) => ({
    value,
    get label() {
      return label(table, value)!;
    },
  }));

export const KIND_OPTIONS = options('caseKind');
export const CHANNEL_OPTIONS = options('channel');
export const KIND_LABELS = live('caseKind');
export const CHANNEL_LABELS = live('channel');
export const STATUS_LABELS = live('caseStatus');
export const ORDER_STATUS_LABELS = live('orderStatus');
export const ACTION_LABELS = live('caseAction');

export const OPEN_STATUSES = ['opened', 'dispatched', 'in_progress', 'paused', 'completed', 'pending_approval', 'unresolvable_pending', 'reopened'];

export const SLA_COLORS: Record<string, string> = { green: 'green', amber: 'orange', red: 'red' };
