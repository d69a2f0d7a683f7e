import { maskPhone } from '../../domain/personal-data.js';
import { and, asc, eq, ilike, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { Queryable } from '../../db/client.js';
import { buildings, departments, residents, units } from '../../db/schema/index.js';
import { parseUnitCode } from '../../domain/unit-code.js';
import { AppError, invalid, notFound } from '../../errors.js';
import { type Actor, isStaffIn } from '../../policies/actor.js';
import { requireOrgAdmin, requireOrgReader } from './guard.js';
import { asActor } from '../../db/repos/admin-events.js';

type UnitRow = typeof units.$inferSelect;
const duplicate = (field: string, what: string) => new AppError(409, 'duplicate', `${what}已存在`, { fields: [{ field, message: `${what}已存在` }] });

export const presentUnit = (u: UnitRow) => ({
  id: u.id,
  estateId: u.estateId,
  buildingId: u.buildingId,
  code: u.code,
  entrance: u.entrance,
  floor: u.floor,
  room: u.room,
  areaM2: u.areaM2,
  vacant: u.vacant,
});

export async function listBuildings(db: Queryable, actor: Actor, estateId: string) {
  requireOrgReader(actor, estateId);
  const rows = await db.select().from(buildings).where(eq(buildings.estateId, estateId)).orderBy(asc(buildings.code));
  return { items: rows.map((b) => ({ id: b.id, code: b.code, name: b.name })) };
}

export async function createBuilding(ctx: AppContext, actor: Actor, estateId: string, input: { code: string; name: string }) {
  requireOrgAdmin(actor, estateId);
  const [dup] = await ctx.database.db.select().from(buildings).where(and(eq(buildings.estateId, estateId), eq(buildings.code, input.code)));
  if (dup) throw duplicate('code', '楼栋编码');
  const [b] = await asActor(ctx.database.db, actor.userId, (tx) => tx.insert(buildings).values({ estateId, ...input }).returning());
  return { id: b!.id, code: b!.code, name: b!.name };
}

export interface UnitInput {
  code: string;
  areaM2?: number | null;
  vacant?: boolean;
}

/** Creates a unit from its code; the building must exist and the code must be new. */
export async function createUnit(ctx: AppContext, actor: Actor, estateId: string, input: UnitInput) {
  requireOrgAdmin(actor, estateId);
  const parts = parseUnitCode(input.code);
  if (!parts) throw invalid('code', '房号格式应为 楼栋-单元-房号，如 3-1-502');
  const db = ctx.database.db;
  const [b] = await db.select().from(buildings).where(and(eq(buildings.estateId, estateId), eq(buildings.code, parts.building)));
  if (!b) throw invalid('code', `楼栋 ${parts.building} 不存在，请先添加楼栋`);
  const [dup] = await db.select().from(units).where(and(eq(units.estateId, estateId), eq(units.code, input.code)));
  if (dup) throw duplicate('code', '房号');
  const [u] = await asActor(db, actor.userId, (tx) =>
    tx
      .insert(units)
      .values({ estateId, buildingId: b.id, code: input.code, entrance: parts.entrance, floor: parts.floor, room: parts.room, areaM2: input.areaM2 ?? null, vacant: input.vacant ?? false })
      .returning(),
  );
  return presentUnit(u!);
}

export async function listUnits(db: Queryable, actor: Actor, estateId: string, q: { buildingId?: string; q?: string; limit: number; offset: number }) {
  requireOrgReader(actor, estateId);
  const where = and(eq(units.estateId, estateId), q.buildingId ? eq(units.buildingId, q.buildingId) : undefined, q.q ? ilike(units.code, `${q.q}%`) : undefined);
  const [rows, [count]] = await Promise.all([
    db.select().from(units).where(where).orderBy(asc(units.code)).limit(q.limit).offset(q.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(units).where(where),
  ]);
  return { total: count?.n ?? 0, items: rows.map(presentUnit) };
}

/** A unit with its residents: staff of the estate, or a resident of that unit. */
export async function getUnit(db: Queryable, actor: Actor, unitId: string) {
  const [u] = await db.select().from(units).where(eq(units.id, unitId));
  const own = actor.residencies.some((r) => r.unitId === unitId);
  if (!u || !(isStaffIn(actor, u.estateId) || own)) throw notFound('房号');
  const people = await db.select().from(residents).where(and(eq(residents.estateId, u.estateId), eq(residents.unitId, u.id)));
  return {
    ...presentUnit(u),
    residents: people
      .filter((p) => !own || isStaffIn(actor, u.estateId) || actor.residencies.some((r) => r.residentId === p.id))
      // Residents see their own numbers; staff see them masked (the intake sends a masked one back and the server resolves it).
      .map((p) => ({ id: p.id, name: p.name, relation: p.relation, phones: actor.residencies.some((r) => r.residentId === p.id) ? p.phones : p.phones.map((x) => maskPhone(x)) })),
  };
}

export async function listDepartments(db: Queryable, actor: Actor, estateId: string) {
  requireOrgReader(actor, estateId);
  const rows = await db.select().from(departments).where(eq(departments.estateId, estateId)).orderBy(asc(departments.code));
  return { items: rows.map((d) => ({ id: d.id, code: d.code, name: d.name })) };
}

export async function createDepartment(ctx: AppContext, actor: Actor, estateId: string, input: { code: string; name: string }) {
  requireOrgAdmin(actor, estateId);
  const [dup] = await ctx.database.db.select().from(departments).where(and(eq(departments.estateId, estateId), eq(departments.code, input.code)));
  if (dup) throw duplicate('code', '部门编码');
  const [d] = await asActor(ctx.database.db, actor.userId, (tx) => tx.insert(departments).values({ estateId, ...input }).returning());
  return { id: d!.id, code: d!.code, name: d!.name };
}

/**
 * Corrects a unit's area or vacancy (vacant units need an on-site desk inspection, R-WO-7).
 * The code stays: cases and orders refer to it. @throws 404 outside the caller's estates, 403 for non-admins
 */
export async function updateUnit(ctx: AppContext, actor: Actor, unitId: string, patch: { areaM2?: number | null; vacant?: boolean }) {
  const db = ctx.database.db;
  const [u] = await db.select().from(units).where(eq(units.id, unitId));
  if (!u) throw notFound('房号');
  requireOrgAdmin(actor, u.estateId);
  const [row] = await asActor(db, actor.userId, (tx) => tx.update(units).set(patch).where(and(eq(units.estateId, u.estateId), eq(units.id, u.id))).returning());
  return presentUnit(row!);
}
