import { describe, expect, it } from 'vitest';
import { proposeUrgency } from '../../src/domain/emergency.js';
import { proposeFlags } from '../../src/domain/hot-complaints.js';

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
