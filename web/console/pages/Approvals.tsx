import { Alert, Button, Card, Form, Input, Modal, Radio, Select, Space, Table, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { type ApiError, get, post } from '../../shared/api.js';
import { bj } from '../../shared/format.js';
import { KIND_OPTIONS } from '../../shared/labels.js';
import { useSession } from '../session.js';

/** The supervisor's and project manager's queue: approvals, undecided contacts, proposed flags. */
export default function Approvals() {
  const { estateId } = useSession();
  const [items, setItems] = useState<any[]>([]);
  const [contacts, setContacts] = useState<any[]>([]);
  const [flags, setFlags] = useState<any[]>([]);
  const [error, setError] = useState<string>();
  /** The undecided contact the supervisor is opening as a case (R-IN-4): kind, location, nature chosen here. */
  const [opening, setOpening] = useState<any>(null);
  const [openForm] = Form.useForm();
  /** Rejecting an approval or answering an undecided contact: a text the supervisor writes. */
  const [writing, setWriting] = useState<{ title: string; label: string; url: string; body: (text: string) => unknown } | null>(null);
  const [textForm] = Form.useForm();
  const openKind = Form.useWatch('kind', openForm);
  const openNature = Form.useWatch('complaintNature', openForm);
  const openLocation = Form.useWatch('locationKind', openForm);
  const load = useCallback(async () => {
    const [a, c, f] = await Promise.all([
      get(`/api/approvals?estateId=${estateId}`),
      get(`/api/contacts?estateId=${estateId}&outcome=undecided`),
      get(`/api/flag-proposals?estateId=${estateId}`),
    ]);
    setItems(a.items);
    setContacts(c.items);
    setFlags(f.items);
  }, [estateId]);
  useEffect(() => { void load(); }, [load]);
  const act = async (url: string, body: unknown) => {
    try {
      setError(undefined);
      await post(url, body);
      await load();
    } catch (e) {
      setError((e as ApiError).message);
    }
  };
  const sendText = async () => {
    const v = await textForm.validateFields().catch(() => null);
    if (!v || !writing) return;
    try {
      await post(writing.url, writing.body(v.text.trim()));
      setWriting(null);
      await load();
    } catch (e) {
      const err = e as ApiError;
      textForm.setFields([{ name: 'text', errors: [err.fields?.[0]?.message ?? err.message] }]);
    }
  };
  const openCase = async () => {
    let v: any;
    try {
      v = await openForm.validateFields();
    } catch {
      return;
    }
    try {
      await post(`/api/contacts/${opening.id}/decide`, {
        decision: 'open',
        case: {
          kind: v.kind,
          locationKind: v.locationKind,
          locationText: v.locationText?.trim() || null,
          urgency: v.urgency,
          ...(v.kind === 'complaint' ? { complaintNature: v.complaintNature, complaintSubtype: v.complaintNature === 'communicative' ? v.complaintSubtype : null } : {}),
        },
      });
      setOpening(null);
      openForm.resetFields();
      await load();
    } catch (e) {
      const err = e as ApiError;
      const names = new Set(['kind', 'locationKind', 'locationText', 'complaintNature', 'complaintSubtype', 'urgency']);
      const fields = (err.fields ?? []).map((f) => ({ name: f.field.replace(/^case\./, ''), errors: [f.message] })).filter((f) => names.has(f.name));
      if (fields.length) openForm.setFields(fields);
      else setError(err.message);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {error && <Alert type="error" showIcon message={error} role="alert" />}
      <Card title={`待审批（${items.length}）`}>
        <Table rowKey="id" size="small" pagination={false} dataSource={items} columns={[
          { title: '案件', dataIndex: 'caseId', render: (v) => <Link to={`/cases/${v}`}>查看</Link> },
          { title: '事项', dataIndex: 'kind', render: (v) => (v === 'close' ? '销项审批' : '无法处理审批') },
          { title: '审批人', dataIndex: 'approverRole', render: (v) => (v === 'project_manager' ? '项目经理' : '客服主管') },
          { title: '申请时间', dataIndex: 'requestedAt', render: bj },
          { title: '说明', dataIndex: 'reason' },
          { title: '操作', render: (_, a) => (a.mayDecide ? <Space><Button type="primary" size="small" onClick={() => act(`/api/approvals/${a.id}/decide`, { decision: 'approve' })}>同意</Button><Button size="small" danger onClick={() => { textForm.resetFields(); setWriting({ title: '驳回', label: '驳回原因', url: `/api/approvals/${a.id}/decide`, body: (comment) => ({ decision: 'reject', comment }) }); }}>驳回</Button></Space> : <Tag>无权审批</Tag>) },
        ]} />
      </Card>
      <Card title={`待决定的来电（${contacts.length}）`}>
        <Table rowKey="id" size="small" pagination={false} dataSource={contacts} columns={[
          { title: '时间', dataIndex: 'receivedAt', render: bj },
          { title: '内容', dataIndex: 'content' },
          { title: '操作', render: (_, c) => <Space><Button size="small" onClick={() => { textForm.resetFields(); setWriting({ title: '主管答复', label: '答复内容', url: `/api/contacts/${c.id}/decide`, body: (answer) => ({ decision: 'answer', answer }) }); }}>答复</Button><Button size="small" type="primary" onClick={() => { setError(undefined); openForm.setFieldsValue({ kind: 'repair', locationKind: c.unitId ? 'in_home' : 'public', locationText: c.location ?? undefined, urgency: 'routine' }); setOpening(c); }}>立项</Button></Space> },
        ]} />
      </Card>
      <Card title={`热点/重大投诉建议（${flags.length}）`}>
        <Table rowKey="id" size="small" pagination={false} dataSource={flags} columns={[
          { title: '案件', dataIndex: 'caseId', render: (v) => <Link to={`/cases/${v}`}>查看</Link> },
          { title: '建议', dataIndex: 'flag', render: (v) => (v === 'hot' ? <Tag color="volcano">热点</Tag> : <Tag color="magenta">重大</Tag>) },
          { title: '依据', dataIndex: 'reason', render: (v) => ({ repeat: '同类重复投诉', headcount: '集体投诉人数', age: '超期未解决' })[v as 'repeat'] },
          { title: '操作', render: (_, f) => <Space><Button size="small" type="primary" onClick={() => act(`/api/flag-proposals/${f.id}/decide`, { decision: 'confirm' })}>确认</Button><Button size="small" onClick={() => act(`/api/flag-proposals/${f.id}/decide`, { decision: 'dismiss' })}>不予标记</Button></Space> },
        ]} />
      </Card>
      <Modal open={Boolean(writing)} title={writing?.title} onOk={sendText} onCancel={() => setWriting(null)} okText="确定" cancelText="取消" forceRender>
        <Form form={textForm} layout="vertical">
          <Form.Item name="text" label={writing?.label} rules={[{ required: true, whitespace: true, message: `请填写${writing?.label ?? ''}` }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={Boolean(opening)} title="主管决定立项（R-IN-4）" onOk={openCase} onCancel={() => setOpening(null)} okText="立项" cancelText="取消" forceRender>
        {opening && <p>{opening.content}</p>}
        <Form form={openForm} layout="vertical">
          <Form.Item name="kind" label="类别" rules={[{ required: true, message: '请选择类别' }]}>
            <Select options={KIND_OPTIONS} showSearch optionFilterProp="label" />
          </Form.Item>
          <Form.Item name="locationKind" label="位置" rules={[{ required: true, message: '请选择位置' }]}>
            <Radio.Group options={[{ value: 'in_home', label: '户内' }, { value: 'public', label: '公共区域' }]} />
          </Form.Item>
          {openLocation === 'public' && (
            <Form.Item name="locationText" label="具体位置" rules={[{ required: true, whitespace: true, message: '公共区域须填写具体位置' }]}>
              <Input placeholder="如 2号楼大堂" />
            </Form.Item>
          )}
          <Form.Item name="urgency" label="紧急程度">
            <Radio.Group options={[{ value: 'routine', label: '一般' }, { value: 'emergency', label: '紧急' }]} />
          </Form.Item>
          {openKind === 'complaint' && (
            <Form.Item name="complaintNature" label="投诉性质" rules={[{ required: true, message: '请选择投诉性质' }]}>
              <Radio.Group options={[{ value: 'valid', label: '有效投诉' }, { value: 'communicative', label: '沟通性投诉' }]} />
            </Form.Item>
          )}
          {openKind === 'complaint' && openNature === 'communicative' && (
            <Form.Item name="complaintSubtype" label="沟通性投诉类型" rules={[{ required: true, message: '请选择类型' }]}>
              <Radio.Group options={[{ value: 'help-seeking', label: '求助型' }, { value: 'inquiry', label: '咨询型' }, { value: 'venting', label: '发泄型' }]} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Space>
  );
}
