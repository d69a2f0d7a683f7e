import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { Queryable } from '../../db/client.js';
import { type CaseRow, caseRowColumns } from '../../db/repos/case-rows.js';
import { intakeContext, nextCaseSeq } from '../../db/repos/cases.js';
import { eventValues } from '../../db/repos/events.js';
import { caseEvents, cases, deadlines } from '../../db/schema/index.js';
import { beijingYear, checkIntake, formatCaseNumber, needsReceipt, receiptNumberFor } from '../../domain/case-intake.js';
import type { CaseKind, Channel, ComplaintContent, ComplaintNature, ComplaintSubtype, LocationKind, Urgency } from '../../domain/case-types.js';
import { forbidden, invalid, invalidFields, notFound } from '../../errors.js';
import { type Actor, hasAnyRole } from '../../policies/actor.js';
import { OPENER_ROLES, RESIDENT_CHANNELS } from '../../policies/cases.js';
import { canSeeEstate } from '../../policies/scope.js';
import { CHANNEL as LIVE_CHANNEL } from '../../jobs/live-hub.js';
import { raiseEmergency } from '../sla/emergency.js';
import { caseClockValues } from '../sla/clocks.js';
import { detectOnOpen } from '../sla/hot-detection.js';
import { getCase } from './read-case.js';

export interface OpenCaseInput {
  estateId: string;
  kind: CaseKind;
  channel: Channel;
  category?: string | null;
  urgency?: Urgency;
  locationKind: LocationKind;
  unitId?: string | null;
  residentId?: string | null;
  locationText?: string | null;
  contactName?: string | null;
  contactPhone?: string | null;
  phoneConsent?: boolean;
  description: string;
  complaintNature?: ComplaintNature | null;
  complaintSubtype?: ComplaintSubtype | null;
  complaintContent?: ComplaintContent | null;
  appointmentAt?: string | null;
  paid?: boolean;
  paidConfirmedTwice?: boolean;
  quoteCents?: number | null;
  residentSuppliesParts?: boolean;
  promisedReplyAt?: string | null;
  complainants?: number;
}

const RESIDENT_KINDS: readonly CaseKind[] = ['repair', 'complaint', 'help', 'inquiry', 'suggestion'];

/** Residents open cases only about their own home, through the portal channels. */
function residentDefaults(actor: Actor, input: OpenCaseInput): OpenCaseInput {
  const home = actor.residencies.find((r) => r.estateId === input.estateId && (!input.unitId || r.unitId === input.unitId));
  if (!home) throw notFound('房号');
  if (!RESIDENT_KINDS.includes(input.kind)) throw invalid('kind', '业户只能提交报修、投诉、求助、咨询或建议');
  if (!(RESIDENT_CHANNELS as readonly string[]).includes(input.channel)) throw invalid('channel', '业户只能通过网上或微信提交');
  return { ...input, unitId: input.unitId ?? (input.locationKind === 'in_home' ? home.unitId : null), residentId: home.residentId, urgency: 'routine' };
}

/**
 * Opens a case (立项) inside the caller's transaction: checks the intake rules, takes the next
 * number of the estate's Beijing-time year, records it and appends `case.opened`.
 * @throws 400 with field errors, 404 when the estate/unit is not the caller's
 */
export async function openCaseIn(tx: Queryable, actor: Actor, raw: OpenCaseInput, now: Date, contactId?: string): Promise<CaseRow> {
  if (!canSeeEstate(actor, raw.estateId)) throw notFound('项目');
  const isStaff = hasAnyRole(actor, raw.estateId, OPENER_ROLES);
  if (!isStaff && !hasAnyRole(actor, raw.estateId, ['resident'])) throw forbidden('无权立项');
  const input = isStaff ? raw : residentDefaults(actor, raw);
  const appointmentAt = input.appointmentAt ? new Date(input.appointmentAt) : null;
  const promisedReplyAt = input.promisedReplyAt ? new Date(input.promisedReplyAt) : null;
  const problems = checkIntake({ ...input, appointmentAt, promisedReplyAt }, now);
  if (problems.length > 0) throw invalidFields(problems);
  // One round trip for every read of the intake: the estate (prefix, settings), the unit, the resident.
  const intake = await intakeContext(tx, input.estateId, input.unitId ?? null, input.residentId ?? null);
  if (!intake) throw notFound('项目');
  if (input.unitId && !intake.unitFound) throw invalid('unitId', '房号不存在');
  if (input.residentId) {
    if (!intake.residentFound) throw invalid('residentId', '业户不存在');
    if (input.unitId && intake.residentUnitId !== input.unitId) throw invalid('residentId', '该业户不属于所选房号');
  }
  const year = beijingYear(now);
  const number = formatCaseNumber(intake.casePrefix, year, await nextCaseSeq(tx, input.estateId, year));
  const [row] = await tx
    .insert(cases)
    .values({
      estateId: input.estateId,
      number,
      contactId: contactId ?? null,
      kind: input.kind,
      status: 'opened',
      channel: input.channel,
      category: input.category ?? null,
      urgency: input.urgency ?? 'routine',
      locationKind: input.locationKind,
      unitId: input.unitId ?? null,
      residentId: input.residentId ?? null,
      locationText: input.locationText ?? null,
      contactName: input.contactName ?? null,
      contactPhone: input.phoneConsent ? (input.contactPhone ?? null) : null,
      description: input.description.trim(),
      complaintNature: input.complaintNature ?? null,
      complaintSubtype: input.complaintSubtype ?? null,
      complaintContent: input.complaintContent ?? null,
      appointmentAt,
      paid: input.paid ?? false,
      paidConfirmedAt: input.paid ? now : null,
      quoteCents: input.quoteCents ?? null,
      residentSuppliesParts: input.residentSuppliesParts ?? false,
      promisedReplyAt,
      complainants: input.complainants ?? 1,
      receiptNumber: needsReceipt(input.kind, input.channel) ? receiptNumberFor(number) : null,
      openedAt: now,
      openedBy: actor.userId,
      updatedAt: now,
    })
    .returning(caseRowColumns);
  // The timeline event, the clocks and the live-screen NOTIFY go in one statement (one round
  // trip); the clocks come from the settings read above, the calendar from the per-settings memo.
  const opened = eventValues([
    {
      estateId: row!.estateId,
      caseId: row!.id,
      at: now,
      actorId: actor.userId,
      action: 'case.opened',
      after: { number, kind: row!.kind, channel: row!.channel, urgency: row!.urgency, status: row!.status, description: row!.description },
    },
  ]);
  const clocks = caseClockValues(row!, now, intake.settings);
  const live = JSON.stringify({ estateId: row!.estateId, type: 'case', caseId: row!.id, urgency: row!.urgency });
  // (Drizzle puts an embedded query in parentheses itself.)
  await tx.execute(sql`with ev as ${tx.insert(caseEvents).values(opened)}${clocks.length > 0 ? sql`, cl as ${tx.insert(deadlines).values(clocks)}` : sql``}
    select pg_notify(${LIVE_CHANNEL}, ${live})`);
  if (row!.urgency === 'emergency') await raiseEmergency(tx, row!, actor.userId, now, intake);
  await detectOnOpen(tx, row!, now, intake);
  return row!;
}

/** `POST /api/cases`: opens a case in its own transaction and returns the case page DTO. */
export async function openCase(ctx: AppContext, actor: Actor, input: OpenCaseInput) {
  const now = ctx.clock.now();
  const row = await ctx.database.db.transaction((tx) => openCaseIn(tx, actor, input, now));
  // The page is read after commit: the estate's case-number counter row stays locked until the
  // commit, so every query left inside the transaction would delay the estate's next case.
  return getCase(ctx.database.db, actor, row.id);
}
