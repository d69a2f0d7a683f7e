import type { FieldError } from './field-error.js';

export const PASSWORD_MIN_LENGTH = 8;

/** What is wrong with a new password, field by field (the change-password form shows each). */
export function newPasswordProblems(username: string, current: string, next: string): FieldError[] {
  if (next.length < PASSWORD_MIN_LENGTH) return [{ field: 'newPassword', message: `新密码至少 ${PASSWORD_MIN_LENGTH} 位` }];
  if (next === current) return [{ field: 'newPassword', message: '新密码不能与当前密码相同' }];
  if (next.toLowerCase() === username.toLowerCase()) return [{ field: 'newPassword', message: '新密码不能与用户名相同' }];
  return [];
}
