import { Button, Card, Input, List, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { type ApiError, post } from '../../../shared/api.js';
import { bj } from '../../../shared/format.js';
import { APPROVAL_KIND_LABELS, APPROVAL_STATUS_LABELS, CLOCK_LABELS, ROLE_LABELS_SHORT } from './labels.js';

/** Approvals of the case (R-CL-5, R-CL-6) as first-class records. */
export function ApprovalsCard({ approvals }: { approvals: any[] }) {
  if (approvals.length === 0) return null;
  return (
    <Card title="审批" size="small">
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={approvals}
        columns={[
          { title: '事项', dataIndex: 'kind', render: (v: string) => APPROVAL_KIND_LABELS[v] ?? v },
          { title: '审批人', dataIndex: 'approverRole', render: (v: string) => ROLE_LABELS_SHORT[v] ?? v },
          { title: '提请', render: (_, a: any) => `${bj(a.requestedAt)} ${a.reason ?? ''}` },
          { title: '状态', dataIndex: 'status', render: (v: string) => <Tag color={v === 'approved' ? 'green' : v === 'rejected' ? 'red' : 'gold'}>{APPROVAL_STATUS_LABELS[v] ?? v}</Tag> },
          { title: '决定', render: (_, a: any) => (a.decidedAt ? `${bj(a.decidedAt)} ${a.comment ?? ''}` : '') },
        ]}
      />
    </Card>
  );
}

/** Problems found while handling (R-CL-4): open ones block closing until handled or split off. */
export function FindingsCard({ findings }: { findings: any[] }) {
  if (findings.length === 0) return null;
  const label: Record<string, string> = { open: '处理中', resolved: '已处理', split: '已另行立项' };
  return (
    <Card title="处理中发现的问题" size="small">
      <List
        size="small"
        dataSource={findings}
        renderItem={(f: any) => (
          <List.Item>
            {bj(f.recordedAt)} {f.description} <Tag color={f.status === 'open' ? 'gold' : 'green'}>{label[f.status] ?? f.status}</Tag>
            {f.splitCaseId && <a href={`/cases/${f.splitCaseId}`}>查看新案件</a>}
          </List.Item>
        )}
      />
    </Card>
  );
}

/** Follow-up tasks of the case (R-FU-1, R-FU-2): open ones can be logged here. */
export function FollowUpsCard({ open, done, onDone }: { open: any[]; done: any[]; onDone: () => Promise<void> }) {
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  if (open.length === 0 && done.length === 0) return null;
  const log = async (id: string) => {
    try {
      await post(`/api/follow-ups/${id}/done`, { note: notes[id] ?? '' });
      setErrors((e) => ({ ...e, [id]: '' }));
      await onDone();
    } catch (e) {
      setErrors((x) => ({ ...x, [id]: (e as ApiError).fields?.[0]?.message ?? (e as ApiError).message }));
    }
  };
  return (
    <Card title="跟进" size="small">
      <List
        size="small"
        dataSource={[...open, ...done]}
        renderItem={(f: any) => (
          <List.Item>
            <Space direction="vertical" style={{ width: '100%' }}>
              <span>
                {CLOCK_LABELS[f.kind] ?? f.kind} · 应于 {bj(f.dueAt)} 前 {f.state === 'done' ? <Tag color="green">已跟进 {bj(f.doneAt)}：{f.note}</Tag> : <Tag color="gold">待跟进</Tag>}
              </span>
              {f.state === 'open' && (
                <Space.Compact style={{ width: '100%' }}>
                  <Input aria-label="跟进情况" placeholder="跟进情况（如：已致电业户，维修工已在路上）" value={notes[f.id] ?? ''} onChange={(e) => setNotes((n) => ({ ...n, [f.id]: e.target.value }))} status={errors[f.id] ? 'error' : undefined} />
                  <Button type="primary" onClick={() => log(f.id)}>记录跟进</Button>
                </Space.Compact>
              )}
              {errors[f.id] && <span style={{ color: '#ff4d4f' }} role="alert">{errors[f.id]}</span>}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
