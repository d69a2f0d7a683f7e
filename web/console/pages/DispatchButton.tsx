import { Button, Form, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { type ApiError, get, post } from '../../shared/api.js';
import { L } from '../../shared/i18n.js';

/** 派工 from the case page: department, then a technician of it with their open-order load. */
export function DispatchButton({ c, onDone, onError }: { c: any; onDone: () => void; onError: (m: string) => void }) {
  const [open, setOpen] = useState(false);
  const [departments, setDepartments] = useState<any[]>([]);
  const [staff, setStaff] = useState<any[]>([]);
  const [form] = Form.useForm();
  const departmentId = Form.useWatch('departmentId', form);
  useEffect(() => {
    if (!open) return;
    get(`/api/estates/${c.estateId}/departments`).then((d) => setDepartments(d.items));
    get(`/api/estates/${c.estateId}/staff?role=technician`).then((d) => setStaff(d.items));
  }, [open, c.estateId]);
  const submit = async () => {
    let v: any;
    try {
      v = await form.validateFields();
    } catch {
      return; // the message shows under the field
    }
    try {
      await post(`/api/cases/${c.id}/orders`, { departmentId: v.departmentId, technicianId: v.technicianId ?? null });
      setOpen(false);
      onDone();
    } catch (e) {
      const err = e as ApiError;
      form.setFields((err.fields ?? []).map((f) => ({ name: f.field, errors: [f.message] })));
      onError(err.message);
    }
  };
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)}>{L('派工', 'Dispatch')}</Button>
      <Modal open={open} title={L('派工', 'Dispatch')} onOk={submit} onCancel={() => setOpen(false)} okText={L('派工', 'Dispatch')} cancelText={L('取消', 'Cancel')} destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="departmentId" label={L('部门', 'Department')} rules={[{ required: true, message: L('请选择部门', 'Choose the department') }]}>
            <Select placeholder={L('选择部门', 'Choose a department')} options={departments.map((d) => ({ value: d.id, label: d.name }))} />
          </Form.Item>
          <Form.Item name="technicianId" label={L('维修人员（未完成单数）', 'Technician (open orders)')}>
            <Select allowClear placeholder={L('选择人员', 'Choose a technician')} options={staff.filter((s) => !departmentId || s.departmentIds.includes(departmentId)).map((s) => ({ value: s.id, label: `${s.displayName}（${s.openOrders}）` }))} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
