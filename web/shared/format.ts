// i18next itself (not ./i18n.js), so this stays importable without a browser.
import i18n from 'i18next';

/** Beijing local time for display: 2026-03-02 10:05. */
export function bj(iso: string | null | undefined): string {
  if (!iso) return '';
  return new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** "剩 12 分" / "超时 5 分" from now to a due time ("12 min left" / "5 min overdue" in en-US). */
export function countdown(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '';
  const min = Math.round((new Date(iso).getTime() - now) / 60_000);
  const [n, unit] = Math.abs(min) >= 120 ? [Math.round(Math.abs(min) / 60), 'h'] : [Math.abs(min), 'min'];
  if (i18n.language === 'en-US') return min >= 0 ? `${n} ${unit} left` : `${n} ${unit} overdue`;
  return `${min >= 0 ? '剩' : '超时'} ${n} ${unit === 'h' ? '小时' : '分'}`;
}

export const yuan = (cents: number | null | undefined) => (cents == null ? '' : `¥${(cents / 100).toFixed(2)}`);

/** A local datetime-input value (YYYY-MM-DDTHH:mm, Beijing) → ISO with +08:00. */
export const fromLocalInput = (v: string) => (v ? `${v}:00+08:00` : null);
