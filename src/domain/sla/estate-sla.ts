import { type CalendarSettings, DEFAULT_CALENDAR_SETTINGS, deskCalendar } from '../calendar/calendar-data.js';
import type { BusinessCalendar } from '../calendar/business-calendar.js';
import { type SlaPolicy, resolveSlaPolicy } from './policy.js';

/**
 * An estate's SLA policy and working calendar from its stored settings
 * (`settings.sla` overrides policy numbers, `settings.calendar` the hours, summer and holidays).
 */
export function estateSlaContext(settings: unknown): { policy: SlaPolicy; cal: BusinessCalendar } {
  const s = (typeof settings === 'object' && settings !== null ? settings : {}) as { sla?: unknown; calendar?: Partial<CalendarSettings> };
  return { policy: resolveSlaPolicy(s.sla), cal: deskCalendar({ ...DEFAULT_CALENDAR_SETTINGS, ...s.calendar }) };
}
