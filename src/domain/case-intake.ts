import type { FieldError } from './field-error.js';
import { type CaseKind, type Channel, type ComplaintNature, type ComplaintSubtype, type LocationKind, WRITTEN_CHANNELS } from './case-types.js';

/** What the desk records when it opens a case (R-IN-5…9). */
export interface IntakeFields {
  kind: CaseKind;
  channel: Channel;
  locationKind: LocationKind;
  unitId?: string | null;
  locationText?: string | null;
  contactPhone?: string | null;
  phoneConsent?: boolean;
  description: string;
  paid?: boolean;
  paidConfirmedTwice?: boolean;
  complaintNature?: ComplaintNature | null;
  complaintSubtype?: ComplaintSubtype | null;
  appointmentAt?: Date | null;
  promisedReplyAt?: Date | null;
}

/**
 * Checks an intake against the rules that need more than one field; returns every problem at
 * once so the receptionist fixes them in one go.
 */
export function checkIntake(f: IntakeFields, now: Date): FieldError[] {
  const errors: FieldError[] = [];
  if (f.locationKind === 'in_home' && !f.unitId) errors.push({ field: 'unitId', message: '户内报修须选择房号（R-IN-5）' });
  if (f.locationKind === 'public' && !f.unitId && !f.locationText?.trim()) {
    errors.push({ field: 'locationText', message: '公共区域须填写具体位置（R-IN-5）' });
  }
  if (f.contactPhone && !f.phoneConsent) {
    errors.push({ field: 'phoneConsent', message: '记录电话须经业户同意（R-IN-5）' });
  }
  if (f.paid && !f.paidConfirmedTwice) {
    errors.push({ field: 'paidConfirmedTwice', message: '有偿服务须与业户二次确认（R-IN-5）' });
  }
  if (f.kind === 'complaint' && !f.complaintNature) {
    errors.push({ field: 'complaintNature', message: '投诉须选择性质：有效投诉或沟通性投诉（R-IN-7）' });
  }
  if (f.kind !== 'complaint' && (f.complaintNature || f.complaintSubtype)) {
    errors.push({ field: 'complaintNature', message: '只有投诉才有投诉性质（R-IN-7）' });
  }
  if (f.complaintNature === 'communicative' && !f.complaintSubtype) {
    errors.push({ field: 'complaintSubtype', message: '沟通性投诉须选择类型：求助型、咨询型或发泄型（R-IN-7）' });
  }
  if (f.complaintNature === 'valid' && f.complaintSubtype) {
    errors.push({ field: 'complaintSubtype', message: '有效投诉没有沟通性类型（R-IN-7）' });
  }
  if (f.promisedReplyAt && f.promisedReplyAt <= now) {
    errors.push({ field: 'promisedReplyAt', message: '承诺答复时间须晚于现在（R-IN-8）' });
  }
  if (!f.description.trim()) errors.push({ field: 'description', message: '请填写内容' });
  return errors;
}

/** Written complaints get a receipt number the resident keeps (R-IN-9). */
export const needsReceipt = (kind: CaseKind, channel: Channel) => kind === 'complaint' && WRITTEN_CHANNELS.includes(channel);

export { beijingYear } from './beijing-day.js';

/** `YH-2026-000123`: prefix, Beijing year, six-digit sequence. */
export const caseNumberPrefix = (prefix: string, year: number) => `${prefix}-${year}-`;
export const CASE_SEQ_DIGITS = 6;
export const formatCaseNumber = (prefix: string, year: number, seq: number) => caseNumberPrefix(prefix, year) + String(seq).padStart(CASE_SEQ_DIGITS, '0');

/** `HZ-YH-2026-000123`: the receipt (回执) number printed for a written complaint. */
export const RECEIPT_PREFIX = 'HZ-';
export const receiptNumberFor = (caseNumber: string) => `${RECEIPT_PREFIX}${caseNumber}`;
