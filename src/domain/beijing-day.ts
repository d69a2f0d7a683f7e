const DAY_MS = 86_400_000;
const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** The Beijing calendar day (YYYY-MM-DD) of an instant. */
export const beijingDay = (at: Date) => new Date(at.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);

/** The UTC instants of a Beijing calendar day: [from, to). */
export const dayBounds = (day: string) => {
  const from = new Date(Date.parse(`${day}T00:00:00+08:00`));
  return { from, to: new Date(from.getTime() + DAY_MS) };
};
