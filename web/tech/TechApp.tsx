import { Badge, Button, Form, Input, List, NavBar, Tabs, Tag, Toast } from 'antd-mobile';
import { useCallback, useEffect, useState } from 'react';
import { type ApiError, type Me, OfflineError, get, post } from '../shared/api.js';
import { bj } from '../shared/format.js';
import { flushQueue, queued } from '../shared/offline-queue.js';
import { OrderScreen } from './OrderScreen.js';
import { orderTabs } from './tabs.js';

/** Technician pages (375 px): my orders (new / today / overdue) → accept → arrive → complete → return. */
export function TechApp() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [orders, setOrders] = useState<any[]>([]);
  const [open, setOpen] = useState<any>(null);
  const [tab, setTab] = useState('new');
  const [pending, setPending] = useState(queued().length);

  const load = useCallback(async () => {
    try {
      const m = (await get('/api/session')).user;
      setMe(m);
      if (!m) return;
      const [active, done] = await Promise.all([get('/api/orders?mine=true&active=true&limit=100'), get('/api/orders?mine=true&status=completed&limit=50')]);
      setOrders([...active.items, ...done.items]);
    } catch (e) {
      // No network in a basement: keep the orders already shown instead of asking to sign in.
      if (!(e instanceof OfflineError)) setMe(null);
      else setMe((m) => m ?? null);
    }
  }, []);
  useEffect(() => { void load(); }, [load]);
  useEffect(() => {
    const online = async () => { const n = await flushQueue(); setPending(queued().length); if (n) { Toast.show(`已补发 ${n} 个操作`); void load(); } };
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, [load]);

  if (me === undefined) return null;
  if (me === null) return <TechLogin onDone={load} />;
  if (open) return <OrderScreen id={open.id} onBack={() => { setOpen(null); void load(); }} onQueued={() => setPending(queued().length)} />;
  const now = Date.now();
  const byTab = (k: string) => orders.filter((o) => orderTabs(o, now).includes(k as never));
  const TABS = [['new', '新单'], ['today', '今日'], ['overdue', '超时']] as const;
  return (
    <div>
      <NavBar back={null}>我的派工单</NavBar>
      {pending > 0 && <Tag color="warning" style={{ margin: 8 }}>{pending} 个操作待联网补发</Tag>}
      <div style={{ padding: '4px 12px', color: '#666', fontSize: 13 }}>{me.displayName} · 共 {orders.length} 单</div>
      <Tabs activeKey={tab} onChange={setTab}>
        {TABS.map(([key, title]) => (
          <Tabs.Tab key={key} title={<Badge content={byTab(key).length || null} style={{ '--right': '-10px' } as never}>{title}</Badge>}>
            <List>
              {byTab(key).map((o) => (
                <List.Item
                  key={o.id}
                  onClick={() => setOpen(o)}
                  description={`预约 ${bj(o.appointmentAt) || '—'} · 派工 ${bj(o.issuedAt)}`}
                  extra={<Tag color={key === 'overdue' ? 'danger' : o.status === 'issued' ? 'primary' : o.status === 'completed' ? 'success' : 'default'}>{o.statusLabel}</Tag>}
                >
                  {o.number} {o.instructions ?? ''}
                </List.Item>
              ))}
            </List>
            {byTab(key).length === 0 && <div style={{ padding: 24, color: '#999', textAlign: 'center' }}>暂无派工单</div>}
          </Tabs.Tab>
        ))}
      </Tabs>
    </div>
  );
}

function TechLogin({ onDone }: { onDone: () => void }) {
  const [error, setError] = useState<string>();
  return (
    <div>
      <NavBar back={null}>维修工登录</NavBar>
      <Form
        layout="horizontal"
        onFinish={async (v) => {
          setError(undefined);
          try { await post('/api/auth/login', v); onDone(); } catch (e) { setError((e as ApiError).message); }
        }}
        footer={<>{error && <div role="alert" style={{ color: '#ff3141', marginBottom: 8 }}>{error}</div>}<Button block type="submit" color="primary">登录</Button></>}
      >
        <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请输入用户名' }]}><Input placeholder="用户名" /></Form.Item>
        <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}><Input type="password" placeholder="密码" /></Form.Item>
      </Form>
    </div>
  );
}
