import { describe, expect, it } from 'vitest';
import { type KpiCounts, type KpiPeriodFacts, ZERO_COUNTS, addCounts, kpiFigures, rankBy, rateParts, trafficLight } from '../../src/domain/kpi-catalogue.js';
import { parseKpiPeriod, previousKpiPeriod, trailingMonths } from '../../src/domain/kpi-period.js';
import { DEFAULT_KPI_SETTINGS } from '../../src/domain/kpi.js';

const facts = (c: Partial<KpiCounts>, households = 400): KpiPeriodFacts => ({
  counts: { ...ZERO_COUNTS, ...c },
  households,
  durations: { time_to_arrive: { n: 0, medianMin: null, p90Min: null }, time_to_complete: { n: 0, medianMin: null, p90Min: null }, time_to_close: { n: 0, medianMin: null, p90Min: null } },
});
const figure = (f: ReturnType<typeof kpiFigures>, id: string) => f.find((x) => x.id === id)!;

describe('KPI formulas (docs/kpis.md)', () => {
  it('an empty period has no value and no light for any figure — nothing is divided by zero', () => {
    const f = kpiFigures(facts({}, 0), null, DEFAULT_KPI_SETTINGS);
    expect(f).toHaveLength(11);
    for (const x of f) expect([x.value, x.light, x.trend], x.id).toEqual([null, 'none', null]);
  });

  it('complaint rate: valid complaints ÷ households (R-MO-3), green only strictly below the 5 % target', () => {
    expect(figure(kpiFigures(facts({ validComplaints: 6 }), null, DEFAULT_KPI_SETTINGS), 'complaint_rate')).toMatchObject({ numerator: 6, denominator: 400, value: 1.5, light: 'green' });
    expect(figure(kpiFigures(facts({ validComplaints: 20 }), null, DEFAULT_KPI_SETTINGS), 'complaint_rate')).toMatchObject({ value: 5, light: 'amber' });
    expect(figure(kpiFigures(facts({ validComplaints: 23 }), null, DEFAULT_KPI_SETTINGS), 'complaint_rate')).toMatchObject({ value: 5.75, light: 'red' });
  });

  it('return-visit rate: exempted cases are neither visited nor visitable (R-RV-2)', () => {
    // 10 closed, 3 exempt, 6 visited: 6 of 7.
    expect(rateParts('return_visit_rate', { ...ZERO_COUNTS, closedCases: 10, exemptCases: 3, visitedCases: 6 }, 0)).toEqual({ numerator: 6, denominator: 7 });
    const all = kpiFigures(facts({ closedCases: 2, exemptCases: 2 }), null, DEFAULT_KPI_SETTINGS);
    expect(figure(all, 'return_visit_rate')).toMatchObject({ denominator: 0, value: null, light: 'none' });
  });

  it('each rate takes its own numerator and denominator', () => {
    const c: KpiCounts = {
      validComplaints: 4,
      repairs: 200,
      timelyRepairs: 196,
      reworks: 3,
      dispatchDecided: 210,
      dispatchKept: 209,
      feedbackDecided: 40,
      feedbackKept: 40,
      closedCases: 180,
      exemptCases: 20,
      visitedCases: 150,
      scoredVisits: 150,
      satisfiedVisits: 147,
      complaints: 10,
      closedComplaints: 7,
    };
    const f = kpiFigures(facts(c), null, DEFAULT_KPI_SETTINGS);
    expect(Object.fromEntries(f.filter((x) => x.unit === 'pct').map((x) => [x.id, [x.value, x.light]]))).toEqual({
      complaint_rate: [1, 'green'],
      repair_timeliness: [98, 'amber'],
      dispatch_timeliness: [99.52, 'amber'],
      rework_rate: [1.5, 'red'],
      feedback_timeliness: [100, 'green'],
      return_visit_rate: [93.75, 'amber'],
      satisfaction_rate: [98, 'green'],
      closure_rate: [70, 'red'], // amber would be 72 to 80 (a band of 10 % of 80)
    });
  });

  it('durations: the p90 is the value, the median rides along; the arrival p90 is held to 20 min (R-WO-4)', () => {
    const now = facts({});
    now.durations.time_to_arrive = { n: 30, medianMin: 12, p90Min: 18.5 };
    const before = facts({});
    before.durations.time_to_arrive = { n: 25, medianMin: 14, p90Min: 26 };
    expect(figure(kpiFigures(now, before, DEFAULT_KPI_SETTINGS), 'time_to_arrive')).toMatchObject({ unit: 'min', value: 18.5, medianMin: 12, numerator: 30, target: 20, light: 'green', previous: 26, trend: 'better' });
    expect(figure(kpiFigures(before, now, DEFAULT_KPI_SETTINGS), 'time_to_arrive')).toMatchObject({ light: 'red', trend: 'worse' });
    expect(figure(kpiFigures(now, null, DEFAULT_KPI_SETTINGS), 'time_to_complete')).toMatchObject({ target: null, light: 'none' });
  });

  it('trend: higher is better for timeliness, lower for rework; equal is same', () => {
    const a = facts({ repairs: 100, timelyRepairs: 90, reworks: 2 });
    const b = facts({ repairs: 100, timelyRepairs: 95, reworks: 1 });
    const f = kpiFigures(b, a, DEFAULT_KPI_SETTINGS);
    expect([figure(f, 'repair_timeliness').trend, figure(f, 'rework_rate').trend]).toEqual(['better', 'better']);
    expect(figure(kpiFigures(a, b, DEFAULT_KPI_SETTINGS), 'rework_rate').trend).toBe('worse');
    expect(figure(kpiFigures(a, a, DEFAULT_KPI_SETTINGS), 'rework_rate').trend).toBe('same');
  });

  it('several estates: sums of parts, not an average of rates', () => {
    const small = { ...ZERO_COUNTS, repairs: 1, timelyRepairs: 0 };
    const big = { ...ZERO_COUNTS, repairs: 99, timelyRepairs: 99 };
    const sum = addCounts([small, big]);
    expect(figure(kpiFigures({ ...facts({}), counts: sum }, null, DEFAULT_KPI_SETTINGS), 'repair_timeliness').value).toBe(99);
  });

  it('the traffic light: amber within the band of the target, per direction', () => {
    expect(trafficLight('at_least', 90, 100, 10)).toBe('amber');
    expect(trafficLight('at_least', 89.99, 100, 10)).toBe('red');
    expect(trafficLight('at_most', 1.1, 1, 10)).toBe('amber');
    expect(trafficLight('at_most', 1.11, 1, 10)).toBe('red');
    expect(trafficLight('below', 4.99, 5, 10)).toBe('green');
    expect(trafficLight('at_least', 80, 100, 0)).toBe('red');
    expect(trafficLight('at_least', null, 100, 10)).toBe('none');
  });

  it('ranking: best first per direction, ties share a place, estates without a value last', () => {
    const rows = [
      { id: 'a', v: 95 },
      { id: 'b', v: null },
      { id: 'c', v: 99 },
      { id: 'd', v: 95 },
    ];
    expect(rankBy(rows, (r) => r.v, 'at_least').map((x) => [x.row.id, x.place])).toEqual([
      ['c', 1],
      ['a', 2],
      ['d', 2],
      ['b', null],
    ]);
    expect(rankBy(rows, (r) => r.v, 'at_most').map((x) => x.row.id)).toEqual(['a', 'd', 'c', 'b']);
  });
});

describe('KPI periods (Beijing calendar)', () => {
  it('a month starts at Beijing midnight and its previous month is the one before', () => {
    const p = parseKpiPeriod('2026-03')!;
    expect([p.from.toISOString(), p.to.toISOString(), p.lastDay]).toEqual(['2026-02-28T16:00:00.000Z', '2026-03-31T16:00:00.000Z', '2026-03-31']);
    expect(previousKpiPeriod(parseKpiPeriod('2026-01')!).label).toBe('2025-12');
  });

  it('a quarter and a year; the first quarter’s previous is last year’s fourth', () => {
    expect(parseKpiPeriod('2026-Q2')).toMatchObject({ kind: 'quarter', firstDay: '2026-04-01', lastDay: '2026-06-30' });
    expect(previousKpiPeriod(parseKpiPeriod('2026-Q1')!).label).toBe('2025-Q4');
    expect(previousKpiPeriod(parseKpiPeriod('2026-Q3')!).label).toBe('2026-Q2');
    expect(parseKpiPeriod('2024')).toMatchObject({ kind: 'year', firstDay: '2024-01-01', lastDay: '2024-12-31' });
  });

  it('a day range is inclusive; its previous period is as many days just before, across a month end', () => {
    const p = parseKpiPeriod('2026-03-01..2026-03-07')!;
    expect(previousKpiPeriod(p)).toMatchObject({ label: '2026-02-22..2026-02-28', firstDay: '2026-02-22', lastDay: '2026-02-28' });
    expect(previousKpiPeriod(p).to).toEqual(p.from);
  });

  it('what names no period is refused: month 13, 30 February, a backwards or a decade-long range', () => {
    for (const bad of ['2026-13', '2026-Q5', '26', '2026-02-30..2026-03-01', '2026-03-10..2026-03-01', '2016-01-01..2026-01-01', '']) expect(parseKpiPeriod(bad), bad).toBeNull();
  });

  it('the trend months end with the given month, oldest first, across a year end', () => {
    expect(trailingMonths('2026-02', 4)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });
});
