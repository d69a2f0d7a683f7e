import { z } from 'zod';
import { CASE_KINDS } from '../domain/case-types.js';

const code = z.string().trim().min(1, '请填写编码').max(20).regex(/^[0-9A-Za-z_-]+$/, '编码只能包含字母、数字、- 和 _');
const name = z.string().trim().min(1, '请填写名称').max(100);

/** R-MO-2 specialties the monthly statistics count orders by. */
export const SPECIALTIES = ['water', 'electricity', 'civil', 'lift', 'gas', 'door_window', 'public_facility', 'service', 'general'] as const;

export const CreateCategoryBody = z.strictObject({
  code,
  name,
  kinds: z.array(z.enum(CASE_KINDS)).max(CASE_KINDS.length).default([]),
  specialty: z.enum(SPECIALTIES).default('general'),
});
export const CreatePriceItemBody = z.strictObject({
  code,
  name,
  unit: z.string().trim().min(1, '请填写计价单位').max(20),
  priceCents: z.number({ error: '请填写价格' }).int('价格以分为单位，须为整数').min(0, '价格不能为负').max(100_000_000, '价格过大'),
  labourOnly: z.boolean().optional(),
});
export const CatalogListQuery = z.strictObject({ includeInactive: z.stringbool().optional() });
export const CatalogEntryParams = z.object({ estateId: z.uuid(), id: z.uuid('编号格式不正确') });
export const UpdateCategoryBody = z.strictObject({
  name: name.optional(),
  kinds: z.array(z.enum(CASE_KINDS)).max(CASE_KINDS.length).optional(),
  specialty: z.enum(SPECIALTIES).optional(),
});
export const UpdatePriceItemBody = CreatePriceItemBody.omit({ code: true }).partial();
