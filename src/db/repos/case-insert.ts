import { getTableColumns, sql } from 'drizzle-orm';
import { CASE_SEQ_DIGITS, RECEIPT_PREFIX } from '../../domain/case-intake.js';
import type { Database, Queryable } from '../client.js';
import { markCommittedStatement } from '../idempotency.js';
import { notifiesOutside, notify } from '../notify.js';
import { caseCounters, caseEvents, cases, deadlines } from '../schema/index.js';
import type { CaseRow } from './case-rows.js';
import { type CaseRelations, parseRelations } from './cases.js';
import type { CaseEventInput } from './events.js';
import { eventValues } from './events.js';

const { searchGrams: _grams, ...returned } = getTableColumns(cases);

/** A new case as written, less what the statement derives: the number and the receipt number. */
export type NewCaseValues = Omit<typeof cases.$inferInsert, 'number' | 'receiptNumber' | 'searchGrams'> & { id: string; estateId: string };

export interface OpenedCaseWrite {
  values: NewCaseValues;
  /** `${prefix}-${year}-` — the number is this plus the estate's next sequence of the year. */
  numberPrefix: string;
  year: number;
  /** The sequence, when already taken by `takeCaseSeq`; otherwise the statement takes it itself. */
  seq?: number;
  /** Written complaints get a receipt number `HZ-<case number>` (R-IN-9). */
  withReceipt: boolean;
  /** `case.opened`; the statement adds `number` to `after`. */
  event: CaseEventInput & { after: Record<string, unknown> };
  clocks: (typeof deadlines.$inferInsert)[];
  /** NOTIFY channel and payload for live screens. */
  live: { channel: string; payload: string };
}

/**
 * Takes the estate's next case sequence of the year in a transaction of its own, committed
 * without waiting for the WAL flush, on PostgreSQL; `undefined` on PGlite (one connection: the
 * opening statement takes it itself).
 *
 * Why: taken inside the opening statement, the counter row stays locked until that statement's
 * commit has reached the disk, so every case of an estate waited for the previous one's flush —
 * openings of one estate ran one flush at a time (~360/s) however many desks were typing. Here
 * the row is locked for microseconds and the openings' own durable commits share flushes.
 * Nothing is reused after a crash: a case's commit flushes the WAL up to its own record, which
 * lies after this counter's, so no durable case carries a number the counter could hand out
 * again. A number taken for an opening that then fails is skipped (case numbers may have gaps;
 * order numbers, R-WO-2, may not and are taken inside their transaction).
 */
export async function takeCaseSeq(database: Database, estateId: string, year: number): Promise<number | undefined> {
  if (database.engine !== 'postgres' || !database.pool) return undefined;
  const res = await database.pool.query<{ last_seq: number }>(
    `with relaxed as (select set_config('synchronous_commit', 'off', true)),
       seq as (insert into case_counters (estate_id, year, last_seq) values ($1, $2, 1)
               on conflict (estate_id, year) do update set last_seq = case_counters.last_seq + 1 returning last_seq)
     select last_seq from seq, relaxed`,
    [estateId, year],
  );
  return res.rows[0]!.last_seq;
}

/**
 * Opens a case in ONE statement (a data-modifying CTE, atomic on its own) plus, on PostgreSQL,
 * the live notification after it: takes the estate's
 * next case sequence of the year (unless `takeCaseSeq` already did), formats the number, inserts the case, its `case.opened` event
 * and its SLA clocks, and notifies live screens. Opening is the desk's hottest write, and on a
 * shared database every round trip costs more than the work in it.
 * Returns the case row and the clocks as the case page presents them (nothing else exists yet).
 */
export async function insertOpenedCase(db: Queryable, w: OpenedCaseWrite): Promise<{ row: CaseRow; rel: CaseRelations }> {
  const seq =
    w.seq !== undefined
      ? sql`select ${w.seq}::int as last_seq`
      : sql`insert into ${caseCounters} (estate_id, year, last_seq) values (${w.values.estateId}, ${w.year}, 1)
    on conflict (estate_id, year) do update set last_seq = ${caseCounters}.last_seq + 1 returning last_seq`;
  // formatCaseNumber: the sequence zero-padded to six digits (longer sequences are not cut).
  const num = sql`select ${w.numberPrefix}::text || case when length(last_seq::text) >= ${CASE_SEQ_DIGITS} then last_seq::text else lpad(last_seq::text, ${CASE_SEQ_DIGITS}, '0') end as number from seq`;
  const insertCase = db
    .insert(cases)
    .values({
      ...w.values,
      number: sql`(select number from num)`,
      receiptNumber: w.withReceipt ? sql`(select ${RECEIPT_PREFIX}::text || number from num)` : null,
    })
    .returning(returned);
  const [event] = eventValues([w.event]);
  const insertEvent = db.insert(caseEvents).values({ ...event!, after: sql`(select jsonb_build_object('number', number) from num) || ${JSON.stringify(w.event.after)}::jsonb` });
  const insertClocks = w.clocks.length > 0 ? sql`, cl as ${db.insert(deadlines).values(w.clocks).returning()}` : sql`, cl as (select * from ${deadlines} where false)`;
  // (Drizzle puts an embedded query in parentheses itself.)
  // The NOTIFY goes after the commit where it can (src/db/notify.ts: inside, it would make every
  // opening wait for the one before it to reach the disk); on PGlite it stays in the statement.
  const outside = notifiesOutside(db);
  const inline = outside ? sql`` : sql`, pg_notify(${w.live.channel}, ${w.live.payload}) as notified`;
  // Without BEGIN, the request's Idempotency-Key is marked done by this same statement.
  const mark = markCommittedStatement(db, sql`(select id from c)`);
  const marked = mark ? sql`, ik as ${mark}` : sql``;
  const res = (await db.execute(sql`with seq as (${seq}), num as (${num}), c as ${insertCase}, ev as ${insertEvent}${insertClocks}${marked}
    select c.*, (select coalesce(json_agg(to_jsonb(cl) order by cl.due_at), '[]') from cl) as clocks_json${inline}
    from c`)) as unknown as { rows: Record<string, unknown>[] };
  if (outside) await notify(db, w.live.channel, w.live.payload);
  const raw = res.rows[0]!;
  const row = { searchGrams: null } as Record<string, unknown>;
  for (const [key, col] of Object.entries(returned)) {
    const v = raw[col.name];
    row[key] = v === null || v === undefined ? null : col.mapFromDriverValue(v);
  }
  const rel = parseRelations({ orders: [], findings: [], approvals: [], unit_code: null, clocks: raw.clocks_json, visits: [] });
  return { row: row as CaseRow, rel };
}
