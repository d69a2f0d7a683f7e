import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/client.js';
import { type DossierRow, appendHotlineEvent, dossierDetails, findDossier, holdsRoleIn, updateDossier } from '../../db/repos/hotline.js';
import { type DossierStatus, dossierStepRefusal } from '../../domain/hotline.js';
import { invalid, notFound, staleVersion } from '../../errors.js';
import type { Actor } from '../../policies/actor.js';
import { type HotlineAction, RESPONSIBLE_ROLES, hotlinePolicy } from '../../policies/hotline.js';
import { allowed, authorize } from '../../policies/policy.js';
import { presentDossier } from '../../presenters/hotline.js';

interface StepContext {
  tx: Tx;
  actor: Actor;
  row: DossierRow;
  now: Date;
}

/**
 * One step on a hotline dossier as one transaction: load and lock it (404 for those who may not
 * read it, R-AR-2), the policy (403), If-Match (412), the domain's rule for the state (409), the
 * step and its event, then the dossier as it now stands.
 */
async function runDossierStep(
  ctx: AppContext,
  actor: Actor,
  id: string,
  action: Exclude<HotlineAction, 'read'>,
  ifMatch: number | undefined,
  step: (s: StepContext) => Promise<{ patch: Partial<DossierRow>; after: unknown; note?: string | null }>,
) {
  const now = ctx.clock.now();
  return ctx.database.db.transaction(async (tx) => {
    const row = await findDossier(tx, id, { lock: true });
    if (!row || !allowed(hotlinePolicy, actor, 'read', row)) throw notFound('热线档案');
    authorize(hotlinePolicy, actor, action, row, true);
    if (ifMatch !== undefined && ifMatch !== row.version) throw staleVersion(row.version);
    const refusal = dossierStepRefusal(action, { status: row.status as DossierStatus, firstVisited: Boolean(row.firstVisitAt) });
    if (refusal) throw refusal;
    const { patch, after, note } = await step({ tx, actor, row, now });
    const next = await updateDossier(tx, row, patch);
    await appendHotlineEvent(tx, { estateId: row.estateId, dossierId: row.id, at: now, actorId: actor.userId, action: `dossier.${action}`, after, note });
    return presentDossier(actor, next, await dossierDetails(tx, next), now);
  });
}

type V = number | undefined;

/** R-GM-3: the estate head sets the measures and names the department head responsible. */
export const setDossierMeasures = (ctx: AppContext, actor: Actor, id: string, v: V, input: { measures: string; responsibleUserId: string }) =>
  runDossierStep(ctx, actor, id, 'set_measures', v, async ({ tx, row, now }) => {
    if (!(await holdsRoleIn(tx, row.estateId, input.responsibleUserId, RESPONSIBLE_ROLES))) {
      throw invalid('responsibleUserId', '责任人须为本项目的部门负责人（客服主管、工程部经理、调度或项目经理）');
    }
    return { patch: { status: 'in_hand', measures: input.measures, responsibleUserId: input.responsibleUserId, measuresAt: now }, after: { responsibleUserId: input.responsibleUserId, measures: input.measures } };
  });

/** R-GM-4: the department head's first return visit, with how it was made and what the resident said. */
export const recordFirstVisit = (ctx: AppContext, actor: Actor, id: string, v: V, input: { how: string; said: string; at?: string }) =>
  runDossierStep(ctx, actor, id, 'first_visit', v, async ({ row, now }) => {
    const at = input.at ? new Date(input.at) : now;
    if (at > now) throw invalid('at', '回访时间不能晚于现在');
    if (at < row.receivedAt) throw invalid('at', '回访时间不能早于档案登记时间');
    return { patch: { firstVisitAt: at, firstVisitBy: actor.userId, firstVisitHow: input.how, firstVisitSaid: input.said }, after: { at: at.toISOString(), how: input.how, late: at > row.firstVisitDueAt }, note: input.said };
  });

export const resolveDossier = (ctx: AppContext, actor: Actor, id: string, v: V, input: { resolution: string }) =>
  runDossierStep(ctx, actor, id, 'resolve', v, async ({ now }) => ({ patch: { status: 'resolved', resolvedAt: now, resolution: input.resolution }, after: { resolution: input.resolution } }));

/** R-GM-5: the officer's daily follow-up — a note on the progress, or a stage visit to the resident. */
export const followUpDossier = (ctx: AppContext, actor: Actor, id: string, v: V, input: { kind: 'follow_up' | 'stage_visit'; note: string }) =>
  runDossierStep(ctx, actor, id, 'follow_up', v, async () => ({ patch: {}, after: { kind: input.kind }, note: input.note }));

/** R-GM-4/5: the estate head's second visit after resolution (or the hotline's closing visit) closes the dossier. */
export const recordSecondVisit = (ctx: AppContext, actor: Actor, id: string, v: V, input: { said: string; satisfaction: number }) =>
  runDossierStep(ctx, actor, id, 'second_visit', v, async ({ actor: a, now }) => ({
    patch: { status: 'closed', secondVisitAt: now, secondVisitBy: a.userId, secondVisitSaid: input.said, satisfaction: input.satisfaction },
    after: { satisfaction: input.satisfaction },
    note: input.said,
  }));
