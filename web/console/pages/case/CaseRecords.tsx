import { Button, Card, Input, List, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { type ApiError, post } from '../../../shared/api.js';
import { bj } from '../../../shared/format.js';
import { L } from '../../../shared/i18n.js';
import { APPROVAL_KIND_LABELS, APPROVAL_STATUS_LABELS, CLOCK_LABELS, ROLE_LABELS_SHORT } from './labels.js';

/** Approvals of the case (R-CL-5, R-CL-6) as first-class records. */
export function ApprovalsCard({ approvals }: { approvals: any[] }) {
  if (approvals.length === 0) return null;
  return (
    <Card title={L('审批', 'Approvals')} size="small">
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={approvals}
        columns={[
          { title: L('事项', 'Matter'), dataIndex: 'kind', render: (v: string) => APPROVAL_KIND_LABELS[v] ?? v },
          { title: L('审批人', 'Approver'), dataIndex: 'approverRole', render: (v: string) => ROLE_LABELS_SHORT[v] ?? v },
          { title: L('提请', 'Requested'), render: (_, a: any) => `${bj(a.requestedAt)} ${a.reason ?? ''}` },
          { title: L('状态', 'Status'), dataIndex: 'status', render: (v: string) => <Tag color={v === 'approved' ? 'green' : v === 'rejected' ? 'red' : 'gold'}>{APPROVAL_STATUS_LABELS[v] ?? v}</Tag> },
          { title: L('决定', 'Decision'), render: (_, a: any) => (a.decidedAt ? `${bj(a.decidedAt)} ${a.comment ?? ''}` : '') },
        ]}
      />
    </Card>
  );
}

/** Problems found while handling (R-CL-4): open ones block closing until handled or split off. */
export function FindingsCard({ findings }: { findings: any[] }) {
  if (findings.length === 0) return null;
  const label: Record<string, string> = { open: L('处理中', 'Open'), resolved: L('已处理', 'Resolved'), split: L('已另行立项', 'Opened as a case') };
  return (
    <Card title={L('处理中发现的问题', 'Problems found while handling')} size="small">
      <List
        size="small"
        dataSource={findings}
        renderItem={(f: any) => (
          <List.Item>
            {bj(f.recordedAt)} {f.description} <Tag color={f.status === 'open' ? 'gold' : 'green'}>{label[f.status] ?? f.status}</Tag>
            {f.splitCaseId && <a href={`/cases/${f.splitCaseId}`}>{L('查看新案件', 'View the new case')}</a>}
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
    <Card title={L('跟进', 'Follow-ups')} size="small">
      <List
        size="small"
        dataSource={[...open, ...done]}
        renderItem={(f: any) => (
          <List.Item>
            <Space direction="vertical" style={{ width: '100%' }}>
              <span>
                {CLOCK_LABELS[f.kind] ?? f.kind} · {L('应于 %s 前', 'due by %s').replace('%s', bj(f.dueAt))} {f.state === 'done' ? <Tag color="green">{L('已跟进', 'Followed up')} {bj(f.doneAt)}：{f.note}</Tag> : <Tag color="gold">{L('待跟进', 'To follow up')}</Tag>}
              </span>
              {f.state === 'open' && (
                <Space.Compact style={{ width: '100%' }}>
                  <Input aria-label={L('跟进情况', 'Follow-up')} placeholder={L('跟进情况（如：已致电业户，维修工已在路上）', 'Follow-up (e.g. called the resident, the technician is on the way)')} value={notes[f.id] ?? ''} onChange={(e) => setNotes((n) => ({ ...n, [f.id]: e.target.value }))} status={errors[f.id] ? 'error' : undefined} />
                  <Button type="primary" onClick={() => log(f.id)}>{L('记录跟进', 'Log follow-up')}</Button>
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
