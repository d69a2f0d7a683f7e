import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/client.js';
import type { CaseRow } from '../../db/repos/case-rows.js';
import type { Actor } from '../../policies/actor.js';
import type { CaseAction } from '../../policies/cases.js';
import { loadCaseFor } from './load-case.js';
import { getCase } from './read-case.js';

export interface StepContext {
  tx: Tx;
  actor: Actor;
  row: CaseRow;
  now: Date;
}

/**
 * One case step as one transaction: load and lock the case for the action (404/403/412),
 * run the step, and answer with the case page as it now stands.
 */
export async function runCaseStep(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  action: CaseAction,
  ifMatch: number | undefined,
  step: (s: StepContext) => Promise<unknown>,
) {
  const now = ctx.clock.now();
  return ctx.database.db.transaction(async (tx) => {
    const row = await loadCaseFor(tx, actor, caseId, action, { lock: true, ifMatch });
    await step({ tx, actor, row, now });
    return getCase(tx, actor, caseId);
  });
}
