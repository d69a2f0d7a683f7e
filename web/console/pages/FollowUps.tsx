import { Alert, Button, Input, Segmented, Space, Table, Tag } from 'antd';
import { useCallback, useContext, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { type ApiError, get, post } from '../../shared/api.js';
import { bj, countdown } from '../../shared/format.js';
import { STATUS_LABELS } from '../../shared/labels.js';
import { onLive } from '../live.js';
import { SessionContext } from '../session.js';
import { CLOCK_LABELS } from './case/labels.js';

/**
 * The receptionist's follow-up queue (R-FU-1: 2 h after dispatch; R-FU-2: before the end of the
 * working day): soonest due first, each logged here with what the resident was told.
 */
export default function FollowUps() {
  const session = useContext(SessionContext)!;
  const [state, setState] = useState<'open' | 'done'>('open');
  const [items, setItems] = useState<any[]>([]);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [now, setNow] = useState(Date.now());

  const load = useCallback(async () => {
    try {
      setItems((await get(`/api/follow-ups?estateId=${session.estateId}&state=${state}&limit=200`)).items);
      setError(undefined);
    } catch (e) {
      setError((e as ApiError).message);
    }
  }, [session.estateId, state]);
  useEffect(() => {
    void load();
    const off = onLive('case', () => void load());
    const tick = setInterval(() => setNow(Date.now()), 30_000);
    return () => {
      off();
      clearInterval(tick);
    };
  }, [load]);

  const log = async (id: string) => {
    try {
      await post(`/api/follow-ups/${id}/done`, { note: notes[id] ?? '' });
      setErrors((x) => ({ ...x, [id]: '' }));
      await load();
    } catch (e) {
      setErrors((x) => ({ ...x, [id]: (e as ApiError).fields?.[0]?.message ?? (e as ApiError).message }));
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {error && <Alert type="error" showIcon message={error} role="alert" />}
      <Space>
        <Segmented value={state} onChange={(v) => setState(v as 'open' | 'done')} options={[{ value: 'open', label: `待跟进${state === 'open' ? `（${items.length}）` : ''}` }, { value: 'done', label: '已跟进' }]} />
      </Space>
      <Table
        rowKey="id"
        size="small"
        dataSource={items}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: '应跟进', dataIndex: 'dueAt', render: (v: string) => (state === 'open' ? <Tag color={new Date(v).getTime() < now ? 'red' : 'blue'}>{bj(v)} {countdown(v, now)}</Tag> : bj(v)) },
          { title: '类型', dataIndex: 'kind', render: (v: string) => CLOCK_LABELS[v] ?? v },
          { title: '案件', render: (_, f: any) => <Link to={`/cases/${f.caseId}`}>{f.caseNumber}</Link> },
          { title: '房号/位置', dataIndex: 'where' },
          { title: '电话', dataIndex: 'contactPhone' },
          { title: '内容', dataIndex: 'caseDescription', ellipsis: true },
          { title: '案件状态', dataIndex: 'caseStatus', render: (v: string) => STATUS_LABELS[v] ?? v },
          state === 'open'
            ? {
                title: '跟进情况',
                width: 380,
                render: (_, f: any) => (
                  <Space direction="vertical" style={{ width: '100%' }}>
                    <Space.Compact style={{ width: '100%' }}>
                      <Input aria-label={`跟进情况 ${f.caseNumber}`} placeholder="如：已致电业户，维修工已在路上" value={notes[f.id] ?? ''} status={errors[f.id] ? 'error' : undefined} onChange={(e) => setNotes((n) => ({ ...n, [f.id]: e.target.value }))} onPressEnter={() => void log(f.id)} />
                      <Button type="primary" onClick={() => void log(f.id)}>记录</Button>
                    </Space.Compact>
                    {errors[f.id] && <span style={{ color: '#ff4d4f' }} role="alert">{errors[f.id]}</span>}
                  </Space>
                ),
              }
            : { title: '跟进情况', render: (_, f: any) => `${bj(f.doneAt)} ${f.note ?? ''}` },
        ]}
      />
    </Space>
  );
}
