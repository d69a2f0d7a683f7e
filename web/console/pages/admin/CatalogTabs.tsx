import { Alert, App as AntApp, Button, Card, Checkbox, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Switch, Table, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, get, post } from '../../../shared/api.js';
import { yuan } from '../../../shared/format.js';
import { KIND_OPTIONS } from '../../../shared/labels.js';
import { useSession } from '../../session.js';
import { L, showFieldErrors, specialtyLabel, specialtyOptions } from './common.js';

interface Category { id: string; code: string; name: string; kinds: string[]; specialty: string; active: boolean }
interface PriceItem { id: string; code: string; name: string; unit: string; priceCents: number; labourOnly: boolean; active: boolean }

const KIND_LABEL = Object.fromEntries(KIND_OPTIONS.map((k) => [k.value, k.label]));
/** Yuan typed with two decimals → cents stored (no float drift: 85.5 → 8550). */
const toCents = (yuanValue: number) => Math.round(yuanValue * 100);
const PRICE_RENAME = { priceCents: 'price' };

function useCatalog<T>(path: 'categories' | 'price-items') {
  const { estateId } = useSession();
  const [items, setItems] = useState<T[]>([]);
  const [inactive, setInactive] = useState(false);
  const load = useCallback(
    async () => setItems((await get<{ items: T[] }>(`/api/estates/${estateId}/${path}${inactive ? '?includeInactive=true' : ''}`)).items),
    [estateId, path, inactive],
  );
  useEffect(() => {
    void load();
  }, [load]);
  return { estateId, items, inactive, setInactive, load, base: `/api/estates/${estateId}/${path}` };
}

function RetireButton({ name, onConfirm }: { name: string; onConfirm: () => Promise<void> }) {
  return (
    <Popconfirm title={L(`停用「${name}」？`, `Retire “${name}”?`)} description={L('停用后不再可选，历史记录保留。', 'No longer offered; history is kept.')} okText={L('停用', 'Retire')} cancelText={L('取消', 'Cancel')} onConfirm={onConfirm}>
      <Button size="small" danger>{L('停用', 'Retire')}</Button>
    </Popconfirm>
  );
}

/** 分类: the categories intake picks from, by case kind and specialty (R-MO-2 statistics). */
export function CategoriesTab() {
  const { message } = AntApp.useApp();
  const c = useCatalog<Category>('categories');
  const [form] = Form.useForm();
  const [editForm] = Form.useForm();
  const [error, setError] = useState<string>();
  const [editing, setEditing] = useState<Category>();
  const [editError, setEditError] = useState<string>();

  const add = async () => {
    setError(undefined);
    // An invalid form shows its messages under the fields; nothing to throw.
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      await post(c.base, { code: v.code, name: v.name, kinds: v.kinds ?? [], specialty: v.specialty ?? 'general' });
      message.success(L(`已添加分类 ${v.name}`, `Category ${v.name} added`));
      form.resetFields();
      await c.load();
    } catch (e) {
      setError(showFieldErrors(form, e));
    }
  };
  const saveEdit = async () => {
    setEditError(undefined);
    // An invalid form shows its messages under the fields; nothing to throw.
    const v = await editForm.validateFields().catch(() => null);
    if (!v) return;
    try {
      await api('PATCH', `${c.base}/${editing!.id}`, { body: { name: v.name, kinds: v.kinds ?? [], specialty: v.specialty } });
      setEditing(undefined);
      await c.load();
    } catch (e) {
      setEditError(showFieldErrors(editForm, e));
    }
  };
  const retire = async (x: Category) => {
    await post(`${c.base}/${x.id}/retire`);
    message.success(L(`已停用 ${x.name}`, `${x.name} retired`));
    await c.load();
  };

  return (
    <Card title={L('案件分类', 'Case categories')} size="small" extra={<Space>{L('显示已停用', 'Show retired')} <Switch size="small" checked={c.inactive} onChange={c.setInactive} /></Space>}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="inline" onFinish={add} style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item name="code" rules={[{ required: true, message: L('请填写编码', 'Enter a code') }]}><Input aria-label={L('分类编码', 'Category code')} placeholder={L('编码，如 ROOF', 'Code, e.g. ROOF')} style={{ width: 130 }} /></Form.Item>
        <Form.Item name="name" rules={[{ required: true, message: L('请填写名称', 'Enter a name') }]}><Input aria-label={L('分类名称', 'Category name')} placeholder={L('名称', 'Name')} style={{ width: 200 }} /></Form.Item>
        <Form.Item name="kinds"><Select aria-label={L('适用类别', 'Case kinds')} mode="multiple" placeholder={L('适用类别', 'Case kinds')} options={KIND_OPTIONS} style={{ minWidth: 200 }} /></Form.Item>
        <Form.Item name="specialty"><Select aria-label={L('专业', 'Specialty')} placeholder={L('专业', 'Specialty')} options={specialtyOptions()} style={{ width: 120 }} /></Form.Item>
        <Button type="primary" htmlType="submit">{L('添加分类', 'Add category')}</Button>
      </Form>
      <Table
        size="small"
        rowKey="id"
        dataSource={c.items}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: L('编码', 'Code'), dataIndex: 'code' },
          { title: L('名称', 'Name'), dataIndex: 'name' },
          { title: L('适用类别', 'Case kinds'), dataIndex: 'kinds', render: (k: string[]) => (k.length ? k.map((x) => <Tag key={x}>{KIND_LABEL[x] ?? x}</Tag>) : L('全部', 'all')) },
          { title: L('专业', 'Specialty'), dataIndex: 'specialty', render: (s: string) => specialtyLabel(s) },
          { title: L('状态', 'Status'), dataIndex: 'active', render: (a: boolean) => (a ? <Tag color="green">{L('启用', 'Active')}</Tag> : <Tag>{L('已停用', 'Retired')}</Tag>) },
          {
            title: L('操作', 'Actions'),
            render: (_: unknown, x: Category) =>
              x.active && (
                <Space>
                  <Button size="small" onClick={() => { setEditing(x); setEditError(undefined); editForm.setFieldsValue(x); }}>{L('修改', 'Edit')}</Button>
                  <RetireButton name={x.name} onConfirm={() => retire(x)} />
                </Space>
              ),
          },
        ]}
      />
      <Modal title={L(`修改分类 ${editing?.code ?? ''}`, `Edit category ${editing?.code ?? ''}`)} open={!!editing} onOk={saveEdit} onCancel={() => setEditing(undefined)} okText={L('保存', 'Save')} cancelText={L('取消', 'Cancel')} destroyOnHidden>
        {editError && <Alert type="error" showIcon title={editError} style={{ marginBottom: 12 }} />}
        <Form form={editForm} layout="vertical">
          <Form.Item name="name" label={L('名称', 'Name')} rules={[{ required: true, message: L('请填写名称', 'Enter a name') }]}><Input /></Form.Item>
          <Form.Item name="kinds" label={L('适用类别', 'Case kinds')}><Select mode="multiple" options={KIND_OPTIONS} /></Form.Item>
          <Form.Item name="specialty" label={L('专业', 'Specialty')}><Select options={specialtyOptions()} /></Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

/** 收费标准: the paid-service price list (R-PAY-1); entered and shown in yuan, stored in cents. */
export function PricesTab() {
  const { message } = AntApp.useApp();
  const c = useCatalog<PriceItem>('price-items');
  const [form] = Form.useForm();
  const [editForm] = Form.useForm();
  const [error, setError] = useState<string>();
  const [editing, setEditing] = useState<PriceItem>();
  const [editError, setEditError] = useState<string>();

  const add = async () => {
    setError(undefined);
    // An invalid form shows its messages under the fields; nothing to throw.
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      await post(c.base, { code: v.code, name: v.name, unit: v.unit, priceCents: toCents(v.price), labourOnly: Boolean(v.labourOnly) });
      message.success(L(`已添加收费项目 ${v.name}`, `Price item ${v.name} added`));
      form.resetFields();
      await c.load();
    } catch (e) {
      setError(showFieldErrors(form, e, PRICE_RENAME));
    }
  };
  const saveEdit = async () => {
    setEditError(undefined);
    // An invalid form shows its messages under the fields; nothing to throw.
    const v = await editForm.validateFields().catch(() => null);
    if (!v) return;
    try {
      await api('PATCH', `${c.base}/${editing!.id}`, { body: { name: v.name, unit: v.unit, priceCents: toCents(v.price), labourOnly: Boolean(v.labourOnly) } });
      setEditing(undefined);
      await c.load();
    } catch (e) {
      setEditError(showFieldErrors(editForm, e, PRICE_RENAME));
    }
  };
  const retire = async (x: PriceItem) => {
    await post(`${c.base}/${x.id}/retire`);
    message.success(L(`已停用 ${x.name}`, `${x.name} retired`));
    await c.load();
  };
  const priceRules = [{ required: true, message: L('请填写价格（元）', 'Enter the price in yuan') }];

  return (
    <Card title={L('有偿服务收费标准', 'Paid service price list')} size="small" extra={<Space>{L('显示已停用', 'Show retired')} <Switch size="small" checked={c.inactive} onChange={c.setInactive} /></Space>}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="inline" onFinish={add} style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item name="code" rules={[{ required: true, message: L('请填写编码', 'Enter a code') }]}><Input aria-label={L('收费编码', 'Price item code')} placeholder={L('编码，如 P101', 'Code, e.g. P101')} style={{ width: 120 }} /></Form.Item>
        <Form.Item name="name" rules={[{ required: true, message: L('请填写名称', 'Enter a name') }]}><Input aria-label={L('收费项目名称', 'Price item name')} placeholder={L('项目名称', 'Item name')} style={{ width: 200 }} /></Form.Item>
        <Form.Item name="unit" rules={[{ required: true, message: L('请填写单位', 'Enter a unit') }]}><Input aria-label={L('计价单位', 'Unit of charge')} placeholder={L('单位，如 个', 'Unit, e.g. piece')} style={{ width: 100 }} /></Form.Item>
        <Form.Item name="price" rules={priceRules}><InputNumber aria-label={L('价格（元）', 'Price (yuan)')} placeholder={L('价格（元）', 'Price (yuan)')} min={0} max={1_000_000} precision={2} step={1} suffix={L('元', 'yuan')} style={{ width: 160 }} /></Form.Item>
        <Form.Item name="labourOnly" valuePropName="checked"><Checkbox>{L('仅人工费', 'Labour only')}</Checkbox></Form.Item>
        <Button type="primary" htmlType="submit">{L('添加收费项目', 'Add price item')}</Button>
      </Form>
      <Table
        size="small"
        rowKey="id"
        dataSource={c.items}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: L('编码', 'Code'), dataIndex: 'code' },
          { title: L('项目', 'Item'), dataIndex: 'name' },
          { title: L('单位', 'Unit'), dataIndex: 'unit' },
          { title: L('价格', 'Price'), dataIndex: 'priceCents', align: 'right' as const, render: (cents: number) => yuan(cents) },
          { title: L('类型', 'Type'), dataIndex: 'labourOnly', render: (l: boolean) => (l ? L('仅人工', 'labour only') : L('含材料', 'with materials')) },
          { title: L('状态', 'Status'), dataIndex: 'active', render: (a: boolean) => (a ? <Tag color="green">{L('启用', 'Active')}</Tag> : <Tag>{L('已停用', 'Retired')}</Tag>) },
          {
            title: L('操作', 'Actions'),
            render: (_: unknown, x: PriceItem) =>
              x.active && (
                <Space>
                  <Button size="small" onClick={() => { setEditing(x); setEditError(undefined); editForm.setFieldsValue({ ...x, price: x.priceCents / 100 }); }}>{L('修改', 'Edit')}</Button>
                  <RetireButton name={x.name} onConfirm={() => retire(x)} />
                </Space>
              ),
          },
        ]}
      />
      <Modal title={L(`修改收费项目 ${editing?.code ?? ''}`, `Edit price item ${editing?.code ?? ''}`)} open={!!editing} onOk={saveEdit} onCancel={() => setEditing(undefined)} okText={L('保存', 'Save')} cancelText={L('取消', 'Cancel')} destroyOnHidden>
        {editError && <Alert type="error" showIcon title={editError} style={{ marginBottom: 12 }} />}
        <Form form={editForm} layout="vertical">
          <Form.Item name="name" label={L('项目名称', 'Item name')} rules={[{ required: true, message: L('请填写名称', 'Enter a name') }]}><Input /></Form.Item>
          <Form.Item name="unit" label={L('单位', 'Unit')} rules={[{ required: true, message: L('请填写单位', 'Enter a unit') }]}><Input /></Form.Item>
          <Form.Item name="price" label={L('价格（元）', 'Price (yuan)')} rules={priceRules}><InputNumber min={0} max={1_000_000} precision={2} suffix={L('元', 'yuan')} /></Form.Item>
          <Form.Item name="labourOnly" valuePropName="checked"><Checkbox>{L('仅人工费', 'Labour only')}</Checkbox></Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
