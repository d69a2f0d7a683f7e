import { sql } from 'drizzle-orm';
import type { Queryable } from '../client.js';
import type { hotlineCounters, qualityCounters } from '../schema/index.js';

/**
 * The next number of a group-wide sequence for a Beijing year (hotline dossiers, quality
 * complaints), taken in the record's own transaction: the row lock serialises takers, so a number
 * is never handed out twice and never reused.
 */
export async function takeYearSeq(tx: Queryable, counters: typeof hotlineCounters | typeof qualityCounters, year: number): Promise<number> {
  const res = (await tx.execute(
    sql`insert into ${counters} (year, seq) values (${year}, 1) on conflict (year) do update set seq = ${counters}.seq + 1 returning seq`,
  )) as unknown as { rows: { seq: number }[] };
  return Number(res.rows[0]!.seq);
}
