import { beijingMinute } from '../domain/beijing-day.js';

/**
 * The shell every printed form shares (issue 12 item 4): an A4 sheet with Chinese fonts, print
 * CSS (margins, table headers repeated on each page, rows kept whole, one sheet per page where a
 * form has several), and the 打印 button wired by /api/print.js, because the pages' CSP runs no
 * inline script. Everything put into a form goes through `esc`.
 */

export const esc = (s: unknown) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export const yuan = (cents: number) => (cents / 100).toFixed(2);

/** An instant as Beijing wall time, minutes (empty for none). */
export const bj = (d: Date | string | null | undefined) => beijingMinute(d instanceof Date ? d.toISOString() : d);

/** A cell of a printed table, escaped when drawn. */
export type PrintCell = string | number | null | undefined;

/** A bordered table whose header row repeats on every printed page. */
export function printTable(headers: readonly string[], rows: readonly PrintCell[][], opts: { widths?: readonly string[]; empty?: string } = {}) {
  const cols = opts.widths ? `<colgroup>${opts.widths.map((w) => `<col style="width:${w}">`).join('')}</colgroup>` : '';
  const body = rows.length
    ? rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('')
    : `<tr><td colspan="${headers.length}" class="empty">${esc(opts.empty ?? '（无）')}</td></tr>`;
  return `<table class="grid">${cols}<thead><tr>${headers.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${body}</tbody></table>`;
}

/** A line for a handwritten signature, or the recorded one. */
export function signatureLine(label: string, signed?: { name: string | null; at: Date | string } | null) {
  const value = signed ? `${esc(signed.name ?? '')}　${esc(bj(signed.at))}` : '';
  return `<span class="sign"><span class="sign-label">${esc(label)}：</span><span class="sign-line">${value}</span></span>`;
}

const CSS = (landscape: boolean) => `
@page { size: A4 ${landscape ? 'landscape' : 'portrait'}; margin: 12mm 10mm 14mm; }
* { box-sizing: border-box; }
body { font-family: "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif; color: #000; margin: 0; background: #eee; }
.sheet { background: #fff; width: ${landscape ? '297mm' : '210mm'}; min-height: ${landscape ? '210mm' : '297mm'}; margin: 12px auto; padding: 12mm 10mm; box-shadow: 0 0 4px #999; }
h1 { font-size: 20px; text-align: center; margin: 0 0 4px; letter-spacing: 2px; }
.sub { text-align: center; font-size: 13px; margin: 0 0 10px; }
.meta { display: flex; justify-content: space-between; font-size: 12px; margin: 0 0 6px; }
table.grid { border-collapse: collapse; width: 100%; table-layout: fixed; }
table.grid th, table.grid td { border: 1px solid #333; padding: 3px 5px; font-size: 11.5px; vertical-align: top; overflow-wrap: anywhere; }
table.grid th { background: #f2f2f2; font-weight: 600; text-align: center; }
table.grid td.empty { text-align: center; color: #555; }
table.form th { width: 16%; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
.signs { display: flex; flex-wrap: wrap; gap: 10px 32px; margin-top: 18px; font-size: 13px; }
.sign-line { display: inline-block; min-width: 56mm; border-bottom: 1px solid #000; padding: 0 4px; }
.copy-label { float: right; border: 1px solid #000; padding: 1px 6px; font-size: 12px; }
.note { font-size: 11px; color: #333; margin-top: 8px; }
.toolbar { text-align: center; margin: 12px; }
@media print {
  body { background: #fff; }
  .sheet { width: auto; min-height: 0; margin: 0; padding: 0; box-shadow: none; }
  .sheet + .sheet { break-before: page; }
  .toolbar { display: none; }
  th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}`;

/**
 * A whole printable page: one or more A4 sheets (each starts a new printed page).
 * `landscape` for the wide registers.
 */
export function printPage(opts: { title: string; sheets: readonly string[]; landscape?: boolean }) {
  const sheets = opts.sheets.map((s) => `<section class="sheet">${s}</section>`).join('\n');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${esc(opts.title)}</title><style>${CSS(Boolean(opts.landscape))}</style></head>
<body><div class="toolbar"><button type="button" data-print>打印</button></div>
${sheets}
<script src="/api/print.js" defer></script></body></html>`;
}
