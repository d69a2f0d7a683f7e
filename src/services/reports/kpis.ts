import type { AppContext } from '../../context.js';
import type { Queryable } from '../../db/client.js';
import { type KpiEstateParams, estatesForKpis, kpiCounts, kpiDurations, repairHeat } from '../../db/repos/kpi-facts.js';
import { DURATION_KPIS, type DurationKpi, type DurationStats, type KpiPeriodFacts, type KpiTargets, addCounts } from '../../domain/kpi-catalogue.js';
import { type KpiPeriod, parseKpiPeriod, previousKpiPeriod, trailingMonths } from '../../domain/kpi-period.js';
import { DEFAULT_KPI_SETTINGS, addMonths, previousMonth } from '../../domain/kpi.js';
import { resolveSettings } from '../../domain/settings.js';
import { forbidden, invalid, notFound } from '../../errors.js';
import { type Actor, isStaffIn } from '../../policies/actor.js';
import { type KpiAction, kpiEstates } from '../../policies/kpis.js';
import { presentBreakdown, presentComparison, presentKpiAnswer, presentTrend } from '../../presenters/kpis.js';

type EstateRow = Awaited<ReturnType<typeof estatesForKpis>>[number];

/**
 * The estates a question is about, within what the caller may see: those asked for, or else all
 * the caller's. Another estate is 404; the caller's own estate without a reading role is 403.
 */
async function estatesAsked(db: Queryable, actor: Actor, action: KpiAction, asked: readonly string[] | undefined) {
  const scope = kpiEstates(actor, action);
  const refuse = () => forbidden(action === 'compare' ? '项目对比仅项目经理、集团品质管理和总经理热线可查看' : '指标仅客服主管、项目经理、集团品质管理和总经理热线可查看', `the caller may not ${action} these figures`);
  if (!asked || asked.length === 0) {
    if (!scope.allEstates && scope.estates.length === 0) throw refuse();
    return estatesForKpis(db, scope);
  }
  const ids = [...new Set(asked)];
  if (!scope.allEstates) {
    const outside = ids.filter((id) => !scope.estates.includes(id));
    if (outside.some((id) => !isStaffIn(actor, id))) throw notFound('项目');
    if (outside.length > 0) throw refuse();
  }
  const rows = await estatesForKpis(db, { allEstates: false, estates: ids });
  if (rows.length !== ids.length) throw notFound('项目');
  return rows;
}

const paramsOf = (e: EstateRow): KpiEstateParams => {
  const s = resolveSettings(e.settings);
  return { estateId: e.id, reworkWindowDays: s.reworkWindowDays, satisfiedFromScore: s.kpi.satisfiedFromScore };
};

/** One estate is held to its own targets; several to the group's (the seeds' defaults). */
const targetsOf = (rows: readonly EstateRow[]): KpiTargets => (rows.length === 1 ? resolveSettings(rows[0]!.settings).kpi : DEFAULT_KPI_SETTINGS);

const noDurations = (): Record<DurationKpi, DurationStats> =>
  Object.fromEntries(DURATION_KPIS.map((k) => [k, { n: 0, medianMin: null, p90Min: null }])) as Record<DurationKpi, DurationStats>;

/** Duration rows into a map key → stats per figure. */
function durationsByKey(rows: Awaited<ReturnType<typeof kpiDurations>>) {
  const out = new Map<string, Record<DurationKpi, DurationStats>>();
  for (const r of rows) {
    const d = out.get(r.key) ?? noDurations();
    d[r.metric] = { n: r.n, medianMin: r.medianMin, p90Min: r.p90Min };
    out.set(r.key, d);
  }
  return out;
}

/** The facts of one period over a set of estates: counts summed, durations over all their cases. */
async function periodFacts(db: Queryable, rows: readonly EstateRow[], p: KpiPeriod, asOf: Date): Promise<KpiPeriodFacts> {
  const ids = rows.map((r) => r.id);
  const [counts, durations] = await Promise.all([kpiCounts(db, rows.map(paramsOf), p.from, p.to, asOf), kpiDurations(db, ids, p.from, p.to, 'all')]);
  return {
    counts: addCounts(counts.map((c) => c.counts)),
    households: rows.reduce((n, r) => n + r.households, 0),
    durations: durationsByKey(durations).get('all') ?? noDurations(),
  };
}

function periodOf(label: string | undefined, now: Date): KpiPeriod {
  const p = parseKpiPeriod(label ?? previousMonth(now));
  if (!p) throw invalid('period', '统计期间格式应为 2026-03、2026-Q1、2026 或 2026-03-01..2026-03-15', 'a month, quarter, year or day range');
  return p;
}

export interface KpiQuery {
  estateIds?: string[];
  period?: string;
}

/**
 * Every KPI of the period (default: last month) for one estate, several, or all the caller
 * reads, against the targets, with the trend against the period before.
 * @throws 404 an estate the caller may not read figures of; 400 a period that is none
 */
export async function kpiDashboard(ctx: AppContext, actor: Actor, q: KpiQuery) {
  const db = ctx.database.db;
  const now = ctx.clock.now();
  const period = periodOf(q.period, now);
  const rows = await estatesAsked(db, actor, 'read', q.estateIds);
  const before = previousKpiPeriod(period);
  const [cur, prev] = await Promise.all([periodFacts(db, rows, period, now), periodFacts(db, rows, before, now)]);
  return presentKpiAnswer(actor, { period, previous: before, estates: rows, targets: targetsOf(rows), cur, prev });
}

/** The `months` Beijing months up to `last` (default: last month), one set of figures per month, for the trend lines. */
export async function kpiTrend(ctx: AppContext, actor: Actor, q: { estateIds?: string[]; last?: string; months: number }) {
  const db = ctx.database.db;
  const now = ctx.clock.now();
  const last = q.last ?? previousMonth(now);
  if (!parseKpiPeriod(last) || last.length !== 7) throw invalid('last', '月份格式应为 YYYY-MM', 'a month YYYY-MM');
  const rows = await estatesAsked(db, actor, 'read', q.estateIds);
  const months = trailingMonths(last, q.months + 1);
  const span = { from: parseKpiPeriod(months[0]!)!.from, to: parseKpiPeriod(last)!.to };
  const [counts, durations] = await Promise.all([
    kpiCounts(db, rows.map(paramsOf), span.from, span.to, now),
    kpiDurations(db, rows.map((r) => r.id), span.from, span.to, 'month'),
  ]);
  const byMonth = durationsByKey(durations);
  const households = rows.reduce((n, r) => n + r.households, 0);
  const factsOf = (m: string): KpiPeriodFacts => ({
    counts: addCounts(counts.filter((c) => c.bucket === m).map((c) => c.counts)),
    households,
    durations: byMonth.get(m) ?? noDurations(),
  });
  // One month more than shown, so the first month shown has its trend too.
  return presentTrend({ estates: rows, targets: targetsOf(rows), months: months.slice(1).map((m) => ({ month: m, cur: factsOf(m), prev: factsOf(addMonths(m, -1)) })) });
}

/**
 * The group's comparison of estates (or of the estates a head leads) for a period: every
 * estate's figures, its place for each KPI, and the total over all of them.
 */
export async function kpiComparison(ctx: AppContext, actor: Actor, q: KpiQuery) {
  const db = ctx.database.db;
  const now = ctx.clock.now();
  const period = periodOf(q.period, now);
  const rows = await estatesAsked(db, actor, 'compare', q.estateIds);
  const before = previousKpiPeriod(period);
  const ids = rows.map((r) => r.id);
  const params = rows.map(paramsOf);
  const [counts, prevCounts, durations, prevDurations, allDurations, prevAllDurations] = await Promise.all([
    kpiCounts(db, params, period.from, period.to, now),
    kpiCounts(db, params, before.from, before.to, now),
    kpiDurations(db, ids, period.from, period.to, 'estate'),
    kpiDurations(db, ids, before.from, before.to, 'estate'),
    // Percentiles do not add up, so the total's are their own query; its counts are the estates' summed.
    kpiDurations(db, ids, period.from, period.to, 'all'),
    kpiDurations(db, ids, before.from, before.to, 'all'),
  ]);
  const households = rows.reduce((n, r) => n + r.households, 0);
  const totalOf = (c: typeof counts, dur: typeof allDurations): KpiPeriodFacts => ({
    counts: addCounts(c.map((x) => x.counts)),
    households,
    durations: durationsByKey(dur).get('all') ?? noDurations(),
  });
  const total = totalOf(counts, allDurations);
  const prevTotal = totalOf(prevCounts, prevAllDurations);
  const d = durationsByKey(durations);
  const pd = durationsByKey(prevDurations);
  const factsOf = (e: EstateRow, c: typeof counts, dur: typeof d): KpiPeriodFacts => ({
    counts: addCounts(c.filter((x) => x.estateId === e.id).map((x) => x.counts)),
    households: e.households,
    durations: dur.get(e.id) ?? noDurations(),
  });
  return presentComparison({
    period,
    previous: before,
    total: { targets: DEFAULT_KPI_SETTINGS, cur: total, prev: prevTotal },
    estates: rows.map((e) => ({ estate: e, targets: resolveSettings(e.settings).kpi, cur: factsOf(e, counts, d), prev: factsOf(e, prevCounts, pd) })),
  });
}


/**
 * One estate's period broken down by category, by the department of the first order, and by
 * building (each with its repairs, complaints and rates), and its repairs by building and floor.
 */
export async function kpiBreakdown(ctx: AppContext, actor: Actor, q: { estateId: string; period?: string }) {
  const db = ctx.database.db;
  const now = ctx.clock.now();
  const period = periodOf(q.period, now);
  const [estate] = await estatesAsked(db, actor, 'read', [q.estateId]);
  const params = [paramsOf(estate!)];
  const [byCategory, byDepartment, byBuilding, heat] = await Promise.all([
    kpiCounts(db, params, period.from, period.to, now, 'category'),
    kpiCounts(db, params, period.from, period.to, now, 'department'),
    kpiCounts(db, params, period.from, period.to, now, 'building'),
    repairHeat(db, estate!.id, period.from, period.to),
  ]);
  return presentBreakdown({ period, estate: estate!, targets: resolveSettings(estate!.settings).kpi, byCategory, byDepartment, byBuilding, heat });
}
