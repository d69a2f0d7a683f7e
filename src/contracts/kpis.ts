import { z } from 'zod';
import { parseKpiPeriod } from '../domain/kpi-period.js';

const estateId = z.uuid('项目编号格式不正确');

/** One estate (`estateId=…`) or several (the key repeated); none: every estate the caller reads. */
const EstateIds = z
  .union([estateId, z.array(estateId).max(1000, '一次最多比较 1000 个项目')])
  .transform((v) => (Array.isArray(v) ? v : [v]))
  .optional();

const Period = z
  .string()
  .trim()
  .max(30)
  .refine((v) => parseKpiPeriod(v) !== null, '统计期间格式应为 2026-03、2026-Q1、2026 或 2026-03-01..2026-03-15（至多约三年）');

export const KpiQuery = z.strictObject({ estateId: EstateIds, period: Period.optional() });

export const KpiTrendQuery = z.strictObject({
  estateId: EstateIds,
  last: z
    .string()
    .trim()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM')
    .optional(),
  months: z.coerce.number().int('月数应为整数').min(2, '至少 2 个月').max(36, '至多 36 个月').default(12),
});

/** One estate's breakdowns: the estate is required (categories and buildings are an estate's own). */
export const KpiBreakdownQuery = z.strictObject({ estateId, period: Period.optional() });
