/**
 * Text a spreadsheet would read as a formula (= + - @, or a leading tab or carriage return that
 * Excel strips before looking) gets a leading apostrophe, so an exported cell planted by a
 * resident through the portal is shown, never run. Used by every CSV (and later .xlsx) export.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** One CSV cell: formula-like text neutralised, quoted when it holds a comma, quote or line break. */
export function csvCell(v: unknown): string {
  const s = neutraliseFormula(v === null || v === undefined ? '' : String(v));
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A whole CSV file as Excel opens it: UTF-8 with a BOM (so Chinese shows), CRLF lines. */
export const csvDocument = (lines: readonly (readonly unknown[])[]) => `\uFEFF${lines.map((l) => l.map(csvCell).join(',')).join('\r\n')}\r\n`;
