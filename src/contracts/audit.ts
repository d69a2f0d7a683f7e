import { z } from 'zod';

/** The tables whose changes the set-up history records (migration 0018). */
export const AUDITED_SUBJECTS = ['estates', 'buildings', 'units', 'residents', 'departments', 'staff_roles', 'categories', 'price_items'] as const;

const isoTime = z.iso.datetime({ offset: true, message: '请填写带时区的时间，如 2026-03-02T10:00:00+08:00' });

export const AuditQuery = z.strictObject({
  subject: z.enum(AUDITED_SUBJECTS, { message: '对象应为 estates、buildings、units、residents、departments、staff_roles、categories 或 price_items' }).optional(),
  from: isoTime.optional(),
  to: isoTime.optional(),
  /** `nextBefore` of the previous page. */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
