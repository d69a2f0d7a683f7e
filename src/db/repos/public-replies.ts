import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../client.js';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { cases, estates, onlinePosts, publicReplies, users } from '../schema/index.js';

export type PublicReplyRow = typeof publicReplies.$inferSelect;
export type OnlinePostRow = typeof onlinePosts.$inferSelect;

export async function insertPublicReply(tx: Queryable, values: Omit<typeof publicReplies.$inferInsert, 'id'>): Promise<PublicReplyRow> {
  const [row] = await tx.insert(publicReplies).values(values).returning();
  return row!;
}

export async function findPublicReply(db: Queryable, id: string, opts: { lock?: boolean } = {}): Promise<PublicReplyRow | undefined> {
  const q = db.select().from(publicReplies).where(eq(publicReplies.id, id));
  const [row] = opts.lock ? await q.for('update') : await q;
  return row;
}

export async function updatePublicReply(tx: Queryable, row: PublicReplyRow, patch: Partial<PublicReplyRow>): Promise<PublicReplyRow> {
  const [next] = await tx
    .update(publicReplies)
    .set({ ...patch, version: row.version + 1 })
    .where(and(eq(publicReplies.estateId, row.estateId), eq(publicReplies.id, row.id)))
    .returning();
  return next!;
}

export async function insertOnlinePost(tx: Queryable, values: Omit<typeof onlinePosts.$inferInsert, 'id'>): Promise<OnlinePostRow> {
  const [row] = await tx.insert(onlinePosts).values(values).returning();
  return row!;
}

/** A case's replies (oldest first, with who drafted, approved and published) and its archived posts. */
export async function caseReplies(db: Queryable, estateId: string, caseId: string) {
  const name = (col: AnyPgColumn) => sql<string | null>`(select u.display_name from ${users} u where u.id = ${col})`;
  const [replies, posts] = await Promise.all([
    db
      .select({ r: publicReplies, draftedByName: name(publicReplies.draftedBy), approvedByName: name(publicReplies.approvedBy), publishedByName: name(publicReplies.publishedBy) })
      .from(publicReplies)
      .where(and(eq(publicReplies.estateId, estateId), eq(publicReplies.caseId, caseId)))
      .orderBy(asc(publicReplies.draftedAt), asc(publicReplies.id)),
    db.select().from(onlinePosts).where(and(eq(onlinePosts.estateId, estateId), eq(onlinePosts.caseId, caseId))).orderBy(asc(onlinePosts.recordedAt)),
  ]);
  return { replies, posts };
}

/** Which estates' online complaints the caller lists: all (quality), or theirs. */
export type OnlineScope = { allEstates: true } | { allEstates: false; estates: string[] };

/**
 * The quality desk's online complaints (R-CP-2), newest first: each case with its acknowledgement
 * and measure clocks and how many replies wait for approval — the scope and filters applied before the limit.
 */
export async function onlineComplaints(db: Queryable, scope: OnlineScope, q: { estateId?: string; open?: boolean; awaitingApproval?: boolean; limit: number; offset: number }) {
  const clock = (id: string, col: string) =>
    sql.raw(`(select d.${col} from deadlines d where d.estate_id = cases.estate_id and d.case_id = cases.id and d.clock = '${id}' order by d.started_at desc limit 1)`);
  const drafts = sql<number>`(select count(*)::int from ${publicReplies} r where r.estate_id = ${cases.estateId} and r.case_id = ${cases.id} and r.status = 'draft')`;
  const where = and(
    eq(cases.channel, 'online'),
    scope.allEstates ? undefined : scope.estates.length > 0 ? inArray(cases.estateId, scope.estates) : sql`false`,
    q.estateId ? eq(cases.estateId, q.estateId) : undefined,
    q.open ? sql`${cases.status} not in ('closed','closed_unresolved','cancelled')` : undefined,
    q.awaitingApproval ? sql`${drafts} > 0` : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db
      .select({
        caseId: cases.id,
        estateId: cases.estateId,
        estateName: estates.name,
        number: cases.number,
        description: cases.description,
        status: cases.status,
        openedAt: cases.openedAt,
        ackDueAt: sql<Date | null>`${clock('online_ack', 'due_at')}`.mapWith(cases.openedAt),
        ackState: sql<string | null>`${clock('online_ack', 'state')}`,
        measureDueAt: sql<Date | null>`${clock('online_measure', 'due_at')}`.mapWith(cases.openedAt),
        measureState: sql<string | null>`${clock('online_measure', 'state')}`,
        awaitingApproval: drafts,
        published: sql<number>`(select count(*)::int from ${publicReplies} r where r.estate_id = ${cases.estateId} and r.case_id = ${cases.id} and r.status = 'published')`,
      })
      .from(cases)
      .innerJoin(estates, eq(estates.id, cases.estateId))
      .where(where)
      .orderBy(desc(cases.openedAt), desc(cases.id))
      .limit(q.limit)
      .offset(q.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(cases).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}
