import { Alert, Button, Card, Form, Input, Select, Space, Statistic, Table, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ORDER_STATUS_LABELS, type OrderStatus } from '../../../src/domain/work-order-lifecycle.js';
import { type ApiError, get, post } from '../../shared/api.js';
import { bj } from '../../shared/format.js';
import { addTranslations } from '../../shared/i18n.js';
import { useSession } from '../session.js';

addTranslations(
  {
    shTitle: '交接班', shOpen: '未返单派工单（交接时由系统统计）', shCount: '当前未返单', shOrderNo: '派工单号', shCase: '案件', shTech: '维修人员', shStatus: '状态',
    shIssuedAt: '派工时间', shTaker: '接班人', shShift: '接班班次', shDay: '白班', shNight: '夜班', shNote: '交接事项（可不填）', shSubmit: '确认交班',
    shHistory: '交接记录', shAt: '交接时间', shHandedBy: '交班人', shOrders: '未返单数', shNumbers: '派工单号', shMore: '加载更多', shNone: '无', shDone: '已交班，移交未返单 {{n}} 张', shNoteCol: '交接事项',
    shPickTaker: '请选择接班人', shPickShift: '请选择班次',
  },
  {
    shTitle: 'Shift handover', shOpen: 'Orders not back at the desk (counted by the system at handover)', shCount: 'Not back now', shOrderNo: 'Order no.', shCase: 'Case',
    shTech: 'Technician', shStatus: 'Status', shIssuedAt: 'Issued', shTaker: 'Taken over by', shShift: 'Shift', shDay: 'Day', shNight: 'Night', shNote: 'Notes (optional)',
    shSubmit: 'Hand over', shHistory: 'Handovers', shAt: 'When', shHandedBy: 'Handed over by', shOrders: 'Open orders', shNumbers: 'Order numbers', shMore: 'Load more',
    shNone: 'None', shDone: 'Handed over with {{n}} open orders', shNoteCol: 'Notes', shPickTaker: 'Choose who takes over', shPickShift: 'Choose the shift',
  },
);

/**
 * R-SH-1: at each shift change the desk hands over to a colleague; the server counts and lists
 * the orders not yet back at the desk at that moment and keeps the record.
 */
export default function Handover() {
  const { t } = useTranslation();
  const { estateId } = useSession();
  const [d, setD] = useState<any>(null);
  const [history, setHistory] = useState<any[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();
  const [form] = Form.useForm();

  const load = useCallback(async () => {
    try {
      const v = await get<any>(`/api/estates/${estateId}/handover`);
      setD(v);
      setHistory(v.handovers.items);
      setCursor(v.handovers.nextCursor);
      setError(undefined);
    } catch (e) {
      setError((e as ApiError).message);
    }
  }, [estateId]);
  useEffect(() => {
    void load();
  }, [load]);

  const more = async () => {
    const v = await get<any>(`/api/estates/${estateId}/handover?cursor=${encodeURIComponent(cursor ?? '')}`);
    setHistory((h) => [...h, ...v.handovers.items]);
    setCursor(v.handovers.nextCursor);
  };

  const submit = async () => {
    // An invalid form shows its messages under the fields; nothing to throw.
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      const r = await post<any>(`/api/estates/${estateId}/handovers`, { takenBy: v.takenBy, shift: v.shift, ...(v.note?.trim() ? { note: v.note.trim() } : {}) });
      setDone(t('shDone', { n: r.openOrderCount }));
      form.resetFields();
      await load();
    } catch (e) {
      const err = e as ApiError;
      if (err.fields?.length) form.setFields(err.fields.map((f) => ({ name: f.field, errors: [f.message] })));
      else setError(err.message);
    }
  };

  const shiftLabel = (s: string) => (s === 'day' ? t('shDay') : t('shNight'));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {error && <Alert type="error" showIcon message={error} role="alert" />}
      {d && (
        <>
          <Card title={t('shTitle')} extra={<Statistic title={t('shCount')} value={d.openOrderCount} />}>
            <Form form={form} layout="inline" aria-label={t('shTitle')}>
              <Form.Item name="takenBy" label={t('shTaker')} rules={[{ required: true, message: t('shPickTaker') }]}>
                <Select aria-label={t('shTaker')} style={{ width: 180 }} options={d.colleagues.map((c: any) => ({ value: c.id, label: c.displayName }))} />
              </Form.Item>
              <Form.Item name="shift" label={t('shShift')} rules={[{ required: true, message: t('shPickShift') }]}>
                <Select aria-label={t('shShift')} style={{ width: 110 }} options={[{ value: 'day', label: t('shDay') }, { value: 'night', label: t('shNight') }]} />
              </Form.Item>
              <Form.Item name="note">
                <Input aria-label={t('shNote')} placeholder={t('shNote')} style={{ width: 320 }} maxLength={2000} />
              </Form.Item>
              <Button type="primary" onClick={submit}>{t('shSubmit')}</Button>
            </Form>
            {done && <Alert type="success" showIcon message={done} style={{ marginTop: 12 }} />}
          </Card>
          <Card size="small" title={`${t('shOpen')}（${d.openOrders.length}）`}>
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={d.openOrders}
              locale={{ emptyText: t('shNone') }}
              columns={[
                { title: t('shOrderNo'), dataIndex: 'number', width: 100 },
                { title: t('shCase'), dataIndex: 'caseNumber', width: 160, render: (v, o: any) => <Link to={`/cases/${o.caseId}`}>{v}</Link> },
                { title: t('shTech'), dataIndex: 'technician', width: 100 },
                { title: t('shStatus'), dataIndex: 'status', width: 100, render: (v) => ORDER_STATUS_LABELS[v as OrderStatus] ?? v },
                { title: t('shIssuedAt'), dataIndex: 'issuedAt', render: bj },
              ]}
            />
          </Card>
          <Card size="small" title={t('shHistory')}>
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={history}
              locale={{ emptyText: t('shNone') }}
              columns={[
                { title: t('shAt'), dataIndex: 'at', width: 150, render: bj },
                { title: t('shShift'), dataIndex: 'shift', width: 80, render: (v) => <Tag color={v === 'day' ? 'gold' : 'geekblue'}>{shiftLabel(v)}</Tag> },
                { title: t('shHandedBy'), dataIndex: ['handedBy', 'displayName'], width: 100 },
                { title: t('shTaker'), dataIndex: ['takenBy', 'displayName'], width: 100 },
                { title: t('shOrders'), dataIndex: 'openOrderCount', width: 90 },
                { title: t('shNumbers'), dataIndex: 'openOrderNumbers', ellipsis: true, render: (v: string[]) => v.join('、') },
                { title: t('shNoteCol'), dataIndex: 'note', ellipsis: true },
              ]}
            />
            {cursor && <Button style={{ marginTop: 8 }} onClick={more}>{t('shMore')}</Button>}
          </Card>
        </>
      )}
    </Space>
  );
}
