/**
 * The KPI catalogue (R-KPI-1, R-MO-3, R-RV-4, R-WO-1, R-WO-4): every figure an estate, several
 * estates or the group is judged by, as one formula over counted facts. docs/kpis.md is this
 * file in words. Pure: the database counts (db/repos/kpi-facts.ts), this decides.
 *
 * Rates over several estates or months are sums of numerators over sums of denominators — never
 * an average of rates, so a small estate weighs what its cases weigh.
 */

import { type KpiSettings, pct } from './kpi.js';

export const RATE_KPIS = [
  'complaint_rate',
  'repair_timeliness',
  'dispatch_timeliness',
  'rework_rate',
  'feedback_timeliness',
  'return_visit_rate',
  'satisfaction_rate',
  'closure_rate',
] as const;
export const DURATION_KPIS = ['time_to_arrive', 'time_to_complete', 'time_to_close'] as const;
export const KPI_IDS = [...RATE_KPIS, ...DURATION_KPIS] as const;
export type RateKpi = (typeof RATE_KPIS)[number];
export type DurationKpi = (typeof DURATION_KPIS)[number];
export type KpiId = (typeof KPI_IDS)[number];

/** The facts a period's rates are made of; every field is a count, so buckets add up. */
export interface KpiCounts {
  /** R-MO-3: valid complaints accepted in the period. */
  validComplaints: number;
  /** Repairs reported in the period (cancelled ones excluded). */
  repairs: number;
  /** R-KPI-1: of those, completed with dispatch and arrival clocks kept. */
  timelyRepairs: number;
  /** R-KPI-1: of those, the same fault at the same unit within the rework window. */
  reworks: number;
  /** R-WO-1: dispatch clocks of the period's cases that are decided (kept or missed), and those kept. */
  dispatchDecided: number;
  dispatchKept: number;
  /** R-CP-1/2, R-IN-8: reply clocks of the period's complaints (reply, promised reply, online acknowledgement). */
  feedbackDecided: number;
  feedbackKept: number;
  /** R-RV-1/2: cases closed in the period, those exempted from the visit, those visited. */
  closedCases: number;
  exemptCases: number;
  visitedCases: number;
  /** R-RV-4: closing visits made in the period with a score, and those scored satisfied or better. */
  scoredVisits: number;
  satisfiedVisits: number;
  /** R-RV-4, R-CL-6: complaints accepted in the period, and those closed as resolved (closed_unresolved is not closed). */
  complaints: number;
  closedComplaints: number;
}

export const ZERO_COUNTS: KpiCounts = {
  validComplaints: 0,
  repairs: 0,
  timelyRepairs: 0,
  reworks: 0,
  dispatchDecided: 0,
  dispatchKept: 0,
  feedbackDecided: 0,
  feedbackKept: 0,
  closedCases: 0,
  exemptCases: 0,
  visitedCases: 0,
  scoredVisits: 0,
  satisfiedVisits: 0,
  complaints: 0,
  closedComplaints: 0,
};

/** Buckets (estates, months) added up. */
export function addCounts(rows: readonly KpiCounts[]): KpiCounts {
  const out = { ...ZERO_COUNTS };
  for (const r of rows) for (const k of Object.keys(out) as (keyof KpiCounts)[]) out[k] += r[k];
  return out;
}

/** Median and 90th percentile in minutes of the period's durations; null when nothing reached that point. */
export interface DurationStats {
  n: number;
  medianMin: number | null;
  p90Min: number | null;
}

/** The targets are the estate's kpi.* settings, with the seeds' values as defaults. */
export type KpiTargets = KpiSettings;

type Direction = 'at_least' | 'at_most' | 'below';

interface Definition {
  label: string;
  labelEn: string;
  rule: string;
  direction: Direction;
  target: (t: KpiTargets) => number | null;
}

/** What each figure is, which way is good, and the target it is held to. */
export const KPI_DEFINITIONS: Record<KpiId, Definition> = {
  complaint_rate: { label: '投诉率', labelEn: 'Complaint rate', rule: 'R-MO-3', direction: 'below', target: (t) => t.complaintRateTargetPct },
  repair_timeliness: { label: '维修及时率', labelEn: 'Repair timeliness', rule: 'R-KPI-1', direction: 'at_least', target: (t) => t.timelinessTargetPct },
  dispatch_timeliness: { label: '派工及时率', labelEn: 'Dispatch timeliness', rule: 'R-WO-1', direction: 'at_least', target: (t) => t.dispatchTimelinessTargetPct },
  rework_rate: { label: '返修率', labelEn: 'Rework rate', rule: 'R-KPI-1', direction: 'at_most', target: (t) => t.reworkTargetPct },
  feedback_timeliness: { label: '投诉反馈及时率', labelEn: 'Feedback timeliness', rule: 'R-RV-4', direction: 'at_least', target: (t) => t.feedbackTimelinessTargetPct },
  return_visit_rate: { label: '回访率', labelEn: 'Return-visit rate', rule: 'R-RV-4', direction: 'at_least', target: (t) => t.returnVisitTargetPct },
  satisfaction_rate: { label: '回访满意率', labelEn: 'Satisfaction rate', rule: 'R-RV-4', direction: 'at_least', target: (t) => t.satisfactionTargetPct },
  closure_rate: { label: '投诉结案率', labelEn: 'Closure rate', rule: 'R-RV-4', direction: 'at_least', target: (t) => t.closureTargetPct },
  time_to_arrive: { label: '到场用时', labelEn: 'Time to arrive', rule: 'R-WO-4', direction: 'at_most', target: (t) => t.arriveP90TargetMinutes },
  time_to_complete: { label: '完工用时', labelEn: 'Time to complete', rule: 'R-KPI-1', direction: 'at_most', target: () => null },
  time_to_close: { label: '销项用时', labelEn: 'Time to close', rule: 'R-CL-7', direction: 'at_most', target: () => null },
};

/** Numerator and denominator of each rate; households is the complaint rate's, counted once per estate, not per month. */
export function rateParts(id: RateKpi, c: KpiCounts, households: number): { numerator: number; denominator: number } {
  switch (id) {
    case 'complaint_rate':
      return { numerator: c.validComplaints, denominator: households };
    case 'repair_timeliness':
      return { numerator: c.timelyRepairs, denominator: c.repairs };
    case 'dispatch_timeliness':
      return { numerator: c.dispatchKept, denominator: c.dispatchDecided };
    case 'rework_rate':
      return { numerator: c.reworks, denominator: c.repairs };
    case 'feedback_timeliness':
      return { numerator: c.feedbackKept, denominator: c.feedbackDecided };
    case 'return_visit_rate':
      // R-RV-2: exempted cases are neither visited nor visitable.
      return { numerator: c.visitedCases, denominator: c.closedCases - c.exemptCases };
    case 'satisfaction_rate':
      return { numerator: c.satisfiedVisits, denominator: c.scoredVisits };
    case 'closure_rate':
      return { numerator: c.closedComplaints, denominator: c.complaints };
  }
}

export type Light = 'green' | 'amber' | 'red' | 'none';

/** Green when the target is met, amber when missed by at most `amberBandPct` of the target, red beyond; none without a value or target. */
export function trafficLight(direction: Direction, value: number | null, target: number | null, amberBandPct: number): Light {
  if (value === null || target === null) return 'none';
  const band = (target * amberBandPct) / 100;
  if (direction === 'at_least') return value >= target ? 'green' : value >= target - band ? 'amber' : 'red';
  if (direction === 'at_most') return value <= target ? 'green' : value <= target + band ? 'amber' : 'red';
  return value < target ? 'green' : value < target + band ? 'amber' : 'red';
}

export interface KpiFigure {
  id: KpiId;
  label: string;
  labelEn: string;
  rule: string;
  unit: 'pct' | 'min';
  direction: Direction;
  value: number | null;
  /** Rates: the parts of the value. Durations: how many cases reached that point, and the median (value is the p90). */
  numerator: number | null;
  denominator: number | null;
  medianMin?: number | null;
  target: number | null;
  light: Light;
  previous: number | null;
  /** better | worse | same against the previous period; null when either side has no value. */
  trend: 'better' | 'worse' | 'same' | null;
}

function trendOf(direction: Direction, value: number | null, previous: number | null): KpiFigure['trend'] {
  if (value === null || previous === null) return null;
  if (value === previous) return 'same';
  return (direction === 'at_least') === value > previous ? 'better' : 'worse';
}

export interface KpiPeriodFacts {
  counts: KpiCounts;
  households: number;
  durations: Record<DurationKpi, DurationStats>;
}

/** Every figure of a period against its targets, with the trend against the previous period's facts. */
export function kpiFigures(now: KpiPeriodFacts, before: KpiPeriodFacts | null, t: KpiTargets): KpiFigure[] {
  return KPI_IDS.map((id) => {
    const d = KPI_DEFINITIONS[id];
    const target = d.target(t);
    const base = { id, label: d.label, labelEn: d.labelEn, rule: d.rule, direction: d.direction, target };
    if ((DURATION_KPIS as readonly string[]).includes(id)) {
      const s = now.durations[id as DurationKpi];
      const previous = before ? before.durations[id as DurationKpi].p90Min : null;
      return { ...base, unit: 'min', value: s.p90Min, numerator: s.n, denominator: null, medianMin: s.medianMin, light: trafficLight(d.direction, s.p90Min, target, t.amberBandPct), previous, trend: trendOf(d.direction, s.p90Min, previous) };
    }
    const parts = rateParts(id as RateKpi, now.counts, now.households);
    const value = pct(parts.numerator, parts.denominator);
    const p = before ? rateParts(id as RateKpi, before.counts, before.households) : null;
    const previous = p ? pct(p.numerator, p.denominator) : null;
    return { ...base, unit: 'pct', value, ...parts, light: trafficLight(d.direction, value, target, t.amberBandPct), previous, trend: trendOf(d.direction, value, previous) };
  });
}

/** Places in a ranking for one figure: best first, estates without a value last (ties share a place). */
export function rankBy<T>(rows: readonly T[], value: (r: T) => number | null, direction: Direction): { row: T; place: number | null }[] {
  const better = (a: number, b: number) => (direction === 'at_least' ? b - a : a - b);
  const valued = rows.filter((r) => value(r) !== null).sort((a, b) => better(value(a)!, value(b)!));
  const out: { row: T; place: number | null }[] = [];
  valued.forEach((row, i) => {
    const prev = out[i - 1];
    out.push({ row, place: prev && value(prev.row) === value(row) ? prev.place : i + 1 });
  });
  return [...out, ...rows.filter((r) => value(r) === null).map((row) => ({ row, place: null }))];
}
