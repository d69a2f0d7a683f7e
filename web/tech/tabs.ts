/** Which of the technician's tabs (新单 / 今日 / 超时) an order appears in; pure, so it is unit-tested. */
export const ACTIVE = ['issued', 'accepted', 'arrived', 'review'];
/** The Beijing calendar day of an instant, to compare "today". */
const bjDay = (t: number) => new Date(t + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * Which tab an order is in: 新单 (issued, not yet accepted), 今日 (in hand, waiting to be returned,
 * or booked for today), 超时 (the agreed time has passed, or left over from an earlier day unvisited).
 */
export function orderTabs(o: { status: string; appointmentAt: string | null; issuedAt: string; arrivedAt?: string | null }, now = Date.now()): ('new' | 'today' | 'overdue')[] {
  const tabs: ('new' | 'today' | 'overdue')[] = [];
  const active = ACTIVE.includes(o.status);
  const appt = o.appointmentAt ? new Date(o.appointmentAt).getTime() : null;
  if (o.status === 'issued') tabs.push('new');
  if (['accepted', 'arrived', 'review', 'completed'].includes(o.status) || (active && appt !== null && bjDay(appt) === bjDay(now))) tabs.push('today');
  const late = appt !== null ? appt < now && !o.arrivedAt : bjDay(new Date(o.issuedAt).getTime()) < bjDay(now) && !o.arrivedAt;
  if (active && late) tabs.push('overdue');
  return tabs;
}
