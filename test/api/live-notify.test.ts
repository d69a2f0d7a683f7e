import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notify } from '../../src/db/notify.js';
import { fireDueDeadlines } from '../../src/jobs/deadline-scheduler.js';
import { CHANNEL, publishLive } from '../../src/jobs/live-hub.js';
import { openCaseVia, repairBody } from '../support/desk.js';
import { type TestWorld, createWorld } from '../support/harness.js';

// PostgreSQL sends live notifications after the commit, outside the writing transaction
// (src/db/notify.ts); these check that nothing is heard for a change that did not commit and
// everything is heard for one that did.
const onPostgres = process.env.PROPDESK_TEST_DB === 'postgres';
let w: TestWorld;
let listener: pg.Client;
const heard: string[] = [];
beforeAll(async () => {
  if (!onPostgres) return;
  w = await createWorld();
  const url = (w.database as unknown as { url: string }).url;
  listener = new pg.Client({ connectionString: url });
  await listener.connect();
  listener.on('notification', (n) => heard.push(n.payload ?? ''));
  await listener.query(`listen ${CHANNEL}`);
});
afterAll(async () => {
  await listener?.end();
  await w?.close();
});

const settle = () => new Promise((r) => setTimeout(r, 300));

describe.runIf(onPostgres)('live notifications on PostgreSQL', () => {
  it('system: a transaction that rolls back is never heard; one that commits is heard once, after its commit', async () => {
    heard.length = 0;
    await w.database.db
      .transaction(async (tx) => {
        await publishLive(tx, { estateId: w.a.id, type: 'case', caseId: 'rolled-back' });
        throw new Error('rolled back on purpose');
      })
      .catch(() => undefined);
    let heardBeforeCommit = -1;
    await w.database.db.transaction(async (tx) => {
      await publishLive(tx, { estateId: w.a.id, type: 'case', caseId: 'committed' });
      await settle();
      heardBeforeCommit = heard.filter((p) => p.includes('committed')).length;
    });
    await settle();
    expect(heardBeforeCommit).toBe(0);
    expect(heard.filter((p) => p.includes('rolled-back'))).toEqual([]);
    expect(heard.filter((p) => p.includes('"committed"'))).toHaveLength(1);
  });

  it('system: the notifying transaction does not wait for the disk, and leaves the connection durable for the next user', async () => {
    await notify(w.database.db, CHANNEL, JSON.stringify({ estateId: w.a.id, type: 'probe' }));
    // Every pooled connection still commits durably afterwards (the setting was the notifying
    // transaction's only).
    const settings = await Promise.all(Array.from({ length: 10 }, () => w.database.db.execute(sql`show synchronous_commit`)));
    for (const s of settings) expect((s as unknown as { rows: { synchronous_commit: string }[] }).rows[0]!.synchronous_commit).toBe('on');
  });

  it('receptionist: opening a case is heard by live screens once', async () => {
    heard.length = 0;
    const c = await openCaseVia(await w.as('reception'), repairBody(w));
    await settle();
    expect(heard.filter((p) => p.includes(c.id))).toHaveLength(1);
  });

  it('system: a clock turning amber or red is announced, so open boards recolour the case at once', async () => {
    const c = await openCaseVia(await w.as('reception'), repairBody(w, { description: '阳台地漏堵塞' }));
    await settle(); // the opening's own announcement is not the one looked for
    heard.length = 0;
    const saved = w.clock.now();
    w.clock.set(new Date(saved.getTime() + 9 * 60_000)); // past 80 % of the 10-minute dispatch clock
    try {
      expect(await fireDueDeadlines(w.database, w.clock)).toBeGreaterThan(0);
    } finally {
      w.clock.set(saved);
    }
    await settle();
    expect(heard.filter((p) => p.includes(c.id)).length).toBeGreaterThan(0);
  });
});
