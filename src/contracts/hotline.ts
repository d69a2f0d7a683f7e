import { z } from 'zod';
import { DOSSIER_STATUSES } from '../domain/hotline.js';

const text = (max: number, required: string) => z.string({ error: required }).trim().min(1, required).max(max);
const isoTime = z.iso.datetime({ offset: true, message: '请填写带时区的时间，如 2026-03-02T10:00:00+08:00' });

/** R-GM-2: unit, name, phone, estate, matter. */
export const HotlineCallBody = z.strictObject({
  estateId: z.uuid({ error: '请选择项目' }),
  unitCode: z.string().trim().max(30).nullish(),
  callerName: z.string().trim().max(50).nullish(),
  callerPhone: z.string().trim().regex(/^[0-9+\-\s]{5,20}$/, '电话号码格式不正确').nullish(),
  matter: text(2000, '请填写反映的事项'),
  firstContact: z.boolean({ error: '请选择是否已经项目处理' }),
  major: z.boolean().optional(),
});

export const DossierListQuery = z.strictObject({
  estateId: z.uuid().optional(),
  status: z.enum(DOSSIER_STATUSES).optional(),
  open: z.stringbool().optional(),
  overdue: z.stringbool().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const MeasuresBody = z.strictObject({ measures: text(2000, '请填写处理措施'), responsibleUserId: z.uuid({ error: '请选择责任人' }) });
export const FirstVisitBody = z.strictObject({
  how: z.enum(['phone', 'visit', 'other'], { error: '请选择回访方式' }),
  said: text(2000, '请填写业户意见'),
  at: isoTime.optional(),
});
export const FollowUpBody = z.strictObject({ kind: z.enum(['follow_up', 'stage_visit'], { error: '请选择跟进方式' }), note: text(2000, '请填写跟进情况') });
export const ResolveBody = z.strictObject({ resolution: text(2000, '请填写解决情况') });
export const SecondVisitBody = z.strictObject({ said: text(2000, '请填写业户意见'), satisfaction: z.number({ error: '请选择满意度' }).int().min(1, '满意度为 1–5').max(5, '满意度为 1–5') });

export const DailyQuery = z.strictObject({
  day: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 2026-03-02')
    .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), '不是有效日期')
    .optional(),
});
