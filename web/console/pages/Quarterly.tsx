import { Alert, Button, Card, Descriptions, Input, Select, Space, Table, Typography, message } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { L } from '../../shared/i18n.js';
import { useSearchParams } from 'react-router-dom';
import { type ApiError, get, post } from '../../shared/api.js';
import { bj } from '../../shared/format.js';
import { addTranslations } from '../../shared/i18n.js';
import { useSession } from '../session.js';
import { FormButton, PrintButton, PrintStyle } from './ReportPrint.js';

addTranslations(
  {
    qtTitle: '季报 · {{q}}', qtQuarter: '选择季度', qtPrint: '打印', qtMonth: '月份', qtOrders: '派工单', qtInHome: '户内', qtPublic: '公共', qtPaid: '有偿',
    qtTimeliness: '及时率', qtRework: '返修率', qtComplaints: '有效投诉', qtComplaintRate: '投诉率', qtTotal: '季度合计', qtOver: '超出目标',
    qtSigns: '签字', qtSupervisor: '客服主管', qtManager: '项目经理意见', qtNotYet: '未签', qtNote: '主管备注（可不填）', qtComment: '项目经理意见（必填）',
    qtSignSup: '主管签字', qtSignPm: '签署意见', qtSigned: '已签字', qtFrom: '本季度自 {{at}} 起可签字（第三个月）', qtTarget: '目标 < {{v}}%',
  },
  {
    qtTitle: 'Quarterly report · {{q}}', qtQuarter: 'Quarter', qtPrint: 'Print', qtMonth: 'Month', qtOrders: 'Orders', qtInHome: 'In-home', qtPublic: 'Public', qtPaid: 'Paid',
    qtTimeliness: 'Timeliness', qtRework: 'Rework', qtComplaints: 'Valid complaints', qtComplaintRate: 'Complaint rate', qtTotal: 'Quarter total', qtOver: 'over target',
    qtSigns: 'Signatures', qtSupervisor: 'Supervisor', qtManager: 'Project manager’s comment', qtNotYet: 'Not signed', qtNote: 'Supervisor’s note (optional)', qtComment: 'Project manager’s comment (required)',
    qtSignSup: 'Sign as supervisor', qtSignPm: 'Comment and sign', qtSigned: 'Signed', qtFrom: 'Can be signed from {{at}} (the third month)', qtTarget: 'target < {{v}}%',
  },
);

const percent = (v: number | null) => (v === null ? '—' : `${v}%`);

/** The last eight quarters, newest first, for the picker. */
function recentQuarters(now = new Date()) {
  const out: string[] = [];
  let y = now.getFullYear();
  let q = Math.floor(now.getMonth() / 3) + 1;
  for (let i = 0; i < 8; i++) {
    out.push(`${y}-Q${q}`);
    if (--q === 0) [y, q] = [y - 1, 4];
  }
  return out;
}

/** R-QT-1: three months' key figures and the complaint rate; the supervisor signs, the project manager comments and signs. */
export default function Quarterly() {
  const { t } = useTranslation();
  const { estateId } = useSession();
  const [params, setParams] = useSearchParams();
  const quarter = params.get('quarter') ?? undefined;
  const [q, setQ] = useState<any>(null);
  const [error, setError] = useState<string>();
  const [text, setText] = useState('');

  const load = useCallback(async () => {
    try {
      setQ(await get(`/api/estates/${estateId}/quarterly${quarter ? `?quarter=${quarter}` : ''}`));
      setError(undefined);
    } catch (e) {
      setError((e as ApiError).message);
    }
  }, [estateId, quarter]);
  useEffect(() => {
    void load();
  }, [load]);

  const sign = async (role: 'supervisor' | 'project_manager') => {
    try {
      const body = role === 'supervisor' ? { quarter: q.quarter, role, note: text || undefined } : { quarter: q.quarter, role, comment: text };
      setQ(await post(`/api/estates/${estateId}/quarterly/sign`, body));
      setText('');
      setError(undefined);
      void message.success(t('qtSigned'));
    } catch (e) {
      setError((e as ApiError).message);
    }
  };

  const rows = q ? [...q.months, { month: t('qtTotal'), orders: q.total.orders, timelinessPct: q.total.timeliness.ratePct, reworkPct: q.total.rework.ratePct, validComplaints: q.total.complaintRate.validComplaints, complaintRatePct: q.total.complaintRate.ratePct, total: true }] : [];
  const s = q?.signoff;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <PrintStyle />
      {error && <Alert type="error" showIcon message={error} role="alert" />}
      <Card
        title={q ? t('qtTitle', { q: q.quarter }) : ''}
        extra={
          <Space className="no-print">
            <Select aria-label={t('qtQuarter')} style={{ width: 130 }} value={q?.quarter} options={[...new Set([...(q ? [q.quarter] : []), ...recentQuarters()])].map((v) => ({ value: v, label: v }))} onChange={(v) => setParams({ quarter: v })} />
            <PrintButton label={t('qtPrint')} />
            <FormButton id="quarterly-form" label={L('打印签字页', 'Print signature form')} href={q ? `/api/estates/${estateId}/quarterly/print?quarter=${q.quarter}` : undefined} />
          </Space>
        }
      >
        {q && (
          <Table
            rowKey="month"
            size="small"
            bordered
            pagination={false}
            dataSource={rows}
            rowClassName={(r: any) => (r.total ? 'ant-table-row-selected' : '')}
            columns={[
              { title: t('qtMonth'), dataIndex: 'month' },
              { title: t('qtOrders'), dataIndex: 'orders', align: 'right' as const },
              { title: t('qtInHome'), dataIndex: 'inHome', align: 'right' as const },
              { title: t('qtPublic'), dataIndex: 'public', align: 'right' as const },
              { title: t('qtPaid'), dataIndex: 'paid', align: 'right' as const },
              { title: t('qtTimeliness'), dataIndex: 'timelinessPct', align: 'right' as const, render: percent },
              { title: t('qtRework'), dataIndex: 'reworkPct', align: 'right' as const, render: percent },
              { title: t('qtComplaints'), dataIndex: 'validComplaints', align: 'right' as const },
              {
                title: `${t('qtComplaintRate')}（${t('qtTarget', { v: q.total.complaintRate.targetPct })}）`,
                dataIndex: 'complaintRatePct',
                align: 'right' as const,
                render: (v: number | null) => (v !== null && v >= q.total.complaintRate.targetPct ? <Typography.Text type="danger">{`${percent(v)} ${t('qtOver')}`}</Typography.Text> : percent(v)),
              },
            ]}
          />
        )}
      </Card>
      {q && (
        <Card size="small" title={t('qtSigns')}>
          <Descriptions bordered size="small" column={1}>
            <Descriptions.Item label={t('qtSupervisor')}>{s ? `${s.supervisor.name ?? ''} · ${bj(s.supervisor.signedAt)}${s.supervisor.note ? ` · ${s.supervisor.note}` : ''}` : t('qtNotYet')}</Descriptions.Item>
            <Descriptions.Item label={t('qtManager')}>{s?.manager ? `${s.manager.comment} —— ${s.manager.name ?? ''} · ${bj(s.manager.signedAt)}` : t('qtNotYet')}</Descriptions.Item>
          </Descriptions>
          {!s && !q.maySign.supervisor && <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{t('qtFrom', { at: bj(q.signableFrom) })}</Typography.Paragraph>}
          {(q.maySign.supervisor || q.maySign.projectManager) && (
            <Space.Compact className="no-print" style={{ width: '100%', marginTop: 12 }}>
              <Input aria-label={q.maySign.supervisor ? t('qtNote') : t('qtComment')} placeholder={q.maySign.supervisor ? t('qtNote') : t('qtComment')} value={text} onChange={(e) => setText(e.target.value)} />
              {q.maySign.supervisor ? (
                <Button type="primary" onClick={() => sign('supervisor')}>{t('qtSignSup')}</Button>
              ) : (
                <Button type="primary" disabled={!text.trim()} onClick={() => sign('project_manager')}>{t('qtSignPm')}</Button>
              )}
            </Space.Compact>
          )}
        </Card>
      )}
    </Space>
  );
}
