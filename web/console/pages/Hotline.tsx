import { Alert, Button, Card, Checkbox, Descriptions, Drawer, Form, Input, Rate, Segmented, Select, Space, Table, Tag, Timeline } from 'antd';
import { useContext, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, get, post } from '../../shared/api.js';
import { bj } from '../../shared/format.js';
import { L } from '../../shared/i18n.js';
import { SessionContext } from '../session.js';
import { useDeskRecords } from './use-desk-records.js';

/** The server's dossier statuses, shown in the UI language. */
const STATUS: Record<string, [string, string]> = {
  awaiting_measures: ['待定措施', 'Awaiting measures'],
  in_hand: ['处理中', 'In hand'],
  resolved: ['已解决待回访', 'Resolved, visit due'],
  closed: ['已结案', 'Closed'],
};
const EVENT: Record<string, [string, string]> = {
  'dossier.opened': ['登记档案', 'Dossier opened'],
  'dossier.set_measures': ['确定措施和责任人', 'Measures set'],
  'dossier.first_visit': ['首次回访', 'First return visit'],
  'dossier.resolve': ['问题解决', 'Resolved'],
  'dossier.second_visit': ['二次回访，结案', 'Second visit, closed'],
  'dossier.escalated': ['超期未解决，书面上报集团领导和品质部', 'Unresolved past the days: reported in writing'],
  'dossier.follow_up': ['热线跟进', 'Hotline follow-up'],
};
const HOW: [string, string, string][] = [
  ['phone', '电话', 'Phone'],
  ['visit', '上门', 'In person'],
  ['other', '其他', 'Other'],
];
/** Department heads the estate head may name responsible (the server checks the same). */
const HEAD_ROLES = ['supervisor', 'engineering_manager', 'dispatcher', 'project_manager'];
const label = (m: Record<string, [string, string]>, k: string) => (m[k] ? L(m[k][0], m[k][1]) : k);
const PAGE = 20;

type Filter = 'open' | 'overdue' | 'all';

/** Records a call (R-GM-1/2): back to the estate for a first contact, otherwise a dossier. */
function CallForm({ estates, onDossier }: { estates: { id: string; name: string }[]; onDossier: (id: string) => void }) {
  const [form] = Form.useForm();
  const [script, setScript] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      const r = await post('/api/hotline/calls', { ...v, firstContact: Boolean(v.firstContact), major: Boolean(v.major), unitCode: v.unitCode || null, callerName: v.callerName || null, callerPhone: v.callerPhone || null });
      form.resetFields(['unitCode', 'callerName', 'callerPhone', 'matter', 'firstContact', 'major']);
      if (r.routed === 'back') setScript(r.script);
      else {
        setScript(undefined);
        onDossier(r.dossier.id);
      }
    } catch (e) {
      const err = e as ApiError;
      form.setFields((err.fields?.length ? err.fields : [{ field: 'matter', message: err.message }]).map((f) => ({ name: f.field, errors: [f.message] })));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={L('登记来电', 'Record a call')} size="small">
      {script && <Alert type="info" showIcon closable style={{ marginBottom: 12 }} message={L('已转交项目客服中心，请告知来电人：', 'Sent back to the estate desk; tell the caller:')} description={script} onClose={() => setScript(undefined)} />}
      <Form form={form} layout="inline" onFinish={submit} initialValues={{ estateId: estates[0]?.id }} style={{ rowGap: 8 }}>
        <Form.Item name="estateId" label={L('项目', 'Estate')} rules={[{ required: true, message: L('请选择项目', 'Choose the estate') }]}>
          <Select id="hotline-estate" style={{ width: 160 }} options={estates.map((e) => ({ value: e.id, label: e.name }))} />
        </Form.Item>
        <Form.Item name="unitCode" label={L('房号', 'Unit')}>
          <Input id="hotline-unit" style={{ width: 110 }} placeholder="2-1-502" />
        </Form.Item>
        <Form.Item name="callerName" label={L('姓名', 'Name')}>
          <Input id="hotline-name" style={{ width: 110 }} />
        </Form.Item>
        <Form.Item name="callerPhone" label={L('电话', 'Phone')}>
          <Input id="hotline-phone" style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="matter" label={L('反映事项', 'Matter')} rules={[{ required: true, whitespace: true, message: L('请填写反映的事项', 'Say what the caller reports') }]} style={{ flex: '1 1 360px' }}>
          <Input.TextArea id="hotline-matter" autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} />
        </Form.Item>
        <Form.Item name="firstContact" valuePropName="checked">
          <Checkbox id="hotline-first">{L('首次反映（未经项目处理）', 'First contact (never through the estate)')}</Checkbox>
        </Form.Item>
        <Form.Item name="major" valuePropName="checked">
          <Checkbox id="hotline-major">{L('重大事项', 'Major matter')}</Checkbox>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} id="hotline-submit">{L('登记', 'Record')}</Button>
      </Form>
      <div style={{ color: '#888', marginTop: 8 }}>{L('热线只登记，不答复实质内容（R-GM-2）。', 'The hotline records; it does not answer the substance (R-GM-2).')}</div>
    </Card>
  );
}

/** One step's form, as the dossier's `actions` offer it. */
function StepForm({ d, action, onDone }: { d: any; action: string; onDone: (next: any) => void }) {
  const [form] = Form.useForm();
  const [heads, setHeads] = useState<{ id: string; displayName: string }[]>([]);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (action !== 'set_measures') return;
    get(`/api/estates/${d.estateId}/staff`)
      .then((r) => setHeads(r.items.filter((s: any) => s.active && s.roles.some((x: string) => HEAD_ROLES.includes(x)))))
      .catch(() => setHeads([]));
  }, [action, d.estateId]);
  const url = { set_measures: 'measures', first_visit: 'first-visit', resolve: 'resolve', second_visit: 'second-visit', follow_up: 'follow-up' }[action]!;
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      onDone(await post(`/api/hotline/dossiers/${d.id}/${url}`, v, { ifMatch: d.version }));
      form.resetFields();
    } catch (e) {
      const err = e as ApiError;
      const first = Object.keys(form.getFieldsValue())[0] ?? 'said';
      form.setFields((err.fields?.length ? err.fields : [{ field: first, message: err.message }]).map((f) => ({ name: f.field, errors: [f.message] })));
    } finally {
      setBusy(false);
    }
  };
  const title = { set_measures: L('确定处理措施和责任人', 'Set the measures and the person responsible'), first_visit: L('首次回访（24 小时内）', 'First return visit (within 24 h)'), resolve: L('问题已解决', 'Resolved'), second_visit: L('二次回访并结案', 'Second visit and close'), follow_up: L('热线跟进（每日跟进或阶段回访）', 'Hotline follow-up (daily, or a stage visit)') }[action];
  return (
    <Card size="small" title={title} data-step={action}>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={action === 'first_visit' ? { how: 'phone' } : action === 'second_visit' ? { satisfaction: 5 } : action === 'follow_up' ? { kind: 'follow_up' } : {}}>
        {action === 'set_measures' && (
          <>
            <Form.Item name="measures" label={L('处理措施', 'Measures')} rules={[{ required: true, whitespace: true, message: L('请填写处理措施', 'Describe the measures') }]}>
              <Input.TextArea id="dossier-measures" autoSize={{ minRows: 2 }} maxLength={2000} />
            </Form.Item>
            <Form.Item name="responsibleUserId" label={L('责任部门负责人', 'Department head responsible')} rules={[{ required: true, message: L('请选择责任人', 'Choose who is responsible') }]}>
              <Select id="dossier-responsible" showSearch optionFilterProp="label" options={heads.map((h) => ({ value: h.id, label: h.displayName }))} />
            </Form.Item>
          </>
        )}
        {action === 'first_visit' && (
          <>
            <Form.Item name="how" label={L('回访方式', 'How')}>
              <Select id="dossier-visit-how" options={HOW.map(([value, zh, en]) => ({ value, label: L(zh, en) }))} />
            </Form.Item>
            <Form.Item name="said" label={L('业户意见', "What the resident said")} rules={[{ required: true, whitespace: true, message: L('请填写业户意见', "Note what the resident said") }]}>
              <Input.TextArea id="dossier-visit-said" autoSize={{ minRows: 2 }} maxLength={2000} />
            </Form.Item>
          </>
        )}
        {action === 'follow_up' && (
          <>
            <Form.Item name="kind" label={L('方式', 'Kind')}>
              <Select id="dossier-follow-kind" options={[{ value: 'follow_up', label: L('跟进进展', 'Progress follow-up') }, { value: 'stage_visit', label: L('阶段回访业户', 'Stage visit to the resident') }]} />
            </Form.Item>
            <Form.Item name="note" label={L('跟进情况', 'What was found')} rules={[{ required: true, whitespace: true, message: L('请填写跟进情况', 'Note what was found') }]}>
              <Input.TextArea id="dossier-follow-note" autoSize={{ minRows: 2 }} maxLength={2000} />
            </Form.Item>
          </>
        )}
        {action === 'resolve' && (
          <Form.Item name="resolution" label={L('解决情况', 'How it was resolved')} rules={[{ required: true, whitespace: true, message: L('请填写解决情况', 'Say how it was resolved') }]}>
            <Input.TextArea id="dossier-resolution" autoSize={{ minRows: 2 }} maxLength={2000} />
          </Form.Item>
        )}
        {action === 'second_visit' && (
          <>
            <Form.Item name="said" label={L('业户意见', "What the resident said")} rules={[{ required: true, whitespace: true, message: L('请填写业户意见', "Note what the resident said") }]}>
              <Input.TextArea id="dossier-second-said" autoSize={{ minRows: 2 }} maxLength={2000} />
            </Form.Item>
            <Form.Item name="satisfaction" label={L('满意度', 'Satisfaction')}>
              <Rate />
            </Form.Item>
          </>
        )}
        <Button type="primary" htmlType="submit" loading={busy} id={`dossier-submit-${url}`}>{L('提交', 'Submit')}</Button>
      </Form>
    </Card>
  );
}

/** 热线日报 (R-GM-5): the day's calls, every open dossier with its latest step; printable and exported as CSV. */
function DailyReport() {
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const [day, setDay] = useState(today);
  const [r, setR] = useState<any>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    get(`/api/hotline/daily?day=${day}`)
      .then((x) => {
        setR(x);
        setError(undefined);
      })
      .catch((e) => setError((e as ApiError).message));
  }, [day]);
  const c = r?.counts;
  return (
    <Card
      size="small"
      title={`${L('热线日报', 'Hotline daily report')} ${day}`}
      id="hotline-daily"
      extra={
        <Space className="no-print">
          <Input type="date" id="hotline-daily-day" value={day} max={today} onChange={(e) => e.target.value && setDay(e.target.value)} style={{ width: 160 }} />
          <Button onClick={() => window.print()}>{L('打印', 'Print')}</Button>
          <Button href={`/api/hotline/daily/print?day=${day}`} target="_blank" rel="noreferrer" id="hotline-daily-form">{L('打印日报表', 'Print form')}</Button>
          <Button href={`/api/hotline/daily.csv?day=${day}`} id="hotline-daily-csv">{L('导出 CSV', 'Export CSV')}</Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon message={error} />}
      {c && (
        <p id="hotline-daily-counts">
          {L(`来电 ${c.calls} 个（建档 ${c.dossiers}，转回项目 ${c.routedBack}）；未结案 ${c.open} 件，首次回访超时 ${c.firstVisitOverdue} 件，超期上报 ${c.escalationDue} 件`, `${c.calls} calls (${c.dossiers} dossiers, ${c.routedBack} sent back); ${c.open} open, ${c.firstVisitOverdue} first visits late, ${c.escalationDue} past their days`)}
        </p>
      )}
      <Table
        size="small"
        rowKey={(x: any) => `${x.receivedAt}-${x.matter}`}
        pagination={false}
        dataSource={r?.calls ?? []}
        title={() => L('当日来电', "The day's calls")}
        columns={[
          { title: L('时间', 'Time'), dataIndex: 'receivedAt', render: bj },
          { title: L('项目', 'Estate'), dataIndex: 'estateName' },
          { title: L('房号', 'Unit'), dataIndex: 'unitCode' },
          { title: L('来电人', 'Caller'), render: (_: unknown, x: any) => `${x.callerName ?? ''} ${x.callerPhone ?? ''}` },
          { title: L('事项', 'Matter'), dataIndex: 'matter' },
          { title: L('处理', 'Outcome'), render: (_: unknown, x: any) => (x.routed === 'back' ? L('转回项目', 'Sent back') : x.number) },
        ]}
      />
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={r?.open ?? []}
        title={() => L('未结案档案及最新进展', 'Open dossiers and their latest step')}
        columns={[
          { title: L('档案号', 'Number'), dataIndex: 'number' },
          { title: L('项目', 'Estate'), dataIndex: 'estateName' },
          { title: L('事项', 'Matter'), dataIndex: 'matter', ellipsis: true },
          { title: L('状态', 'Status'), dataIndex: 'status', render: (x: string) => label(STATUS, x) },
          { title: L('最新进展', 'Latest step'), render: (_: unknown, x: any) => (x.latest ? `${bj(x.latest.at)} ${x.latest.step}` : '') },
          {
            title: L('提醒', 'Alerts'),
            render: (_: unknown, x: any) => (
              <Space size={2}>
                {x.firstVisitOverdue && <Tag color="red">{L('回访超时', 'Visit late')}</Tag>}
                {x.escalatedAt ? <Tag color="red">{L('已书面上报', 'Reported')}</Tag> : x.escalationDue && <Tag color="red">{L('待上报', 'Due to go up')}</Tag>}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}

/** 总经理热线: calls, the dossiers and their visits (R-GM-1…5), for the hotline, the quality office and the estate heads. */
export default function Hotline() {
  useTranslation(); // re-render on a language switch
  const session = useContext(SessionContext)!;
  const [filter, setFilter] = useState<Filter>('open');
  const [page, setPage] = useState(1);
  const records = session.rolesHere.includes('hotline_officer');
  const readsDaily = records || session.rolesHere.includes('quality_officer');

  const q = filter === 'open' ? '&open=true' : filter === 'overdue' ? '&overdue=true' : '';
  const { data, open, setOpen, estates, error, load, show } = useDeskRecords(`/api/hotline/dossiers?limit=${PAGE}&offset=${(page - 1) * PAGE}${q}`, (id) => `/api/hotline/dossiers/${id}`);

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {error && <Alert type="error" showIcon message={error} role="alert" />}
      {records && estates.length > 0 && <div className="no-print"><CallForm estates={estates} onDossier={(id) => { void load(); void show(id); }} /></div>}
      <Card
        size="small"
        className="no-print"
        title={L('热线处理档案', 'Hotline dossiers')}
        extra={<Segmented<Filter> value={filter} onChange={(v) => { setFilter(v); setPage(1); }} options={[{ value: 'open', label: L('未结案', 'Open') }, { value: 'overdue', label: L('超时', 'Overdue') }, { value: 'all', label: L('全部', 'All') }]} />}
      >
        <Table
          size="small"
          rowKey="id"
          dataSource={data.items}
          onRow={(d) => ({ onClick: () => void show(d.id), style: { cursor: 'pointer' } })}
          pagination={{ current: page, pageSize: PAGE, total: data.total, onChange: setPage, showTotal: (n) => L(`共 ${n} 件`, `${n} in all`) }}
          columns={[
            { title: L('档案号', 'Number'), dataIndex: 'number', render: (n: string, d: any) => <Space size={4}><Button type="link" size="small" style={{ padding: 0 }} onClick={(e) => { e.stopPropagation(); void show(d.id); }}>{n}</Button>{d.major && <Tag color="magenta">{L('重大', 'Major')}</Tag>}</Space> },
            { title: L('项目', 'Estate'), dataIndex: 'estateName' },
            { title: L('房号', 'Unit'), dataIndex: 'unitCode' },
            { title: L('来电人', 'Caller'), render: (_: unknown, d: any) => `${d.callerName ?? ''} ${d.callerPhone ?? ''}` },
            { title: L('事项', 'Matter'), dataIndex: 'matter', ellipsis: true },
            { title: L('状态', 'Status'), dataIndex: 'status', render: (s: string) => <Tag>{label(STATUS, s)}</Tag> },
            { title: L('责任人', 'Responsible'), dataIndex: 'responsibleName' },
            { title: L('首次回访时限', 'First visit due'), render: (_: unknown, d: any) => (d.firstVisitAt ? <Tag color="green">{L('已回访', 'Visited')}</Tag> : <Tag color={d.firstVisitOverdue ? 'red' : 'default'}>{bj(d.firstVisitDueAt)}</Tag>) },
            { title: L('上报', 'Escalation'), render: (_: unknown, d: any) => (d.escalatedAt ? <Tag color="red">{L('已书面上报', 'Reported in writing')}</Tag> : d.escalationDue ? <Tag color="red">{L('超期未解决，须书面上报', 'Unresolved past the days: report in writing')}</Tag> : bj(d.escalateDueAt)) },
            { title: L('登记时间', 'Received'), dataIndex: 'receivedAt', render: bj },
          ]}
        />
      </Card>
      {readsDaily && <DailyReport />}
      <Drawer open={Boolean(open)} width={720} onClose={() => setOpen(undefined)} title={open ? `${open.number} ${label(STATUS, open.status)}` : ''} destroyOnHidden>
        {open && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Descriptions size="small" column={2} bordered>
              <Descriptions.Item label={L('项目', 'Estate')}>{open.estateName}</Descriptions.Item>
              <Descriptions.Item label={L('房号', 'Unit')}>{open.unitCode}</Descriptions.Item>
              <Descriptions.Item label={L('来电人', 'Caller')}>{open.callerName} {open.callerPhone}</Descriptions.Item>
              <Descriptions.Item label={L('登记时间', 'Received')}>{bj(open.receivedAt)}</Descriptions.Item>
              <Descriptions.Item label={L('反映事项', 'Matter')} span={2}>{open.matter}</Descriptions.Item>
              <Descriptions.Item label={L('处理措施', 'Measures')} span={2}>{open.measures}</Descriptions.Item>
              <Descriptions.Item label={L('责任人', 'Responsible')}>{open.responsibleName}</Descriptions.Item>
              <Descriptions.Item label={L('首次回访时限', 'First visit due')}>{bj(open.firstVisitDueAt)}</Descriptions.Item>
              {open.firstVisit && <Descriptions.Item label={L('首次回访', 'First visit')} span={2}>{bj(open.firstVisit.at)} {label(Object.fromEntries(HOW.map(([k, zh, en]) => [k, [zh, en]])), open.firstVisit.how)}：{open.firstVisit.said}</Descriptions.Item>}
              {open.resolution && <Descriptions.Item label={L('解决情况', 'Resolution')} span={2}>{open.resolution}</Descriptions.Item>}
              {open.secondVisit && <Descriptions.Item label={L('二次回访', 'Second visit')} span={2}>{bj(open.secondVisit.at)} {'★'.repeat(open.secondVisit.satisfaction ?? 0)} {open.secondVisit.said}</Descriptions.Item>}
            </Descriptions>
            {open.actions.map((a: string) => (
              <StepForm key={`${a}-${open.version}`} d={open} action={a} onDone={(next) => { setOpen(next); void load(); }} />
            ))}
            <Timeline items={open.events.map((e: any) => ({ children: `${bj(e.at)} ${e.actorName ?? L('系统', 'System')} ${label(EVENT, e.action)}${e.note ? `：${e.note}` : ''}` }))} />
          </Space>
        )}
      </Drawer>
    </Space>
  );
}
