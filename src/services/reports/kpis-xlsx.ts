import type { AppContext } from '../../context.js';
import type { KpiFigure } from '../../domain/kpi-catalogue.js';
import type { Actor } from '../../policies/actor.js';
import { type XlsxColumn, type XlsxType, sheet, xlsxStream } from '../../presenters/xlsx.js';
import { type KpiQuery, kpiComparison } from './kpis.js';

type Comparison = Awaited<ReturnType<typeof kpiComparison>>;
type EstateRow = Comparison['estates'][number];

const TREND: Record<string, string> = { better: '改善', worse: '变差', same: '持平' };
const LIGHT: Record<string, string> = { green: '达标', amber: '接近', red: '未达标', none: '' };
const typeOf = (f: Pick<KpiFigure, 'unit'>): XlsxType => (f.unit === 'pct' ? 'pct' : 'number');
const unitLabel = (f: KpiFigure) => (f.unit === 'pct' ? '' : '（分钟，九成）');

/**
 * The comparison of estates (issue 12 item 3) as .xlsx: one row per estate with every KPI as a
 * number (rates as percentages, durations in minutes), the total row, and a second sheet with
 * the total's parts, targets and trend. Scoped exactly like GET /api/kpis/comparison.
 */
export async function kpiComparisonXlsx(ctx: AppContext, actor: Actor, q: KpiQuery) {
  const c = await kpiComparison(ctx, actor, q);
  const span = `${c.period.label}（${c.period.firstDay} 至 ${c.period.lastDay}）`;
  const ids = c.total.map((f) => f.id);
  const totalRow: EstateRow = { id: '', code: '', name: '合计', households: c.estates.reduce((n, e) => n + e.households, 0), figures: c.total };
  const columns: XlsxColumn<EstateRow>[] = [
    { header: '项目编码', width: 10, type: 'text', value: (r) => r.code },
    { header: '项目', width: 18, type: 'text', value: (r) => r.name },
    { header: '户数', width: 8, type: 'int', value: (r) => r.households },
    ...ids.map((id, i) => ({
      header: `${c.total[i]!.label}${unitLabel(c.total[i]!)}`,
      width: 14,
      type: typeOf(c.total[i]!),
      value: (r: EstateRow) => r.figures.find((f) => f.id === id)?.value,
    })),
  ];
  const parts: XlsxColumn<KpiFigure>[] = [
    { header: '指标', width: 16, type: 'text', value: (f) => f.label },
    { header: '规则', width: 9, type: 'text', value: (f) => f.rule },
    { header: '值', width: 10, type: 'number', value: (f) => f.value },
    { header: '单位', width: 6, type: 'text', value: (f) => (f.unit === 'pct' ? '%' : '分钟') },
    { header: '分子 / 件数', width: 11, type: 'int', value: (f) => f.numerator },
    { header: '分母', width: 9, type: 'int', value: (f) => f.denominator },
    { header: '目标', width: 8, type: 'number', value: (f) => f.target },
    { header: '灯', width: 8, type: 'text', value: (f) => LIGHT[f.light] },
    { header: `上期（${c.previousPeriod.label}）`, width: 16, type: 'number', value: (f) => f.previous },
    { header: '趋势', width: 7, type: 'text', value: (f) => (f.trend ? TREND[f.trend] : '') },
  ];
  const stream = xlsxStream([
    sheet({ name: '项目对比', title: `项目指标对比 · ${span}`, columns, rows: [c.estates, [totalRow]] }),
    sheet({ name: '合计', title: `全部 ${c.estates.length} 个项目合计 · ${span}`, columns: parts, rows: [c.total] }),
  ]);
  return { stream, period: c.period.label };
}
