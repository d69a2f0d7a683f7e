/**
 * The monthly and quarterly figures an estate is judged by (R-MO-2, R-MO-3, R-QT-1, R-KPI-1).
 * Pure: callers pass the rows and the period; nothing here reads the clock or the database.
 */

import { beijingMonth, monthBounds } from './beijing-day.js';
import { type CaseStatus, FINAL_STATUSES } from './case-lifecycle.js';

/** R-KPI-1 / R-MO-3 targets, per-estate settings (the rework window is `reworkWindowDays`). */
export interface KpiSettings {
  /** Routine repairs on time, percent (R-KPI-1: 100 %). */
  timelinessTargetPct: number;
  /** Rework at most this percent (R-KPI-1: 1 %). */
  reworkTargetPct: number;
  /** Complaint rate must stay below this percent (R-MO-3: 5 %). */
  complaintRateTargetPct: number;
  /** R-WO-1: orders out within the dispatch clock, percent. */
  dispatchTimelinessTargetPct: number;
  /** R-RV-4 (001 §5.4): complaints answered within their reply clock, percent. */
  feedbackTimelinessTargetPct: number;
  /** R-RV-4 (001 §5.5): visitable closed cases visited, percent. */
  returnVisitTargetPct: number;
  /** R-RV-4 (001 §5.5): visits scored satisfied or better, percent. */
  satisfactionTargetPct: number;
  /** R-RV-4 (001 §5.6): complaints closed as resolved, at least this percent. */
  closureTargetPct: number;
  /** R-WO-4: nine in ten repairs reached within this many minutes of the report. */
  arriveP90TargetMinutes: number;
  /** A visit scored at least this (1–5) counts as satisfied (4 满意, 5 非常满意). */
  satisfiedFromScore: number;
  /** The dashboard's traffic light: a miss by at most this share of the target is amber, beyond it red. */
  amberBandPct: number;
}

export const DEFAULT_KPI_SETTINGS: KpiSettings = {
  timelinessTargetPct: 100,
  reworkTargetPct: 1,
  complaintRateTargetPct: 5,
  dispatchTimelinessTargetPct: 100,
  feedbackTimelinessTargetPct: 100,
  returnVisitTargetPct: 100,
  satisfactionTargetPct: 98,
  closureTargetPct: 80,
  arriveP90TargetMinutes: 20,
  satisfiedFromScore: 4,
  amberBandPct: 10,
};

const DAY_MS = 86_400_000;

/** A percentage with two decimals; null when there is nothing to divide by. */
export const pct = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 10_000) / 100 : null);

// ---- periods (Beijing calendar) ---------------------------------------------------------------

export { beijingMonth, monthBounds };

/** 'YYYY-MM' shifted by n months. */
export function addMonths(month: string, n: number) {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + n, 1)).toISOString().slice(0, 7);
}

/** R-MO-1: by the 5th the project manager reviews last month, so last month is the default. */
export const previousMonth = (at: Date) => addMonths(beijingMonth(at), -1);

/** The three months 'YYYY-MM' of a quarter 'YYYY-Qn'. */
export function quarterMonths(quarter: string): [string, string, string] {
  const [y, q] = [Number(quarter.slice(0, 4)), Number(quarter.slice(6))];
  const first = `${y}-${String((q - 1) * 3 + 1).padStart(2, '0')}`;
  return [first, addMonths(first, 1), addMonths(first, 2)];
}

/** The quarter 'YYYY-Qn' a month 'YYYY-MM' belongs to. */
export const quarterOf = (month: string) => `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;

/**
 * R-QT-1: the summary is due by the 5th of the quarter's third month, so it may be signed from
 * the first day of that month on; earlier the quarter is still too young to sum up.
 */
export const quarterSignableFrom = (quarter: string) => monthBounds(quarterMonths(quarter)[2]).from;

// ---- timeliness (R-KPI-1) ---------------------------------------------------------------------

/** One SLA clock as the deadlines table keeps it. */
export interface ClockRow {
  clock: string;
  state: string;
  dueAt: Date;
  settledAt: Date | null;
}

/** The clocks that decide whether a repair was on time: the order went out and someone arrived. */
export const TIMELINESS_CLOCKS = ['dispatch', 'arrival'] as const;

/**
 * Whether a clock was kept: a met clock settled by its due time is; a breached one, one met only
 * after its due time (the scheduler had not marked it yet), or one still running past due is
 * not. Cancelled clocks and clocks still running in time say nothing (null).
 */
export function clockKept(d: ClockRow, asOf: Date): boolean | null {
  if (d.state === 'breached') return false;
  if (d.state === 'met') return d.settledAt ? d.settledAt.getTime() <= d.dueAt.getTime() : true;
  if (d.state === 'pending' || d.state === 'warned') return d.dueAt.getTime() < asOf.getTime() ? false : null;
  return null;
}

export type TimelinessMiss = 'not_completed' | 'late_dispatch' | 'late_arrival';

/**
 * R-KPI-1: a repair is timely when it was completed and its dispatch and arrival clocks were
 * kept. Returns null when timely, otherwise why not (the first reason found).
 */
export function timelinessMiss(repair: { completedAt: Date | null }, clocks: ClockRow[], asOf: Date): TimelinessMiss | null {
  for (const id of TIMELINESS_CLOCKS) {
    if (clocks.some((d) => d.clock === id && clockKept(d, asOf) === false)) return id === 'dispatch' ? 'late_dispatch' : 'late_arrival';
  }
  return repair.completedAt ? null : 'not_completed';
}

/** The timeliness rate of a set of repairs against the target. */
export function timelinessRate(misses: (TimelinessMiss | null)[], targetPct: number) {
  const timely = misses.filter((m) => m === null).length;
  const ratePct = pct(timely, misses.length);
  return { repairs: misses.length, timely, ratePct, targetPct, belowTarget: ratePct !== null && ratePct < targetPct };
}

// ---- rework (R-KPI-1) -------------------------------------------------------------------------

export interface RepairRow {
  id: string;
  number: string;
  unitId: string | null;
  category: string | null;
  openedAt: Date;
  completedAt: Date | null;
}

export interface ReworkCase {
  caseId: string;
  caseNumber: string;
  originalId: string;
  originalNumber: string;
  /** Whole days between the original's completion and the return. */
  daysAfter: number;
}

/**
 * R-KPI-1: a repair opened in [from, to) is rework when an earlier repair of the same problem
 * (same category) at the same unit was completed at most `windowDays` before it was opened. It is
 * counted in the month the fault came back, so a month's figure does not change afterwards.
 * Repairs without a unit (public areas) or without a category cannot be matched.
 */
export function findRework(repairs: RepairRow[], windowDays: number, from: Date, to: Date): ReworkCase[] {
  const byKey = new Map<string, RepairRow[]>();
  for (const r of repairs) {
    if (!r.unitId || !r.category) continue;
    const key = `${r.unitId}\u0000${r.category}`;
    byKey.set(key, [...(byKey.get(key) ?? []), r]);
  }
  const out: ReworkCase[] = [];
  for (const group of byKey.values()) {
    for (const r of group) {
      if (r.openedAt < from || r.openedAt >= to) continue;
      const gap = (p: RepairRow) => r.openedAt.getTime() - p.completedAt!.getTime();
      const earlier = group.filter((p) => p.id !== r.id && p.completedAt && withinReworkWindow(p.completedAt, r.openedAt, windowDays));
      if (earlier.length === 0) continue;
      const original = earlier.reduce((a, b) => (gap(b) < gap(a) ? b : a));
      out.push({ caseId: r.id, caseNumber: r.number, originalId: original.id, originalNumber: original.number, daysAfter: Math.floor(gap(original) / DAY_MS) });
    }
  }
  return out.sort((a, b) => a.caseNumber.localeCompare(b.caseNumber));
}

/** R-KPI-1's one window: the fault came back `openedAt`, at most `windowDays` after the earlier case was completed. */
export function withinReworkWindow(completedAt: Date, openedAt: Date, windowDays: number): boolean {
  const gap = openedAt.getTime() - completedAt.getTime();
  return gap >= 0 && gap <= windowDays * DAY_MS;
}

export interface PriorCase {
  category: string | null;
  status: CaseStatus;
  completedAt: Date | null;
}

/**
 * What an earlier case at the unit is to a new report of `category` made `at` — the intake's
 * marks, by the same rule as the monthly rework figure: 返修 (`rework`) when it was completed
 * within the rework window (R-KPI-1), else 重复 (`repeat`) while it is still open, else nothing.
 */
export function priorCaseRelation(prior: PriorCase, category: string | null, at: Date, windowDays: number): 'repeat' | 'rework' | null {
  if (!category || prior.category !== category) return null;
  if (prior.completedAt && withinReworkWindow(prior.completedAt, at, windowDays)) return 'rework';
  return FINAL_STATUSES.includes(prior.status) ? null : 'repeat';
}

/** Rework among the repairs reported in the period, against the target (at most). */
export function reworkRate(reworks: number, repairs: number, targetPct: number) {
  const ratePct = pct(reworks, repairs);
  return { repairs, reworks, ratePct, targetPct, overTarget: ratePct !== null && ratePct > targetPct };
}

// ---- complaint rate (R-MO-3) ------------------------------------------------------------------

/**
 * R-MO-3: valid complaints accepted in the period ÷ households × 100 %. The target is "below",
 * so reaching it is already over: the project manager then leads an analysis and a plan.
 */
export function complaintRate(validComplaints: number, households: number, targetPct: number) {
  const ratePct = pct(validComplaints, households);
  return { validComplaints, households, ratePct, targetPct, overTarget: ratePct !== null && ratePct >= targetPct };
}
