/**
 * Residents' phone numbers under PIPL (个人信息保护法, issue 13 item 1): every answer carries them
 * masked (`138****5678`); the full number goes only where the step at hand needs it — the desk on
 * request with a reason (recorded), the technician while their order is open — and never to a log.
 */

import { ACTIVE_ORDER_STATUSES } from './work-order-lifecycle.js';

const MASK = '*';

/**
 * Keeps the first three and the last four digits (a mainland mobile: `138****5678`); shorter
 * numbers keep only their last two. Separators stay where they are, so a landline still reads
 * as one (`057*-****1234`).
 */
export function maskPhone(phone: string): string;
export function maskPhone(phone: string | null | undefined): string | null;
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return phone ?? null;
  const digits = phone.replace(/\D/g, '').length;
  const [head, tail] = digits >= 8 ? [3, 4] : [0, 2];
  let seen = 0;
  return phone.replace(/\d/g, (d) => {
    seen++;
    return seen <= head || seen > digits - tail ? d : MASK;
  });
}

/** A recorded row (the set-up history keeps residents' rows whole) with its phone columns masked. */
export function maskRowPhones(row: unknown): unknown {
  if (!row || typeof row !== 'object') return row;
  const r = { ...(row as Record<string, unknown>) };
  if (Array.isArray(r.phones)) r.phones = r.phones.map((p) => (typeof p === 'string' ? maskPhone(p) : p));
  if (typeof r.phone === 'string') r.phone = maskPhone(r.phone);
  return r;
}

export const isMaskedPhone = (phone: string) => phone.includes(MASK);

/**
 * A masked number sent back by a form (the intake fills the contact from the resident it shows,
 * masked) stands for the resident's own number it masks; anything else masked stands for nothing.
 */
export function unmaskPhone(given: string, known: readonly string[]): string | null {
  if (!isMaskedPhone(given)) return given;
  return known.find((p) => maskPhone(p) === given.trim()) ?? null;
}

/** Why the desk reads a full number: one of these, recorded with the reading. */
export const PHONE_REVEAL_REASONS = ['contact_resident', 'return_visit', 'dispatch', 'complaint', 'other'] as const;
export type PhoneRevealReason = (typeof PHONE_REVEAL_REASONS)[number];

/**
 * Whether an order is still being worked, so its paper and its technician carry the number: the
 * work-order lifecycle's own open statuses (on-site review included), not a second list.
 */
export const orderOnTheJob = (status: string) => (ACTIVE_ORDER_STATUSES as readonly string[]).includes(status);

/** The technician of an order of this case that is still open sees the number; after it, nobody by default. */
export const technicianOnTheJob = (userId: string, orders: readonly { technicianId: string | null; status: string }[]) =>
  orders.some((o) => o.technicianId === userId && orderOnTheJob(o.status));
