import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { BEIJING_OFFSET_MS } from '../domain/beijing-day.js';

/**
 * How a column's values are written: text as text (never a formula: an .xlsx string cell is not
 * evaluated, whatever it starts with), whole and decimal numbers as numbers, a percentage as the
 * fraction Excel formats with %, dates and instants as Excel dates in Beijing wall time.
 */
export type XlsxType = 'text' | 'int' | 'number' | 'pct' | 'yuan' | 'date' | 'datetime';

export interface XlsxColumn<R> {
  header: string;
  /** In characters (a Chinese character counts about two). */
  width: number;
  type: XlsxType;
  value: (row: R) => unknown;
}

export interface XlsxSheet<R> {
  /** The tab's name (at most 31 characters, no []:*?/\). */
  name: string;
  /** The first row: what, which estate, which period — a printed sheet says what it is. */
  title: string;
  columns: XlsxColumn<R>[];
  /** Rows in batches, so a long export is read and written a page at a time. */
  rows: AsyncIterable<readonly R[]> | Iterable<readonly R[]>;
}

/** A sheet of any row type, for a workbook of several (each column reads only its own sheet's rows). */
export const sheet = <R>(s: XlsxSheet<R>) => s as unknown as XlsxSheet<unknown>;

const FORMATS: Partial<Record<XlsxType, string>> = {
  int: '0',
  number: '0.00',
  pct: '0.00%',
  yuan: '#,##0.00',
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm',
};

/** Excel dates have no time zone: an instant is written as its Beijing wall-clock time. */
const beijingWall = (v: Date | string) => new Date(new Date(v).getTime() + BEIJING_OFFSET_MS);

function cellValue(type: XlsxType, v: unknown): ExcelJS.CellValue {
  if (v === null || v === undefined || v === '') return null;
  switch (type) {
    case 'int':
    case 'number':
      return Number(v);
    case 'pct':
      // The figures carry percent (98.5); Excel's % format wants the fraction (0.985).
      return Number(v) / 100;
    case 'yuan':
      // Money is integer fen everywhere else; only the sheet shows yuan.
      return Number(v) / 100;
    case 'date':
      return new Date(`${String(v).slice(0, 10)}T00:00:00Z`);
    case 'datetime':
      return beijingWall(v as Date | string);
    default:
      return String(v);
  }
}

/**
 * Writes sheets as one .xlsx to the returned stream, row batch by row batch: each committed row
 * leaves memory, so a 200,000-row export never holds its rows. `onRows` reports progress (rows
 * written so far). The stream errors if a batch fails, so the download is cut rather than short.
 */
export function xlsxStream(sheets: XlsxSheet<unknown>[], onRows?: (n: number) => void): Readable {
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  void (async () => {
    let n = 0;
    for (const s of sheets) {
      const ws = wb.addWorksheet(s.name, { views: [{ state: 'frozen', ySplit: 2 }] });
      ws.columns = s.columns.map((c) => ({ width: c.width, style: FORMATS[c.type] ? { numFmt: FORMATS[c.type] } : {} }));
      const title = ws.addRow([s.title]);
      title.font = { bold: true, size: 13 };
      ws.mergeCells(1, 1, 1, Math.max(1, s.columns.length));
      title.commit();
      const head = ws.addRow(s.columns.map((c) => c.header));
      head.font = { bold: true };
      head.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF0F0F0' } };
      head.commit();
      for await (const batch of s.rows) {
        for (const r of batch) ws.addRow(s.columns.map((c) => cellValue(c.type, c.value(r)))).commit();
        n += batch.length;
        onRows?.(n);
        // Let the socket drain before the next page is read: the zip buffers what it cannot send.
        if (out.writableNeedDrain) await new Promise((ok) => out.once('drain', ok));
      }
      ws.commit();
    }
    await wb.commit();
  })().catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
  return out;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The attachment header with a Chinese file name (RFC 6266: an ASCII fallback and the UTF-8 name). */
export const attachment = (asciiName: string, name: string) => `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(name)}`;
