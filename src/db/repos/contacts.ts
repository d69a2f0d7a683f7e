import type { Queryable } from '../client.js';
import { contacts } from '../schema/index.js';

/**
 * The ordinary contact a matter sent back to the estate's desk becomes — a hotline call routed back
 * (R-GM-1) or a complaint quality hands down — for the supervisor to decide (R-IN-4).
 */
export async function insertRoutedContact(tx: Queryable, channel: 'gm_hotline' | 'transfer', values: { estateId: string; receivedAt: Date; callerName: string | null; callerPhone: string | null; unitId: string | null; content: string; recordedBy: string }) {
  const [row] = await tx
    .insert(contacts)
    .values({ ...values, channel, outcome: 'undecided' })
    .returning({ id: contacts.id });
  return row!;
}
