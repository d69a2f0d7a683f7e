import { Alert, Card, Col, DatePicker, Descriptions, Row, Space, Statistic, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { L } from '../../shared/i18n.js';
import { Link, useSearchParams } from 'react-router-dom';
import { type ApiError, get } from '../../shared/api.js';
import { addTranslations } from '../../shared/i18n.js';
import { useSession } from '../session.js';
import { XlsxButton } from '../XlsxButton.js';
import { FormButton, PrintButton, PrintStyle } from './ReportPrint.js';

addTranslations(
  {
    moTitle: '月报 · {{month}}', moMonth: '选择月份', moPrint: '打印', moCover: '维修单装订封面', moCoverMonth: '月份', moTotal: '派工单总数', moInHome: '户内', moPublic: '公共区域',
    moTimeliness: '维修及时率', moRework: '返修率', moRange: '单号范围', moVoided: '作废 {{n}} 张', moRoutine: '常规', moPaid: '有偿', moComplaint: '投诉率',
    moTarget: '目标 {{v}}', moTargetBelow: '目标 < {{v}}', moTargetMax: '目标 ≤ {{v}}', moOver: '超出目标', moBelow: '未达目标', moByDept: '按部门', moBySpec: '按专业',
    moDept: '部门', moSpec: '专业', moCount: '单数', moMaterials: '材料用量', moMatName: '名称', moMatSpec: '规格', moQty: '数量', moAmount: '金额（元）',
    moReworkCases: '返修案件（{{n}}，{{d}} 天内同一房号同一类故障）', moCase: '案件', moOriginal: '原维修', moDays: '完工后天数', moLate: '未及时（{{n}}）', moReason: '原因',
    moNone: '无', moComplaints: '有效投诉 {{n}} 件 ÷ {{h}} 户', moOverHint: '投诉率超出目标：请项目经理组织分析并制定书面整改措施（R-MO-3）',
    late_dispatch: '派工超时', late_arrival: '到场超时', not_completed: '未完工',
  },
  {
    moTitle: 'Monthly report · {{month}}', moMonth: 'Month', moPrint: 'Print', moCover: 'Order binder cover', moCoverMonth: 'Month', moTotal: 'Orders', moInHome: 'In-home', moPublic: 'Public areas',
    moTimeliness: 'Timeliness', moRework: 'Rework rate', moRange: 'Order numbers', moVoided: '{{n}} voided', moRoutine: 'Routine', moPaid: 'Paid', moComplaint: 'Complaint rate',
    moTarget: 'target {{v}}', moTargetBelow: 'target < {{v}}', moTargetMax: 'target ≤ {{v}}', moOver: 'over target', moBelow: 'below target', moByDept: 'By department', moBySpec: 'By specialty',
    moDept: 'Department', moSpec: 'Specialty', moCount: 'Orders', moMaterials: 'Materials used', moMatName: 'Name', moMatSpec: 'Spec', moQty: 'Quantity', moAmount: 'Amount (¥)',
    moReworkCases: 'Rework ({{n}}; same fault at the same unit within {{d}} days)', moCase: 'Case', moOriginal: 'Original repair', moDays: 'Days after completion', moLate: 'Not on time ({{n}})', moReason: 'Why',
    moNone: 'None', moComplaints: '{{n}} valid complaints ÷ {{h}} households', moOverHint: 'Complaint rate over target: the project manager leads an analysis and a written corrective plan (R-MO-3)',
    late_dispatch: 'Dispatched late', late_arrival: 'Arrived late', not_completed: 'Not completed',
  },
);

const SPECIALTY: Record<string, string> = {
  water: '给排水', electricity: '电气', lift: '电梯', gas: '燃气', door_window: '门窗锁具', civil: '土建', public_facility: '公共设施', service: '服务', general: '综合', unclassified: '未分类',
};
const percent = (v: number | null) => (v === null ? '—' : `${v}%`);
const yuan = (cents: number) => (cents / 100).toFixed(2);

/** R-MO-1 / R-MO-2 / R-MO-3: last month's figures for the project manager's review, with the binder cover. */
export default function Monthly() {
  const { t } = useTranslation();
  const { estateId } = useSession();
  const [params, setParams] = useSearchParams();
  const month = params.get('month') ?? undefined;
  const [m, setM] = useState<any>(null);
  const [error, setError] = useState<string>();

  const load = useCallback(async () => {
    try {
      setM(await get(`/api/estates/${estateId}/monthly${month ? `?month=${month}` : ''}`));
      setError(undefined);
    } catch (e) {
      setError((e as ApiError).message);
    }
  }, [estateId, month]);
  useEffect(() => {
    void load();
  }, [load]);

  const flag = (bad: boolean, text: string) => ({ color: bad ? '#cf1322' : undefined, note: bad ? text : undefined });
  const tl = m && flag(m.timeliness.belowTarget, t('moBelow'));
  const rw = m && flag(m.rework.overTarget, t('moOver'));
  const cr = m && flag(m.complaintRate.overTarget, t('moOver'));

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <PrintStyle />
      {error && <Alert type="error" showIcon message={error} role="alert" />}
      <Card
        title={m ? t('moTitle', { month: m.month }) : ''}
        extra={
          <Space className="no-print">
            <DatePicker aria-label={t('moMonth')} picker="month" allowClear={false} value={m ? dayjs(`${m.month}-01`) : null} onChange={(v) => v && setParams({ month: v.format('YYYY-MM') })} />
            <PrintButton label={t('moPrint')} />
            <FormButton id="monthly-visits" label={L('打印回访记录表', 'Print return visits')} href={m ? `/api/estates/${estateId}/return-visits/print?month=${m.month}` : undefined} />
            <FormButton id="monthly-cover" label={L('打印封面', 'Print binder cover')} href={m ? `/api/estates/${estateId}/monthly/cover?month=${m.month}` : undefined} />
            <XlsxButton id="monthly-xlsx" href={m ? `/api/estates/${estateId}/monthly.xlsx?month=${m.month}` : undefined} fallbackName="monthly.xlsx" />
          </Space>
        }
      >
        {m && (
          <Row gutter={24}>
            <Col span={6}>
              <Statistic title={t('moTotal')} value={m.orders.total} suffix={m.orders.voided ? <Typography.Text type="secondary" style={{ fontSize: 13 }}>{t('moVoided', { n: m.orders.voided })}</Typography.Text> : null} />
              <Typography.Text type="secondary">{`${t('moInHome')} ${m.orders.inHome} · ${t('moPublic')} ${m.orders.public} · ${t('moRoutine')} ${m.orders.routine} · ${t('moPaid')} ${m.orders.paid}`}</Typography.Text>
            </Col>
            <Col span={6}>
              <Statistic title={t('moTimeliness')} value={percent(m.timeliness.ratePct)} valueStyle={{ color: tl.color }} />
              <Typography.Text type={tl.note ? 'danger' : 'secondary'}>{tl.note ?? t('moTarget', { v: `${m.timeliness.targetPct}%` })}</Typography.Text>
            </Col>
            <Col span={6}>
              <Statistic title={t('moRework')} value={percent(m.rework.ratePct)} valueStyle={{ color: rw.color }} />
              <Typography.Text type={rw.note ? 'danger' : 'secondary'}>{rw.note ? `${rw.note}（${t('moTargetMax', { v: `${m.rework.targetPct}%` })}）` : t('moTargetMax', { v: `${m.rework.targetPct}%` })}</Typography.Text>
            </Col>
            <Col span={6}>
              <Statistic title={t('moComplaint')} value={percent(m.complaintRate.ratePct)} valueStyle={{ color: cr.color }} />
              <Typography.Text type={cr.note ? 'danger' : 'secondary'}>{t('moComplaints', { n: m.complaintRate.validComplaints, h: m.complaintRate.households })}；{t('moTargetBelow', { v: `${m.complaintRate.targetPct}%` })}</Typography.Text>
            </Col>
          </Row>
        )}
        {m?.complaintRate.overTarget && <Alert style={{ marginTop: 16 }} type="warning" showIcon message={t('moOverHint')} />}
      </Card>
      {m && (
        <>
          <Card size="small" title={t('moCover')} className="binder-cover">
            <Descriptions bordered size="small" column={4}>
              <Descriptions.Item label={t('moCoverMonth')}>{m.cover.month}</Descriptions.Item>
              <Descriptions.Item label={t('moTotal')}>{m.cover.totalOrders}</Descriptions.Item>
              <Descriptions.Item label={t('moInHome')}>{m.cover.inHome}</Descriptions.Item>
              <Descriptions.Item label={t('moPublic')}>{m.cover.public}</Descriptions.Item>
              <Descriptions.Item label={t('moTimeliness')}>{percent(m.cover.timelinessPct)}</Descriptions.Item>
              <Descriptions.Item label={t('moRework')}>{percent(m.cover.reworkPct)}</Descriptions.Item>
              <Descriptions.Item label={t('moRange')} span={2}>{m.cover.firstOrderNumber ? `${m.cover.firstOrderNumber} — ${m.cover.lastOrderNumber}` : t('moNone')}</Descriptions.Item>
            </Descriptions>
          </Card>
          <Row gutter={16}>
            <Col span={12}>
              <Card size="small" title={t('moByDept')}>
                <Table rowKey="department" size="small" pagination={false} dataSource={m.orders.byDepartment} locale={{ emptyText: t('moNone') }} columns={[{ title: t('moDept'), dataIndex: 'department' }, { title: t('moCount'), dataIndex: 'n', align: 'right' as const }]} />
              </Card>
            </Col>
            <Col span={12}>
              <Card size="small" title={t('moBySpec')}>
                <Table rowKey="specialty" size="small" pagination={false} dataSource={m.orders.bySpecialty} locale={{ emptyText: t('moNone') }} columns={[{ title: t('moSpec'), dataIndex: 'specialty', render: (v: string) => SPECIALTY[v] ?? v }, { title: t('moCount'), dataIndex: 'n', align: 'right' as const }]} />
              </Card>
            </Col>
          </Row>
          <Card size="small" title={t('moMaterials')}>
            <Table
              rowKey={(r: any) => `${r.name}|${r.spec ?? ''}|${r.unit ?? ''}`}
              size="small"
              pagination={false}
              dataSource={m.materials}
              locale={{ emptyText: t('moNone') }}
              columns={[
                { title: t('moMatName'), dataIndex: 'name' },
                { title: t('moMatSpec'), dataIndex: 'spec', render: (v: string | null) => v ?? '' },
                { title: t('moQty'), dataIndex: 'quantity', align: 'right' as const, render: (v: number, r: any) => `${v} ${r.unit ?? ''}` },
                { title: t('moAmount'), dataIndex: 'amountCents', align: 'right' as const, render: yuan },
              ]}
            />
          </Card>
          <Row gutter={16}>
            <Col span={12}>
              <Card size="small" title={t('moReworkCases', { n: m.rework.cases.length, d: m.rework.windowDays })}>
                <Table
                  rowKey="caseId"
                  size="small"
                  pagination={false}
                  dataSource={m.rework.cases}
                  locale={{ emptyText: t('moNone') }}
                  columns={[
                    { title: t('moCase'), dataIndex: 'caseNumber', render: (v: string, r: any) => <Link to={`/cases/${r.caseId}`}>{v}</Link> },
                    { title: t('moOriginal'), dataIndex: 'originalNumber', render: (v: string, r: any) => <Link to={`/cases/${r.originalId}`}>{v}</Link> },
                    { title: t('moDays'), dataIndex: 'daysAfter', align: 'right' as const },
                  ]}
                />
              </Card>
            </Col>
            <Col span={12}>
              <Card size="small" title={t('moLate', { n: m.timeliness.late.length })}>
                <Table
                  rowKey="caseId"
                  size="small"
                  pagination={{ pageSize: 20, hideOnSinglePage: true }}
                  dataSource={m.timeliness.late}
                  locale={{ emptyText: t('moNone') }}
                  columns={[
                    { title: t('moCase'), dataIndex: 'caseNumber', render: (v: string, r: any) => <Link to={`/cases/${r.caseId}`}>{v}</Link> },
                    { title: t('moReason'), dataIndex: 'reason', render: (v: string) => t(v) },
                  ]}
                />
              </Card>
            </Col>
          </Row>
        </>
      )}
    </Space>
  );
}
