import { type CalendarSettings, DEFAULT_CALENDAR_SETTINGS, deskCalendar } from '../calendar/calendar-data.js';
import type { BusinessCalendar } from '../calendar/business-calendar.js';
import { type SlaPolicy, resolveSlaPolicy } from './policy.js';

export interface EstateSla {
  policy: SlaPolicy;
  cal: BusinessCalendar;
}

/** How many distinct settings versions the memo keeps (an estate's edits each make a new key). */
const MEMO_SIZE = 500;
const memo = new Map<string, EstateSla>();

/**
 * An estate's SLA policy and working calendar from its stored settings
 * (`settings.sla` overrides policy numbers, `settings.calendar` the hours, summer and holidays).
 *
 * Pure and memoized by content: the key is the `sla` and `calendar` parts of the settings
 * themselves, so a changed setting is a new key (no invalidation, and the same answer on every
 * node), and the holiday data is expanded once per settings version instead of once per case.
 * The result is shared: callers must not mutate it.
 */
export function estateSlaContext(settings: unknown): EstateSla {
  const s = (typeof settings === 'object' && settings !== null ? settings : {}) as { sla?: unknown; calendar?: Partial<CalendarSettings> };
  const key = JSON.stringify([s.sla ?? null, s.calendar ?? null]);
  const hit = memo.get(key);
  if (hit) return hit;
  const value: EstateSla = { policy: resolveSlaPolicy(s.sla), cal: deskCalendar({ ...DEFAULT_CALENDAR_SETTINGS, ...s.calendar }) };
  if (memo.size >= MEMO_SIZE) memo.delete(memo.keys().next().value!);
  memo.set(key, value);
  return value;
}
