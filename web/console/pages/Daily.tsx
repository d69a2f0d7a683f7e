import { Alert, Button, Card, Col, DatePicker, Form, Input, Modal, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { ORDER_STATUS_LABELS, type OrderStatus } from '../../../src/domain/work-order-lifecycle.js';
import { type ApiError, get, post } from '../../shared/api.js';
import { bj } from '../../shared/format.js';
import { addTranslations } from '../../shared/i18n.js';
import { STATUS_LABELS } from '../../shared/labels.js';
import { useSession } from '../session.js';
import { FormButton, PrintButton, PrintStyle } from './ReportPrint.js';

addTranslations(
  {
    dyTitle: '每日签核 · {{day}}', dyOpened: '当日立项', dyClosed: '当日销项', dyNotBack: '当日派工未返单', dyNoReason: '未登记原因', dyPrint: '打印', dyForm: '打印记录表',
    dySigned: '已签字：{{name}}，{{at}}', dySignNote: '签核意见（可不填）', dySign: '签字确认', dyWaiting: '待客服主管或项目经理签字', dyRecord: '登记原因',
    dyNumber: '编号', dyKind: '类别', dyStatus: '状态', dyContent: '内容', dyOpenedAt: '立项时间', dyClosedAt: '销项时间', dyOrderNo: '派工单号', dyCase: '案件',
    dyDept: '部门', dyTech: '维修人员', dyIssuedAt: '派工时间', dyReason: '未返单原因', dyExpected: '预计返单', dyRecordTitle: '登记未返单原因 · {{no}}',
    dyReasonPh: '如：等配件、业户不在家', dyOk: '确定', dyCancel: '取消', dyNone: '无', dyDay: '日期', dySignedOk: '已签字',
  },
  {
    dyTitle: 'Daily sign-off · {{day}}', dyOpened: 'Opened today', dyClosed: 'Closed today', dyNotBack: 'Orders issued today not back', dyNoReason: 'Without a reason', dyPrint: 'Print', dyForm: 'Print register',
    dySigned: 'Signed by {{name}}, {{at}}', dySignNote: 'Remarks (optional)', dySign: 'Sign the day', dyWaiting: 'Waiting for the supervisor or project manager to sign', dyRecord: 'Record reason',
    dyNumber: 'Number', dyKind: 'Kind', dyStatus: 'Status', dyContent: 'Description', dyOpenedAt: 'Opened', dyClosedAt: 'Closed', dyOrderNo: 'Order no.', dyCase: 'Case',
    dyDept: 'Department', dyTech: 'Technician', dyIssuedAt: 'Issued', dyReason: 'Why not back', dyExpected: 'Expected back', dyRecordTitle: 'Why order {{no}} is not back',
    dyReasonPh: 'e.g. waiting for parts, resident out', dyOk: 'OK', dyCancel: 'Cancel', dyNone: 'None', dyDay: 'Day', dySignedOk: 'Signed',
  },
);

/**
 * R-DY-1 / R-DY-2: before leaving, the supervisor reviews the day's opened and closed cases, the
 * orders that did not come back (each with the reason and expected date), and signs once.
 */
export default function Daily() {
  const { t } = useTranslation();
  const { estateId } = useSession();
  const [params, setParams] = useSearchParams();
  const day = params.get('day') ?? undefined;
  const [d, setD] = useState<any>(null);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string>();
  const [order, setOrder] = useState<any>(null);
  const [form] = Form.useForm();

  const load = useCallback(async () => {
    try {
      setD(await get(`/api/estates/${estateId}/daily${day ? `?day=${day}` : ''}`));
      setError(undefined);
    } catch (e) {
      setError((e as ApiError).message);
    }
  }, [estateId, day]);
  useEffect(() => {
    void load();
  }, [load]);

  const sign = async () => {
    try {
      setD(await post(`/api/estates/${estateId}/daily/${d.day}/sign`, note.trim() ? { note: note.trim() } : {}));
      setError(undefined);
    } catch (e) {
      setError((e as ApiError).message);
    }
  };

  const recordDelay = async () => {
    // An invalid form shows its messages under the fields; nothing to throw.
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      setD(await post(`/api/estates/${estateId}/daily/${d.day}/orders/${order.id}/delay`, { reason: v.reason, expectedDate: v.expectedDate?.format('YYYY-MM-DD') }));
      setOrder(null);
      form.resetFields();
    } catch (e) {
      const err = e as ApiError;
      if (err.fields?.length) form.setFields(err.fields.map((f) => ({ name: f.field, errors: [f.message] })));
      else form.setFields([{ name: 'reason', errors: [err.message] }]);
    }
  };

  const caseColumns = (timeKey: 'openedAt' | 'closedAt') => [
    { title: t('dyNumber'), dataIndex: 'number', width: 150, render: (v: string, r: any) => <Link to={`/cases/${r.id}`}>{v}</Link> },
    { title: t('dyKind'), dataIndex: 'kindLabel', width: 90 },
    { title: t('dyStatus'), dataIndex: 'status', width: 120, render: (v: string) => STATUS_LABELS[v] ?? v },
    { title: t('dyContent'), dataIndex: 'description', ellipsis: true },
    { title: timeKey === 'openedAt' ? t('dyOpenedAt') : t('dyClosedAt'), dataIndex: timeKey, width: 150, render: bj },
  ];

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <PrintStyle />
      <Card
        title={t('dyTitle', { day: d?.day ?? day ?? '' })}
        extra={
          <Space className="no-print">
            <DatePicker
              aria-label={t('dyDay')}
              allowClear={false}
              value={d?.day ? dayjs(d.day) : null}
              onChange={(v) => v && setParams({ day: v.format('YYYY-MM-DD') })}
            />
            <PrintButton label={t('dyPrint')} />
            <FormButton id="daily-form" label={t('dyForm')} href={d ? `/api/estates/${estateId}/daily/print?day=${d.day}` : undefined} />
          </Space>
        }
      >
        {d && (
          <>
            <Row gutter={24}>
              <Col span={6}><Statistic title={t('dyOpened')} value={d.counts.opened} /></Col>
              <Col span={6}><Statistic title={t('dyClosed')} value={d.counts.closed} /></Col>
              <Col span={6}><Statistic title={t('dyNotBack')} value={d.counts.ordersNotReturned} /></Col>
              <Col span={6}><Statistic title={t('dyNoReason')} value={d.counts.ordersWithoutReason} valueStyle={d.counts.ordersWithoutReason ? { color: '#cf1322' } : undefined} /></Col>
            </Row>
            <div style={{ marginTop: 16 }}>
              {d.signoff ? (
                <Alert type="success" showIcon message={t('dySigned', { name: d.signoff.signedBy ?? '', at: bj(d.signoff.signedAt) })} description={d.signoff.note ?? undefined} />
              ) : d.maySign ? (
                <Space align="start" className="no-print" style={{ width: '100%' }}>
                  <Input.TextArea aria-label={t('dySignNote')} placeholder={t('dySignNote')} rows={1} style={{ width: 420 }} value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} />
                  <Button type="primary" onClick={sign}>{t('dySign')}</Button>
                </Space>
              ) : (
                <Typography.Text type="secondary">{t('dyWaiting')}</Typography.Text>
              )}
              {error && <Alert type="error" showIcon message={error} role="alert" style={{ marginTop: 8 }} />}
            </div>
          </>
        )}
      </Card>
      {d && (
        <>
          <Card size="small" title={`${t('dyNotBack')}（${d.ordersNotReturned.length}）`}>
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={d.ordersNotReturned}
              locale={{ emptyText: t('dyNone') }}
              columns={[
                { title: t('dyOrderNo'), dataIndex: 'number', width: 100 },
                { title: t('dyCase'), dataIndex: 'caseNumber', width: 150, render: (v, o: any) => <Link to={`/cases/${o.caseId}`}>{v}</Link> },
                { title: t('dyDept'), dataIndex: 'department', width: 90 },
                { title: t('dyTech'), dataIndex: 'technician', width: 90 },
                { title: t('dyIssuedAt'), dataIndex: 'issuedAt', width: 150, render: bj },
                { title: t('dyStatus'), dataIndex: 'status', width: 90, render: (v) => ORDER_STATUS_LABELS[v as OrderStatus] ?? v },
                {
                  title: t('dyReason'),
                  dataIndex: 'delay',
                  render: (v, o: any) =>
                    v ? (
                      <span>{v.reason}{v.recordedBy ? <Typography.Text type="secondary">（{v.recordedBy}）</Typography.Text> : null}</span>
                    ) : d.mayRecordDelay ? (
                      <Button size="small" danger className="no-print" onClick={() => { form.resetFields(); setOrder(o); }}>{t('dyRecord')}</Button>
                    ) : (
                      <Tag color="red">{t('dyNoReason')}</Tag>
                    ),
                },
                { title: t('dyExpected'), dataIndex: 'delay', width: 110, render: (v) => v?.expectedDate ?? '' },
              ]}
            />
          </Card>
          <Card size="small" title={`${t('dyOpened')}（${d.opened.length}）`}>
            <Table rowKey="id" size="small" pagination={false} dataSource={d.opened} columns={caseColumns('openedAt')} locale={{ emptyText: t('dyNone') }} />
          </Card>
          <Card size="small" title={`${t('dyClosed')}（${d.closed.length}）`}>
            <Table rowKey="id" size="small" pagination={false} dataSource={d.closed} columns={caseColumns('closedAt')} locale={{ emptyText: t('dyNone') }} />
          </Card>
        </>
      )}
      <Modal open={Boolean(order)} title={order ? t('dyRecordTitle', { no: order.number }) : ''} onOk={recordDelay} onCancel={() => setOrder(null)} okText={t('dyOk')} cancelText={t('dyCancel')} destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label={t('dyReason')} rules={[{ required: true, message: '请填写未返单原因' }]}>
            <Input.TextArea rows={2} placeholder={t('dyReasonPh')} maxLength={1000} />
          </Form.Item>
          <Form.Item name="expectedDate" label={t('dyExpected')} rules={[{ required: true, message: '请选择预计返单日期' }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
