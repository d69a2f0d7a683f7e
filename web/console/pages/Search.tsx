import { Alert, Button, Card, DatePicker, Input, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { type ApiError, get } from '../../shared/api.js';
import { bj } from '../../shared/format.js';
import { addTranslations } from '../../shared/i18n.js';
import { KIND_OPTIONS, SLA_COLORS, STATUS_LABELS } from '../../shared/labels.js';
import { XlsxButton } from '../XlsxButton.js';
import { useSession } from '../session.js';

addTranslations(
  {
    srTitle: '案件查询', srBox: '案件编号、派工单号、房号（如 3-1-502）、电话或内容（如 漏水）', srGo: '查询', srKind: '类别', srStatus: '状态', srFrom: '立项起', srTo: '立项止',
    srExport: '导出 CSV', srCases: '案件（{{n}}）', srOrders: '派工单', srUnit: '房号 {{code}}', srPrev: '上一页', srNext: '下一页', srPage: '第 {{n}} 页',
    srNumber: '编号', srContent: '内容', srOpenedAt: '立项时间', srClosedAt: '销项时间', srOrderNo: '派工单号', srIssuedAt: '派工时间', srCase: '所属案件', srOpenCase: '查看案件',
    srEmpty: '输入编号、房号、电话或内容后查询', srLocation: '位置/联系人',
  },
  {
    srTitle: 'Search', srBox: 'Case number, order number, unit (e.g. 3-1-502), phone or text (e.g. 漏水)', srGo: 'Search', srKind: 'Kind', srStatus: 'Status', srFrom: 'Opened from', srTo: 'Opened to',
    srExport: 'Export CSV', srCases: 'Cases ({{n}})', srOrders: 'Work orders', srUnit: 'Unit {{code}}', srPrev: 'Previous', srNext: 'Next', srPage: 'Page {{n}}',
    srNumber: 'Number', srContent: 'Description', srOpenedAt: 'Opened', srClosedAt: 'Closed', srOrderNo: 'Order no.', srIssuedAt: 'Issued', srCase: 'Case', srOpenCase: 'Open case',
    srEmpty: 'Type a number, unit, phone or words and search', srLocation: 'Location / contact',
  },
);

const PAGE_SIZE = 20;
const UNIT_CODE = /^\d{1,3}-\d{1,3}-\d{2,5}$/;
const ORDER_NUMBER = /^\d{1,9}$/;

interface Query {
  q: string;
  kind?: string;
  status: string[];
  from?: string;
  to?: string;
}

const readQuery = (p: URLSearchParams): Query => ({
  q: p.get('q') ?? '',
  kind: p.get('kind') || undefined,
  status: p.getAll('status').filter((s) => s in STATUS_LABELS),
  from: p.get('from') || undefined,
  to: p.get('to') || undefined,
});

function writeQuery(q: Query): URLSearchParams {
  const p = new URLSearchParams();
  if (q.q) p.set('q', q.q);
  if (q.kind) p.set('kind', q.kind);
  for (const s of q.status) p.append('status', s);
  if (q.from) p.set('from', q.from);
  if (q.to) p.set('to', q.to);
  return p;
}

/** Beijing day → the instant it starts, as the API wants it. */
const dayStart = (day: string) => `${day}T00:00:00+08:00`;
const dayAfter = (day: string) => `${dayjs(day).add(1, 'day').format('YYYY-MM-DD')}T00:00:00+08:00`;

/**
 * One box for everything the desk is asked about: a case number, an order number, a unit code,
 * part of a phone number or words from the description. Filters live in the URL.
 */
export default function Search() {
  const { t } = useTranslation();
  const { estateId } = useSession();
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => readQuery(params), [params]);
  const [text, setText] = useState(query.q);
  const [unit, setUnit] = useState<{ id: string; code: string } | null>(null);
  const [resolved, setResolved] = useState<URLSearchParams | null>(null);
  const [cases, setCases] = useState<any[]>([]);
  const [total, setTotal] = useState(0);
  const [orders, setOrders] = useState<any[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [stack, setStack] = useState<(string | null)[]>([null]);
  const [error, setError] = useState<string>();
  /** Only the latest request may fill the results. */
  const seq = useRef(0);
  const active = Boolean(query.q || query.kind || query.status.length || query.from || query.to);

  const update = (patch: Partial<Query>) => {
    setStack([null]);
    setParams(writeQuery({ ...query, ...patch }));
  };

  // Turn the box into API filters: a unit code becomes the unit, everything else the text search.
  useEffect(() => {
    let stale = false;
    setText(query.q);
    (async () => {
      const p = new URLSearchParams({ estateId });
      let found: { id: string; code: string } | null = null;
      const q = query.q.trim();
      if (UNIT_CODE.test(q)) {
        const units = (await get(`/api/estates/${estateId}/units/lookup?q=${encodeURIComponent(q)}`)).items as { id: string; code: string }[];
        found = units.find((u) => u.code === q) ?? null;
      }
      if (found) p.set('unitId', found.id);
      else if (q) p.set('q', q);
      if (query.kind) p.set('kind', query.kind);
      for (const s of query.status) p.append('status', s);
      if (query.from) p.set('from', dayStart(query.from));
      if (query.to) p.set('to', dayAfter(query.to));
      if (!stale) {
        setUnit(found);
        setResolved(p);
      }
    })().catch((e) => setError((e as ApiError).message));
    return () => {
      stale = true;
    };
  }, [estateId, query]);

  const load = useCallback(async () => {
    const mine = ++seq.current;
    if (!resolved || !active) {
      setCases([]);
      setOrders([]);
      setTotal(0);
      setNext(null);
      return;
    }
    const cursor = stack[stack.length - 1];
    const p = new URLSearchParams(resolved);
    p.set('limit', String(PAGE_SIZE));
    if (cursor) p.set('cursor', cursor);
    const q = query.q.trim();
    try {
      const [r, o] = await Promise.all([
        get(`/api/cases?${p}`),
        ORDER_NUMBER.test(q) && Number(q) > 0 ? get(`/api/orders?estateId=${estateId}&number=${Number(q)}`) : Promise.resolve({ items: [] }),
      ]);
      if (mine !== seq.current) return;
      setCases(r.items);
      setTotal(r.total);
      setNext(r.nextCursor ?? null);
      setOrders(o.items);
      setError(undefined);
    } catch (e) {
      if (mine === seq.current) setError((e as ApiError).message);
    }
  }, [resolved, stack, active, estateId, query.q]);

  useEffect(() => {
    void load();
  }, [load]);

  const csvHref = useMemo(() => {
    if (!resolved) return undefined;
    const p = new URLSearchParams(resolved);
    p.delete('estateId');
    return `/api/estates/${estateId}/cases.csv?${p}`;
  }, [resolved, estateId]);

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card title={t('srTitle')}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Input.Search
            id="search-box"
            size="large"
            allowClear
            autoFocus
            enterButton={t('srGo')}
            placeholder={t('srBox')}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onSearch={(v) => update({ q: v.trim() })}
          />
          <Space wrap>
            <Select aria-label={t('srKind')} allowClear style={{ width: 140 }} placeholder={t('srKind')} value={query.kind} options={KIND_OPTIONS} onChange={(v) => update({ kind: v })} />
            <Select
              aria-label={t('srStatus')}
              mode="multiple"
              allowClear
              maxTagCount="responsive"
              style={{ width: 280 }}
              placeholder={t('srStatus')}
              value={query.status}
              options={Object.entries(STATUS_LABELS).map(([value, label]) => ({ value, label }))}
              onChange={(v) => update({ status: v })}
            />
            <DatePicker.RangePicker
              aria-label={`${t('srFrom')}–${t('srTo')}`}
              placeholder={[t('srFrom'), t('srTo')]}
              value={query.from && query.to ? [dayjs(query.from), dayjs(query.to)] : null}
              onChange={(v) => update({ from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') })}
            />
            {unit && <Tag color="blue">{t('srUnit', { code: unit.code })}</Tag>}
            <Button href={active ? csvHref : undefined} disabled={!active || !csvHref} download>{t('srExport')}</Button>
            <XlsxButton id="search-xlsx" href={active ? csvHref?.replace('/cases.csv?', '/cases.xlsx?') : undefined} fallbackName="cases.xlsx" />
          </Space>
        </Space>
      </Card>
      {error && <Alert type="error" showIcon message={error} role="alert" />}
      {orders.length > 0 && (
        <Card title={t('srOrders')} size="small">
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={orders}
            columns={[
              { title: t('srOrderNo'), dataIndex: 'number', render: (v, o) => <Link to={`/cases/${o.caseId}`}>{v}</Link> },
              { title: t('srStatus'), dataIndex: 'statusLabel' },
              { title: t('srIssuedAt'), dataIndex: 'issuedAt', render: bj },
              { title: t('srCase'), dataIndex: 'caseId', render: (v) => <Link to={`/cases/${v}`}>{t('srOpenCase')}</Link> },
            ]}
          />
        </Card>
      )}
      <Card title={active ? t('srCases', { n: total }) : t('srTitle')} size="small">
        {active ? (
          <>
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={cases}
              columns={[
                { title: t('srNumber'), dataIndex: 'number', width: 150, render: (v, r) => <Link to={`/cases/${r.id}`}>{v}</Link> },
                { title: t('srKind'), dataIndex: 'kindLabel', width: 90 },
                { title: t('srStatus'), dataIndex: 'status', width: 120, render: (v, r) => <Tag color={SLA_COLORS[r.slaState] ?? 'default'}>{STATUS_LABELS[v] ?? v}</Tag> },
                { title: t('srContent'), dataIndex: 'description', ellipsis: true },
                { title: t('srLocation'), dataIndex: 'locationText', width: 160, ellipsis: true, render: (v, r) => [v, r.contactName].filter(Boolean).join(' · ') },
                { title: t('srOpenedAt'), dataIndex: 'openedAt', width: 150, render: bj },
                { title: t('srClosedAt'), dataIndex: 'closedAt', width: 150, render: bj },
              ]}
            />
            <Space style={{ marginTop: 12 }}>
              <Button disabled={stack.length <= 1} onClick={() => setStack((s) => s.slice(0, -1))}>{t('srPrev')}</Button>
              <Typography.Text>{t('srPage', { n: stack.length })}</Typography.Text>
              <Button disabled={!next} onClick={() => setStack((s) => [...s, next])}>{t('srNext')}</Button>
            </Space>
          </>
        ) : (
          <Typography.Text type="secondary">{t('srEmpty')}</Typography.Text>
        )}
      </Card>
    </Space>
  );
}
