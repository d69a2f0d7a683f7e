import type { AppContext } from '../../context.js';
import { estateSettings } from '../../db/repos/estate-settings.js';
import { insertRoutedContact } from '../../db/repos/contacts.js';
import { appendHotlineEvent, dossierDetails, insertCall, insertDossier, takeDossierSeq } from '../../db/repos/hotline.js';
import { estateName, unitByCode } from '../../db/repos/places.js';
import { beijingYear } from '../../domain/beijing-day.js';
import { dossierClocks, dossierNumber, routeCall, routedBackScript } from '../../domain/hotline.js';
import { forbidden, invalid, notFound } from '../../errors.js';
import { type Actor, hasAnyRole } from '../../policies/actor.js';
import { canSeeEstate } from '../../policies/scope.js';
import { HOTLINE_RECORDERS } from '../../policies/hotline.js';
import { presentDossier } from '../../presenters/hotline.js';
import { reportMajorDossier } from './escalate-dossiers.js';

export interface HotlineCallInput {
  estateId: string;
  unitCode?: string | null;
  callerName?: string | null;
  callerPhone?: string | null;
  matter: string;
  /** R-GM-1: the matter never went through the estate. */
  firstContact: boolean;
  major?: boolean;
}

/**
 * R-GM-1/2: the hotline officer records a call (unit, name, phone, estate, matter) in one
 * transaction. A first contact goes back to the estate's desk as an ordinary contact the
 * supervisor decides (R-IN-4), with the hotline record linked and what to tell the caller; any
 * other matter opens a hotline dossier, numbered per group and year, for the estate head.
 * @throws 404 for an unknown estate, 403 for anyone but the hotline, 400 for an unknown unit
 */
export async function recordHotlineCall(ctx: AppContext, actor: Actor, input: HotlineCallInput) {
  if (!canSeeEstate(actor, input.estateId)) throw notFound('项目');
  if (!hasAnyRole(actor, input.estateId, HOTLINE_RECORDERS)) throw forbidden('须由总经理热线专员登记');
  const now = ctx.clock.now();
  return ctx.database.db.transaction(async (tx) => {
    const name = await estateName(tx, input.estateId);
    if (!name) throw notFound('项目');
    const unit = input.unitCode ? await unitByCode(tx, input.estateId, input.unitCode) : undefined;
    if (input.unitCode && !unit) throw invalid('unitCode', '该项目没有这个房号');
    const who = { unitId: unit?.id ?? null, callerName: input.callerName ?? null, callerPhone: input.callerPhone ?? null };
    if (routeCall(input.firstContact) === 'back') {
      const contact = await insertRoutedContact(tx, 'gm_hotline', { estateId: input.estateId, receivedAt: now, ...who, content: `【总经理热线转来】${input.matter}`, recordedBy: actor.userId });
      await insertCall(tx, { estateId: input.estateId, receivedAt: now, recordedBy: actor.userId, ...who, matter: input.matter, routed: 'back', contactId: contact.id });
      return { routed: 'back' as const, contactId: contact.id, script: routedBackScript(name) };
    }
    const settings = await estateSettings(tx, input.estateId);
    const year = beijingYear(now);
    const number = dossierNumber(year, await takeDossierSeq(tx, year));
    const d = await insertDossier(tx, {
      estateId: input.estateId,
      number,
      receivedAt: now,
      recordedBy: actor.userId,
      ...who,
      matter: input.matter,
      major: input.major ?? false,
      status: 'awaiting_measures',
      ...dossierClocks(now, settings!.hotline),
    });
    await appendHotlineEvent(tx, { estateId: d.estateId, dossierId: d.id, at: now, actorId: actor.userId, action: 'dossier.opened', after: { number, major: d.major } });
    if (d.major) await reportMajorDossier(tx, d, now);
    await insertCall(tx, { estateId: input.estateId, receivedAt: now, recordedBy: actor.userId, ...who, matter: input.matter, routed: 'dossier', dossierId: d.id });
    return { routed: 'dossier' as const, dossier: presentDossier(actor, d, await dossierDetails(tx, d), now) };
  });
}
