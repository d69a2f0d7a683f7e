import { and, asc, eq } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { Queryable } from '../../db/client.js';
import { categories, priceItems } from '../../db/schema/index.js';
import { AppError, notFound } from '../../errors.js';
import type { Actor } from '../../policies/actor.js';
import { requireOrgAdmin, requireOrgReader } from './guard.js';
import { asActor } from '../../db/repos/admin-events.js';

const duplicate = () => new AppError(409, 'duplicate', '编码已存在', { fields: [{ field: 'code', message: '编码已存在' }] });

const presentCategory = (c: typeof categories.$inferSelect) => ({ id: c.id, code: c.code, name: c.name, kinds: c.kinds, specialty: c.specialty, active: c.active });
const presentPrice = (p: typeof priceItems.$inferSelect) => ({ id: p.id, code: p.code, name: p.name, unit: p.unit, priceCents: p.priceCents, labourOnly: p.labourOnly, active: p.active });

export async function listCategories(db: Queryable, actor: Actor, estateId: string, includeInactive = false) {
  requireOrgReader(actor, estateId);
  const rows = await db.select().from(categories).where(and(eq(categories.estateId, estateId), includeInactive ? undefined : eq(categories.active, true))).orderBy(asc(categories.code));
  return { items: rows.map(presentCategory) };
}

export async function createCategory(ctx: AppContext, actor: Actor, estateId: string, input: { code: string; name: string; kinds: string[]; specialty: string }) {
  requireOrgAdmin(actor, estateId);
  const [row] = await asActor(ctx.database.db, actor.userId, (tx) => tx.insert(categories).values({ estateId, ...input }).onConflictDoNothing().returning());
  if (!row) throw duplicate();
  return presentCategory(row);
}

export async function listPriceItems(db: Queryable, actor: Actor, estateId: string, includeInactive = false) {
  requireOrgReader(actor, estateId);
  const rows = await db.select().from(priceItems).where(and(eq(priceItems.estateId, estateId), includeInactive ? undefined : eq(priceItems.active, true))).orderBy(asc(priceItems.code));
  return { items: rows.map(presentPrice) };
}

export async function createPriceItem(ctx: AppContext, actor: Actor, estateId: string, input: { code: string; name: string; unit: string; priceCents: number; labourOnly?: boolean }) {
  requireOrgAdmin(actor, estateId);
  const [row] = await asActor(ctx.database.db, actor.userId, (tx) => tx.insert(priceItems).values({ estateId, ...input }).onConflictDoNothing().returning());
  if (!row) throw duplicate();
  return presentPrice(row);
}

/** Changes a category's name, kinds or specialty (the code stays: history refers to it). */
export async function updateCategory(ctx: AppContext, actor: Actor, estateId: string, id: string, input: { name?: string; kinds?: string[]; specialty?: string }) {
  requireOrgAdmin(actor, estateId);
  if (Object.keys(input).length === 0) return getEntry(ctx, estateId, 'categories', id);
  const [row] = await asActor(ctx.database.db, actor.userId, (tx) => tx.update(categories).set(input).where(and(eq(categories.estateId, estateId), eq(categories.id, id))).returning());
  if (!row) throw notFound('分类');
  return presentCategory(row);
}

/** Changes a price item's name, unit or price; quotes already given keep their amount. */
export async function updatePriceItem(ctx: AppContext, actor: Actor, estateId: string, id: string, input: { name?: string; unit?: string; priceCents?: number; labourOnly?: boolean }) {
  requireOrgAdmin(actor, estateId);
  if (Object.keys(input).length === 0) return getEntry(ctx, estateId, 'price-items', id);
  const [row] = await asActor(ctx.database.db, actor.userId, (tx) => tx.update(priceItems).set(input).where(and(eq(priceItems.estateId, estateId), eq(priceItems.id, id))).returning());
  if (!row) throw notFound('收费项目');
  return presentPrice(row);
}

async function getEntry(ctx: AppContext, estateId: string, table: 'categories' | 'price-items', id: string) {
  if (table === 'categories') {
    const [row] = await ctx.database.db.select().from(categories).where(and(eq(categories.estateId, estateId), eq(categories.id, id)));
    if (!row) throw notFound('分类');
    return presentCategory(row);
  }
  const [row] = await ctx.database.db.select().from(priceItems).where(and(eq(priceItems.estateId, estateId), eq(priceItems.id, id)));
  if (!row) throw notFound('收费项目');
  return presentPrice(row);
}

/** Retires a category or price item: kept for history, no longer offered. */
export async function retireCatalogEntry(ctx: AppContext, actor: Actor, estateId: string, table: 'categories' | 'price-items', id: string) {
  requireOrgAdmin(actor, estateId);
  const t = table === 'categories' ? categories : priceItems;
  const rows = await asActor(ctx.database.db, actor.userId, (tx) => tx.update(t).set({ active: false }).where(and(eq(t.estateId, estateId), eq(t.id, id))).returning({ id: t.id }));
  if (rows.length === 0) throw notFound();
  return { id, active: false };
}
