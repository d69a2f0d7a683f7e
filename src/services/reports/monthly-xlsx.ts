import type { AppContext } from '../../context.js';
import { estateName } from '../../db/repos/places.js';
import type { Actor } from '../../policies/actor.js';
import { sheet, xlsxStream } from '../../presenters/xlsx.js';
import { monthlyReport } from './monthly.js';

const SPECIALTY: Record<string, string> = {
  water: '给排水', electricity: '电气', lift: '电梯', gas: '燃气', door_window: '门窗锁具', civil: '土建', public_facility: '公共设施', service: '服务', general: '综合', unclassified: '未分类',
};
const MISS: Record<string, string> = { late_dispatch: '派工超时', late_arrival: '到场超时', not_completed: '未完工' };

/**
 * The month's figures (R-MO-2, R-MO-3, R-KPI-1) as .xlsx: the binder cover and the key figures,
 * orders by department and by specialty, materials, the repairs not on time and the rework —
 * the same answer as GET /api/estates/:estateId/monthly, and the same readers.
 */
export async function monthlyXlsx(ctx: AppContext, actor: Actor, estateId: string, month?: string) {
  const m = await monthlyReport(ctx, actor, estateId, month);
  const name = (await estateName(ctx.database.db, estateId)) ?? '';
  const t = (what: string) => `${name} · ${m.month} ${what}（${m.period.from} 至 ${m.period.to}）`;
  type KV = { k: string; v: unknown; type: 'int' | 'pct' | 'text' };
  const cover: KV[] = [
    { k: '派工单总数', v: m.cover.totalOrders, type: 'int' },
    { k: '户内维修', v: m.cover.inHome, type: 'int' },
    { k: '公共区域维修', v: m.cover.public, type: 'int' },
    { k: '常规', v: m.orders.routine, type: 'int' },
    { k: '有偿', v: m.orders.paid, type: 'int' },
    { k: '作废', v: m.orders.voided, type: 'int' },
    { k: '维修及时率', v: m.timeliness.ratePct, type: 'pct' },
    { k: '返修率', v: m.rework.ratePct, type: 'pct' },
    { k: '投诉率', v: m.complaintRate.ratePct, type: 'pct' },
    { k: '单号范围', v: m.cover.firstOrderNumber ? `${m.cover.firstOrderNumber} – ${m.cover.lastOrderNumber}` : '', type: 'text' },
  ];
  const stream = xlsxStream([
    sheet({
      name: '封面与指标',
      title: t('维修月报'),
      columns: [
        { header: '项目', width: 16, type: 'text', value: (r: KV) => r.k },
        { header: '数值（整数）', width: 14, type: 'int', value: (r: KV) => (r.type === 'int' ? r.v : null) },
        { header: '比率', width: 10, type: 'pct', value: (r: KV) => (r.type === 'pct' ? r.v : null) },
        { header: '说明', width: 30, type: 'text', value: (r: KV) => (r.type === 'text' ? r.v : null) },
      ],
      rows: [cover],
    }),
    sheet({
      name: '按部门',
      title: t('派工单按部门'),
      columns: [
        { header: '部门', width: 16, type: 'text', value: (r: { department: string }) => r.department },
        { header: '单数', width: 8, type: 'int', value: (r: { n: number }) => r.n },
      ],
      rows: [m.orders.byDepartment],
    }),
    sheet({
      name: '按专业',
      title: t('派工单按专业'),
      columns: [
        { header: '专业', width: 14, type: 'text', value: (r: { specialty: string }) => SPECIALTY[r.specialty] ?? r.specialty },
        { header: '单数', width: 8, type: 'int', value: (r: { n: number }) => r.n },
      ],
      rows: [m.orders.bySpecialty],
    }),
    sheet({
      name: '材料',
      title: t('材料用量'),
      columns: [
        { header: '名称', width: 16, type: 'text', value: (r: (typeof m.materials)[number]) => r.name },
        { header: '规格', width: 12, type: 'text', value: (r: (typeof m.materials)[number]) => r.spec },
        { header: '单位', width: 6, type: 'text', value: (r: (typeof m.materials)[number]) => r.unit },
        { header: '数量', width: 8, type: 'number', value: (r: (typeof m.materials)[number]) => r.quantity },
        { header: '金额（元）', width: 12, type: 'yuan', value: (r: (typeof m.materials)[number]) => r.amountCents },
      ],
      rows: [m.materials],
    }),
    sheet({
      name: '未及时',
      title: t('未及时维修'),
      columns: [
        { header: '案件编号', width: 18, type: 'text', value: (r: (typeof m.timeliness.late)[number]) => r.caseNumber },
        { header: '原因', width: 12, type: 'text', value: (r: (typeof m.timeliness.late)[number]) => MISS[r.reason ?? ''] ?? r.reason },
      ],
      rows: [m.timeliness.late],
    }),
    sheet({
      name: '返修',
      title: t(`返修（${m.rework.windowDays} 天内同一房号同一类故障）`),
      columns: [
        { header: '案件编号', width: 18, type: 'text', value: (r: (typeof m.rework.cases)[number]) => r.caseNumber },
        { header: '原维修', width: 18, type: 'text', value: (r: (typeof m.rework.cases)[number]) => r.originalNumber },
        { header: '完工后天数', width: 11, type: 'int', value: (r: (typeof m.rework.cases)[number]) => r.daysAfter },
      ],
      rows: [m.rework.cases],
    }),
  ]);
  return { stream, month: m.month };
}
