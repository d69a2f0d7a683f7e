import { and, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../client.js';
import { files } from '../schema/index.js';

export interface StoredFileRow {
  estateId: string;
  sha256: string;
  mime: string;
  size: number;
  uploadedBy: string;
  createdAt: Date;
}

/**
 * Serialises one person's uploads to one estate for the rest of the transaction, so that two
 * uploads sent at once cannot both fit under the daily allowance.
 */
export async function lockUploader(tx: Queryable, estateId: string, userId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`upload:${estateId}:${userId}`}, 0))`);
}

/** Bytes this person stored in this estate since `since` (a picture they re-sent is not counted again). */
export async function bytesUploadedSince(tx: Queryable, estateId: string, userId: string, since: Date): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`coalesce(sum(${files.size}), 0)::bigint` })
    .from(files)
    .where(and(eq(files.estateId, estateId), eq(files.uploadedBy, userId), gte(files.createdAt, since)));
  return Number(row?.n ?? 0);
}

/** Whether the estate already holds this picture. */
export const hasFile = async (tx: Queryable, estateId: string, sha256: string): Promise<boolean> => (await findFile(tx, estateId, sha256)) !== undefined;

/** Records a stored picture (once per estate; the same picture again is a no-op). */
export async function insertFile(tx: Queryable, row: StoredFileRow): Promise<void> {
  await tx.insert(files).values(row).onConflictDoNothing();
}

/** The stored type of each of these files the estate holds (those it does not hold are absent). */
export async function fileMimes(db: Queryable, estateId: string, sha256s: readonly string[]): Promise<Map<string, string>> {
  if (sha256s.length === 0) return new Map();
  const rows = await db.select({ sha256: files.sha256, mime: files.mime }).from(files).where(and(eq(files.estateId, estateId), inArray(files.sha256, [...new Set(sha256s)])));
  return new Map(rows.map((r) => [r.sha256, r.mime]));
}

export async function findFile(db: Queryable, estateId: string, sha256: string) {
  const [f] = await db.select().from(files).where(and(eq(files.estateId, estateId), eq(files.sha256, sha256)));
  return f;
}
