import { Alert, Button, Card, Descriptions, Drawer, Form, Input, Rate, Segmented, Select, Space, Table, Tag, Timeline } from 'antd';
import { useContext, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { type ApiError, post } from '../../shared/api.js';
import { bj } from '../../shared/format.js';
import { L } from '../../shared/i18n.js';
import { STATUS_LABELS } from '../../shared/labels.js';
import { SessionContext } from '../session.js';
import { useDeskRecords, usePagedList } from './use-desk-records.js';

/** The server's sources, statuses and steps, shown in the UI language. */
const SOURCE: Record<string, [string, string]> = {
  group: ['集团转办', 'From the group'],
  government: ['政府转办（12345）', 'From the government (12345)'],
  developer: ['开发商转办', 'From the developer'],
  estate: ['项目上报', 'Escalated by the estate'],
};
const STATUS: Record<string, [string, string]> = {
  open: ['品质部处理中', 'With quality'],
  handed_down: ['已交项目处理', 'Handed to the estate'],
  resolved: ['已解决待结案', 'Resolved, to close'],
  closed: ['已结案', 'Closed'],
};
const EVENT: Record<string, [string, string]> = {
  'quality.opened': ['登记投诉', 'Recorded'],
  'quality.hand_down': ['交项目处理', 'Handed to the estate'],
  'quality.progress': ['处理进展', 'Progress'],
  'quality.resolve': ['问题解决', 'Resolved'],
  'quality.close': ['回复投诉人，结案', 'Answered and closed'],
};
const REPORT: Record<string, [string, string]> = {
  pending: ['待上报（4 小时内）', 'Report due (4 h)'],
  warned: ['即将超时', 'Due soon'],
  met: ['已按时上报', 'Reported in time'],
  breached: ['上报超时', 'Reported late / overdue'],
  cancelled: ['已取消', 'Cancelled'],
};
const label = (m: Record<string, [string, string]>, k: string) => (m[k] ? L(m[k][0], m[k][1]) : k);
const options = (m: Record<string, [string, string]>, keys = Object.keys(m)) => keys.map((k) => ({ value: k, label: label(m, k) }));
const PAGE = 20;
type Filter = 'open' | 'overdue' | 'all';

const fieldErrors = (form: ReturnType<typeof Form.useForm>[0], e: unknown, fallback: string) => {
  const err = e as ApiError;
  form.setFields((err.fields?.length ? err.fields : [{ field: fallback, message: err.message }]).map((f) => ({ name: f.field, errors: [f.message] })));
};

/** A complaint the group, the government (12345) or the developer forwarded about an estate. */
function RecordForm({ estates, onDone }: { estates: { id: string; name: string }[]; onDone: (id: string) => void }) {
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      const r = await post('/api/quality/complaints', { ...v, sourceRef: v.sourceRef || null, unitCode: v.unitCode || null, complainantName: v.complainantName || null, complainantPhone: v.complainantPhone || null });
      form.resetFields(['sourceRef', 'unitCode', 'complainantName', 'complainantPhone', 'matter']);
      onDone(r.id);
    } catch (e) {
      fieldErrors(form, e, 'matter');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={L('登记转办投诉', 'Record a forwarded complaint')} size="small">
      <Form form={form} layout="inline" onFinish={submit} initialValues={{ estateId: estates[0]?.id, source: 'government' }} style={{ rowGap: 8 }}>
        <Form.Item name="estateId" label={L('被投诉项目', 'Estate')} rules={[{ required: true, message: L('请选择项目', 'Choose the estate') }]}>
          <Select id="quality-estate" style={{ width: 160 }} options={estates.map((e) => ({ value: e.id, label: e.name }))} />
        </Form.Item>
        <Form.Item name="source" label={L('来源', 'Source')}>
          <Select id="quality-source" style={{ width: 170 }} options={options(SOURCE, ['group', 'government', 'developer'])} />
        </Form.Item>
        <Form.Item name="sourceRef" label={L('来文/工单号', 'Reference')}>
          <Input id="quality-ref" style={{ width: 170 }} />
        </Form.Item>
        <Form.Item name="unitCode" label={L('房号', 'Unit')}>
          <Input id="quality-unit" style={{ width: 110 }} placeholder="2-1-502" />
        </Form.Item>
        <Form.Item name="complainantName" label={L('投诉人', 'Complainant')}>
          <Input id="quality-name" style={{ width: 110 }} />
        </Form.Item>
        <Form.Item name="complainantPhone" label={L('电话', 'Phone')}>
          <Input id="quality-phone" style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="matter" label={L('投诉内容', 'Complaint')} rules={[{ required: true, whitespace: true, message: L('请填写投诉内容', 'Say what the complaint is') }]} style={{ flex: '1 1 360px' }}>
          <Input.TextArea id="quality-matter" autoSize={{ minRows: 1, maxRows: 4 }} maxLength={4000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} id="quality-submit">{L('登记', 'Record')}</Button>
      </Form>
    </Card>
  );
}

/** One step's form, as the complaint's `actions` offer it. */
function StepForm({ c, action, onDone }: { c: any; action: string; onDone: (next: any) => void }) {
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const url = { hand_down: 'hand-down', progress: 'progress', resolve: 'resolve', close: 'close' }[action]!;
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      onDone(await post(`/api/quality/complaints/${c.id}/${url}`, action === 'hand_down' ? { note: v.note || null } : v, { ifMatch: c.version }));
      form.resetFields();
    } catch (e) {
      fieldErrors(form, e, action === 'resolve' ? 'resolution' : 'note');
    } finally {
      setBusy(false);
    }
  };
  const title = {
    hand_down: L('交项目客服中心处理（品质部继续跟进）', 'Hand to the estate desk (quality keeps following)'),
    progress: L('记录处理进展', 'Record progress'),
    resolve: L('问题已解决', 'Resolved'),
    close: L('回复投诉人并结案', 'Answer the complainant and close'),
  }[action];
  return (
    <Card size="small" title={title} data-step={action}>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={action === 'close' ? { satisfaction: 5 } : {}}>
        {action === 'resolve' ? (
          <Form.Item name="resolution" label={L('解决情况', 'How it was resolved')} rules={[{ required: true, whitespace: true, message: L('请填写解决情况', 'Say how it was resolved') }]}>
            <Input.TextArea id="quality-resolution" autoSize={{ minRows: 2 }} maxLength={2000} />
          </Form.Item>
        ) : (
          <Form.Item
            name="note"
            label={action === 'hand_down' ? L('交办要求（可选）', 'Instructions (optional)') : action === 'close' ? L('回复情况', 'How the complainant was answered') : L('进展', 'Progress')}
            rules={action === 'hand_down' ? [] : [{ required: true, whitespace: true, message: L('请填写内容', 'Fill this in') }]}
          >
            <Input.TextArea id={`quality-note-${url}`} autoSize={{ minRows: 2 }} maxLength={2000} />
          </Form.Item>
        )}
        {action === 'close' && (
          <Form.Item name="satisfaction" label={L('投诉人满意度', 'Satisfaction')}>
            <Rate />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" loading={busy} id={`quality-step-${url}`}>{L('提交', 'Submit')}</Button>
      </Form>
    </Card>
  );
}

/** R-HOT-1/2: every hot and major complaint with its 4 h report and the reports made since. */
function HotRegistry({ estateFilter }: { estateFilter?: string }) {
  const [kind, setKind] = useState<'all' | 'hot' | 'major'>('all');
  const [page, setPage] = useState(1);
  const q = `${kind === 'all' ? '' : `&kind=${kind}`}${estateFilter ? `&estateId=${estateFilter}` : ''}`;
  const { data, error } = usePagedList(`/api/quality/hot-registry?open=true&limit=${PAGE}&offset=${(page - 1) * PAGE}${q}`);
  return (
    <Card
      size="small"
      id="quality-hot-registry"
      title={L('热点、重大投诉登记（未结案）', 'Hot and major complaints (open)')}
      extra={<Segmented value={kind} onChange={(v) => { setKind(v as typeof kind); setPage(1); }} options={[{ value: 'all', label: L('全部', 'All') }, { value: 'hot', label: L('热点', 'Hot') }, { value: 'major', label: L('重大', 'Major') }]} />}
    >
      {error && <Alert type="error" showIcon message={error} />}
      <Table
        size="small"
        rowKey="caseId"
        dataSource={data.items}
        pagination={{ current: page, pageSize: PAGE, total: data.total, onChange: setPage, showTotal: (n) => L(`共 ${n} 件`, `${n} in all`) }}
        columns={[
          { title: L('级别', 'Level'), dataIndex: 'level', render: (x: string) => <Tag color={x === 'major' ? 'magenta' : 'volcano'}>{x === 'major' ? L('重大', 'Major') : L('热点', 'Hot')}</Tag> },
          { title: L('案件号', 'Case'), dataIndex: 'number', render: (n: string, r: any) => <Link to={`/cases/${r.caseId}`}>{n}</Link> },
          { title: L('项目', 'Estate'), dataIndex: 'estateName' },
          { title: L('内容', 'Complaint'), dataIndex: 'description', ellipsis: true },
          { title: L('人数', 'People'), dataIndex: 'complainants' },
          { title: L('状态', 'Status'), dataIndex: 'status', render: (s: string) => STATUS_LABELS[s] ?? s },
          { title: L('4 小时上报', '4 h report'), render: (_: unknown, r: any) => (r.reportState ? <Tag color={r.reportState === 'met' ? 'green' : r.reportState === 'breached' ? 'red' : 'orange'}>{label(REPORT, r.reportState)}</Tag> : '—') },
          { title: L('上报次数', 'Reports'), dataIndex: 'reports' },
          { title: L('最近上报', 'Last report'), dataIndex: 'lastReportedAt', render: bj },
          { title: L('立项', 'Opened'), dataIndex: 'openedAt', render: bj },
        ]}
      />
    </Card>
  );
}

const CLOCK_COLOR: Record<string, string> = { met: 'green', breached: 'red', warned: 'orange', pending: 'default', cancelled: 'default' };
const clockTag = (c: { dueAt: string | null; state: string | null }) => (c.state ? <Tag color={CLOCK_COLOR[c.state]}>{c.state === 'met' ? L('已按时', 'Met') : c.state === 'breached' ? L('超时', 'Late') : bj(c.dueAt)}</Tag> : '—');

/** R-CP-2: online complaints — the 4 h acknowledgement and the same-day measure as tasks, and replies waiting for approval. */
function OnlineComplaints({ estateFilter }: { estateFilter?: string }) {
  const [waiting, setWaiting] = useState(false);
  const [page, setPage] = useState(1);
  const q = `${waiting ? '&awaitingApproval=true' : ''}${estateFilter ? `&estateId=${estateFilter}` : ''}`;
  const { data, error } = usePagedList(`/api/quality/online?open=true&limit=${PAGE}&offset=${(page - 1) * PAGE}${q}`);
  return (
    <Card
      size="small"
      id="quality-online"
      title={L('网络投诉（未结案）', 'Online complaints (open)')}
      extra={<Segmented value={waiting ? 'waiting' : 'all'} onChange={(v) => { setWaiting(v === 'waiting'); setPage(1); }} options={[{ value: 'all', label: L('全部', 'All') }, { value: 'waiting', label: L('回复待审核', 'Replies to approve') }]} />}
    >
      {error && <Alert type="error" showIcon message={error} />}
      <Table
        size="small"
        rowKey="caseId"
        dataSource={data.items}
        pagination={{ current: page, pageSize: PAGE, total: data.total, onChange: setPage, showTotal: (n) => L(`共 ${n} 件`, `${n} in all`) }}
        columns={[
          { title: L('案件号', 'Case'), dataIndex: 'number', render: (n: string, r: any) => <Link to={`/cases/${r.caseId}`}>{n}</Link> },
          { title: L('项目', 'Estate'), dataIndex: 'estateName' },
          { title: L('内容', 'Complaint'), dataIndex: 'description', ellipsis: true },
          { title: L('状态', 'Status'), dataIndex: 'status', render: (s: string) => STATUS_LABELS[s] ?? s },
          { title: L('4 小时致歉回应', '4 h acknowledgement'), render: (_: unknown, r: any) => clockTag(r.acknowledgement) },
          { title: L('当日处理措施', 'Same-day measure'), render: (_: unknown, r: any) => clockTag(r.measure) },
          { title: L('待审核回复', 'To approve'), dataIndex: 'awaitingApproval', render: (n: number) => (n > 0 ? <Tag color="gold">{n}</Tag> : 0) },
          { title: L('已发布', 'Posted'), dataIndex: 'published' },
          { title: L('立项', 'Opened'), dataIndex: 'openedAt', render: bj },
        ]}
      />
    </Card>
  );
}

/** 品质管理: complaints the quality office owns (forwarded, or escalated by an estate, R-CP-3) and the hot/major registry. */
export default function Quality() {
  useTranslation(); // re-render on a language switch
  const session = useContext(SessionContext)!;
  const [filter, setFilter] = useState<Filter>('open');
  const [estateFilter, setEstateFilter] = useState<string>();
  const [source, setSource] = useState<string>();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const records = session.rolesHere.includes('quality_officer');

  const params = new URLSearchParams({ limit: String(PAGE), offset: String((page - 1) * PAGE) });
  if (filter === 'open') params.set('open', 'true');
  if (filter === 'overdue') params.set('overdue', 'true');
  if (estateFilter) params.set('estateId', estateFilter);
  if (source) params.set('source', source);
  if (q.trim()) params.set('q', q.trim());
  const { data, open, setOpen, estates, error, load, show } = useDeskRecords(`/api/quality/complaints?${params}`, (id) => `/api/quality/complaints/${id}`);

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {error && <Alert type="error" showIcon message={error} role="alert" />}
      {records && estates.length > 0 && <div className="no-print"><RecordForm estates={estates} onDone={(id) => { void load(); void show(id); }} /></div>}
      <Card
        size="small"
        title={L('品质投诉档案', 'Quality complaints')}
        extra={
          <Space wrap className="no-print">
            <Select id="quality-filter-estate" allowClear placeholder={L('全部项目', 'All estates')} style={{ width: 150 }} value={estateFilter} onChange={(v) => { setEstateFilter(v); setPage(1); }} options={estates.map((e) => ({ value: e.id, label: e.name }))} />
            <Select id="quality-filter-source" allowClear placeholder={L('全部来源', 'All sources')} style={{ width: 170 }} value={source} onChange={(v) => { setSource(v); setPage(1); }} options={options(SOURCE)} />
            <Input.Search id="quality-search" allowClear placeholder={L('编号、来文号或内容', 'Number, reference or words')} style={{ width: 220 }} onSearch={(v) => { setQ(v); setPage(1); }} />
            <Segmented<Filter> value={filter} onChange={(v) => { setFilter(v); setPage(1); }} options={[{ value: 'open', label: L('未结案', 'Open') }, { value: 'overdue', label: L('回复超时', 'Reply overdue') }, { value: 'all', label: L('全部', 'All') }]} />
            <Button onClick={() => window.print()}>{L('打印', 'Print')}</Button>
          </Space>
        }
      >
        <div id="quality-list">
        <Table
          size="small"
          rowKey="id"
          dataSource={data.items}
          onRow={(c) => ({ onClick: () => void show(c.id), style: { cursor: 'pointer' } })}
          pagination={{ current: page, pageSize: PAGE, total: data.total, onChange: setPage, showTotal: (n) => L(`共 ${n} 件`, `${n} in all`) }}
          columns={[
            { title: L('编号', 'Number'), dataIndex: 'number', render: (n: string, c: any) => <Button type="link" size="small" style={{ padding: 0 }} onClick={(e) => { e.stopPropagation(); void show(c.id); }}>{n}</Button> },
            { title: L('来源', 'Source'), dataIndex: 'source', render: (s: string) => <Tag color={s === 'estate' ? 'purple' : 'blue'}>{label(SOURCE, s)}</Tag> },
            { title: L('项目', 'Estate'), dataIndex: 'estateName' },
            { title: L('来文/案件号', 'Reference / case'), render: (_: unknown, c: any) => (c.caseId ? <Link to={`/cases/${c.caseId}`} onClick={(e) => e.stopPropagation()}>{c.caseNumber}</Link> : c.sourceRef) },
            { title: L('房号', 'Unit'), dataIndex: 'unitCode' },
            { title: L('投诉人', 'Complainant'), render: (_: unknown, c: any) => `${c.complainantName ?? ''} ${c.complainantPhone ?? ''}` },
            { title: L('内容', 'Complaint'), dataIndex: 'matter', ellipsis: true },
            { title: L('状态', 'Status'), dataIndex: 'status', render: (s: string) => <Tag>{label(STATUS, s)}</Tag> },
            { title: L('答复时限', 'Reply due'), render: (_: unknown, c: any) => <Tag color={c.replyOverdue ? 'red' : 'default'}>{bj(c.replyDueAt)}</Tag> },
            { title: L('登记时间', 'Received'), dataIndex: 'receivedAt', render: bj },
          ]}
        />
        </div>
      </Card>
      <OnlineComplaints estateFilter={estateFilter} />
      <HotRegistry estateFilter={estateFilter} />
      <Drawer open={Boolean(open)} width={720} onClose={() => setOpen(undefined)} title={open ? `${open.number} ${label(STATUS, open.status)}` : ''} destroyOnHidden>
        {open && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Descriptions size="small" column={2} bordered>
              <Descriptions.Item label={L('来源', 'Source')}>{label(SOURCE, open.source)}</Descriptions.Item>
              <Descriptions.Item label={L('来文/工单号', 'Reference')}>{open.sourceRef}</Descriptions.Item>
              <Descriptions.Item label={L('项目', 'Estate')}>{open.estateName}</Descriptions.Item>
              <Descriptions.Item label={L('房号', 'Unit')}>{open.unitCode}</Descriptions.Item>
              <Descriptions.Item label={L('投诉人', 'Complainant')}>{open.complainantName} {open.complainantPhone}</Descriptions.Item>
              <Descriptions.Item label={L('登记时间', 'Received')}>{bj(open.receivedAt)}</Descriptions.Item>
              {open.caseId && <Descriptions.Item label={L('项目案件', "Estate's case")}><Link to={`/cases/${open.caseId}`}>{open.caseNumber}</Link></Descriptions.Item>}
              <Descriptions.Item label={L('答复时限', 'Reply due')}><Tag color={open.replyOverdue ? 'red' : 'default'}>{bj(open.replyDueAt)}</Tag></Descriptions.Item>
              <Descriptions.Item label={L('投诉内容', 'Complaint')} span={2}>{open.matter}</Descriptions.Item>
              {open.escalationReason && <Descriptions.Item label={L('项目无法解决的原因', 'Why the estate could not solve it')} span={2}>{open.escalationReason}</Descriptions.Item>}
              {open.resolution && <Descriptions.Item label={L('解决情况', 'Resolution')} span={2}>{open.resolution}</Descriptions.Item>}
              {open.closedAt && <Descriptions.Item label={L('结案', 'Closed')} span={2}>{bj(open.closedAt)} {'★'.repeat(open.satisfaction ?? 0)}</Descriptions.Item>}
            </Descriptions>
            {open.source === 'estate' && open.status !== 'closed' && <Alert type="info" showIcon message={L('项目上报的投诉由品质管理部负责到底，不能退回项目（R-CP-3）。', 'An escalated complaint stays with quality; it is not handed back (R-CP-3).')} />}
            {open.actions.map((a: string) => (
              <StepForm key={`${a}-${open.version}`} c={open} action={a} onDone={(next) => { setOpen(next); void load(); }} />
            ))}
            <Timeline items={open.events.map((e: any) => ({ children: `${bj(e.at)} ${e.actorName ?? L('系统', 'System')} ${label(EVENT, e.action)}${e.note ? `：${e.note}` : ''}` }))} />
          </Space>
        )}
      </Drawer>
    </Space>
  );
}
