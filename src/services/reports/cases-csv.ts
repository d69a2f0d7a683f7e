import { beijingMinute } from '../../domain/beijing-day.js';
import type { Queryable } from '../../db/client.js';
import { csvCell } from '../../domain/spreadsheet-cell.js';
import type { Actor } from '../../policies/actor.js';
import { type CaseQuery, searchCases } from '../cases/read-case.js';

/** The most rows one export holds; narrower filters for more. */
export const CSV_MAX_ROWS = 20_000;
const PAGE = 200;

const bj = beijingMinute;
const URGENCY = { routine: '一般', emergency: '紧急' } as Record<string, string>;
const SLA = { green: '正常', amber: '临近', red: '超时' } as Record<string, string>;

const cell = csvCell;

type Row = Awaited<ReturnType<typeof searchCases>>['items'][number];
const COLUMNS: [string, (r: Row) => unknown][] = [
  ['案件编号', (r) => r.number],
  ['类别', (r) => r.kindLabel],
  ['分类', (r) => r.category],
  ['状态', (r) => r.statusLabel],
  ['紧急程度', (r) => URGENCY[r.urgency] ?? r.urgency],
  ['时限', (r) => SLA[r.slaState] ?? r.slaState],
  ['渠道', (r) => r.channelLabel],
  ['位置', (r) => r.locationText],
  ['联系人', (r) => r.contactName],
  ['内容', (r) => r.description],
  ['立项时间', (r) => bj(r.openedAt)],
  ['销项时间', (r) => bj(r.closedAt)],
];

/**
 * The cases matching the list filters as CSV (UTF-8 with BOM so Excel shows Chinese), scoped
 * exactly like the list: it pages through the same search the board and search page use.
 */
export async function casesCsv(db: Queryable, actor: Actor, query: Omit<CaseQuery, 'limit' | 'cursor'>): Promise<{ csv: string; rows: number; truncated: boolean }> {
  const lines = [COLUMNS.map(([h]) => cell(h)).join(',')];
  let cursor: string | undefined;
  let rows = 0;
  let truncated = false;
  for (;;) {
    const page = await searchCases(db, actor, { ...query, limit: PAGE, cursor });
    for (const r of page.items) {
      if (rows >= CSV_MAX_ROWS) {
        truncated = true;
        break;
      }
      lines.push(COLUMNS.map(([, f]) => cell(f(r))).join(','));
      rows++;
    }
    if (truncated || !page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return { csv: `\uFEFF${lines.join('\r\n')}\r\n`, rows, truncated };
}
