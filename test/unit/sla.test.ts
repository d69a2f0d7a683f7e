import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSlaExplain } from '../../src/cli/sla-explain.js';
import { deskCalendar } from '../../src/domain/calendar/calendar-data.js';
import { computeDeadlines, shiftForPause } from '../../src/domain/sla/compute-deadlines.js';
import { beijingIso } from '../../src/domain/sla/format.js';
import { DEFAULT_SLA_POLICY, resolveSlaPolicy } from '../../src/domain/sla/policy.js';
import type { ClockInput } from '../../src/domain/sla/clocks.js';

const cal = deskCalendar();
const bj = (s: string) => new Date(`${s}+08:00`);
const due = (input: Partial<ClockInput>, policy = DEFAULT_SLA_POLICY) =>
  Object.fromEntries(
    computeDeadlines(policy, cal, { kind: 'repair', channel: 'phone', urgency: 'routine', openedAt: bj('2026-03-02T10:00:00'), ...input }).map((d) => [d.clock, beijingIso(d.due)]),
  );

async function cli(args: string) {
  let out = '';
  let err = '';
  const code = await runSlaExplain(args.split(' '), { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } });
  return { code, out, err };
}

describe('SLA clocks', () => {
  it('R-WO-1: dispatch is due 10 minutes after opening', () => expect(due({}).dispatch).toBe('2026-03-02T10:10:00+08:00'));
  it('R-WO-4: arrival 20 min, 10 min in an emergency, or the appointment time', () => {
    expect(due({}).arrival).toBe('2026-03-02T10:20:00+08:00');
    expect(due({ urgency: 'emergency' }).arrival).toBe('2026-03-02T10:10:00+08:00');
    expect(due({ appointmentAt: bj('2026-03-03T15:00:00') }).arrival).toBe('2026-03-03T15:00:00+08:00');
  });
  it('R-WO-4: the 15-minute variant of the seed is a setting', () => {
    expect(due({}, resolveSlaPolicy({ arrivalMinutes: 15 })).arrival).toBe('2026-03-02T10:15:00+08:00');
  });
  it('R-FU-1 / R-FU-2: follow-ups at 2 h and before the end of the working day', () => {
    expect(due({})).toMatchObject({ followup_2h: '2026-03-02T12:00:00+08:00', followup_eod: '2026-03-02T17:00:00+08:00' });
  });
  it('R-CP-1: replies — phone the same day, email and letter 2 working days, owners’ committee 3', () => {
    const c = { kind: 'complaint' as const, openedAt: bj('2026-03-06T10:00:00') };
    expect(due({ ...c, channel: 'phone' }).reply).toBe('2026-03-06T17:00:00+08:00');
    expect(due({ ...c, channel: 'email' }).reply).toBe('2026-03-10T17:00:00+08:00');
    expect(due({ ...c, channel: 'letter' }).reply).toBe('2026-03-10T17:00:00+08:00');
    expect(due({ ...c, channel: 'owners_committee' }).reply).toBe('2026-03-11T17:00:00+08:00');
  });
  it('R-CP-2: online — 4 h acknowledgement; a measure the same working day, or the next when filed after hours', () => {
    expect(due({ kind: 'complaint', channel: 'online' })).toMatchObject({ online_ack: '2026-03-02T14:00:00+08:00', online_measure: '2026-03-02T17:00:00+08:00' });
    expect(due({ kind: 'complaint', channel: 'online', openedAt: bj('2026-03-06T20:00:00') }).online_measure).toBe('2026-03-09T17:00:00+08:00');
  });
  it('R-GM-3 / R-GM-4: hotline first visit in 24 h, escalation after 7 days', () => {
    expect(due({ kind: 'complaint', channel: 'gm_hotline' })).toMatchObject({ gm_first_visit: '2026-03-03T10:00:00+08:00', gm_escalation: '2026-03-09T10:00:00+08:00' });
  });
  it('R-HOT-1 and R-IN-8: hot report 4 h; a promised reply time is a deadline', () => {
    expect(due({ kind: 'complaint', hot: true }).hot_report).toBe('2026-03-02T14:00:00+08:00');
    expect(due({ kind: 'inquiry', promisedAt: bj('2026-03-04T09:00:00') }).promised_reply).toBe('2026-03-04T09:00:00+08:00');
  });
  it('warnings come at 80 % of the time, on the clock’s basis', () => {
    const ds = computeDeadlines(DEFAULT_SLA_POLICY, cal, { kind: 'repair', channel: 'phone', urgency: 'routine', openedAt: bj('2026-03-02T10:00:00') });
    expect(beijingIso(ds.find((d) => d.clock === 'dispatch')!.warnAt)).toBe('2026-03-02T10:08:00+08:00');
    // 10:00 → 17:00 is 6 working hours (lunch excluded); 80 % = 4 h 48 min → 15:48
    expect(beijingIso(ds.find((d) => d.clock === 'followup_eod')!.warnAt)).toBe('2026-03-02T15:48:00+08:00');
  });
  it('pausing really stops the clock: wall time by the pause, working time by the working part of it', () => {
    expect(beijingIso(shiftForPause(cal, bj('2026-03-02T10:20:00'), 'wall', bj('2026-03-02T10:05:00'), bj('2026-03-02T11:05:00')))).toBe('2026-03-02T11:20:00+08:00');
    expect(beijingIso(shiftForPause(cal, bj('2026-03-06T17:00:00'), 'working', bj('2026-03-06T16:00:00'), bj('2026-03-09T09:00:00')))).toBe('2026-03-09T10:00:00+08:00');
  });
});

describe('propdesk sla explain', () => {
  it('operator: prints every clock as JSON with +08:00 times', async () => {
    const r = await cli('explain --kind repair --channel phone --urgency emergency --at 2026-03-02T10:00:00+08:00');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual([
      { clock: 'dispatch', due: '2026-03-02T10:10:00+08:00', basis: 'wall' },
      { clock: 'arrival', due: '2026-03-02T10:10:00+08:00', basis: 'wall' },
      { clock: 'followup_2h', due: '2026-03-02T12:00:00+08:00', basis: 'wall' },
      { clock: 'followup_eod', due: '2026-03-02T17:00:00+08:00', basis: 'working' },
    ]);
  });
  it('operator: accepts UTC input and an appointment', async () => {
    const r = await cli('explain --kind repair --channel wechat --urgency routine --at 2026-03-02T02:00:00Z --appointment 2026-03-03T09:30:00+08:00');
    expect(JSON.parse(r.out).find((d: { clock: string }) => d.clock === 'arrival').due).toBe('2026-03-03T09:30:00+08:00');
  });
  it('operator: bad arguments exit 2 with one line', async () => {
    for (const args of [
      'explain --kind repairs --channel phone --urgency routine --at 2026-03-02T10:00:00+08:00',
      'explain --kind repair --channel phone --urgency routine --at 2026-03-02T10:00:00',
      'explain --kind repair --channel phone --urgency urgent --at 2026-03-02T10:00:00+08:00',
      'explain --kind repair --channel phone --urgency routine',
      'explain --kind repair --channel phone --urgency routine --at',
      'describe',
      // unknown options, extra words and repeated options are refused, not ignored
      'explain --kind repair --channel phone --urgency routine --at 2026-03-02T10:00:00+08:00 --hotness',
      'explain --kind repair --channel phone --urgency routine --at 2026-03-02T10:00:00+08:00 --apointment 2026-03-03T10:00:00+08:00',
      'explain now --kind repair --channel phone --urgency routine --at 2026-03-02T10:00:00+08:00',
      'explain --kind repair --channel phone --urgency routine --at 2026-03-02T10:00:00+08:00 extra',
      'explain --kind repair --kind complaint --channel phone --urgency routine --at 2026-03-02T10:00:00+08:00',
      'explain --kind repair --channel phone --urgency routine --at 2026-03-02T10:00:00+08:00 --at=2026-03-03T10:00:00+08:00',
      'explain --kind repair --channel phone --urgency routine --hot --hot --at 2026-03-02T10:00:00+08:00',
      // impossible dates and times (Date.parse would roll them over)
      'explain --kind repair --channel phone --urgency routine --at 2026-02-30T09:00+08:00',
      'explain --kind repair --channel phone --urgency routine --at 2026-02-29T09:00:00+08:00',
      'explain --kind repair --channel phone --urgency routine --at 2026-03-02T24:00:00+08:00',
      'explain --kind repair --channel phone --urgency routine --at 2026-03-02T10:60:00+08:00',
      'explain --kind repair --channel phone --urgency routine --at 2026-03-02T10:00:00+08:00 --appointment 2026-04-31T10:00:00+08:00',
      // a year without holiday data
      'explain --kind complaint --channel letter --urgency routine --at 2027-03-01T10:00:00+08:00',
    ]) {
      const r = await cli(args);
      expect(r.code, args).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.out).toBe('');
    }
  });
  it('operator: accepts a real leap day and a time without seconds', async () => {
    expect((await cli('explain --kind repair --channel phone --urgency routine --at 2028-02-29T09:00+08:00')).code).toBe(2); // no 2028 calendar
    const r = await cli('explain --kind repair --channel phone --urgency routine --at 2026-03-02T10:00+08:00');
    expect(r.code).toBe(0);
  });
  it('operator: an unknown --estate is refused without creating a database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'propdesk-cli-'));
    const url = process.env.DATABASE_URL;
    delete process.env.DATABASE_URL;
    try {
      const r = await cli(`explain --kind repair --channel phone --urgency routine --at 2026-03-02T10:00:00+08:00 --estate NOPE --data ${dir}`);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/^propdesk sla: unknown --estate NOPE/);
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      if (url !== undefined) process.env.DATABASE_URL = url;
    }
  });
  it('operator: a working-time due in a year without holiday data is printed with a one-line warning', async () => {
    const r = await cli('explain --kind complaint --channel letter --urgency routine --at 2026-12-31T10:00:00+08:00');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).find((d: { clock: string }) => d.clock === 'reply').due).toBe('2027-01-04T17:00:00+08:00');
    expect(r.err.trim().split('\n')).toEqual([expect.stringMatching(/warning: working-time dues in 2027/)]);
  });
});
