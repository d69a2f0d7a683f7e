import { Alert, Button, Input, Segmented, Space, Table, Tag } from 'antd';
import { useCallback, useContext, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { type ApiError, get, post } from '../../shared/api.js';
import { bj, countdown } from '../../shared/format.js';
import { L } from '../../shared/i18n.js';
import { STATUS_LABELS } from '../../shared/labels.js';
import { onLive, onResync } from '../live.js';
import { SessionContext } from '../session.js';
import { CLOCK_LABELS } from './case/labels.js';

/**
 * The receptionist's follow-up queue (R-FU-1: 2 h after dispatch; R-FU-2: before the end of the
 * working day): soonest due first, each logged here with what the resident was told.
 */
export default function FollowUps() {
  useTranslation(); // re-render on a language switch
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
    const offResync = onResync(() => void load());
    const tick = setInterval(() => setNow(Date.now()), 30_000);
    return () => {
      off();
      offResync();
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
        <Segmented value={state} onChange={(v) => setState(v as 'open' | 'done')} options={[{ value: 'open', label: `${L('待跟进', 'To follow up')}${state === 'open' ? `（${items.length}）` : ''}` }, { value: 'done', label: L('已跟进', 'Followed up') }]} />
      </Space>
      <Table
        rowKey="id"
        size="small"
        dataSource={items}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: L('应跟进', 'Due'), dataIndex: 'dueAt', render: (v: string) => (state === 'open' ? <Tag color={new Date(v).getTime() < now ? 'red' : 'blue'}>{bj(v)} {countdown(v, now)}</Tag> : bj(v)) },
          { title: L('类型', 'Type'), dataIndex: 'kind', render: (v: string) => CLOCK_LABELS[v] ?? v },
          { title: L('案件', 'Case'), render: (_, f: any) => <Link to={`/cases/${f.caseId}`}>{f.caseNumber}</Link> },
          { title: L('房号/位置', 'Unit / location'), dataIndex: 'where' },
          { title: L('电话', 'Phone'), dataIndex: 'contactPhone' },
          { title: L('内容', 'Description'), dataIndex: 'caseDescription', ellipsis: true },
          { title: L('案件状态', 'Case status'), dataIndex: 'caseStatus', render: (v: string) => STATUS_LABELS[v] ?? v },
          state === 'open'
            ? {
                title: L('跟进情况', 'Follow-up'),
                width: 380,
                render: (_, f: any) => (
                  <Space direction="vertical" style={{ width: '100%' }}>
                    <Space.Compact style={{ width: '100%' }}>
                      <Input aria-label={`${L('跟进情况', 'Follow-up')} ${f.caseNumber}`} placeholder={L('如：已致电业户，维修工已在路上', 'e.g. called the resident, the technician is on the way')} value={notes[f.id] ?? ''} status={errors[f.id] ? 'error' : undefined} onChange={(e) => setNotes((n) => ({ ...n, [f.id]: e.target.value }))} onPressEnter={() => void log(f.id)} />
                      <Button type="primary" onClick={() => void log(f.id)}>{L('记录', 'Log')}</Button>
                    </Space.Compact>
                    {errors[f.id] && <span style={{ color: '#ff4d4f' }} role="alert">{errors[f.id]}</span>}
                  </Space>
                ),
              }
            : { title: L('跟进情况', 'Follow-up'), render: (_, f: any) => `${bj(f.doneAt)} ${f.note ?? ''}` },
        ]}
      />
    </Space>
  );
}
