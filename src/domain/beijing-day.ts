/**
 * Beijing time (Asia/Shanghai: UTC+8, no daylight saving), the one place its arithmetic is
 * written: days, months and years for numbering and reports, and the way instants are shown.
 */

const DAY_MS = 86_400_000;
export const BEIJING_OFFSET_MS = 8 * 3_600_000;

const shifted = (at: Date) => new Date(at.getTime() + BEIJING_OFFSET_MS);

/** The Beijing calendar day (YYYY-MM-DD) of an instant. */
export const beijingDay = (at: Date) => shifted(at).toISOString().slice(0, 10);

/** The Beijing month 'YYYY-MM' an instant falls in. */
export const beijingMonth = (at: Date) => shifted(at).toISOString().slice(0, 7);

/** Beijing-time calendar year of an instant: case numbers restart on 1 January in China. */
export const beijingYear = (at: Date) => shifted(at).getUTCFullYear();

/** An instant as Beijing local time with its offset: 2026-02-13T17:00:00+08:00. */
export const beijingIso = (d: Date) => `${shifted(d).toISOString().slice(0, 19)}+08:00`;

/** An ISO instant as the paper forms and exports show it: '2026-03-02 10:05' (Beijing); '' for none. */
export const beijingMinute = (iso: string | null | undefined) => (iso ? shifted(new Date(iso)).toISOString().slice(0, 16).replace('T', ' ') : '');

/** The UTC instants of a Beijing calendar day: [from, to). */
export const dayBounds = (day: string) => {
  const from = new Date(Date.parse(`${day}T00:00:00+08:00`));
  return { from, to: new Date(from.getTime() + DAY_MS) };
};

/** The UTC instants of a Beijing calendar month 'YYYY-MM': [from, to), and its last day. */
export function monthBounds(month: string) {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const from = new Date(Date.UTC(y, m - 1, 1) - BEIJING_OFFSET_MS);
  const to = new Date(Date.UTC(y, m, 1) - BEIJING_OFFSET_MS);
  return { from, to, lastDay: new Date(to.getTime() + BEIJING_OFFSET_MS - DAY_MS).toISOString().slice(0, 10) };
}
