import { describe, expect, it } from 'vitest';
import { CASE_STATUSES, type CaseStatus } from '../../src/domain/case-lifecycle.js';
import { type StepFacts, assertStepPossible, stepPossible, stepRefusal } from '../../src/domain/case-steps.js';

const facts = (status: CaseStatus, over: Partial<StepFacts> = {}): StepFacts => ({
  status,
  kind: 'repair',
  complaintNature: null,
  liveOrders: 0,
  visited: false,
  hotOrMajor: false,
  ...over,
});
const ruleOf = (step: string, f: StepFacts) => stepRefusal(step, f)?.rule ?? 'none';
const possibleFrom = (step: string, over: Partial<StepFacts> = {}) => CASE_STATUSES.filter((s) => stepPossible(step, facts(s, over)));

describe('case steps: what the case’s state allows now', () => {
  it('R-LC-1: resume only a paused case; the refusal names the status in Chinese', () => {
    expect(possibleFrom('resume')).toEqual(['paused']);
    expect(() => assertStepPossible('resume', facts('unresolvable_pending'))).toThrow(/无法处理待审批/);
    expect(ruleOf('resume', facts('opened'))).toBe('R-LC-1');
  });

  it('R-LC-1: pause follows the lifecycle, and never while an unresolvable request is pending (R-CL-6)', () => {
    expect(possibleFrom('pause')).toEqual(['opened', 'dispatched', 'in_progress', 'reopened']);
    expect(ruleOf('pause', facts('unresolvable_pending'))).toBe('R-LC-1');
  });

  it('R-IN-7: only a communicative complaint that is not finished can be reclassified valid', () => {
    const communicative = { kind: 'complaint', complaintNature: 'communicative' } as const;
    expect(stepPossible('reclassify', facts('in_progress', communicative))).toBe(true);
    expect(ruleOf('reclassify', facts('in_progress'))).toBe('R-IN-7');
    expect(ruleOf('reclassify', facts('in_progress', { kind: 'complaint', complaintNature: 'valid' }))).toBe('R-IN-7');
    for (const status of ['closed', 'closed_unresolved', 'cancelled'] as const) expect(ruleOf('reclassify', facts(status, communicative))).toBe('R-LC-1');
  });

  it('R-LC-1: the resident confirms only a completed or closed case', () => {
    expect(possibleFrom('confirm')).toEqual(['completed', 'closed']);
  });

  it('R-LC-1: flag, findings and photos only before the case is finished', () => {
    for (const step of ['flag', 'record_finding', 'add_photos']) {
      expect(possibleFrom(step)).toEqual(CASE_STATUSES.filter((s) => !['closed', 'closed_unresolved', 'cancelled'].includes(s)));
    }
  });

  it('R-CL-1 / R-CL-5 / R-CL-6: close only a completed case, naming why not', () => {
    expect(possibleFrom('close')).toEqual(['completed']);
    expect(ruleOf('close', facts('in_progress'))).toBe('R-CL-1');
    expect(ruleOf('close', facts('pending_approval'))).toBe('R-CL-5');
    expect(ruleOf('close', facts('unresolvable_pending'))).toBe('R-CL-6');
  });

  it('R-CL-2: a repair, or a case with live orders, is not marked handled by the desk', () => {
    expect(ruleOf('mark_handled', facts('opened'))).toBe('R-CL-2');
    expect(ruleOf('mark_handled', facts('dispatched', { kind: 'help', liveOrders: 1 }))).toBe('R-CL-2');
    expect(possibleFrom('mark_handled', { kind: 'inquiry' })).toEqual(['opened', 'dispatched', 'in_progress', 'reopened']);
  });

  it('R-WO-9: orders are issued only while the case is being handled', () => {
    expect(possibleFrom('issue_order')).toEqual(['opened', 'dispatched', 'in_progress', 'reopened']);
    expect(ruleOf('issue_order', facts('paused'))).toBe('R-WO-9');
  });

  it('R-RV-1: one closing visit; the resident answers it only after closing', () => {
    expect(stepPossible('answer_visit', facts('closed'))).toBe(true);
    expect(ruleOf('answer_visit', facts('completed'))).toBe('R-RV-1');
    expect(ruleOf('answer_visit', facts('closed', { visited: true }))).toBe('R-RV-1');
    expect(ruleOf('return_visit', facts('closed', { visited: true }))).toBe('R-RV-1');
    expect(ruleOf('return_visit', facts('cancelled'))).toBe('R-RV-1');
    expect(stepPossible('return_visit', facts('in_progress'))).toBe(true);
  });

  it('reopen, cancel and request_unresolvable follow the lifecycle table', () => {
    expect(possibleFrom('reopen')).toEqual(['completed', 'closed', 'closed_unresolved']);
    expect(possibleFrom('cancel')).toEqual(['opened', 'paused']);
    expect(possibleFrom('request_unresolvable')).toEqual(['opened', 'dispatched', 'in_progress', 'paused', 'reopened']);
  });

  it('R-IN-8: a reply time is promised only while the case is being handled', () => {
    expect(possibleFrom('promise_reply')).toEqual(['opened', 'dispatched', 'in_progress', 'paused', 'unresolvable_pending', 'reopened']);
    expect(ruleOf('promise_reply', facts('completed'))).toBe('R-IN-8');
    expect(ruleOf('promise_reply', facts('closed'))).toBe('R-IN-8');
  });

  it('R-HOT-1: only a hot or major complaint is reported to the group, also after closing (the full report)', () => {
    expect(possibleFrom('report_hot')).toEqual([]);
    expect(ruleOf('report_hot', facts('in_progress'))).toBe('R-HOT-1');
    expect(possibleFrom('report_hot', { hotOrMajor: true })).toEqual(CASE_STATUSES.filter((s) => s !== 'cancelled'));
  });

  it('R-CP-3: a complaint still open goes up to the quality office once; a repair never does', () => {
    const complaint = { kind: 'complaint' } as const;
    expect(possibleFrom('escalate_quality', complaint)).toEqual(['opened', 'dispatched', 'in_progress', 'paused', 'completed', 'pending_approval', 'unresolvable_pending', 'reopened']);
    expect(possibleFrom('escalate_quality')).toEqual([]);
    expect(ruleOf('escalate_quality', facts('opened'))).toBe('R-CP-3');
    expect(ruleOf('escalate_quality', facts('opened', { ...complaint, escalatedToQuality: true }))).toBe('R-CP-3');
    expect(ruleOf('escalate_quality', facts('closed', complaint))).toBe('R-LC-1');
  });

  it('a step with no state rule is always possible (the policy alone decides who)', () => {
    expect(possibleFrom('read')).toEqual([...CASE_STATUSES]);
  });
});
