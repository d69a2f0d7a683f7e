import type { Queryable } from '../../db/client.js';
import { type CaseRow, findCase, lockCase } from '../../db/repos/case-rows.js';
import { notFound, staleVersion } from '../../errors.js';
import type { Actor } from '../../policies/actor.js';
import { type CaseAction, canSeeCase, casePolicy } from '../../policies/cases.js';
import { authorize } from '../../policies/policy.js';

export interface LoadOptions {
  /** Lock the row for the rest of the transaction (every write). */
  lock?: boolean;
  /** The version the caller last saw (If-Match); stale → 412. */
  ifMatch?: number;
}

/**
 * Loads a case for an action: 404 when the caller cannot see it (also when it does not exist),
 * 403 when they can see it but may not act, 412 when their copy is stale.
 */
export async function loadCaseFor(db: Queryable, actor: Actor, caseId: string, action: CaseAction, opts: LoadOptions = {}): Promise<CaseRow> {
  const found = await findCase(db, caseId);
  if (!found || !canSeeCase(actor, found)) throw notFound('案件');
  const row = opts.lock ? await lockCase(db, found.estateId, found.id) : found;
  if (!row) throw notFound('案件');
  authorize(casePolicy, actor, action, row, true);
  if (opts.ifMatch !== undefined && opts.ifMatch !== row.version) throw staleVersion(row.version);
  return row;
}
