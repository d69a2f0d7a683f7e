import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq, like, sql } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseEvents, cases, deadlines, estates, notifications, outbox } from '../../src/db/schema/index.js';
import { enqueue } from '../../src/db/repos/outbox.js';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { startBackground } from '../../src/jobs/background.js';
import { claimDueDeadlines, fireDueDeadlines } from '../../src/jobs/deadline-scheduler.js';
import { parseTargetAllowList } from '../../src/domain/network-target.js';
import { dispatchOutbox, signWebhook } from '../../src/jobs/outbox-dispatcher.js';
import { createWorld, type TestWorld } from '../support/harness.js';

let w: TestWorld;
let seq = 0;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(async () => w?.close());

async function aCase(): Promise<string> {
  const now = w.clock.now();
  const [row] = await w.database.db
    .insert(cases)
    .values({
      estateId: w.a.id,
      number: `YH-2026-8${String(++seq).padStart(5, '0')}`,
      kind: 'repair',
      status: 'opened',
      channel: 'phone',
      locationKind: 'in_home',
      unitId: w.a.unitIds['1-1-101'],
      description: '厨房漏水',
      openedAt: now,
      openedBy: w.a.userIds.reception!,
      updatedAt: now,
    })
    .returning();
  return row!.id;
}

async function aDeadline(caseId: string, clock: string, warnInMin: number, dueInMin: number) {
  const now = w.clock.now();
  const [row] = await w.database.db
    .insert(deadlines)
    .values({
      estateId: w.a.id,
      caseId,
      clock,
      basis: 'wall',
      startedAt: now,
      warnAt: new Date(now.getTime() + warnInMin * 60_000),
      dueAt: new Date(now.getTime() + dueInMin * 60_000),
      nextFireAt: new Date(now.getTime() + warnInMin * 60_000),
      updatedAt: now,
    })
    .returning();
  return row!;
}

const deadlineById = async (id: string) => (await w.database.db.select().from(deadlines).where(eq(deadlines.id, id)))[0]!;

describe('deadline scheduler', () => {
  it('system: warns at the warning time, breaches at the due time, then escalates to the supervisor', async () => {
    const caseId = await aCase();
    const d = await aDeadline(caseId, 'dispatch', 8, 10);
    expect(await fireDueDeadlines(w.database, w.clock)).toBe(0);
    w.clock.advance(8 * 60_000);
    expect(await fireDueDeadlines(w.database, w.clock)).toBe(1);
    expect((await deadlineById(d.id)).state).toBe('warned');
    w.clock.advance(2 * 60_000);
    expect(await fireDueDeadlines(w.database, w.clock)).toBe(1);
    const breached = await deadlineById(d.id);
    expect(breached.state).toBe('breached');
    expect(breached.escalationLevel).toBe(1);
    const events = await w.database.db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId));
    expect(events.map((e) => e.action)).toEqual(['sla.warned', 'sla.breached']);
    const msgs = await w.database.db.select().from(outbox).where(sql`${outbox.payload}->>'caseId' = ${caseId}`);
    expect(msgs.filter((m) => m.topic === 'sla.breached').map((m) => m.recipient)).toEqual([w.a.userIds.supervisor]);
    // A second tick at the same time fires nothing more.
    expect(await fireDueDeadlines(w.database, w.clock)).toBe(0);
  });

  it('system: a follow-up clock puts a task on the receptionist queue; logging it meets the clock (R-FU-1)', async () => {
    const caseId = await aCase();
    const d = await aDeadline(caseId, 'followup_2h', 96, 120);
    w.clock.advance(96 * 60_000);
    await fireDueDeadlines(w.database, w.clock);
    const reception = await w.as('reception');
    const queue = (await reception.get(`/api/follow-ups?estateId=${w.a.id}`)).json();
    const task = queue.items.find((t: { caseId: string }) => t.caseId === caseId);
    expect(task).toMatchObject({ kind: 'followup_2h', assigneeRole: 'receptionist', state: 'open', caseNumber: expect.stringMatching(/^YH-\d{4}-\d{6}$/) });
    const done = await reception.post(`/api/follow-ups/${task.id}/done`, { note: '已致电业户，维修工已在路上' });
    expect(done.statusCode).toBe(200);
    expect((await deadlineById(d.id)).state).toBe('met');
    const ofCase = (await reception.get(`/api/follow-ups?caseId=${caseId}&state=done`)).json();
    expect(ofCase.items.map((t: { id: string }) => t.id)).toEqual([task.id]);
    const other = await w.as('reception_b');
    expect((await other.get(`/api/follow-ups?caseId=${caseId}&state=done`)).json().items).toEqual([]);
    expect((await other.post(`/api/follow-ups/${task.id}/done`, { note: 'x' })).statusCode).toBe(404);
  });

  it('system: deadlines due while the service was down fire once on the next tick', async () => {
    const caseId = await aCase();
    const ds = await Promise.all([1, 2, 3].map(() => aDeadline(caseId, 'arrival', 1, 2)));
    w.clock.advance(60 * 60_000);
    await fireDueDeadlines(w.database, w.clock);
    await fireDueDeadlines(w.database, w.clock);
    for (const d of ds) expect((await deadlineById(d.id)).state).toBe('breached');
    const fired = await w.database.db
      .select()
      .from(caseEvents)
      .where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.action, 'sla.breached')));
    expect(fired).toHaveLength(3);
  });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const eventsOf = async (caseId: string, action: string) =>
  w.database.db.select().from(caseEvents).where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.action, action)));

describe('restart', () => {
  it('system: deadlines that fall due while the background jobs are stopped fire exactly once when they start again', async () => {
    const caseId = await aCase();
    const ds = await Promise.all([1, 2, 3].map((i) => aDeadline(caseId, 'arrival', 5 + i, 10 + i)));
    const errors: unknown[] = [];
    // What `propdesk start` runs; nothing is due yet, so the first run fires nothing.
    let stop = startBackground(w.database, w.clock, (_what, e) => errors.push(e));
    await sleep(400);
    await stop();
    for (const d of ds) expect((await deadlineById(d.id)).state).toBe('pending');
    w.clock.advance(30 * 60_000); // down for half an hour: warnings and due times all pass
    try {
      stop = startBackground(w.database, w.clock, (_what, e) => errors.push(e));
      for (let i = 0; i < 50 && (await Promise.all(ds.map((d) => deadlineById(d.id)))).some((d) => d.state !== 'breached'); i++) await sleep(100);
      await sleep(600); // more ticks, which must fire nothing again
      await stop();
    } finally {
      w.clock.advance(-30 * 60_000);
    }
    expect(errors).toEqual([]);
    for (const d of ds) expect(await deadlineById(d.id)).toMatchObject({ state: 'breached', escalationLevel: 1 });
    // Straight to the breach: the missed warning is not sent late, the breach is sent once.
    expect(await eventsOf(caseId, 'sla.warned')).toHaveLength(0);
    expect(await eventsOf(caseId, 'sla.breached')).toHaveLength(3);
    const msgs = await w.database.db.select().from(outbox).where(and(sql`${outbox.payload}->>'caseId' = ${caseId}`, eq(outbox.topic, 'sla.breached')));
    expect(msgs).toHaveLength(3);
  });

  it.runIf(process.env.PROPDESK_TEST_DB === 'postgres')('system: a node that hangs while holding claimed deadlines loses them after the lease time', async () => {
    const caseId = await aCase();
    const d = await aDeadline(caseId, 'dispatch', -2, -1);
    // The hung node's own connection (a pg.Client, so the test can hear it being cut off).
    const client = new pg.Client({ connectionString: (w.database as unknown as { url: string }).url });
    client.on('error', () => undefined);
    await client.connect();
    const hung = drizzle(client) as unknown as typeof w.database.db;
    let release!: () => void;
    const holding = new Promise<void>((r) => (release = r));
    let claimed: Promise<unknown[]> | undefined;
    const hungTick = hung
      .transaction(async (tx) => {
        claimed = claimDueDeadlines(tx, w.clock.now(), 200, 500);
        await claimed;
        await holding; // the node's event loop is stuck: connected, idle in the transaction
      })
      .catch((e: unknown) => e);
    while (!claimed) await sleep(10);
    await claimed;
    await sleep(100);
    expect(await fireDueDeadlines(w.database, w.clock)).toBe(0); // locked by the hung node
    await sleep(1000);
    expect(await fireDueDeadlines(w.database, w.clock)).toBeGreaterThanOrEqual(1);
    expect((await deadlineById(d.id)).state).toBe('breached');
    release();
    expect(await hungTick).toBeInstanceOf(Error); // its session was ended; nothing it did commits
    await client.end().catch(() => undefined);
    expect(await eventsOf(caseId, 'sla.breached')).toHaveLength(1);
  });
});

describe('outbox', () => {
  it('system: in-app messages reach the inbox exactly once', async () => {
    const now = w.clock.now();
    const msg = { estateId: w.a.id, channel: 'in_app' as const, recipient: w.a.userIds.supervisor!, topic: 'sla.breached', payload: { clock: 'dispatch', dueAt: now.toISOString() }, dedupeKey: `t-inapp-${now.getTime()}` };
    expect(await enqueue(w.database.db, [msg, msg], now)).toBe(1);
    await dispatchOutbox(w.database, w.clock);
    await dispatchOutbox(w.database, w.clock);
    const sup = await w.as('supervisor');
    const inbox = (await sup.get('/api/notifications?unread=true')).json();
    expect(inbox.items.filter((n: { title: string }) => n.title === '已超时：派工').length).toBeGreaterThanOrEqual(1);
    const count = await w.database.db.select().from(notifications).where(eq(notifications.userId, w.a.userIds.supervisor!));
    expect(count.length).toBe(inbox.unread);
    const forReception = { ...msg, recipient: w.a.userIds.reception!, dedupeKey: `t-inapp-r-${now.getTime()}` };
    expect(await enqueue(w.database.db, [forReception], now)).toBe(1);
    await dispatchOutbox(w.database, w.clock);
    const reception = await w.as('reception');
    const receptionUnread = (await reception.get('/api/notifications')).json().unread;
    expect(receptionUnread).toBeGreaterThanOrEqual(1);
    expect((await sup.post('/api/notifications/read-all')).json().read).toBe(inbox.unread);
    expect((await sup.get('/api/notifications')).json().unread).toBe(0);
    expect((await reception.get('/api/notifications')).json().unread).toBe(receptionUnread);
  });

  it('system: webhooks are signed with HMAC-SHA256, retried with backoff, and only sent to allow-listed URLs', async () => {
    const received: { body: string; sig: string }[] = [];
    let failFirst = true;
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        if (failFirst) {
          failFirst = false;
          res.writeHead(503).end();
          return;
        }
        received.push({ body, sig: String(req.headers['x-propdesk-signature']) });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    await w.database.db.update(estates).set({ settings: { webhooks: [{ url, secret: 's3cret' }] } }).where(eq(estates.id, w.a.id));
    const now = w.clock.now();
    await enqueue(w.database.db, [
      { estateId: w.a.id, channel: 'webhook', recipient: url, topic: 'case.emergency', payload: { caseId: 'x' }, dedupeKey: 'wh-1' },
      { estateId: w.a.id, channel: 'webhook', recipient: 'http://127.0.0.1:1/evil', topic: 'case.emergency', payload: {}, dedupeKey: 'wh-2' },
    ], now);
    // The test's receiver is on 127.0.0.1, which an operator has to allow on purpose.
    const webhookAllow = parseTargetAllowList('127.0.0.1');
    await dispatchOutbox(w.database, w.clock, { webhookAllow });
    expect(received).toHaveLength(0);
    w.clock.advance(11_000);
    await dispatchOutbox(w.database, w.clock, { webhookAllow });
    server.close();
    expect(received).toHaveLength(1);
    expect(received[0]!.sig).toBe(signWebhook('s3cret', received[0]!.body));
    const [evil] = await w.database.db.select().from(outbox).where(eq(outbox.dedupeKey, 'wh-2'));
    expect(evil!.state).toBe('pending');
    expect(evil!.lastError).toMatch(/not allow-listed/);
  });

  it('system: a webhook to a loopback, private or link-local address is never sent, even when an estate lists it', async () => {
    let hits = 0;
    const server = createServer((_req, res) => {
      hits++;
      res.writeHead(204).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    const targets = [`http://127.0.0.1:${port}/hook`, `http://localhost:${port}/hook`, `http://[::ffff:127.0.0.1]:${port}/hook`, 'http://169.254.169.254/latest/meta-data', 'http://10.1.2.3/sms'];
    await w.database.db.update(estates).set({ settings: { webhooks: targets.map((url) => ({ url, secret: 's3cret' })) } }).where(eq(estates.id, w.a.id));
    await enqueue(w.database.db, targets.map((url, i) => ({ estateId: w.a.id, channel: 'webhook' as const, recipient: url, topic: 'case.emergency', payload: {}, dedupeKey: `ssrf-${i}` })), w.clock.now());
    await dispatchOutbox(w.database, w.clock);
    server.close();
    expect(hits).toBe(0);
    const rows = await w.database.db.select().from(outbox).where(like(outbox.dedupeKey, 'ssrf-%')).orderBy(outbox.dedupeKey);
    expect(rows.map((r) => r.state)).toEqual(['pending', 'pending', 'pending', 'pending', 'pending']);
    expect(rows.map((r) => /refused/.test(r.lastError ?? ''))).toEqual([true, true, true, true, true]);
    expect(rows.find((r) => r.dedupeKey === 'ssrf-3')!.lastError).toMatch(/link-local/);
  });

  it('system: email goes out through SMTP', async () => {
    const mails: string[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, _s, cb) {
        let data = '';
        stream.on('data', (c) => (data += c));
        stream.on('end', () => {
          mails.push(data);
          cb();
        });
      },
    });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
    const port = (smtp.server.address() as AddressInfo).port;
    const { mailerFromEnv } = await import('../../src/jobs/background.js');
    const mailer = mailerFromEnv({ SMTP_URL: `smtp://127.0.0.1:${port}`, SMTP_FROM: 'desk@example.com' })!;
    await enqueue(w.database.db, [{ estateId: w.a.id, channel: 'email', recipient: 'pm@example.com', topic: 'sla.breached', payload: { clock: 'reply', dueAt: 'x' }, dedupeKey: 'mail-1' }], w.clock.now());
    await dispatchOutbox(w.database, w.clock, { mailer });
    await new Promise<void>((r) => smtp.close(() => r()));
    expect(mails).toHaveLength(1);
    expect(mails[0]).toContain('pm@example.com');
    const [row] = await w.database.db.select().from(outbox).where(eq(outbox.dedupeKey, 'mail-1'));
    expect(row!.state).toBe('sent');
  });
});


