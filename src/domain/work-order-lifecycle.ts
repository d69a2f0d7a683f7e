import { RuleError } from './rule-error.js';

/** Work order statuses (R-WO-3…7). */
export const ORDER_STATUSES = ['issued', 'accepted', 'arrived', 'review', 'completed', 'returned', 'checked', 'void'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ORDER_STATUS_LABELS: Record<OrderStatus, string> = {
  issued: '已派工',
  accepted: '已接单',
  arrived: '已到场',
  review: '待技术复核',
  completed: '已完工',
  returned: '已返单',
  checked: '已验收',
  void: '已作废',
};

/**
 * The order lifecycle: issued → accepted (接单) → arrived (到场) ⇄ review (复核, R-WO-5) →
 * completed (完工, signed) → returned (返单) → checked (desk check passed, R-WO-7).
 * A failed desk check sends the order back to accepted for rework; void keeps the number (R-WO-2).
 */
export const ORDER_TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  issued: ['accepted', 'void'],
  accepted: ['arrived', 'issued', 'void'],
  arrived: ['review', 'completed', 'void'],
  review: ['arrived', 'void'],
  completed: ['returned'],
  returned: ['checked', 'accepted'],
  checked: [],
  void: [],
};

/** Orders still being worked on (a technician's queue). */
export const ACTIVE_ORDER_STATUSES: readonly OrderStatus[] = ['issued', 'accepted', 'arrived', 'review'];

/** @throws RuleError R-WO-LC when the step is not in ORDER_TRANSITIONS */
export function assertOrderTransition(from: OrderStatus, to: OrderStatus): void {
  if (!ORDER_TRANSITIONS[from].includes(to)) {
    throw new RuleError(
      'R-WO-LC',
      `派工单状态「${ORDER_STATUS_LABELS[from]}」不能变为「${ORDER_STATUS_LABELS[to]}」`,
      `a work order cannot go from ${from} to ${to}`,
    );
  }
}

/** Formats an order number for print and search: zero-padded, 6 digits minimum. */
export const formatOrderNumber = (n: number) => String(n).padStart(6, '0');

/**
 * Orders not yet back at the desk (R-SH-1): still being worked on, or finished and signed but
 * not yet returned (返单). These are what one desk passes on to the next at a shift change.
 */
export const AWAY_FROM_DESK_STATUSES: readonly OrderStatus[] = [...ACTIVE_ORDER_STATUSES, 'completed'];
