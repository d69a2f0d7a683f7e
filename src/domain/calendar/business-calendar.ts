/**
 * Business calendars (issue 3): working hours with a lunch break and a summer schedule,
 * weekends, statutory holidays and make-up working days (调休) — all data, per estate.
 * Pure: every function takes the instant it works on. All dates are Beijing local dates
 * (Asia/Shanghai, UTC+8, no daylight saving), so the arithmetic is a fixed +8 h shift.
 */

import { BEIJING_OFFSET_MS as OFFSET_MS } from '../beijing-day.js';

const DAY_MS = 86_400_000;
const MAX_SCAN_DAYS = 800;

/** A working period of a day in minutes after local midnight, e.g. 08:00–12:00 = [480, 720]. */
export interface Period {
  start: number;
  end: number;
}

export interface BusinessCalendar {
  /** Periods of an ordinary working day. */
  periods: Period[];
  /** Summer schedule (seed 003: afternoons 13:30–17:30), from/to as MM-DD inclusive. */
  summer?: { from: string; to: string; periods: Period[] };
  /** Every day is a working day (the GM hotline is staffed 365 days). */
  everyDay: boolean;
  /** Local dates (YYYY-MM-DD) that are days off although weekdays. */
  holidays: ReadonlySet<string>;
  /** Local dates that are working days although weekends (调休上班). */
  makeupWorkdays: ReadonlySet<string>;
}

/** "08:30" → 510 minutes. @throws Error for a malformed time */
export function minutesOf(hhmm: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!m) throw new Error(`bad time of day: ${hhmm}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

export const period = (start: string, end: string): Period => ({ start: minutesOf(start), end: minutesOf(end) });

/** The Beijing local date of an instant, as YYYY-MM-DD. */
export const localDate = (at: Date) => new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);

/** The instant of a local date at a number of minutes after local midnight. */
export const instantAt = (date: string, minutes: number) => new Date(Date.parse(`${date}T00:00:00Z`) - OFFSET_MS + minutes * 60_000);

const msIntoDay = (at: Date) => (at.getTime() + OFFSET_MS) % DAY_MS;
const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

export function isWorkingDay(cal: BusinessCalendar, date: string): boolean {
  if (cal.everyDay) return true;
  if (cal.holidays.has(date)) return false;
  if (cal.makeupWorkdays.has(date)) return true;
  const d = weekday(date);
  return d !== 0 && d !== 6;
}

/** The working periods of a local date (none on a day off). */
export function periodsOn(cal: BusinessCalendar, date: string): Period[] {
  if (!isWorkingDay(cal, date)) return [];
  const mmdd = date.slice(5);
  if (cal.summer && mmdd >= cal.summer.from && mmdd <= cal.summer.to) return cal.summer.periods;
  return cal.periods;
}

/** True inside a working period (start inclusive, end exclusive). */
export function isWorkingTime(cal: BusinessCalendar, at: Date): boolean {
  const ms = msIntoDay(at);
  return periodsOn(cal, localDate(at)).some((p) => ms >= p.start * 60_000 && ms < p.end * 60_000);
}

/** `at` itself when it is working time, else the start of the next working period. */
export function nextWorkingStart(cal: BusinessCalendar, at: Date): Date {
  let date = localDate(at);
  let ms = msIntoDay(at);
  for (let i = 0; i < MAX_SCAN_DAYS; i++) {
    for (const p of periodsOn(cal, date)) {
      if (ms < p.end * 60_000) return ms >= p.start * 60_000 ? at : instantAt(date, p.start);
    }
    date = addDays(date, 1);
    ms = 0;
  }
  throw new Error('no working time within two years: check the calendar');
}

/**
 * Adds working minutes: the clock runs only inside working periods, so 30 minutes added at
 * 11:50 ends at 13:20 after lunch, and Friday 16:50 + 30 ends Monday 08:20. The result is always
 * inside working time or exactly at the end of a period.
 */
export function addWorkingMinutes(cal: BusinessCalendar, from: Date, minutes: number): Date {
  if (minutes <= 0) return from;
  let remaining = minutes * 60_000;
  let date = localDate(from);
  let ms = msIntoDay(from);
  for (let i = 0; i < MAX_SCAN_DAYS; i++) {
    for (const p of periodsOn(cal, date)) {
      const start = Math.max(ms, p.start * 60_000);
      const end = p.end * 60_000;
      if (start >= end) continue;
      if (start + remaining <= end) return new Date(instantAt(date, 0).getTime() + start + remaining);
      remaining -= end - start;
    }
    date = addDays(date, 1);
    ms = 0;
  }
  throw new Error('no working time within two years: check the calendar');
}

/** Working minutes between two instants (0 when `to` is not after `from`). */
export function workingMinutesBetween(cal: BusinessCalendar, from: Date, to: Date): number {
  if (to <= from) return 0;
  let total = 0;
  let date = localDate(from);
  const lastDate = localDate(to);
  let ms = msIntoDay(from);
  for (let i = 0; i < MAX_SCAN_DAYS && date <= lastDate; i++) {
    const endMs = date === lastDate ? msIntoDay(to) : DAY_MS;
    for (const p of periodsOn(cal, date)) {
      const s = Math.max(ms, p.start * 60_000);
      const e = Math.min(endMs, p.end * 60_000);
      if (e > s) total += e - s;
    }
    date = addDays(date, 1);
    ms = 0;
  }
  return total / 60_000;
}

/** End of the last period of a working day. */
const endOf = (cal: BusinessCalendar, date: string) => instantAt(date, periodsOn(cal, date).at(-1)!.end);

/**
 * R-FU-2 "before the end of the working day": the end of today's last period if today is a
 * working day and it has not passed, otherwise the end of the next working day.
 */
export function endOfWorkingDay(cal: BusinessCalendar, at: Date): Date {
  let date = localDate(at);
  for (let i = 0; i < MAX_SCAN_DAYS; i++) {
    if (periodsOn(cal, date).length > 0) {
      const end = endOf(cal, date);
      if (end > at) return end;
    }
    date = addDays(date, 1);
  }
  throw new Error('no working time within two years: check the calendar');
}

/**
 * "N working days" (R-CP-1: reply to an email in 2 working days): due by the end of the Nth
 * working day after the day of receipt. A letter received on Friday with N = 2 is due Tuesday
 * at the end of the day; one received on a holiday counts from the next working day.
 */
export function addWorkingDays(cal: BusinessCalendar, from: Date, days: number): Date {
  let date = localDate(from);
  let counted = 0;
  for (let i = 0; i < MAX_SCAN_DAYS; i++) {
    date = addDays(date, 1);
    if (periodsOn(cal, date).length > 0 && ++counted >= days) return endOf(cal, date);
  }
  throw new Error('no working time within two years: check the calendar');
}
