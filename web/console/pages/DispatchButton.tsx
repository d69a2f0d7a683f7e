import { Button, Form, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { type ApiError, get, post } from '../../shared/api.js';

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
      <Button type="primary" onClick={() => setOpen(true)}>派工</Button>
      <Modal open={open} title="派工" onOk={submit} onCancel={() => setOpen(false)} okText="派工" cancelText="取消" destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="departmentId" label="部门" rules={[{ required: true, message: '请选择部门' }]}>
            <Select placeholder="选择部门" options={departments.map((d) => ({ value: d.id, label: d.name }))} />
          </Form.Item>
          <Form.Item name="technicianId" label="维修人员（未完成单数）">
            <Select allowClear placeholder="选择人员" options={staff.filter((s) => !departmentId || s.departmentIds.includes(departmentId)).map((s) => ({ value: s.id, label: `${s.displayName}（${s.openOrders}）` }))} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
