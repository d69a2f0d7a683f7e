import { describe, expect, it } from 'vitest';
import { type ClosingSnapshot, DEFAULT_CLOSING_SETTINGS, countsAsClosed, decideClosing, decideUnresolvableClosing } from '../../src/domain/case-closing.js';
import type { Role } from '../../src/domain/roles.js';

const roles = (...r: Role[]) => new Set<Role>(r);
const repair = (over: Partial<ClosingSnapshot> = {}): ClosingSnapshot => ({
  kind: 'repair',
  status: 'completed',
  urgency: 'routine',
  major: false,
  orders: [{ status: 'checked', signed: true }],
  openFindings: 0,
  ...over,
});
const close = (s: ClosingSnapshot, req: Partial<Parameters<typeof decideClosing>[1]> = {}) =>
  decideClosing(s, { result: '已修复', actorRoles: roles('receptionist'), ...req }, DEFAULT_CLOSING_SETTINGS);
const ruleOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as { rule?: string }).rule;
  }
  return 'none';
};

describe('closing rules', () => {
  it('R-CL-1: a case that is not handled cannot close', () => {
    for (const status of ['opened', 'dispatched', 'in_progress', 'paused', 'reopened'] as const) {
      expect(ruleOf(() => close(repair({ status })))).toBe('R-CL-1');
    }
  });

  it('R-CL-2: a repair closes on a signed order back at the desk and checked', () => {
    expect(close(repair())).toEqual({ outcome: 'close', approvedByActor: false });
    expect(ruleOf(() => close(repair({ orders: [] })))).toBe('R-CL-2');
    expect(ruleOf(() => close(repair({ orders: [{ status: 'checked', signed: false }] })))).toBe('R-CL-2');
    expect(ruleOf(() => close(repair({ orders: [{ status: 'returned', signed: true }] })))).toBe('R-CL-2');
    expect(close(repair({ orders: [{ status: 'void', signed: false }, { status: 'checked', signed: true }] })).outcome).toBe('close');
  });

  it('R-CL-3: a non-repair case closes on a document or the supervisor’s word', () => {
    const inquiry = repair({ kind: 'inquiry', orders: [] });
    expect(ruleOf(() => close(inquiry))).toBe('R-CL-3');
    expect(close(inquiry, { evidence: { kind: 'document', note: '回复函' } }).outcome).toBe('close');
    expect(ruleOf(() => close(inquiry, { evidence: { kind: 'supervisor' } }))).toBe('R-CL-3');
    expect(close(inquiry, { evidence: { kind: 'supervisor' }, actorRoles: roles('supervisor') }).outcome).toBe('close');
  });

  it('R-CL-4: an open finding not split off blocks closing', () => {
    expect(ruleOf(() => close(repair({ openFindings: 1 })))).toBe('R-CL-4');
  });

  it('R-CL-5 / R-EM-3: emergencies and major cases need the supervisor or project manager', () => {
    expect(close(repair({ urgency: 'emergency' }))).toEqual({ outcome: 'needs_approval', approverRole: 'supervisor' });
    expect(close(repair({ major: true }))).toEqual({ outcome: 'needs_approval', approverRole: 'supervisor' });
    expect(close(repair({ urgency: 'emergency' }), { actorRoles: roles('supervisor') })).toEqual({ outcome: 'close', approvedByActor: true });
    expect(close(repair({ major: true }), { actorRoles: roles('project_manager') })).toEqual({ outcome: 'close', approvedByActor: true });
    const strict = decideClosing(repair({ major: true }), { result: 'x', actorRoles: roles('supervisor') }, { emergencyApprover: 'project_manager' });
    expect(strict).toEqual({ outcome: 'needs_approval', approverRole: 'project_manager' });
  });

  it('R-CL-7: closing records a result', () => {
    expect(ruleOf(() => close(repair(), { result: '  ' }))).toBe('R-CL-7');
  });

  it('R-CL-6: an unresolvable case closes only with the project manager’s approval, as closed_unresolved (not closed in statistics)', () => {
    const request = { kind: 'close_unresolvable', status: 'pending' };
    const decide = (over: Partial<Parameters<typeof decideUnresolvableClosing>[0]> = {}) => () =>
      decideUnresolvableClosing({ status: 'unresolvable_pending', approval: request, deciderRoles: roles('project_manager'), ...over });
    expect(decide()()).toBe('closed_unresolved');
    expect(countsAsClosed('closed_unresolved')).toBe(false);
    expect(countsAsClosed('closed')).toBe(true);
    for (const deciderRoles of [roles('supervisor'), roles('receptionist'), roles('quality_officer', 'engineering_manager')]) {
      expect(ruleOf(decide({ deciderRoles }))).toBe('R-CL-6');
    }
    expect(ruleOf(decide({ approval: { ...request, status: 'approved' } }))).toBe('R-CL-6');
    expect(ruleOf(decide({ approval: { kind: 'close', status: 'pending' } }))).toBe('R-CL-6');
    for (const status of ['opened', 'paused', 'completed', 'closed_unresolved'] as const) expect(ruleOf(decide({ status }))).toBe('R-CL-6');
  });
});
