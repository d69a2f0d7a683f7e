import { asc, inArray, sql } from 'drizzle-orm';
import { type DurationKpi, type KpiCounts, ZERO_COUNTS } from '../../domain/kpi-catalogue.js';
import type { Queryable } from '../client.js';
import { estates } from '../schema/index.js';

/** The estates a KPI question is about: every one (group roles) or a list. */
export type KpiScope = { allEstates: true } | { allEstates: false; estates: string[] };

/** The estates in scope with what the figures need of each: households and settings. */
export async function estatesForKpis(db: Queryable, scope: KpiScope) {
  if (!scope.allEstates && scope.estates.length === 0) return [];
  return db
    .select({ id: estates.id, code: estates.code, name: estates.name, households: estates.households, settings: estates.settings })
    .from(estates)
    .where(scope.allEstates ? undefined : inArray(estates.id, scope.estates))
    .orderBy(asc(estates.code));
}

/** Per estate: the rework window and the lowest satisfied score, the two settings the counting itself needs. */
export interface KpiEstateParams {
  estateId: string;
  reworkWindowDays: number;
  satisfiedFromScore: number;
}

/** The Beijing month of an instant, as the monthly report buckets it. */
const month = (col: ReturnType<typeof sql.raw>) => sql`to_char((${col} at time zone 'UTC') + interval '8 hours', 'YYYY-MM')`;

/**
 * The SQL twin of domain/kpi.ts `clockKept`: a clock kept is met by its due time; a clock missed
 * is breached, met late, or still running past due at `asOf`. Cancelled and running-in-time
 * clocks are neither. test/api/kpis.test.ts checks the counts against the monthly report, which
 * applies the domain function.
 */
const kept = sql.raw(`(d.state = 'met' and (d.settled_at is null or d.settled_at <= d.due_at))`);
const missed = (asOf: Date) =>
  sql`(d.state = 'breached' or (d.state = 'met' and d.settled_at > d.due_at) or (d.state in ('pending', 'warned') and d.due_at < ${asOf.toISOString()}::timestamptz))`;

const FEEDBACK_CLOCKS = sql.raw(`('reply', 'promised_reply', 'online_ack')`);

/**
 * What the counts are bucketed by besides the estate: the Beijing month (a case's figures fall in
 * the month it was reported, except closing — the month closed — and visits — the month visited),
 * or a property of the case: its category, the department of its first order, its building.
 */
export type KpiBucket = 'month' | 'category' | 'department' | 'building';

/** The bucket of a case row `alias` for the property buckets ('' when it has none). */
function caseBucket(by: Exclude<KpiBucket, 'month'>, alias: string) {
  const a = sql.raw(alias);
  if (by === 'category')
    return sql`coalesce((select g.name from categories g where g.estate_id = ${a}.estate_id and g.code = ${a}.category), ${a}.category, '')`;
  if (by === 'building')
    return sql`coalesce((select b.name from units u join buildings b on b.estate_id = u.estate_id and b.id = u.building_id where u.estate_id = ${a}.estate_id and u.id = ${a}.unit_id), '')`;
  return sql`coalesce((select d.name from work_orders o join departments d on d.estate_id = o.estate_id and d.id = o.department_id
    where o.estate_id = ${a}.estate_id and o.case_id = ${a}.id and o.status <> 'void' order by o.number limit 1), '')`;
}

/**
 * Every count of domain/kpi-catalogue.ts `KpiCounts` for cases of `params`' estates, bucketed by
 * estate and `by` (see KpiBucket), in one round trip. Cancelled cases count nowhere.
 */
export async function kpiCounts(db: Queryable, params: readonly KpiEstateParams[], from: Date, to: Date, asOf: Date, by: KpiBucket = 'month') {
  if (params.length === 0) return [];
  const ids = `{${params.map((p) => p.estateId).join(',')}}`;
  const windows = `{${params.map((p) => p.reworkWindowDays).join(',')}}`;
  const scores = `{${params.map((p) => p.satisfiedFromScore).join(',')}}`;
  const f = from.toISOString();
  const t = to.toISOString();
  const dim = (alias: string) => (by === 'month' ? sql`null::text` : caseBucket(by, alias));
  // Each part's bucket: its own month, or the case's property carried in the CTEs as `dim`.
  const opened = by === 'month' ? month(sql.raw('c.opened_at')) : sql.raw('c.dim');
  const closedIn = by === 'month' ? month(sql.raw('k.closed_at')) : sql.raw('k.dim');
  const visitedIn = by === 'month' ? month(sql.raw('v.visited_at')) : dim('cv');
  const res = (await db.execute(sql`
    with p as (select * from unnest(${ids}::uuid[], ${windows}::int[], ${scores}::int[]) as p(estate_id, window_days, satisfied_from)),
    c as (
      select c.estate_id, c.id, c.kind, c.status, c.unit_id, c.category, c.complaint_nature, c.opened_at, c.completed_at, p.window_days, ${dim('c')} as dim
      from cases c join p on p.estate_id = c.estate_id
      where c.opened_at >= ${f}::timestamptz and c.opened_at < ${t}::timestamptz and c.status <> 'cancelled'
    ),
    closed as (
      select c.estate_id, c.id, c.closed_at, ${dim('c')} as dim from cases c join p on p.estate_id = c.estate_id
      where c.closed_at >= ${f}::timestamptz and c.closed_at < ${t}::timestamptz and c.status in ('closed', 'closed_unresolved')
    )
    select estate_id, bucket, metric, count(*)::int as n from (
      select c.estate_id, ${opened} as bucket, 'validComplaints' as metric from c where c.kind = 'complaint' and c.complaint_nature = 'valid'
      union all
      select c.estate_id, ${opened}, 'repairs' from c where c.kind = 'repair'
      union all
      select c.estate_id, ${opened}, 'timelyRepairs' from c where c.kind = 'repair' and c.completed_at is not null
        and not exists (select 1 from deadlines d where d.estate_id = c.estate_id and d.case_id = c.id and d.clock in ('dispatch', 'arrival') and ${missed(asOf)})
      union all
      select c.estate_id, ${opened}, 'reworks' from c where c.kind = 'repair' and c.unit_id is not null and c.category is not null
        and exists (select 1 from cases e where e.estate_id = c.estate_id and e.unit_id = c.unit_id and e.category = c.category and e.id <> c.id
          and e.kind = 'repair' and e.status <> 'cancelled' and e.completed_at <= c.opened_at and e.completed_at >= c.opened_at - c.window_days * interval '1 day')
      union all
      select c.estate_id, ${opened}, case when ${kept} then 'dispatchKept' else 'dispatchMissed' end
        from c join deadlines d on d.estate_id = c.estate_id and d.case_id = c.id
        where d.clock = 'dispatch' and (${kept} or ${missed(asOf)})
      union all
      select c.estate_id, ${opened}, case when ${kept} then 'feedbackKept' else 'feedbackMissed' end
        from c join deadlines d on d.estate_id = c.estate_id and d.case_id = c.id
        where c.kind = 'complaint' and d.clock in ${FEEDBACK_CLOCKS} and (${kept} or ${missed(asOf)})
      union all
      select c.estate_id, ${opened}, 'complaints' from c where c.kind = 'complaint'
      union all
      select c.estate_id, ${opened}, 'closedComplaints' from c where c.kind = 'complaint' and c.status = 'closed'
      union all
      select k.estate_id, ${closedIn},
        case when exists (select 1 from return_visits v where v.estate_id = k.estate_id and v.case_id = k.id and v.kind = 'closing' and v.outcome = 'visited') then 'visitedCases'
             when exists (select 1 from return_visits v where v.estate_id = k.estate_id and v.case_id = k.id and v.kind = 'closing' and v.outcome = 'exempt') then 'exemptCases'
             else 'unvisitedCases' end
        from closed k
      union all
      select v.estate_id, ${visitedIn}, case when v.satisfaction >= p.satisfied_from then 'satisfiedVisits' else 'unsatisfiedVisits' end
        from return_visits v join p on p.estate_id = v.estate_id ${by === 'month' ? sql`` : sql.raw('join cases cv on cv.estate_id = v.estate_id and cv.id = v.case_id')}
        where v.kind = 'closing' and v.outcome = 'visited' and v.satisfaction is not null
          and v.visited_at >= ${f}::timestamptz and v.visited_at < ${t}::timestamptz
    ) x group by estate_id, bucket, metric`)) as unknown as { rows: { estate_id: string; bucket: string; metric: string; n: number }[] };
  return pivot(res.rows);
}

/** Long rows (estate, bucket, metric, n) into one KpiCounts per estate and bucket (a month, or '' for a case without the property). */
function pivot(rows: { estate_id: string; bucket: string; metric: string; n: number }[]) {
  const out = new Map<string, { estateId: string; bucket: string; counts: KpiCounts }>();
  for (const r of rows) {
    const key = `${r.estate_id}/${r.bucket}`;
    const b = out.get(key) ?? { estateId: r.estate_id, bucket: r.bucket, counts: { ...ZERO_COUNTS } };
    out.set(key, b);
    const c = b.counts;
    const n = Number(r.n);
    switch (r.metric) {
      case 'dispatchKept':
        c.dispatchKept += n;
        c.dispatchDecided += n;
        break;
      case 'dispatchMissed':
        c.dispatchDecided += n;
        break;
      case 'feedbackKept':
        c.feedbackKept += n;
        c.feedbackDecided += n;
        break;
      case 'feedbackMissed':
        c.feedbackDecided += n;
        break;
      case 'visitedCases':
      case 'exemptCases':
        c[r.metric] += n;
        c.closedCases += n;
        break;
      case 'unvisitedCases':
        c.closedCases += n;
        break;
      case 'satisfiedVisits':
        c.satisfiedVisits += n;
        c.scoredVisits += n;
        break;
      case 'unsatisfiedVisits':
        c.scoredVisits += n;
        break;
      default:
        c[r.metric as keyof KpiCounts] += n;
    }
  }
  return [...out.values()];
}

export type DurationGrouping = 'estate' | 'month' | 'all';

/**
 * Median and 90th percentile, in minutes, of the time from the report to the first arrival and
 * to completion (repairs) and to closing (every case), for cases reported in [from, to), grouped
 * by estate, by Beijing month, or over everything. Percentiles do not add up, so each grouping is
 * its own query rather than a sum of buckets.
 */
export async function kpiDurations(db: Queryable, estateIds: readonly string[], from: Date, to: Date, by: DurationGrouping) {
  if (estateIds.length === 0) return [];
  const key = by === 'estate' ? sql.raw('c.estate_id::text') : by === 'month' ? month(sql.raw('c.opened_at')) : sql.raw(`'all'`);
  const res = (await db.execute(sql`
    with c as (
      select c.estate_id, c.id, c.kind, c.status, c.opened_at, c.completed_at, c.closed_at from cases c
      where c.estate_id = any(${`{${estateIds.join(',')}}`}::uuid[]) and c.opened_at >= ${from.toISOString()}::timestamptz and c.opened_at < ${to.toISOString()}::timestamptz
        and c.status <> 'cancelled'
    ),
    x as (
      select ${key} as k, 'time_to_arrive' as metric,
        extract(epoch from (select min(o.arrived_at) from work_orders o where o.estate_id = c.estate_id and o.case_id = c.id and o.status <> 'void') - c.opened_at) / 60 as minutes
        from c where c.kind = 'repair'
      union all
      select ${key}, 'time_to_complete', extract(epoch from c.completed_at - c.opened_at) / 60 from c where c.kind = 'repair'
      union all
      select ${key}, 'time_to_close', extract(epoch from c.closed_at - c.opened_at) / 60 from c where c.status in ('closed', 'closed_unresolved')
    )
    select k, metric, count(minutes)::int as n,
      percentile_cont(0.5) within group (order by minutes) as median,
      percentile_cont(0.9) within group (order by minutes) as p90
    from x where minutes is not null group by k, metric`)) as unknown as {
    rows: { k: string; metric: DurationKpi; n: number; median: number | string | null; p90: number | string | null }[];
  };
  const round = (v: number | string | null) => (v === null ? null : Math.round(Number(v) * 10) / 10);
  return res.rows.map((r) => ({ key: r.k, metric: r.metric, n: Number(r.n), medianMin: round(r.median), p90Min: round(r.p90) }));
}

/** Repairs reported in [from, to) by building and floor: the dashboard's heat map (units without a floor under null). */
export async function repairHeat(db: Queryable, estateId: string, from: Date, to: Date) {
  const res = (await db.execute(sql`
    select b.name as building, u.floor, count(*)::int as n
    from cases c
    join units u on u.estate_id = c.estate_id and u.id = c.unit_id
    join buildings b on b.estate_id = u.estate_id and b.id = u.building_id
    where c.estate_id = ${estateId} and c.kind = 'repair' and c.status <> 'cancelled'
      and c.opened_at >= ${from.toISOString()}::timestamptz and c.opened_at < ${to.toISOString()}::timestamptz
    group by b.name, u.floor
    order by b.name, u.floor`)) as unknown as { rows: { building: string; floor: number | null; n: number }[] };
  return res.rows.map((r) => ({ building: r.building, floor: r.floor === null ? null : Number(r.floor), n: Number(r.n) }));
}
