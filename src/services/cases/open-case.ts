import { unmaskPhone } from '../../domain/personal-data.js';
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import type { Database, Queryable } from '../../db/client.js';
import { insertOpenedCase, takeCaseSeq } from '../../db/repos/case-insert.js';
import type { CaseRow } from '../../db/repos/case-rows.js';
import { type CaseRelations, intakeContext } from '../../db/repos/cases.js';
import { beijingYear, caseNumberPrefix, checkIntake, needsReceipt } from '../../domain/case-intake.js';
import type { CaseKind, Channel, ComplaintContent, ComplaintNature, ComplaintSubtype, LocationKind, Urgency } from '../../domain/case-types.js';
import { forbidden, invalid, invalidFields, notFound } from '../../errors.js';
import { type Actor, hasAnyRole } from '../../policies/actor.js';
import { OPENER_ROLES, RESIDENT_CHANNELS } from '../../policies/cases.js';
import { canSeeEstate } from '../../policies/scope.js';
import { CHANNEL as LIVE_CHANNEL } from '../../jobs/live-hub.js';
import { raiseEmergency } from '../sla/emergency.js';
import { caseClockValues } from '../sla/clocks.js';
import { detectOnOpen } from '../sla/hot-detection.js';
import { presentCase } from '../../presenters/cases.js';

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
 * The checks of an opening that need no database: the caller's estate and role, a resident's
 * own home, the intake rules. Returns the input as it will be written.
 * @throws 400 with field errors, 403/404 as openCaseIn
 */
function checkOpening(actor: Actor, raw: OpenCaseInput, now: Date) {
  if (!canSeeEstate(actor, raw.estateId)) throw notFound('项目');
  const isStaff = hasAnyRole(actor, raw.estateId, OPENER_ROLES);
  if (!isStaff && !hasAnyRole(actor, raw.estateId, ['resident'])) throw forbidden('无权立项');
  const input = isStaff ? raw : residentDefaults(actor, raw);
  const appointmentAt = input.appointmentAt ? new Date(input.appointmentAt) : null;
  const promisedReplyAt = input.promisedReplyAt ? new Date(input.promisedReplyAt) : null;
  const problems = checkIntake({ ...input, appointmentAt, promisedReplyAt }, now);
  if (problems.length > 0) throw invalidFields(problems);
  return { input, appointmentAt, promisedReplyAt };
}

/**
 * The number to store: as typed, or — when the form sent back the masked number of the resident
 * it showed — that resident's real number. Any other masked text is refused: it names nobody.
 */
function contactPhoneOf(given: string | null | undefined, residentPhones: string[] | null): string | null {
  if (!given) return null;
  const phone = unmaskPhone(given, residentPhones ?? []);
  if (phone === null) throw invalid('contactPhone', '请填写完整的电话号码（带 * 的号码只能是所选业户登记的号码）', 'a masked number must be one of the chosen resident’s numbers');
  return phone;
}

/** Where the new case's sequence comes from when not from the opening statement itself. */
export type SeqSource = () => Promise<number | undefined>;

/**
 * Opens a case (立项) inside the caller's transaction: checks the intake rules, takes the next
 * number of the estate's Beijing-time year (from `takeSeq` when given, else in the statement), records it and appends `case.opened`.
 * @throws 400 with field errors, 404 when the estate/unit is not the caller's
 */
export async function openCaseIn(
  tx: Queryable,
  actor: Actor,
  raw: OpenCaseInput,
  now: Date,
  contactId?: string,
  takeSeq?: SeqSource,
): Promise<{ row: CaseRow; rel: CaseRelations }> {
  const { input, appointmentAt, promisedReplyAt } = checkOpening(actor, raw, now);
  // One round trip for every read of the intake: the estate (prefix, settings), the unit, the resident.
  const intake = await intakeContext(tx, input.estateId, input.unitId ?? null, input.residentId ?? null);
  if (!intake) throw notFound('项目');
  if (input.unitId && intake.unitCode === null) throw invalid('unitId', '房号不存在');
  if (input.residentId) {
    if (!intake.residentFound) throw invalid('residentId', '业户不存在');
    if (input.unitId && intake.residentUnitId !== input.unitId) throw invalid('residentId', '该业户不属于所选房号');
  }
  const year = beijingYear(now);
  const values = {
    id: randomUUID(),
    estateId: input.estateId,
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
    contactPhone: input.phoneConsent ? contactPhoneOf(input.contactPhone, intake.residentPhones) : null,
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
    openedAt: now,
    openedBy: actor.userId,
    updatedAt: now,
  };
  // The clocks are computed before the row exists (they need only its fields and id), so the
  // board columns are written with the case and the deadlines trigger finds nothing to change.
  const clocks = caseClockValues({ ...values, hot: false } as CaseRow, now, intake.settings);
  const running = clocks.map((c) => c.dueAt.getTime());
  const { row, rel } = await insertOpenedCase(tx, {
    values: { ...values, nextDueAt: running.length > 0 ? new Date(Math.min(...running)) : null, breached: false },
    numberPrefix: caseNumberPrefix(intake.casePrefix, year),
    year,
    seq: takeSeq ? await takeSeq() : undefined,
    withReceipt: needsReceipt(input.kind, input.channel),
    event: {
      estateId: values.estateId,
      caseId: values.id,
      at: now,
      actorId: actor.userId,
      action: 'case.opened',
      after: { kind: values.kind, channel: values.channel, urgency: values.urgency, status: values.status, description: values.description },
    },
    clocks,
    live: { channel: LIVE_CHANNEL, payload: JSON.stringify({ estateId: values.estateId, type: 'case', caseId: values.id, urgency: values.urgency }) },
  });
  if (row.urgency === 'emergency') await raiseEmergency(tx, row, actor.userId, now, intake);
  await detectOnOpen(tx, row, now, intake);
  return { row, rel: { ...rel, unitCode: intake.unitCode } };
}

/** Only emergencies and complaints write more than the one opening statement. */
const needsTransaction = (input: OpenCaseInput) => input.urgency === 'emergency' || input.kind === 'complaint';

/**
 * `POST /api/cases`: opens a case and returns the case page DTO, built from what was written
 * (a new case has no orders, findings, approvals or visits yet), so no read follows the write.
 * A routine non-complaint case is one read and one statement, without BEGIN/COMMIT.
 */
export async function openCase(ctx: AppContext, actor: Actor, input: OpenCaseInput) {
  const now = ctx.clock.now();
  const db = ctx.database.db;
  const seqOf = (database: Database) => () => takeCaseSeq(database, input.estateId, beijingYear(now));
  if (!needsTransaction(input)) {
    // No connection is held here, so the sequence is taken on one of its own after every check.
    const { row, rel } = await openCaseIn(db, actor, input, now, undefined, seqOf(ctx.database));
    return presentCase(actor, row, rel);
  }
  // Taken before BEGIN: inside, a transaction waiting for a second pooled connection could wait
  // forever once every connection is such a transaction. The rules are checked first, so only a
  // unit or resident that does not exist costs a number.
  checkOpening(actor, input, now);
  const seq = await seqOf(ctx.database)();
  const { row, rel } = await db.transaction((tx) => openCaseIn(tx, actor, input, now, undefined, async () => seq));
  return presentCase(actor, row, rel);
}
