import { Alert, Card, Col, DatePicker, Row, Segmented, Select, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Suspense, lazy, useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { type ApiError, get } from '../../shared/api.js';
import { L, currentLang } from '../../shared/i18n.js';
import { XlsxButton } from '../XlsxButton.js';
import { useSession } from '../session.js';

const TrendLine = lazy(() => import('../charts/TrendLine.js'));
const Heatmap = lazy(() => import('../charts/Heatmap.js'));

/** A figure as GET /api/kpis answers it (docs/kpis.md). */
export interface KpiFigure {
  id: string;
  label: string;
  labelEn: string;
  rule: string;
  unit: 'pct' | 'min';
  direction: 'at_least' | 'at_most' | 'below';
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  medianMin?: number | null;
  target: number | null;
  light: 'green' | 'amber' | 'red' | 'none';
  previous: number | null;
  trend: 'better' | 'worse' | 'same' | null;
}
interface Period {
  label: string;
  kind: 'month' | 'quarter' | 'year' | 'days';
  firstDay: string;
  lastDay: string;
}
interface EstateRef {
  id: string;
  code: string;
  name: string;
  households: number;
}
interface KpiAnswer {
  period: Period;
  previousPeriod: Period;
  estates: EstateRef[];
  figures: KpiFigure[];
  actions: string[];
}
interface TrendAnswer {
  months: { month: string; figures: KpiFigure[] }[];
}
interface BreakdownRow {
  key: string;
  label: string;
  repairs: number;
  complaints: number;
  figures: KpiFigure[];
}
interface BreakdownAnswer {
  byCategory: BreakdownRow[];
  byDepartment: BreakdownRow[];
  byBuilding: BreakdownRow[];
  heat: { building: string; floor: number | null; n: number }[];
}
interface ComparisonAnswer {
  period: Period;
  total: KpiFigure[];
  estates: (EstateRef & { figures: KpiFigure[] })[];
  rankings: Record<string, { estateId: string; place: number | null; value: number | null }[]>;
}

const LIGHT_COLOR: Record<KpiFigure['light'], string> = { green: '#389e0d', amber: '#d48806', red: '#cf1322', none: '#8c8c8c' };
const lightLabel = (l: KpiFigure['light']) =>
  ({ green: L('达标', 'On target'), amber: L('接近目标', 'Near target'), red: L('未达标', 'Off target'), none: L('无数据', 'No data') })[l];
export const kpiName = (f: Pick<KpiFigure, 'label' | 'labelEn'>) => (currentLang() === 'en-US' ? f.labelEn : f.label);
const unitOf = (f: KpiFigure) => (f.unit === 'pct' ? '%' : L(' 分钟', ' min'));
export const show = (f: KpiFigure, v: number | null = f.value) => (v === null ? '—' : `${v}${unitOf(f)}`);
const targetText = (f: KpiFigure) =>
  f.target === null ? L('无目标', 'no target') : `${L('目标', 'target')} ${{ at_least: '≥', at_most: '≤', below: '<' }[f.direction]} ${f.target}${unitOf(f)}${f.unit === 'min' ? L('（九成）', ' (p90)') : ''}`;

/** The period picker's value: 2026-03, 2026-Q1 or 2026 as a day of it. */
function periodDay(label: string): Dayjs {
  const q = /^(\d{4})-Q([1-4])$/.exec(label);
  if (q) return dayjs(`${q[1]}-${String((Number(q[2]) - 1) * 3 + 1).padStart(2, '0')}-01`);
  return dayjs(label.length === 4 ? `${label}-01-01` : `${label.slice(0, 7)}-01`);
}
const labelOf = (kind: string, d: Dayjs) => (kind === 'year' ? d.format('YYYY') : kind === 'quarter' ? `${d.year()}-Q${Math.floor(d.month() / 3) + 1}` : d.format('YYYY-MM'));

function Trend({ f }: { f: KpiFigure }) {
  if (f.trend === null) return <Typography.Text type="secondary">{L('上期', 'Previous')} {show(f, f.previous)}</Typography.Text>;
  const arrow = f.value! > f.previous! ? '↑' : f.value! < f.previous! ? '↓' : '→';
  const color = f.trend === 'better' ? '#389e0d' : f.trend === 'worse' ? '#cf1322' : undefined;
  return (
    <Typography.Text style={{ color }}>
      {arrow} {L('上期', 'Previous')} {show(f, f.previous)}
    </Typography.Text>
  );
}

/** One KPI tile: value against target with its traffic light, the parts it is made of, and the trend. */
function Tile({ f, selected, onSelect }: { f: KpiFigure; selected: boolean; onSelect: () => void }) {
  const parts =
    f.unit === 'pct'
      ? f.denominator === null
        ? ''
        : `${f.numerator} / ${f.denominator}`
      : `${L('中位', 'median')} ${show(f, f.medianMin ?? null)} · ${f.numerator ?? 0} ${L('件', 'cases')}`;
  return (
    <Card
      size="small"
      hoverable
      aria-label={kpiName(f)}
      aria-pressed={selected}
      role="button"
      tabIndex={0}
      onClick={onSelect}
      onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && onSelect()}
      style={{ borderTop: `4px solid ${LIGHT_COLOR[f.light]}`, outline: selected ? '2px solid #1677ff' : undefined, height: '100%' }}
    >
      <Space direction="vertical" size={2} style={{ width: '100%' }}>
        <Space style={{ justifyContent: 'space-between', width: '100%' }}>
          <Typography.Text strong>{kpiName(f)}</Typography.Text>
          <Tag color={{ green: 'success', amber: 'warning', red: 'error', none: 'default' }[f.light]}>{lightLabel(f.light)}</Tag>
        </Space>
        <Statistic value={f.value ?? '—'} suffix={f.value === null ? undefined : unitOf(f)} valueStyle={{ color: LIGHT_COLOR[f.light], fontSize: 26 }} />
        <Typography.Text type="secondary">
          {targetText(f)}
          {parts && ` · ${parts}`}
        </Typography.Text>
        <Trend f={f} />
      </Space>
    </Card>
  );
}

function PeriodPicker({ period, onChange }: { period: Period | undefined; onChange: (label: string) => void }) {
  const kind = period?.kind === 'days' ? 'month' : (period?.kind ?? 'month');
  const value = period && period.kind !== 'days' ? periodDay(period.label) : undefined;
  return (
    <Space>
      <Segmented
        aria-label={L('统计周期', 'Period kind')}
        value={kind}
        options={[
          { value: 'month', label: L('月', 'Month') },
          { value: 'quarter', label: L('季', 'Quarter') },
          { value: 'year', label: L('年', 'Year') },
        ]}
        onChange={(k) => onChange(labelOf(String(k), value ?? dayjs().subtract(1, 'month')))}
      />
      <DatePicker aria-label={L('统计期间', 'Period')} picker={kind} value={value} allowClear={false} onChange={(d) => d && onChange(labelOf(kind, d))} />
    </Space>
  );
}

/** One estate's period by category, department and building, and its repairs by building and floor. */
function Breakdown({ estateId, period }: { estateId: string; period: string }) {
  useTranslation();
  const [b, setB] = useState<BreakdownAnswer>();
  useEffect(() => {
    get<BreakdownAnswer>(`/api/kpis/breakdown?estateId=${estateId}&period=${period}`).then(setB, () => setB(undefined));
  }, [estateId, period]);
  const heat = useMemo(() => {
    if (!b) return null;
    const columns = [...new Set(b.heat.map((h) => h.building))];
    const floors = [...new Set(b.heat.map((h) => h.floor))].sort((x, y) => (x ?? -1) - (y ?? -1));
    const rows = floors.map((f) => (f === null ? L('未知楼层', 'unknown') : `${f}${L('层', 'F')}`));
    const cells = b.heat.map((h) => [columns.indexOf(h.building), floors.indexOf(h.floor), h.n] as [number, number, number]);
    return { columns, rows, cells };
  }, [b]);
  if (!b) return null;
  const table = (rows: BreakdownRow[], what: string) => (
    <Table
      size="small"
      rowKey="key"
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      dataSource={rows}
      aria-label={what}
      columns={[
        { title: what, dataIndex: 'label' },
        { title: L('报修', 'Repairs'), dataIndex: 'repairs', align: 'right' as const },
        { title: L('投诉', 'Complaints'), dataIndex: 'complaints', align: 'right' as const },
        ...(rows[0]?.figures ?? []).map((t) => ({
          title: kpiName(t),
          key: t.id,
          align: 'right' as const,
          render: (_: unknown, r: BreakdownRow) => {
            const f = r.figures.find((x) => x.id === t.id)!;
            return <span style={{ color: LIGHT_COLOR[f.light] }}>{show(f)}</span>;
          },
        })),
      ]}
    />
  );
  return (
    <Row gutter={[12, 12]}>
      <Col xs={24} xl={14}>
        <Card size="small" title={L('分类、部门、楼栋', 'By category, department, building')}>
          <Tabs
            size="small"
            items={[
              { key: 'category', label: L('按分类', 'Category'), children: table(b.byCategory, L('分类', 'Category')) },
              { key: 'department', label: L('按部门', 'Department'), children: table(b.byDepartment, L('部门', 'Department')) },
              { key: 'building', label: L('按楼栋', 'Building'), children: table(b.byBuilding, L('楼栋', 'Building')) },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card size="small" title={L('报修分布（楼栋 × 楼层）', 'Repairs by building and floor')}>
          {heat && heat.cells.length > 0 ? (
            <Suspense fallback={null}>
              <Heatmap columns={heat.columns} rows={heat.rows} cells={heat.cells} ariaLabel={L('报修分布热力图', 'Repairs heat map')} />
            </Suspense>
          ) : (
            <Typography.Text type="secondary">{L('本期没有户内报修', 'No in-home repairs in the period')}</Typography.Text>
          )}
        </Card>
      </Col>
    </Row>
  );
}

/** The estate's (or the caller's estates') KPI tiles and the 12-month trend of the one selected. */
function Dashboard({ scope, period, onPeriod, onAnswer }: { scope: string | null; period: string | null; onPeriod: (p: string) => void; onAnswer: (a: KpiAnswer) => void }) {
  useTranslation();
  const [answer, setAnswer] = useState<KpiAnswer>();
  const [trend, setTrend] = useState<TrendAnswer>();
  const [selected, setSelected] = useState('repair_timeliness');
  const [error, setError] = useState<string>();
  const load = useCallback(async () => {
    const query = (extra: string[]) => [...(scope ? [`estateId=${scope}`] : []), ...extra].join('&');
    try {
      const a = await get<KpiAnswer>(`/api/kpis?${query(period ? [`period=${period}`] : [])}`);
      setAnswer(a);
      onAnswer(a);
      const last = a.period.kind === 'days' ? a.period.lastDay.slice(0, 7) : periodDay(a.period.label).add(a.period.kind === 'year' ? 11 : a.period.kind === 'quarter' ? 2 : 0, 'month').format('YYYY-MM');
      setTrend(await get<TrendAnswer>(`/api/kpis/trend?${query([`last=${last}`, 'months=12'])}`));
      setError(undefined);
    } catch (e) {
      setError((e as ApiError).message);
    }
  }, [scope, period, onAnswer]);
  useEffect(() => {
    void load();
  }, [load]);

  const months = useMemo(() => trend?.months.map((m) => m.month) ?? [], [trend]);
  const values = useMemo(() => trend?.months.map((m) => m.figures.find((f) => f.id === selected)!.value) ?? [], [trend, selected]);
  const chosen = answer?.figures.find((f) => f.id === selected);

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <PeriodPicker period={answer?.period} onChange={onPeriod} />
        {answer && (
          <Typography.Text type="secondary">
            {answer.period.firstDay} – {answer.period.lastDay} · {L('对比上期', 'against')} {answer.previousPeriod.label} ·{' '}
            {answer.estates.length === 1 ? answer.estates[0]!.name : `${answer.estates.length} ${L('个项目', 'estates')}`}
          </Typography.Text>
        )}
      </Space>
      {error && <Alert type="error" showIcon title={error} />}
      {answer && (
        <Row gutter={[12, 12]}>
          {answer.figures.map((f) => (
            <Col key={f.id} xs={24} sm={12} md={8} xl={6}>
              <Tile f={f} selected={f.id === selected} onSelect={() => setSelected(f.id)} />
            </Col>
          ))}
        </Row>
      )}
      {chosen && trend && (
        <Card size="small" title={`${kpiName(chosen)} · ${L('近 12 个月', 'last 12 months')}`}>
          <Suspense fallback={null}>
            <TrendLine categories={months} values={values} name={kpiName(chosen)} unit={chosen.unit === 'pct' ? '%' : L('分钟', 'min')} target={chosen.target} ariaLabel={`${kpiName(chosen)} ${L('趋势', 'trend')}`} />
          </Suspense>
        </Card>
      )}
      {scope && answer && <Breakdown estateId={scope} period={answer.period.label} />}
    </Space>
  );
}

/** The group's comparison of estates: one KPI charted across estates, every KPI in the ranking table; an estate's name opens its dashboard. */
function Comparison({ period, onPeriod, onOpen }: { period: string | null; onPeriod: (p: string) => void; onOpen: (estateId: string) => void }) {
  useTranslation();
  const [c, setC] = useState<ComparisonAnswer>();
  const [kpi, setKpi] = useState('repair_timeliness');
  const [error, setError] = useState<string>();
  useEffect(() => {
    get<ComparisonAnswer>(`/api/kpis/comparison${period ? `?period=${period}` : ''}`).then(
      (a) => {
        setC(a);
        setError(undefined);
      },
      (e: ApiError) => setError(e.message),
    );
  }, [period]);
  const ranked = useMemo(() => {
    if (!c) return [];
    const byId = new Map(c.estates.map((e) => [e.id, e]));
    return (c.rankings[kpi] ?? []).map((r) => ({ ...byId.get(r.estateId)!, place: r.place, figure: byId.get(r.estateId)!.figures.find((f) => f.id === kpi)! }));
  }, [c, kpi]);
  const total = c?.total.find((f) => f.id === kpi);
  const names = useMemo(() => ranked.map((r) => r.name), [ranked]);
  const values = useMemo(() => ranked.map((r) => r.figure.value), [ranked]);
  const onPick = useCallback((i: number) => ranked[i] && onOpen(ranked[i].id), [ranked, onOpen]);

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <PeriodPicker period={c?.period} onChange={onPeriod} />
        <Select
          aria-label={L('比较指标', 'KPI to compare')}
          value={kpi}
          style={{ width: 180 }}
          onChange={setKpi}
          options={(c?.total ?? []).map((f) => ({ value: f.id, label: kpiName(f) }))}
        />
        <XlsxButton id="kpi-comparison-xlsx" href={c ? `/api/kpis/comparison.xlsx?period=${c.period.label}` : undefined} fallbackName="kpi-comparison.xlsx" />
        {total && (
          <Typography.Text>
            {L('合计', 'All estates')}: <b style={{ color: LIGHT_COLOR[total.light] }}>{show(total)}</b> · {targetText(total)}
          </Typography.Text>
        )}
      </Space>
      {error && <Alert type="error" showIcon title={error} />}
      {total && ranked.length > 0 && (
        <Card size="small">
          <Suspense fallback={null}>
            <TrendLine kind="bar" categories={names} values={values} name={kpiName(total)} unit={total.unit === 'pct' ? '%' : L('分钟', 'min')} target={total.target} onPick={onPick} ariaLabel={`${kpiName(total)} ${L('项目对比', 'by estate')}`} />
          </Suspense>
        </Card>
      )}
      <Table
        size="small"
        rowKey="id"
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        dataSource={ranked}
        scroll={{ x: true }}
        columns={[
          { title: L('排名', 'Place'), dataIndex: 'place', width: 64, render: (p: number | null) => p ?? '—' },
          {
            title: L('项目', 'Estate'),
            dataIndex: 'name',
            render: (name: string, r) => (
              <Typography.Link onClick={() => onOpen(r.id)} aria-label={`${L('查看', 'Open')} ${name}`}>
                {name}
              </Typography.Link>
            ),
          },
          ...(c?.total ?? []).map((t) => ({
            title: kpiName(t),
            key: t.id,
            align: 'right' as const,
            render: (_: unknown, r: (typeof ranked)[number]) => {
              const f = r.figures.find((x) => x.id === t.id)!;
              return <span style={{ color: LIGHT_COLOR[f.light], fontWeight: t.id === kpi ? 600 : undefined }}>{show(f)}</span>;
            },
          })),
        ]}
      />
    </Space>
  );
}

/** 指标看板 (issue 12): the KPI tiles against targets with their trend, and the comparison of estates for those who may compare. */
export default function Kpis() {
  useTranslation();
  const { estateId, setEstateId, me } = useSession();
  const [params, setParams] = useSearchParams();
  const [mayCompare, setMayCompare] = useState(false);
  const view = params.get('view') ?? 'estate';
  const period = params.get('period');
  const set = useCallback(
    (k: string, v: string | null) =>
      setParams((p) => {
        const n = new URLSearchParams(p);
        if (v === null) n.delete(k);
        else n.set(k, v);
        return n;
      }),
    [setParams],
  );
  const many = me.groupRoles.length > 0 || me.estates.length > 1;
  const onAnswer = useCallback((a: KpiAnswer) => setMayCompare(a.actions.includes('compare')), []);
  const onPeriod = useCallback((p: string) => set('period', p), [set]);
  const onOpen = useCallback(
    (id: string) => {
      setEstateId(id);
      set('view', 'estate');
    },
    [setEstateId, set],
  );
  const dashboard = (scope: string | null) => <Dashboard scope={scope} period={period} onPeriod={onPeriod} onAnswer={onAnswer} />;

  return (
    <Card title={L('指标看板', 'KPI dashboard')}>
      <Tabs
        activeKey={view}
        onChange={(k) => set('view', k)}
        items={[
          { key: 'estate', label: L('本项目', 'This estate'), children: view === 'estate' && dashboard(estateId) },
          ...(many ? [{ key: 'all', label: me.groupRoles.length > 0 ? L('全集团', 'Whole group') : L('我的全部项目', 'All my estates'), children: view === 'all' && dashboard(null) }] : []),
          ...(mayCompare || view === 'compare' ? [{ key: 'compare', label: L('项目对比', 'Compare estates'), children: view === 'compare' && <Comparison period={period} onPeriod={onPeriod} onOpen={onOpen} /> }] : []),
        ]}
      />
    </Card>
  );
}
