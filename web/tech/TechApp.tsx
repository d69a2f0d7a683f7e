import { Button, Card, Form, Input, List, NavBar, Rate, Stepper, Tag, Toast } from 'antd-mobile';
import { useCallback, useEffect, useState } from 'react';
import { type ApiError, type Me, get, post, upload } from '../shared/api.js';
import { bj } from '../shared/format.js';
import { flushQueue, queued, sendOrQueue } from '../shared/offline-queue.js';
import { SignaturePad } from '../shared/SignaturePad.js';

/** Technician pages (375 px): my orders → accept → arrive → complete with photo and signature → return. */
export function TechApp() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [orders, setOrders] = useState<any[]>([]);
  const [open, setOpen] = useState<any>(null);
  const [pending, setPending] = useState(queued().length);

  const load = useCallback(async () => {
    try {
      const m = (await get('/api/session')).user;
      setMe(m);
      if (!m) return;
      const [active, done] = await Promise.all([get('/api/orders?mine=true&active=true&limit=100'), get('/api/orders?mine=true&status=completed&limit=20')]);
      setOrders([...active.items, ...done.items]);
    } catch {
      setMe(null);
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
  return (
    <div>
      <NavBar back={null}>我的派工单</NavBar>
      {pending > 0 && <Tag color="warning" style={{ margin: 8 }}>{pending} 个操作待联网补发</Tag>}
      <List header={`${me.displayName} · ${orders.length} 单`}>
        {orders.map((o) => (
          <List.Item key={o.id} onClick={() => setOpen(o)} description={`预约 ${bj(o.appointmentAt) || '—'} · 派工 ${bj(o.issuedAt)}`} extra={<Tag color={o.status === 'issued' ? 'primary' : o.appointmentAt && new Date(o.appointmentAt).getTime() < now && o.status !== 'completed' ? 'danger' : 'default'}>{o.statusLabel}</Tag>}>
            {o.number} {o.instructions ?? ''}
          </List.Item>
        ))}
      </List>
      {orders.length === 0 && <div style={{ padding: 24, color: '#999', textAlign: 'center' }}>暂无派工单</div>}
    </div>
  );
}

function TechLogin({ onDone }: { onDone: () => void }) {
  return (
    <div>
      <NavBar back={null}>维修工登录</NavBar>
      <Form
        layout="horizontal"
        onFinish={async (v) => {
          try { await post('/api/auth/login', v); onDone(); } catch (e) { Toast.show((e as ApiError).message); }
        }}
        footer={<Button block type="submit" color="primary">登录</Button>}
      >
        <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请输入用户名' }]}><Input placeholder="用户名" /></Form.Item>
        <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}><Input type="password" placeholder="密码" /></Form.Item>
      </Form>
    </div>
  );
}

function OrderScreen({ id, onBack, onQueued }: { id: string; onBack: () => void; onQueued: () => void }) {
  const [o, setO] = useState<any>(null);
  const [kase, setKase] = useState<any>(null);
  const [signature, setSignature] = useState<Blob | null>(null);
  const [photo, setPhoto] = useState<File | null>(null);
  const [qty, setQty] = useState(1);
  const load = useCallback(async () => {
    const order = await get(`/api/orders/${id}`);
    setO(order);
    setKase(await get(`/api/cases/${order.caseId}`));
  }, [id]);
  useEffect(() => { void load(); }, [load]);

  const step = async (name: string, body: unknown = {}) => {
    try {
      const r = await sendOrQueue('POST', `/api/orders/${id}/${name}`, body, name);
      if (r === 'queued') { Toast.show('无网络，已保存，联网后自动发送'); onQueued(); return; }
      await load();
    } catch (e) {
      Toast.show((e as ApiError).message);
    }
  };

  const complete = async (v: any) => {
    if (!signature) return Toast.show('请业户签名确认（R-WO-6）');
    try {
      const signatureSha256 = await upload(o.estateId, signature);
      const photos = photo ? [await upload(o.estateId, photo)] : [];
      const materials = v.material ? [{ name: v.material, quantity: qty, unit: '个', unitPriceCents: Math.round(Number(v.price || 0) * 100), suppliedBy: 'company' }] : [];
      await step('complete', { workDone: v.workDone, labourCents: Math.round(Number(v.labour || 0) * 100), materials, signatureSha256, photos, rating: v.rating ?? null, evaluation: v.evaluation ?? null });
    } catch (e) {
      Toast.show((e as ApiError).message);
    }
  };

  if (!o) return null;
  return (
    <div>
      <NavBar onBack={onBack}>派工单 {o.number}</NavBar>
      <Card title={kase ? `${kase.unitCode ?? kase.locationText ?? ''} ${kase.kindLabel}` : ''}>
        <div>{kase?.description}</div>
        <div style={{ color: '#666' }}>联系人：{kase?.contactName} {kase?.contactPhone}</div>
        <div>状态：<Tag>{o.statusLabel}</Tag></div>
      </Card>
      <div style={{ padding: 12, display: 'flex', gap: 8 }}>
        {o.actions.includes('accept') && <Button color="primary" block onClick={() => step('accept')}>接单</Button>}
        {o.actions.includes('arrive') && <Button color="primary" block onClick={() => step('arrive')}>到场</Button>}
        {o.actions.includes('return') && <Button color="success" block onClick={() => step('return')}>返单</Button>}
      </div>
      {o.actions.includes('complete') && (
        <Form layout="vertical" onFinish={complete} footer={<Button block type="submit" color="primary">完工并提交</Button>}>
          <Form.Item name="workDone" label="维修内容" rules={[{ required: true, message: '请填写维修内容' }]}><Input placeholder="如：更换角阀" /></Form.Item>
          <Form.Item name="material" label="材料（可选）"><Input placeholder="材料名称" /></Form.Item>
          <Form.Item label="数量"><Stepper value={qty} min={1} onChange={setQty} /></Form.Item>
          <Form.Item name="price" label="材料单价（元）"><Input type="number" /></Form.Item>
          <Form.Item name="labour" label="人工费（元）"><Input type="number" /></Form.Item>
          <Form.Item label="现场照片"><input aria-label="现场照片" type="file" accept="image/*" capture="environment" onChange={(e) => setPhoto(e.target.files?.[0] ?? null)} /></Form.Item>
          <Form.Item label="业户签名"><SignaturePad onChange={setSignature} /></Form.Item>
          <Form.Item name="rating" label="业户评价"><Rate /></Form.Item>
          <Form.Item name="evaluation" label="业户意见"><Input /></Form.Item>
        </Form>
      )}
    </div>
  );
}
