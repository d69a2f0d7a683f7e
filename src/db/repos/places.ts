import { and, eq } from 'drizzle-orm';
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
