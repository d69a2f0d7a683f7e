import { z } from 'zod';
import { CaseListQuery } from './cases.js';

/** A Beijing calendar day, YYYY-MM-DD, that exists (2026-02-30 is refused). */
const day = (label: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式应为 YYYY-MM-DD，如 2026-03-02`)
    .refine((v) => {
      const d = new Date(`${v}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
    }, `${label}不是有效日期`);

export const EstateDayParams = z.object({ estateId: z.uuid(), day: day('日期') });
/**
 * What the routes accept before the estate check, so another estate's caller gets 404 whatever
 * they send; the strict schemas above are applied after it (400 with field messages). They are
 * z.looseObject, not z.object: z.object would strip unknown keys (estate_id, status …) before
 * the strict parse could refuse them.
 */
export const EstateDayParamsLoose = z.looseObject({ estateId: z.uuid(), day: z.string().max(40) });
export const OrderDelayParamsLoose = EstateDayParamsLoose.extend({ orderId: z.string().max(80) });
export const OrderDelayBodyLoose = z.looseObject({ reason: z.unknown().optional(), expectedDate: z.unknown().optional() });
export const DailyQuery = z.strictObject({ day: day('日期').optional() });
export const SignDayBody = z.strictObject({ note: z.string().trim().max(2000).optional() });

/** R-DY-2: why an order issued that day has not come back, and when it is expected. */
export const OrderDelayParams = z.object({ estateId: z.uuid(), day: day('日期'), orderId: z.uuid('派工单编号格式不正确') });
export const OrderDelayBody = z.strictObject({
  reason: z.string().trim().min(1, '请填写未返单原因').max(1000),
  expectedDate: day('预计返单日期'),
});

export const WeeklyQuery = z.strictObject({
  monday: day('周一日期')
    .refine((v) => new Date(`${v}T00:00:00Z`).getUTCDay() === 1, '请选择一周的星期一')
    .optional(),
});

/** The case list's filters without paging: the CSV holds every matching case (up to a cap). */
export const CasesCsvQuery = CaseListQuery.omit({ cursor: true, limit: true });

/** A month YYYY-MM that exists (2026-13 is refused). */
const month = z
  .string()
  .trim()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM，如 2026-03')
  .refine((v) => Number(v.slice(0, 4)) >= 2000 && Number(v.slice(0, 4)) <= 2100, '月份应在 2000–2100 年之间');
/** A quarter YYYY-Qn. */
const quarter = z
  .string()
  .trim()
  .regex(/^\d{4}-Q[1-4]$/, '季度格式应为 YYYY-Qn，如 2026-Q1')
  .refine((v) => Number(v.slice(0, 4)) >= 2000 && Number(v.slice(0, 4)) <= 2100, '季度应在 2000–2100 年之间');

/** Loose forms checked after the estate check (another estate gets 404 whatever it sends). */
export const MonthlyQueryLoose = z.looseObject({ month: z.string().max(40).optional() });
export const MonthlyQuery = z.strictObject({ month: month.optional() });
export const QuarterlyQueryLoose = z.looseObject({ quarter: z.string().max(40).optional() });
export const QuarterlyQuery = z.strictObject({ quarter: quarter.optional() });

/** R-QT-1: the supervisor signs (with an optional note), then the project manager comments and signs. */
export const QuarterSignBodyLoose = z.looseObject({ quarter: z.unknown().optional(), role: z.unknown().optional(), note: z.unknown().optional(), comment: z.unknown().optional() });
export const QuarterSignBody = z.strictObject({
  quarter,
  role: z.enum(['supervisor', 'project_manager'], { error: '签字身份应为 客服主管（supervisor）或 项目经理（project_manager）' }),
  note: z.string().trim().max(2000, '备注不能超过 2000 字').optional(),
  comment: z.string().trim().max(4000, '项目经理意见不能超过 4000 字').optional(),
});

/** R-SH-1: shift handover (交接班). Loose forms first, so another estate gets 404 whatever it sends. */
export const HandoverQueryLoose = z.looseObject({ limit: z.string().max(10).optional(), cursor: z.string().max(200).optional() });
export const HandoverQuery = z.strictObject({
  limit: z.coerce.number().int('条数应为整数').min(1, '条数至少为 1').max(100, '条数不能超过 100').default(20),
  cursor: z.string().max(200).optional(),
});
export const HandoverBodyLoose = z.looseObject({ takenBy: z.unknown().optional(), shift: z.unknown().optional(), note: z.unknown().optional() });
export const HandoverBody = z.strictObject({
  takenBy: z.uuid('请选择接班人'),
  shift: z.enum(['day', 'night'], { error: '班次应为 白班（day）或 夜班（night）' }),
  note: z.string().trim().max(2000, '备注不能超过 2000 字').optional(),
});
