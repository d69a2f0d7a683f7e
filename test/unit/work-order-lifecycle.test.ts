import { describe, expect, it } from 'vitest';
import { caseStatusFromOrders } from '../../src/domain/case-from-orders.js';
import { orderFeeCents } from '../../src/domain/work-order-fees.js';
import { ORDER_STATUSES, ORDER_TRANSITIONS, assertOrderTransition, formatOrderNumber } from '../../src/domain/work-order-lifecycle.js';

describe('work-order lifecycle: every from/to pair', () => {
  for (const from of ORDER_STATUSES) {
    for (const to of ORDER_STATUSES) {
      const allowed = ORDER_TRANSITIONS[from].includes(to);
      it(`${from} → ${to} is ${allowed ? 'allowed' : 'refused'}`, () => {
        if (allowed) expect(() => assertOrderTransition(from, to)).not.toThrow();
        else expect(() => assertOrderTransition(from, to)).toThrow(/派工单状态/);
      });
    }
  }
  it('R-WO-2: numbers print with six digits', () => expect(formatOrderNumber(42)).toBe('000042'));
});

describe('the case follows its orders', () => {
  it('the first order issued dispatches an opened or reopened case', () => {
    expect(caseStatusFromOrders('opened', ['issued'])).toBe('dispatched');
    expect(caseStatusFromOrders('reopened', ['issued'])).toBe('dispatched');
  });
  it('a technician on any order puts it in progress', () => {
    expect(caseStatusFromOrders('dispatched', ['issued', 'accepted'])).toBe('in_progress');
  });
  it('every live order checked completes it; voided orders do not count', () => {
    expect(caseStatusFromOrders('in_progress', ['checked', 'void'])).toBe('completed');
    expect(caseStatusFromOrders('in_progress', ['checked', 'returned'])).toBeUndefined();
  });
  it('every order voided sends it back to opened', () => {
    expect(caseStatusFromOrders('dispatched', ['void'])).toBe('opened');
  });
  it('a failed desk check on a completed case puts it back in progress', () => {
    expect(caseStatusFromOrders('completed', ['accepted'])).toBe('in_progress');
  });
  it('paused, awaiting approval and final cases are not moved by orders', () => {
    for (const s of ['paused', 'pending_approval', 'unresolvable_pending', 'closed', 'cancelled'] as const) {
      expect(caseStatusFromOrders(s, ['accepted'])).toBeUndefined();
    }
  });
  it('no orders, no change', () => expect(caseStatusFromOrders('opened', [])).toBeUndefined());
});

describe('fees (R-WO-6)', () => {
  it('labour plus company materials; resident-supplied parts are not charged', () => {
    expect(
      orderFeeCents(3000, [
        { name: '角阀', quantity: 1, unitPriceCents: 2500, suppliedBy: 'company' },
        { name: '生料带', quantity: 2.5, unitPriceCents: 150, suppliedBy: 'company' },
        { name: '软管', quantity: 1, unitPriceCents: 4000, suppliedBy: 'resident' },
      ]),
    ).toBe(3000 + 2500 + 375);
  });
});
