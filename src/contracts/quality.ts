import { z } from 'zod';
import { FORWARDED_SOURCES, QUALITY_SOURCES, QUALITY_STATUSES } from '../domain/quality.js';

const text = (max: number, required: string) => z.string({ error: required }).trim().min(1, required).max(max);

/** A complaint forwarded to the quality office by the group, the government (12345) or the developer. */
export const QualityComplaintBody = z.strictObject({
  estateId: z.uuid({ error: '请选择被投诉的项目' }),
  source: z.enum(FORWARDED_SOURCES, { error: '请选择投诉来源（集团、政府或开发商转办）' }),
  sourceRef: z.string().trim().max(60).nullish(),
  unitCode: z.string().trim().max(30).nullish(),
  complainantName: z.string().trim().max(50).nullish(),
  complainantPhone: z.string().trim().regex(/^[0-9+\-\s]{5,20}$/, '电话号码格式不正确').nullish(),
  matter: text(4000, '请填写投诉内容'),
});

export const QualityListQuery = z.strictObject({
  estateId: z.uuid().optional(),
  source: z.enum(QUALITY_SOURCES).optional(),
  status: z.enum(QUALITY_STATUSES).optional(),
  open: z.stringbool().optional(),
  overdue: z.stringbool().optional(),
  q: z.string().trim().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** R-CP-3: why the estate cannot solve it. */
export const EscalateQualityBody = z.strictObject({ reason: text(2000, '请填写项目无法解决的原因') });
export const QualityNoteBody = z.strictObject({ note: text(2000, '请填写处理进展') });
export const QualityHandDownBody = z.strictObject({ note: z.string().trim().max(2000).nullish() });
export const QualityResolveBody = z.strictObject({ resolution: text(2000, '请填写解决情况') });
export const QualityCloseBody = z.strictObject({
  satisfaction: z.number({ error: '请选择投诉人满意度' }).int().min(1, '满意度为 1–5').max(5, '满意度为 1–5'),
  note: text(2000, '请填写回复投诉人的情况'),
});

export const HotRegistryQuery = z.strictObject({
  estateId: z.uuid().optional(),
  kind: z.enum(['hot', 'major']).optional(),
  open: z.stringbool().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** R-CP-2: a public reply to an online complaint, as drafted. */
export const PublicReplyBody = z.strictObject({
  kind: z.enum(['acknowledgement', 'measure', 'reply'], { error: '请选择回复类型' }),
  body: text(2000, '请填写回复内容'),
});
export const ApproveReplyBody = z.strictObject({ note: z.string().trim().max(500).nullish() });
export const PublishReplyBody = z.strictObject({ url: z.url({ protocol: /^https?$/, error: '请填写以 http(s):// 开头的链接' }).max(1000).nullish() });
/** The online post as it was found. */
export const OnlinePostBody = z.strictObject({
  sourceUrl: z.url({ protocol: /^https?$/, error: '请填写以 http(s):// 开头的链接' }).max(1000),
  body: text(4000, '请填写帖子原文'),
  screenshotSha256: z.string().regex(/^[0-9a-f]{64}$/, '截图须先上传').nullish(),
});
export const OnlineListQuery = z.strictObject({
  estateId: z.uuid().optional(),
  open: z.stringbool().optional(),
  awaitingApproval: z.stringbool().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
