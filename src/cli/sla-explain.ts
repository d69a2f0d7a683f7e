import { eq } from 'drizzle-orm';
import { estates } from '../db/schema/index.js';
import { deskCalendar } from '../domain/calendar/calendar-data.js';
import type { BusinessCalendar } from '../domain/calendar/business-calendar.js';
import { CASE_KINDS, CHANNELS, URGENCIES, type CaseKind, type Channel, type Urgency } from '../domain/case-types.js';
import { computeDeadlines } from '../domain/sla/compute-deadlines.js';
import { beijingIso } from '../domain/sla/format.js';
import { DEFAULT_SLA_POLICY, type SlaPolicy } from '../domain/sla/policy.js';
import { estateSlaContext } from '../domain/sla/estate-sla.js';
import { UsageError, parseArgs } from './args.js';
import { openRuntime } from './runtime.js';

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function time(name: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  if (!ISO_WITH_OFFSET.test(value) || Number.isNaN(Date.parse(value))) {
    throw new UsageError(`--${name} must be an ISO time with an offset, e.g. 2026-03-02T10:00:00+08:00 (got ${value})`);
  }
  return new Date(value);
}

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T {
  if (value === undefined) throw new UsageError(`--${name} is required (one of ${allowed.join(' ')})`);
  if (!allowed.includes(value as T)) throw new UsageError(`unknown --${name} ${value}; one of ${allowed.join(' ')}`);
  return value as T;
}

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
    const { options, positional } = parseArgs(argv, ['hot']);
    if (positional[0] !== 'explain') throw new UsageError('usage: propdesk sla explain --kind K --channel C --urgency routine|emergency --at ISO [--estate CODE] [--appointment ISO] [--promised ISO] [--hot]');
    const input = {
      kind: oneOf('kind', options.kind, CASE_KINDS),
      channel: oneOf('channel', options.channel, CHANNELS),
      urgency: oneOf('urgency', options.urgency, URGENCIES),
      at: time('at', options.at ?? undefined) ?? (() => { throw new UsageError('--at is required'); })(),
      appointment: time('appointment', options.appointment),
      promised: time('promised', options.promised),
      hot: options.hot === 'true',
    };
    let policy = DEFAULT_SLA_POLICY;
    let cal = deskCalendar();
    if (options.estate) ({ policy, cal } = await estatePolicy(options.estate, options.data));
    io.stdout.write(`${JSON.stringify(explain(policy, cal, input), null, 2)}\n`);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`propdesk sla: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

async function estatePolicy(code: string, data?: string) {
  const rt = await openRuntime({ data });
  try {
    const [e] = await rt.database.db.select().from(estates).where(eq(estates.code, code));
    if (!e) throw new UsageError(`unknown --estate ${code}`);
    return estateSlaContext(e.settings);
  } finally {
    await rt.close();
  }
}
