/**
 * The periods the KPI figures are asked for, in the Beijing calendar: a month `2026-03`, a
 * quarter `2026-Q1`, a year `2026`, or days `2026-03-01..2026-03-15` (both inclusive). Each has a
 * previous period of the same kind (the month, quarter or year before; for days, as many days
 * just before) for the trend.
 */

import { BEIJING_OFFSET_MS, dayBounds, monthBounds } from './beijing-day.js';
import { addMonths, quarterMonths } from './kpi.js';

const DAY_MS = 86_400_000;

export interface KpiPeriod {
  /** The period as asked: 2026-03, 2026-Q1, 2026 or 2026-03-01..2026-03-15. */
  label: string;
  kind: 'month' | 'quarter' | 'year' | 'days';
  from: Date;
  to: Date;
  /** First and last Beijing day, for titles. */
  firstDay: string;
  lastDay: string;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;
const YEAR = /^(\d{4})$/;
const DAYS = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/;

const validDay = (d: string) => {
  const t = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
};

const lastDayOf = (to: Date) => new Date(to.getTime() + BEIJING_OFFSET_MS - DAY_MS).toISOString().slice(0, 10);

function ofMonths(label: string, kind: KpiPeriod['kind'], first: string, count: number): KpiPeriod {
  const from = monthBounds(first).from;
  const to = monthBounds(addMonths(first, count - 1)).to;
  return { label, kind, from, to, firstDay: `${first}-01`, lastDay: lastDayOf(to) };
}

/** The period a label names; null when it names none (the contract turns that into a 400). */
export function parseKpiPeriod(label: string): KpiPeriod | null {
  let m = MONTH.exec(label);
  if (m) return ofMonths(label, 'month', label, 1);
  m = QUARTER.exec(label);
  if (m) return ofMonths(label, 'quarter', quarterMonths(label)[0], 3);
  m = YEAR.exec(label);
  if (m) return ofMonths(label, 'year', `${label}-01`, 12);
  m = DAYS.exec(label);
  if (m && validDay(m[1]!) && validDay(m[2]!) && m[1]! <= m[2]!) {
    const from = dayBounds(m[1]!).from;
    const to = dayBounds(m[2]!).to;
    // A range is for reading figures, not for scanning history: at most about three years.
    if (to.getTime() - from.getTime() > 1100 * DAY_MS) return null;
    return { label, kind: 'days', from, to, firstDay: m[1]!, lastDay: m[2]! };
  }
  return null;
}

const dayOf = (at: Date) => new Date(at.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);

/** The period of the same kind just before. */
export function previousKpiPeriod(p: KpiPeriod): KpiPeriod {
  if (p.kind === 'month') return parseKpiPeriod(addMonths(p.label, -1))!;
  if (p.kind === 'year') return parseKpiPeriod(String(Number(p.label) - 1))!;
  if (p.kind === 'quarter') {
    const first = addMonths(quarterMonths(p.label)[0], -3);
    return parseKpiPeriod(`${first.slice(0, 4)}-Q${(Number(first.slice(5, 7)) + 2) / 3}`)!;
  }
  const len = p.to.getTime() - p.from.getTime();
  const from = new Date(p.from.getTime() - len);
  const last = dayOf(new Date(p.from.getTime() - DAY_MS));
  return { label: `${dayOf(from)}..${last}`, kind: 'days', from, to: p.from, firstDay: dayOf(from), lastDay: last };
}

/** The `count` months ending with `last` (YYYY-MM), oldest first: the dashboard's trend lines. */
export const trailingMonths = (last: string, count: number) => Array.from({ length: count }, (_, i) => addMonths(last, i - count + 1));
