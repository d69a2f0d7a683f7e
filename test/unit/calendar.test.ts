import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  addWorkingMinutes,
  endOfWorkingDay,
  isWorkingDay,
  isWorkingTime,
  nextWorkingStart,
  workingMinutesBetween,
} from '../../src/domain/calendar/business-calendar.js';
import { deskCalendar, hotlineCalendar } from '../../src/domain/calendar/calendar-data.js';
import { beijingIso } from '../../src/domain/sla/format.js';

const cal = deskCalendar();
const bj = (s: string) => new Date(`${s}+08:00`);
const iso = (d: Date) => beijingIso(d);

describe('desk calendar: days', () => {
  it('Spring Festival 2026 (15–23 Feb) is off; Saturday 14 Feb and 28 Feb are 调休 working days', () => {
    for (const d of ['2026-02-15', '2026-02-18', '2026-02-23']) expect(isWorkingDay(cal, d)).toBe(false);
    expect(isWorkingDay(cal, '2026-02-14')).toBe(true);
    expect(isWorkingDay(cal, '2026-02-28')).toBe(true);
    expect(isWorkingDay(cal, '2026-02-24')).toBe(true);
  });
  it('National Day 2025 (1–8 Oct) and 2026 (1–7 Oct) are off; 28 Sep 2025 and 10 Oct 2025/2026 are worked', () => {
    expect(isWorkingDay(cal, '2025-10-08')).toBe(false);
    expect(isWorkingDay(cal, '2025-09-28')).toBe(true);
    expect(isWorkingDay(cal, '2025-10-11')).toBe(true);
    expect(isWorkingDay(cal, '2026-10-07')).toBe(false);
    expect(isWorkingDay(cal, '2026-10-10')).toBe(true);
    expect(isWorkingDay(cal, '2026-10-11')).toBe(false);
  });
  it('an ordinary weekend is off', () => {
    expect(isWorkingDay(cal, '2026-03-07')).toBe(false);
    expect(isWorkingDay(cal, '2026-03-08')).toBe(false);
  });
  it('the hotline works every day, holidays included (R-GM-5)', () => {
    const h = hotlineCalendar();
    expect(isWorkingTime(h, bj('2026-02-17T09:00:00'))).toBe(true);
    expect(isWorkingTime(h, bj('2026-02-17T18:00:00'))).toBe(false);
    expect(isWorkingTime(h, bj('2026-02-17T08:29:00'))).toBe(false);
    const longer = hotlineCalendar({ hotline: ['08:00', '20:00'] });
    expect(isWorkingTime(longer, bj('2026-02-17T19:30:00'))).toBe(true);
    expect(isWorkingTime(longer, bj('2026-02-17T20:00:00'))).toBe(false);
  });
});

describe('desk calendar: hours', () => {
  it('lunch 12:00–13:00 is not working time; summer afternoons run 13:30–17:30', () => {
    expect(isWorkingTime(cal, bj('2026-03-02T11:59:00'))).toBe(true);
    expect(isWorkingTime(cal, bj('2026-03-02T12:30:00'))).toBe(false);
    expect(isWorkingTime(cal, bj('2026-03-02T16:59:00'))).toBe(true);
    expect(isWorkingTime(cal, bj('2026-03-02T17:00:00'))).toBe(false);
    expect(isWorkingTime(cal, bj('2026-07-01T13:15:00'))).toBe(false);
    expect(isWorkingTime(cal, bj('2026-07-01T17:15:00'))).toBe(true);
  });
  it('adding working minutes skips lunch, nights, weekends and holidays', () => {
    expect(iso(addWorkingMinutes(cal, bj('2026-03-02T11:50:00'), 30))).toBe('2026-03-02T13:20:00+08:00');
    expect(iso(addWorkingMinutes(cal, bj('2026-03-06T16:50:00'), 30))).toBe('2026-03-09T08:20:00+08:00');
    // Friday 13 Feb 2026, then Saturday 14 Feb is a 调休 working day, then the festival.
    expect(iso(addWorkingMinutes(cal, bj('2026-02-13T16:30:00'), 60))).toBe('2026-02-14T08:30:00+08:00');
    expect(iso(addWorkingMinutes(cal, bj('2026-02-14T16:30:00'), 60))).toBe('2026-02-24T08:30:00+08:00');
    expect(iso(addWorkingMinutes(cal, bj('2026-03-07T10:00:00'), 10))).toBe('2026-03-09T08:10:00+08:00');
  });
  it('end of working day: today’s end, or the next working day’s when today is over or off (R-FU-2)', () => {
    expect(iso(endOfWorkingDay(cal, bj('2026-03-02T09:00:00')))).toBe('2026-03-02T17:00:00+08:00');
    expect(iso(endOfWorkingDay(cal, bj('2026-03-02T18:00:00')))).toBe('2026-03-03T17:00:00+08:00');
    expect(iso(endOfWorkingDay(cal, bj('2026-07-01T17:10:00')))).toBe('2026-07-01T17:30:00+08:00');
    expect(iso(endOfWorkingDay(cal, bj('2026-10-01T10:00:00')))).toBe('2026-10-08T17:00:00+08:00');
  });
  it('N working days: end of the Nth working day after the day of receipt (R-CP-1)', () => {
    expect(iso(addWorkingDays(cal, bj('2026-03-06T10:00:00'), 2))).toBe('2026-03-10T17:00:00+08:00');
    expect(iso(addWorkingDays(cal, bj('2026-09-30T10:00:00'), 2))).toBe('2026-10-09T17:00:00+08:00');
    expect(iso(addWorkingDays(cal, bj('2026-09-30T10:00:00'), 3))).toBe('2026-10-10T17:00:00+08:00');
    // Thu 12 Feb → Fri 13, Sat 14 (调休), then Tue 24 after the festival.
    expect(iso(addWorkingDays(cal, bj('2026-02-12T10:00:00'), 3))).toBe('2026-02-24T17:00:00+08:00');
  });
  it('next working start and working minutes between', () => {
    expect(iso(nextWorkingStart(cal, bj('2026-03-02T12:10:00')))).toBe('2026-03-02T13:00:00+08:00');
    expect(workingMinutesBetween(cal, bj('2026-03-02T11:00:00'), bj('2026-03-02T14:00:00'))).toBe(120);
    expect(workingMinutesBetween(cal, bj('2026-03-06T16:00:00'), bj('2026-03-09T09:00:00'))).toBe(120);
  });
});

describe('desk calendar: Golden Weeks, holidays and 调休', () => {
  it('working minutes across National Day: the rest of the last summer afternoon, then the first morning after the week', () => {
    // Wed 30 Sep 2026 is still summer (afternoon to 17:30): 90 of the 120 minutes; 1–7 Oct off.
    expect(iso(addWorkingMinutes(cal, bj('2026-09-30T16:00:00'), 120))).toBe('2026-10-08T08:30:00+08:00');
    // 2025's week ran 1–8 Oct.
    expect(iso(addWorkingMinutes(cal, bj('2025-09-30T17:00:00'), 60))).toBe('2025-10-09T08:30:00+08:00');
    expect(workingMinutesBetween(cal, bj('2026-09-30T17:00:00'), bj('2026-10-08T09:00:00'))).toBe(90);
  });
  it('working minutes across the May Day week: winter hours end the 30th, summer hours begin after the holiday', () => {
    expect(iso(addWorkingMinutes(cal, bj('2026-04-30T16:30:00'), 60))).toBe('2026-05-06T08:30:00+08:00');
  });
  it('working minutes run on a 调休 Saturday and skip the Sunday after it', () => {
    expect(iso(addWorkingMinutes(cal, bj('2026-10-09T16:30:00'), 60))).toBe('2026-10-10T08:30:00+08:00');
    expect(iso(addWorkingMinutes(cal, bj('2026-10-10T16:30:00'), 60))).toBe('2026-10-12T08:30:00+08:00');
  });
  it('isWorkingTime is false in working hours of a holiday weekday', () => {
    for (const t of ['2026-10-05T10:00:00', '2026-02-16T10:00:00', '2026-05-04T10:00:00', '2025-10-08T15:00:00']) expect(isWorkingTime(cal, bj(t)), t).toBe(false);
  });
  it('isWorkingTime is true in working hours of a 调休 weekend day, with that season’s lunch', () => {
    for (const t of ['2026-10-10T10:00:00', '2026-02-14T09:00:00', '2026-05-09T14:00:00', '2026-09-20T10:00:00']) expect(isWorkingTime(cal, bj(t)), t).toBe(true);
    expect(isWorkingTime(cal, bj('2026-10-10T12:30:00'))).toBe(false);
    expect(isWorkingTime(cal, bj('2026-05-09T13:15:00'))).toBe(false); // summer lunch runs to 13:30
    expect(isWorkingTime(cal, bj('2026-10-17T10:00:00'))).toBe(false); // an ordinary Saturday
  });
});

describe('calendar properties (fast-check)', () => {
  const instant = fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2026-12-20T00:00:00Z'), noInvalidDate: true });
  const minutes = fc.integer({ min: 1, max: 5 * 24 * 60 });

  it('adding working time never lands outside working hours', () => {
    fc.assert(
      fc.property(instant, minutes, (from, m) => {
        const r = addWorkingMinutes(cal, from, m);
        const justBefore = new Date(r.getTime() - 1);
        return isWorkingTime(cal, justBefore) || isWorkingTime(cal, r);
      }),
      { numRuns: 300 },
    );
  });

  it('adding working time is never earlier than adding wall-clock time', () => {
    fc.assert(fc.property(instant, minutes, (from, m) => addWorkingMinutes(cal, from, m).getTime() >= from.getTime() + m * 60_000), { numRuns: 300 });
  });

  it('it is monotonic in the minutes added', () => {
    fc.assert(fc.property(instant, minutes, minutes, (from, a, b) => {
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      return addWorkingMinutes(cal, from, lo) <= addWorkingMinutes(cal, from, hi);
    }), { numRuns: 200 });
  });

  it('adding a then b equals adding a + b', () => {
    fc.assert(fc.property(instant, minutes, minutes, (from, a, b) =>
      addWorkingMinutes(cal, addWorkingMinutes(cal, from, a), b).getTime() === addWorkingMinutes(cal, from, a + b).getTime(),
    ), { numRuns: 200 });
  });

  it('working minutes between from and from + m working minutes is m', () => {
    fc.assert(fc.property(instant, minutes, (from, m) => Math.abs(workingMinutesBetween(cal, from, addWorkingMinutes(cal, from, m)) - m) < 1e-6), { numRuns: 200 });
  });
});
