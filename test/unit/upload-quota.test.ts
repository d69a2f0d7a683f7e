import { describe, expect, it } from 'vitest';
import { beijingDayStart, dailyUploadBytes, decideUpload, DEFAULT_UPLOAD_SETTINGS } from '../../src/domain/upload-quota.js';

const MB = 1024 * 1024;

describe('daily upload allowance', () => {
  it('system: the day is the Beijing calendar day (16:00 UTC is midnight)', () => {
    expect(beijingDayStart(new Date('2026-03-02T15:59:59Z')).toISOString()).toBe('2026-03-01T16:00:00.000Z');
    expect(beijingDayStart(new Date('2026-03-02T16:00:00Z')).toISOString()).toBe('2026-03-02T16:00:00.000Z');
  });

  it('resident: 50 MB by default, staff 500 MB', () => {
    expect(dailyUploadBytes(DEFAULT_UPLOAD_SETTINGS, true)).toBe(50 * MB);
    expect(dailyUploadBytes(DEFAULT_UPLOAD_SETTINGS, false)).toBe(500 * MB);
  });

  it('resident: an upload that exactly fills the allowance fits; one byte more is refused until Beijing midnight', () => {
    const now = new Date('2026-03-02T15:00:00Z'); // 23:00 Beijing
    expect(decideUpload(45 * MB, 5 * MB, 50 * MB, now)).toEqual({ ok: true });
    expect(decideUpload(45 * MB, 5 * MB + 1, 50 * MB, now)).toEqual({ ok: false, limitMb: 50, retryAfterSeconds: 3600 });
  });
});
