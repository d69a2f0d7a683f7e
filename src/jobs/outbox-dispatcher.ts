import { createHmac } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import type { Database, Queryable } from '../db/client.js';
import { estates, notifications, outbox } from '../db/schema/index.js';
import { publishLive } from './live-hub.js';
import { notificationText } from './notification-text.js';
import { type WebhookPostOptions, postWebhook } from './webhook-post.js';

type OutboxRow = typeof outbox.$inferSelect;

export interface Mailer {
  send(to: string, subject: string, text: string): Promise<void>;
}

export interface DispatcherOptions {
  mailer?: Mailer;
  /** Non-public address ranges webhooks may reach (the operator's PROPDESK_WEBHOOK_ALLOW_PRIVATE). */
  webhookAllow?: WebhookPostOptions['allowed'];
  batchSize?: number;
  /** Attempts before a message is marked failed. */
  maxAttempts?: number;
  leaseMs?: number;
}

const BASE_BACKOFF_MS = 10_000;
const MAX_BACKOFF_MS = 3_600_000;

/** Exponential backoff: 10 s, 20 s, 40 s … capped at an hour. */
export const backoffMs = (attempts: number) => Math.min(BASE_BACKOFF_MS * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);

/** HMAC-SHA256 of the exact body bytes, as receivers verify it. */
export const signWebhook = (secret: string, body: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/**
 * Delivers queued notifications. In-app messages are delivered inside the claiming transaction
 * (exactly once). Email and webhooks leave the database, so they are leased, sent, then marked:
 * at least once; a node that dies holding a lease has its messages retried after the lease.
 */
export async function dispatchOutbox(database: Database, clock: Clock, opts: DispatcherOptions = {}): Promise<number> {
  const inApp = await deliverInApp(database, clock, opts.batchSize ?? 200);
  const external = await claimExternal(database, clock, opts);
  for (const row of external) await deliverExternal(database, clock, row, opts);
  return inApp + external.length;
}

async function deliverInApp(database: Database, clock: Clock, limit: number): Promise<number> {
  const now = clock.now();
  return database.db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(outbox)
      .where(and(eq(outbox.state, 'pending'), eq(outbox.channel, 'in_app'), sql`${outbox.nextAttemptAt} <= ${now}`))
      .limit(limit)
      .for('update', { skipLocked: true });
    for (const row of rows) {
      const text = notificationText(row.topic, row.payload as Record<string, unknown>);
      const caseId = (row.payload as { caseId?: string }).caseId ?? null;
      await tx.insert(notifications).values({
        estateId: row.estateId,
        userId: row.recipient,
        topic: row.topic,
        title: text.title,
        body: text.body,
        caseId,
        createdAt: now,
      });
      await markSent(tx, row, now);
      await publishLive(tx, { estateId: row.estateId, type: 'notification', userId: row.recipient, caseId: caseId ?? undefined });
    }
    return rows.length;
  });
}

async function claimExternal(database: Database, clock: Clock, opts: DispatcherOptions): Promise<OutboxRow[]> {
  const now = clock.now();
  const leaseUntil = new Date(now.getTime() + (opts.leaseMs ?? 60_000));
  return database.db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(outbox)
      .where(
        and(
          eq(outbox.state, 'pending'),
          sql`${outbox.channel} <> 'in_app'`,
          sql`${outbox.nextAttemptAt} <= ${now}`,
          sql`(${outbox.leaseUntil} is null or ${outbox.leaseUntil} < ${now})`,
        ),
      )
      .limit(opts.batchSize ?? 50)
      .for('update', { skipLocked: true });
    for (const row of rows) {
      await tx
        .update(outbox)
        .set({ leaseUntil, attempts: row.attempts + 1 })
        .where(and(eq(outbox.estateId, row.estateId), eq(outbox.id, row.id)));
      row.attempts += 1;
    }
    return rows;
  });
}

async function deliverExternal(database: Database, clock: Clock, row: OutboxRow, opts: DispatcherOptions): Promise<void> {
  const db = database.db;
  try {
    if (row.channel === 'email') await sendEmail(row, opts);
    else await sendWebhook(db, row, opts);
    await markSent(db, row, clock.now());
  } catch (e) {
    const failed = row.attempts >= (opts.maxAttempts ?? 8);
    const now = clock.now();
    await db
      .update(outbox)
      .set({
        state: failed ? 'failed' : 'pending',
        leaseUntil: null,
        lastError: String((e as Error).message ?? e).slice(0, 500),
        nextAttemptAt: new Date(now.getTime() + backoffMs(row.attempts)),
      })
      .where(and(eq(outbox.estateId, row.estateId), eq(outbox.id, row.id)));
  }
}

async function sendEmail(row: OutboxRow, opts: DispatcherOptions): Promise<void> {
  if (!opts.mailer) throw new Error('SMTP is not configured (SMTP_URL)');
  const text = notificationText(row.topic, row.payload as Record<string, unknown>);
  await opts.mailer.send(row.recipient, text.title, text.body);
}

/**
 * Webhook targets must be on the estate's allow-list (settings.webhooks[].url) with a secret, and
 * reach only public addresses unless the operator allowed a range (see webhook-post.ts).
 */
async function sendWebhook(db: Queryable, row: OutboxRow, opts: DispatcherOptions): Promise<void> {
  const [estate] = await db.select({ settings: estates.settings }).from(estates).where(eq(estates.id, row.estateId));
  const hooks = ((estate?.settings as { webhooks?: { url: string; secret: string }[] } | undefined)?.webhooks ?? []);
  const hook = hooks.find((h) => h.url === row.recipient);
  if (!hook) throw new Error(`webhook target not allow-listed for this estate: ${row.recipient}`);
  const body = JSON.stringify({ id: `${row.estateId}:${row.id}`, topic: row.topic, estateId: row.estateId, payload: row.payload });
  await postWebhook(
    hook.url,
    {
      'content-type': 'application/json',
      'x-propdesk-delivery': `${row.estateId}:${row.id}`,
      'x-propdesk-signature': signWebhook(hook.secret, body),
    },
    body,
    { allowed: opts.webhookAllow },
  );
}

async function markSent(db: Queryable, row: OutboxRow, now: Date): Promise<void> {
  await db
    .update(outbox)
    .set({ state: 'sent', sentAt: now, leaseUntil: null })
    .where(and(eq(outbox.estateId, row.estateId), eq(outbox.id, row.id)));
}
