import { and, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../client.js';
import { cases } from '../schema/index.js';

export type CaseRow = typeof cases.$inferSelect;

/**
 * Every column of a case but the generated search grams, read as null: nothing outside text
 * search uses them and they are the longest column to transfer and parse.
 */
const { searchGrams: _grams, ...withoutGrams } = getTableColumns(cases);
export const caseRowColumns = { ...withoutGrams, searchGrams: sql<string[] | null>`null` };

/** Reads a case and locks it for the rest of the transaction (two desks, one case). */
export async function lockCase(db: Queryable, estateId: string, caseId: string): Promise<CaseRow | undefined> {
  const [row] = await db
    .select(caseRowColumns)
    .from(cases)
    .where(and(eq(cases.estateId, estateId), eq(cases.id, caseId)))
    .for('update');
  return row;
}

/** Finds a case by id alone (ids are UUIDs); the caller checks the estate is visible. */
export async function findCase(db: Queryable, caseId: string): Promise<CaseRow | undefined> {
  const [row] = await db.select(caseRowColumns).from(cases).where(eq(cases.id, caseId));
  return row;
}

/** Writes changed columns and bumps the optimistic version. */
export async function updateCase(
  db: Queryable,
  row: CaseRow,
  patch: Partial<Omit<CaseRow, 'estateId' | 'id' | 'version'>>,
  now: Date,
): Promise<CaseRow> {
  const [updated] = await db
    .update(cases)
    .set({ ...patch, updatedAt: now, version: sql`${cases.version} + 1` })
    .where(and(eq(cases.estateId, row.estateId), eq(cases.id, row.id)))
    .returning(caseRowColumns);
  return updated!;
}

/** The contact phones of an estate's cases by id (callers mask them; printed registers need the column). */
export async function casePhones(db: Queryable, estateId: string, ids: readonly string[]): Promise<Map<string, string | null>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: cases.id, phone: cases.contactPhone }).from(cases).where(and(eq(cases.estateId, estateId), inArray(cases.id, [...new Set(ids)])));
  return new Map(rows.map((r) => [r.id, r.phone]));
}
