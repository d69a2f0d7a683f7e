import { Alert, Card, Col, DatePicker, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { Suspense, lazy, useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { type ApiError, get } from '../../shared/api.js';
import { bj } from '../../shared/format.js';
import { addTranslations } from '../../shared/i18n.js';
import { KIND_OPTIONS, STATUS_LABELS } from '../../shared/labels.js';
import { useSession } from '../session.js';
import { PrintButton, PrintStyle } from './ReportPrint.js';

// ECharts loads with this chart only, not with the console.
const StackedBar = lazy(() => import('../charts/StackedBar.js'));

addTranslations(
  {
    wkTitle: '周汇总 · {{from}} 至 {{to}}', wkOpened: '本周立项', wkClosed: '本周销项', wkStillOpen: '本周立项仍未完结', wkUnresolved: '全部未完结', wkPrint: '打印', wkWeek: '选择周',
    wkByKind: '按类别和状态', wkKind: '类别', wkTotal: '合计', wkDecide: '无法处理、待主管决定（{{n}}）', wkDecideHint: '无法处理待审批的案件请到审批页决定；暂停的案件请确认等待原因与期限。',
    wkList: '未完结案件（{{n}}）', wkNumber: '编号', wkStatus: '状态', wkContent: '内容', wkOpenedAt: '立项时间', wkAge: '已开（天）', wkWhy: '原因/期限', wkGo: '去决定', wkNone: '无',
    wkShown: '仅列出最早的 {{n}} 件', wkFrom: '{{day}} 起一周',
  },
  {
    wkTitle: 'Weekly summary · {{from}} to {{to}}', wkOpened: 'Opened this week', wkClosed: 'Closed this week', wkStillOpen: 'Opened this week, still open', wkUnresolved: 'All unresolved', wkPrint: 'Print', wkWeek: 'Week',
    wkByKind: 'By kind and status', wkKind: 'Kind', wkTotal: 'Total', wkDecide: 'Cannot be handled — for the supervisor ({{n}})', wkDecideHint: 'Decide unresolvable cases on the approvals page; check the reason and end of each pause.',
    wkList: 'Unresolved cases ({{n}})', wkNumber: 'Number', wkStatus: 'Status', wkContent: 'Description', wkOpenedAt: 'Opened', wkAge: 'Age (days)', wkWhy: 'Reason / until', wkGo: 'Decide', wkNone: 'None',
    wkShown: 'Only the oldest {{n}} are listed', wkFrom: 'week of {{day}}',
  },
);

const KIND_LABEL = Object.fromEntries(KIND_OPTIONS.map((k) => [k.value, k.label]));
const PAUSE_LABEL: Record<string, string> = { awaiting_resident: '等业户', awaiting_parts: '等配件', awaiting_third_party: '等第三方', other: '其他' };

/** R-WK-1: each Monday, last week's cases and where they stand; what cannot be handled goes to the supervisor. */
export default function Weekly() {
  const { t } = useTranslation();
  const { estateId } = useSession();
  const [params, setParams] = useSearchParams();
  const monday = params.get('monday') ?? undefined;
  const [w, setW] = useState<any>(null);
  const [error, setError] = useState<string>();

  const load = useCallback(async () => {
    try {
      setW(await get(`/api/estates/${estateId}/weekly${monday ? `?monday=${monday}` : ''}`));
      setError(undefined);
    } catch (e) {
      setError((e as ApiError).message);
    }
  }, [estateId, monday]);
  useEffect(() => {
    void load();
  }, [load]);

  const { statuses, matrix, chart } = useMemo(() => {
    const statuses: string[] = w ? [...new Set<string>(w.byKindStatus.map((r: any) => r.status))] : [];
    const matrix: any[] = w
      ? w.byKind.map((k: any) => ({
          kind: k.kind,
          total: k.n,
          ...Object.fromEntries(w.byKindStatus.filter((r: any) => r.kind === k.kind).map((r: any) => [r.status, r.n])),
        }))
      : [];
    const chart = {
      categories: matrix.map((m) => KIND_LABEL[m.kind] ?? m.kind),
      series: statuses.map((st) => ({ name: STATUS_LABELS[st] ?? st, values: matrix.map((m) => m[st] ?? 0) })),
    };
    return { statuses, matrix, chart };
  }, [w]);

  const caseColumns = [
    { title: t('wkNumber'), dataIndex: 'number', width: 150, render: (v: string, r: any) => <Link to={`/cases/${r.id}`}>{v}</Link> },
    { title: t('wkKind'), dataIndex: 'kindLabel', width: 90 },
    { title: t('wkStatus'), dataIndex: 'status', width: 130, render: (v: string) => STATUS_LABELS[v] ?? v },
    { title: t('wkContent'), dataIndex: 'description', ellipsis: true },
    { title: t('wkOpenedAt'), dataIndex: 'openedAt', width: 150, render: bj },
    { title: t('wkAge'), dataIndex: 'ageDays', width: 80 },
  ];

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <PrintStyle />
      {error && <Alert type="error" showIcon message={error} role="alert" />}
      <Card
        title={w ? t('wkTitle', { from: w.week.monday, to: w.week.sunday }) : ''}
        extra={
          <Space className="no-print">
            <DatePicker
              aria-label={t('wkWeek')}
              picker="week"
              allowClear={false}
              format={(v) => t('wkFrom', { day: v.subtract((v.day() + 6) % 7, 'day').format('YYYY-MM-DD') })}
              value={w ? dayjs(w.week.monday) : null}
              onChange={(v) => v && setParams({ monday: v.subtract((v.day() + 6) % 7, 'day').format('YYYY-MM-DD') })}
            />
            <PrintButton label={t('wkPrint')} />
          </Space>
        }
      >
        {w && (
          <>
            <Row gutter={24}>
              <Col span={6}><Statistic title={t('wkOpened')} value={w.opened} /></Col>
              <Col span={6}><Statistic title={t('wkClosed')} value={w.closedInWeek} /></Col>
              <Col span={6}><Statistic title={t('wkStillOpen')} value={w.stillOpen} /></Col>
              <Col span={6}><Statistic title={t('wkUnresolved')} value={w.unresolvedTotal} /></Col>
            </Row>
            <Typography.Title level={5} style={{ marginTop: 16 }}>{t('wkByKind')}</Typography.Title>
            {matrix.length > 0 && (
              <Suspense fallback={null}>
                <StackedBar ariaLabel={t('wkByKind')} height={60 + matrix.length * 36} categories={chart.categories} series={chart.series} />
              </Suspense>
            )}
            <Table
              rowKey="kind"
              size="small"
              bordered
              pagination={false}
              dataSource={matrix}
              locale={{ emptyText: t('wkNone') }}
              columns={[
                { title: t('wkKind'), dataIndex: 'kind', render: (v: string) => KIND_LABEL[v] ?? v },
                ...statuses.map((s) => ({ title: STATUS_LABELS[s] ?? s, dataIndex: s, align: 'right' as const, render: (v: number | undefined) => v ?? 0 })),
                { title: t('wkTotal'), dataIndex: 'total', align: 'right' as const },
              ]}
            />
          </>
        )}
      </Card>
      {w && (
        <>
          <Card size="small" title={t('wkDecide', { n: w.forSupervisor.length })}>
            <Typography.Paragraph type="secondary">{t('wkDecideHint')}</Typography.Paragraph>
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={w.forSupervisor}
              locale={{ emptyText: t('wkNone') }}
              columns={[
                ...caseColumns,
                {
                  title: t('wkWhy'),
                  dataIndex: 'pauseReason',
                  width: 160,
                  render: (v: string | null, r: any) => (r.status === 'paused' ? `${PAUSE_LABEL[v ?? ''] ?? v ?? ''}${r.pausedUntil ? ` → ${bj(r.pausedUntil)}` : ''}` : <Tag color="orange">{STATUS_LABELS[r.status]}</Tag>),
                },
                {
                  title: '',
                  dataIndex: 'id',
                  width: 80,
                  render: (id: string, r: any) => <Link className="no-print" to={r.status === 'unresolvable_pending' ? '/approvals' : `/cases/${id}`}>{t('wkGo')}</Link>,
                },
              ]}
            />
          </Card>
          <Card size="small" title={t('wkList', { n: w.unresolvedTotal })}>
            {w.unresolvedTotal > w.unresolved.length && <Typography.Paragraph type="secondary">{t('wkShown', { n: w.unresolved.length })}</Typography.Paragraph>}
            <Table rowKey="id" size="small" pagination={{ pageSize: 50, hideOnSinglePage: true }} dataSource={w.unresolved} columns={caseColumns} locale={{ emptyText: t('wkNone') }} />
          </Card>
        </>
      )}
    </Space>
  );
}
