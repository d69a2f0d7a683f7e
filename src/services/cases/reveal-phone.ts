import type { AppContext } from '../../context.js';
import { appendEvents } from '../../db/repos/events.js';
import type { PhoneRevealReason } from '../../domain/personal-data.js';
import type { Actor } from '../../policies/actor.js';
import { loadCaseFor } from './load-case.js';

/**
 * The desk reads a resident's full number to call them (issue 13 item 1). One transaction: the
 * policy and the case's state are checked, the reading is appended to the case's event log
 * (who, when, why — R-AR-1), then the number is answered. The case itself does not change, so
 * its version does not either.
 * @throws 404 outside the caller's estates, 403 for roles without the step, 409 with no phone on the case
 */
export function revealCasePhone(ctx: AppContext, actor: Actor, caseId: string, input: { reason: PhoneRevealReason; note?: string }) {
  const now = ctx.clock.now();
  return ctx.database.db.transaction(async (tx) => {
    const row = await loadCaseFor(tx, actor, caseId, 'reveal_phone');
    await appendEvents(tx, [{ estateId: row.estateId, caseId: row.id, at: now, actorId: actor.userId, action: 'case.phone_revealed', after: { reason: input.reason }, note: input.note }]);
    return { contactPhone: row.contactPhone!, revealedAt: now.toISOString() };
  });
}
