import { describe, expect, it } from 'vitest';
import { QUALITY_STATUSES, type QualityFacts, type QualitySource, type QualityStep, qualityComplaintNumber, qualityReplyOverdue, qualityStepRefusal } from '../../src/domain/quality.js';
import { replyDue } from '../../src/domain/sla/compute-deadlines.js';
import { estateSlaContext } from '../../src/domain/sla/estate-sla.js';

const possibleFrom = (step: QualityStep, source: QualitySource = 'government') => QUALITY_STATUSES.filter((status) => qualityStepRefusal(step, { status, source } satisfies QualityFacts) === null);

describe('quality office desk rules', () => {
  it('numbers complaints per group and year, four digits and more', () => {
    expect(qualityComplaintNumber(2026, 7)).toBe('PZ-2026-0007');
    expect(qualityComplaintNumber(2026, 12345)).toBe('PZ-2026-12345');
  });

  it('R-CP-3: a forwarded complaint may be handed down to the estate while open; an escalated one never', () => {
    expect(possibleFrom('hand_down')).toEqual(['open']);
    for (const status of QUALITY_STATUSES) expect(qualityStepRefusal('hand_down', { status, source: 'estate' })?.rule).toBe('R-CP-3');
    expect(qualityStepRefusal('hand_down', { status: 'handed_down', source: 'group' })?.rule).toBe('R-LC-1');
  });

  it('resolve while being handled, close only after resolution, progress until closed', () => {
    expect(possibleFrom('resolve')).toEqual(['open', 'handed_down']);
    expect(possibleFrom('close')).toEqual(['resolved']);
    expect(possibleFrom('progress', 'estate')).toEqual(['open', 'handed_down', 'resolved']);
    expect(qualityStepRefusal('close', { status: 'open', source: 'estate' })?.message).toContain('须先登记解决情况');
  });

  it('R-CP-1: the reply is overdue only while unresolved and past due', () => {
    const due = new Date('2026-03-04T10:00:00Z');
    expect(qualityReplyOverdue({ status: 'open', replyDueAt: due }, new Date('2026-03-04T10:00:01Z'))).toBe(true);
    expect(qualityReplyOverdue({ status: 'handed_down', replyDueAt: due }, new Date('2026-03-04T09:59:59Z'))).toBe(false);
    expect(qualityReplyOverdue({ status: 'resolved', replyDueAt: due }, new Date('2026-03-09T00:00:00Z'))).toBe(false);
  });

  it('R-CP-1: a transferred complaint is answered by the end of the 2nd working day, skipping the weekend; the number is a setting', () => {
    const friday = new Date('2026-03-06T02:00:00Z'); // Friday 10:00 Beijing
    const { policy, cal } = estateSlaContext({});
    expect(replyDue(policy, cal, friday, 'transfer').toISOString()).toBe('2026-03-10T09:00:00.000Z');
    const custom = estateSlaContext({ sla: { replyDays: { transfer: 1 } } });
    expect(replyDue(custom.policy, custom.cal, friday, 'transfer').toISOString()).toBe('2026-03-09T09:00:00.000Z');
    expect(replyDue(policy, cal, friday, 'phone').toISOString().slice(0, 10)).toBe('2026-03-06');
  });
});
