import type { AppContext } from '../../context.js';
import { dossierDetails, findDossier, listDossiers } from '../../db/repos/hotline.js';
import { notFound } from '../../errors.js';
import { type Actor, hasAnyRole } from '../../policies/actor.js';
import { hotlinePolicy } from '../../policies/hotline.js';
import { allowed } from '../../policies/policy.js';
import { presentDossier, presentDossierSummary } from '../../presenters/hotline.js';

/**
 * The hotline desk's list (R-GM-5): every estate for the hotline and the quality office, the
 * estate head's own estates, and the dossiers a department head answers for — filtered in the
 * query, before the page is cut (R-AR-2).
 */
export async function listHotlineDossiers(ctx: AppContext, actor: Actor, q: { estateId?: string; status?: string; open?: boolean; overdue?: boolean; limit: number; offset: number }) {
  const now = ctx.clock.now();
  const allEstates = actor.groupRoles.some((r) => r === 'hotline_officer' || r === 'quality_officer');
  const headedEstates = [...actor.estateRoles.keys()].filter((e) => hasAnyRole(actor, e, ['project_manager']));
  const { rows, total } = await listDossiers(ctx.database.db, { allEstates, headedEstates, userId: actor.userId }, { ...q, now });
  return { total, items: rows.map((r) => presentDossierSummary(r.d, { estateName: r.estateName, unitCode: r.unitCode, responsibleName: r.responsibleName }, now)) };
}

/** One dossier with its visits and history. @throws 404 for everyone R-AR-2 does not let read it */
export async function getHotlineDossier(ctx: AppContext, actor: Actor, id: string) {
  const d = await findDossier(ctx.database.db, id);
  if (!d || !allowed(hotlinePolicy, actor, 'read', d)) throw notFound('热线档案');
  return presentDossier(actor, d, await dossierDetails(ctx.database.db, d), ctx.clock.now());
}
