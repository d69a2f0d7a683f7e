import type { FieldError } from './domain/field-error.js';

export type { FieldError };

/**
 * An error the caller can act on. Services throw these; the HTTP layer turns them into
 * 4xx responses with a zh-CN message (English alongside, for API users and logs).
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: { messageEn?: string; fields?: FieldError[]; rule?: string; report?: unknown[]; retryAfterSeconds?: number; ref?: string } = {},
  ) {
    super(message);
  }
}

export const notFound = (what = '记录') =>
  new AppError(404, 'not_found', `${what}不存在`, { messageEn: 'not found' });

export const invalid = (field: string, message: string, messageEn?: string) =>
  new AppError(400, 'validation', message, { messageEn, fields: [{ field, message }] });

export const forbidden = (message = '无权执行此操作', messageEn = 'forbidden') =>
  new AppError(403, 'forbidden', message, { messageEn });

/** A step the domain rules do not allow now; names the rule (e.g. R-CL-1). */
export const ruleViolation = (rule: string, message: string, messageEn?: string) =>
  new AppError(409, 'rule_violation', `${message}（${rule}）`, { rule, messageEn });

export const staleVersion = (current: number) =>
  new AppError(412, 'stale_version', `记录已被他人修改（当前版本 ${current}），请刷新后重试`, {
    messageEn: `stale version; current version is ${current}`,
  });

/** Several field problems at once (400), e.g. from domain intake checks. */
export const invalidFields = (fields: FieldError[]) =>
  new AppError(400, 'validation', `请求内容有误：${fields.map((f) => f.message).join('；')}`, { messageEn: 'invalid request', fields });
