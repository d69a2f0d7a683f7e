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
import { DEFAULT_HOT_SETTINGS, type FlagProposal, otherComplainants, proposeFlags } from '../../domain/hot-complaints.js';
import { resolveSettings } from '../../domain/settings.js';
import { forbidden, notFound, ruleViolation } from '../../errors.js';
import { type Actor, hasAnyRole, isStaffIn } from '../../policies/actor.js';
import { estateScope } from '../../policies/scope.js';
import { startHotReportClock } from './clocks.js';

const settingsOf = async (db: Queryable, estateId: string) => {
  const [e] = await db.select({ settings: estates.settings }).from(estates).where(eq(estates.id, estateId));
  return resolveSettings(e?.settings);
};

/** Most same complaints read to tell people apart; far above any repeat threshold. */
const SAME_COMPLAINTS_READ = 1000;

/** How many other people made complaints like this one (same category, same building or estate-wide) since `since`. */
async function sameComplaintsFromOthers(db: Queryable, c: CaseRow, since: Date): Promise<number> {
  if (!c.category) return 0;
  const building = c.unitId ? (await db.select({ b: units.buildingId }).from(units).where(and(eq(units.estateId, c.estateId), eq(units.id, c.unitId))))[0]?.b : undefined;
  const others = await db
    .select({ caseId: cases.id, residentId: cases.residentId, phone: cases.contactPhone, unitId: cases.unitId })
    .from(cases)
    .leftJoin(units, and(eq(units.estateId, cases.estateId), eq(units.id, cases.unitId)))
    .where(
      and(
        eq(cases.estateId, c.estateId),
        eq(cases.kind, 'complaint'),
        eq(cases.category, c.category),
        ne(cases.id, c.id),
        gte(cases.openedAt, since),
        building ? eq(units.buildingId, building) : sql`true`,
      ),
    )
    .limit(SAME_COMPLAINTS_READ);
  return otherComplainants({ caseId: c.id, residentId: c.residentId, phone: c.contactPhone, unitId: c.unitId }, others);
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

/** An estate's day threshold from its stored settings, in SQL (the default when not overridden). */
const daysSetting = (key: 'hotAfterDays' | 'majorAfterDays') =>
  sql`coalesce((${estates.settings}->'hot'->>${key})::numeric, ${DEFAULT_HOT_SETTINGS[key]})`;

/** Whether the case already has (or had) this flag, or a proposal of it in any state. */
const flaggedOrProposed = (flag: 'hot' | 'major') =>
  sql`(${flag === 'hot' ? cases.hot : cases.major} or exists (select 1 from ${flagProposals} p where p.estate_id = ${cases.estateId} and p.case_id = ${cases.id} and p.flag = ${flag}))`;

/**
 * R-HOT-1/2 by age: open complaints unresolved hotAfterDays (hot) or majorAfterDays (major),
 * each estate by its own settings. Only cases that can still get a new proposal are read, so a
 * large backlog of already-proposed cases never starves new ones. Run periodically.
 * @returns how many proposals were made
 */
export async function sweepAgedComplaints(db: Queryable, now: Date, batch = 500): Promise<number> {
  const age = sql`extract(epoch from (${now}::timestamptz - ${cases.openedAt})) / 86400`;
  const candidates = await db
    .select({ c: cases, settings: estates.settings })
    .from(cases)
    .innerJoin(estates, eq(estates.id, cases.estateId))
    .where(
      and(
        eq(cases.kind, 'complaint'),
        inArray(cases.status, [...OPEN_STATUSES]),
        sql`((${age} >= ${daysSetting('majorAfterDays')} and not ${flaggedOrProposed('major')})
          or (${age} >= ${daysSetting('hotAfterDays')} and ${age} < ${daysSetting('majorAfterDays')} and not ${flaggedOrProposed('hot')}))`,
      ),
    )
    .orderBy(cases.openedAt)
    .limit(batch);
  let n = 0;
  for (const { c, settings } of candidates) {
    const list = proposeFlags({ complainants: 1, openedAt: c.openedAt, open: true }, 0, now, resolveSettings(settings).hot).filter((p) => p.reason === 'age');
    await recordProposals(db, c as CaseRow, list, now);
    n += list.length;
  }
  return n;
}

/** R-HOT-2: a major complaint is reported at once — the quality office hears of it. */
export async function reportMajor(db: Queryable, c: CaseRow, now: Date): Promise<void> {
  const quality = await usersWithRole(db, c.estateId, 'quality_officer');
  await enqueue(db, quality.map((u) => ({ estateId: c.estateId, channel: 'in_app' as const, recipient: u, topic: 'case.major', payload: { caseId: c.id, caseNumber: c.number }, dedupeKey: `major:${c.id}:${u}` })), now);
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
      if (p.flag === 'major' && !c.major) await reportMajor(tx, c, now);
    }
    return present(updated!);
  });
}
