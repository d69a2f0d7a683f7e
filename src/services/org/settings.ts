import { eq } from 'drizzle-orm';
import { explain } from '../../cli/sla-explain.js';
import type { CalendarOverrides, DayHours, EstateSettings, RulesOverrides, SlaOverrides } from '../../contracts/settings.js';
import type { AppContext } from '../../context.js';
import type { Queryable } from '../../db/client.js';
import { estates } from '../../db/schema/index.js';
import { type CalendarSettings, DEFAULT_CALENDAR_SETTINGS, DEFAULT_HOTLINE_HOURS, type HolidayYears, SHIPPED_HOLIDAYS } from '../../domain/calendar/calendar-data.js';
import type { CaseKind, Channel, Urgency } from '../../domain/case-types.js';
import { DEFAULT_SETTINGS, resolveSettings } from '../../domain/settings.js';
import { estateSlaContext } from '../../domain/sla/estate-sla.js';
import { beijingIso } from '../../domain/sla/format.js';
import { DEFAULT_SLA_POLICY, resolveSlaPolicy } from '../../domain/sla/policy.js';
import { invalid, notFound } from '../../errors.js';
import type { Actor } from '../../policies/actor.js';
import { requireOrgAdmin, requireOrgReader } from './guard.js';
import { asActor } from '../../db/repos/admin-events.js';

/*
 * Typed views and edits of an estate's settings JSON. Reads: staff of the estate (404 for
 * others); writes: the estate's admins (403 for other staff), one transaction, the row locked.
 * Deadlines are computed when a case opens, so a change applies to cases opened afterwards.
 */

export type Stored = Record<string, unknown>;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

async function storedSettings(db: Queryable, estateId: string): Promise<Stored> {
  const [e] = await db.select({ settings: estates.settings }).from(estates).where(eq(estates.id, estateId));
  if (!e) throw notFound('项目');
  return isObject(e.settings) ? e.settings : {};
}

/** Reads, changes and writes the settings JSON in one transaction with the estate row locked (audited as the actor's). */
async function editSettings(ctx: AppContext, actor: Actor, estateId: string, change: (s: Stored) => Stored): Promise<Stored> {
  return asActor(ctx.database.db, actor.userId, async (tx) => {
    const [e] = await tx.select({ settings: estates.settings }).from(estates).where(eq(estates.id, estateId)).for('update');
    if (!e) throw notFound('项目');
    const next = change({ ...(isObject(e.settings) ? e.settings : {}) });
    await tx.update(estates).set({ settings: next }).where(eq(estates.id, estateId));
    return next;
  });
}

/** Drops undefined members and empty objects, so "left out" means "the default". */
function compact<T extends Record<string, unknown>>(o: T): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined) continue;
    if (isObject(v)) {
      const inner = compact(v);
      if (Object.keys(inner).length > 0) out[k] = inner;
    } else out[k] = v;
  }
  return out as Partial<T>;
}

// ---- SLA policy ------------------------------------------------------------------------------

const slaView = (stored: Stored) => ({
  defaults: DEFAULT_SLA_POLICY,
  overrides: isObject(stored.sla) ? stored.sla : {},
  effective: resolveSlaPolicy(stored.sla),
});

export async function getSlaSettings(db: Queryable, actor: Actor, estateId: string) {
  requireOrgReader(actor, estateId);
  return slaView(await storedSettings(db, estateId));
}

/** Replaces the estate's SLA overrides (a field left out returns to its default). */
export async function putSlaSettings(ctx: AppContext, actor: Actor, estateId: string, input: SlaOverrides) {
  requireOrgAdmin(actor, estateId);
  const overrides = compact(input);
  const effective = resolveSlaPolicy(overrides);
  if (effective.arrivalEmergencyMinutes > effective.arrivalMinutes) {
    throw invalid('arrivalEmergencyMinutes', `紧急到场时限（${effective.arrivalEmergencyMinutes} 分钟）不能长于一般到场时限（${effective.arrivalMinutes} 分钟）`);
  }
  const next = await editSettings(ctx, actor, estateId, (s) => {
    if (Object.keys(overrides).length > 0) s.sla = overrides;
    else delete s.sla;
    return s;
  });
  return slaView(next);
}

// ---- other rule numbers -----------------------------------------------------------------------

const RULE_KEYS = ['closing', 'escalation', 'hot', 'reworkWindowDays', 'emergencyKeywords', 'kpi', 'uploads', 'hotline'] as const;

const rulesView = (stored: Stored) => {
  const effective = resolveSettings(stored);
  const pick = (o: Record<string, unknown>) => Object.fromEntries(RULE_KEYS.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
  return { defaults: pick(DEFAULT_SETTINGS as unknown as Stored), overrides: pick(stored), effective: pick(effective as unknown as Stored) };
};

export async function getRulesSettings(db: Queryable, actor: Actor, estateId: string) {
  requireOrgReader(actor, estateId);
  return rulesView(await storedSettings(db, estateId));
}

/** Replaces the overrides of closing, escalation, hot thresholds, rework window, keywords, KPI targets and upload allowances. */
export async function putRulesSettings(ctx: AppContext, actor: Actor, estateId: string, input: RulesOverrides) {
  requireOrgAdmin(actor, estateId);
  const overrides = compact(input);
  const hot = { ...DEFAULT_SETTINGS.hot, ...overrides.hot };
  if (hot.majorHeadcount <= hot.hotHeadcount) throw invalid('hot.majorHeadcount', `重大投诉人数（${hot.majorHeadcount}）须多于热点投诉人数（${hot.hotHeadcount}）`);
  if (hot.majorAfterDays <= hot.hotAfterDays) throw invalid('hot.majorAfterDays', `未解决转重大天数（${hot.majorAfterDays}）须多于转热点天数（${hot.hotAfterDays}）`);
  const next = await editSettings(ctx, actor, estateId, (s) => {
    for (const k of RULE_KEYS) {
      if (overrides[k] !== undefined) s[k] = overrides[k];
      else delete s[k];
    }
    return s;
  });
  return rulesView(next);
}

// ---- working calendar -------------------------------------------------------------------------

type Periods = [string, string][];
const DEFAULT_HOTLINE = { start: DEFAULT_HOTLINE_HOURS[0], end: DEFAULT_HOTLINE_HOURS[1] };

/** Stored periods → start, end and the lunch break between the first two periods. */
export function toDayHours(periods: Periods): DayHours {
  const sorted = [...periods].sort((a, b) => a[0].localeCompare(b[0]));
  const first = sorted[0] ?? ['08:00', '17:00'];
  const last = sorted[sorted.length - 1] ?? first;
  return { start: first[0], end: last[1], lunch: sorted.length >= 2 ? { start: first[1], end: sorted[1]![0] } : null };
}

/** Start, end and lunch → the periods the business calendar counts. */
export const toPeriods = (h: DayHours): Periods =>
  h.lunch
    ? [
        [h.start, h.lunch.start],
        [h.lunch.end, h.end],
      ]
    : [[h.start, h.end]];

type StoredCalendar = Partial<CalendarSettings>;

function calendarOverridesView(c: StoredCalendar) {
  const out: Record<string, unknown> = {};
  if (Array.isArray(c.hours)) out.hours = toDayHours(c.hours);
  if (c.summer === null) out.summer = null;
  else if (isObject(c.summer)) out.summer = { from: c.summer.from, to: c.summer.to, hours: toDayHours(c.summer.hours) };
  if (Array.isArray(c.hotline)) out.hotline = { start: c.hotline[0], end: c.hotline[1] };
  if (isObject(c.holidays)) out.holidays = c.holidays;
  return out;
}

const calendarView = (stored: Stored) => {
  const c: StoredCalendar = isObject(stored.calendar) ? (stored.calendar as StoredCalendar) : {};
  const d = DEFAULT_CALENDAR_SETTINGS;
  const defaults = {
    hours: toDayHours(d.hours),
    summer: d.summer ? { from: d.summer.from, to: d.summer.to, hours: toDayHours(d.summer.hours) } : null,
    hotline: DEFAULT_HOTLINE,
    holidays: SHIPPED_HOLIDAYS.years,
  };
  const overrides = calendarOverridesView(c);
  const years: HolidayYears['years'] = { ...SHIPPED_HOLIDAYS.years, ...(isObject(c.holidays) ? c.holidays : {}) };
  const effective = { ...defaults, ...overrides, holidays: Object.fromEntries(Object.entries(years).sort(([a], [b]) => a.localeCompare(b))) };
  return { defaults, overrides, effective, shippedYears: Object.keys(SHIPPED_HOLIDAYS.years) };
};

export async function getCalendarSettings(db: Queryable, actor: Actor, estateId: string) {
  requireOrgReader(actor, estateId);
  return calendarView(await storedSettings(db, estateId));
}

/**
 * Replaces the calendar overrides. Holiday years given replace those years of the shipped data;
 * years left out use it. Dates are checked in the contract (format, order, no day both a
 * holiday and a 调休 working day).
 */
export async function putCalendarSettings(ctx: AppContext, actor: Actor, estateId: string, input: CalendarOverrides) {
  requireOrgAdmin(actor, estateId);
  const next = await editSettings(ctx, actor, estateId, (s) => withCalendar(s, input));
  return calendarView(next);
}

/** The settings with the calendar overrides replaced, stored in the form the calendar code reads. */
function withCalendar(s: Stored, input: CalendarOverrides): Stored {
  const cal: StoredCalendar = {};
  if (input.hours) cal.hours = toPeriods(input.hours);
  if (input.summer === null) cal.summer = null;
  else if (input.summer) cal.summer = { from: input.summer.from, to: input.summer.to, hours: toPeriods(input.summer.hours) };
  if (input.hotline) cal.hotline = [input.hotline.start, input.hotline.end];
  if (input.holidays && Object.keys(input.holidays).length > 0) cal.holidays = input.holidays;
  if (Object.keys(cal).length > 0) s.calendar = cal;
  else delete s.calendar;
  return s;
}

/**
 * `PATCH /api/estates/:id {settings}`: each group given (sla, calendar, closing, webhooks …)
 * replaces that group, the others stay — a PATCH naming webhooks must not wipe the SLA policy —
 * and the calendar is stored exactly as `PUT …/settings/calendar` stores it.
 */
export function patchSettings(stored: Stored, patch: EstateSettings): Stored {
  let next: Stored = { ...stored };
  for (const [group, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (group === 'calendar') next = withCalendar(next, value as CalendarOverrides);
    else next[group] = value;
  }
  return next;
}

// ---- preview ----------------------------------------------------------------------------------

/**
 * What `propdesk sla explain` prints for this estate: every deadline a case opened at `at` gets
 * (under the saved policy, or under a draft of overrides not saved yet).
 */
export async function explainSla(
  ctx: AppContext,
  actor: Actor,
  estateId: string,
  q: { kind: CaseKind; channel: Channel; urgency: Urgency; at?: string; appointment?: string; hot?: boolean; draft?: SlaOverrides },
) {
  requireOrgReader(actor, estateId);
  const stored = await storedSettings(ctx.database.db, estateId);
  // A draft (unsaved overrides from the screen) replaces the saved SLA overrides; the calendar stays.
  const { policy, cal } = estateSlaContext(q.draft ? { ...stored, sla: compact(q.draft) } : stored);
  const at = q.at ? new Date(q.at) : ctx.clock.now();
  const deadlines = explain(policy, cal, { kind: q.kind, channel: q.channel, urgency: q.urgency, at, appointment: q.appointment ? new Date(q.appointment) : undefined, hot: q.hot });
  return { at: beijingIso(at), kind: q.kind, channel: q.channel, urgency: q.urgency, draft: Boolean(q.draft), deadlines };
}
