import type { AppContext } from '../../context.js';
import { updateCase } from '../../db/repos/case-rows.js';
import { appendEvents } from '../../db/repos/events.js';
import type { Actor } from '../../policies/actor.js';
import { runCaseStep } from '../cases/run-step.js';
import { openQualityComplaint } from './record-complaint.js';

/**
 * R-CP-3: the estate's supervisor or head sends a complaint it cannot solve up to the quality
 * office, with the reason. One transaction: the quality complaint (source `estate`, linked to the
 * case), the case marked as gone up (so it goes up once), an event on each. From then on quality
 * owns it and cannot hand it back down.
 */
export const escalateCaseToQuality = (ctx: AppContext, actor: Actor, caseId: string, v: number | undefined, input: { reason: string }) =>
  runCaseStep(ctx, actor, caseId, 'escalate_quality', v, async ({ tx, row, now }) => {
    const complaint = await openQualityComplaint(
      tx,
      {
        estateId: row.estateId,
        source: 'estate',
        sourceRef: row.number,
        receivedAt: now,
        recordedBy: actor.userId,
        caseId: row.id,
        unitId: row.unitId,
        complainantName: row.contactName,
        complainantPhone: row.contactPhone,
        matter: row.description,
        escalationReason: input.reason,
      },
      actor.userId,
    );
    await updateCase(tx, row, { qualityComplaintId: complaint.id }, now);
    await appendEvents(tx, [{ estateId: row.estateId, caseId: row.id, at: now, actorId: actor.userId, action: 'case.escalated_to_quality', after: { qualityComplaintId: complaint.id, number: complaint.number }, note: input.reason }]);
  });
