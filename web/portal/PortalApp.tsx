import { Button, Form, Input, List, NavBar, Tabs, Tag } from 'antd-mobile';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, type Me, get, post } from '../shared/api.js';
import { bj } from '../shared/format.js';
import { KIND_LABELS, STATUS_LABELS } from '../shared/labels.js';
import { LangSwitch } from '../shared/MobileLang.js';
import './i18n.js';
import { ReportForm } from './ReportForm.js';
import { ResidentCase } from './ResidentCase.js';

/** The resident's portal: report, follow progress, confirm or say it is not fixed, rate, answer the return visit. */
export function PortalApp() {
  const { t } = useTranslation();
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
      <NavBar back={null} right={<LangSwitch />}>{t('portal.title', { name: me.displayName })}</NavBar>
      <Tabs activeKey={tab} onChange={setTab}>
        <Tabs.Tab title={t('portal.report')} key="report">
          {home ? <ReportForm estateId={home.estateId} onDone={load} /> : <div style={{ padding: 24, color: '#999' }}>{t('portal.noHome')}</div>}
        </Tabs.Tab>
        <Tabs.Tab title={t('portal.mine', { count: cases.length })} key="mine">
          <List>
            {cases.map((c) => (
              <List.Item key={c.id} onClick={() => setOpen(c.id)} description={`${bj(c.openedAt)} · ${c.description}`} extra={<Tag color={c.status === 'completed' ? 'warning' : c.status === 'closed' ? 'success' : 'default'}>{STATUS_LABELS[c.status]}</Tag>}>
                {c.number} {KIND_LABELS[c.kind] ?? c.kindLabel}
              </List.Item>
            ))}
          </List>
          {cases.length === 0 && <div style={{ padding: 24, color: '#999', textAlign: 'center' }}>{t('portal.empty')}</div>}
        </Tabs.Tab>
      </Tabs>
    </div>
  );
}

function ResidentLogin({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
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
      setNotice(t('portal.codeSent'));
    } catch (e) {
      fieldErrors(e as ApiError);
    }
  };
  return (
    <div>
      <NavBar back={null} right={<LangSwitch />}>{t('portal.login')}</NavBar>
      <Form
        form={form}
        layout="horizontal"
        onFinish={async (v) => { setError(undefined); try { await post('/api/auth/otp/verify', v); onDone(); } catch (e) { fieldErrors(e as ApiError); } }}
        footer={<>{error && <div role="alert" style={{ color: '#ff3141', marginBottom: 8 }}>{error}</div>}<Button block type="submit" color="primary" disabled={!sent}>{t('login')}</Button></>}
      >
        <Form.Item name="phone" label={t('portal.phone')} rules={[{ required: true, message: t('portal.phoneRequired') }]} extra={<Button size="small" onClick={ask}>{t('portal.askCode')}</Button>} description={notice}>
          <Input placeholder={t('portal.phonePlaceholder')} type="tel" />
        </Form.Item>
        <Form.Item name="code" label={t('portal.code')} rules={[{ required: true, message: t('portal.codeRequired') }]}><Input placeholder={t('portal.codePlaceholder')} inputMode="numeric" /></Form.Item>
      </Form>
    </div>
  );
}
