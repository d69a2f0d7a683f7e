import { Alert, Button, Card, Input, Select, Space, Table, Tag } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { get } from '../../shared/api.js';
import { bj, countdown } from '../../shared/format.js';
import { KIND_OPTIONS, OPEN_STATUSES, SLA_COLORS, STATUS_LABELS } from '../../shared/labels.js';
import { useSession } from '../session.js';

/** A short two-tone beep for a new emergency (no audio file to download). */
function beep() {
  try {
    const ctx = new AudioContext();
    const osc = ctx.createOscillator();
    osc.frequency.value = 880;
    osc.connect(ctx.destination);
    osc.start();
    osc.stop(ctx.currentTime + 0.4);
  } catch {
    /* audio may be blocked until the user interacts; the banner still shows */
  }
}

/** Open cases live: SLA colours, filters, server-side keyset paging, emergency alert. */
export default function Board() {
  const { estateId } = useSession();
  const [rows, setRows] = useState<any[]>([]);
  const [total, setTotal] = useState(0);
  const [cursor, setCursor] = useState<string | null>(null);
  const [status, setStatus] = useState<string[]>(OPEN_STATUSES);
  const [kind, setKind] = useState<string>();
  const [urgency, setUrgency] = useState<string>();
  const [q, setQ] = useState('');
  const [alarm, setAlarm] = useState<string | null>(null);
  const [, tick] = useState(0);
  const filters = useRef({ status, kind, urgency, q });
  filters.current = { status, kind, urgency, q };

  const load = useCallback(async (after?: string | null) => {
    const f = filters.current;
    const p = new URLSearchParams({ estateId, limit: '50' });
    for (const s of f.status) p.append('status', s);
    if (f.kind) p.set('kind', f.kind);
    if (f.urgency) p.set('urgency', f.urgency);
    if (f.q) p.set('q', f.q);
    if (after) p.set('cursor', after);
    const r = await get(`/api/cases?${p}`);
    setRows((cur) => (after ? [...cur, ...r.items] : r.items));
    setTotal(r.total);
    setCursor(r.nextCursor);
  }, [estateId]);

  useEffect(() => {
    void load();
  }, [load, status, kind, urgency]);

  // Live: every node relays database NOTIFY as SSE; refetch on change, alarm on emergencies.
  useEffect(() => {
    const es = new EventSource('/api/events');
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = () => { clearTimeout(timer); timer = setTimeout(() => void load(), 300); };
    es.addEventListener('case', refresh);
    es.addEventListener('emergency', (e) => {
      setAlarm(JSON.parse((e as MessageEvent).data).caseId);
      beep();
      refresh();
    });
    const clock = setInterval(() => tick((n) => n + 1), 30_000);
    return () => { es.close(); clearInterval(clock); clearTimeout(timer); };
  }, [load]);

  return (
    <Card title={`调度看板（${total}）`}>
      {alarm && <Alert type="error" showIcon closable onClose={() => setAlarm(null)} style={{ marginBottom: 12 }} message={<span>新的紧急事件！<Link to={`/cases/${alarm}`}>立即查看</Link></span>} role="alert" />}
      <Space wrap style={{ marginBottom: 12 }}>
        <Select mode="multiple" style={{ minWidth: 280 }} value={status} onChange={setStatus} options={Object.entries(STATUS_LABELS).map(([value, label]) => ({ value, label }))} placeholder="状态" />
        <Select allowClear style={{ width: 120 }} value={kind} onChange={setKind} options={KIND_OPTIONS} placeholder="类别" />
        <Select allowClear style={{ width: 120 }} value={urgency} onChange={setUrgency} options={[{ value: 'routine', label: '一般' }, { value: 'emergency', label: '紧急' }]} placeholder="紧急程度" />
        <Input.Search allowClear placeholder="编号、电话、内容" value={q} onChange={(e) => setQ(e.target.value)} onSearch={() => void load()} style={{ width: 240 }} />
      </Space>
      <Table
        rowKey="id"
        size="small"
        dataSource={[...rows].sort((a, b) => (a.nextDueAt ?? '9') < (b.nextDueAt ?? '9') ? -1 : 1)}
        pagination={false}
        rowClassName={(r) => (r.urgency === 'emergency' ? 'row-emergency' : '')}
        columns={[
          { title: '编号', dataIndex: 'number', render: (v, r) => <Link to={`/cases/${r.id}`}>{v}</Link> },
          { title: '时限', dataIndex: 'slaState', render: (v, r) => <Tag color={SLA_COLORS[v]}>{r.nextDueAt ? countdown(r.nextDueAt) : v === 'red' ? '已超时' : '—'}</Tag> },
          { title: '紧急', dataIndex: 'urgency', render: (v) => (v === 'emergency' ? <Tag color="red">紧急</Tag> : '一般') },
          { title: '类别', dataIndex: 'kindLabel' },
          { title: '状态', dataIndex: 'status', render: (v) => STATUS_LABELS[v] },
          { title: '内容', dataIndex: 'description', ellipsis: true },
          { title: '立项时间', dataIndex: 'openedAt', render: bj },
        ]}
      />
      {cursor && <Button style={{ marginTop: 12 }} onClick={() => void load(cursor)}>加载更多</Button>}
    </Card>
  );
}
