import { and, desc, eq, gte, lt, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db, Queryable, Tx } from '../client.js';
import { adminEvents, users } from '../schema/index.js';

/**
 * Runs a set-up change in one transaction that names its actor, so the audit trigger of
 * migration 0018 records who made each change it writes to admin_events.
 */
export async function asActor<T>(db: Db, actorId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('propdesk.actor', ${actorId}, true)`);
    return fn(tx);
  });
}

export interface AdminEventQuery {
  subject?: string;
  from?: Date;
  to?: Date;
  /** The id of the last event of the previous page (newest first). */
  before?: number;
  limit: number;
}

const staffMember = alias(users, 'staff_member');

/** One estate's set-up changes, newest first, with the actor's name (and the staff member's, for role changes). */
export async function listAdminEvents(db: Queryable, estateId: string, q: AdminEventQuery) {
  const where = and(
    eq(adminEvents.estateId, estateId),
    q.subject ? eq(adminEvents.subject, q.subject) : undefined,
    q.from ? gte(adminEvents.at, q.from) : undefined,
    q.to ? lt(adminEvents.at, q.to) : undefined,
    q.before !== undefined ? lt(adminEvents.id, q.before) : undefined,
  );
  return db
    .select({
      id: adminEvents.id,
      at: adminEvents.at,
      actorId: adminEvents.actorId,
      actorName: users.displayName,
      subjectName: staffMember.displayName,
      subject: adminEvents.subject,
      subjectId: adminEvents.subjectId,
      action: adminEvents.action,
      before: adminEvents.before,
      after: adminEvents.after,
    })
    .from(adminEvents)
    .leftJoin(users, eq(users.id, adminEvents.actorId))
    .leftJoin(staffMember, and(eq(adminEvents.subject, 'staff_roles'), sql`${staffMember.id}::text = ${adminEvents.subjectId}`))
    .where(where)
    .orderBy(desc(adminEvents.id))
    .limit(q.limit + 1);
}
