import { Alert, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, post } from '../../shared/api.js';

export function Login({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      await post('/api/auth/login', v);
      onDone();
    } catch (e) {
      const err = e as ApiError;
      setError(err.message);
      form.setFields(err.fields?.map((f) => ({ name: f.field, errors: [f.message] })) ?? []);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('appName')} style={{ maxWidth: 380, margin: '12vh auto' }}>
      {error && <Alert type="error" message={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="username" label={t('username')} rules={[{ required: true, message: '请输入用户名' }]}>
          <Input autoFocus autoComplete="username" />
        </Form.Item>
        <Form.Item name="password" label={t('password')} rules={[{ required: true, message: '请输入密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>{t('login')}</Button>
      </Form>
    </Card>
  );
}
