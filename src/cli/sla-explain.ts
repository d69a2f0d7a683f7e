import { eq } from 'drizzle-orm';
import { estates } from '../db/schema/index.js';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { type HolidayYears, SHIPPED_HOLIDAYS, deskCalendar } from '../domain/calendar/calendar-data.js';
import { localDate } from '../domain/calendar/business-calendar.js';
import type { BusinessCalendar } from '../domain/calendar/business-calendar.js';
import { CASE_KINDS, CHANNELS, URGENCIES, type CaseKind, type Channel, type Urgency } from '../domain/case-types.js';
import { computeDeadlines } from '../domain/sla/compute-deadlines.js';
import { beijingIso } from '../domain/sla/format.js';
import { DEFAULT_SLA_POLICY, type SlaPolicy } from '../domain/sla/policy.js';
import { estateSlaContext } from '../domain/sla/estate-sla.js';
import { UsageError, parseArgs } from './args.js';
import { openRuntime } from './runtime.js';

const ISO_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-](\d{2}):(\d{2}))$/;

/** Whether the written fields are a real date and time: Date.parse rolls 2026-02-30 over to 2 March. */
function realTime(m: RegExpExecArray): boolean {
  const [y, mo, d, h, mi, sec, , oh, om] = m.slice(1).map((x) => (x === undefined ? 0 : Number(x)));
  const day = new Date(Date.UTC(y!, mo! - 1, d!));
  const dateOk = day.getUTCFullYear() === y && day.getUTCMonth() === mo! - 1 && day.getUTCDate() === d;
  return dateOk && h! < 24 && mi! < 60 && sec! < 60 && oh! <= 14 && om! < 60;
}

function time(name: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const m = ISO_WITH_OFFSET.exec(value);
  if (!m) throw new UsageError(`--${name} must be an ISO time with an offset, e.g. 2026-03-02T10:00:00+08:00 (got ${value})`);
  if (!realTime(m)) throw new UsageError(`--${name} is not a real date and time: ${value}`);
  return new Date(value);
}

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T {
  if (value === undefined) throw new UsageError(`--${name} is required (one of ${allowed.join(' ')})`);
  if (!allowed.includes(value as T)) throw new UsageError(`unknown --${name} ${value}; one of ${allowed.join(' ')}`);
  return value as T;
}

const OPTIONS = ['kind', 'channel', 'urgency', 'at', 'estate', 'appointment', 'promised', 'data'] as const;
const USAGE = 'usage: propdesk sla explain --kind K --channel C --urgency routine|emergency --at ISO [--estate CODE] [--data DIR] [--appointment ISO] [--promised ISO] [--hot]';

/** The explain computation itself, for a given policy and calendar (no I/O). */
export function explain(policy: SlaPolicy, cal: BusinessCalendar, input: { kind: CaseKind; channel: Channel; urgency: Urgency; at: Date; appointment?: Date; promised?: Date; hot?: boolean }) {
  return computeDeadlines(policy, cal, {
    kind: input.kind,
    channel: input.channel,
    urgency: input.urgency,
    openedAt: input.at,
    appointmentAt: input.appointment,
    promisedAt: input.promised,
    hot: input.hot,
  }).map((d) => ({ clock: d.clock, due: beijingIso(d.due), basis: d.basis }));
}

/**
 * `propdesk sla explain …`: prints, as JSON, every deadline a case opened at --at would get.
 * Without --estate it needs no database (default policy, shipped calendar).
 * @returns the exit code: 0, or 2 for bad arguments
 */
export async function runSlaExplain(argv: string[], io: { stdout: { write(s: string): unknown }; stderr: { write(s: string): unknown } }): Promise<number> {
  try {
    const { options, positional } = parseArgs(argv, ['hot'], { options: OPTIONS, positional: 1 });
    if (positional[0] !== 'explain') throw new UsageError(USAGE);
    const input = {
      kind: oneOf('kind', options.kind, CASE_KINDS),
      channel: oneOf('channel', options.channel, CHANNELS),
      urgency: oneOf('urgency', options.urgency, URGENCIES),
      at: time('at', options.at) ?? (() => { throw new UsageError('--at is required'); })(),
      appointment: time('appointment', options.appointment),
      promised: time('promised', options.promised),
      hot: options.hot === 'true',
    };
    let policy = DEFAULT_SLA_POLICY;
    let cal = deskCalendar();
    let years = holidayYears();
    if (options.estate) ({ policy, cal, years } = await estatePolicy(options.estate, options.data));
    // Without the year's holidays and 调休 days, "working" answers would silently be wrong.
    const year = localDate(input.at).slice(0, 4);
    if (!years.includes(year)) throw new UsageError(`no holiday calendar for ${year} (have ${years.join(', ')}); add the year's arrangements to the estate's calendar settings`);
    const result = explain(policy, cal, input);
    const beyond = [...new Set(result.filter((d) => d.basis === 'working').map((d) => d.due.slice(0, 4)))].filter((y) => !years.includes(y));
    if (beyond.length > 0) io.stderr.write(`propdesk sla: warning: working-time dues in ${beyond.join(', ')} assume no holidays (no calendar data for that year)\n`);
    io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`propdesk sla: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

/**
 * The estate's policy, calendar and holiday years from the installation's database. A missing
 * embedded database is not created just to find the estate unknown.
 */
async function estatePolicy(code: string, data?: string) {
  const dir = resolve(data ?? process.env.PROPDESK_DATA ?? 'data');
  if (!process.env.DATABASE_URL && !existsSync(resolve(dir, 'pglite', 'PG_VERSION'))) throw new UsageError(`unknown --estate ${code} (no database at ${dir})`);
  const rt = await openRuntime({ data });
  try {
    const [e] = await rt.database.db.select().from(estates).where(eq(estates.code, code));
    if (!e) throw new UsageError(`unknown --estate ${code}`);
    const calendar = (e.settings as { calendar?: { holidays?: HolidayYears['years'] } } | null)?.calendar;
    return { ...estateSlaContext(e.settings), years: holidayYears(calendar?.holidays) };
  } finally {
    await rt.close();
  }
}

/** Years with holiday data: the shipped ones and those the estate added. */
function holidayYears(extra: HolidayYears['years'] = {}): string[] {
  return [...new Set([...Object.keys(SHIPPED_HOLIDAYS.years), ...Object.keys(extra)])].sort();
}
