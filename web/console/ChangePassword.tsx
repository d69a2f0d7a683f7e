import { App as AntApp, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { type ApiError, post } from '../shared/api.js';
import { L } from '../shared/i18n.js';

/**
 * 修改密码: the signed-in user's own password. The server ends every other session of the user
 * on every node and gives this browser a new one, so the screen stays signed in.
 */
export function ChangePassword() {
  const { message } = AntApp.useApp();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      await post('/api/me/password', { currentPassword: v.currentPassword, newPassword: v.newPassword });
      setOpen(false);
      message.success(L('密码已修改，其他设备上的登录已退出', 'Password changed; other sign-ins have been ended'));
    } catch (e) {
      const err = e as ApiError;
      if (err.fields?.length) form.setFields(err.fields.map((f) => ({ name: f.field === 'password' ? 'currentPassword' : f.field, errors: [f.message] })));
      else form.setFields([{ name: 'currentPassword', errors: [err.message] }]);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button size="small" id="change-password" onClick={() => { form.resetFields(); setOpen(true); }}>
        {L('修改密码', 'Change password')}
      </Button>
      <Modal open={open} title={L('修改密码', 'Change password')} okText={L('保存', 'Save')} cancelText={L('取消', 'Cancel')} confirmLoading={busy} onOk={submit} onCancel={() => setOpen(false)} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={submit}>
          <Form.Item name="currentPassword" label={L('当前密码', 'Current password')} rules={[{ required: true, message: L('请输入当前密码', 'Enter the current password') }]}>
            <Input.Password id="current-password" autoComplete="current-password" autoFocus />
          </Form.Item>
          <Form.Item name="newPassword" label={L('新密码', 'New password')} rules={[{ required: true, message: L('请输入新密码', 'Enter a new password') }, { min: 8, message: L('新密码至少 8 位', 'At least 8 characters') }]}>
            <Input.Password id="new-password" autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirmPassword"
            label={L('再次输入新密码', 'New password again')}
            dependencies={['newPassword']}
            rules={[{ required: true, message: L('请再次输入新密码', 'Enter the new password again') }, ({ getFieldValue }) => ({ validator: (_, value) => (!value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(L('两次输入的新密码不一致', 'The two new passwords differ')))) })]}
          >
            <Input.Password id="confirm-password" autoComplete="new-password" onPressEnter={submit} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
