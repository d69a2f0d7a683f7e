import { and, asc, eq, isNotNull, lte, sql } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import type { Database, Queryable } from '../db/client.js';
import { appendEvents } from '../db/repos/events.js';
import { enqueue } from '../db/repos/outbox.js';
import { usersWithRole } from '../db/repos/recipients.js';
import { deadlines, estates, followUps } from '../db/schema/index.js';
import { type EstateSettings, resolveSettings } from '../domain/settings.js';
import { ESCALATION_LADDER, type Firing, decideFiring } from '../domain/escalation.js';
import { publishLive } from './live-hub.js';

type DeadlineRow = typeof deadlines.$inferSelect;

const FOLLOW_UP_CLOCKS = new Set(['followup_2h', 'followup_eod', 'gm_first_visit', 'promised_reply', 'reply']);

export interface SchedulerOptions {
  batchSize?: number;
  /**
   * How long (ms) a node may sit idle inside its claiming transaction before PostgreSQL ends its
   * session and releases the claimed rows: the lease time of a hung-but-connected node.
   */
  leaseMs?: number;
}

/** A tick's work takes milliseconds; a node idle in it for 30 s is hung (GC pause far shorter). */
export const DEFAULT_LEASE_MS = 30_000;

/**
 * Claims due deadlines for this transaction: row locks taken with FOR UPDATE SKIP LOCKED are the
 * lease. A node that dies loses its connection and PostgreSQL rolls back and frees the rows at
 * once; a node that hangs while connected is cut off after `leaseMs` idle in the transaction
 * (idle_in_transaction_session_timeout, set for this transaction only), so it cannot hold the
 * rows forever. On PGlite there is one process and no other node to wait.
 */
export async function claimDueDeadlines(tx: Queryable, now: Date, batchSize: number, leaseMs: number): Promise<DeadlineRow[]> {
  await tx.execute(sql`select set_config('idle_in_transaction_session_timeout', ${String(Math.max(1, Math.round(leaseMs)))}, true)`);
  return tx
    .select()
    .from(deadlines)
    .where(and(isNotNull(deadlines.nextFireAt), lte(deadlines.nextFireAt, now)))
    .orderBy(asc(deadlines.nextFireAt))
    .limit(batchSize)
    .for('update', { skipLocked: true });
}

/**
 * Fires due SLA warnings, breaches and escalations. Each tick claims due rows (claimDueDeadlines)
 * and writes every effect (state change, timeline event, notifications, follow-up task) in the
 * same transaction, so with any number of nodes each firing happens exactly once; a node that
 * dies or hangs mid-tick rolls back and another node takes the rows.
 * @returns how many deadlines fired
 */
export async function fireDueDeadlines(database: Database, clock: Clock, opts: SchedulerOptions = {}): Promise<number> {
  const now = clock.now();
  return database.db.transaction(async (tx) => {
    const due = await claimDueDeadlines(tx, now, opts.batchSize ?? 200, opts.leaseMs ?? DEFAULT_LEASE_MS);
    const settingsByEstate = new Map<string, EstateSettings>();
    for (const row of due) {
      if (!settingsByEstate.has(row.estateId)) {
        const [estate] = await tx.select({ settings: estates.settings }).from(estates).where(eq(estates.id, row.estateId));
        settingsByEstate.set(row.estateId, resolveSettings(estate?.settings));
      }
      const settings = settingsByEstate.get(row.estateId)!;
      await fireOne(tx, row, decideFiring(row as DeadlineRow & { state: 'pending' | 'warned' | 'breached' }, now, settings.escalation), now, settings);
    }
    return due.length;
  });
}

async function fireOne(tx: Queryable, row: DeadlineRow, firing: Firing, now: Date, settings: EstateSettings): Promise<void> {
  const level = firing.kind === 'warn' ? row.escalationLevel : firing.level;
  await tx
    .update(deadlines)
    .set({
      state: firing.kind === 'warn' ? 'warned' : 'breached',
      escalationLevel: level,
      nextFireAt: firing.nextFireAt,
      warnedAt: firing.kind === 'warn' ? now : row.warnedAt,
      breachedAt: firing.kind === 'breach' ? now : row.breachedAt,
      updatedAt: now,
    })
    .where(and(eq(deadlines.estateId, row.estateId), eq(deadlines.id, row.id)));
  const action = firing.kind === 'warn' ? 'sla.warned' : firing.kind === 'breach' ? 'sla.breached' : 'sla.escalated';
  await appendEvents(tx, [
    {
      estateId: row.estateId,
      caseId: row.caseId,
      at: now,
      actorId: null,
      action,
      subject: `clock:${row.clock}`,
      after: { clock: row.clock, dueAt: row.dueAt.toISOString(), notify: firing.notify, level },
    },
  ]);
  // Open boards recolour the case (green → amber → red) now, not at their next refetch.
  await publishLive(tx, { estateId: row.estateId, type: 'case', caseId: row.caseId });
  const recipients = await usersWithRole(tx, row.estateId, firing.notify);
  const payload = { caseId: row.caseId, orderId: row.orderId, clock: row.clock, dueAt: row.dueAt.toISOString(), level };
  await enqueue(
    tx,
    recipients.map((userId) => ({
      estateId: row.estateId,
      channel: 'in_app' as const,
      recipient: userId,
      topic: action,
      payload,
      dedupeKey: `deadline:${row.id}:${firing.kind}:${level}:${userId}`,
    })),
    now,
  );
  if (firing.kind !== 'warn') await enqueueExternal(tx, row, action, payload, level, now, settings);
  // The task appears at the warning, or at the breach of a clock that never warned (warning time
  // passed while no node ran, or a clock too short to warn); the unique key keeps it to one.
  if (firing.kind !== 'escalate' && FOLLOW_UP_CLOCKS.has(row.clock)) {
    await tx
      .insert(followUps)
      .values({
        estateId: row.estateId,
        caseId: row.caseId,
        deadlineId: row.id,
        kind: row.clock,
        assigneeRole: 'receptionist',
        dueAt: row.dueAt,
        createdAt: now,
      })
      .onConflictDoNothing();
  }
}

/** Runs fireDueDeadlines on an interval until stopped; errors are logged, never fatal. */
export function startDeadlineScheduler(
  database: Database,
  clock: Clock,
  opts: SchedulerOptions & { intervalMs?: number; onError?: (e: unknown) => void } = {},
): () => Promise<void> {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const loop = async () => {
    while (!stopped) {
      try {
        // Drain quickly when many are due, then sleep.
        const fired = await fireDueDeadlines(database, clock, opts);
        if (fired >= (opts.batchSize ?? 200)) continue;
      } catch (e) {
        opts.onError?.(e);
      }
      await new Promise((r) => setTimeout(r, opts.intervalMs ?? 250));
    }
  };
  running = loop();
  return async () => {
    stopped = true;
    await running;
  };
}

/** Breaches and escalations also go out by email (settings.notifyEmails[role]) and webhooks. */
async function enqueueExternal(tx: Queryable, row: DeadlineRow, topic: string, payload: Record<string, unknown>, level: number, now: Date, settings: EstateSettings) {
  const role = ESCALATION_LADDER[level]!;
  const emails = settings.notifyEmails[role] ?? [];
  const hooks = settings.webhooks.filter((h) => !h.topics || h.topics.includes(topic));
  await enqueue(
    tx,
    [
      ...emails.map((to) => ({ estateId: row.estateId, channel: 'email' as const, recipient: to, topic, payload, dedupeKey: `deadline:${row.id}:${topic}:${level}:${to}` })),
      ...hooks.map((h) => ({ estateId: row.estateId, channel: 'webhook' as const, recipient: h.url, topic, payload, dedupeKey: `deadline:${row.id}:${topic}:${level}:${h.url}` })),
    ],
    now,
  );
}
