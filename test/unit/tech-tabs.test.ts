import { describe, expect, it } from 'vitest';
import { orderTabs } from '../../web/tech/tabs.js';

// 2026-03-02 10:00 Beijing
const NOW = new Date('2026-03-02T02:00:00Z').getTime();
const order = (over: Partial<{ status: string; appointmentAt: string | null; issuedAt: string; arrivedAt: string | null }>) => ({
  status: 'issued',
  appointmentAt: null,
  issuedAt: '2026-03-02T01:50:00Z',
  arrivedAt: null,
  ...over,
});

describe('technician order tabs', () => {
  it('technician: a just-issued order is new, not overdue', () => {
    expect(orderTabs(order({}), NOW)).toEqual(['new']);
  });

  it('technician: an accepted order, or one booked later today, is in today', () => {
    expect(orderTabs(order({ status: 'accepted' }), NOW)).toEqual(['today']);
    expect(orderTabs(order({ appointmentAt: '2026-03-02T07:00:00Z' }), NOW)).toEqual(['new', 'today']);
    expect(orderTabs(order({ status: 'completed', arrivedAt: '2026-03-02T01:55:00Z' }), NOW)).toEqual(['today']);
  });

  it('technician: a booking tomorrow in Beijing (still today in UTC) is not today', () => {
    expect(orderTabs(order({ appointmentAt: '2026-03-02T16:30:00Z' }), NOW)).toEqual(['new']);
  });

  it('technician: a passed booking without arrival, or an unvisited order from an earlier day, is overdue', () => {
    expect(orderTabs(order({ status: 'accepted', appointmentAt: '2026-03-02T01:30:00Z' }), NOW)).toEqual(['today', 'overdue']);
    expect(orderTabs(order({ issuedAt: '2026-03-01T09:00:00Z' }), NOW)).toEqual(['new', 'overdue']);
    // Issued just now but booked for a time already past (what the e2e test of 超时 sets up): today and overdue.
    expect(orderTabs(order({ appointmentAt: '2026-03-02T00:00:00Z' }), NOW)).toEqual(['new', 'today', 'overdue']);
    expect(orderTabs(order({ status: 'arrived', appointmentAt: '2026-03-02T01:30:00Z', arrivedAt: '2026-03-02T01:40:00Z' }), NOW)).toEqual(['today']);
    expect(orderTabs(order({ status: 'returned', issuedAt: '2026-03-01T09:00:00Z' }), NOW)).toEqual([]);
  });
});
