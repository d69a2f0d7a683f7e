import type { AppContext } from '../../context.js';
import { type HotRegistryQuery, type QualityQuery, type QualityScope, findQualityComplaint, hotMajorRegistry, listQualityComplaints, qualityComplaintDetails } from '../../db/repos/quality.js';
import { onlineComplaints } from '../../db/repos/public-replies.js';
import { notFound } from '../../errors.js';
import { type Actor, hasAnyRole } from '../../policies/actor.js';
import { allowed } from '../../policies/policy.js';
import { QUALITY_LIST_READERS, qualityPolicy } from '../../policies/quality.js';
import { presentOnlineComplaint } from '../../presenters/public-replies.js';
import { presentHotEntry, presentQualityComplaint, presentQualitySummary } from '../../presenters/quality.js';

/** Quality lists every estate; an estate's supervisor or head lists their own. */
function scopeOf(actor: Actor): QualityScope {
  if (actor.groupRoles.includes('quality_officer')) return { allEstates: true };
  return { allEstates: false, estates: [...actor.estateRoles.keys()].filter((e) => hasAnyRole(actor, e, QUALITY_LIST_READERS)) };
}

/** The quality desk's list, filtered in the query before the page is cut. */
export async function listQualityDesk(ctx: AppContext, actor: Actor, q: Omit<QualityQuery, 'now'>) {
  const now = ctx.clock.now();
  const { rows, total } = await listQualityComplaints(ctx.database.db, scopeOf(actor), { ...q, now });
  return { total, items: rows.map((r) => presentQualitySummary(r.c, { estateName: r.estateName, unitCode: r.unitCode, caseNumber: r.caseNumber }, now)) };
}

/** One complaint with its history. @throws 404 for everyone the policy does not let read it */
export async function getQualityComplaint(ctx: AppContext, actor: Actor, id: string) {
  const c = await findQualityComplaint(ctx.database.db, id);
  if (!c || !allowed(qualityPolicy, actor, 'read', c)) throw notFound('品质投诉');
  return presentQualityComplaint(actor, c, await qualityComplaintDetails(ctx.database.db, c), ctx.clock.now());
}

/** R-HOT-1/2: the registry of every hot and major complaint in the caller's scope, with its report status. */
export async function hotRegistry(ctx: AppContext, actor: Actor, q: HotRegistryQuery) {
  const { rows, total } = await hotMajorRegistry(ctx.database.db, scopeOf(actor), q);
  return { total, items: rows.map(presentHotEntry) };
}

/** R-CP-2: the online complaints in the caller's scope with their acknowledgement and measure clocks and replies awaiting approval. */
export async function onlineDesk(ctx: AppContext, actor: Actor, q: { estateId?: string; open?: boolean; awaitingApproval?: boolean; limit: number; offset: number }) {
  const { rows, total } = await onlineComplaints(ctx.database.db, scopeOf(actor), q);
  return { total, items: rows.map(presentOnlineComplaint) };
}
