import type { Readable } from 'node:stream';
import type { AppContext } from '../../context.js';
import type { Queryable } from '../../db/client.js';
import { estateName } from '../../db/repos/places.js';
import { beijingMinute } from '../../domain/beijing-day.js';
import type { Actor } from '../../policies/actor.js';
import { type XlsxColumn, sheet, xlsxStream } from '../../presenters/xlsx.js';
import { type CaseQuery, searchCases } from '../cases/read-case.js';

/** Cases read per page while streaming (keyset pages of the list's own search). */
const PAGE = 1000;
/** Beyond this the expected count says "at least" (x-rows-expected-capped). */
const EXPORT_COUNT_CAP = 2_000_000;

type Row = Awaited<ReturnType<typeof searchCases>>['items'][number];

const URGENCY: Record<string, string> = { routine: '一般', emergency: '紧急' };
const SLA: Record<string, string> = { green: '正常', amber: '临近', red: '超时' };

const COLUMNS: XlsxColumn<Row>[] = [
  { header: '案件编号', width: 18, type: 'text', value: (r) => r.number },
  { header: '类别', width: 8, type: 'text', value: (r) => r.kindLabel },
  { header: '分类', width: 12, type: 'text', value: (r) => r.category },
  { header: '状态', width: 12, type: 'text', value: (r) => r.statusLabel },
  { header: '紧急程度', width: 9, type: 'text', value: (r) => URGENCY[r.urgency] ?? r.urgency },
  { header: '时限', width: 7, type: 'text', value: (r) => SLA[r.slaState] ?? r.slaState },
  { header: '渠道', width: 10, type: 'text', value: (r) => r.channelLabel },
  { header: '位置', width: 16, type: 'text', value: (r) => r.locationText },
  { header: '联系人', width: 10, type: 'text', value: (r) => r.contactName },
  { header: '内容', width: 48, type: 'text', value: (r) => r.description },
  { header: '立项时间', width: 17, type: 'datetime', value: (r) => r.openedAt },
  { header: '销项时间', width: 17, type: 'datetime', value: (r) => r.closedAt },
];

/** The pages of the list's search, one after another, until the last. */
async function* pages(db: Queryable, actor: Actor, query: Omit<CaseQuery, 'limit' | 'cursor'>, first: Awaited<ReturnType<typeof searchCases>>) {
  let page = first;
  for (;;) {
    yield page.items;
    if (!page.nextCursor) return;
    page = await searchCases(db, actor, { ...query, limit: PAGE, cursor: page.nextCursor }, { countCap: 0 });
  }
}

/**
 * The cases matching the list filters as a streamed .xlsx, scoped exactly like the list (it pages
 * through the same search). Unlike the CSV it has no row cap: rows are written a page at a time.
 * `expected` is the number of matching cases, for the console's progress.
 */
export async function casesXlsx(ctx: AppContext, actor: Actor, query: Omit<CaseQuery, 'limit' | 'cursor'> & { estateId: string }) {
  const db = ctx.database.db;
  const at = (v: string | undefined) => (v ? beijingMinute(new Date(v).toISOString()) : '…');
  const span = query.from || query.to ? ` · 立项 ${at(query.from)} 至 ${at(query.to)}` : '';
  const title = `${(await estateName(db, query.estateId)) ?? ''} · 案件清单${span} · 导出于 ${beijingMinute(ctx.clock.now().toISOString())}`;
  // The first page counts every matching case (the progress bar's total); the later ones count nothing.
  const first = await searchCases(db, actor, { ...query, limit: PAGE }, { countCap: EXPORT_COUNT_CAP });
  const stream: Readable = xlsxStream([sheet({ name: '案件', title, columns: COLUMNS, rows: pages(db, actor, query, first) })]);
  return { stream, expected: first.total, expectedCapped: first.totalCapped };
}
