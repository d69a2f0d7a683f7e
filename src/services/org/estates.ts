import { asc, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { Queryable } from '../../db/client.js';
import { estates } from '../../db/schema/index.js';
import { refusedWebhookUrl } from '../../domain/network-target.js';
import { resolveSettings } from '../../domain/settings.js';
import { AppError, forbidden, invalidFields, notFound } from '../../errors.js';
import { type Actor, visibleEstates } from '../../policies/actor.js';
import { isEstateAdmin, isGroupAdmin } from '../../policies/org.js';
import { canSeeEstate } from '../../policies/scope.js';
import { asActor } from '../../db/repos/admin-events.js';
import type { EstateSettings } from '../../contracts/settings.js';
import { type Stored, patchSettings } from './settings.js';

type EstateRow = typeof estates.$inferSelect;

export const presentEstate = (actor: Actor, e: EstateRow) => ({
  id: e.id,
  code: e.code,
  name: e.name,
  casePrefix: e.casePrefix,
  households: e.households,
  settings: isEstateAdmin(actor, e.id) ? e.settings : undefined,
  effectiveSettings: isEstateAdmin(actor, e.id) ? resolveSettings(e.settings) : undefined,
  actions: isEstateAdmin(actor, e.id) ? ['update'] : [],
});

export async function listEstates(db: Queryable, actor: Actor) {
  const ids = visibleEstates(actor);
  if (ids !== 'all' && ids.length === 0) return { items: [] };
  const rows = await db.select().from(estates).where(ids === 'all' ? undefined : inArray(estates.id, ids)).orderBy(asc(estates.code));
  return { items: rows.map((e) => presentEstate(actor, e)) };
}

export async function getEstate(db: Queryable, actor: Actor, id: string) {
  if (!canSeeEstate(actor, id)) throw notFound('项目');
  const [e] = await db.select().from(estates).where(eq(estates.id, id));
  if (!e) throw notFound('项目');
  return presentEstate(actor, e);
}

export interface EstateInput {
  code: string;
  name: string;
  casePrefix: string;
  households?: number;
  settings?: Record<string, unknown>;
}

/** Group admins create estates; codes and case prefixes are unique. @throws 409 on a duplicate code */
export async function createEstate(ctx: AppContext, actor: Actor, input: EstateInput) {
  if (!isGroupAdmin(actor)) throw forbidden('须由集团系统管理员创建项目');
  checkWebhookTargets(ctx, input.settings);
  const [dup] = await ctx.database.db.select().from(estates).where(eq(estates.code, input.code));
  if (dup) throw new AppError(409, 'duplicate', `项目编码 ${input.code} 已存在`, { fields: [{ field: 'code', message: '项目编码已存在' }] });
  const [e] = await asActor(ctx.database.db, actor.userId, (tx) =>
    tx
      .insert(estates)
      .values({ code: input.code, name: input.name, casePrefix: input.casePrefix, households: input.households ?? 0, settings: input.settings ?? {} })
      .returning(),
  );
  return presentEstate(actor, e!);
}

/** Webhook addresses that point into the server's own network are refused when saved (issue 13 item 9). */
function checkWebhookTargets(ctx: AppContext, settings: Record<string, unknown> | undefined): void {
  const hooks = (settings?.webhooks ?? []) as { url: string }[];
  const fields = hooks.flatMap((h, i) => {
    const why = refusedWebhookUrl(h.url, ctx.webhookAllow);
    return why ? [{ field: `settings.webhooks.${i}.url`, message: why }] : [];
  });
  if (fields.length > 0) throw invalidFields(fields);
}

export async function updateEstate(ctx: AppContext, actor: Actor, id: string, input: Partial<Omit<EstateInput, 'code'>>) {
  if (!canSeeEstate(actor, id)) throw notFound('项目');
  if (!isEstateAdmin(actor, id)) throw forbidden('须由系统管理员操作');
  checkWebhookTargets(ctx, input.settings);
  const [e] = await asActor(ctx.database.db, actor.userId, async (tx) => {
    const { settings, ...fields } = input;
    const [row] = await tx.select({ settings: estates.settings }).from(estates).where(eq(estates.id, id)).for('update');
    if (!row) return [];
    const stored = (row.settings ?? {}) as Stored;
    return tx
      .update(estates)
      .set({ ...fields, ...(settings ? { settings: patchSettings(stored, settings as EstateSettings) } : {}) })
      .where(eq(estates.id, id))
      .returning();
  });
  if (!e) throw notFound('项目');
  return presentEstate(actor, e);
}
