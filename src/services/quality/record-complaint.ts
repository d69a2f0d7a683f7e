import type { AppContext } from '../../context.js';
import type { Queryable } from '../../db/client.js';
import { estateSettings } from '../../db/repos/estate-settings.js';
import { enqueue } from '../../db/repos/outbox.js';
import { estateName, unitByCode } from '../../db/repos/places.js';
import { type NewQualityComplaint, type QualityComplaintRow, appendQualityEvent, insertQualityComplaint, qualityComplaintDetails, takeQualitySeq } from '../../db/repos/quality.js';
import { usersWithRole } from '../../db/repos/recipients.js';
import { beijingYear } from '../../domain/beijing-day.js';
import { type FORWARDED_SOURCES, qualityComplaintNumber } from '../../domain/quality.js';
import { replyDue } from '../../domain/sla/compute-deadlines.js';
import { estateSlaContext } from '../../domain/sla/estate-sla.js';
import { forbidden, invalid, notFound } from '../../errors.js';
import { type Actor, hasAnyRole } from '../../policies/actor.js';
import { QUALITY_RECORDERS } from '../../policies/quality.js';
import { canSeeEstate } from '../../policies/scope.js';
import { presentQualityComplaint } from '../../presenters/quality.js';

export interface QualityComplaintInput {
  estateId: string;
  source: (typeof FORWARDED_SOURCES)[number];
  sourceRef?: string | null;
  unitCode?: string | null;
  complainantName?: string | null;
  complainantPhone?: string | null;
  matter: string;
}

/**
 * Opens a quality complaint in the caller's transaction: its group number, its R-CP-1 reply clock
 * (the transfer channel's working days on the estate's calendar), its first event, and an in-app
 * message to the quality office.
 */
export async function openQualityComplaint(tx: Queryable, values: Omit<NewQualityComplaint, 'number' | 'replyDueAt' | 'status'>, actorId: string): Promise<QualityComplaintRow> {
  const settings = await estateSettings(tx, values.estateId);
  if (!settings) throw notFound('项目');
  const { policy, cal } = estateSlaContext(settings);
  const year = beijingYear(values.receivedAt);
  const number = qualityComplaintNumber(year, await takeQualitySeq(tx, year));
  const row = await insertQualityComplaint(tx, { ...values, number, status: 'open', replyDueAt: replyDue(policy, cal, values.receivedAt, 'transfer') });
  await appendQualityEvent(tx, { estateId: row.estateId, complaintId: row.id, at: row.receivedAt, actorId, action: 'quality.opened', after: { number, source: row.source, caseId: row.caseId }, note: row.escalationReason });
  const to = await usersWithRole(tx, row.estateId, 'quality_officer');
  await enqueue(tx, to.filter((u) => u !== actorId).map((u) => ({ estateId: row.estateId, channel: 'in_app' as const, recipient: u, topic: 'quality.opened', payload: { complaintId: row.id, number, source: row.source }, dedupeKey: `quality-open:${row.id}:${u}` })), row.receivedAt);
  return row;
}

/**
 * The quality office records a complaint the group, the government (12345) or the developer
 * forwarded about an estate, in one transaction.
 * @throws 404 for an unknown estate, 403 for anyone but the quality office, 400 for an unknown unit
 */
export async function recordQualityComplaint(ctx: AppContext, actor: Actor, input: QualityComplaintInput) {
  if (!canSeeEstate(actor, input.estateId)) throw notFound('项目');
  if (!hasAnyRole(actor, input.estateId, QUALITY_RECORDERS)) throw forbidden('须由品质管理部登记');
  const now = ctx.clock.now();
  return ctx.database.db.transaction(async (tx) => {
    if (!(await estateName(tx, input.estateId))) throw notFound('项目');
    const unit = input.unitCode ? await unitByCode(tx, input.estateId, input.unitCode) : undefined;
    if (input.unitCode && !unit) throw invalid('unitCode', '该项目没有这个房号');
    const row = await openQualityComplaint(
      tx,
      {
        estateId: input.estateId,
        source: input.source,
        sourceRef: input.sourceRef ?? null,
        receivedAt: now,
        recordedBy: actor.userId,
        unitId: unit?.id ?? null,
        complainantName: input.complainantName ?? null,
        complainantPhone: input.complainantPhone ?? null,
        matter: input.matter,
      },
      actor.userId,
    );
    return presentQualityComplaint(actor, row, await qualityComplaintDetails(tx, row), now);
  });
}
