import { describe, expect, it } from 'vitest';
import { DEFAULT_HOTLINE_SETTINGS, dossierAlerts, dossierClocks, dossierNumber, dossierStepRefusal, routeCall } from '../../src/domain/hotline.js';

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
  });

  it('alerts: the first visit late while open; escalation due while unresolved after the days', () => {
    const d = { status: 'in_hand' as const, firstVisitAt: null, firstVisitDueAt: new Date('2026-03-03T02:00:00Z'), escalateDueAt: new Date('2026-03-09T02:00:00Z') };
    expect(dossierAlerts(d, new Date('2026-03-03T01:00:00Z'))).toEqual({ firstVisitOverdue: false, escalationDue: false });
    expect(dossierAlerts(d, new Date('2026-03-10T00:00:00Z'))).toEqual({ firstVisitOverdue: true, escalationDue: true });
    expect(dossierAlerts({ ...d, status: 'resolved' }, new Date('2026-03-10T00:00:00Z')).escalationDue).toBe(false);
    expect(dossierAlerts({ ...d, status: 'closed' }, new Date('2026-03-10T00:00:00Z'))).toEqual({ firstVisitOverdue: false, escalationDue: false });
  });
});
