import { checkHealth } from '../../../services/system/check-health.js';
import type { RouteModule } from '../../types.js';

export const systemRoutes: RouteModule = (app, ctx) => {
  // 503 when this node cannot serve (database not answering, disk full), so a load balancer and
  // monitoring take it out rather than seeing 200 from a node that hangs on every request.
  app.get('/api/health', { schema: { tags: ['system'] } }, async (_req, reply) => {
    const health = await checkHealth(ctx);
    return reply.code(health.ok ? 200 : 503).send(health);
  });
};
