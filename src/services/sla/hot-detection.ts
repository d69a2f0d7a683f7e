import { and, eq, gte, inArray, ne, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { Queryable } from '../../db/client.js';
import type { CaseRow } from '../../db/repos/case-rows.js';
import { lockCase, updateCase } from '../../db/repos/case-rows.js';
import { appendEvents } from '../../db/repos/events.js';
import { enqueue } from '../../db/repos/outbox.js';
import { usersWithRole } from '../../db/repos/recipients.js';
import { cases, estates, flagProposals, units } from '../../db/schema/index.js';
import { OPEN_STATUSES } from '../../domain/case-lifecycle.js';
import { type FlagProposal, proposeFlags } from '../../domain/hot-complaints.js';
import { resolveSettings } from '../../domain/settings.js';
import { forbidden, notFound, ruleViolation } from '../../errors.js';
import { type Actor, hasAnyRole, isStaffIn } from '../../policies/actor.js';
import { estateScope } from '../../policies/scope.js';
import { startHotReportClock } from './clocks.js';

const settingsOf = async (db: Queryable, estateId: string) => {
  const [e] = await db.select({ settings: estates.settings }).from(estates).where(eq(estates.id, estateId));
  return resolveSettings(e?.settings);
};

/** Complaints like this one (same category, same building or estate-wide) from other people. */
async function sameComplaintsFromOthers(db: Queryable, c: CaseRow, since: Date): Promise<number> {
  if (!c.category) return 0;
  const building = c.unitId ? (await db.select({ b: units.buildingId }).from(units).where(and(eq(units.estateId, c.estateId), eq(units.id, c.unitId))))[0]?.b : undefined;
  const who = sql`coalesce(${cases.residentId}::text, ${cases.contactPhone}, ${cases.unitId}::text, ${cases.id}::text)`;
  const me = c.residentId ?? c.contactPhone ?? c.unitId ?? c.id;
  const [row] = await db
    .select({ n: sql<number>`count(distinct ${who})::int` })
    .from(cases)
    .leftJoin(units, and(eq(units.estateId, cases.estateId), eq(units.id, cases.unitId)))
    .where(
      and(
        eq(cases.estateId, c.estateId),
        eq(cases.kind, 'complaint'),
        eq(cases.category, c.category),
        ne(cases.id, c.id),
        gte(cases.openedAt, since),
        sql`${who} <> ${me}`,
        building ? eq(units.buildingId, building) : sql`true`,
      ),
    );
  return row?.n ?? 0;
}

/** Stores proposals (once per case and flag), tells the supervisors, and logs them on the timeline. */
async function recordProposals(db: Queryable, c: CaseRow, list: FlagProposal[], now: Date): Promise<void> {
  for (const p of list) {
    if ((p.flag === 'hot' && c.hot) || (p.flag === 'major' && c.major)) continue;
    const inserted = await db
      .insert(flagProposals)
      .values({ estateId: c.estateId, caseId: c.id, flag: p.flag, reason: p.reason, detail: p.detail, createdAt: now })
      .onConflictDoNothing()
      .returning();
    if (inserted.length === 0) continue;
    await appendEvents(db, [{ estateId: c.estateId, caseId: c.id, at: now, actorId: null, action: 'flag.proposed', after: { flag: p.flag, reason: p.reason, ...p.detail } }]);
    const supervisors = await usersWithRole(db, c.estateId, 'supervisor');
    await enqueue(
      db,
      supervisors.map((u) => ({ estateId: c.estateId, channel: 'in_app' as const, recipient: u, topic: 'flag.proposed', payload: { caseId: c.id, caseNumber: c.number, flag: p.flag, reason: p.reason }, dedupeKey: `flag:${inserted[0]!.id}:${u}` })),
      now,
    );
  }
}

/** R-HOT-3 at intake: repeats and headcount of a new complaint. */
export async function detectOnOpen(db: Queryable, c: CaseRow, now: Date, storedSettings?: { settings: unknown }): Promise<void> {
  if (c.kind !== 'complaint') return;
  const s = (storedSettings ? resolveSettings(storedSettings.settings) : await settingsOf(db, c.estateId)).hot;
  const since = new Date(now.getTime() - s.repeatWindowDays * 86_400_000);
  const others = await sameComplaintsFromOthers(db, c, since);
  await recordProposals(db, c, proposeFlags({ complainants: c.complainants, openedAt: c.openedAt, open: true }, others, now, s), now);
}

/** R-HOT-1/2 by age: open complaints unresolved 7 days (hot) or a month (major). Run periodically. */
export async function sweepAgedComplaints(db: Queryable, now: Date): Promise<number> {
  const candidates = await db
    .select()
    .from(cases)
    .where(and(eq(cases.kind, 'complaint'), inArray(cases.status, [...OPEN_STATUSES]), sql`${cases.openedAt} <= ${new Date(now.getTime() - 7 * 86_400_000)}`))
    .limit(1000);
  let n = 0;
  for (const c of candidates) {
    const s = (await settingsOf(db, c.estateId)).hot;
    const list = proposeFlags({ complainants: 1, openedAt: c.openedAt, open: true }, 0, now, s).filter((p) => p.reason === 'age');
    await recordProposals(db, c, list, now);
    n += list.length;
  }
  return n;
}

const present = (p: typeof flagProposals.$inferSelect) => ({
  id: p.id,
  estateId: p.estateId,
  caseId: p.caseId,
  flag: p.flag,
  reason: p.reason,
  detail: p.detail,
  state: p.state,
  createdAt: p.createdAt.toISOString(),
  decidedBy: p.decidedBy,
  decidedAt: p.decidedAt?.toISOString() ?? null,
  comment: p.comment,
});

export async function listFlagProposals(db: Queryable, actor: Actor, q: { estateId?: string; state: string }) {
  const rows = await db
    .select()
    .from(flagProposals)
    .where(and(estateScope(actor, flagProposals.estateId), q.estateId ? eq(flagProposals.estateId, q.estateId) : undefined, eq(flagProposals.state, q.state)))
    .orderBy(flagProposals.createdAt)
    .limit(200);
  return { items: rows.filter((p) => isStaffIn(actor, p.estateId)).map(present) };
}

/**
 * A person confirms or dismisses a proposed flag. Confirming a hot flag starts the 4 h report
 * clock (R-HOT-1); a major one is reported at once (R-HOT-2) to the quality office.
 */
export async function decideFlagProposal(ctx: AppContext, actor: Actor, id: string, input: { decision: 'confirm' | 'dismiss'; comment?: string }) {
  const now = ctx.clock.now();
  return ctx.database.db.transaction(async (tx) => {
    const [p] = await tx.select().from(flagProposals).where(eq(flagProposals.id, id)).for('update');
    if (!p || !isStaffIn(actor, p.estateId)) throw notFound('标记建议');
    if (!hasAnyRole(actor, p.estateId, ['supervisor', 'project_manager', 'quality_officer'])) throw forbidden('须由客服主管确认');
    if (p.state !== 'pending') throw ruleViolation('R-HOT-3', '该建议已处理', 'already decided');
    const state = input.decision === 'confirm' ? 'confirmed' : 'dismissed';
    const [updated] = await tx
      .update(flagProposals)
      .set({ state, decidedBy: actor.userId, decidedAt: now, comment: input.comment ?? null })
      .where(and(eq(flagProposals.estateId, p.estateId), eq(flagProposals.id, p.id)))
      .returning();
    await appendEvents(tx, [{ estateId: p.estateId, caseId: p.caseId, at: now, actorId: actor.userId, action: `flag.${state}`, after: { flag: p.flag, reason: p.reason }, note: input.comment }]);
    if (state === 'confirmed') {
      const c = (await lockCase(tx, p.estateId, p.caseId))!;
      await updateCase(tx, c, p.flag === 'hot' ? { hot: true } : { major: true }, now);
      if (p.flag === 'hot' && !c.hot) await startHotReportClock(tx, p.estateId, p.caseId, now);
      if (p.flag === 'major') {
        const quality = await usersWithRole(tx, p.estateId, 'quality_officer');
        await enqueue(tx, quality.map((u) => ({ estateId: p.estateId, channel: 'in_app' as const, recipient: u, topic: 'case.major', payload: { caseId: c.id, caseNumber: c.number }, dedupeKey: `major:${c.id}:${u}` })), now);
      }
    }
    return present(updated!);
  });
}
