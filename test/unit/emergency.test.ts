import { describe, expect, it } from 'vitest';
import { proposeUrgency } from '../../src/domain/emergency.js';
import { manualFlagEffect, otherComplainants, proposeFlags } from '../../src/domain/hot-complaints.js';

describe('R-EM-1: emergency words', () => {
  it.each([
    ['2号楼电梯困人', 'emergency'],
    ['楼上爆管，家里在跑水', 'emergency'],
    ['配电箱冒烟，闻到焦味', 'emergency'],
    ['阳台玻璃松动快要掉落', 'emergency'],
    ['地下车库有人受伤', 'emergency'],
    ['电梯按钮不灵', 'routine'],
    ['卫生间灯不亮', 'routine'],
    ['没有漏水，只是水压小', 'routine'],
  ])('%s → %s', (text, urgency) => expect(proposeUrgency(text).urgency).toBe(urgency));
  it('estates edit the word list', () => expect(proposeUrgency('化粪池满溢', ['满溢']).urgency).toBe('emergency'));
});

describe('R-HOT-1/2: countable conditions', () => {
  const now = new Date('2026-03-30T00:00:00Z');
  const fresh = { complainants: 1, openedAt: now, open: true };
  it('the third same complaint from different people proposes hot', () => {
    expect(proposeFlags(fresh, 1, now)).toEqual([]);
    expect(proposeFlags(fresh, 2, now)).toEqual([expect.objectContaining({ flag: 'hot', reason: 'repeat' })]);
  });
  it('collective: 3 people hot, 10 major', () => {
    expect(proposeFlags({ ...fresh, complainants: 3 }, 0, now)[0]).toMatchObject({ flag: 'hot', reason: 'headcount' });
    expect(proposeFlags({ ...fresh, complainants: 10 }, 0, now)[0]).toMatchObject({ flag: 'major', reason: 'headcount' });
  });
  it('unresolved a week: hot; a month: major; resolved: nothing', () => {
    const week = { ...fresh, openedAt: new Date(now.getTime() - 7 * 86_400_000) };
    const month = { ...fresh, openedAt: new Date(now.getTime() - 30 * 86_400_000) };
    expect(proposeFlags(week, 0, now)).toEqual([expect.objectContaining({ flag: 'hot', reason: 'age' })]);
    expect(proposeFlags(month, 0, now)).toEqual([expect.objectContaining({ flag: 'major', reason: 'age' })]);
    expect(proposeFlags({ ...month, open: false }, 0, now)).toEqual([]);
  });
});

describe('R-HOT-1: different people', () => {
  const c = (caseId: string, residentId: string | null, phone: string | null, unitId: string | null = 'u1') => ({ caseId, residentId, phone, unitId });
  const me = c('m', 'r1', '139');

  it('one resident complaining three times is one person, also when some complaints name only the phone or only the record', () => {
    expect(otherComplainants(me, [c('a', 'r1', '139'), c('b', 'r1', '139')])).toBe(0);
    expect(otherComplainants(me, [c('a', null, '139'), c('b', 'r1', null)])).toBe(0);
    // linked through a third complaint naming both
    expect(otherComplainants(c('m', null, '138'), [c('a', 'r2', null), c('b', 'r2', '138')])).toBe(0);
  });
  it('different records or phones are different people; with neither, the unit stands for the person', () => {
    expect(otherComplainants(me, [c('a', 'r2', '137'), c('b', null, '136'), c('c', 'r2', null)])).toBe(2);
    expect(otherComplainants(me, [c('a', null, null, 'u2'), c('b', null, null, 'u2'), c('c', null, null, 'u3')])).toBe(2);
    expect(otherComplainants(me, [c('a', null, null, null), c('b', null, null, null)])).toBe(2);
  });
});

describe('R-HOT-1/2: lawsuit and media judgements', () => {
  it('a threatened lawsuit or exposure is hot; one already filed or published is major', () => {
    expect(manualFlagEffect({ lawsuit: 'risk' })).toEqual({ hot: true });
    expect(manualFlagEffect({ media: 'risk' })).toEqual({ hot: true });
    expect(manualFlagEffect({ lawsuit: 'filed' })).toEqual({ major: true });
    expect(manualFlagEffect({ media: 'exposed', lawsuit: 'risk' })).toEqual({ major: true, hot: true });
    expect(manualFlagEffect({})).toEqual({});
  });
});
