import { describe, expect, it } from 'vitest';
import { DEFAULT_HOTLINE_SETTINGS, dossierAlerts, escalationReport, dossierClocks, dossierNumber, dossierStepRefusal, routeCall } from '../../src/domain/hotline.js';

describe('GM hotline rules (R-GM-1…5)', () => {
  it('R-GM-1: a first contact goes back to the estate; anything else is a dossier', () => {
    expect(routeCall(true)).toBe('back');
    expect(routeCall(false)).toBe('dossier');
  });

  it('numbers are per group and year, four digits and more', () => {
    expect(dossierNumber(2026, 7)).toBe('RX-2026-0007');
    expect(dossierNumber(2026, 12345)).toBe('RX-2026-12345');
  });

  it('R-GM-4 / R-GM-3: first visit 24 h, escalation 7 days after the dossier arrives (settings)', () => {
    const at = new Date('2026-03-02T02:00:00Z');
    expect(dossierClocks(at, DEFAULT_HOTLINE_SETTINGS)).toEqual({ firstVisitDueAt: new Date('2026-03-03T02:00:00Z'), escalateDueAt: new Date('2026-03-09T02:00:00Z') });
    expect(dossierClocks(at, { firstVisitHours: 12, escalateAfterDays: 3 }).firstVisitDueAt).toEqual(new Date('2026-03-02T14:00:00Z'));
  });

  it('steps in order: measures, first visit, resolution, second visit', () => {
    const f = (status: 'awaiting_measures' | 'in_hand' | 'resolved' | 'closed', firstVisited = false) => ({ status, firstVisited });
    expect(dossierStepRefusal('set_measures', f('awaiting_measures'))).toBeNull();
    expect(dossierStepRefusal('set_measures', f('in_hand'))?.rule).toBe('R-GM-3');
    expect(dossierStepRefusal('first_visit', f('awaiting_measures'))?.rule).toBe('R-GM-3');
    expect(dossierStepRefusal('first_visit', f('in_hand'))).toBeNull();
    expect(dossierStepRefusal('first_visit', f('in_hand', true))?.rule).toBe('R-GM-4');
    expect(dossierStepRefusal('resolve', f('in_hand'))?.rule).toBe('R-GM-4');
    expect(dossierStepRefusal('resolve', f('in_hand', true))).toBeNull();
    expect(dossierStepRefusal('second_visit', f('in_hand', true))?.rule).toBe('R-GM-4');
    expect(dossierStepRefusal('second_visit', f('resolved', true))).toBeNull();
    expect(dossierStepRefusal('follow_up', f('awaiting_measures'))).toBeNull();
    expect(dossierStepRefusal('follow_up', f('closed', true))?.rule).toBe('R-GM-5');
  });

  it('alerts: the first visit late while open; escalation due while unresolved after the days', () => {
    const d = { status: 'in_hand' as const, firstVisitAt: null, firstVisitDueAt: new Date('2026-03-03T02:00:00Z'), escalateDueAt: new Date('2026-03-09T02:00:00Z') };
    expect(dossierAlerts(d, new Date('2026-03-03T01:00:00Z'))).toEqual({ firstVisitOverdue: false, escalationDue: false });
    expect(dossierAlerts(d, new Date('2026-03-10T00:00:00Z'))).toEqual({ firstVisitOverdue: true, escalationDue: true });
    expect(dossierAlerts({ ...d, status: 'resolved' }, new Date('2026-03-10T00:00:00Z')).escalationDue).toBe(false);
    expect(dossierAlerts({ ...d, status: 'closed' }, new Date('2026-03-10T00:00:00Z'))).toEqual({ firstVisitOverdue: false, escalationDue: false });
  });

  it('R-GM-3: the written escalation names the dossier, the estate, the days, the matter, the measures and who answers for it', () => {
    const text = escalationReport({ number: 'RX-2026-0003', receivedAt: new Date('2026-03-02T02:00:00Z'), matter: '电梯一周未修好', measures: null, status: 'awaiting_measures' }, '阳光花园', null, 7, () => '2026-03-02 10:00');
    expect(text.split('\n')).toEqual([
      '热线档案 RX-2026-0003（阳光花园）自 2026-03-02 10:00 登记，已超过 7 天未解决，按 R-GM-3 书面上报集团领导和品质管理部。',
      '反映事项：电梯一周未修好',
      '处理措施：项目尚未确定处理措施',
      '责任人：未指定；当前状态：待定措施',
    ]);
  });
});
