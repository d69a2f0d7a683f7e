import { type SQL, and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import type { CaseRow } from '../../db/repos/case-rows.js';
import { deadlines, estates, followUps } from '../../db/schema/index.js';
import type { CaseKind, Channel, Urgency } from '../../domain/case-types.js';
import type { ClockId, Deadline, PauseReason } from '../../domain/sla/clocks.js';
import { computeDeadlines, hotReportDeadline, reviewDeadline, shiftForPause, warnTime } from '../../domain/sla/compute-deadlines.js';
import { estateSlaContext } from '../../domain/sla/estate-sla.js';
import type { BusinessCalendar } from '../../domain/calendar/business-calendar.js';
import { PAUSED_BY } from '../../domain/sla/policy.js';

const OPEN_STATES = ['pending', 'warned'];

async function slaFor(db: Queryable, estateId: string) {
  const [e] = await db.select({ settings: estates.settings }).from(estates).where(eq(estates.id, estateId));
  return estateSlaContext(e?.settings);
}

function clockValues(estateId: string, caseId: string, orderId: string | null, list: Deadline[], start: Date) {
  return list.map((d) => ({
    estateId,
    caseId,
    orderId,
    clock: d.clock,
    basis: d.basis,
    startedAt: start,
    dueAt: d.due,
    warnAt: d.warnAt,
    // the earlier of the two, as the same Date object (Math.min would turn it into a number)
    nextFireAt: d.warnAt.getTime() < d.due.getTime() ? d.warnAt : d.due,
    updatedAt: start,
  }));
}

async function insertClocks(db: Queryable, estateId: string, caseId: string, orderId: string | null, list: Deadline[], start: Date): Promise<void> {
  if (list.length === 0) return;
  await db.insert(deadlines).values(clockValues(estateId, caseId, orderId, list, start));
}

/**
 * The clock rows a newly opened case gets under its estate's policy (issue 3 §3), computed from
 * the estate's stored settings (the caller has read them already); empty when none applies.
 */
export function caseClockValues(c: CaseRow, now: Date, settings: unknown) {
  const { policy, cal } = estateSlaContext(settings);
  const list = computeDeadlines(policy, cal, clockInput(c, c.openedAt));
  return clockValues(c.estateId, c.id, null, list, now);
}

/** Starts every clock a newly opened case gets under its estate's policy (issue 3 §3). */
export async function startCaseClocks(db: Queryable, c: CaseRow, now: Date): Promise<void> {
  const [e] = await db.select({ settings: estates.settings }).from(estates).where(eq(estates.id, c.estateId));
  const values = caseClockValues(c, now, e?.settings);
  if (values.length > 0) await db.insert(deadlines).values(values);
}

/** R-WO-5: the review clock of an order, started when the review is requested. */
export async function startReviewClock(db: Queryable, estateId: string, caseId: string, orderId: string, now: Date): Promise<void> {
  const { policy, cal } = await slaFor(db, estateId);
  await insertClocks(db, estateId, caseId, orderId, [reviewDeadline(policy, cal, now)], now);
}

/** R-HOT-1: the 4 h report clock, started when a person confirms the hot flag. */
export async function startHotReportClock(db: Queryable, estateId: string, caseId: string, now: Date): Promise<void> {
  const { policy, cal } = await slaFor(db, estateId);
  await insertClocks(db, estateId, caseId, null, [hotReportDeadline(policy, cal, now)], now);
}

/**
 * Settles clocks of a case: running ones become met (or cancelled) — or breached when their due
 * time had already passed (the scheduler may lag or have been down; a late close is not "met").
 * Breached ones stay breached but stop escalating. `clocks` limits it to some clocks; `orderId`
 * to one order's; `deadlineId` to one clock. Open follow-up tasks of the settled clocks (of the
 * whole case when unscoped) leave the queue.
 */
export async function settleClocks(
  db: Queryable,
  estateId: string,
  caseId: string,
  outcome: 'met' | 'cancelled',
  now: Date,
  opts: { clocks?: ClockId[]; orderId?: string; deadlineId?: string } = {},
): Promise<void> {
  const scope = and(
    eq(deadlines.estateId, estateId),
    eq(deadlines.caseId, caseId),
    opts.clocks ? inArray(deadlines.clock, opts.clocks) : undefined,
    opts.orderId ? eq(deadlines.orderId, opts.orderId) : undefined,
    opts.deadlineId ? eq(deadlines.id, opts.deadlineId) : undefined,
  );
  // One statement for both kinds (one round trip, one firing of the case SLA trigger).
  const running = inArray(deadlines.state, OPEN_STATES);
  // A paused clock's due time is only pushed out on resume: it was late if it was due before the pause.
  const late = outcome === 'met' ? and(running, sql`${deadlines.dueAt} < coalesce(${deadlines.pausedAt}, ${now})`) : sql`false`;
  await db
    .update(deadlines)
    .set({
      state: sql`case when ${late} then 'breached' when ${running} then ${outcome} else ${deadlines.state} end`,
      breachedAt: sql`case when ${late} then ${deadlines.dueAt} else ${deadlines.breachedAt} end`,
      pausedAt: sql`case when ${running} then null else ${deadlines.pausedAt} end`,
      nextFireAt: null,
      settledAt: now,
      updatedAt: now,
    })
    .where(and(scope, or(running, and(eq(deadlines.state, 'breached'), isNull(deadlines.settledAt)))));
  await cancelFollowUpTasks(db, estateId, caseId, opts.clocks || opts.orderId || opts.deadlineId ? scope : undefined);
}

/** Open follow-up tasks of a case (or of the clocks in `scope`) leave the queue: nothing is left to follow. */
async function cancelFollowUpTasks(db: Queryable, estateId: string, caseId: string, scope: SQL | undefined): Promise<void> {
  const ofScope = scope ? inArray(followUps.deadlineId, db.select({ id: deadlines.id }).from(deadlines).where(scope)) : undefined;
  await db
    .update(followUps)
    .set({ state: 'cancelled' })
    .where(and(eq(followUps.estateId, estateId), eq(followUps.caseId, caseId), eq(followUps.state, 'open'), ofScope));
}

/** Pausing stops the clocks the reason pauses (awaiting the resident stops arrival, not dispatch). */
export async function pauseClocks(db: Queryable, estateId: string, caseId: string, reason: PauseReason, now: Date): Promise<void> {
  const clocks = Object.entries(PAUSED_BY).filter(([, reasons]) => reasons.includes(reason)).map(([clock]) => clock);
  if (clocks.length === 0) return;
  await db
    .update(deadlines)
    .set({ pausedAt: now, nextFireAt: null, updatedAt: now })
    .where(and(eq(deadlines.estateId, estateId), eq(deadlines.caseId, caseId), inArray(deadlines.clock, clocks), inArray(deadlines.state, OPEN_STATES), isNull(deadlines.pausedAt)));
}

/** Resuming pushes each paused clock's due and warning times out by the pause, on its basis. */
export async function resumeClocks(db: Queryable, estateId: string, caseId: string, now: Date): Promise<void> {
  const { policy, cal } = await slaFor(db, estateId);
  const paused = await db
    .select()
    .from(deadlines)
    .where(and(eq(deadlines.estateId, estateId), eq(deadlines.caseId, caseId), inArray(deadlines.state, OPEN_STATES)));
  for (const d of paused.filter((x) => x.pausedAt)) {
    const basis = d.basis as 'wall' | 'working';
    const dueAt = shiftForPause(cal, d.dueAt, basis, d.pausedAt!, now);
    const warnAt = d.state === 'warned' ? d.warnAt : warnTime(cal, d.startedAt, dueAt, basis, policy.warnShare);
    const nextFireAt = d.state === 'warned' || warnAt >= dueAt ? dueAt : warnAt;
    await db
      .update(deadlines)
      .set({ dueAt, warnAt, nextFireAt, pausedAt: null, updatedAt: now })
      .where(and(eq(deadlines.estateId, estateId), eq(deadlines.id, d.id)));
  }
}

/** R-WO-4: a re-booked appointment is the new arrival time; the clock's warning follows it. */
export async function moveArrivalClock(db: Queryable, estateId: string, caseId: string, appointmentAt: Date, now: Date): Promise<void> {
  const { policy, cal } = await slaFor(db, estateId);
  const running = await db
    .select()
    .from(deadlines)
    .where(and(eq(deadlines.estateId, estateId), eq(deadlines.caseId, caseId), eq(deadlines.clock, 'arrival'), inArray(deadlines.state, OPEN_STATES)));
  for (const d of running) {
    const warnAt = warnTime(cal, now, appointmentAt, 'wall', policy.warnShare);
    await db
      .update(deadlines)
      .set({ dueAt: appointmentAt, warnAt, state: 'pending', nextFireAt: d.pausedAt ? null : warnAt < appointmentAt ? warnAt : appointmentAt, updatedAt: now })
      .where(and(eq(deadlines.estateId, estateId), eq(deadlines.id, d.id)));
  }
}

function clockInput(c: CaseRow, openedAt: Date) {
  return {
    kind: c.kind as CaseKind,
    channel: c.channel as Channel,
    urgency: c.urgency as Urgency,
    openedAt,
    appointmentAt: c.appointmentAt,
    promisedAt: c.promisedReplyAt,
    hot: c.hot,
  };
}

/** Which running clocks to move and how (see recomputeCaseClocks). */
export interface RecomputeOptions {
  /** Only these clocks of the case (not its orders' review clocks). */
  clocks: ClockId[];
  /** Start a clock the policy now gives but that is not running (a new promise, a reopened case). */
  insertMissing?: boolean;
  /** Move a running clock only when the policy now gives an earlier due time (emergency re-flag). */
  onlyEarlier?: boolean;
  /** Count the clocks from here instead of the case's opening (a reopened case starts afresh). */
  from?: Date;
  /** Leave running clocks as they are (reopening keeps the clocks that still run). */
  keepRunning?: boolean;
}

/**
 * Recomputes a case's clocks after the case changed (urgency, promised reply time, reopening):
 * running clocks take the due time the policy gives now (a warned clock whose warning now lies
 * ahead is pending again), clocks the policy no longer gives are cancelled, missing ones start
 * when asked. Paused clocks move too; they stay paused.
 */
export async function recomputeCaseClocks(db: Queryable, c: CaseRow, now: Date, opts: RecomputeOptions): Promise<void> {
  const { policy, cal } = await slaFor(db, c.estateId);
  const from = opts.from ?? c.openedAt;
  const wanted = computeDeadlines(policy, cal, clockInput(c, from)).filter((d) => opts.clocks.includes(d.clock));
  const running = await db
    .select()
    .from(deadlines)
    .where(and(eq(deadlines.estateId, c.estateId), eq(deadlines.caseId, c.id), isNull(deadlines.orderId), inArray(deadlines.clock, opts.clocks), inArray(deadlines.state, OPEN_STATES)));
  const missing = wanted.filter((d) => !running.some((r) => r.clock === d.clock));
  if (opts.insertMissing) await insertClocks(db, c.estateId, c.id, null, missing, from);
  if (opts.keepRunning) return;
  for (const row of running) {
    const d = wanted.find((x) => x.clock === row.clock);
    if (!d) await settleClocks(db, c.estateId, c.id, 'cancelled', now, { deadlineId: row.id });
    else if (d.due.getTime() !== row.dueAt.getTime() && !(opts.onlyEarlier && d.due > row.dueAt)) await moveClock(db, row, d.due, now, policy.warnShare, cal);
  }
}

type DeadlineRow = typeof deadlines.$inferSelect;

/** A running clock gets a new due time; its warning is counted again from its start. */
async function moveClock(db: Queryable, row: DeadlineRow, dueAt: Date, now: Date, share: number, cal: BusinessCalendar): Promise<void> {
  const warnAt = warnTime(cal, row.startedAt, dueAt, row.basis as 'wall' | 'working', share);
  const state = row.state === 'warned' && warnAt > now ? 'pending' : row.state;
  const nextFireAt = row.pausedAt ? null : state === 'pending' && warnAt < dueAt ? warnAt : dueAt;
  await db
    .update(deadlines)
    .set({ dueAt, warnAt, state, nextFireAt, updatedAt: now })
    .where(and(eq(deadlines.estateId, row.estateId), eq(deadlines.id, row.id)));
}
