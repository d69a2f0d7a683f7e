import { Badge, Button, Form, Input, List, NavBar, NoticeBar, Tabs, Tag, Toast } from 'antd-mobile';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, type Me, OfflineError, get, post } from '../shared/api.js';
import { bj } from '../shared/format.js';
import { ACTION_LABELS, ORDER_STATUS_LABELS } from '../shared/labels.js';
import { LangSwitch } from '../shared/MobileLang.js';
import { type Refused, flushQueue, queued } from '../shared/offline-queue.js';
import './i18n.js';
import { OrderScreen } from './OrderScreen.js';
import { orderTabs } from './tabs.js';

/** Technician pages (375 px): my orders (new / today / overdue) → accept → arrive → complete → return. */
export function TechApp() {
  const { t } = useTranslation();
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [orders, setOrders] = useState<any[]>([]);
  const [open, setOpen] = useState<any>(null);
  const [tab, setTab] = useState('new');
  const [pending, setPending] = useState(queued().length);
  const [refused, setRefused] = useState<Refused[]>([]);
  /** Bumped after a replay, so an open order shows what the server now says. */
  const [replayed, setReplayed] = useState(0);

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

  // Actions taken offline are sent when the network returns, when the app starts (the phone may
  // have been reloaded or the app reopened while online) and when the page becomes visible again.
  const flushRef = useRef<() => Promise<void>>(async () => {});
  const flushing = useRef(false);
  flushRef.current = async () => {
    // Two triggers at once (the network returns as the page becomes visible) report once.
    if (flushing.current || queued().length === 0) return;
    flushing.current = true;
    const { sent, refused: no } = await flushQueue().finally(() => { flushing.current = false; });
    setPending(queued().length);
    if (no.length) setRefused((r) => [...r, ...no.filter((x) => !r.some((y) => y.key === x.key))]);
    if (sent) Toast.show(t('tech.resent', { count: sent }));
    if (sent || no.length) { setReplayed((n) => n + 1); void load(); }
  };
  useEffect(() => {
    const flush = () => void flushRef.current();
    const visible = () => { if (document.visibilityState === 'visible') flush(); };
    window.addEventListener('online', flush);
    document.addEventListener('visibilitychange', visible);
    return () => {
      window.removeEventListener('online', flush);
      document.removeEventListener('visibilitychange', visible);
    };
  }, []);
  useEffect(() => { if (me) void flushRef.current(); }, [me]);

  const notice = refused.length > 0 && (
    <div role="alert" data-testid="queue-refused">
    <NoticeBar
      color="error"
      wrap
      content={
        <div>
          <div>{t('tech.refusedTitle')}</div>
          {refused.map((r) => (
            <div key={r.key}>· {r.subject ? `${r.subject} ` : ''}{ACTION_LABELS[r.label] ?? r.label}：{r.message}</div>
          ))}
        </div>
      }
      extra={<Button size="mini" onClick={() => setRefused([])}>{t('tech.refusedDismiss')}</Button>}
    />
    </div>
  );

  if (me === undefined) return null;
  if (me === null) return <TechLogin onDone={load} />;
  if (open) return <>{notice}<OrderScreen id={open.id} refresh={replayed} onBack={() => { setOpen(null); void load(); }} onQueued={() => setPending(queued().length)} /></>;
  const now = Date.now();
  const byTab = (k: string) => orders.filter((o) => orderTabs(o, now).includes(k as never));
  const TABS = [['new', t('tech.tabNew')], ['today', t('tech.tabToday')], ['overdue', t('tech.tabOverdue')]] as const;
  return (
    <div>
      <NavBar back={null} right={<LangSwitch />}>{t('tech.title')}</NavBar>
      {notice}
      {pending > 0 && <Tag color="warning" style={{ margin: 8 }}>{t('tech.pending', { count: pending })}</Tag>}
      <div style={{ padding: '4px 12px', color: '#666', fontSize: 13 }}>{t('tech.count', { name: me.displayName, count: orders.length })}</div>
      <Tabs activeKey={tab} onChange={setTab}>
        {TABS.map(([key, title]) => (
          <Tabs.Tab key={key} title={<Badge content={byTab(key).length || null} style={{ '--right': '-10px' } as never}>{title}</Badge>}>
            <List>
              {byTab(key).map((o) => (
                <List.Item
                  key={o.id}
                  onClick={() => setOpen(o)}
                  description={t('tech.itemDesc', { appt: bj(o.appointmentAt) || '—', issued: bj(o.issuedAt) })}
                  extra={<Tag color={key === 'overdue' ? 'danger' : o.status === 'issued' ? 'primary' : o.status === 'completed' ? 'success' : 'default'}>{ORDER_STATUS_LABELS[o.status] ?? o.statusLabel}</Tag>}
                >
                  {o.number} {o.instructions ?? ''}
                </List.Item>
              ))}
            </List>
            {byTab(key).length === 0 && <div style={{ padding: 24, color: '#999', textAlign: 'center' }}>{t('tech.empty')}</div>}
          </Tabs.Tab>
        ))}
      </Tabs>
    </div>
  );
}

function TechLogin({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string>();
  return (
    <div>
      <NavBar back={null} right={<LangSwitch />}>{t('tech.login')}</NavBar>
      <Form
        layout="horizontal"
        onFinish={async (v) => {
          setError(undefined);
          try { await post('/api/auth/login', v); onDone(); } catch (e) { setError((e as ApiError).message); }
        }}
        footer={<>{error && <div role="alert" style={{ color: '#ff3141', marginBottom: 8 }}>{error}</div>}<Button block type="submit" color="primary">{t('login')}</Button></>}
      >
        <Form.Item name="username" label={t('username')} rules={[{ required: true, message: t('tech.usernameRequired') }]}><Input placeholder={t('username')} /></Form.Item>
        <Form.Item name="password" label={t('password')} rules={[{ required: true, message: t('tech.passwordRequired') }]}><Input type="password" placeholder={t('password')} /></Form.Item>
      </Form>
    </div>
  );
}
