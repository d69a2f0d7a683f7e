/** Roles from DOMAIN.md §1. */
export const ROLES = [
  'resident',
  'receptionist',
  'night_duty',
  'dispatcher',
  'technician',
  'supervisor',
  'engineering_manager',
  'project_manager',
  'quality_officer',
  'hotline_officer',
  'finance',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

/** Roles that act across every estate of the group when held as group roles. */
export const GROUP_ROLES = ['quality_officer', 'hotline_officer', 'admin'] as const satisfies readonly Role[];
export type GroupRole = (typeof GROUP_ROLES)[number];

/** Staff roles held per estate (everything but resident). */
export const STAFF_ROLES = ROLES.filter((r) => r !== 'resident') as Exclude<Role, 'resident'>[];

export const ROLE_LABELS: Record<Role, string> = {
  resident: '业户',
  receptionist: '客服接待员',
  night_duty: '夜间值班',
  dispatcher: '调度/班长',
  technician: '维修技术员',
  supervisor: '客服主管',
  engineering_manager: '工程部经理',
  project_manager: '项目经理',
  quality_officer: '品质管理',
  hotline_officer: '热线专员',
  finance: '财务',
  admin: '系统管理员',
};
