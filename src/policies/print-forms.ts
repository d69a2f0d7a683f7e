import type { Role } from '../domain/roles.js';
import type { PolicyTable } from './policy.js';

export const PRINT_FORM_ACTIONS = ['print_return_visits'] as const;
export type PrintFormAction = (typeof PRINT_FORM_ACTIONS)[number];

/** The 回访记录表 names residents: the desk that makes the visits, its supervisor and head, the quality office (R-RV-1). */
const VISIT_READERS: readonly Role[] = ['receptionist', 'night_duty', 'supervisor', 'project_manager', 'quality_officer'];

export const printFormPolicy: PolicyTable<PrintFormAction, { estateId: string }> = {
  print_return_visits: [{ roles: VISIT_READERS }],
};
