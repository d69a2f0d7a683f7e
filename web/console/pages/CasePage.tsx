import { Alert, App as AntApp, Button, Card, Checkbox, Descriptions, Form, Image, Input, Modal, Radio, Space, Table, Tag, Timeline } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { type ApiError, get, post } from '../../shared/api.js';
import { bj, yuan } from '../../shared/format.js';
import { L } from '../../shared/i18n.js';
import { ACTION_LABELS, CHANNEL_LABELS, KIND_LABELS, ORDER_STATUS_LABELS, STATUS_LABELS } from '../../shared/labels.js';
import { DispatchButton } from './DispatchButton.js';
import { ClockTags } from './case/ClockTags.js';
import { ApprovalsCard, FindingsCard, FollowUpsCard } from './case/CaseRecords.js';
import { OrderDetails } from './case/OrderDetails.js';
import { PhoneReveal } from './case/PhoneReveal.js';
import { PublicReplies } from './case/PublicReplies.js';
import { EVENT_LABELS, subjectLabel } from './case/labels.js';

/** English for the action forms' field labels below. */
const FIELD_EN: Record<string, string> = {
  原因: 'Reason', 处理情况: 'What was done', 处理结果: 'Result', '书面依据（非报修案件）': 'Written evidence (not for repairs)', 无法处理的原因: 'Why it cannot be resolved',
  发现的问题: 'Problem found', 满意度: 'Satisfaction', 业户意见: "Resident's opinion",
  约定答复时间: 'Promised reply time', 说明: 'Note', 上报情况: 'What was reported, to whom', 标记: 'Mark as', 诉讼: 'Lawsuit', 媒体: 'Media', 项目无法解决的原因: 'Why the estate cannot solve it',
};
const fieldLabel = (zh: string) => L(zh, FIELD_EN[zh] ?? zh);

/** What each case action asks for before it is sent. */
type FieldKind = 'text' | 'reason' | 'score' | 'datetime' | 'flags' | 'lawsuit' | 'media';
/** datetime-local (Beijing time, as typed at the desk) → ISO with the +08:00 offset the API asks for. */
const beijingIso = (local: string) => `${local.length === 16 ? `${local}:00` : local}+08:00`;
/** The flag form: what the checkboxes and the lawsuit/media choices add to the body (R-EM-1, R-HOT-1/2). */
const flagBody = (v: any) => ({
  reason: v.reason,
  ...(v.flags?.includes('emergency') ? { urgency: 'emergency' } : {}),
  ...(v.flags?.includes('hot') ? { hot: true } : {}),
  ...(v.flags?.includes('major') ? { major: true } : {}),
  ...(v.lawsuit ? { lawsuit: v.lawsuit } : {}),
  ...(v.media ? { media: v.media } : {}),
});
const ACTION_FORMS: Record<string, { url: string; fields: { name: string; label: string; kind?: FieldKind; optional?: boolean }[]; body?: (v: any) => unknown }> = {
  pause: { url: 'pause', fields: [{ name: 'reason', label: '原因', kind: 'reason' }], body: (v) => ({ reason: v.reason }) },
  resume: { url: 'resume', fields: [], body: () => ({}) },
  mark_handled: { url: 'handled', fields: [{ name: 'note', label: '处理情况' }] },
  close: { url: 'close', fields: [{ name: 'result', label: '处理结果' }, { name: 'evidence', label: '书面依据（非报修案件）' }], body: (v) => ({ result: v.result, ...(v.evidence ? { evidence: { kind: 'document', note: v.evidence } } : {}) }) },
  request_unresolvable: { url: 'unresolvable', fields: [{ name: 'reason', label: '无法处理的原因' }] },
  reopen: { url: 'reopen', fields: [{ name: 'reason', label: '原因' }] },
  cancel: { url: 'cancel', fields: [{ name: 'reason', label: '原因' }] },
  record_finding: { url: 'findings', fields: [{ name: 'description', label: '发现的问题' }] },
  reclassify: { url: 'reclassify', fields: [{ name: 'reason', label: '原因' }] },
  flag: {
    url: 'flag',
    fields: [
      { name: 'flags', label: '标记', kind: 'flags', optional: true },
      { name: 'lawsuit', label: '诉讼', kind: 'lawsuit', optional: true },
      { name: 'media', label: '媒体', kind: 'media', optional: true },
      { name: 'reason', label: '原因' },
    ],
    body: flagBody,
  },
  promise_reply: { url: 'promised-reply', fields: [{ name: 'at', label: '约定答复时间', kind: 'datetime' }, { name: 'note', label: '说明', optional: true }], body: (v) => ({ at: beijingIso(v.at), ...(v.note ? { note: v.note } : {}) }) },
  report_hot: { url: 'hot-report', fields: [{ name: 'note', label: '上报情况' }] },
  /** R-CP-3: from then on the quality office owns the complaint. */
  escalate_quality: { url: 'quality-escalation', fields: [{ name: 'reason', label: '项目无法解决的原因' }] },
  return_visit: { url: 'visits', fields: [{ name: 'satisfaction', label: '满意度', kind: 'score' }, { name: 'opinion', label: '业户意见' }], body: (v) => ({ kind: v.closed ? 'closing' : 'stage', outcome: 'visited', satisfaction: v.satisfaction, opinion: v.opinion }) },
};

/** One input of an action form; Form.Item passes value/onChange through. */
function ActionField({ kind, ...rest }: { kind?: FieldKind; value?: any; onChange?: (v: any) => void }) {
  switch (kind) {
    case 'score':
      return <Radio.Group {...rest} options={[{ value: 5, label: L('非常满意', 'Very satisfied') }, { value: 4, label: L('满意', 'Satisfied') }, { value: 3, label: L('一般', 'Neutral') }, { value: 2, label: L('不满意', 'Dissatisfied') }, { value: 1, label: L('非常不满意', 'Very dissatisfied') }]} />;
    case 'reason':
      return <Radio.Group {...rest} options={[{ value: 'awaiting_resident', label: L('等待业户', 'Waiting for the resident') }, { value: 'awaiting_parts', label: L('等待材料', 'Waiting for parts') }, { value: 'awaiting_third_party', label: L('等待第三方', 'Waiting for a third party') }, { value: 'other', label: L('其他', 'Other') }]} />;
    case 'datetime':
      return <Input {...rest} type="datetime-local" onChange={(e) => rest.onChange?.(e.target.value)} />;
    case 'flags':
      return <Checkbox.Group {...rest} options={[{ value: 'emergency', label: L('紧急', 'Emergency') }, { value: 'hot', label: L('热点投诉', 'Hot complaint') }, { value: 'major', label: L('重大投诉', 'Major complaint') }]} />;
    case 'lawsuit':
      return <Radio.Group {...rest} options={[{ value: 'risk', label: L('可能起诉（热点）', 'May sue (hot)') }, { value: 'filed', label: L('已起诉（重大）', 'Sued (major)') }]} />;
    case 'media':
      return <Radio.Group {...rest} options={[{ value: 'risk', label: L('可能曝光（热点）', 'May go to the media (hot)') }, { value: 'exposed', label: L('已曝光（重大）', 'In the media (major)') }]} />;
    default:
      return <Input.TextArea {...rest} rows={2} />;
  }
}

export default function CasePage() {
  useTranslation(); // re-render on a language switch
  const { id } = useParams();
  const { message } = AntApp.useApp();
  const [c, setC] = useState<any>(null);
  const [timeline, setTimeline] = useState<any[]>([]);
  const [orders, setOrders] = useState<any[]>([]);
  const [followUps, setFollowUps] = useState<{ open: any[]; done: any[] }>({ open: [], done: [] });
  const [action, setAction] = useState<string | null>(null);
  const [error, setError] = useState<string>();
  const [form] = Form.useForm();
  const [voiding, setVoiding] = useState<any>(null);
  const [voidForm] = Form.useForm();

  const load = useCallback(async () => {
    const [cs, fOpen, fDone] = await Promise.all([
      get(`/api/cases/${id}?include=timeline`),
      get(`/api/follow-ups?caseId=${id}&state=open`),
      get(`/api/follow-ups?caseId=${id}&state=done`),
    ]);
    setC(cs);
    setTimeline(cs.timeline.events);
    setFollowUps({ open: fOpen.items, done: fDone.items });
    setOrders(await Promise.all(cs.orders.map((o: any) => get(`/api/orders/${o.id}`))));
  }, [id]);
  useEffect(() => { void load(); }, [load]);

  const run = async () => {
    const spec = ACTION_FORMS[action!]!;
    let v: any;
    try {
      v = await form.validateFields();
    } catch {
      return; // the message shows under the field
    }
    try {
      const input = { ...v, closed: ['closed', 'closed_unresolved'].includes(c.status) };
      await post(`/api/cases/${id}/${spec.url}`, spec.body ? spec.body(input) : v, { ifMatch: c.version });
      message.success(`${ACTION_LABELS[action!]}：${L('已完成', 'done')}`);
      setAction(null);
      form.resetFields();
      await load();
    } catch (e) {
      const err = e as ApiError;
      form.setFields((err.fields ?? []).map((f) => ({ name: f.field.split('.')[0]!, errors: [f.message] })));
      setError(err.message);
    }
  };

  /** R-WO-2: a voided order is kept with its reason; the server's message shows under the field. */
  const voidOrder = async () => {
    let v: { reason: string };
    try {
      v = await voidForm.validateFields();
    } catch {
      return;
    }
    try {
      await post(`/api/orders/${voiding.id}/void`, { reason: v.reason.trim() }, { ifMatch: voiding.version });
      message.success(`${L('已作废', 'Voided')} ${voiding.number}`);
      setVoiding(null);
      voidForm.resetFields();
      await load();
    } catch (e) {
      const err = e as ApiError;
      const fields = err.fields ?? [];
      voidForm.setFields([{ name: 'reason', errors: [fields.find((f) => f.field === 'reason')?.message ?? err.message] }]);
    }
  };

  const orderStep = async (o: any, step: string, body: unknown = {}) => {
    try {
      await post(`/api/orders/${o.id}/${step}`, body, { ifMatch: o.version });
      await load();
    } catch (e) {
      setError((e as ApiError).message);
    }
  };

  if (!c) return null;
  /** Photos of the problem the resident (or the desk) attached to the case, oldest first. */
  const photos = [...new Set(timeline.filter((e) => e.action === 'case.photos').flatMap((e) => (e.after?.photos ?? []) as string[]).concat(c.photos ?? []))];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {error && <Alert type="error" showIcon closable message={error} onClose={() => setError(undefined)} role="alert" />}
      <Card
        title={<span>{c.number} <Tag>{STATUS_LABELS[c.status]}</Tag>{c.urgency === 'emergency' && <Tag color="red">{L('紧急', 'Emergency')}</Tag>}{c.hot && <Tag color="volcano">{L('热点', 'Hot')}</Tag>}{c.major && <Tag color="magenta">{L('重大', 'Major')}</Tag>}{c.escalatedToQuality && <Tag color="purple" id="case-escalated-quality">{L('已上报品质管理部', 'With the quality office')}</Tag>}</span>}
        extra={<Space wrap className="no-print"><Button onClick={() => window.print()}>{L('打印', 'Print')}</Button>{c.actions.includes('issue_order') && <DispatchButton c={c} onDone={load} onError={setError} />}{c.actions.filter((a: string) => ACTION_FORMS[a]).map((a: string) => <Button key={a} onClick={() => { setError(undefined); setAction(a); }}>{ACTION_LABELS[a]}</Button>)}</Space>}
      >
        <Descriptions size="small" column={3}>
          <Descriptions.Item label={L('类别', 'Kind')}>{KIND_LABELS[c.kind] ?? c.kindLabel}</Descriptions.Item>
          <Descriptions.Item label={L('渠道', 'Channel')}>{CHANNEL_LABELS[c.channel] ?? c.channelLabel}</Descriptions.Item>
          <Descriptions.Item label={L('房号/位置', 'Unit / location')}>{c.unitCode ?? c.locationText}</Descriptions.Item>
          <Descriptions.Item label={L('联系人', 'Contact')}><Space size={4}>{c.contactName}<PhoneReveal key={c.id} caseId={c.id} masked={c.contactPhone} canReveal={c.actions.includes('reveal_phone')} onRevealed={load} /></Space></Descriptions.Item>
          <Descriptions.Item label={L('立项', 'Opened')}>{bj(c.openedAt)}</Descriptions.Item>
          <Descriptions.Item label={L('预约', 'Appointment')}>{bj(c.appointmentAt)}</Descriptions.Item>
          {c.receiptNumber && <Descriptions.Item label={L('回执号', 'Receipt no.')}>{c.receiptNumber}</Descriptions.Item>}
          {c.closeResult && <Descriptions.Item label={L('处理结果', 'Result')}>{c.closeResult}</Descriptions.Item>}
          <Descriptions.Item label={L('内容', 'Description')} span={3}>{c.description}</Descriptions.Item>
        </Descriptions>
        <ClockTags clocks={c.clocks} />
      </Card>
      {photos.length > 0 && (
        <Card title={`${L('报修照片', 'Photos')}（${photos.length}）`}>
          <Image.PreviewGroup>
            <Space wrap>
              {photos.map((sha) => <Image key={sha} alt={L('报修照片', 'Photos')} width={120} height={120} style={{ objectFit: 'cover' }} src={`/api/files/${c.estateId}/${sha}`} />)}
            </Space>
          </Image.PreviewGroup>
        </Card>
      )}
      <Card title={L('派工单', 'Work orders')}>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={orders}
          expandable={{ expandedRowRender: (o) => <OrderDetails o={o} />, rowExpandable: (o) => o.status !== 'issued' }}
          columns={[
            { title: L('单号', 'Number'), dataIndex: 'number', render: (v, o) => <Space><a href={`/api/orders/${o.id}/print`} target="_blank" rel="noreferrer">{v}</a><a href={`/api/orders/${o.id}/print?copies=3`} target="_blank" rel="noreferrer">{L('三联', '3 copies')}</a></Space> },
            { title: L('状态', 'Status'), dataIndex: 'statusLabel', render: (v, o) => ORDER_STATUS_LABELS[o.status] ?? v },
            { title: L('维修内容', 'Work done'), dataIndex: 'workDone' },
            { title: L('收费', 'Fee'), dataIndex: 'feeCents', render: yuan },
            { title: L('签名', 'Signature'), dataIndex: 'signatureSha256', render: (v, o) => (v ? <img alt={L('业户签名', "Resident's signature")} height={36} src={`/api/files/${o.estateId}/${v}`} /> : '') },
            {
              title: L('操作', 'Actions'),
              render: (_, o) => (
                <Space>
                  {o.actions.includes('return') && <Button size="small" onClick={() => orderStep(o, 'return')}>{ACTION_LABELS.return}</Button>}
                  {o.actions.includes('check') && <Button size="small" type="primary" onClick={() => orderStep(o, 'check', { passed: true, inspectedOnSite: c.locationKind === 'public' })}>{L('验收通过', 'Pass check')}</Button>}
                  {o.actions.includes('void') && <Button size="small" danger onClick={() => { setError(undefined); setVoiding(o); }}>{ACTION_LABELS.void}</Button>}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {c.returnVisits.length > 0 && (
        <Card title={L('回访记录', 'Return visits')}>
          {c.returnVisits.map((v: any) => <div key={v.id}>{bj(v.visitedAt)} {v.kind === 'closing' ? L('结案回访', 'Closing visit') : L('阶段回访', 'Stage visit')} · {v.outcome === 'visited' ? `${L('满意度', 'Satisfaction')} ${v.satisfaction}/5` : `${L('免回访', 'Exempted')}（${v.exemptReason}）`} {v.opinion ?? ''}</div>)}
        </Card>
      )}
      <ApprovalsCard approvals={c.approvals} />
      <FindingsCard findings={c.findings} />
      <PublicReplies caseId={c.id} estateId={c.estateId} online={c.channel === 'online'} onChanged={load} />
      <FollowUpsCard open={followUps.open} done={followUps.done} onDone={load} />
      <Card title={L('处理过程', 'Timeline')}>
        <Timeline items={timeline.map((e) => ({ color: e.action.startsWith('sla.breached') ? 'red' : 'blue', children: <span>{bj(e.at)} {e.actorName ?? L('系统', 'System')} · {EVENT_LABELS[e.action] ?? e.action}{subjectLabel(e.subject) ? ` ${subjectLabel(e.subject)}` : ''}{e.after?.status ? ` → ${(e.action.startsWith('order.') ? ORDER_STATUS_LABELS[e.after.status] : STATUS_LABELS[e.after.status]) ?? e.after.status}` : ''}{e.note ? `：${e.note}` : ''}</span> }))} />
      </Card>
      <Modal open={Boolean(action)} title={action ? ACTION_LABELS[action] : ''} onOk={run} onCancel={() => setAction(null)} okText={L('确定', 'OK')} cancelText={L('取消', 'Cancel')} destroyOnHidden>
        <Form form={form} layout="vertical">
          {action && ACTION_FORMS[action]!.fields.map((f) => (
            <Form.Item key={f.name} name={f.name} label={fieldLabel(f.label)} rules={f.name === 'evidence' || f.optional ? [] : [{ required: true, message: `${L('请填写', 'Enter: ')}${fieldLabel(f.label)}` }]}>
              <ActionField kind={f.kind} />
            </Form.Item>
          ))}
        </Form>
      </Modal>
      <Modal open={Boolean(voiding)} title={voiding ? `${L('作废派工单', 'Void work order')} ${voiding.number}` : ''} onOk={voidOrder} onCancel={() => { setVoiding(null); voidForm.resetFields(); }} okText={ACTION_LABELS.void} okButtonProps={{ danger: true }} cancelText={L('取消', 'Cancel')} destroyOnHidden>
        <Form form={voidForm} layout="vertical">
          <Form.Item name="reason" label={L('作废原因', 'Reason for voiding')} extra={L('作废的单号保留并计入当月统计（R-WO-2）', 'A voided number is kept and counted in the month (R-WO-2)')} rules={[{ required: true, whitespace: true, message: L('请填写作废原因', 'Enter the reason for voiding') }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
