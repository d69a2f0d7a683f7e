import { Alert, App as AntApp, Button, Card, Col, Form, Input, Modal, Popconfirm, Row, Select, Space, Table, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, get, post } from '../../../shared/api.js';
import { useSession } from '../../session.js';
import { L, roleLabel, roleOptions, showFieldErrors } from './common.js';

interface Department { id: string; code: string; name: string }
interface Staff { id: string; username: string; displayName: string; phone: string | null; active: boolean; roles: string[]; departmentIds: string[]; openOrders: number }

/** 部门与员工: departments, staff with roles and open-order load, add and deactivate. */
export default function StaffTab() {
  const { estateId, me } = useSession();
  const { message } = AntApp.useApp();
  const [departments, setDepartments] = useState<Department[]>([]);
  const [staff, setStaff] = useState<Staff[]>([]);
  const [dForm] = Form.useForm();
  const [sForm] = Form.useForm();
  const [dError, setDError] = useState<string>();
  const [sError, setSError] = useState<string>();
  const [filter, setFilter] = useState('');
  /** The staff member whose roles in this estate are being changed. */
  const [editing, setEditing] = useState<Staff>();
  const [rForm] = Form.useForm();
  const [rError, setRError] = useState<string>();

  const load = useCallback(async () => {
    const [d, s] = await Promise.all([get<{ items: Department[] }>(`/api/estates/${estateId}/departments`), get<{ items: Staff[] }>(`/api/estates/${estateId}/staff`)]);
    setDepartments(d.items);
    setStaff(s.items);
  }, [estateId]);
  useEffect(() => {
    void load();
  }, [load]);

  const addDepartment = async () => {
    setDError(undefined);
    // An invalid form shows its messages under the fields; nothing to throw.
    const v = await dForm.validateFields().catch(() => null);
    if (!v) return;
    try {
      await post(`/api/estates/${estateId}/departments`, { code: v.code, name: v.name });
      message.success(L(`已添加部门 ${v.name}`, `Department ${v.name} added`));
      dForm.resetFields();
      await load();
    } catch (e) {
      setDError(showFieldErrors(dForm, e));
    }
  };

  const addStaff = async () => {
    setSError(undefined);
    // An invalid form shows its messages under the fields; nothing to throw.
    const v = await sForm.validateFields().catch(() => null);
    if (!v) return;
    try {
      await post(`/api/estates/${estateId}/staff`, { username: v.username, displayName: v.displayName, password: v.password, phone: v.phone || null, roles: v.roles ?? [], departmentId: v.departmentId ?? null });
      message.success(L(`已添加员工 ${v.displayName}`, `${v.displayName} added`));
      sForm.resetFields();
      await load();
    } catch (e) {
      setSError(showFieldErrors(sForm, e));
    }
  };

  const editRoles = (s: Staff) => {
    setRError(undefined);
    rForm.setFieldsValue({ roles: s.roles, departmentId: s.departmentIds[0] ?? null });
    setEditing(s);
  };

  const saveRoles = async () => {
    setRError(undefined);
    const v = await rForm.validateFields().catch(() => null);
    if (!v || !editing) return;
    try {
      await api('PUT', `/api/estates/${estateId}/staff/${editing.id}/roles`, { body: { roles: v.roles, departmentId: v.departmentId ?? null } });
      message.success(L(`已修改 ${editing.displayName} 的角色`, `Roles of ${editing.displayName} saved`));
      setEditing(undefined);
      await load();
    } catch (e) {
      setRError(showFieldErrors(rForm, e));
    }
  };

  const deactivate = async (s: Staff) => {
    try {
      await post(`/api/estates/${estateId}/staff/${s.id}/deactivate`);
      message.success(L(`已停用 ${s.displayName}`, `${s.displayName} deactivated`));
      await load();
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  const deptName = (id: string) => departments.find((d) => d.id === id)?.name ?? '';
  const shown = staff.filter((s) => !filter || s.displayName.includes(filter) || s.username.includes(filter));
  return (
    <Row gutter={[24, 24]}>
      <Col xs={24} xl={7}>
        <Card title={L('部门', 'Departments')} size="small">
          <Table size="small" rowKey="id" pagination={false} dataSource={departments} columns={[{ title: L('编码', 'Code'), dataIndex: 'code' }, { title: L('名称', 'Name'), dataIndex: 'name' }]} />
          {dError && <Alert type="error" showIcon title={dError} style={{ marginTop: 12 }} />}
          <Form form={dForm} name="department-add" layout="inline" onFinish={addDepartment} style={{ marginTop: 12, rowGap: 8 }}>
            <Form.Item name="code" rules={[{ required: true, message: L('请填写部门编码', 'Enter the department code') }]}><Input aria-label={L('部门编码', 'Department code')} placeholder={L('编码，如 ENG', 'Code, e.g. ENG')} style={{ width: 110 }} /></Form.Item>
            <Form.Item name="name" rules={[{ required: true, message: L('请填写部门名称', 'Enter the department name') }]}><Input aria-label={L('部门名称', 'Department name')} placeholder={L('名称', 'Name')} style={{ width: 120 }} /></Form.Item>
            <Button htmlType="submit">{L('添加部门', 'Add department')}</Button>
          </Form>
        </Card>
        <Card title={L('添加员工', 'Add staff')} size="small" style={{ marginTop: 16 }}>
          {sError && <Alert type="error" showIcon title={sError} style={{ marginBottom: 12 }} />}
          <Form form={sForm} name="staff-add" layout="vertical" onFinish={addStaff}>
            <Row gutter={8}>
              <Col span={12}><Form.Item name="username" label={L('用户名', 'Username')} rules={[{ required: true, message: L('请填写用户名', 'Enter a username') }]}><Input autoComplete="off" /></Form.Item></Col>
              <Col span={12}><Form.Item name="displayName" label={L('姓名', 'Name')} rules={[{ required: true, message: L('请填写姓名', 'Enter the name') }]}><Input /></Form.Item></Col>
              <Col span={12}><Form.Item name="password" label={L('初始密码', 'Initial password')} rules={[{ required: true, message: L('请填写初始密码', 'Enter an initial password') }]}><Input.Password autoComplete="new-password" /></Form.Item></Col>
              <Col span={12}><Form.Item name="phone" label={L('电话', 'Phone')}><Input /></Form.Item></Col>
            </Row>
            <Form.Item name="roles" label={L('角色', 'Roles')} rules={[{ required: true, message: L('请至少选择一个角色', 'Choose at least one role') }]}>
              <Select mode="multiple" options={roleOptions()} optionFilterProp="label" placeholder={L('可多选', 'One or more')} />
            </Form.Item>
            <Form.Item name="departmentId" label={L('部门', 'Department')}>
              <Select allowClear options={departments.map((d) => ({ value: d.id, label: d.name }))} placeholder={L('选择部门', 'Choose a department')} />
            </Form.Item>
            <Button type="primary" htmlType="submit">{L('添加员工', 'Add staff')}</Button>
          </Form>
        </Card>
      </Col>
      <Col xs={24} xl={17}>
        <Card title={L(`员工（${staff.length} 人）`, `Staff (${staff.length})`)} size="small" extra={<Input.Search allowClear placeholder={L('姓名或用户名', 'Name or username')} aria-label={L('搜索员工', 'Search staff')} style={{ width: 200 }} value={filter} onChange={(e) => setFilter(e.target.value)} />}>
          <Table
            size="small"
            rowKey="id"
            dataSource={shown}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            columns={[
              { title: L('姓名', 'Name'), dataIndex: 'displayName' },
              { title: L('用户名', 'Username'), dataIndex: 'username' },
              { title: L('角色', 'Roles'), dataIndex: 'roles', render: (roles: string[]) => roles.map((r) => <Tag key={r}>{roleLabel(r)}</Tag>) },
              { title: L('部门', 'Departments'), dataIndex: 'departmentIds', render: (ids: string[]) => ids.map(deptName).join('、') },
              { title: L('电话', 'Phone'), dataIndex: 'phone' },
              { title: L('未完成工单', 'Open orders'), dataIndex: 'openOrders', sorter: (a: Staff, b: Staff) => a.openOrders - b.openOrders },
              { title: L('状态', 'Status'), dataIndex: 'active', render: (a: boolean) => (a ? <Tag color="green">{L('在职', 'Active')}</Tag> : <Tag>{L('已停用', 'Deactivated')}</Tag>) },
              {
                title: L('操作', 'Actions'),
                render: (_: unknown, s: Staff) =>
                  s.active && s.id !== me.id ? (
                    <Space>
                      <Button size="small" onClick={() => editRoles(s)}>{L('修改角色', 'Edit roles')}</Button>
                      <Popconfirm title={L(`停用 ${s.displayName}？`, `Deactivate ${s.displayName}?`)} description={L('停用后不能再登录，历史记录保留。', 'The login stops working; history is kept.')} okText={L('停用', 'Deactivate')} cancelText={L('取消', 'Cancel')} onConfirm={() => deactivate(s)}>
                        <Button size="small" danger>{L('停用', 'Deactivate')}</Button>
                      </Popconfirm>
                    </Space>
                  ) : null,
              },
            ]}
          />
        </Card>
      </Col>
      <Modal title={L(`修改角色：${editing?.displayName ?? ''}`, `Edit roles: ${editing?.displayName ?? ''}`)} open={!!editing} onOk={saveRoles} onCancel={() => setEditing(undefined)} okText={L('保存', 'Save')} cancelText={L('取消', 'Cancel')} forceRender>
        {rError && <Alert type="error" showIcon title={rError} style={{ marginBottom: 12 }} />}
        <Form form={rForm} name="staff-roles" layout="vertical">
          <Form.Item name="roles" label={L('本项目的角色', 'Roles in this estate')} rules={[{ required: true, message: L('请至少选择一个角色', 'Choose at least one role') }]}>
            <Select mode="multiple" options={roleOptions()} optionFilterProp="label" placeholder={L('可多选', 'One or more')} />
          </Form.Item>
          <Form.Item name="departmentId" label={L('部门', 'Department')}>
            <Select allowClear options={departments.map((d) => ({ value: d.id, label: d.name }))} placeholder={L('选择部门', 'Choose a department')} />
          </Form.Item>
        </Form>
      </Modal>
    </Row>
  );
}
