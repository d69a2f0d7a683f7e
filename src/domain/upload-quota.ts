import { beijingDay, dayBounds } from './beijing-day.js';

/**
 * How many megabytes of photos and signatures one person may upload to one estate per Beijing
 * day (issue 15 item 10). A technician's day is some tens of shrunk photos; the limits stop a
 * script (or a stolen resident login) from filling the disk, not a working desk.
 */
export interface UploadSettings {
  staffDailyMb: number;
  residentDailyMb: number;
}

export const DEFAULT_UPLOAD_SETTINGS: UploadSettings = { staffDailyMb: 500, residentDailyMb: 50 };

const MB = 1024 * 1024;

/** The start of the Beijing calendar day that contains `at`. */
export const beijingDayStart = (at: Date) => dayBounds(beijingDay(at)).from;

/** The caller's daily allowance in bytes: residents of the estate get the resident limit. */
export const dailyUploadBytes = (s: UploadSettings, resident: boolean) => (resident ? s.residentDailyMb : s.staffDailyMb) * MB;

export type QuotaDecision = { ok: true } | { ok: false; limitMb: number; retryAfterSeconds: number };

/** Whether `size` more bytes fit in today's allowance; if not, how long until the next day. */
export function decideUpload(usedBytes: number, size: number, allowanceBytes: number, now: Date): QuotaDecision {
  if (usedBytes + size <= allowanceBytes) return { ok: true };
  const nextDay = dayBounds(beijingDay(now)).to.getTime();
  return { ok: false, limitMb: Math.round(allowanceBytes / MB), retryAfterSeconds: Math.max(1, Math.ceil((nextDay - now.getTime()) / 1000)) };
}
