import { type CaseStatus, canTransition } from './case-lifecycle.js';
import type { OrderStatus } from './work-order-lifecycle.js';

/**
 * Where a case should stand given its orders: issuing makes it dispatched, a technician
 * accepting makes it in progress, every live order checked makes it completed, every order
 * voided sends it back to opened. Returns undefined when the case stays where it is (also when
 * the case is paused, awaiting approval or final: orders do not move those).
 */
export function caseStatusFromOrders(current: CaseStatus, orders: readonly OrderStatus[]): CaseStatus | undefined {
  const live = orders.filter((s) => s !== 'void');
  let target: CaseStatus;
  if (orders.length > 0 && live.length === 0) target = 'opened';
  else if (live.length === 0) return undefined;
  else if (live.every((s) => s === 'checked')) target = 'completed';
  else if (live.some((s) => s !== 'issued')) target = 'in_progress';
  else target = 'dispatched';
  if (!['opened', 'dispatched', 'in_progress', 'reopened', 'completed'].includes(current)) return undefined;
  if (current === 'completed' && target !== 'in_progress') return undefined;
  if (target === current || !canTransition(current, target)) {
    // reopened/opened → in_progress or completed skip the dispatched step when orders move fast.
    return undefined;
  }
  return target;
}
