import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type TestWorld } from '../support/harness.js';
import { repairBody } from '../support/desk.js';

// Issue 15 item 13: the change committed, then storing its answer failed; the client retried.
let w: TestWorld;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(async () => w?.close());

const rows = async (q: ReturnType<typeof sql>) => ((await w.database.db.execute(q)) as unknown as { rows: { n: number }[] }).rows[0]!.n;
const caseCount = () => rows(sql`select count(*)::int as n from cases`);

/** Makes the write of a request's answer into idempotency_keys fail, as a cut connection would. */
async function answersCannotBeStored<T>(fn: () => Promise<T>): Promise<T> {
  await w.database.db.execute(sql`create or replace function pd_test_cut_answer() returns trigger language plpgsql as $$
    begin if new.status_code >= 100 then raise exception 'answer write cut'; end if; return new; end $$`);
  await w.database.db.execute(sql`create trigger pd_test_cut_answer before update on idempotency_keys for each row execute function pd_test_cut_answer()`);
  try {
    return await fn();
  } finally {
    await w.database.db.execute(sql`drop trigger pd_test_cut_answer on idempotency_keys`);
  }
}

describe('a retry after the answer was lost (Idempotency-Key)', () => {
  it('receptionist: a routine case (one statement) is not opened twice; the retry gets the committed case', async () => {
    const reception = await w.as('reception');
    const headers = { 'idempotency-key': 'lost-answer-routine-1' };
    const before = await caseCount();
    const first = await answersCannotBeStored(() => reception.post('/api/cases', repairBody(w, { description: '应答丢失的报修' }), headers));
    expect(first.statusCode).toBe(500);
    expect(await caseCount()).toBe(before + 1);
    const retry = await reception.post('/api/cases', repairBody(w, { description: '应答丢失的报修' }), headers);
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replay']).toBe('true');
    expect(retry.json()).toMatchObject({ description: '应答丢失的报修', status: 'opened' });
    expect(await caseCount()).toBe(before + 1);
    // A further retry is answered with the same case again.
    const again = await reception.post('/api/cases', repairBody(w, { description: '应答丢失的报修' }), headers);
    expect(again.json().id).toBe(retry.json().id);
  });

  it('receptionist: a complaint (opened in a transaction) is not opened twice either', async () => {
    const reception = await w.as('reception');
    const headers = { 'idempotency-key': 'lost-answer-complaint-1' };
    const body = repairBody(w, { kind: 'complaint', complaintNature: 'valid', complaintContent: 'attitude', description: '应答丢失的投诉' });
    const before = await caseCount();
    expect((await answersCannotBeStored(() => reception.post('/api/cases', body, headers))).statusCode).toBe(500);
    const retry = await reception.post('/api/cases', body, headers);
    expect(retry.statusCode).toBe(201);
    expect(retry.json().kind).toBe('complaint');
    expect(await caseCount()).toBe(before + 1);
  });

  it('dispatcher: a work order is not issued twice; the retry gets the order', async () => {
    const reception = await w.as('reception');
    const opened = (await reception.post('/api/cases', repairBody(w))).json();
    const dispatcher = await w.as('dispatcher');
    const headers = { 'idempotency-key': 'lost-answer-order-1' };
    const body = { departmentId: w.a.departmentIds.ENG };
    const first = await answersCannotBeStored(() => dispatcher.post(`/api/cases/${opened.id}/orders`, body, headers));
    expect(first.statusCode).toBe(500);
    const retry = await dispatcher.post(`/api/cases/${opened.id}/orders`, body, headers);
    expect(retry.statusCode).toBe(201);
    expect(await rows(sql`select count(*)::int as n from work_orders where case_id = ${opened.id}`)).toBe(1);
    expect(retry.json().caseId).toBe(opened.id);
  });

  it('receptionist: a request without a replay says it was done (409) and does not run again', async () => {
    const reception = await w.as('reception');
    const headers = { 'idempotency-key': 'lost-answer-contact-1' };
    const body = { estateId: w.a.id, channel: 'phone', content: '应答丢失的来电', outcome: 'answered', answer: '已解答' };
    expect((await answersCannotBeStored(() => reception.post('/api/contacts', body, headers))).statusCode).toBe(500);
    const retry = await reception.post('/api/contacts', body, headers);
    expect(retry.statusCode).toBe(409);
    expect(retry.json().error.code).toBe('idempotency_committed');
    expect(await rows(sql`select count(*)::int as n from contacts where content = '应答丢失的来电'`)).toBe(1);
  });

  it('receptionist: a request that failed before committing frees its key, so the retry runs', async () => {
    const reception = await w.as('reception');
    const headers = { 'idempotency-key': 'failed-before-commit-1' };
    const before = await caseCount();
    // The case insert itself fails: nothing committed.
    await w.database.db.execute(sql`create or replace function pd_test_cut_case() returns trigger language plpgsql as $$
      begin raise exception 'case write cut'; end $$`);
    await w.database.db.execute(sql`create trigger pd_test_cut_case before insert on cases for each row execute function pd_test_cut_case()`);
    try {
      expect((await reception.post('/api/cases', repairBody(w), headers)).statusCode).toBe(500);
    } finally {
      await w.database.db.execute(sql`drop trigger pd_test_cut_case on cases`);
    }
    expect(await caseCount()).toBe(before);
    const retry = await reception.post('/api/cases', repairBody(w), headers);
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replay']).toBeUndefined();
    expect(await caseCount()).toBe(before + 1);
  });
});
