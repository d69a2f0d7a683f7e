/** An instant as Beijing local time with its offset: 2026-02-13T17:00:00+08:00. */
export const beijingIso = (d: Date) => `${new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
