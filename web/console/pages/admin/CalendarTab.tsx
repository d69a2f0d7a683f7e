import { Alert, App as AntApp, Button, Card, Checkbox, Col, Form, type FormInstance, Input, InputNumber, Popconfirm, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, api, get } from '../../../shared/api.js';
import { useSession } from '../../session.js';
import { L, same, showFieldErrors } from './common.js';

interface DayHours { start: string; end: string; lunch: { start: string; end: string } | null }
interface Holiday { name: string; from: string; to: string }
interface Year { holidays: Holiday[]; makeupWorkdays: string[] }
interface Calendar { hours: DayHours; summer: { from: string; to: string; hours: DayHours } | null; hotline: { start: string; end: string }; holidays: Record<string, Year> }
interface View { defaults: Calendar; overrides: Partial<Calendar>; effective: Calendar; shippedYears: string[] }

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];
const WEEKDAYS_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const weekday = (d: string) => {
  const n = new Date(`${d}T00:00:00Z`).getUTCDay();
  return L(`周${WEEKDAYS[n]}`, WEEKDAYS_EN[n]!);
};
const hhmm = (zh: string, en: string) => [
  { required: true, message: L(`请填写${zh}`, `Enter the ${en}`) },
  { pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: L(`${zh}应为 HH:MM，如 08:30`, `The ${en} must be HH:MM, e.g. 08:30`) },
];

/** Start, end and a lunch break, as the API shapes them (field errors land on these names). */
function HoursFields({ form, prefix, title }: { form: FormInstance; prefix: string[]; title: string }) {
  const hasLunch = Form.useWatch([...prefix, 'lunch'], { form, preserve: true }) != null;
  return (
    <>
      <Typography.Text strong>{title}</Typography.Text>
      <Row gutter={8} style={{ marginTop: 8 }}>
        <Col span={6}><Form.Item label={L('上班', 'Start')} name={[...prefix, 'start']} rules={hhmm('上班时间', 'start time')}><Input aria-label={L(`${title}上班`, `${title} start`)} placeholder="08:00" /></Form.Item></Col>
        <Col span={6}><Form.Item label={L('下班', 'End')} name={[...prefix, 'end']} rules={hhmm('下班时间', 'end time')}><Input aria-label={L(`${title}下班`, `${title} end`)} placeholder="17:00" /></Form.Item></Col>
        <Col span={12}>
          <Form.Item label={<Checkbox checked={hasLunch} onChange={(e) => form.setFieldValue([...prefix, 'lunch'], e.target.checked ? { start: '12:00', end: '13:00' } : null)}>{L('午休', 'Lunch')}</Checkbox>}>
            {hasLunch ? (
              <Space.Compact>
                <Form.Item name={[...prefix, 'lunch', 'start']} noStyle rules={hhmm('午休开始', 'lunch start')}><Input aria-label={L(`${title}午休开始`, `${title} lunch start`)} style={{ width: 90 }} /></Form.Item>
                <Form.Item name={[...prefix, 'lunch', 'end']} noStyle rules={hhmm('午休结束', 'lunch end')}><Input aria-label={L(`${title}午休结束`, `${title} lunch end`)} style={{ width: 90 }} /></Form.Item>
              </Space.Compact>
            ) : (
              <Typography.Text type="secondary">{L('不休息', 'no break')}</Typography.Text>
            )}
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}

/** 工作日历: working hours, summer schedule, hotline hours, holidays and 调休 days per year. */
export default function CalendarTab() {
  const { estateId } = useSession();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm();
  const [view, setView] = useState<View>();
  const [years, setYears] = useState<Record<string, Year>>({});
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [newYear, setNewYear] = useState<number | null>(null);
  const [error, setError] = useState<string>();
  const [yearErrors, setYearErrors] = useState<{ field: string; message: string }[]>([]);
  const [holiday, setHoliday] = useState({ name: '', from: '', to: '' });
  const [makeup, setMakeup] = useState('');
  const summerOn = Form.useWatch('summerOn', form);

  const apply = useCallback(
    (v: View) => {
      setView(v);
      setYears(v.effective.holidays);
      form.setFieldsValue({ ...v.effective, summerOn: v.effective.summer !== null, summer: v.effective.summer ?? v.defaults.summer });
    },
    [form],
  );
  useEffect(() => {
    get<View>(`/api/estates/${estateId}/settings/calendar`).then(apply);
  }, [estateId, apply]);

  const current: Year = years[year] ?? { holidays: [], makeupWorkdays: [] };
  const setCurrent = (y: Year) => setYears({ ...years, [year]: y });

  const save = async () => {
    setError(undefined);
    setYearErrors([]);
    const v = form.getFieldsValue(true);
    const d = view!.defaults;
    const body: Record<string, unknown> = {};
    if (!same(v.hours, d.hours)) body.hours = v.hours;
    const summer = v.summerOn ? v.summer : null;
    if (!same(summer, d.summer)) body.summer = summer;
    if (!same(v.hotline, d.hotline)) body.hotline = v.hotline;
    const changedYears = Object.fromEntries(Object.entries(years).filter(([y, data]) => !same(data, d.holidays[y])));
    if (Object.keys(changedYears).length) body.holidays = changedYears;
    try {
      apply(await api<View>('PUT', `/api/estates/${estateId}/settings/calendar`, { body }));
      message.success(L('工作日历已保存，对此后受理的案件生效', 'Calendar saved; it applies to cases opened from now on'));
    } catch (e) {
      setError(showFieldErrors(form, e, {}, (f) => !f.startsWith('holidays.')));
      if (e instanceof ApiError) setYearErrors(e.fields.filter((f) => f.field.startsWith('holidays.')));
    }
  };
  const resetAll = async () => {
    apply(await api<View>('PUT', `/api/estates/${estateId}/settings/calendar`, { body: {} }));
    message.success(L('已恢复为默认日历（国家法定节假日）', 'Back to the default calendar (statutory holidays)'));
  };

  const addHoliday = () => {
    if (!holiday.name || !holiday.from) return;
    setCurrent({ ...current, holidays: [...current.holidays, { name: holiday.name, from: holiday.from, to: holiday.to || holiday.from }].sort((a, b) => a.from.localeCompare(b.from)) });
    setHoliday({ name: '', from: '', to: '' });
  };
  const addMakeup = () => {
    if (!makeup) return;
    setCurrent({ ...current, makeupWorkdays: [...new Set([...current.makeupWorkdays, makeup])].sort() });
    setMakeup('');
  };

  if (!view) return null;
  const shipped = view.shippedYears.includes(year);
  const edited = !same(current, view.defaults.holidays[year]);
  return (
    <Form form={form} layout="vertical" onFinish={save}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Row gutter={[24, 24]}>
        <Col xs={24} xl={10}>
          <Card title={L('工作时间', 'Working hours')} size="small">
            <HoursFields form={form} prefix={['hours']} title={L('平时', 'Normal')} />
            <Form.Item name="summerOn" valuePropName="checked" style={{ marginBottom: 8 }}><Checkbox>{L('夏令作息', 'Summer schedule')}</Checkbox></Form.Item>
            {summerOn && (
              <>
                <Row gutter={8}>
                  <Col span={8}><Form.Item label={L('开始（MM-DD）', 'From (MM-DD)')} name={['summer', 'from']} rules={[{ required: true, message: L('请填写开始日期', 'Enter the first day') }]}><Input aria-label={L('夏令时开始', 'Summer from')} placeholder="05-01" /></Form.Item></Col>
                  <Col span={8}><Form.Item label={L('结束（MM-DD）', 'To (MM-DD)')} name={['summer', 'to']} rules={[{ required: true, message: L('请填写结束日期', 'Enter the last day') }]}><Input aria-label={L('夏令时结束', 'Summer to')} placeholder="09-30" /></Form.Item></Col>
                </Row>
                <HoursFields form={form} prefix={['summer', 'hours']} title={L('夏令', 'Summer')} />
              </>
            )}
            <Typography.Text strong>{L('总经理热线值守', 'GM hotline hours')}</Typography.Text>
            <Row gutter={8} style={{ marginTop: 8 }}>
              <Col span={6}><Form.Item label={L('开始', 'From')} name={['hotline', 'start']} rules={hhmm('热线开始时间', 'hotline start')}><Input aria-label={L('热线开始', 'Hotline from')} /></Form.Item></Col>
              <Col span={6}><Form.Item label={L('结束', 'To')} name={['hotline', 'end']} rules={hhmm('热线结束时间', 'hotline end')}><Input aria-label={L('热线结束', 'Hotline to')} /></Form.Item></Col>
            </Row>
            <Typography.Paragraph type="secondary">
              {(() => {
                const d = view.defaults;
                return L(
                  `默认：平时 ${d.hours.start}–${d.hours.end}，午休 ${d.hours.lunch?.start}–${d.hours.lunch?.end}；夏令 ${d.summer?.from} 至 ${d.summer?.to}；热线 ${d.hotline.start}–${d.hotline.end}（每天）。`,
                  `Defaults: ${d.hours.start}–${d.hours.end}, lunch ${d.hours.lunch?.start}–${d.hours.lunch?.end}; summer ${d.summer?.from} to ${d.summer?.to}; hotline ${d.hotline.start}–${d.hotline.end} (every day).`,
                );
              })()}
            </Typography.Paragraph>
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card
            title={L('节假日与调休', 'Holidays and make-up working days')}
            size="small"
            extra={
              <Space>
                <Select aria-label={L('年份', 'Year')} value={year} onChange={setYear} style={{ width: 110 }} options={Object.keys(years).sort().map((y) => ({ value: y, label: L(`${y} 年`, y) }))} />
                <InputNumber aria-label={L('新年份', 'New year')} placeholder={L('年份', 'Year')} min={2000} max={2100} precision={0} value={newYear} onChange={setNewYear} style={{ width: 100 }} />
                <Button onClick={() => { if (newYear) { const y = String(newYear); if (!years[y]) setYears({ ...years, [y]: { holidays: [], makeupWorkdays: [] } }); setYear(y); setNewYear(null); } }}>{L('添加年份', 'Add year')}</Button>
              </Space>
            }
          >
            <Space style={{ marginBottom: 8 }}>
              {shipped ? <Tag>{L('默认数据：国务院办公厅节假日安排', 'Default: State Council holiday arrangements')}</Tag> : <Tag color="blue">{L('自定义年份', 'Custom year')}</Tag>}
              {edited && <Tag color="gold">{L('已修改', 'changed')}</Tag>}
              {edited && shipped && <Button size="small" type="link" onClick={() => setCurrent(view.defaults.holidays[year]!)}>{L('恢复本年默认', 'Reset this year')}</Button>}
            </Space>
            {yearErrors.length > 0 && <Alert type="error" showIcon style={{ marginBottom: 8 }} title={yearErrors.map((f) => f.message).join('；')} />}
            <Table<Holiday>
              size="small"
              rowKey={(h) => `${h.name}-${h.from}`}
              pagination={false}
              dataSource={current.holidays}
              locale={{ emptyText: L('本年尚无假期', 'No holidays this year yet') }}
              columns={[
                { title: L('假期', 'Holiday'), dataIndex: 'name' },
                { title: L('开始', 'From'), dataIndex: 'from', render: (d: string) => `${d}${L('（', ' (')}${weekday(d)}${L('）', ')')}` },
                { title: L('结束', 'To'), dataIndex: 'to', render: (d: string) => `${d}${L('（', ' (')}${weekday(d)}${L('）', ')')}` },
                { title: L('天数', 'Days'), render: (_: unknown, h: Holiday) => (Date.parse(h.to) - Date.parse(h.from)) / 86_400_000 + 1 },
                { title: '', render: (_: unknown, h: Holiday) => <Button size="small" type="link" danger onClick={() => setCurrent({ ...current, holidays: current.holidays.filter((x) => x !== h) })}>{L('删除', 'Delete')}</Button> },
              ]}
            />
            <Space wrap style={{ margin: '8px 0 16px' }}>
              <Input aria-label={L('假期名称', 'Holiday name')} placeholder={L('假期名称', 'Holiday name')} value={holiday.name} onChange={(e) => setHoliday({ ...holiday, name: e.target.value })} style={{ width: 130 }} />
              <Input aria-label={L('假期开始', 'Holiday from')} type="date" value={holiday.from} onChange={(e) => setHoliday({ ...holiday, from: e.target.value })} style={{ width: 160 }} />
              <Input aria-label={L('假期结束', 'Holiday to')} type="date" value={holiday.to} onChange={(e) => setHoliday({ ...holiday, to: e.target.value })} style={{ width: 160 }} />
              <Button onClick={addHoliday} disabled={!holiday.name || !holiday.from}>{L('添加假期', 'Add holiday')}</Button>
            </Space>
            <div><Typography.Text strong>{L('调休上班日（周末上班）', 'Make-up working days (weekend days worked)')}</Typography.Text></div>
            <div style={{ margin: '8px 0' }}>
              {current.makeupWorkdays.length === 0 && <Typography.Text type="secondary">{L('无', 'none')}</Typography.Text>}
              {current.makeupWorkdays.map((d) => (
                <Tag key={d} closable onClose={(e) => { e.preventDefault(); setCurrent({ ...current, makeupWorkdays: current.makeupWorkdays.filter((x) => x !== d) }); }}>
                  {d}{L('（', ' (')}{weekday(d)}{L('）', ')')}
                </Tag>
              ))}
            </div>
            <Space>
              <Input aria-label={L('调休上班日', 'Make-up working day')} type="date" value={makeup} onChange={(e) => setMakeup(e.target.value)} style={{ width: 160 }} />
              <Button onClick={addMakeup} disabled={!makeup}>{L('添加调休日', 'Add make-up day')}</Button>
            </Space>
          </Card>
        </Col>
      </Row>
      <Space style={{ marginTop: 16 }}>
        <Button type="primary" htmlType="submit">{L('保存工作日历', 'Save calendar')}</Button>
        <Popconfirm title={L('恢复默认日历？', 'Back to the default calendar?')} description={L('删除本项目的全部日历修改。', 'Removes all of this estate\'s calendar changes.')} okText={L('恢复', 'Reset')} cancelText={L('取消', 'Cancel')} onConfirm={resetAll}>
          <Button>{L('全部恢复默认', 'All back to defaults')}</Button>
        </Popconfirm>
      </Space>
    </Form>
  );
}
