import { Button, Form, Input, List, NavBar, Tabs, Tag } from 'antd-mobile';
import { useCallback, useEffect, useState } from 'react';
import { type ApiError, type Me, get, post } from '../shared/api.js';
import { bj } from '../shared/format.js';
import { STATUS_LABELS } from '../shared/labels.js';
import { ReportForm } from './ReportForm.js';
import { ResidentCase } from './ResidentCase.js';

/** The resident's portal: report, follow progress, confirm or say it is not fixed, rate, answer the return visit. */
export function PortalApp() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [cases, setCases] = useState<any[]>([]);
  const [open, setOpen] = useState<string | null>(null);
  const [tab, setTab] = useState('report');
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
      <Tabs activeKey={tab} onChange={setTab}>
        <Tabs.Tab title="我要报修" key="report">
          {home ? <ReportForm estateId={home.estateId} onDone={load} /> : <div style={{ padding: 24, color: '#999' }}>您的账号尚未关联房号，请联系客服中心</div>}
        </Tabs.Tab>
        <Tabs.Tab title={`我的记录（${cases.length}）`} key="mine">
          <List>
            {cases.map((c) => (
              <List.Item key={c.id} onClick={() => setOpen(c.id)} description={`${bj(c.openedAt)} · ${c.description}`} extra={<Tag color={c.status === 'completed' ? 'warning' : c.status === 'closed' ? 'success' : 'default'}>{STATUS_LABELS[c.status]}</Tag>}>
                {c.number} {c.kindLabel}
              </List.Item>
            ))}
          </List>
          {cases.length === 0 && <div style={{ padding: 24, color: '#999', textAlign: 'center' }}>暂无记录</div>}
        </Tabs.Tab>
      </Tabs>
    </div>
  );
}

function ResidentLogin({ onDone }: { onDone: () => void }) {
  const [form] = Form.useForm();
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const fieldErrors = (e: ApiError) => {
    form.setFields((e.fields ?? []).map((f) => ({ name: f.field, errors: [f.message] })));
    if (!e.fields?.length) setError(e.message);
  };
  const ask = async () => {
    setError(undefined);
    try {
      await post('/api/auth/otp/request', { phone: form.getFieldValue('phone') });
      setSent(true);
      form.setFields([{ name: 'phone', errors: [] }]);
      setNotice('验证码已发送');
    } catch (e) {
      fieldErrors(e as ApiError);
    }
  };
  return (
    <div>
      <NavBar back={null}>业户登录</NavBar>
      <Form
        form={form}
        layout="horizontal"
        onFinish={async (v) => { setError(undefined); try { await post('/api/auth/otp/verify', v); onDone(); } catch (e) { fieldErrors(e as ApiError); } }}
        footer={<>{error && <div role="alert" style={{ color: '#ff3141', marginBottom: 8 }}>{error}</div>}<Button block type="submit" color="primary" disabled={!sent}>登录</Button></>}
      >
        <Form.Item name="phone" label="手机号" rules={[{ required: true, message: '请输入手机号' }]} extra={<Button size="small" onClick={ask}>获取验证码</Button>} description={notice}>
          <Input placeholder="登记的手机号" type="tel" />
        </Form.Item>
        <Form.Item name="code" label="验证码" rules={[{ required: true, message: '请输入验证码' }]}><Input placeholder="6 位验证码" inputMode="numeric" /></Form.Item>
      </Form>
    </div>
  );
}
