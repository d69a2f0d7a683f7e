import { EstateIdParams } from '../../../contracts/org.js';
import { CalendarOverridesBody, ExplainQuery, RulesOverridesBody, SlaOverridesBody } from '../../../contracts/settings.js';
import {
  explainSla,
  getCalendarSettings,
  getRulesSettings,
  getSlaSettings,
  putCalendarSettings,
  putRulesSettings,
  putSlaSettings,
} from '../../../services/org/settings.js';
import { requireActor } from '../../plugins/auth.js';
import type { RouteModule } from '../../types.js';

const tags = ['settings'];

/**
 * An estate's settings, typed and validated: SLA clocks, other rule numbers, working calendar;
 * each GET answers { defaults, overrides, effective }, each PUT replaces that group's overrides.
 */
export const settingsRoutes: RouteModule = (app, ctx) => {
  const db = () => ctx.database.db;
  app.get('/api/estates/:estateId/settings/sla', { schema: { tags, params: EstateIdParams } }, async (req) => getSlaSettings(db(), requireActor(req), req.params.estateId));
  app.put('/api/estates/:estateId/settings/sla', { schema: { tags, params: EstateIdParams, body: SlaOverridesBody } }, async (req) =>
    putSlaSettings(ctx, requireActor(req), req.params.estateId, req.body),
  );
  app.get('/api/estates/:estateId/settings/sla/explain', { schema: { tags, params: EstateIdParams, querystring: ExplainQuery } }, async (req) =>
    explainSla(ctx, requireActor(req), req.params.estateId, req.query),
  );
  app.get('/api/estates/:estateId/settings/rules', { schema: { tags, params: EstateIdParams } }, async (req) => getRulesSettings(db(), requireActor(req), req.params.estateId));
  app.put('/api/estates/:estateId/settings/rules', { schema: { tags, params: EstateIdParams, body: RulesOverridesBody } }, async (req) =>
    putRulesSettings(ctx, requireActor(req), req.params.estateId, req.body),
  );
  app.get('/api/estates/:estateId/settings/calendar', { schema: { tags, params: EstateIdParams } }, async (req) =>
    getCalendarSettings(db(), requireActor(req), req.params.estateId),
  );
  app.put('/api/estates/:estateId/settings/calendar', { schema: { tags, params: EstateIdParams, body: CalendarOverridesBody } }, async (req) =>
    putCalendarSettings(ctx, requireActor(req), req.params.estateId, req.body),
  );
};
