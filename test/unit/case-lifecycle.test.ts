import { describe, expect, it } from 'vitest';
import { CASE_STATUSES, CASE_TRANSITIONS, type CaseStatus, type LifecycleState, canTransition, transition } from '../../src/domain/case-lifecycle.js';
import { RuleError } from '../../src/domain/rule-error.js';

const now = new Date('2026-03-02T02:00:00Z');
const state = (status: CaseStatus, over: Partial<LifecycleState> = {}): LifecycleState => ({
  status,
  completedAt: null,
  closedAt: null,
  reopenCount: 0,
  resumeStatus: null,
  pausedUntil: null,
  pauseReason: null,
  ...over,
});

describe('case lifecycle (R-LC-1): every from/to pair', () => {
  for (const from of CASE_STATUSES) {
    for (const to of CASE_STATUSES) {
      const allowed = CASE_TRANSITIONS[from].includes(to);
      it(`${from} → ${to} is ${allowed ? 'allowed' : 'refused'}`, () => {
        const run = () => transition(state(from), to, { now, pauseReason: 'awaiting_resident' });
        if (allowed) expect(run().status).toBe(to);
        else expect(run).toThrow(RuleError);
      });
    }
  }
});

describe('case lifecycle: derived fields', () => {
  it('cancelled is final and closed only reopens', () => {
    expect(CASE_TRANSITIONS.cancelled).toEqual([]);
    expect(CASE_TRANSITIONS.closed).toEqual(['reopened']);
  });

  it('pausing needs a reason and remembers where to return (R-LC-2)', () => {
    expect(() => transition(state('dispatched'), 'paused', { now })).toThrow(/暂停须说明原因/);
    const paused = transition(state('dispatched'), 'paused', { now, pauseReason: 'awaiting_parts', pausedUntil: now });
    expect(paused).toMatchObject({ resumeStatus: 'dispatched', pauseReason: 'awaiting_parts', pausedUntil: now });
    const resumed = transition(paused, 'dispatched', { now });
    expect(resumed).toMatchObject({ resumeStatus: null, pauseReason: null, pausedUntil: null });
  });

  it('completing stamps completedAt; closing stamps closedAt; reopening counts and clears them', () => {
    const done = transition(state('in_progress'), 'completed', { now });
    expect(done.completedAt).toEqual(now);
    const closed = transition(done, 'closed', { now });
    expect(closed.closedAt).toEqual(now);
    const reopened = transition(closed, 'reopened', { now });
    expect(reopened).toMatchObject({ reopenCount: 1, completedAt: null, closedAt: null });
  });

  it('an unresolvable request remembers where the case stood, for a rejection to return to', () => {
    expect(transition(state('in_progress'), 'unresolvable_pending', { now }).resumeStatus).toBe('in_progress');
  });

  it('R-CL-6: a case awaiting the project manager’s decision on an unresolvable request cannot be paused', () => {
    expect(canTransition('unresolvable_pending', 'paused')).toBe(false);
    expect(() => transition(state('unresolvable_pending', { resumeStatus: 'opened' }), 'paused', { now, pauseReason: 'awaiting_resident' })).toThrow(RuleError);
  });

  it('R-LC-2: a paused reopened case resumes as reopened, without counting another reopening', () => {
    const paused = transition(state('reopened', { reopenCount: 1 }), 'paused', { now, pauseReason: 'awaiting_parts' });
    expect(paused.resumeStatus).toBe('reopened');
    expect(transition(paused, 'reopened', { now })).toMatchObject({ status: 'reopened', reopenCount: 1, pauseReason: null });
  });

  it('R-CL-6: a rejected request returns a reopened case to reopened without counting another reopening', () => {
    const pending = transition(state('reopened', { reopenCount: 1 }), 'unresolvable_pending', { now });
    expect(pending.resumeStatus).toBe('reopened');
    expect(transition(pending, 'reopened', { now })).toMatchObject({ status: 'reopened', reopenCount: 1, resumeStatus: null });
  });

  it('the refusal names both statuses in Chinese', () => {
    expect(() => transition(state('opened'), 'closed', { now })).toThrow('案件状态「已立项」不能直接变为「已销项」');
    expect(canTransition('opened', 'closed')).toBe(false);
  });
});
