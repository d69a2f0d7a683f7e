import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type Client, type TestWorld } from '../support/harness.js';
import { openCaseVia, repairBody, uploadPng } from '../support/desk.js';
import { fireDueDeadlines } from '../../src/jobs/deadline-scheduler.js';
import { dispatchOutbox } from '../../src/jobs/outbox-dispatcher.js';

let w: TestWorld;
const ids: Record<string, string> = {};

/** Routes that are not about one estate's records (login, the caller's own data, global lists). */
const NOT_SCOPED = new Set([
  'GET /api/health',
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'GET /api/me',
  'POST /api/me/password',
  'GET /api/print.js',
  'GET /api/session',
  'POST /api/auth/otp/request',
  'POST /api/auth/otp/verify',
  'GET /api/events',
  'GET /api/estates',
  'POST /api/estates',
  'GET /api/cases',
  'POST /api/cases',
  'GET /api/orders',
  'GET /api/contacts',
  'POST /api/contacts',
  'GET /api/approvals',
  'GET /api/notifications',
  'POST /api/notifications/read-all',
  'GET /api/follow-ups',
  'GET /api/flag-proposals',
  'GET /api/hotline/dossiers',
  'GET /api/hotline/daily',
  'GET /api/hotline/daily.csv',
  'GET /api/hotline/daily/print',
  'GET /api/quality/complaints',
  'GET /api/quality/hot-registry',
  'GET /api/quality/online',
  // KPI figures name their estates in the query; walked with estate A's id below.
  'GET /api/kpis',
  'GET /api/kpis/trend',
  'GET /api/kpis/comparison',
  'GET /api/kpis/comparison.xlsx',
  'GET /api/kpis/breakdown',
]);

/** A valid body for each write, so only the estate check can refuse it. */
function bodyFor(path: string): unknown {
  const last = path.split('/').pop()!;
  const bodies: Record<string, unknown> = {
    pause: { reason: 'awaiting_resident' },
    resume: {},
    handled: { note: 'x' },
    cancel: { reason: 'x' },
    reopen: { reason: 'x' },
    reclassify: { reason: 'x' },
    flag: { major: true, reason: 'x' },
    confirm: { rating: 5 },
    close: path.includes('/quality/') ? { satisfaction: 5, note: 'x' } : { result: 'x', evidence: { kind: 'document', note: 'x' } },
    unresolvable: { reason: 'x' },
    findings: { description: 'x' },
    ':findingId': { outcome: 'resolved' },
    orders: { departmentId: ids.dept },
    assign: { technicianId: ids.tech },
    accept: {},
    arrive: {},
    'review-request': { note: 'x' },
    review: { note: 'x' },
    rebook: { appointmentAt: '2026-03-03T10:00:00+08:00', reason: 'x' },
    complete: { workDone: 'x', signatureSha256: ids.sha },
    return: {},
    check: { passed: true, inspectedOnSite: true },
    void: { reason: 'x' },
    decide: path.includes('approvals') ? { decision: 'approve' } : path.includes('flag-proposals') ? { decision: 'confirm' } : { decision: 'answer', answer: 'x' },
    done: { note: 'x' },
    read: {},
    buildings: { code: 'Z', name: 'z' },
    departments: { code: 'Z', name: 'z' },
    units: { code: '1-1-999' },
    residents: { unitId: ids.unit, name: 'x', relation: 'owner', phones: [] },
    staff: { username: 'intruder', displayName: 'x', password: 'password1', roles: ['receptionist'] },
    deactivate: {},
    retire: {},
    categories: { code: 'Z', name: 'z' },
    'price-items': { code: 'Z', name: 'z', unit: '个', priceCents: 100 },
    ':estateId': { name: '改名' },
    triage: { estateId: ids.estate, description: '电梯困人' },
    visits: { kind: 'stage', outcome: 'visited', satisfaction: 5 },
    'promised-reply': { at: '2026-03-03T10:00:00+08:00' },
    'hot-report': { note: 'x' },
    'phone-reveal': { reason: 'dispatch' },
    calls: { estateId: ids.estate, matter: 'x', firstContact: false },
    measures: { measures: 'x', responsibleUserId: ids.desk },
    'first-visit': { how: 'phone', said: 'x' },
    resolve: { resolution: 'x' },
    'second-visit': { said: 'x', satisfaction: 5 },
    'follow-up': { kind: 'follow_up', note: 'x' },
    complaints: { estateId: ids.estate, source: 'government', matter: 'x' },
    'quality-escalation': { reason: 'x' },
    'hand-down': {},
    progress: { note: 'x' },
    'public-replies': { kind: 'acknowledgement', body: 'x' },
    'online-posts': { sourceUrl: 'https://bbs.example.com/t/1', body: 'x' },
    approve: {},
    publish: {},
    roles: { roles: ['receptionist'] },
    handovers: { takenBy: ids.desk, shift: 'night', note: 'x' },
    sign: path.includes('quarterly') ? { quarter: '2026-Q1', role: 'supervisor', note: 'x' } : {},
  };
  return bodies[last] ?? {};
}

function fill(path: string, ids: Record<string, string>): string {
  return path
    .replace(':estateId', ids.estate!)
    .replace(':findingId', ids.finding!)
    .replace(':userId', ids.tech!)
    .replace(':sha256', ids.sha!)
    .replace(/\/api\/(cases)\/:id/, `/api/cases/${ids.case}`)
    .replace(/\/api\/(orders)\/:id/, `/api/orders/${ids.order}`)
    .replace(/\/api\/(units)\/:id/, `/api/units/${ids.unit}`)
    .replace(/\/api\/(residents)\/:id/, `/api/residents/${ids.resident}`)
    .replace(/\/api\/(contacts)\/:id/, `/api/contacts/${ids.contact}`)
    .replace(/\/api\/(approvals)\/:id/, `/api/approvals/${ids.approval}`)
    .replace(/\/api\/(notifications)\/:id/, `/api/notifications/${ids.notification}`)
    .replace(/\/api\/(follow-ups)\/:id/, `/api/follow-ups/${ids.followUp}`)
    .replace(/\/api\/(flag-proposals)\/:id/, `/api/flag-proposals/${ids.proposal}`)
    .replace(/\/api\/hotline\/(dossiers)\/:id/, `/api/hotline/dossiers/${ids.dossier}`)
    .replace(/\/api\/(public-replies)\/:id/, `/api/public-replies/${ids.reply}`)
    .replace(/\/api\/quality\/(complaints)\/:id/, `/api/quality/complaints/${ids.qualityComplaint}`)
    .replace(':id', ids.case!);
}

const fingerprint = async () =>
  ((await w.database.db.execute(
    sql`select (select count(*) from case_events)::int as events, (select count(*) from cases)::int as cases, (select count(*) from work_orders)::int as orders,
        (select count(*) from buildings)::int as buildings, (select count(*) from hotline_dossiers)::int as dossiers, (select coalesce(sum(version),0) from hotline_dossiers)::int as dossier_versions, (select count(*) from hotline_calls)::int as hotline_calls, (select count(*) from quality_complaints)::int as quality, (select coalesce(sum(version),0) from quality_complaints)::int as quality_versions, (select count(*) from public_replies)::int as replies, (select coalesce(sum(version),0) from public_replies)::int as reply_versions, (select count(*) from online_posts)::int as posts, (select count(*) from users)::int as users, (select coalesce(sum(version),0) from cases)::int as versions,
        (select coalesce(sum(version),0) from work_orders)::int as order_versions, (select count(*) from approvals where status <> 'pending')::int as decided,
        (select count(*) from residents)::int as residents, (select count(*) from files)::int as files, (select count(*) from flag_proposals where state <> 'pending')::int as flags, (select count(*) from return_visits)::int as visits, (select count(*) from quarterly_signoffs)::int as quarter_signoffs, (select count(*) from shift_handovers)::int as handovers,
        (select string_agg(name || array_to_string(phones, ','), ';' order by id) from residents) as resident_details, (select count(*) from units where vacant)::int as vacant_units,
        (select count(*) from contacts)::int as contacts, (select count(*) from notifications where read_at is not null)::int as read_notifications,
        (select count(*) from follow_ups where state <> 'open')::int as settled_follow_ups`,
  )) as unknown as { rows: unknown[] }).rows[0];

beforeAll(async () => {
  w = await createWorld();
  const reception = await w.as('reception');
  const c = await openCaseVia(reception, repairBody(w));
  ids.case = c.id;
  ids.estate = w.a.id;
  ids.unit = w.a.unitIds['1-1-101']!;
  ids.resident = Object.values(w.a.residentIds)[0]!;
  ids.dept = w.a.departmentIds.ENG!;
  ids.tech = w.a.userIds.tech1!;
  ids.desk = w.a.userIds.reception!;
  const order = await reception.post(`/api/cases/${c.id}/orders`, { departmentId: ids.dept, technicianId: ids.tech });
  ids.order = order.json().id;
  ids.finding = (await reception.post(`/api/cases/${c.id}/findings`, { description: '楼道灯坏' })).json().findings[0].id;
  ids.sha = await uploadPng(await w.as('tech1'), w.a.id);
  ids.dossier = (await (await w.as('hotline')).post('/api/hotline/calls', { estateId: w.a.id, matter: '投诉处理不满意', firstContact: false })).json().dossier.id;
  ids.qualityComplaint = (await (await w.as('quality')).post('/api/quality/complaints', { estateId: w.a.id, source: 'government', matter: '12345转办：垃圾清运不及时' })).json().id;
  const online = await openCaseVia(reception, repairBody(w, { kind: 'complaint', channel: 'online', complaintNature: 'valid', description: '论坛发帖投诉' }));
  ids.reply = (await reception.post(`/api/cases/${online.id}/public-replies`, { kind: 'acknowledgement', body: '抱歉' })).json().items[0].id;
  ids.contact = (await reception.post('/api/contacts', { estateId: w.a.id, channel: 'phone', content: '噪音', outcome: 'undecided' })).json().contact.id;
  const other = await openCaseVia(reception, repairBody(w, { kind: 'inquiry' }));
  const pend = await reception.post(`/api/cases/${other.id}/unresolvable`, { reason: 'x' });
  ids.approval = pend.json().approvals[0].id;
  const collective = await openCaseVia(reception, repairBody(w, { kind: 'complaint', complaintNature: 'valid', complainants: 5, description: '联名投诉' }));
  ids.proposal = (await (await w.as('supervisor')).get(`/api/flag-proposals?estateId=${w.a.id}`)).json().items.find((p: { caseId: string }) => p.caseId === collective.id).id;
  // Real records of estate A: the 2-hour follow-up task (R-FU-1) and the supervisor's breach message.
  w.clock.advance(3 * 3600_000);
  await fireDueDeadlines(w.database, w.clock);
  await dispatchOutbox(w.database, w.clock);
  ids.followUp = (await reception.get(`/api/follow-ups?estateId=${w.a.id}`)).json().items.find((t: { caseId: string }) => t.caseId === c.id).id;
  ids.notification = (await (await w.as('supervisor')).get('/api/notifications')).json().items[0].id;
});
afterAll(async () => w?.close());

async function walk(client: Client, only: (path: string) => boolean = () => true, use: Record<string, string> = ids) {
  const spec = w.app.swagger() as { paths: Record<string, Record<string, unknown>> };
  const results: string[] = [];
  for (const [openapiPath, methods] of Object.entries(spec.paths)) {
    const path = openapiPath.replace(/\{(\w+)\}/g, ':$1');
    if (!path.startsWith('/api/')) continue;
    for (const method of Object.keys(methods).map((m) => m.toUpperCase())) {
      if (NOT_SCOPED.has(`${method} ${path}`) || !only(path)) continue;
      const url = fill(path, use);
      const isCsv = path.endsWith('/import/units');
      const isFile = path.endsWith('/files') && method === 'POST';
      const res = await client.request({
        method,
        url: url + (path.endsWith('/voided') ? '?month=2026-03' : path.endsWith('/lookup') ? (path.includes('residents') ? '?phone=8888' : '?q=1-1') : ''),
        payload: method === 'GET' ? undefined : isCsv ? 'unit\n1-1-998\n' : isFile ? Buffer.from('89504e470d0a1a0a', 'hex') : (bodyFor(path) as object),
        headers: isCsv ? { 'content-type': 'text/csv' } : isFile ? { 'content-type': 'image/png' } : undefined,
      });
      results.push(`${res.statusCode} ${method} ${path}`);
    }
  }
  return results;
}

describe('estate isolation', () => {
  it('control: the same walk by a YH supervisor reaches the records (so the 404s below mean something)', async () => {
    const results = await walk(await w.as('supervisor'));
    const found = results.filter((r) => r.startsWith('200') || r.startsWith('201'));
    expect(found.length).toBeGreaterThan(15);
    // The follow-up and notification ids are real records the YH supervisor reaches.
    expect(results).toEqual(expect.arrayContaining(['200 POST /api/follow-ups/:id/done', '200 POST /api/notifications/:id/read']));
  });

  it('LH users: opening a case or logging a contact with the YH estateId answers 404 and writes nothing', async () => {
    for (const user of ['reception_b', 'supervisor_b', 'resident_b']) {
      const client = await w.as(user);
      const before = await fingerprint();
      const opened = await client.post('/api/cases', repairBody(w));
      const portal = await client.post('/api/cases', { estateId: w.a.id, kind: 'repair', channel: 'wechat', locationKind: 'in_home', description: '漏水' });
      const logged = await client.post('/api/contacts', { estateId: w.a.id, channel: 'phone', content: '噪音', outcome: 'answered', answer: 'x' });
      const withCase = await client.post('/api/contacts', { estateId: w.a.id, channel: 'phone', content: '漏水', outcome: 'case', case: { kind: 'repair', locationKind: 'in_home', unitId: ids.unit } });
      expect([opened, portal, logged, withCase].map((r) => r.statusCode), user).toEqual([404, 404, 404, 404]);
      expect(await fingerprint()).toEqual(before);
    }
  });

  it('receptionist of LH: a contact in LH naming a YH resident or unit is refused with 400 and writes nothing', async () => {
    const client = await w.as('reception_b');
    const before = await fingerprint();
    const resident = await client.post('/api/contacts', { estateId: w.b.id, channel: 'phone', content: 'x', outcome: 'undecided', residentId: ids.resident });
    expect(resident.statusCode).toBe(400);
    expect(resident.json().error.fields[0].field).toBe('residentId');
    const unit = await client.post('/api/contacts', { estateId: w.b.id, channel: 'phone', content: 'x', outcome: 'undecided', unitId: ids.unit });
    expect(unit.statusCode).toBe(400);
    expect(await fingerprint()).toEqual(before);
  });

  it('receptionist of LH: every YH route answers 404 and nothing changes', async () => {
    const before = await fingerprint();
    const results = await walk(await w.as('reception_b'));
    expect(results.length).toBeGreaterThan(40);
    expect(results.filter((r) => !r.startsWith('404'))).toEqual([]);
    expect(await fingerprint()).toEqual(before);
  });

  it('supervisor of LH: every YH route answers 404 and nothing changes', async () => {
    const before = await fingerprint();
    const results = await walk(await w.as('supervisor_b'));
    expect(results.filter((r) => !r.startsWith('404'))).toEqual([]);
    expect(await fingerprint()).toEqual(before);
  });

  it('resident of LH: every YH route answers 404 and nothing changes', async () => {
    const before = await fingerprint();
    const results = await walk(await w.as('resident_b'));
    expect(results.filter((r) => !r.startsWith('404'))).toEqual([]);
    expect(await fingerprint()).toEqual(before);
  });

  it('LH users: KPI figures, trend and comparison asked for YH answer 404', async () => {
    for (const user of ['reception_b', 'supervisor_b', 'pm_b', 'resident_b']) {
      const client = await w.as(user);
      for (const path of ['/api/kpis', '/api/kpis/trend', '/api/kpis/breakdown', '/api/kpis/comparison', '/api/kpis/comparison.xlsx']) {
        expect((await client.get(`${path}?estateId=${w.a.id}`)).statusCode, `${user} ${path}`).toBe(404);
      }
      expect(JSON.stringify((await client.get('/api/kpis/comparison')).json()), user).not.toContain(w.a.id);
    }
  });

  it('LH users: YH records never appear in their lists', async () => {
    const other = await w.as('reception_b');
    for (const url of ['/api/cases', '/api/orders', '/api/contacts', '/api/approvals', '/api/follow-ups', '/api/estates']) {
      const body = (await other.get(url)).json();
      expect(JSON.stringify(body)).not.toContain(w.a.id);
    }
    expect((await other.get(`/api/cases?estateId=${w.a.id}`)).json().items).toEqual([]);
  });
});

describe('resident of another unit', () => {
  it('resident: the case of 2-1-502 and its order, timeline and steps answer 404', async () => {
    const reception = await w.as('reception');
    const c = await openCaseVia(reception, repairBody(w, { unitId: w.a.unitIds['2-1-502'], residentId: null }));
    const o = (await reception.post(`/api/cases/${c.id}/orders`, { departmentId: w.a.departmentIds.ENG })).json();
    const resident = await w.as('resident');
    const before = await fingerprint();
    for (const url of [`/api/cases/${c.id}`, `/api/cases/${c.id}/timeline`, `/api/cases/${c.id}/orders`, `/api/orders/${o.id}`, `/api/units/${w.a.unitIds['2-1-502']}/cases`]) {
      expect((await resident.get(url)).statusCode, url).toBe(404);
    }
    expect(await fingerprint()).toEqual(before);
  });

  it('resident: every case and order route on the case of 2-1-502 answers 404 and nothing changes', async () => {
    const reception = await w.as('reception');
    const c = await openCaseVia(reception, repairBody(w, { unitId: w.a.unitIds['2-1-502'], residentId: null }));
    const o = (await reception.post(`/api/cases/${c.id}/orders`, { departmentId: w.a.departmentIds.ENG })).json();
    const finding = (await reception.post(`/api/cases/${c.id}/findings`, { description: '楼道灯坏' })).json().findings[0].id;
    const theirs = { ...ids, case: c.id, order: o.id, finding, unit: w.a.unitIds['2-1-502']! };
    const onTheCase = (path: string) => /^\/api\/(cases|orders)\/:id/.test(path) || path === '/api/units/:id/cases';
    const before = await fingerprint();
    const results = await walk(await w.as('resident'), onTheCase, theirs);
    expect(results.length).toBeGreaterThan(30);
    expect(results.filter((r) => !r.startsWith('404'))).toEqual([]);
    expect(await fingerprint()).toEqual(before);
  });

  it('resident: the order list counts no order it does not show (no total without items)', async () => {
    const reception = await w.as('reception');
    const c = await openCaseVia(reception, repairBody(w, { unitId: w.a.unitIds['2-1-502'], residentId: null }));
    expect((await reception.post(`/api/cases/${c.id}/orders`, { departmentId: w.a.departmentIds.ENG })).statusCode).toBe(201);
    const staffList = (await reception.get(`/api/orders?estateId=${w.a.id}`)).json();
    expect(staffList.total).toBeGreaterThan(0);
    const list = (await (await w.as('resident')).get(`/api/orders?estateId=${w.a.id}`)).json();
    expect(list).toEqual({ total: 0, items: [] });
  });
});
