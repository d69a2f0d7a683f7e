import { and, desc, eq, isNull, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { notifications } from '../../../db/schema/index.js';
import { notFound } from '../../../errors.js';
import { requireActor } from '../../plugins/auth.js';
import type { RouteModule } from '../../types.js';
import { completeFollowUp } from '../../../services/follow-ups/complete-follow-up.js';
import { listFollowUps } from '../../../services/follow-ups/list-follow-ups.js';

const ListQuery = z.strictObject({
  unread: z.enum(['true', 'false']).optional(),
  before: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const FollowUpQuery = z.strictObject({
  estateId: z.uuid().optional(),
  state: z.enum(['open', 'done', 'cancelled']).default('open'),
  caseId: z.uuid('编号格式不正确').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});

const DoneBody = z.strictObject({ note: z.string().trim().min(1, '请填写跟进情况').max(2000) });

/** The in-app inbox and the follow-up queue (R-FU-1, R-FU-2). */
export const notificationRoutes: RouteModule = (app, ctx) => {
  const db = () => ctx.database.db;

  app.get('/api/notifications', { schema: { tags: ['notifications'], querystring: ListQuery } }, async (req) => {
    const actor = requireActor(req);
    const q = req.query;
    const rows = await db()
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.userId, actor.userId),
          q.unread === 'true' ? isNull(notifications.readAt) : undefined,
          q.before ? lt(notifications.createdAt, new Date(q.before)) : undefined,
        ),
      )
      .orderBy(desc(notifications.createdAt))
      .limit(q.limit);
    const [unread] = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(notifications)
      .where(and(eq(notifications.userId, actor.userId), isNull(notifications.readAt)));
    return {
      unread: unread?.n ?? 0,
      items: rows.map((n) => ({
        id: n.id,
        estateId: n.estateId,
        topic: n.topic,
        title: n.title,
        body: n.body,
        caseId: n.caseId,
        createdAt: n.createdAt.toISOString(),
        readAt: n.readAt?.toISOString() ?? null,
      })),
    };
  });

  app.post('/api/notifications/:id/read', { schema: { tags: ['notifications'], params: z.object({ id: z.uuid() }) } }, async (req) => {
    const actor = requireActor(req);
    const updated = await db()
      .update(notifications)
      .set({ readAt: ctx.clock.now() })
      .where(and(eq(notifications.id, req.params.id), eq(notifications.userId, actor.userId)))
      .returning({ id: notifications.id });
    if (updated.length === 0) throw notFound('通知');
    return { ok: true };
  });

  app.post('/api/notifications/read-all', { schema: { tags: ['notifications'] } }, async (req) => {
    const actor = requireActor(req);
    const updated = await db()
      .update(notifications)
      .set({ readAt: ctx.clock.now() })
      .where(and(eq(notifications.userId, actor.userId), isNull(notifications.readAt)))
      .returning({ id: notifications.id });
    return { read: updated.length };
  });

  app.get('/api/follow-ups', { schema: { tags: ['notifications'], querystring: FollowUpQuery } }, async (req) => listFollowUps(db(), requireActor(req), req.query));

  app.post(
    '/api/follow-ups/:id/done',
    { schema: { tags: ['notifications'], params: z.object({ id: z.uuid() }), body: DoneBody } },
    async (req) => completeFollowUp(ctx, requireActor(req), req.params.id, req.body.note),
  );
};
