import { AuditQuery } from '../../../contracts/audit.js';
import { EstateIdParams } from '../../../contracts/org.js';
import { listAuditLog } from '../../../services/org/audit-log.js';
import { requireActor } from '../../plugins/auth.js';
import type { RouteModule } from '../../types.js';

const tags = ['audit'];

/** An estate's set-up history (操作日志): who changed which record, when, before and after. */
export const auditRoutes: RouteModule = (app, ctx) => {
  app.get('/api/estates/:estateId/audit', { schema: { tags, params: EstateIdParams, querystring: AuditQuery } }, async (req) => {
    const q = req.query;
    return listAuditLog(ctx.database.db, requireActor(req), req.params.estateId, {
      subject: q.subject,
      from: q.from ? new Date(q.from) : undefined,
      to: q.to ? new Date(q.to) : undefined,
      before: q.before,
      limit: q.limit,
    });
  });
};
