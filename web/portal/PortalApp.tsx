import { Button, Card, Form, Input, List, NavBar, Rate, Selector, Steps, Tabs, Tag, TextArea, Toast } from 'antd-mobile';
import { useCallback, useEffect, useState } from 'react';
import { type ApiError, type Me, get, post } from '../shared/api.js';
import { bj, fromLocalInput } from '../shared/format.js';
import { STATUS_LABELS } from '../shared/labels.js';

/** The resident's portal: report, follow progress, confirm or say it is not fixed, rate. */
export function PortalApp() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [cases, setCases] = useState<any[]>([]);
  const [open, setOpen] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      const m = (await get('/api/session')).user;
      setMe(m);
      if (!m) return;
      setCases((await get('/api/cases?limit=50')).items);
    } catch {
      setMe(null);
    }
  }, []);
  useEffect(() => { void load(); }, [load]);
  if (me === undefined) return null;
  if (me === null) return <ResidentLogin onDone={load} />;
  if (open) return <ResidentCase id={open} onBack={() => { setOpen(null); void load(); }} />;
  const home = me.residencies[0];
  return (
    <div>
      <NavBar back={null}>业户服务 · {me.displayName}</NavBar>
      <Tabs>
        <Tabs.Tab title="我要报修" key="report">
          <Form
            layout="vertical"
            initialValues={{ kind: ['repair'] }}
            onFinish={async (v) => {
              try {
                const c = await post('/api/cases', { estateId: home!.estateId, kind: v.kind[0], channel: 'wechat', locationKind: 'in_home', description: v.description, appointmentAt: fromLocalInput(v.preferred) });
                Toast.show(`已提交，编号 ${c.number}`);
                await load();
              } catch (e) {
                Toast.show((e as ApiError).message);
              }
            }}
            footer={<Button block type="submit" color="primary">提交</Button>}
          >
            <Form.Item name="kind" label="类型"><Selector options={[{ label: '报修', value: 'repair' }, { label: '投诉', value: 'complaint' }, { label: '求助', value: 'help' }, { label: '咨询', value: 'inquiry' }, { label: '建议', value: 'suggestion' }]} /></Form.Item>
            <Form.Item name="description" label="问题描述" rules={[{ required: true, message: '请描述问题' }]}><TextArea placeholder="如：厨房水龙头漏水" rows={3} /></Form.Item>
            <Form.Item name="preferred" label="希望上门时间"><Input type="datetime-local" /></Form.Item>
          </Form>
        </Tabs.Tab>
        <Tabs.Tab title={`我的记录（${cases.length}）`} key="mine">
          <List>
            {cases.map((c) => (
              <List.Item key={c.id} onClick={() => setOpen(c.id)} description={`${bj(c.openedAt)} · ${c.description}`} extra={<Tag>{STATUS_LABELS[c.status]}</Tag>}>{c.number} {c.kindLabel}</List.Item>
            ))}
          </List>
        </Tabs.Tab>
      </Tabs>
    </div>
  );
}

function ResidentLogin({ onDone }: { onDone: () => void }) {
  const [form] = Form.useForm();
  const [sent, setSent] = useState(false);
  const ask = async () => {
    try {
      await post('/api/auth/otp/request', { phone: form.getFieldValue('phone') });
      setSent(true);
      Toast.show('验证码已发送');
    } catch (e) {
      Toast.show((e as ApiError).message);
    }
  };
  return (
    <div>
      <NavBar back={null}>业户登录</NavBar>
      <Form
        form={form}
        layout="horizontal"
        onFinish={async (v) => { try { await post('/api/auth/otp/verify', v); onDone(); } catch (e) { Toast.show((e as ApiError).message); } }}
        footer={<Button block type="submit" color="primary" disabled={!sent}>登录</Button>}
      >
        <Form.Item name="phone" label="手机号" rules={[{ required: true, message: '请输入手机号' }]} extra={<Button size="small" onClick={ask}>获取验证码</Button>}>
          <Input placeholder="登记的手机号" type="tel" />
        </Form.Item>
        <Form.Item name="code" label="验证码" rules={[{ required: true, message: '请输入验证码' }]}><Input placeholder="6 位验证码" inputMode="numeric" /></Form.Item>
      </Form>
    </div>
  );
}

function ResidentCase({ id, onBack }: { id: string; onBack: () => void }) {
  const [c, setC] = useState<any>(null);
  const [events, setEvents] = useState<any[]>([]);
  const [rating, setRating] = useState(5);
  const load = useCallback(async () => {
    setC(await get(`/api/cases/${id}`));
    setEvents((await get(`/api/cases/${id}/timeline`)).events);
  }, [id]);
  useEffect(() => { void load(); }, [load]);
  const act = async (url: string, body: unknown) => {
    try { await post(url, body, { ifMatch: c.version }); Toast.show('已提交'); await load(); } catch (e) { Toast.show((e as ApiError).message); }
  };
  if (!c) return null;
  return (
    <div>
      <NavBar onBack={onBack}>{c.number}</NavBar>
      <Card title={`${c.kindLabel} · ${STATUS_LABELS[c.status]}`}>
        <div>{c.description}</div>
        {c.receiptNumber && <div>回执号：{c.receiptNumber}</div>}
      </Card>
      <Steps direction="vertical" current={events.length - 1}>
        {events.filter((e) => ['case.opened', 'order.issued', 'order.accepted', 'order.arrived', 'order.completed', 'case.status', 'case.confirmed'].includes(e.action)).map((e) => (
          <Steps.Step key={e.seq} title={stepTitle(e)} description={bj(e.at)} />
        ))}
      </Steps>
      {c.actions.includes('confirm') && (
        <Card title="确认维修结果">
          <Rate value={rating} onChange={setRating} />
          <div style={{ display: 'flex', gap: 8, marginTop: 12 }}>
            <Button color="primary" block onClick={() => act(`/api/cases/${id}/confirm`, { rating })}>已修好，确认</Button>
            {c.actions.includes('reopen') && <Button color="danger" block onClick={() => act(`/api/cases/${id}/reopen`, { reason: '业户反映没修好' })}>没修好</Button>}
          </div>
        </Card>
      )}
    </div>
  );
}

function stepTitle(e: any): string {
  const titles: Record<string, string> = { 'case.opened': '已受理', 'order.issued': '已派工', 'order.accepted': '维修工已接单', 'order.arrived': '维修工已到场', 'order.completed': '维修完成', 'case.confirmed': '已确认' };
  if (e.action === 'case.status') return STATUS_LABELS[e.after?.status] ?? '状态更新';
  return titles[e.action] ?? e.action;
}
