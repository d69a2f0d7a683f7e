import { Alert, Button, Card, Space, Table, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { type ApiError, get, post } from '../../shared/api.js';
import { bj } from '../../shared/format.js';
import { useSession } from '../session.js';

/** The supervisor's and project manager's queue: approvals, undecided contacts, proposed flags. */
export default function Approvals() {
  const { estateId } = useSession();
  const [items, setItems] = useState<any[]>([]);
  const [contacts, setContacts] = useState<any[]>([]);
  const [flags, setFlags] = useState<any[]>([]);
  const [error, setError] = useState<string>();
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
          { title: '操作', render: (_, a) => (a.mayDecide ? <Space><Button type="primary" size="small" onClick={() => act(`/api/approvals/${a.id}/decide`, { decision: 'approve' })}>同意</Button><Button size="small" danger onClick={() => { const comment = prompt('驳回原因'); if (comment) void act(`/api/approvals/${a.id}/decide`, { decision: 'reject', comment }); }}>驳回</Button></Space> : <Tag>无权审批</Tag>) },
        ]} />
      </Card>
      <Card title={`待决定的来电（${contacts.length}）`}>
        <Table rowKey="id" size="small" pagination={false} dataSource={contacts} columns={[
          { title: '时间', dataIndex: 'receivedAt', render: bj },
          { title: '内容', dataIndex: 'content' },
          { title: '操作', render: (_, c) => <Space><Button size="small" onClick={() => { const answer = prompt('答复内容'); if (answer) void act(`/api/contacts/${c.id}/decide`, { decision: 'answer', answer }); }}>答复</Button><Button size="small" type="primary" onClick={() => act(`/api/contacts/${c.id}/decide`, { decision: 'open', case: { kind: 'complaint', locationKind: 'public', locationText: c.location ?? '小区', complaintNature: 'communicative', complaintSubtype: 'help-seeking' } })}>立项</Button></Space> },
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
    </Space>
  );
}
