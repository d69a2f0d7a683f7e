import { sql } from 'drizzle-orm';
import type { RouteModule } from '../../types.js';

export const systemRoutes: RouteModule = (app, ctx) => {
  app.get('/api/health', { schema: { tags: ['system'] } }, async () => {
    await ctx.database.db.execute(sql`select 1`);
    return { ok: true, engine: ctx.database.engine, time: ctx.clock.now().toISOString() };
  });
};
