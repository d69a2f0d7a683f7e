import { maskPhone, unmaskPhone } from '../../domain/personal-data.js';
import { and, desc, eq, ilike, lt, or, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { Queryable } from '../../db/client.js';
import { residentInEstate, unitInEstate } from '../../db/repos/cases.js';
import { appendEvents } from '../../db/repos/events.js';
import { contacts } from '../../db/schema/index.js';
import type { Channel } from '../../domain/case-types.js';
import { forbidden, invalid, notFound, ruleViolation } from '../../errors.js';
import { type Actor, hasAnyRole, isStaffIn } from '../../policies/actor.js';
import { estateScope } from '../../policies/scope.js';
import { type OpenCaseInput, openCaseIn } from '../cases/open-case.js';
import { getCase } from '../cases/read-case.js';

type ContactRow = typeof contacts.$inferSelect;

export interface LogContactInput {
  estateId: string;
  channel: Channel;
  receivedAt?: string;
  callerName?: string | null;
  callerPhone?: string | null;
  unitId?: string | null;
  residentId?: string | null;
  location?: string | null;
  content: string;
  outcome: 'answered' | 'case' | 'undecided';
  answer?: string | null;
  /** With outcome `case`: the case to open (estate, channel and description default from the contact). */
  case?: Omit<OpenCaseInput, 'estateId' | 'channel' | 'description'> & { description?: string };
}

const DESK = ['receptionist', 'night_duty', 'supervisor', 'project_manager', 'quality_officer', 'hotline_officer', 'dispatcher'] as const;

export const presentContact = (c: ContactRow) => ({
  id: c.id,
  estateId: c.estateId,
  receivedAt: c.receivedAt.toISOString(),
  channel: c.channel,
  callerName: c.callerName,
  callerPhone: maskPhone(c.callerPhone),
  unitId: c.unitId,
  residentId: c.residentId,
  location: c.location,
  content: c.content,
  outcome: c.outcome,
  answer: c.answer,
  caseId: c.caseId,
  recordedBy: c.recordedBy,
  decidedBy: c.decidedBy,
  decidedAt: c.decidedAt?.toISOString() ?? null,
});

/**
 * Logs a contact (R-IN-2) and settles it: answered on the spot, put to the supervisor (R-IN-4),
 * or opened as a case (R-IN-3) — the contact and the case commit together.
 * @throws 400 when the outcome's required fields are missing, 404 for another estate
 */
export async function logContact(ctx: AppContext, actor: Actor, input: LogContactInput) {
  if (!isStaffIn(actor, input.estateId)) throw notFound('项目');
  if (!hasAnyRole(actor, input.estateId, DESK)) throw forbidden('无权登记来电来访');
  if (input.outcome === 'answered' && !input.answer?.trim()) throw invalid('answer', '已答复的来电须填写答复内容');
  if (input.outcome === 'case' && !input.case) throw invalid('case', '立项须填写案件信息');
  const now = ctx.clock.now();
  return ctx.database.db.transaction(async (tx) => {
    if (input.unitId && !(await unitInEstate(tx, input.estateId, input.unitId))) throw invalid('unitId', '房号不存在');
    // The contact log is the estate's register (R-IN-2): another estate's resident may not be named in it.
    const resident = input.residentId ? await residentInEstate(tx, input.estateId, input.residentId) : undefined;
    if (input.residentId && !resident) throw invalid('residentId', '住户不存在');
    // The intake names the resident on the case it opens: a masked number it sends back is theirs.
    const caseResidentId = input.case?.residentId;
    const named = resident ?? (caseResidentId ? await residentInEstate(tx, input.estateId, caseResidentId) : undefined);
    const callerPhone = input.callerPhone ? unmaskPhone(input.callerPhone, named?.phones ?? []) : null;
    if (input.callerPhone && callerPhone === null) throw invalid('callerPhone', '请填写完整的电话号码（带 * 的号码只能是所选业户登记的号码）');
    const [contact] = await tx
      .insert(contacts)
      .values({
        estateId: input.estateId,
        receivedAt: input.receivedAt ? new Date(input.receivedAt) : now,
        channel: input.channel,
        callerName: input.callerName ?? null,
        callerPhone,
        unitId: input.unitId ?? null,
        residentId: input.residentId ?? null,
        location: input.location ?? null,
        content: input.content,
        outcome: input.outcome,
        answer: input.answer ?? null,
        recordedBy: actor.userId,
      })
      .returning();
    if (input.outcome !== 'case') return { contact: presentContact(contact!), case: null };
    const { row: c } = await openCaseIn(tx, actor, caseFromContact({ ...input, callerPhone }), now, contact!.id);
    const [linked] = await tx
      .update(contacts)
      .set({ caseId: c.id })
      .where(and(eq(contacts.estateId, c.estateId), eq(contacts.id, contact!.id)))
      .returning();
    return { contact: presentContact(linked!), case: await getCase(tx, actor, c.id) };
  });
}

function caseFromContact(input: LogContactInput): OpenCaseInput {
  const c = input.case!;
  return {
    ...c,
    estateId: input.estateId,
    channel: input.channel,
    description: c.description ?? input.content,
    unitId: c.unitId ?? input.unitId ?? null,
    residentId: c.residentId ?? input.residentId ?? null,
    contactName: c.contactName ?? input.callerName ?? null,
    contactPhone: c.contactPhone ?? input.callerPhone ?? null,
  };
}

/**
 * R-IN-4: the supervisor decides an undecided contact — answer it, or open a case from it.
 * @throws 409 when it was already decided
 */
export async function decideContact(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { decision: 'answer'; answer: string } | { decision: 'open'; case: LogContactInput['case'] },
) {
  const now = ctx.clock.now();
  return ctx.database.db.transaction(async (tx) => {
    const [contact] = await tx.select().from(contacts).where(eq(contacts.id, id)).for('update');
    if (!contact || !isStaffIn(actor, contact.estateId)) throw notFound('来电记录');
    if (!hasAnyRole(actor, contact.estateId, ['supervisor', 'project_manager'])) throw forbidden('须由客服主管决定');
    if (contact.outcome !== 'undecided') throw ruleViolation('R-IN-4', '该来电已有处理结果', 'this contact is already decided');
    const where = and(eq(contacts.estateId, contact.estateId), eq(contacts.id, contact.id));
    if (input.decision === 'answer') {
      const [row] = await tx.update(contacts).set({ outcome: 'answered', answer: input.answer, decidedBy: actor.userId, decidedAt: now, version: sql`${contacts.version} + 1` }).where(where).returning();
      return { contact: presentContact(row!), case: null };
    }
    if (!input.case) throw invalid('case', '立项须填写案件信息');
    const base: LogContactInput = { ...contact, channel: contact.channel as Channel, receivedAt: undefined, outcome: 'case', case: input.case };
    const { row: c } = await openCaseIn(tx, actor, caseFromContact(base), now, contact.id);
    await appendEvents(tx, [{ estateId: c.estateId, caseId: c.id, at: now, actorId: actor.userId, action: 'contact.decided', subject: `contact:${contact.id}`, note: '主管决定立项（R-IN-4）' }]);
    const [row] = await tx.update(contacts).set({ outcome: 'case', caseId: c.id, decidedBy: actor.userId, decidedAt: now, version: sql`${contacts.version} + 1` }).where(where).returning();
    return { contact: presentContact(row!), case: await getCase(tx, actor, c.id) };
  });
}

/** The contact log (工作日志 / 来电来访记录) with filters, newest first. */
export async function listContacts(
  db: Queryable,
  actor: Actor,
  q: { estateId?: string; channel?: string; outcome?: string; q?: string; from?: string; to?: string; before?: string; limit: number },
) {
  const text = q.q?.trim();
  const rows = await db
    .select()
    .from(contacts)
    .where(
      and(
        estateScope(actor, contacts.estateId),
        q.estateId ? eq(contacts.estateId, q.estateId) : undefined,
        q.channel ? eq(contacts.channel, q.channel) : undefined,
        q.outcome ? eq(contacts.outcome, q.outcome) : undefined,
        text ? or(ilike(contacts.content, `%${text}%`), ilike(contacts.callerPhone, `%${text}%`), ilike(contacts.callerName, `%${text}%`)) : undefined,
        q.from ? sql`${contacts.receivedAt} >= ${new Date(q.from)}` : undefined,
        q.to ? lt(contacts.receivedAt, new Date(q.to)) : undefined,
        q.before ? lt(contacts.receivedAt, new Date(q.before)) : undefined,
      ),
    )
    .orderBy(desc(contacts.receivedAt))
    .limit(q.limit);
  return { items: rows.filter((c) => isStaffIn(actor, c.estateId)).map(presentContact) };
}
