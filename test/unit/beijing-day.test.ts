import { describe, expect, it } from 'vitest';
import { beijingDay, beijingIso, beijingMinute, beijingMonth, beijingYear, dayBounds, monthBounds } from '../../src/domain/beijing-day.js';

describe('Beijing time, written once', () => {
  const newYear = new Date('2025-12-31T16:00:00Z'); // 2026-01-01 00:00 in Beijing
  it('day, month and year turn at Beijing midnight, not at UTC midnight', () => {
    expect(beijingDay(newYear)).toBe('2026-01-01');
    expect(beijingMonth(newYear)).toBe('2026-01');
    expect(beijingYear(newYear)).toBe(2026);
    expect(beijingYear(new Date(newYear.getTime() - 1))).toBe(2025);
  });

  it('bounds of a day and of a month, December into January included', () => {
    expect(dayBounds('2026-01-01')).toEqual({ from: newYear, to: new Date('2026-01-01T16:00:00Z') });
    expect(monthBounds('2025-12')).toEqual({ from: new Date('2025-11-30T16:00:00Z'), to: newYear, lastDay: '2025-12-31' });
    expect(monthBounds('2026-02').lastDay).toBe('2026-02-28');
  });

  it('shown as the forms and the API show it', () => {
    expect(beijingIso(newYear)).toBe('2026-01-01T00:00:00+08:00');
    expect(beijingMinute('2026-03-02T02:05:00Z')).toBe('2026-03-02 10:05');
    expect(beijingMinute(null)).toBe('');
  });
});
