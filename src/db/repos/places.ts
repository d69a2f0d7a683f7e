import { and, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../client.js';
import { estates, units } from '../schema/index.js';

/** The unit by its code in an estate (the officer types 2-1-502), or undefined. */
export async function unitByCode(db: Queryable, estateId: string, code: string) {
  const [u] = await db.select({ id: units.id }).from(units).where(and(eq(units.estateId, estateId), eq(units.code, code)));
  return u;
}

export async function estateName(db: Queryable, estateId: string): Promise<string | undefined> {
  const [e] = await db.select({ name: estates.name }).from(estates).where(eq(estates.id, estateId));
  return e?.name;
}

/** The codes (2-1-502) of an estate's units by id, for lists and printed forms that name the place. */
export async function unitCodes(db: Queryable, estateId: string, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: units.id, code: units.code }).from(units).where(and(eq(units.estateId, estateId), inArray(units.id, [...new Set(ids)])));
  return new Map(rows.map((r) => [r.id, r.code]));
}
