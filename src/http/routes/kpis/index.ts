import { KpiBreakdownQuery, KpiQuery, KpiTrendQuery } from '../../../contracts/kpis.js';
import { XLSX_TYPE, attachment } from '../../../presenters/xlsx.js';
import { kpiBreakdown, kpiComparison, kpiDashboard, kpiTrend } from '../../../services/reports/kpis.js';
import { kpiComparisonXlsx } from '../../../services/reports/kpis-xlsx.js';
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
  app.get('/api/kpis/breakdown', { schema: { tags, querystring: KpiBreakdownQuery } }, async (req) => kpiBreakdown(ctx, requireActor(req), req.query));
  app.get('/api/kpis/comparison', { schema: { tags, querystring: KpiQuery } }, async (req) =>
    kpiComparison(ctx, requireActor(req), { estateIds: req.query.estateId, period: req.query.period }),
  );
  app.get('/api/kpis/comparison.xlsx', { schema: { tags, querystring: KpiQuery } }, async (req, reply) => {
    const x = await kpiComparisonXlsx(ctx, requireActor(req), { estateIds: req.query.estateId, period: req.query.period });
    return reply
      .header('content-type', XLSX_TYPE)
      .header('content-disposition', attachment(`kpi-comparison-${x.period}.xlsx`, `项目指标对比-${x.period}.xlsx`))
      .header('cache-control', 'no-store')
      .send(x.stream);
  });
};
