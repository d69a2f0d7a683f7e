/**
 * Text a spreadsheet would read as a formula (= + - @, or a leading tab or carriage return that
 * Excel strips before looking) gets a leading apostrophe, so an exported cell planted by a
 * resident through the portal is shown, never run. Used by every CSV (and later .xlsx) export.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
