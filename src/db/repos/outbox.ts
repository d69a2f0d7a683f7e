import type { Queryable } from '../client.js';
import { outbox } from '../schema/index.js';

export interface OutboxMessage {
  estateId: string;
  channel: 'in_app' | 'email' | 'webhook';
  recipient: string;
  topic: string;
  payload: Record<string, unknown>;
  /** Same key → stored once: makes an effect idempotent however often it is attempted. */
  dedupeKey: string;
}

/** Queues messages in the caller's transaction; duplicates by dedupe key are ignored. */
export async function enqueue(db: Queryable, messages: OutboxMessage[], now: Date): Promise<number> {
  if (messages.length === 0) return 0;
  const rows = await db
    .insert(outbox)
    .values(messages.map((m) => ({ ...m, nextAttemptAt: now, createdAt: now })))
    .onConflictDoNothing()
    .returning({ id: outbox.id });
  return rows.length;
}
