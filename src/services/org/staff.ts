import { and, eq, inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { Queryable } from '../../db/client.js';
import { departments, staffRoles, users, workOrders } from '../../db/schema/index.js';
import { type Role, STAFF_ROLES } from '../../domain/roles.js';
import { ACTIVE_ORDER_STATUSES } from '../../domain/work-order-lifecycle.js';
import { AppError, invalid, notFound } from '../../errors.js';
import type { Actor } from '../../policies/actor.js';
import { publishAuth } from '../../jobs/live-hub.js';
import { hashPassword } from '../auth/password.js';
import { requireOrgAdmin, requireOrgReader } from './guard.js';
import { asActor } from '../../db/repos/admin-events.js';

/**
 * Staff of an estate with their roles and, for technicians, their open-order load: the
 * dispatcher picks the least busy technician of the department.
 */
export async function listStaff(db: Queryable, actor: Actor, estateId: string, q: { role?: Role; departmentId?: string }) {
  requireOrgReader(actor, estateId);
  const rows = await db
    .select({ userId: users.id, username: users.username, displayName: users.displayName, phone: users.phone, active: users.active, role: staffRoles.role, departmentId: staffRoles.departmentId })
    .from(staffRoles)
    .innerJoin(users, eq(users.id, staffRoles.userId))
    .where(and(eq(staffRoles.estateId, estateId), q.role ? eq(staffRoles.role, q.role) : undefined, q.departmentId ? eq(staffRoles.departmentId, q.departmentId) : undefined));
  const ids = [...new Set(rows.map((r) => r.userId))];
  const loads = ids.length
    ? await db
        .select({ technicianId: workOrders.technicianId, n: sql<number>`count(*)::int` })
        .from(workOrders)
        .where(and(eq(workOrders.estateId, estateId), inArray(workOrders.technicianId, ids), inArray(workOrders.status, [...ACTIVE_ORDER_STATUSES])))
        .groupBy(workOrders.technicianId)
    : [];
  const load = new Map(loads.map((l) => [l.technicianId, l.n]));
  const byUser = new Map<string, { id: string; username: string; displayName: string; phone: string | null; active: boolean; roles: string[]; departmentIds: string[]; openOrders: number }>();
  for (const r of rows) {
    const u = byUser.get(r.userId) ?? { id: r.userId, username: r.username, displayName: r.displayName, phone: r.phone, active: r.active, roles: [], departmentIds: [], openOrders: load.get(r.userId) ?? 0 };
    u.roles.push(r.role);
    if (r.departmentId && !u.departmentIds.includes(r.departmentId)) u.departmentIds.push(r.departmentId);
    byUser.set(r.userId, u);
  }
  return { items: [...byUser.values()].sort((a, b) => a.openOrders - b.openOrders || a.displayName.localeCompare(b.displayName, 'zh')) };
}

export interface StaffInput {
  username: string;
  displayName: string;
  password: string;
  phone?: string | null;
  roles: Exclude<Role, 'resident'>[];
  departmentId?: string | null;
}

/** Creates a staff login with roles in this estate. @throws 409 when the username is taken */
export async function createStaff(ctx: AppContext, actor: Actor, estateId: string, input: StaffInput) {
  requireOrgAdmin(actor, estateId);
  const db = ctx.database.db;
  if (input.roles.some((r) => !STAFF_ROLES.includes(r))) throw invalid('roles', '角色不正确');
  if (input.departmentId) {
    const [d] = await db.select().from(departments).where(and(eq(departments.estateId, estateId), eq(departments.id, input.departmentId)));
    if (!d) throw invalid('departmentId', '部门不存在');
  }
  const hash = await hashPassword(input.password);
  return asActor(db, actor.userId, async (tx) => {
    const [dup] = await tx.select().from(users).where(eq(users.username, input.username));
    if (dup) throw new AppError(409, 'duplicate', '用户名已存在', { fields: [{ field: 'username', message: '用户名已存在' }] });
    const [u] = await tx.insert(users).values({ username: input.username, displayName: input.displayName, phone: input.phone ?? null, passwordHash: hash }).returning();
    await tx.insert(staffRoles).values(input.roles.map((role) => ({ estateId, userId: u!.id, role, departmentId: input.departmentId ?? null })));
    return { id: u!.id, username: u!.username, displayName: u!.displayName, roles: input.roles, departmentIds: input.departmentId ? [input.departmentId] : [], active: true, openOrders: 0, phone: u!.phone };
  });
}

/**
 * Deactivates a staff login (records stay; the person can no longer sign in). Sessions already
 * open stop working on the next request: every node's session cache is told to forget the user.
 */
export async function deactivateStaff(ctx: AppContext, actor: Actor, estateId: string, userId: string) {
  requireOrgAdmin(actor, estateId);
  const [role] = await ctx.database.db.select().from(staffRoles).where(and(eq(staffRoles.estateId, estateId), eq(staffRoles.userId, userId)));
  if (!role) throw notFound('员工');
  await asActor(ctx.database.db, actor.userId, async (tx) => {
    await tx.update(users).set({ active: false }).where(eq(users.id, userId));
    await publishAuth(tx, { userId });
  });
  ctx.sessionCache?.forgetUser(userId);
  return { id: userId, active: false };
}

/**
 * Replaces a staff member's roles (and department) in this estate; their roles in other estates
 * are untouched. Open sessions pick the new roles up on the next request: every node's session
 * cache is told to forget the user, as on deactivation.
 * @throws 404 when the user is not staff of the estate, 400 naming `roles` or `departmentId`
 */
export async function setStaffRoles(ctx: AppContext, actor: Actor, estateId: string, userId: string, input: { roles: Exclude<Role, 'resident'>[]; departmentId?: string | null }) {
  requireOrgAdmin(actor, estateId);
  const db = ctx.database.db;
  const roles = [...new Set(input.roles)];
  if (roles.length === 0) throw invalid('roles', '请至少选择一个角色');
  if (roles.some((r) => !STAFF_ROLES.includes(r))) throw invalid('roles', '角色不正确');
  if (userId === actor.userId) throw invalid('roles', '不能修改自己的角色，请由其他管理员操作');
  if (input.departmentId) {
    const [d] = await db.select().from(departments).where(and(eq(departments.estateId, estateId), eq(departments.id, input.departmentId)));
    if (!d) throw invalid('departmentId', '部门不存在');
  }
  const result = await asActor(db, actor.userId, async (tx) => {
    const current = await tx.select().from(staffRoles).where(and(eq(staffRoles.estateId, estateId), eq(staffRoles.userId, userId))).for('update');
    if (current.length === 0) throw notFound('员工');
    // Without a department in the body the one already held stays.
    const departmentId = input.departmentId === undefined ? (current.find((r) => r.departmentId)?.departmentId ?? null) : input.departmentId;
    await tx.delete(staffRoles).where(and(eq(staffRoles.estateId, estateId), eq(staffRoles.userId, userId)));
    await tx.insert(staffRoles).values(roles.map((role) => ({ estateId, userId, role, departmentId })));
    await publishAuth(tx, { userId });
    return { departmentId };
  });
  ctx.sessionCache?.forgetUser(userId);
  const { items } = await listStaff(db, actor, estateId, {});
  return items.find((s) => s.id === userId) ?? { id: userId, roles, departmentIds: result.departmentId ? [result.departmentId] : [] };
}
