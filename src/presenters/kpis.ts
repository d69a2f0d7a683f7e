import { DURATION_KPIS, type DurationKpi, type DurationStats, type KpiCounts, type KpiFigure, type KpiId, type KpiPeriodFacts, type KpiTargets, KPI_DEFINITIONS, KPI_IDS, kpiFigures, rankBy } from '../domain/kpi-catalogue.js';
import type { KpiPeriod } from '../domain/kpi-period.js';
import type { Actor } from '../policies/actor.js';
import { kpiEstates } from '../policies/kpis.js';

interface EstateRef {
  id: string;
  code: string;
  name: string;
  households: number;
}

const periodOf = (p: KpiPeriod) => ({ label: p.label, kind: p.kind, firstDay: p.firstDay, lastDay: p.lastDay });
const estateOf = (e: EstateRef) => ({ id: e.id, code: e.code, name: e.name, households: e.households });

/** The dashboard's answer: the figures with their lights and trends, and what the caller may do next. */
export function presentKpiAnswer(
  actor: Actor,
  a: { period: KpiPeriod; previous: KpiPeriod; estates: readonly EstateRef[]; targets: KpiTargets; cur: KpiPeriodFacts; prev: KpiPeriodFacts },
) {
  const compare = kpiEstates(actor, 'compare');
  const mayCompare = compare.allEstates || compare.estates.length > 1;
  return {
    period: periodOf(a.period),
    previousPeriod: periodOf(a.previous),
    estates: a.estates.map(estateOf),
    figures: kpiFigures(a.cur, a.prev, a.targets),
    actions: mayCompare ? ['compare'] : [],
  };
}

/** One set of figures per month, oldest first. */
export function presentTrend(a: { estates: readonly EstateRef[]; targets: KpiTargets; months: { month: string; cur: KpiPeriodFacts; prev: KpiPeriodFacts }[] }) {
  return {
    estates: a.estates.map(estateOf),
    months: a.months.map((m) => ({ month: m.month, figures: kpiFigures(m.cur, m.prev, a.targets) })),
  };
}

type Row = { estate: EstateRef; figures: KpiFigure[] };

/**
 * The comparison: one row per estate with its figures against its own targets, the total over
 * all of them against the group's, and for each KPI the estates best first (place, value).
 */
export function presentComparison(a: {
  period: KpiPeriod;
  previous: KpiPeriod;
  total: { targets: KpiTargets; cur: KpiPeriodFacts; prev: KpiPeriodFacts };
  estates: { estate: EstateRef; targets: KpiTargets; cur: KpiPeriodFacts; prev: KpiPeriodFacts }[];
}) {
  const rows: Row[] = a.estates.map((e) => ({ estate: e.estate, figures: kpiFigures(e.cur, e.prev, e.targets) }));
  const figureValue = (r: Row, id: KpiId) => r.figures.find((f) => f.id === id)!.value;
  const rankings = Object.fromEntries(
    KPI_IDS.map((id) => [id, rankBy(rows, (r) => figureValue(r, id), KPI_DEFINITIONS[id].direction).map(({ row, place }) => ({ estateId: row.estate.id, place, value: figureValue(row, id) }))]),
  );
  return {
    period: periodOf(a.period),
    previousPeriod: periodOf(a.previous),
    total: kpiFigures(a.total.cur, a.total.prev, a.total.targets),
    estates: rows.map((r) => ({ ...estateOf(r.estate), figures: r.figures })),
    rankings,
  };
}

const NO_DURATIONS = Object.fromEntries(DURATION_KPIS.map((k) => [k, { n: 0, medianMin: null, p90Min: null }])) as Record<DurationKpi, DurationStats>;
/** The rates a breakdown row shows (the complaint rate needs households, which a category has not). */
const BREAKDOWN_KPIS: KpiId[] = ['repair_timeliness', 'rework_rate', 'satisfaction_rate', 'closure_rate'];

/** A breakdown's rows, most repairs first; a case without the property is under 未指定. */
function breakdownRows(rows: { bucket: string; counts: KpiCounts }[], targets: KpiTargets) {
  return rows
    .map((r) => ({
      key: r.bucket,
      label: r.bucket || '未指定',
      repairs: r.counts.repairs,
      complaints: r.counts.complaints,
      figures: kpiFigures({ counts: r.counts, households: 0, durations: NO_DURATIONS }, null, targets).filter((f) => BREAKDOWN_KPIS.includes(f.id)),
    }))
    .sort((a, b) => b.repairs + b.complaints - (a.repairs + a.complaints) || a.label.localeCompare(b.label));
}

export function presentBreakdown(a: {
  period: KpiPeriod;
  estate: EstateRef;
  targets: KpiTargets;
  byCategory: { bucket: string; counts: KpiCounts }[];
  byDepartment: { bucket: string; counts: KpiCounts }[];
  byBuilding: { bucket: string; counts: KpiCounts }[];
  heat: { building: string; floor: number | null; n: number }[];
}) {
  return {
    period: periodOf(a.period),
    estate: estateOf(a.estate),
    byCategory: breakdownRows(a.byCategory, a.targets),
    byDepartment: breakdownRows(a.byDepartment, a.targets),
    byBuilding: breakdownRows(a.byBuilding, a.targets),
    heat: a.heat,
  };
}
