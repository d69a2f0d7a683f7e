import type { DossierRow } from '../db/repos/hotline.js';
import { DOSSIER_STATUS_LABELS, type DossierStatus, dossierAlerts, dossierStepRefusal } from '../domain/hotline.js';
import { maskPhone } from '../domain/personal-data.js';
import type { Actor } from '../policies/actor.js';
import { type HotlineAction, hotlinePolicy } from '../policies/hotline.js';
import { allowedActions } from '../policies/policy.js';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const factsOf = (d: DossierRow) => ({ status: d.status as DossierStatus, firstVisited: Boolean(d.firstVisitAt) });

/** The steps the caller may take now: allowed by the policy table and possible in the dossier's state. */
export function dossierActions(actor: Actor, d: DossierRow): HotlineAction[] {
  return allowedActions(hotlinePolicy, actor, d).filter((a) => a !== 'read' && dossierStepRefusal(a, factsOf(d)) === null);
}

/** A dossier as a list row; the caller's phone masked (issue 13 item 1). */
export function presentDossierSummary(d: DossierRow, names: { estateName: string; unitCode: string | null; responsibleName: string | null }, now: Date) {
  return {
    id: d.id,
    estateId: d.estateId,
    estateName: names.estateName,
    number: d.number,
    receivedAt: d.receivedAt.toISOString(),
    unitCode: names.unitCode,
    callerName: d.callerName,
    callerPhone: maskPhone(d.callerPhone),
    matter: d.matter,
    major: d.major,
    status: d.status,
    statusLabel: DOSSIER_STATUS_LABELS[d.status as DossierStatus],
    responsibleUserId: d.responsibleUserId,
    responsibleName: names.responsibleName,
    firstVisitDueAt: d.firstVisitDueAt.toISOString(),
    firstVisitAt: iso(d.firstVisitAt),
    escalateDueAt: d.escalateDueAt.toISOString(),
    escalatedAt: iso(d.escalatedAt),
    ...dossierAlerts({ status: d.status as DossierStatus, firstVisitAt: d.firstVisitAt, firstVisitDueAt: d.firstVisitDueAt, escalateDueAt: d.escalateDueAt }, now),
    version: d.version,
  };
}

/** A dossier with its visits, its history and the actions the caller may take. */
export function presentDossier(
  actor: Actor,
  d: DossierRow,
  details: { estateName: string; unitCode: string | null; responsibleName: string | null; events: { seq: number; at: Date; actorId: string | null; actorName: string | null; action: string; after: unknown; note: string | null }[] },
  now: Date,
) {
  return {
    ...presentDossierSummary(d, details, now),
    measures: d.measures,
    measuresAt: iso(d.measuresAt),
    firstVisit: d.firstVisitAt ? { at: d.firstVisitAt.toISOString(), by: d.firstVisitBy, how: d.firstVisitHow, said: d.firstVisitSaid } : null,
    resolvedAt: iso(d.resolvedAt),
    resolution: d.resolution,
    secondVisit: d.secondVisitAt ? { at: d.secondVisitAt.toISOString(), by: d.secondVisitBy, said: d.secondVisitSaid, satisfaction: d.satisfaction } : null,
    events: details.events.map((e) => ({ seq: e.seq, at: e.at.toISOString(), actorId: e.actorId, actorName: e.actorName, action: e.action, after: e.after, note: e.note })),
    actions: dossierActions(actor, d),
  };
}
