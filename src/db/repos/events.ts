import type { Queryable } from '../client.js';
import { caseEvents } from '../schema/index.js';

export interface CaseEventInput {
  estateId: string;
  caseId: string;
  at: Date;
  actorId: string | null;
  /** What happened, e.g. case.opened, order.accepted, case.closed. */
  action: string;
  /** What it happened to when not the case itself, e.g. `order:000123`. */
  subject?: string;
  before?: unknown;
  after?: unknown;
  note?: string;
}

/**
 * Appends to a case's timeline. Call it inside the service's transaction so the change and
 * its record commit together (R-AR-1); the table refuses updates and deletes.
 */
export async function appendEvents(db: Queryable, events: CaseEventInput[]): Promise<void> {
  if (events.length === 0) return;
  await db.insert(caseEvents).values(eventValues(events));
}

/** The rows appendEvents writes (for callers that batch the insert into a larger statement). */
export function eventValues(events: CaseEventInput[]) {
  return events.map((e) => ({
    estateId: e.estateId,
    caseId: e.caseId,
    at: e.at,
    actorId: e.actorId,
    action: e.action,
    subject: e.subject ?? null,
    before: e.before ?? null,
    after: e.after ?? null,
    note: e.note ?? null,
  }));
}
