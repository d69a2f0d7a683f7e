import { describe, expect, it } from 'vitest';
import { maskPhone, technicianOnTheJob, unmaskPhone } from '../../src/domain/personal-data.js';

describe('phone masking (issue 13 item 1)', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['0571-88881234', '057*-****1234'],
    ['+86 138 1234 5678', '+86 1** **** 5678'],
    ['12345', '***45'],
  ])('%s → %s', (phone, masked) => expect(maskPhone(phone)).toBe(masked));

  it('nothing stays nothing', () => {
    expect(maskPhone(null)).toBeNull();
    expect(maskPhone(undefined)).toBeNull();
    expect(maskPhone('')).toBe('');
  });

  it('a masked number sent back stands for the known number it masks, or for nothing', () => {
    expect(unmaskPhone('139****2222', ['13800001111', '13911112222'])).toBe('13911112222');
    expect(unmaskPhone('139****3333', ['13911112222'])).toBeNull();
    expect(unmaskPhone('13700000000', [])).toBe('13700000000');
  });

  it('technician: the number while their order is open, not after it, not for another’s order', () => {
    expect(technicianOnTheJob('t1', [{ technicianId: 't1', status: 'arrived' }])).toBe(true);
    expect(technicianOnTheJob('t1', [{ technicianId: 't1', status: 'review' }])).toBe(true);
    expect(technicianOnTheJob('t1', [{ technicianId: 't1', status: 'completed' }])).toBe(false);
    expect(technicianOnTheJob('t1', [{ technicianId: 't2', status: 'issued' }])).toBe(false);
  });
});
