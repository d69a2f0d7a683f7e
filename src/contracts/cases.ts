import { PHONE_REVEAL_REASONS } from '../domain/personal-data.js';
import { z } from 'zod';
import {
  CASE_KINDS,
  CHANNELS,
  COMPLAINT_CONTENTS,
  COMPLAINT_NATURES,
  COMPLAINT_SUBTYPES,
  LOCATION_KINDS,
  URGENCIES,
} from '../domain/case-types.js';
import { CASE_STATUSES } from '../domain/case-lifecycle.js';
import { LAWSUIT_FLAGS, MEDIA_FLAGS } from '../domain/hot-complaints.js';

const isoTime = z.iso.datetime({ offset: true, message: '请填写带时区的时间，如 2026-03-02T10:00:00+08:00' });
const text = (max: number, required = '请填写内容') => z.string().trim().min(1, required).max(max);

/** Intake fields shared by opening a case directly and from a contact. */
export const CaseIntakeFields = {
  kind: z.enum(CASE_KINDS),
  category: z.string().trim().max(100).nullish(),
  urgency: z.enum(URGENCIES).optional(),
  locationKind: z.enum(LOCATION_KINDS),
  unitId: z.uuid().nullish(),
  residentId: z.uuid().nullish(),
  locationText: z.string().trim().max(200).nullish(),
  contactName: z.string().trim().max(50).nullish(),
  contactPhone: z.string().trim().regex(/^[0-9+\-\s*]{5,20}$/, '电话号码格式不正确').nullish(),
  phoneConsent: z.boolean().optional(),
  complaintNature: z.enum(COMPLAINT_NATURES).nullish(),
  complaintSubtype: z.enum(COMPLAINT_SUBTYPES).nullish(),
  complaintContent: z.enum(COMPLAINT_CONTENTS).nullish(),
  appointmentAt: isoTime.nullish(),
  paid: z.boolean().optional(),
  paidConfirmedTwice: z.boolean().optional(),
  quoteCents: z.number().int().min(0).max(100_000_000).nullish(),
  residentSuppliesParts: z.boolean().optional(),
  promisedReplyAt: isoTime.nullish(),
  complainants: z.number().int().min(1).max(100_000).optional(),
};

export const OpenCaseBody = z.strictObject({
  estateId: z.uuid(),
  channel: z.enum(CHANNELS),
  description: text(4000, '请填写报修/投诉内容'),
  ...CaseIntakeFields,
});

export const CaseListQuery = z.strictObject({
  estateId: z.uuid().optional(),
  status: z
    .union([z.enum(CASE_STATUSES), z.array(z.enum(CASE_STATUSES))])
    .optional()
    .transform((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v])),
  kind: z.enum(CASE_KINDS).optional(),
  urgency: z.enum(URGENCIES).optional(),
  unitId: z.uuid().optional(),
  q: z.string().trim().max(100).optional(),
  from: isoTime.optional(),
  to: isoTime.optional(),
  departmentId: z.uuid('部门编号格式不正确').optional(),
  overdue: z
    .enum(['true', 'false'], { message: '超时筛选只能是 true 或 false' })
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true')),
  sort: z.enum(['opened', 'due'], { message: '排序只能是 opened（按立项时间）或 due（按最近到期）' }).default('opened'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const IdParams = z.object({ id: z.uuid('编号格式不正确') });

/** `include=timeline` returns the case page with its timeline in one request. */
export const CaseGetQuery = z.strictObject({ include: z.enum(['timeline'], '只能附带 timeline').optional() });

export const PauseBody = z.strictObject({
  reason: z.enum(['awaiting_resident', 'awaiting_parts', 'awaiting_third_party', 'other']),
  until: isoTime.nullish(),
  note: z.string().trim().max(1000).optional(),
});
export const NoteBody = z.strictObject({ note: text(2000) });
export const OptionalNoteBody = z.strictObject({ note: z.string().trim().max(2000).optional() });
export const ReasonBody = z.strictObject({ reason: text(2000, '请填写原因') });

export const CloseBody = z.strictObject({
  result: text(2000, '请填写处理结果'),
  evidence: z
    .discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('document'), note: text(2000, '请填写书面依据') }),
      z.strictObject({ kind: z.literal('supervisor') }),
    ])
    .optional(),
});

export const ReclassifyBody = z.strictObject({
  reason: text(2000, '请填写原因'),
  complaintContent: z.enum(COMPLAINT_CONTENTS).nullish(),
});

export const FlagBody = z
  .strictObject({
    urgency: z.enum(URGENCIES).optional(),
    major: z.boolean().optional(),
    hot: z.boolean().optional(),
    /** R-HOT-1/2 judgements: a threatened lawsuit/exposure makes the case hot, a filed/published one major. */
    lawsuit: z.enum(LAWSUIT_FLAGS, '诉讼标记只能是 risk（可能起诉）或 filed（已起诉）').optional(),
    media: z.enum(MEDIA_FLAGS, '媒体标记只能是 risk（可能曝光）或 exposed（已曝光）').optional(),
    reason: text(2000, '请填写原因'),
  })
  .refine((b) => b.urgency !== undefined || b.major !== undefined || b.hot !== undefined || b.lawsuit !== undefined || b.media !== undefined, {
    message: '请至少选择一项标记',
    path: ['urgency'],
  });

/** R-IN-8: the time the desk promised the resident a reply; setting it again moves the clock. */
/** Issue 13 item 1: why the desk reads the full number; `other` needs a note. */
export const RevealPhoneBody = z
  .strictObject({ reason: z.enum(PHONE_REVEAL_REASONS, { error: '请选择查看原因' }), note: z.string().trim().max(500).optional() })
  .refine((b) => b.reason !== 'other' || Boolean(b.note), { path: ['note'], message: '选择“其他”时请说明原因' });
export const RevealPhoneAnswer = z.object({ contactPhone: z.string(), revealedAt: z.string() });

export const PromiseReplyBody = z.strictObject({ at: isoTime, note: z.string().trim().max(1000).optional() });

export const ConfirmBody = z.strictObject({ rating: z.number().int().min(1).max(5), comment: z.string().trim().max(1000).optional() });

export const FindingBody = z.strictObject({ description: text(2000, '请描述发现的问题') });
export const SettleFindingBody = z.discriminatedUnion('outcome', [
  z.strictObject({ outcome: z.literal('resolved') }),
  z.strictObject({
    outcome: z.literal('split'),
    newCase: z.strictObject({ channel: z.enum(CHANNELS), description: text(4000), ...CaseIntakeFields }),
  }),
]);

export const DecideApprovalBody = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  comment: z.string().trim().max(2000).optional(),
});

export const ApprovalQuery = z.strictObject({
  status: z.enum(['pending', 'approved', 'rejected']).default('pending'),
  estateId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});

export const ReturnVisitBody = z.strictObject({
  kind: z.enum(['closing', 'stage']),
  outcome: z.enum(['visited', 'exempt']),
  exemptReason: z.enum(['resolved_on_spot', 'anonymous', 'unreachable', 'sensitive']).optional(),
  satisfaction: z.number().int().min(1).max(5).optional(),
  opinion: z.string().trim().max(2000).optional(),
});

/** The resident's own answer to the closing return visit (portal); a missing satisfaction is refused by the service, after the case check. */
export const AnswerVisitBody = z.strictObject({
  satisfaction: z.number().int().min(1, '请选择满意度').max(5, '满意度为 1–5').optional(),
  opinion: z.string().trim().max(2000).optional(),
});
/** Photos of the problem added to a case (uploaded first through /api/estates/:estateId/files). */
export const PhotosBody = z.strictObject({
  photos: z.array(z.string().regex(/^[0-9a-f]{64}$/, '文件编号格式不正确')).max(12, '最多 12 张照片').default([]),
});
