import { z } from 'zod';
import { STAFF_ROLES } from '../domain/roles.js';
import { EstateSettingsBody } from './settings.js';
import { PHONE_PATTERN, RELATIONS, RESIDENT_NAME_MAX, RESIDENT_PHONES_MAX } from '../domain/unit-code.js';

const code = (what: string) => z.string().trim().min(1, `请填写${what}`).max(20).regex(/^[0-9A-Za-z_-]+$/, `${what}只能包含字母、数字、- 和 _`);
const name = z.string().trim().min(1, '请填写名称').max(100);

export const EstateIdParams = z.object({ estateId: z.uuid() });
export const CreateEstateBody = z.strictObject({
  code: code('项目编码'),
  name,
  casePrefix: z.string().trim().regex(/^[A-Z]{1,6}$/, '案件编号前缀为 1–6 个大写字母'),
  households: z.number().int().min(0).max(1_000_000).optional(),
  settings: EstateSettingsBody.optional(),
});
export const UpdateEstateBody = z.strictObject({
  name: name.optional(),
  households: z.number().int().min(0).max(1_000_000).optional(),
  settings: EstateSettingsBody.optional(),
});
export const CodeNameBody = z.strictObject({ code: code('编码'), name });
export const CreateUnitBody = z.strictObject({
  code: z.string().trim().min(1, '请填写房号').max(30),
  areaM2: z.number().int().min(1).max(100_000).nullish(),
  vacant: z.boolean().optional(),
});
export const UnitListQuery = z.strictObject({
  buildingId: z.uuid().optional(),
  q: z.string().trim().max(30).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export const CreateResidentBody = z.strictObject({
  unitId: z.uuid('请选择房号'),
  name: z.string().trim().min(1, '请填写姓名').max(RESIDENT_NAME_MAX, `姓名不能超过 ${RESIDENT_NAME_MAX} 个字`),
  relation: z.enum(RELATIONS),
  phones: z.array(z.string().trim().regex(PHONE_PATTERN, '电话号码格式不正确（手机 11 位，或带区号的座机）')).max(RESIDENT_PHONES_MAX, `电话最多 ${RESIDENT_PHONES_MAX} 个`).default([]),
});
export const UpdateUnitBody = z.strictObject({
  areaM2: z.number().int().min(1, '面积须大于 0').max(100_000).nullish(),
  vacant: z.boolean().optional(),
});
export const UpdateResidentBody = z.strictObject({
  name: z.string().trim().min(1, '请填写姓名').max(RESIDENT_NAME_MAX, `姓名不能超过 ${RESIDENT_NAME_MAX} 个字`).optional(),
  relation: z.enum(RELATIONS).optional(),
  phones: z.array(z.string().trim().regex(PHONE_PATTERN, '电话号码格式不正确（手机 11 位，或带区号的座机）')).max(RESIDENT_PHONES_MAX, `电话最多 ${RESIDENT_PHONES_MAX} 个`).optional(),
});
export const ResidentListQuery = z.strictObject({
  unitId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export const UnitLookupQuery = z.strictObject({ q: z.string().trim().min(1, '请输入房号').max(30) });
export const PhoneLookupQuery = z.strictObject({ phone: z.string().trim().regex(/^\d{4,12}$/, '请输入至少 4 位数字') });
export const StaffQuery = z.strictObject({ role: z.enum(STAFF_ROLES as [string, ...string[]]).optional(), departmentId: z.uuid().optional() });
export const CreateStaffBody = z.strictObject({
  username: z.string().trim().min(2, '用户名至少 2 个字符').max(50).regex(/^[A-Za-z0-9_.-]+$/, '用户名只能包含字母、数字、_ . -'),
  displayName: z.string().trim().min(1, '请填写姓名').max(50),
  password: z.string().min(8, '密码至少 8 位').max(200),
  phone: z.string().trim().regex(PHONE_PATTERN, '电话号码格式不正确').nullish(),
  roles: z.array(z.enum(STAFF_ROLES as [string, ...string[]])).min(1, '请至少选择一个角色'),
  departmentId: z.uuid().nullish(),
});
/** Replaces a staff member's roles in one estate (and, when given, the department). */
export const StaffRolesBody = z.strictObject({
  roles: z.array(z.enum(STAFF_ROLES as [string, ...string[]])).min(1, '请至少选择一个角色'),
  departmentId: z.uuid().nullish(),
});
export const ImportQuery = z.strictObject({ dryRun: z.enum(['true', 'false']).optional().transform((v) => v === 'true') });
