/** Beijing local time for display: 2026-03-02 10:05. */
export function bj(iso: string | null | undefined): string {
  if (!iso) return '';
  return new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** "剩 12 分" / "超时 5 分" from now to a due time. */
export function countdown(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '';
  const min = Math.round((new Date(iso).getTime() - now) / 60_000);
  if (min >= 0) return min >= 120 ? `剩 ${Math.round(min / 60)} 小时` : `剩 ${min} 分`;
  return -min >= 120 ? `超时 ${Math.round(-min / 60)} 小时` : `超时 ${-min} 分`;
}

export const yuan = (cents: number | null | undefined) => (cents == null ? '' : `¥${(cents / 100).toFixed(2)}`);

/** A local datetime-input value (YYYY-MM-DDTHH:mm, Beijing) → ISO with +08:00. */
export const fromLocalInput = (v: string) => (v ? `${v}:00+08:00` : null);
