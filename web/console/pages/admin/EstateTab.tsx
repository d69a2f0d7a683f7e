import { Alert, App as AntApp, Button, Card, Col, Descriptions, Form, Input, InputNumber, Row, Space, Table } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, get, post } from '../../../shared/api.js';
import { useSession } from '../../session.js';
import { L, showFieldErrors } from './common.js';

interface Estate { id: string; code: string; name: string; casePrefix: string; households: number }

/** 项目: the estate's name and households (complaint-rate denominator); group admins add estates. */
export default function EstateTab() {
  const { estateId, me } = useSession();
  const { message } = AntApp.useApp();
  const [estate, setEstate] = useState<Estate>();
  const [all, setAll] = useState<Estate[]>([]);
  const [form] = Form.useForm();
  const [newForm] = Form.useForm();
  const [error, setError] = useState<string>();
  const [newError, setNewError] = useState<string>();
  const groupAdmin = me.groupRoles.includes('admin');

  const load = useCallback(async () => {
    const e = await get<Estate>(`/api/estates/${estateId}`);
    setEstate(e);
    form.setFieldsValue({ name: e.name, households: e.households });
    setAll((await get<{ items: Estate[] }>('/api/estates')).items);
  }, [estateId, form]);
  useEffect(() => {
    void load();
  }, [load]);

  const save = async () => {
    setError(undefined);
    // An invalid form shows its messages under the fields; nothing to throw.
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      await api('PATCH', `/api/estates/${estateId}`, { body: { name: v.name, households: v.households ?? 0 } });
      message.success(L('项目信息已保存', 'Estate saved'));
      await load();
    } catch (e) {
      setError(showFieldErrors(form, e));
    }
  };

  const create = async () => {
    setNewError(undefined);
    // An invalid form shows its messages under the fields; nothing to throw.
    const v = await newForm.validateFields().catch(() => null);
    if (!v) return;
    try {
      const e = await post<Estate>('/api/estates', { code: v.code, name: v.name, casePrefix: v.casePrefix, households: v.households ?? 0 });
      message.success(L(`已创建项目 ${e.name}，刷新页面后可在右上角切换`, `Estate ${e.name} created; reload the page to switch to it`));
      newForm.resetFields();
      await load();
    } catch (e) {
      setNewError(showFieldErrors(newForm, e));
    }
  };

  return (
    <Row gutter={24}>
      <Col xs={24} lg={12}>
        <Card title={L('本项目', 'This estate')}>
          {estate && (
            <Descriptions size="small" column={2} style={{ marginBottom: 16 }}>
              <Descriptions.Item label={L('项目编码', 'Estate code')}>{estate.code}</Descriptions.Item>
              <Descriptions.Item label={L('案件编号前缀', 'Case number prefix')}>{estate.casePrefix}{L('（如 ', ' (e.g. ')}{estate.casePrefix}-{new Date().getFullYear()}-000123{L('）', ')')}</Descriptions.Item>
            </Descriptions>
          )}
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
          <Form form={form} layout="vertical" onFinish={save}>
            <Form.Item name="name" label={L('项目名称', 'Estate name')} rules={[{ required: true, message: L('请填写项目名称', 'Enter the estate name') }]}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="households" label={L('总户数', 'Households')} extra={L('用于计算投诉率（每百户投诉数）', 'Used for the complaint rate (complaints per 100 households)')}>
              <InputNumber min={0} max={1_000_000} precision={0} style={{ width: 200 }} />
            </Form.Item>
            <Button type="primary" htmlType="submit">{L('保存', 'Save')}</Button>
          </Form>
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title={L('全部项目', 'All estates')}>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={all}
            columns={[
              { title: L('编码', 'Code'), dataIndex: 'code' },
              { title: L('名称', 'Name'), dataIndex: 'name' },
              { title: L('编号前缀', 'Prefix'), dataIndex: 'casePrefix' },
              { title: L('户数', 'Households'), dataIndex: 'households' },
            ]}
          />
          {groupAdmin && (
            <>
              {newError && <Alert type="error" showIcon title={newError} style={{ margin: '12px 0' }} />}
              <Form form={newForm} layout="inline" onFinish={create} style={{ marginTop: 16, rowGap: 8 }}>
                <Form.Item name="code" rules={[{ required: true, message: L('请填写编码', 'Enter a code') }]}><Input placeholder={L('编码，如 XY', 'Code, e.g. XY')} style={{ width: 110 }} /></Form.Item>
                <Form.Item name="name" rules={[{ required: true, message: L('请填写名称', 'Enter a name') }]}><Input placeholder={L('名称', 'Name')} style={{ width: 140 }} /></Form.Item>
                <Form.Item name="casePrefix" rules={[{ required: true, message: L('请填写前缀', 'Enter a prefix') }]}><Input placeholder={L('前缀，如 XY', 'Prefix, e.g. XY')} style={{ width: 110 }} /></Form.Item>
                <Form.Item name="households"><InputNumber placeholder={L('户数', 'Households')} min={0} precision={0} /></Form.Item>
                <Space><Button htmlType="submit">{L('新建项目', 'New estate')}</Button></Space>
              </Form>
            </>
          )}
        </Card>
      </Col>
    </Row>
  );
}
