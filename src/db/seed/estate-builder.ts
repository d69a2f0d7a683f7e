import type { Role } from '../../domain/roles.js';
import { hashPassword } from '../../services/auth/password.js';
import type { Queryable } from '../client.js';
import { buildings, categories, departments, estates, priceItems, residents, staffRoles, units, users } from '../schema/index.js';
import { DEFAULT_CATEGORIES, DEFAULT_PRICE_ITEMS } from './catalog-defaults.js';

export interface EstateSpec {
  code: string;
  name: string;
  casePrefix: string;
  households?: number;
  buildings: { code: string; name: string; units: { code: string; entrance?: string; floor?: number; room: string }[] }[];
  departments: { code: string; name: string }[];
  residents: { unit: string; name: string; relation: 'owner' | 'tenant' | 'family'; phones: string[]; login?: string }[];
  staff: { username: string; displayName: string; roles: Role[]; groupRoles?: Role[]; department?: string; phone?: string }[];
  /** Seed the default categories and price list (demo and benchmark estates). */
  catalog?: boolean;
}

export interface BuiltEstate {
  id: string;
  code: string;
  unitIds: Record<string, string>;
  departmentIds: Record<string, string>;
  userIds: Record<string, string>;
  residentIds: Record<string, string>;
}

/**
 * Creates a whole estate with its organisation in one go (demo seed, tests, benchmark seed).
 * Passwords are set to `password`; residents with `login` get an account of that name.
 */
export async function buildEstate(db: Queryable, spec: EstateSpec, password: string): Promise<BuiltEstate> {
  const hash = await hashPassword(password);
  const [estate] = await db
    .insert(estates)
    .values({ code: spec.code, name: spec.name, casePrefix: spec.casePrefix, households: spec.households ?? 0 })
    .returning();
  const estateId = estate!.id;
  const unitIds: Record<string, string> = {};
  for (const b of spec.buildings) {
    const [row] = await db.insert(buildings).values({ estateId, code: b.code, name: b.name }).returning();
    if (b.units.length === 0) continue;
    const inserted = await db
      .insert(units)
      .values(b.units.map((u) => ({ estateId, buildingId: row!.id, code: u.code, entrance: u.entrance, floor: u.floor, room: u.room })))
      .returning({ id: units.id, code: units.code });
    for (const u of inserted) unitIds[u.code] = u.id;
  }
  const departmentIds: Record<string, string> = {};
  if (spec.departments.length > 0) {
    const rows = await db.insert(departments).values(spec.departments.map((d) => ({ estateId, ...d }))).returning();
    for (const d of rows) departmentIds[d.code] = d.id;
  }
  const userIds: Record<string, string> = {};
  for (const s of spec.staff) {
    const [u] = await db
      .insert(users)
      .values({ username: s.username, displayName: s.displayName, phone: s.phone, passwordHash: hash, groupRoles: s.groupRoles ?? [] })
      .returning();
    userIds[s.username] = u!.id;
    const departmentId = s.department ? departmentIds[s.department] : undefined;
    if (s.roles.length > 0) await db.insert(staffRoles).values(s.roles.map((role) => ({ estateId, userId: u!.id, role, departmentId })));
  }
  if (spec.catalog) {
    await db.insert(categories).values(DEFAULT_CATEGORIES.map((c) => ({ estateId, ...c })));
    await db.insert(priceItems).values(DEFAULT_PRICE_ITEMS.map((p) => ({ estateId, ...p })));
  }
  const residentIds: Record<string, string> = {};
  for (const r of spec.residents) {
    const unitId = unitIds[r.unit];
    if (!unitId) throw new Error(`resident ${r.name}: unknown unit ${r.unit}`);
    let userId: string | undefined;
    if (r.login) {
      const [u] = await db
        .insert(users)
        .values({ username: r.login, displayName: r.name, phone: r.phones[0], passwordHash: hash })
        .returning();
      userId = u!.id;
      userIds[r.login] = userId;
    }
    const [row] = await db
      .insert(residents)
      .values({ estateId, unitId, name: r.name, relation: r.relation, phones: r.phones, userId })
      .returning();
    residentIds[r.login ?? r.name] = row!.id;
  }
  return { id: estateId, code: spec.code, unitIds, departmentIds, userIds, residentIds };
}
