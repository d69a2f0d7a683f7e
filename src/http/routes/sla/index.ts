import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { IdParams } from '../../../contracts/cases.js';
import { estates } from '../../../db/schema/index.js';
import { proposeUrgency } from '../../../domain/emergency.js';
import { resolveSettings } from '../../../domain/settings.js';
import { notFound } from '../../../errors.js';
import { isStaffIn } from '../../../policies/actor.js';
import { decideFlagProposal, listFlagProposals } from '../../../services/sla/hot-detection.js';
import { requireActor } from '../../plugins/auth.js';
import type { RouteModule } from '../../types.js';

const TriageBody = z.strictObject({ estateId: z.uuid(), description: z.string().trim().min(1, '请填写内容').max(4000) });

/** Intake triage (R-EM-1) and the hot/major proposals queue (R-HOT-3). */
export const slaRoutes: RouteModule = (app, ctx) => {
  app.post('/api/triage', { schema: { tags: ['sla'], body: TriageBody } }, async (req) => {
    const actor = requireActor(req);
    if (!isStaffIn(actor, req.body.estateId)) throw notFound('项目');
    const [e] = await ctx.database.db.select({ settings: estates.settings }).from(estates).where(eq(estates.id, req.body.estateId));
    return proposeUrgency(req.body.description, resolveSettings(e?.settings).emergencyKeywords);
  });
  app.get(
    '/api/flag-proposals',
    { schema: { tags: ['sla'], querystring: z.strictObject({ estateId: z.uuid().optional(), state: z.enum(['pending', 'confirmed', 'dismissed']).default('pending') }) } },
    async (req) => listFlagProposals(ctx.database.db, requireActor(req), req.query),
  );
  app.post(
    '/api/flag-proposals/:id/decide',
    { schema: { tags: ['sla'], params: IdParams, body: z.strictObject({ decision: z.enum(['confirm', 'dismiss']), comment: z.string().trim().max(2000).optional() }) } },
    async (req) => decideFlagProposal(ctx, requireActor(req), req.params.id, req.body),
  );
};
