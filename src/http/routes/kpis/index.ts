import { KpiQuery, KpiTrendQuery } from '../../../contracts/kpis.js';
import { kpiComparison, kpiDashboard, kpiTrend } from '../../../services/reports/kpis.js';
import { requireActor } from '../../plugins/auth.js';
import type { RouteModule } from '../../types.js';

const tags = ['kpis'];

/** The KPI catalogue (docs/kpis.md): an estate's or several estates' figures, their trend, and the group's comparison. */
export const kpiRoutes: RouteModule = (app, ctx) => {
  app.get('/api/kpis', { schema: { tags, querystring: KpiQuery } }, async (req) =>
    kpiDashboard(ctx, requireActor(req), { estateIds: req.query.estateId, period: req.query.period }),
  );
  app.get('/api/kpis/trend', { schema: { tags, querystring: KpiTrendQuery } }, async (req) =>
    kpiTrend(ctx, requireActor(req), { estateIds: req.query.estateId, last: req.query.last, months: req.query.months }),
  );
  app.get('/api/kpis/comparison', { schema: { tags, querystring: KpiQuery } }, async (req) =>
    kpiComparison(ctx, requireActor(req), { estateIds: req.query.estateId, period: req.query.period }),
  );
};
