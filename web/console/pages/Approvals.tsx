import { Alert, Button, Card, Form, Input, Modal, Radio, Select, Space, Table, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { type ApiError, get, post } from '../../shared/api.js';
import { bj } from '../../shared/format.js';
import { L } from '../../shared/i18n.js';
import { KIND_OPTIONS } from '../../shared/labels.js';
import { useSession } from '../session.js';

/** The supervisor's and project manager's queue: approvals, undecided contacts, proposed flags. */
export default function Approvals() {
  useTranslation(); // re-render on a language switch
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
      <Card title={`${L('待审批', 'Awaiting approval')}（${items.length}）`}>
        <Table rowKey="id" size="small" pagination={false} dataSource={items} columns={[
          { title: L('案件', 'Case'), dataIndex: 'caseId', render: (v) => <Link to={`/cases/${v}`}>{L('查看', 'View')}</Link> },
          { title: L('事项', 'Matter'), dataIndex: 'kind', render: (v) => (v === 'close' ? L('销项审批', 'Closing approval') : L('无法处理审批', 'Unresolvable approval')) },
          { title: L('审批人', 'Approver'), dataIndex: 'approverRole', render: (v) => (v === 'project_manager' ? L('项目经理', 'Project manager') : L('客服主管', 'Supervisor')) },
          { title: L('申请时间', 'Requested'), dataIndex: 'requestedAt', render: bj },
          { title: L('说明', 'Note'), dataIndex: 'reason' },
          { title: L('操作', 'Actions'), render: (_, a) => (a.mayDecide ? <Space><Button type="primary" size="small" onClick={() => act(`/api/approvals/${a.id}/decide`, { decision: 'approve' })}>{L('同意', 'Approve')}</Button><Button size="small" danger onClick={() => { textForm.resetFields(); setWriting({ title: L('驳回', 'Reject'), label: L('驳回原因', 'Reason for rejecting'), url: `/api/approvals/${a.id}/decide`, body: (comment) => ({ decision: 'reject', comment }) }); }}>{L('驳回', 'Reject')}</Button></Space> : <Tag>{L('无权审批', 'Not yours to decide')}</Tag>) },
        ]} />
      </Card>
      <Card title={`${L('待决定的来电', 'Contacts to decide')}（${contacts.length}）`}>
        <Table rowKey="id" size="small" pagination={false} dataSource={contacts} columns={[
          { title: L('时间', 'Time'), dataIndex: 'receivedAt', render: bj },
          { title: L('内容', 'Content'), dataIndex: 'content' },
          { title: L('操作', 'Actions'), render: (_, c) => <Space><Button size="small" onClick={() => { textForm.resetFields(); setWriting({ title: L('主管答复', "Supervisor's answer"), label: L('答复内容', 'Answer'), url: `/api/contacts/${c.id}/decide`, body: (answer) => ({ decision: 'answer', answer }) }); }}>{L('答复', 'Answer')}</Button><Button size="small" type="primary" onClick={() => { setError(undefined); openForm.setFieldsValue({ kind: 'repair', locationKind: c.unitId ? 'in_home' : 'public', locationText: c.location ?? undefined, urgency: 'routine' }); setOpening(c); }}>{L('立项', 'Open case')}</Button></Space> },
        ]} />
      </Card>
      <Card title={`${L('热点/重大投诉建议', 'Suggested hot / major complaints')}（${flags.length}）`}>
        <Table rowKey="id" size="small" pagination={false} dataSource={flags} columns={[
          { title: L('案件', 'Case'), dataIndex: 'caseId', render: (v) => <Link to={`/cases/${v}`}>{L('查看', 'View')}</Link> },
          { title: L('建议', 'Suggestion'), dataIndex: 'flag', render: (v) => (v === 'hot' ? <Tag color="volcano">{L('热点', 'Hot')}</Tag> : <Tag color="magenta">{L('重大', 'Major')}</Tag>) },
          { title: L('依据', 'Grounds'), dataIndex: 'reason', render: (v) => ({ repeat: L('同类重复投诉', 'Repeated complaints'), headcount: L('集体投诉人数', 'Group complaint'), age: L('超期未解决', 'Unresolved too long') })[v as 'repeat'] },
          { title: L('操作', 'Actions'), render: (_, f) => <Space><Button size="small" type="primary" onClick={() => act(`/api/flag-proposals/${f.id}/decide`, { decision: 'confirm' })}>{L('确认', 'Confirm')}</Button><Button size="small" onClick={() => act(`/api/flag-proposals/${f.id}/decide`, { decision: 'dismiss' })}>{L('不予标记', 'Dismiss')}</Button></Space> },
        ]} />
      </Card>
      <Modal open={Boolean(writing)} title={writing?.title} onOk={sendText} onCancel={() => setWriting(null)} okText={L('确定', 'OK')} cancelText={L('取消', 'Cancel')} forceRender>
        <Form form={textForm} layout="vertical">
          <Form.Item name="text" label={writing?.label} rules={[{ required: true, whitespace: true, message: `${L('请填写', 'Enter: ')}${writing?.label ?? ''}` }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={Boolean(opening)} title={L('主管决定立项（R-IN-4）', 'Supervisor opens a case (R-IN-4)')} onOk={openCase} onCancel={() => setOpening(null)} okText={L('立项', 'Open case')} cancelText={L('取消', 'Cancel')} forceRender>
        {opening && <p>{opening.content}</p>}
        <Form form={openForm} layout="vertical">
          <Form.Item name="kind" label={L('类别', 'Kind')} rules={[{ required: true, message: L('请选择类别', 'Choose the kind') }]}>
            <Select options={KIND_OPTIONS} showSearch optionFilterProp="label" />
          </Form.Item>
          <Form.Item name="locationKind" label={L('位置', 'Location')} rules={[{ required: true, message: L('请选择位置', 'Choose the location') }]}>
            <Radio.Group options={[{ value: 'in_home', label: L('户内', 'In the home') }, { value: 'public', label: L('公共区域', 'Public area') }]} />
          </Form.Item>
          {openLocation === 'public' && (
            <Form.Item name="locationText" label={L('具体位置', 'Exact location')} rules={[{ required: true, whitespace: true, message: L('公共区域须填写具体位置', 'A public area needs the exact location') }]}>
              <Input placeholder={L('如 2号楼大堂', 'e.g. lobby of building 2')} />
            </Form.Item>
          )}
          <Form.Item name="urgency" label={L('紧急程度', 'Urgency')}>
            <Radio.Group options={[{ value: 'routine', label: L('一般', 'Routine') }, { value: 'emergency', label: L('紧急', 'Emergency') }]} />
          </Form.Item>
          {openKind === 'complaint' && (
            <Form.Item name="complaintNature" label={L('投诉性质', 'Nature')} rules={[{ required: true, message: L('请选择投诉性质', 'Choose the nature') }]}>
              <Radio.Group options={[{ value: 'valid', label: L('有效投诉', 'Valid complaint') }, { value: 'communicative', label: L('沟通性投诉', 'Communicative') }]} />
            </Form.Item>
          )}
          {openKind === 'complaint' && openNature === 'communicative' && (
            <Form.Item name="complaintSubtype" label={L('沟通性投诉类型', 'Communicative type')} rules={[{ required: true, message: L('请选择类型', 'Choose the type') }]}>
              <Radio.Group options={[{ value: 'help-seeking', label: L('求助型', 'Seeking help') }, { value: 'inquiry', label: L('咨询型', 'Inquiry') }, { value: 'venting', label: L('发泄型', 'Venting') }]} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Space>
  );
}
