import { z } from 'zod';
import { ORDER_STATUSES } from '../domain/work-order-lifecycle.js';

const isoTime = z.iso.datetime({ offset: true, message: '请填写带时区的时间，如 2026-03-02T10:00:00+08:00' });
const sha = z.string().regex(/^[0-9a-f]{64}$/, '文件编号格式不正确');
const note = (msg: string) => z.string().trim().min(1, msg).max(2000);

export const IssueOrderBody = z.strictObject({
  departmentId: z.uuid('请选择部门'),
  technicianId: z.uuid().nullish(),
  instructions: z.string().trim().max(2000).nullish(),
  appointmentAt: isoTime.nullish(),
  retroactive: z.boolean().optional(),
  startedAt: isoTime.nullish(),
});

export const AssignBody = z.strictObject({ technicianId: z.uuid('请选择维修人员') });
export const NoteOnlyBody = z.strictObject({ note: note('请填写说明') });
export const EmptyBody = z.strictObject({});
export const RebookBody = z.strictObject({ appointmentAt: isoTime, reason: note('请填写改约原因') });
export const VoidBody = z.strictObject({ reason: note('作废须说明原因（R-WO-2）') });
export const CheckBody = z.strictObject({ passed: z.boolean(), note: z.string().trim().max(2000).optional(), inspectedOnSite: z.boolean().optional() });

export const MaterialBody = z.strictObject({
  name: z.string().trim().min(1, '请填写材料名称').max(100),
  spec: z.string().trim().max(100).nullish(),
  model: z.string().trim().max(100).nullish(),
  quantity: z.number().positive('数量须大于 0').max(100_000),
  unit: z.string().trim().max(20).nullish(),
  unitPriceCents: z.number().int().min(0).max(10_000_000),
  suppliedBy: z.enum(['company', 'resident']),
});

export const CompleteBody = z.strictObject({
  workDone: note('请填写维修内容'),
  diagnosis: z.string().trim().max(2000).nullish(),
  materials: z.array(MaterialBody).max(50).default([]),
  labourCents: z.number().int().min(0).max(10_000_000).default(0),
  signatureSha256: sha.describe('业户签名图片（先上传）'),
  photos: z.array(sha).max(12).default([]),
  /** How many of the leading photos were taken before the repair (the rest after). */
  beforePhotos: z.number().int().min(0).max(12).optional(),
  evaluation: z.string().trim().max(1000).nullish(),
  rating: z.number().int().min(1).max(5).nullish(),
});

export const OrderListQuery = z.strictObject({
  estateId: z.uuid().optional(),
  status: z
    .union([z.enum(ORDER_STATUSES), z.array(z.enum(ORDER_STATUSES))])
    .optional()
    .transform((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v])),
  departmentId: z.uuid().optional(),
  technicianId: z.uuid().optional(),
  mine: z.enum(['true', 'false']).optional().transform((v) => v === 'true'),
  active: z.enum(['true', 'false']).optional().transform((v) => v === 'true'),
  number: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
