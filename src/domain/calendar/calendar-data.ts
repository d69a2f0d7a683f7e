import shipped from './cn-holidays.json' with { type: 'json' };
import { type BusinessCalendar, period } from './business-calendar.js';

/** Holiday data in the shape of cn-holidays.json (admins add years in the same shape). */
export interface HolidayYears {
  years: Record<string, { holidays: { name: string; from: string; to: string }[]; makeupWorkdays: string[] }>;
}

const DAY_MS = 86_400_000;

/** Expands holiday ranges into the set of local dates off, and the set of 调休 working days. */
export function expandHolidays(data: HolidayYears): { holidays: Set<string>; makeupWorkdays: Set<string> } {
  const holidays = new Set<string>();
  const makeupWorkdays = new Set<string>();
  for (const year of Object.values(data.years)) {
    for (const h of year.holidays) {
      for (let t = Date.parse(`${h.from}T00:00:00Z`); t <= Date.parse(`${h.to}T00:00:00Z`); t += DAY_MS) {
        holidays.add(new Date(t).toISOString().slice(0, 10));
      }
    }
    for (const d of year.makeupWorkdays) makeupWorkdays.add(d);
  }
  return { holidays, makeupWorkdays };
}

/** The mainland-China arrangements shipped with propdesk (2025, 2026). */
export const SHIPPED_HOLIDAYS = shipped as HolidayYears;

export interface CalendarSettings {
  /** Working periods, e.g. [["08:00","12:00"],["13:00","17:00"]] (seed 003). */
  hours: [string, string][];
  /** Summer schedule; the dates are a default — estates set their own summer. */
  summer: { from: string; to: string; hours: [string, string][] } | null;
  /** Extra years or corrections in the cn-holidays.json shape, merged over the shipped data. */
  holidays?: HolidayYears['years'];
  /** GM hotline staffed hours, every day (R-GM-5; default 08:30–18:00). */
  hotline?: [string, string];
}

export const DEFAULT_CALENDAR_SETTINGS: CalendarSettings = {
  hours: [
    ['08:00', '12:00'],
    ['13:00', '17:00'],
  ],
  summer: {
    from: '05-01',
    to: '09-30',
    hours: [
      ['08:00', '12:00'],
      ['13:30', '17:30'],
    ],
  },
};

/** The desk's working calendar from settings and the holiday data. */
export function deskCalendar(settings: CalendarSettings = DEFAULT_CALENDAR_SETTINGS): BusinessCalendar {
  const { holidays, makeupWorkdays } = expandHolidays({ years: { ...SHIPPED_HOLIDAYS.years, ...settings.holidays } });
  return {
    periods: settings.hours.map(([s, e]) => period(s, e)),
    summer: settings.summer ? { from: settings.summer.from, to: settings.summer.to, periods: settings.summer.hours.map(([s, e]) => period(s, e)) } : undefined,
    everyDay: false,
    holidays,
    makeupWorkdays,
  };
}

export const DEFAULT_HOTLINE_HOURS: [string, string] = ['08:30', '18:00'];

/** R-GM-5: the GM hotline is staffed every day of the year, holidays included, in its own hours. */
export function hotlineCalendar(settings: Pick<CalendarSettings, 'hotline'> = {}): BusinessCalendar {
  const [start, end] = settings.hotline ?? DEFAULT_HOTLINE_HOURS;
  return { periods: [period(start, end)], everyDay: true, holidays: new Set(), makeupWorkdays: new Set() };
}
