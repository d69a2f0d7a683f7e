import { describe, expect, it } from 'vitest';
import { REPLY_STATUSES, clockMetBy, draftRefusal, replyStepRefusal } from '../../src/domain/public-reply.js';

describe('public replies to online complaints (R-CP-2)', () => {
  it('a reply is approved once, from draft; published only once approved', () => {
    expect(REPLY_STATUSES.filter((s) => replyStepRefusal('approve', s) === null)).toEqual(['draft']);
    expect(REPLY_STATUSES.filter((s) => replyStepRefusal('publish', s) === null)).toEqual(['approved']);
    expect(replyStepRefusal('publish', 'draft')).toMatchObject({ rule: 'R-CP-2', message: '公开回复须经品质管理部审核后方可发布' });
    expect(replyStepRefusal('publish', 'published')?.rule).toBe('R-CP-2');
  });

  it('only an online complaint still open is answered in public', () => {
    expect(draftRefusal({ channel: 'online', final: false })).toBeNull();
    expect(draftRefusal({ channel: 'phone', final: false })?.rule).toBe('R-CP-2');
    expect(draftRefusal({ channel: 'online', final: true })?.rule).toBe('R-LC-1');
  });

  it('the acknowledgement meets the 4 h clock, the measure the same-day clock, later replies none', () => {
    expect(clockMetBy('acknowledgement')).toBe('online_ack');
    expect(clockMetBy('measure')).toBe('online_measure');
    expect(clockMetBy('reply')).toBeNull();
  });
});
