import { Alert, Button, Card, Checkbox, Input, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { type ApiError, get } from '../../shared/api.js';
import { bj } from '../../shared/format.js';
import { addTranslations } from '../../shared/i18n.js';
import { KIND_OPTIONS, OPEN_STATUSES, SLA_COLORS, STATUS_LABELS } from '../../shared/labels.js';
import { onLive, onResync } from '../live.js';
import { useSession } from '../session.js';

addTranslations(
  {
    bdTitle: '调度看板', bdDept: '部门', bdKind: '类别', bdStatus: '状态', bdUrgency: '紧急程度', bdOverdue: '只看超时', bdSortDue: '按时限', bdSortOpened: '按立项时间',
    bdSearch: '编号、电话、内容', bdPrev: '上一页', bdNext: '下一页', bdPage: '第 {{n}} 页', bdReset: '清除筛选', bdAlarm: '新的紧急事件！', bdOpenNow: '立即查看',
    bdNumber: '编号', bdDue: '时限', bdUrgent: '紧急', bdRoutine: '一般', bdContent: '内容', bdOpenedAt: '立项时间', bdOverdueTag: '已超时', bdNoClock: '—',
    bdLeft: '剩 {{t}}', bdLate: '超时 {{t}}', bdAll: '全部项目', bdEstate: '项目',
  },
  {
    bdTitle: 'Dispatch board', bdDept: 'Department', bdKind: 'Kind', bdStatus: 'Status', bdUrgency: 'Urgency', bdOverdue: 'Overdue only', bdSortDue: 'By due time', bdSortOpened: 'By opening time',
    bdSearch: 'Number, phone, text', bdPrev: 'Previous', bdNext: 'Next', bdPage: 'Page {{n}}', bdReset: 'Clear filters', bdAlarm: 'New emergency!', bdOpenNow: 'Open it',
    bdNumber: 'Number', bdDue: 'Due', bdUrgent: 'Emergency', bdRoutine: 'Routine', bdContent: 'Description', bdOpenedAt: 'Opened', bdOverdueTag: 'Overdue', bdNoClock: '—',
    bdLeft: '{{t}} left', bdLate: '{{t}} late', bdAll: 'All estates', bdEstate: 'Estate',
  },
);

const PAGE_SIZE = 50;

/** Group roles see every estate (the API scopes GET /api/cases without estateId to the caller's estates). */
const GROUP_BOARD = ['quality_officer', 'hotline_officer', 'admin'];

/** A short beep for a new emergency (no audio file to download). */
function beep() {
  try {
    const ctx = new AudioContext();
    const osc = ctx.createOscillator();
    osc.frequency.value = 880;
    osc.connect(ctx.destination);
    osc.start();
    void ctx.resume?.();
    osc.stop(ctx.currentTime + 0.4);
  } catch {
    /* audio may be blocked until the user interacts; the banner still shows */
  }
}

/** 1:05:09 / 12:09 to or past a due time, to the second. */
function span(ms: number): string {
  const s = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return h >= 48 ? `${Math.floor(h / 24)} 天` : h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

interface Filters {
  departmentId?: string;
  kind?: string;
  status: string[];
  urgency?: string;
  overdue: boolean;
  sort: 'due' | 'opened';
  q: string;
  /** Every estate the caller may see (group roles). */
  all: boolean;
}

/** The filters live in the address bar, so a reload or a shared link shows the same board. */
function readFilters(p: URLSearchParams): Filters {
  const status = p.getAll('status').filter((s) => s in STATUS_LABELS);
  return {
    departmentId: p.get('departmentId') || undefined,
    kind: p.get('kind') || undefined,
    status: status.length ? status : OPEN_STATUSES,
    urgency: p.get('urgency') || undefined,
    overdue: p.get('overdue') === 'true',
    sort: p.get('sort') === 'opened' ? 'opened' : 'due',
    q: p.get('q') ?? '',
    all: p.get('all') === 'true',
  };
}

function writeFilters(f: Filters): URLSearchParams {
  const p = new URLSearchParams();
  if (f.departmentId) p.set('departmentId', f.departmentId);
  if (f.kind) p.set('kind', f.kind);
  if (f.status.join() !== OPEN_STATUSES.join()) for (const s of f.status) p.append('status', s);
  if (f.urgency) p.set('urgency', f.urgency);
  if (f.overdue) p.set('overdue', 'true');
  if (f.sort !== 'due') p.set('sort', f.sort);
  if (f.q) p.set('q', f.q);
  if (f.all) p.set('all', 'true');
  return p;
}

/** Open cases live: SLA colours with a running countdown, filters in the URL, server-side paging, emergency alert. */
export default function Board() {
  const { t } = useTranslation();
  const { estateId, me } = useSession();
  const mayAll = me.groupRoles.some((r) => GROUP_BOARD.includes(r));
  const [estateNames, setEstateNames] = useState<Record<string, string>>({});
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params), [params]);
  const [departments, setDepartments] = useState<{ value: string; label: string }[]>([]);
  const [rows, setRows] = useState<any[]>([]);
  const [total, setTotal] = useState(0);
  const [capped, setCapped] = useState(false);
  const [next, setNext] = useState<string | null>(null);
  /** Cursors of the pages before this one; the last is the current page's (null = first page). */
  const [stack, setStack] = useState<(string | null)[]>([null]);
  const [q, setQ] = useState(filters.q);
  const [error, setError] = useState<string>();
  const [alarm, setAlarm] = useState<string | null>(null);
  const [now, setNow] = useState(Date.now());
  const current = useRef({ filters, cursor: null as string | null });
  /** Only the latest request may fill the table (an older, slower answer must not overwrite it). */
  const seq = useRef(0);
  current.current = { filters, cursor: stack[stack.length - 1] ?? null };

  const update = (patch: Partial<Filters>) => {
    setStack([null]);
    setParams(writeFilters({ ...filters, ...patch }));
  };

  const load = useCallback(async () => {
    const { filters: f, cursor } = current.current;
    const all = f.all && mayAll;
    const p = new URLSearchParams({ limit: String(PAGE_SIZE), sort: f.sort });
    if (!all) p.set('estateId', estateId);
    for (const s of f.status) p.append('status', s);
    if (f.departmentId && !all) p.set('departmentId', f.departmentId);
    if (f.kind) p.set('kind', f.kind);
    if (f.urgency) p.set('urgency', f.urgency);
    if (f.overdue) p.set('overdue', 'true');
    if (f.q) p.set('q', f.q);
    if (cursor) p.set('cursor', cursor);
    const mine = ++seq.current;
    try {
      const r = await get(`/api/cases?${p}`);
      if (mine !== seq.current) return;
      setRows(r.items);
      setTotal(r.total);
      setCapped(Boolean(r.totalCapped));
      setNext(r.nextCursor ?? null);
      setError(undefined);
    } catch (e) {
      if (mine === seq.current) setError((e as ApiError).message);
    }
  }, [estateId, mayAll]);

  useEffect(() => {
    if (!mayAll) return;
    get('/api/estates')
      .then((r) => setEstateNames(Object.fromEntries(r.items.map((e: { id: string; name: string }) => [e.id, e.name]))))
      .catch(() => setEstateNames({}));
  }, [mayAll]);

  // load reads the filters and cursor through a ref (so the live subscription below is not torn
  // down on every filter change); params and stack are what must trigger a fetch. A new stack with
  // the same cursor (searching again on page 1) refetches on purpose.
  // biome-ignore lint/correctness/useExhaustiveDependencies: params and stack are fetch triggers read via the ref
  useEffect(() => {
    void load();
  }, [load, params, stack]);

  useEffect(() => {
    setQ(filters.q);
  }, [filters.q]);

  useEffect(() => {
    get(`/api/estates/${estateId}/departments`)
      .then((r) => setDepartments(r.items.map((d: { id: string; name: string }) => ({ value: d.id, label: d.name }))))
      .catch(() => setDepartments([]));
  }, [estateId]);

  // Live: every node relays database NOTIFY as SSE (one connection per tab, shared with the
  // header inbox); refetch the page on change, alarm on emergencies.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void load(), 300);
    };
    const offCase = onLive('case', refresh);
    const offResync = onResync(refresh);
    const offEmergency = onLive('emergency', (data: { caseId: string }) => {
      setAlarm(data.caseId);
      beep();
      refresh();
    });
    const clock = setInterval(() => setNow(Date.now()), 1000);
    // Clocks turn amber and red on the server without a live event: ask again every 10 s.
    const poll = setInterval(() => void load(), 10_000);
    return () => {
      offCase();
      offResync();
      offEmergency();
      clearInterval(clock);
      clearInterval(poll);
      clearTimeout(timer);
    };
  }, [load]);

  // A row's due time just passed: its colour changes now, not at the next poll.
  const lastTick = useRef(now);
  useEffect(() => {
    const passed = rows.some((r) => r.nextDueAt && new Date(r.nextDueAt).getTime() <= now && new Date(r.nextDueAt).getTime() > lastTick.current);
    lastTick.current = now;
    if (passed) setTimeout(() => void load(), 1500);
  }, [now, rows, load]);

  const due = (r: any) => {
    if (!r.nextDueAt) return r.slaState === 'red' ? t('bdOverdueTag') : t('bdNoClock');
    const ms = new Date(r.nextDueAt).getTime() - now;
    return ms >= 0 ? t('bdLeft', { t: span(ms) }) : t('bdLate', { t: span(ms) });
  };

  return (
    <Card title={`${t('bdTitle')}（${total}${capped ? '+' : ''}）`}>
      {alarm && (
        <Alert
          type="error"
          showIcon
          closable
          onClose={() => setAlarm(null)}
          style={{ marginBottom: 12 }}
          message={<span>{t('bdAlarm')}<Link to={`/cases/${alarm}`}>{t('bdOpenNow')}</Link></span>}
          role="alert"
        />
      )}
      {error && <Alert type="warning" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Space wrap style={{ marginBottom: 12 }}>
        {mayAll && <Checkbox checked={filters.all} onChange={(e) => update({ all: e.target.checked, departmentId: undefined })}>{t('bdAll')}</Checkbox>}
        <Select aria-label={t('bdDept')} disabled={filters.all && mayAll} allowClear style={{ width: 130 }} value={filters.departmentId} onChange={(v) => update({ departmentId: v })} options={departments} placeholder={t('bdDept')} />
        <Select aria-label={t('bdKind')} allowClear style={{ width: 120 }} value={filters.kind} onChange={(v) => update({ kind: v })} options={KIND_OPTIONS} placeholder={t('bdKind')} />
        <Select
          aria-label={t('bdStatus')}
          mode="multiple"
          maxTagCount="responsive"
          style={{ width: 300 }}
          value={filters.status}
          onChange={(v) => update({ status: v })}
          options={Object.entries(STATUS_LABELS).map(([value, label]) => ({ value, label }))}
          placeholder={t('bdStatus')}
        />
        <Select
          aria-label={t('bdUrgency')}
          allowClear
          style={{ width: 110 }}
          value={filters.urgency}
          onChange={(v) => update({ urgency: v })}
          options={[{ value: 'routine', label: t('bdRoutine') }, { value: 'emergency', label: t('bdUrgent') }]}
          placeholder={t('bdUrgency')}
        />
        <Checkbox checked={filters.overdue} onChange={(e) => update({ overdue: e.target.checked })}>{t('bdOverdue')}</Checkbox>
        <Radio.Group optionType="button" size="middle" value={filters.sort} onChange={(e) => update({ sort: e.target.value })} options={[{ value: 'due', label: t('bdSortDue') }, { value: 'opened', label: t('bdSortOpened') }]} />
        <Input.Search allowClear placeholder={t('bdSearch')} value={q} onChange={(e) => setQ(e.target.value)} onSearch={(v) => update({ q: v.trim() })} style={{ width: 220 }} />
        {params.toString() && <Button type="link" onClick={() => { setStack([null]); setParams(new URLSearchParams()); }}>{t('bdReset')}</Button>}
      </Space>
      <Table
        rowKey="id"
        size="small"
        dataSource={rows}
        pagination={false}
        rowClassName={(r) => [r.urgency === 'emergency' ? 'row-emergency' : '', `sla-${r.slaState}`].join(' ')}
        columns={[
          { title: t('bdNumber'), dataIndex: 'number', width: 150, render: (v, r) => <Link to={`/cases/${r.id}`}>{v}</Link> },
          ...(filters.all && mayAll ? [{ title: t('bdEstate'), dataIndex: 'estateId', width: 120, render: (v: string) => estateNames[v] ?? '' }] : []),
          { title: t('bdDue'), dataIndex: 'slaState', width: 130, render: (v, r) => <Tag color={SLA_COLORS[v]} data-sla={v}>{due(r)}</Tag> },
          { title: t('bdUrgent'), dataIndex: 'urgency', width: 70, render: (v) => (v === 'emergency' ? <Tag color="red">{t('bdUrgent')}</Tag> : t('bdRoutine')) },
          { title: t('bdKind'), dataIndex: 'kindLabel', width: 90 },
          { title: t('bdStatus'), dataIndex: 'status', width: 110, render: (v) => STATUS_LABELS[v] },
          { title: t('bdContent'), dataIndex: 'description', ellipsis: true },
          { title: t('bdOpenedAt'), dataIndex: 'openedAt', width: 150, render: bj },
        ]}
      />
      <Space style={{ marginTop: 12 }}>
        <Button disabled={stack.length <= 1} onClick={() => setStack((s) => s.slice(0, -1))}>{t('bdPrev')}</Button>
        <Typography.Text>{t('bdPage', { n: stack.length })}</Typography.Text>
        <Button disabled={!next} onClick={() => setStack((s) => [...s, next])}>{t('bdNext')}</Button>
      </Space>
    </Card>
  );
}
