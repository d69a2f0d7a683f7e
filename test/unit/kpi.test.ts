import { describe, expect, it } from 'vitest';
import {
  type ClockRow,
  type RepairRow,
  DEFAULT_KPI_SETTINGS,
  clockKept,
  complaintRate,
  findRework,
  monthBounds,
  priorCaseRelation,
  previousMonth,
  quarterMonths,
  quarterOf,
  quarterSignableFrom,
  reworkRate,
  timelinessMiss,
  timelinessRate,
} from '../../src/domain/kpi.js';
import { resolveSettings } from '../../src/domain/settings.js';

const t = (iso: string) => new Date(iso);
const clock = (c: string, state: string, due: string, settled: string | null = null): ClockRow => ({ clock: c, state, dueAt: t(due), settledAt: settled ? t(settled) : null });
const asOf = t('2026-04-01T00:00:00Z');

describe('R-KPI-1 timeliness of repairs', () => {
  it('R-KPI-1: a met clock settled by its due time is kept; breached, late-met and overdue running clocks are not', () => {
    expect(clockKept(clock('arrival', 'met', '2026-03-02T02:20:00Z', '2026-03-02T02:15:00Z'), asOf)).toBe(true);
    expect(clockKept(clock('arrival', 'breached', '2026-03-02T02:20:00Z'), asOf)).toBe(false);
    expect(clockKept(clock('arrival', 'met', '2026-03-02T02:20:00Z', '2026-03-02T02:40:00Z'), asOf)).toBe(false);
    expect(clockKept(clock('arrival', 'pending', '2026-03-02T02:20:00Z'), asOf)).toBe(false);
    expect(clockKept(clock('arrival', 'warned', '2026-04-02T02:20:00Z'), asOf)).toBeNull();
    expect(clockKept(clock('arrival', 'cancelled', '2026-03-02T02:20:00Z'), asOf)).toBeNull();
  });

  it('R-KPI-1: a repair is timely when completed with its dispatch and arrival clocks kept', () => {
    const kept = [clock('dispatch', 'met', '2026-03-02T02:10:00Z', '2026-03-02T02:05:00Z'), clock('arrival', 'met', '2026-03-02T02:20:00Z', '2026-03-02T02:15:00Z')];
    const done = { completedAt: t('2026-03-02T03:00:00Z') };
    expect(timelinessMiss(done, kept, asOf)).toBeNull();
    expect(timelinessMiss({ completedAt: null }, kept, asOf)).toBe('not_completed');
    expect(timelinessMiss(done, [kept[0]!, clock('arrival', 'breached', '2026-03-02T02:20:00Z')], asOf)).toBe('late_arrival');
    expect(timelinessMiss(done, [clock('dispatch', 'breached', '2026-03-02T02:10:00Z'), kept[1]!], asOf)).toBe('late_dispatch');
    // Other clocks (follow-ups, replies) do not decide a repair's timeliness.
    expect(timelinessMiss(done, [...kept, clock('followup_2h', 'breached', '2026-03-02T04:00:00Z')], asOf)).toBeNull();
  });

  it('R-KPI-1: the rate is timely ÷ repairs, below the 100 % target is flagged, none is null', () => {
    expect(timelinessRate([null, null, null, 'late_arrival'], 100)).toEqual({ repairs: 4, timely: 3, ratePct: 75, targetPct: 100, belowTarget: true });
    expect(timelinessRate([null, null], 100)).toMatchObject({ ratePct: 100, belowTarget: false });
    expect(timelinessRate([], 100)).toMatchObject({ repairs: 0, ratePct: null, belowTarget: false });
    expect(timelinessRate([null, 'not_completed', 'late_dispatch'], 100).ratePct).toBe(33.33);
  });
});

describe('R-KPI-1 rework (返修率)', () => {
  const unit = 'u1';
  const repair = (id: string, opened: string, completed: string | null, over: Partial<RepairRow> = {}): RepairRow => ({
    id,
    number: `YH-${id}`,
    unitId: unit,
    category: 'WATER',
    openedAt: t(opened),
    completedAt: completed ? t(completed) : null,
    ...over,
  });
  const { from, to } = monthBounds('2026-03');

  it('R-KPI-1: the same category at the same unit within the window after completion is rework, counted in the month it came back', () => {
    const rows = [
      repair('1', '2026-02-20T02:00:00Z', '2026-02-20T05:00:00Z'),
      repair('2', '2026-03-10T02:00:00Z', '2026-03-10T05:00:00Z'), // 17 whole days after 1 was completed: rework
      repair('3', '2026-03-12T02:00:00Z', null, { category: 'ELEC' }), // other problem
      repair('4', '2026-03-12T02:00:00Z', null, { unitId: 'u2' }), // other unit
    ];
    expect(findRework(rows, 30, from, to)).toEqual([{ caseId: '2', caseNumber: 'YH-2', originalId: '1', originalNumber: 'YH-1', daysAfter: 17 }]);
  });

  it('R-KPI-1: outside the window, before completion, without a unit or in another month is not rework', () => {
    const rows = [
      repair('1', '2026-01-01T02:00:00Z', '2026-01-01T05:00:00Z'),
      repair('2', '2026-03-05T02:00:00Z', null), // 63 days later: outside 30
      repair('3', '2026-03-05T03:00:00Z', null), // 2 is not completed yet: a duplicate, not rework
      repair('5', '2026-03-01T02:00:00Z', '2026-03-01T03:00:00Z', { unitId: null }),
      repair('6', '2026-03-02T02:00:00Z', null, { unitId: null }),
      repair('7', '2026-04-01T02:00:00Z', null), // next month
    ];
    expect(findRework(rows, 30, from, to)).toEqual([]);
    // The window is the estate's setting: with 90 days both come back after case 1.
    expect(findRework(rows, 90, from, to).map((r) => r.caseId)).toEqual(['2', '3']);
  });

  it('R-KPI-1: the rate is reworks ÷ repairs; above the 1 % target is flagged', () => {
    expect(reworkRate(1, 100, 1)).toEqual({ repairs: 100, reworks: 1, ratePct: 1, targetPct: 1, overTarget: false });
    expect(reworkRate(2, 100, 1).overTarget).toBe(true);
    expect(reworkRate(0, 0, 1)).toMatchObject({ ratePct: null, overTarget: false });
  });
});

describe('R-MO-3 complaint rate', () => {
  it('R-MO-3: valid complaints ÷ households × 100 %; reaching the 5 % target is over it', () => {
    expect(complaintRate(9, 360, 5)).toEqual({ validComplaints: 9, households: 360, ratePct: 2.5, targetPct: 5, overTarget: false });
    expect(complaintRate(18, 360, 5)).toMatchObject({ ratePct: 5, overTarget: true });
    expect(complaintRate(20, 360, 5)).toMatchObject({ ratePct: 5.56, overTarget: true });
    expect(complaintRate(3, 0, 5)).toMatchObject({ ratePct: null, overTarget: false });
  });
});

describe('R-MO-1 / R-QT-1 periods and KPI settings', () => {
  it('R-MO-1: a month is the Beijing calendar month; last month is the default', () => {
    expect(monthBounds('2026-03')).toEqual({ from: t('2026-02-28T16:00:00Z'), to: t('2026-03-31T16:00:00Z'), lastDay: '2026-03-31' });
    expect(monthBounds('2026-12').to).toEqual(t('2026-12-31T16:00:00Z'));
    expect(previousMonth(t('2026-04-03T02:00:00Z'))).toBe('2026-03');
    expect(previousMonth(t('2026-03-31T16:30:00Z'))).toBe('2026-03'); // already 1 April in Beijing
    expect(previousMonth(t('2026-01-10T00:00:00Z'))).toBe('2025-12');
  });

  it('R-QT-1: quarters are three months, signable from the first day of the third month', () => {
    expect(quarterMonths('2026-Q1')).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(quarterMonths('2026-Q4')).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(quarterOf('2026-02')).toBe('2026-Q1');
    expect(quarterOf('2026-12')).toBe('2026-Q4');
    expect(quarterSignableFrom('2026-Q2')).toEqual(t('2026-05-31T16:00:00Z'));
  });

  it('R-KPI-1: targets are estate settings with the seed values as defaults', () => {
    expect(resolveSettings(null).kpi).toEqual({
      timelinessTargetPct: 100,
      reworkTargetPct: 1,
      complaintRateTargetPct: 5,
      // R-RV-4 (001 §5.4–5.6), R-WO-1, R-WO-4 (20 min); the satisfied score and the amber band are the dashboard's.
      dispatchTimelinessTargetPct: 100,
      feedbackTimelinessTargetPct: 100,
      returnVisitTargetPct: 100,
      satisfactionTargetPct: 98,
      closureTargetPct: 80,
      arriveP90TargetMinutes: 20,
      satisfiedFromScore: 4,
      amberBandPct: 10,
    });
    expect(resolveSettings({ kpi: { complaintRateTargetPct: 3 } }).kpi).toEqual({ ...DEFAULT_KPI_SETTINGS, complaintRateTargetPct: 3 });
    expect(resolveSettings(null).reworkWindowDays).toBe(30);
  });
});

describe('the intake’s 重复 / 返修 marks use the rework rule (R-KPI-1)', () => {
  const at = new Date('2026-03-31T02:00:00Z');
  const day = 86_400_000;
  it('completed within the window: rework, also while not yet closed; open and not completed: repeat; other category or old: nothing', () => {
    expect(priorCaseRelation({ category: 'WATER', status: 'closed', completedAt: new Date(at.getTime() - 30 * day) }, 'WATER', at, 30)).toBe('rework');
    expect(priorCaseRelation({ category: 'WATER', status: 'completed', completedAt: new Date(at.getTime() - day) }, 'WATER', at, 30)).toBe('rework');
    expect(priorCaseRelation({ category: 'WATER', status: 'dispatched', completedAt: null }, 'WATER', at, 30)).toBe('repeat');
    expect(priorCaseRelation({ category: 'WATER', status: 'closed', completedAt: new Date(at.getTime() - 31 * day) }, 'WATER', at, 30)).toBeNull();
    expect(priorCaseRelation({ category: 'ELEC', status: 'dispatched', completedAt: null }, 'WATER', at, 30)).toBeNull();
    expect(priorCaseRelation({ category: 'WATER', status: 'dispatched', completedAt: null }, null, at, 30)).toBeNull();
  });

  it('a case closed without being completed (cancelled) is not rework, however recent', () => {
    expect(priorCaseRelation({ category: 'WATER', status: 'cancelled', completedAt: null }, 'WATER', at, 30)).toBeNull();
  });

  it('the same window as the monthly figure: a repair completed 30 days before the return is rework in both', () => {
    const repairs = [
      { id: 'a', number: 'A', unitId: 'u', category: 'WATER', openedAt: new Date(at.getTime() - 40 * day), completedAt: new Date(at.getTime() - 30 * day) },
      { id: 'b', number: 'B', unitId: 'u', category: 'WATER', openedAt: at, completedAt: null },
    ];
    expect(findRework(repairs, 30, new Date(at.getTime() - day), new Date(at.getTime() + day)).map((r) => r.originalId)).toEqual(['a']);
    expect(priorCaseRelation({ category: 'WATER', status: 'closed', completedAt: repairs[0]!.completedAt }, 'WATER', at, 30)).toBe('rework');
  });
});
