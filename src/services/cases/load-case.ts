import { and, eq, ne, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { type CaseRow, findCase, lockCase } from '../../db/repos/case-rows.js';
import { returnVisits, workOrders } from '../../db/schema/index.js';
import { STEPS_READING_ORDERS, STEPS_READING_VISITS, assertStepPossible } from '../../domain/case-steps.js';
import { notFound, staleVersion } from '../../errors.js';
import type { Actor } from '../../policies/actor.js';
import { type CaseAction, canSeeCase, casePolicy } from '../../policies/cases.js';
import { authorize } from '../../policies/policy.js';
import { stepFactsOf } from '../../presenters/cases.js';

export interface LoadOptions {
  /** Lock the row for the rest of the transaction (every write). */
  lock?: boolean;
  /** The version the caller last saw (If-Match); stale → 412. */
  ifMatch?: number;
}

/**
 * Loads a case for an action: 404 when the caller cannot see it (also when it does not exist),
 * 403 when they can see it but may not act, 412 when their copy is stale, 409 (RuleError) when
 * the case's state does not allow the step now — the same rule that hides the button.
 */
export async function loadCaseFor(db: Queryable, actor: Actor, caseId: string, action: CaseAction, opts: LoadOptions = {}): Promise<CaseRow> {
  const found = await findCase(db, caseId);
  if (!found || !canSeeCase(actor, found)) throw notFound('案件');
  const row = opts.lock ? await lockCase(db, found.estateId, found.id) : found;
  if (!row) throw notFound('案件');
  authorize(casePolicy, actor, action, row, true);
  if (opts.ifMatch !== undefined && opts.ifMatch !== row.version) throw staleVersion(row.version);
  if (action !== 'read') await assertPossibleNow(db, row, action);
  return row;
}

/** Applies the domain's step rules; orders and visits are counted only for the steps that read them. */
async function assertPossibleNow(db: Queryable, row: CaseRow, action: CaseAction): Promise<void> {
  const liveOrders = STEPS_READING_ORDERS.includes(action) ? await countLiveOrders(db, row) : 0;
  const visited = STEPS_READING_VISITS.includes(action) ? await hasClosingVisit(db, row) : false;
  assertStepPossible(action, stepFactsOf(row, liveOrders, visited));
}

async function countLiveOrders(db: Queryable, row: CaseRow): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(workOrders)
    .where(and(eq(workOrders.estateId, row.estateId), eq(workOrders.caseId, row.id), ne(workOrders.status, 'void')));
  return r?.n ?? 0;
}

async function hasClosingVisit(db: Queryable, row: CaseRow): Promise<boolean> {
  const [r] = await db
    .select({ id: returnVisits.id })
    .from(returnVisits)
    .where(and(eq(returnVisits.estateId, row.estateId), eq(returnVisits.caseId, row.id), eq(returnVisits.kind, 'closing')))
    .limit(1);
  return Boolean(r);
}
