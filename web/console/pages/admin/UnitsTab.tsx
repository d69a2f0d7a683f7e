import { Alert, App as AntApp, Button, Card, Col, Form, Input, InputNumber, Row, Select, Space, Table, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { get, post } from '../../../shared/api.js';
import { useSession } from '../../session.js';
import { L, download, postCsv, showFieldErrors } from './common.js';

interface Building { id: string; code: string; name: string }
interface Unit { id: string; code: string; buildingId: string; entrance: string; floor: number; room: string; areaM2: number | null; vacant: boolean }
interface ImportProblem { row: number; field: string; reason: string }
interface ImportSummary { rows: number; buildingsCreated: number; unitsCreated: number; unitsExisting: number; residentsCreated: number; dryRun: boolean }

const FIELD_LABELS: Record<string, [string, string]> = { building: ['楼栋', 'building'], entrance: ['单元', 'entrance'], room: ['房号', 'room'], unit: ['房屋编号', 'unit'], area: ['面积', 'area'], name: ['姓名', 'name'], relation: ['关系', 'relation'], phones: ['电话', 'phones'], file: ['文件', 'file'], header: ['表头', 'header'] };

export const CSV_TEMPLATE = ['楼栋,单元,房号,面积,业主姓名,关系,电话', '7,1,101,89,刘一,业主,13811112222', '7,1,102,120,陈二,租户,13811113333;010-66667777', '7,2,201,,,,'].join('\r\n');

const PAGE = 20;

/** 楼栋与房号: buildings, units with server paging and search, and the all-or-nothing CSV import. */
export default function UnitsTab() {
  const { estateId } = useSession();
  const { message } = AntApp.useApp();
  const [buildings, setBuildings] = useState<Building[]>([]);
  const [units, setUnits] = useState<Unit[]>([]);
  const [total, setTotal] = useState(0);
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  const [buildingId, setBuildingId] = useState<string>();
  const [bForm] = Form.useForm();
  const [uForm] = Form.useForm();
  const [bError, setBError] = useState<string>();
  const [uError, setUError] = useState<string>();
  const [csv, setCsv] = useState('');
  const [checked, setChecked] = useState<{ ok: boolean; summary?: ImportSummary; report?: ImportProblem[]; message?: string; text: string }>();
  const [busy, setBusy] = useState(false);

  const loadBuildings = useCallback(async () => setBuildings((await get<{ items: Building[] }>(`/api/estates/${estateId}/buildings`)).items), [estateId]);
  const loadUnits = useCallback(
    async (p = page) => {
      const params = new URLSearchParams({ limit: String(PAGE), offset: String((p - 1) * PAGE) });
      if (q.trim()) params.set('q', q.trim());
      if (buildingId) params.set('buildingId', buildingId);
      const r = await get<{ total: number; items: Unit[] }>(`/api/estates/${estateId}/units?${params}`);
      setUnits(r.items);
      setTotal(r.total);
    },
    [estateId, page, q, buildingId],
  );
  useEffect(() => {
    void loadBuildings();
  }, [loadBuildings]);
  // loadUnits changes with the estate, page, search and building, so each of them reloads (debounced).
  useEffect(() => {
    const timer = setTimeout(() => void loadUnits(page), 200);
    return () => clearTimeout(timer);
  }, [loadUnits, page]);

  const addBuilding = async () => {
    setBError(undefined);
    // An invalid form shows its messages under the fields; nothing to throw.
    const v = await bForm.validateFields().catch(() => null);
    if (!v) return;
    try {
      await post(`/api/estates/${estateId}/buildings`, { code: v.code, name: v.name || L(`${v.code}号楼`, `Building ${v.code}`) });
      message.success(L(`已添加楼栋 ${v.code}`, `Building ${v.code} added`));
      bForm.resetFields();
      await loadBuildings();
    } catch (e) {
      setBError(showFieldErrors(bForm, e));
    }
  };

  const addUnit = async () => {
    setUError(undefined);
    // An invalid form shows its messages under the fields; nothing to throw.
    const v = await uForm.validateFields().catch(() => null);
    if (!v) return;
    try {
      await post(`/api/estates/${estateId}/units`, { code: v.code, areaM2: v.areaM2 ?? null });
      message.success(L(`已添加房号 ${v.code}`, `Unit ${v.code} added`));
      uForm.resetFields();
      await loadUnits();
    } catch (e) {
      setUError(showFieldErrors(uForm, e));
    }
  };

  const runImport = async (dryRun: boolean) => {
    setBusy(true);
    try {
      const text = csv;
      const r = await postCsv(`/api/estates/${estateId}/import/units${dryRun ? '?dryRun=true' : ''}`, text);
      if (r.status === 200) {
        setChecked({ ok: true, summary: r.body, text });
        if (!dryRun) {
          message.success(L(`已导入：新建房号 ${r.body.unitsCreated} 个，住户 ${r.body.residentsCreated} 人`, `Imported: ${r.body.unitsCreated} new units, ${r.body.residentsCreated} residents`));
          await Promise.all([loadBuildings(), loadUnits(1)]);
          setPage(1);
        }
      } else {
        setChecked({ ok: false, report: r.body?.error?.report ?? [], message: r.body?.error?.message ?? L(`导入失败（${r.status}）`, `Import failed (${r.status})`), text });
      }
    } finally {
      setBusy(false);
    }
  };

  const readFile = async (file: File | undefined) => {
    if (!file) return;
    setCsv((await file.text()).replace(/^\uFEFF/, ''));
    setChecked(undefined);
  };

  const checkedCurrent = checked && checked.text === csv;
  return (
    <Row gutter={[24, 24]}>
      <Col xs={24} xl={8}>
        <Card title={L('楼栋', 'Buildings')} size="small">
          <Table size="small" rowKey="id" pagination={false} dataSource={buildings} columns={[{ title: L('编码', 'Code'), dataIndex: 'code' }, { title: L('名称', 'Name'), dataIndex: 'name' }]} scroll={{ y: 240 }} />
          {bError && <Alert type="error" showIcon title={bError} style={{ marginTop: 12 }} />}
          <Form form={bForm} layout="inline" onFinish={addBuilding} style={{ marginTop: 12, rowGap: 8 }}>
            <Form.Item name="code" rules={[{ required: true, message: L('请填写楼栋编码', 'Enter the building code') }]}><Input aria-label={L('楼栋编码', 'Building code')} placeholder={L('编码，如 5', 'Code, e.g. 5')} style={{ width: 100 }} /></Form.Item>
            <Form.Item name="name"><Input aria-label={L('楼栋名称', 'Building name')} placeholder={L('名称，如 5号楼', 'Name, e.g. Building 5')} style={{ width: 120 }} /></Form.Item>
            <Button htmlType="submit">{L('添加楼栋', 'Add building')}</Button>
          </Form>
        </Card>
        <Card title={L('添加房号', 'Add unit')} size="small" style={{ marginTop: 16 }}>
          {uError && <Alert type="error" showIcon title={uError} style={{ marginBottom: 12 }} />}
          <Form form={uForm} layout="inline" onFinish={addUnit} style={{ rowGap: 8 }}>
            <Form.Item name="code" rules={[{ required: true, message: L('请填写房号', 'Enter the unit code') }]}><Input aria-label={L('新房号', 'New unit code')} placeholder={L('楼栋-单元-房号，如 5-2-1203', 'building-entrance-room, e.g. 5-2-1203')} style={{ width: 200 }} /></Form.Item>
            <Form.Item name="areaM2"><InputNumber aria-label={L('面积', 'Area')} placeholder={L('面积 m²', 'Area m²')} min={1} precision={0} /></Form.Item>
            <Button htmlType="submit">{L('添加房号', 'Add unit')}</Button>
          </Form>
        </Card>
      </Col>
      <Col xs={24} xl={16}>
        <Card
          title={L(`房号（共 ${total} 个）`, `Units (${total})`)}
          size="small"
          extra={
            <Space>
              <Select allowClear placeholder={L('全部楼栋', 'All buildings')} style={{ width: 140 }} value={buildingId} onChange={(v) => { setBuildingId(v); setPage(1); }} options={buildings.map((b) => ({ value: b.id, label: b.name }))} />
              <Input.Search aria-label={L('搜索房号', 'Search units')} placeholder={L('房号开头，如 3-1', 'Start of the code, e.g. 3-1')} allowClear style={{ width: 200 }} value={q} onChange={(e) => { setQ(e.target.value); setPage(1); }} />
            </Space>
          }
        >
          <Table
            size="small"
            rowKey="id"
            dataSource={units}
            pagination={{ current: page, pageSize: PAGE, total, showSizeChanger: false, onChange: setPage, showTotal: (n) => L(`共 ${n} 个`, `${n} in all`) }}
            columns={[
              { title: L('房号', 'Unit'), dataIndex: 'code' },
              { title: L('楼栋', 'Buildings'), dataIndex: 'buildingId', render: (id: string) => buildings.find((b) => b.id === id)?.name ?? '' },
              { title: L('单元', 'Entrance'), dataIndex: 'entrance' },
              { title: L('楼层', 'Floor'), dataIndex: 'floor' },
              { title: L('面积（m²）', 'Area (m²)'), dataIndex: 'areaM2' },
              { title: L('空置', 'Vacant'), dataIndex: 'vacant', render: (v: boolean) => (v ? L('是', 'yes') : '') },
            ]}
          />
        </Card>
      </Col>
      <Col span={24}>
        <Card
          title={L('从表格导入房号与住户（CSV）', 'Import units and residents from a spreadsheet (CSV)')}
          size="small"
          extra={<Button onClick={() => download(L('房号导入模板.csv', 'units-template.csv'), CSV_TEMPLATE)}>{L('下载 CSV 模板', 'Download CSV template')}</Button>}
        >
          <Typography.Paragraph type="secondary">
            {L('列：楼栋、单元、房号（或一列“房屋编号”如 7-1-101），可选 面积、姓名、关系（业主/租户/家属）、电话（多个用 ; 分隔）。先“检查”：有任何一行错误则不导入任何数据，并列出每处错误；检查通过后再“导入”。', 'Columns: building, entrance, room (or one “unit” column such as 7-1-101), optionally area, name, relation (owner/tenant/family), phones (several separated by ;). Check first: if any line is wrong nothing is imported and every problem is listed; import after a clean check.')}
          </Typography.Paragraph>
          <Space style={{ marginBottom: 8 }}>
            <input type="file" accept=".csv,text/csv" aria-label={L('选择 CSV 文件', 'Choose a CSV file')} onChange={(e) => void readFile(e.target.files?.[0])} />
          </Space>
          <Input.TextArea aria-label={L('CSV 内容', 'CSV text')} rows={6} value={csv} placeholder={CSV_TEMPLATE} onChange={(e) => setCsv(e.target.value)} style={{ fontFamily: 'monospace' }} />
          <Space style={{ marginTop: 8 }}>
            <Button onClick={() => runImport(true)} loading={busy} disabled={!csv.trim()}>{L('检查（不写入）', 'Check (writes nothing)')}</Button>
            <Button type="primary" onClick={() => runImport(false)} loading={busy} disabled={!checkedCurrent || !checked?.ok || !checked.summary?.dryRun}>{L('导入', 'Import')}</Button>
          </Space>
          {checkedCurrent && checked.ok && checked.summary && (
            <Alert
              style={{ marginTop: 12 }}
              type="success"
              showIcon
              title={checked.summary.dryRun ? L('检查通过，可以导入', 'Check passed; ready to import') : L('导入完成', 'Imported')}
              description={L(`共 ${checked.summary.rows} 行：新建楼栋 ${checked.summary.buildingsCreated} 个，新建房号 ${checked.summary.unitsCreated} 个，已有房号 ${checked.summary.unitsExisting} 个，新增住户 ${checked.summary.residentsCreated} 人`, `${checked.summary.rows} lines: ${checked.summary.buildingsCreated} new buildings, ${checked.summary.unitsCreated} new units, ${checked.summary.unitsExisting} existing units, ${checked.summary.residentsCreated} new residents`)}
            />
          )}
          {checkedCurrent && !checked.ok && (
            <div style={{ marginTop: 12 }}>
              <Alert type="error" showIcon title={checked.message} />
              <Table
                size="small"
                rowKey={(r) => `${r.row}-${r.field}-${r.reason}`}
                style={{ marginTop: 8 }}
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                dataSource={checked.report}
                columns={[
                  { title: L('行', 'Line'), dataIndex: 'row', width: 80 },
                  { title: L('字段', 'Field'), dataIndex: 'field', width: 120, render: (f: string) => (FIELD_LABELS[f] ? L(...FIELD_LABELS[f]) : f) },
                  { title: L('原因', 'Reason'), dataIndex: 'reason' },
                ]}
              />
            </div>
          )}
        </Card>
      </Col>
    </Row>
  );
}
