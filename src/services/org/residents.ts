import { maskPhone } from '../../domain/personal-data.js';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { Queryable } from '../../db/client.js';
import { residents, units } from '../../db/schema/index.js';
import { PHONE_PATTERN, type Relation } from '../../domain/unit-code.js';
import { invalid, notFound } from '../../errors.js';
import type { Actor } from '../../policies/actor.js';
import { requireOrgAdmin, requireOrgReader } from './guard.js';
import { asActor } from '../../db/repos/admin-events.js';

const presentResident = (r: typeof residents.$inferSelect, unitCode?: string) => ({
  id: r.id,
  estateId: r.estateId,
  unitId: r.unitId,
  unitCode: unitCode ?? null,
  name: r.name,
  relation: r.relation,
  phones: r.phones.map((p) => maskPhone(p)),
});

export async function createResident(ctx: AppContext, actor: Actor, estateId: string, input: { unitId: string; name: string; relation: Relation; phones: string[] }) {
  requireOrgAdmin(actor, estateId);
  const bad = input.phones.findIndex((p) => !PHONE_PATTERN.test(p));
  if (bad >= 0) throw invalid(`phones.${bad}`, '电话号码格式不正确（手机 11 位，或带区号的座机）');
  const [u] = await ctx.database.db.select().from(units).where(and(eq(units.estateId, estateId), eq(units.id, input.unitId)));
  if (!u) throw invalid('unitId', '房号不存在');
  const [r] = await asActor(ctx.database.db, actor.userId, (tx) => tx.insert(residents).values({ estateId, ...input }).returning());
  return presentResident(r!, u.code);
}

export async function listResidents(db: Queryable, actor: Actor, estateId: string, q: { unitId?: string; limit: number; offset: number }) {
  requireOrgReader(actor, estateId);
  const rows = await db
    .select({ r: residents, code: units.code })
    .from(residents)
    .innerJoin(units, and(eq(units.estateId, residents.estateId), eq(units.id, residents.unitId)))
    .where(and(eq(residents.estateId, estateId), q.unitId ? eq(residents.unitId, q.unitId) : undefined))
    .orderBy(asc(units.code), asc(residents.name))
    .limit(q.limit)
    .offset(q.offset);
  return { items: rows.map((x) => presentResident(x.r, x.code)) };
}

/** Receptionist on the phone: residents whose number contains the digits typed (≥ 4). */
export async function lookupResidentsByPhone(db: Queryable, actor: Actor, estateId: string, digits: string) {
  requireOrgReader(actor, estateId);
  const rows = await db
    .select({ r: residents, code: units.code })
    .from(residents)
    .innerJoin(units, and(eq(units.estateId, residents.estateId), eq(units.id, residents.unitId)))
    .where(and(eq(residents.estateId, estateId), sql`array_to_string(${residents.phones}, ',') like ${`%${digits}%`}`))
    .orderBy(asc(units.code))
    .limit(20);
  return { items: rows.map((x) => presentResident(x.r, x.code)) };
}

/**
 * Corrects a resident's name, relation or phone numbers (a new phone, a tenant who became owner).
 * @throws 404 outside the caller's estates, 403 for non-admins, 400 naming a bad phone
 */
export async function updateResident(ctx: AppContext, actor: Actor, residentId: string, patch: { name?: string; relation?: Relation; phones?: string[] }) {
  const db = ctx.database.db;
  const [r] = await db.select().from(residents).where(eq(residents.id, residentId));
  if (!r) throw notFound('业户');
  requireOrgAdmin(actor, r.estateId);
  const bad = (patch.phones ?? []).findIndex((p) => !PHONE_PATTERN.test(p));
  if (bad >= 0) throw invalid(`phones.${bad}`, '电话号码格式不正确（手机 11 位，或带区号的座机）');
  const [row] = await asActor(db, actor.userId, (tx) => tx.update(residents).set(patch).where(and(eq(residents.estateId, r.estateId), eq(residents.id, r.id))).returning());
  const [u] = await db.select({ code: units.code }).from(units).where(and(eq(units.estateId, r.estateId), eq(units.id, r.unitId)));
  return presentResident(row!, u?.code);
}
