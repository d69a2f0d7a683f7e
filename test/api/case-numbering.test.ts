import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openCaseVia, repairBody } from '../support/desk.js';
import { type TestWorld, createWorld } from '../support/harness.js';

let w: TestWorld;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(async () => w?.close());

const seqOf = (n: string) => Number(n.slice(n.lastIndexOf('-') + 1));

it('receptionist: routine repairs, complaints and emergencies opened at once share one sequence: distinct, consecutive numbers', async () => {
  const reception = await w.as('reception');
  const complaint = repairBody(w, { kind: 'complaint', complaintNature: 'communicative', complaintSubtype: 'venting', complaintContent: 'attitude', description: '保安态度差' });
  const emergency = repairBody(w, { urgency: 'emergency', description: '卫生间水管爆裂' });
  const bodies = Array.from({ length: 24 }, (_, i) => [repairBody(w), complaint, emergency][i % 3]!);
  const opened = await Promise.all(bodies.map((b) => openCaseVia(reception, b)));
  const seqs = opened.map((c) => seqOf(c.number)).sort((a, b) => a - b);
  expect(seqs).toEqual(Array.from({ length: 24 }, (_, i) => seqs[0]! + i));
  // The counter ends exactly at the last number handed out.
  const counter = (await w.database.db.execute(sql`select last_seq from case_counters where estate_id = ${w.a.id} and year = 2026`)) as unknown as { rows: { last_seq: number }[] };
  expect(counter.rows[0]!.last_seq).toBe(seqs[23]);
});

it('receptionist: an opening refused by the rules takes no number; the next case gets the next one', async () => {
  const reception = await w.as('reception');
  const before = await openCaseVia(reception, repairBody(w));
  const refused = await reception.post('/api/cases', repairBody(w, { kind: 'complaint', description: '投诉', complaintNature: null }));
  expect(refused.statusCode).toBe(400);
  const after = await openCaseVia(reception, repairBody(w));
  expect(seqOf(after.number)).toBe(seqOf(before.number) + 1);
});

it('system: a number is never handed out twice, even when the counter was taken by an opening that then failed', async () => {
  const reception = await w.as('reception');
  const first = await openCaseVia(reception, repairBody(w));
  // A unit that does not exist is found only after the number may have been taken (emergencies
  // take it before their transaction): the case is refused, and no later case repeats a number.
  const ghost = await reception.post('/api/cases', repairBody(w, { urgency: 'emergency', unitId: '00000000-0000-4000-8000-000000000000' }));
  expect(ghost.statusCode).toBe(400);
  const next = await openCaseVia(reception, repairBody(w));
  expect(seqOf(next.number)).toBeGreaterThan(seqOf(first.number));
  const dupes = (await w.database.db.execute(sql`select number from cases where estate_id = ${w.a.id} group by number having count(*) > 1`)) as unknown as { rows: unknown[] };
  expect(dupes.rows).toEqual([]);
});
