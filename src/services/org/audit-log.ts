import type { Queryable } from '../../db/client.js';
import { type AdminEventQuery, listAdminEvents } from '../../db/repos/admin-events.js';
import { maskRowPhones } from '../../domain/personal-data.js';
import { forbidden, notFound } from '../../errors.js';
import type { Actor } from '../../policies/actor.js';
import { canReadOrg, canReadSetupHistory } from '../../policies/org.js';

/**
 * `GET /api/estates/:id/audit`: the estate's set-up changes (estate and settings, buildings,
 * units, residents, departments, staff roles, categories, price list), newest first, each with
 * who, when and the row before and after (R-AR-1).
 * @throws 404 outside the caller's estates, 403 for roles that do not audit the set-up
 */
export async function listAuditLog(db: Queryable, actor: Actor, estateId: string, q: AdminEventQuery) {
  if (!canReadOrg(actor, estateId)) throw notFound('项目');
  if (!canReadSetupHistory(actor, estateId)) throw forbidden('须由系统管理员、项目经理或品质管理部查看');
  const rows = await listAdminEvents(db, estateId, q);
  const page = rows.slice(0, q.limit).map((r) => ({ ...r, before: maskRowPhones(r.before), after: maskRowPhones(r.after) }));
  return {
    items: page,
    nextBefore: rows.length > q.limit ? page[page.length - 1]!.id : null,
  };
}
