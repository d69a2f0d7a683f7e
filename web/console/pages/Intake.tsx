import { Alert, App as AntApp, AutoComplete, Button, Card, Checkbox, Col, Form, Input, InputNumber, List, Radio, Row, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { type ApiError, get, post } from '../../shared/api.js';
import { bj, fromLocalInput } from '../../shared/format.js';
import { L } from '../../shared/i18n.js';
import { CHANNEL_OPTIONS, KIND_LABELS, KIND_OPTIONS, OPEN_STATUSES, STATUS_LABELS } from '../../shared/labels.js';
import { useSession } from '../session.js';
import { PaidQuote, type PriceItem, type QuoteLine, quoteCents, quoteText } from './intake/PaidQuote.js';

interface Unit { id: string; code: string; openCases?: number }
interface Staff { id: string; displayName: string; openOrders: number; departmentIds: string[] }
interface Category { id: string; code: string; name: string; kinds: string[] }

/** API field (possibly `case.quoteCents`) → the form field that shows its message. */
const FORM_FIELD: Record<string, string> = { quoteCents: 'quote', appointmentAt: 'appointment', content: 'description', callerName: 'contactName', callerPhone: 'contactPhone' };
const formField = (api: string) => {
  const parts = api.split('.');
  const last = parts[0] === 'case' ? parts[1]! : parts[0]!;
  return FORM_FIELD[last] ?? last;
};

/** The receptionist on the phone: find the unit, see its history, open and dispatch in one go. */
export default function Intake() {
  useTranslation(); // re-render on a language switch
  const { estateId } = useSession();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm();
  const [unitText, setUnitText] = useState('');
  const [options, setOptions] = useState<Unit[]>([]);
  const [unit, setUnit] = useState<Unit | null>(null);
  const [history, setHistory] = useState<any[]>([]);
  const [residents, setResidents] = useState<any[]>([]);
  const [departments, setDepartments] = useState<{ id: string; name: string; code: string }[]>([]);
  const [staff, setStaff] = useState<Staff[]>([]);
  const [triage, setTriage] = useState<{ urgency: string; matched: string[] } | null>(null);
  const [done, setDone] = useState<{ id: string; number: string } | null>(null);
  /** A case opened whose dispatch failed: pressing again retries only the dispatch (never a second case). */
  const [undispatched, setUndispatched] = useState<{ id: string; number: string } | null>(null);
  const [reworkDays, setReworkDays] = useState(30);
  /** The category the server judged `history` against (its 重复/返修 marks are for that category only). */
  const [historyCategory, setHistoryCategory] = useState<string | null>(null);
  const historyAsked = useRef(0);
  /** The unit's recent cases, each marked by the server against the category being reported (R-KPI-1). */
  const loadHistory = async (unitId: string) => {
    const category: string | null = form.getFieldValue('category') ?? null;
    const asked = ++historyAsked.current;
    const h = await get(`/api/units/${unitId}/cases?limit=10${category ? `&category=${encodeURIComponent(category)}` : ''}`);
    if (asked !== historyAsked.current) return;
    setHistory(h.items);
    setHistoryCategory(category);
    setReworkDays(h.reworkWindowDays ?? 30);
  };
  /** The description the urgency was last proposed for (so Alt+S proposes it first when typing ran on). */
  const triaged = useRef<{ text: string; done: Promise<void> } | undefined>(undefined);
  const [error, setError] = useState<string>();
  const [categories, setCategories] = useState<Category[]>([]);
  const [priceItems, setPriceItems] = useState<PriceItem[]>([]);
  const [quoteLines, setQuoteLines] = useState<QuoteLine[]>([]);
  const unitRef = useRef<any>(null);
  /** Tab goes field to field: the selects' clear buttons (mouse only) are taken out of the Tab order. */
  const formBox = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const box = formBox.current;
    if (!box) return;
    const untab = () => {
      for (const b of box.querySelectorAll<HTMLElement>('.ant-select-clear')) if (b.tabIndex !== -1) b.tabIndex = -1;
    };
    untab();
    const observer = new MutationObserver(untab);
    observer.observe(box, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    if (!estateId) return;
    get(`/api/estates/${estateId}/departments`).then((d) => setDepartments(d.items));
    get(`/api/estates/${estateId}/staff?role=technician`).then((d) => setStaff(d.items));
    get(`/api/estates/${estateId}/categories`).then((d) => setCategories(d.items)).catch(() => setCategories([]));
    get(`/api/estates/${estateId}/price-items`).then((d) => setPriceItems(d.items)).catch(() => setPriceItems([]));
  }, [estateId]);

  const changeQuote = (lines: QuoteLine[]) => {
    setQuoteLines(lines);
    form.setFieldValue('quote', lines.length ? quoteCents(lines, priceItems) / 100 : undefined);
  };

  useEffect(() => {
    const q = unitText.trim();
    if (!q || !estateId) return setOptions([]);
    const timer = setTimeout(async () => {
      const byPhone = /^\d{4,}$/.test(q) && !q.includes('-');
      if (byPhone) {
        const r = await get(`/api/estates/${estateId}/residents/lookup?phone=${q}`);
        setOptions(r.items.map((x: any) => ({ id: x.unitId, code: x.unitCode, label: `${x.unitCode} ${x.name}` })));
      } else {
        const r = await get(`/api/estates/${estateId}/units/lookup?q=${encodeURIComponent(q)}`);
        setOptions(r.items);
      }
    }, 150);
    return () => clearTimeout(timer);
  }, [unitText, estateId]);

  const pickUnit = async (u: Unit) => {
    setUnit(u);
    setUndispatched(null);
    setUnitText(u.code);
    // The history comes with the unit (the effect below asks for it whenever the unit or category changes).
    const detail = await get(`/api/units/${u.id}`);
    setResidents(detail.residents);
    const r = detail.residents[0];
    if (r) form.setFieldsValue({ contactName: r.name, contactPhone: r.phones[0], residentId: r.id });
    setTimeout(() => document.getElementById('intake-description')?.focus(), 0);
  };

  /** Proposes the urgency from the description's keywords, once per text (blur, pause in typing, or Alt+S). */
  const runTriage = (): Promise<void> => {
    const description: string | undefined = form.getFieldValue('description');
    if (!description?.trim()) return Promise.resolve();
    // The same text: wait for the proposal already asked for (Alt+S right after typing).
    if (triaged.current?.text === description) return triaged.current.done;
    const done = post('/api/triage', { estateId, description }).then(
      (t) => {
        if (form.getFieldValue('description') !== description) return;
        setTriage(t);
        form.setFieldValue('urgency', t.urgency);
      },
      () => {
        triaged.current = undefined; // the receptionist still sets it by hand
      },
    );
    triaged.current = { text: description, done };
    return done;
  };

  const showError = (e: unknown) => {
    const err = e as ApiError;
    setError(err.message);
    form.setFields((err.fields ?? []).map((f) => ({ name: formField(f.field), errors: [f.message] })));
  };

  const submit = async (mode: 'case' | 'answered' | 'undecided') => {
    setError(undefined);
    if (mode === 'case' && undispatched) return retryDispatch(undispatched);
    if (mode === 'case') await runTriage();
    let v: any;
    try {
      v = await form.validateFields();
    } catch {
      return; // antd shows each message under its field
    }
    // The quoted price-list items travel with the case (its content) and the order (instructions).
    const quoted = v.paid ? quoteText(quoteLines, priceItems) : '';
    const kase = {
      kind: v.kind,
      category: v.category ?? null,
      locationKind: v.locationKind,
      urgency: v.urgency,
      residentId: v.residentId ?? null,
      locationText: v.locationText || null,
      contactName: v.contactName || null,
      contactPhone: v.contactPhone || null,
      phoneConsent: Boolean(v.contactPhone),
      appointmentAt: fromLocalInput(v.appointment),
      paid: Boolean(v.paid),
      paidConfirmedTwice: Boolean(v.paidConfirmedTwice),
      quoteCents: v.quote ? Math.round(v.quote * 100) : null,
      ...(v.kind === 'complaint' ? { complaintNature: v.complaintNature, complaintSubtype: v.complaintNature === 'communicative' ? v.complaintSubtype : null } : {}),
    };
    try {
      const res = await post('/api/contacts', {
        estateId,
        channel: v.channel,
        unitId: unit?.id ?? null,
        callerName: v.contactName || null,
        callerPhone: v.contactPhone || null,
        content: quoted && mode === 'case' ? `${v.description}\n${quoted}` : v.description,
        outcome: mode,
        answer: mode === 'answered' ? v.answer : null,
        case: mode === 'case' ? kase : undefined,
      });
      const opened = res.case ? { id: res.case.id as string, number: res.case.number as string } : null;
      if (opened && v.departmentId) {
        try {
          await post(`/api/cases/${opened.id}/orders`, { departmentId: v.departmentId, technicianId: v.technicianId ?? null, instructions: quoted || null });
        } catch (e) {
          // The case exists: remember it, so pressing again dispatches it instead of opening another.
          setUndispatched(opened);
          setDone(opened);
          showError(e);
          if (unit) await loadHistory(unit.id);
          return;
        }
      }
      await finish(opened, mode);
    } catch (e) {
      showError(e);
    }
  };

  const finish = async (opened: { id: string; number: string } | null, mode: 'case' | 'answered' | 'undecided') => {
    setDone(opened);
    setUndispatched(null);
    message.success(mode === 'case' ? `${L('已立项', 'Opened')} ${opened?.number}` : mode === 'answered' ? L('已记录为已答复', 'Logged as answered') : L('已提交主管决定（R-IN-4）', 'Sent to the supervisor to decide (R-IN-4)'));
    form.resetFields(['description', 'answer', 'appointment', 'paid', 'paidConfirmedTwice', 'quote', 'category']);
    setQuoteLines([]);
    setTriage(null);
    triaged.current = undefined;
    if (unit) await loadHistory(unit.id);
  };

  /** The case was opened but its dispatch failed: send only the order. */
  const retryDispatch = async (opened: { id: string; number: string }) => {
    const v = form.getFieldsValue();
    if (!v.departmentId) {
      form.setFields([{ name: 'departmentId', errors: [L('请选择派工部门', 'Choose the department')] }]);
      return;
    }
    try {
      await post(`/api/cases/${opened.id}/orders`, { departmentId: v.departmentId, technicianId: v.technicianId ?? null, instructions: v.paid ? quoteText(quoteLines, priceItems) || null : null });
      await finish(opened, 'case');
    } catch (e) {
      showError(e);
    }
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && (e.key === 's' || e.key === 'S')) { e.preventDefault(); void submit('case'); }
      // Esc in an open dropdown only closes it; elsewhere it clears the form for the next call.
      if (e.key === 'Escape' && !(e.target as HTMLElement | null)?.closest?.('.ant-select-open')) { setUnit(null); setUnitText(''); setUndispatched(null); setHistory([]); setResidents([]); form.resetFields(); triaged.current = undefined; unitRef.current?.focus(); }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const departmentId = Form.useWatch('departmentId', form);
  const kind = Form.useWatch('kind', form);
  const nature = Form.useWatch('complaintNature', form);
  const paid = Form.useWatch('paid', form);
  const category = Form.useWatch('category', form);
  const description = Form.useWatch('description', form);
  // Propose the urgency when typing pauses (not only on leaving the field).
  // biome-ignore lint/correctness/useExhaustiveDependencies: runTriage reads the form; the text is the trigger
  useEffect(() => {
    if (!description?.trim()) return;
    const timer = setTimeout(() => void runTriage(), 600);
    return () => clearTimeout(timer);
  }, [description]);
  // The server marks the history against the chosen category: ask again when it changes.
  // biome-ignore lint/correctness/useExhaustiveDependencies: loadHistory reads the form; the unit and category are what change the answer
  useEffect(() => {
    if (unit) void loadHistory(unit.id);
  }, [unit?.id, category]);
  /** 重复 / 返修 as the server judged them for the chosen category (the case just opened here is neither). */
  const repeatOf = (c: any): '重复' | '返修' | null => {
    if (!category || historyCategory !== category || c.id === undispatched?.id) return null;
    return c.relation === 'repeat' ? '重复' : c.relation === 'rework' ? '返修' : null;
  };
  const repeatLabel = (r: '重复' | '返修' | null) => (r === '重复' ? L('重复', 'Repeat') : r === '返修' ? L('返修', 'Rework') : '');
  const repeats = history.filter((c) => repeatOf(c));
  useEffect(() => {
    const current = form.getFieldValue('category');
    const c = categories.find((x) => x.code === current);
    if (c && c.kinds.length > 0 && !c.kinds.includes(kind)) form.setFieldValue('category', undefined);
  }, [kind, categories, form]);
  const kindCategories = categories.filter((c) => c.kinds.length === 0 || c.kinds.includes(kind));
  const techs = staff.filter((s) => !departmentId || s.departmentIds.includes(departmentId));

  return (
    <Row gutter={24}>
      <Col xs={24} lg={15}>
        <Card title={L('来电/来访受理', 'Call / visit intake')} extra={<Typography.Text type="secondary">{L('Alt+S 立项并派工 · Esc 清空', 'Alt+S open and dispatch · Esc clear')}</Typography.Text>}>
          {error && <Alert type="error" message={error} showIcon style={{ marginBottom: 12 }} />}
          {undispatched ? (
            <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="undispatched" message={<span>{L('已立项', 'Opened')} <Link to={`/cases/${undispatched.id}`}>{undispatched.number}</Link>{L('，但派工未成功：改正后按“重新派工”（或 Alt+S）只派工，不会重复立项', ', but the dispatch failed: correct it and press “Dispatch again” (or Alt+S) to dispatch only, without opening a second case')}</span>} />
          ) : (
            done && <Alert type="success" showIcon style={{ marginBottom: 12 }} message={<span>{L('已立项', 'Opened')} <Link to={`/cases/${done.id}`}>{done.number}</Link></span>} />
          )}
          <div ref={formBox}>
          <Form form={form} layout="vertical" initialValues={{ channel: 'phone', kind: 'repair', locationKind: 'in_home', urgency: 'routine' }}>
            <Form.Item label={L('房号或电话', 'Unit or phone')}>
              <AutoComplete
                ref={unitRef}
                id="intake-unit"
                aria-label={L('房号或电话', 'Unit or phone')}
                autoFocus
                value={unitText}
                placeholder={L('输入房号如 3-1-502，或电话后四位', 'Unit like 3-1-502, or the last 4 digits of a phone')}
                options={options.map((o: any) => ({ value: o.code, label: o.label ?? `${o.code}${o.openCases ? `（${o.openCases} ${L('件未结', 'open')}）` : ''}`, unit: o }))}
                onChange={setUnitText}
                onSelect={(_v, opt: any) => void pickUnit(opt.unit)}
                defaultActiveFirstOption
              />
            </Form.Item>
            <Row gutter={12}>
              <Col span={8}><Form.Item name="channel" label={L('渠道', 'Channel')}><Select options={CHANNEL_OPTIONS} showSearch optionFilterProp="label" /></Form.Item></Col>
              <Col span={8}><Form.Item name="kind" label={L('类别', 'Kind')}><Select options={KIND_OPTIONS} showSearch optionFilterProp="label" /></Form.Item></Col>
              <Col span={8}><Form.Item name="locationKind" label={L('位置', 'Location')}><Radio.Group options={[{ value: 'in_home', label: L('户内', 'In the home') }, { value: 'public', label: L('公共区域', 'Public area') }]} /></Form.Item></Col>
            </Row>
            <Row gutter={12}>
              <Col span={12}>
                <Form.Item name="category" label={L('分类', 'Category')}>
                  <Select
                    id="intake-category"
                    allowClear
                    showSearch
                    placeholder={L('输入搜索，如 漏水、电梯', 'Type to search, e.g. leak, lift')}
                    filterOption={(input, opt) => String(opt?.search ?? '').toLowerCase().includes(input.trim().toLowerCase())}
                    options={kindCategories.map((c) => ({ value: c.code, label: c.name, search: `${c.code} ${c.name}` }))}
                    notFoundContent={L('没有匹配的分类', 'No matching category')}
                  />
                </Form.Item>
              </Col>
              <Col span={12}><Form.Item name="locationText" label={L('具体位置（公共区域必填）', 'Exact location (required for public areas)')}><Input placeholder={L('如 2号楼大堂', 'e.g. lobby of building 2')} /></Form.Item></Col>
            </Row>
            <Form.Item name="description" label={L('内容', 'Description')} rules={[{ required: true, message: L('请填写报修/投诉内容', 'Describe the repair or complaint') }]}>
              <Input.TextArea id="intake-description" rows={3} placeholder={L('业户反映的问题', "The resident's problem")} onBlur={() => void runTriage()} />
            </Form.Item>
            {/* Tab order on the phone: 内容 → 紧急程度 → 派工部门 → 维修人员, then Alt+S. */}
            <Row gutter={12}>
              <Col span={6}>
                <Form.Item name="urgency" label={L('紧急程度', 'Urgency')} extra={triage?.matched.length ? `${L('关键词', 'Keywords')}：${triage.matched.join('、')}` : undefined}>
                  <Radio.Group options={[{ value: 'routine', label: L('一般', 'Routine') }, { value: 'emergency', label: L('紧急', 'Emergency') }]} />
                </Form.Item>
              </Col>
              <Col span={8}><Form.Item name="departmentId" label={L('派工部门', 'Department')}><Select id="intake-department" allowClear showSearch optionFilterProp="label" placeholder={L('选择部门（可输入搜索）', 'Choose a department (type to search)')} options={departments.map((d) => ({ value: d.id, label: d.name }))} /></Form.Item></Col>
              <Col span={10}><Form.Item name="technicianId" label={L('维修人员（未完成单数）', 'Technician (open orders)')}><Select id="intake-technician" allowClear showSearch optionFilterProp="label" placeholder={L('选择人员（可输入搜索）', 'Choose a technician (type to search)')} options={techs.map((s) => ({ value: s.id, label: `${s.displayName}（${s.openOrders}）` }))} /></Form.Item></Col>
            </Row>
            <Row gutter={12}>
              <Col span={12}><Form.Item name="contactName" label={L('联系人', 'Contact')}><Input /></Form.Item></Col>
              <Col span={12}><Form.Item name="contactPhone" label={L('电话（经业户同意）', 'Phone (with consent)')}><Input /></Form.Item></Col>
            </Row>
            <Form.Item name="residentId" hidden><Input /></Form.Item>
            {kind === 'complaint' && (
              <Row gutter={12}>
                <Col span={12}><Form.Item name="complaintNature" label={L('投诉性质', 'Nature')} rules={[{ required: true, message: L('请选择投诉性质', 'Choose the nature') }]}><Radio.Group options={[{ value: 'valid', label: L('有效投诉', 'Valid complaint') }, { value: 'communicative', label: L('沟通性投诉', 'Communicative') }]} /></Form.Item></Col>
                {nature === 'communicative' && <Col span={12}><Form.Item name="complaintSubtype" label={L('类型', 'Type')}><Radio.Group options={[{ value: 'help-seeking', label: L('求助型', 'Seeking help') }, { value: 'inquiry', label: L('咨询型', 'Inquiry') }, { value: 'venting', label: L('发泄型', 'Venting') }]} /></Form.Item></Col>}
              </Row>
            )}
            <Row gutter={12}>
              <Col span={8}><Form.Item name="appointment" label={L('预约时间', 'Appointment')}><Input type="datetime-local" /></Form.Item></Col>
              <Col span={6}><Form.Item name="paid" valuePropName="checked" label={L('有偿服务', 'Paid service')}><Checkbox>{L('有偿', 'Paid')}</Checkbox></Form.Item></Col>
              {paid && <Col span={5}><Form.Item name="quote" label={L('报价（元）', 'Quote (yuan)')} extra={quoteLines.length ? L('按价目表计算', 'From the price list') : L('价目表外项目须工程经理审核报价（R-PAY-3）', 'Items not on the price list need the engineering manager to review the quote (R-PAY-3)')}><InputNumber min={0} precision={2} readOnly={quoteLines.length > 0} /></Form.Item></Col>}
              {paid && <Col span={5}><Form.Item name="paidConfirmedTwice" valuePropName="checked" label={L('二次确认', 'Confirmed twice')}><Checkbox>{L('已确认', 'Confirmed')}</Checkbox></Form.Item></Col>}
            </Row>
            {paid && <Form.Item label={L('有偿项目（价目表）', 'Paid items (price list)')}><PaidQuote items={priceItems} value={quoteLines} onChange={changeQuote} /></Form.Item>}
            <Form.Item name="answer" label={L('答复内容（仅记录已答复时）', 'Answer (only when logging as answered)')}><Input.TextArea rows={2} /></Form.Item>
            {repeats.length > 0 && (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 12 }}
                message={`${L('该房号已有同类案件', 'This unit already has cases of this category')}：${repeats.map((c) => `${c.number}（${repeatLabel(repeatOf(c))}）`).join('、')}`}
                description={L('返修：%s 天内完工过的同类案件（R-KPI-1）；重复：尚未结案的同类案件', 'Rework: a case of the same category completed within %s days (R-KPI-1); repeat: one of the same category still open').replace('%s', String(reworkDays))}
              />
            )}
            <Space>
              <Button type="primary" onClick={() => submit('case')}>{undispatched ? L('重新派工', 'Dispatch again') : L('立项并派工', 'Open and dispatch')}</Button>
              <Button onClick={() => submit('answered')}>{L('记录已答复', 'Log as answered')}</Button>
              <Button onClick={() => submit('undecided')}>{L('提交主管决定', 'Refer to the supervisor')}</Button>
            </Space>
          </Form>
          </div>
        </Card>
      </Col>
      <Col xs={24} lg={9}>
        <Card title={unit ? L('%s 的住户与近期案件', 'Residents and recent cases of %s').replace('%s', unit.code) : L('近期案件', 'Recent cases')}>
          {residents.map((r) => (
            <div key={r.id}>{r.name}（{r.relation === 'owner' ? L('业主', 'owner') : r.relation === 'tenant' ? L('租户', 'tenant') : L('家属', 'family')}） {r.phones.join(' / ')}</div>
          ))}
          <List
            size="small"
            locale={{ emptyText: unit ? L('无历史案件', 'No earlier cases') : L('先输入房号', 'Enter a unit first') }}
            dataSource={history}
            renderItem={(c: any) => (
              <List.Item>
                <Link to={`/cases/${c.id}`}>{c.number}</Link> <Tag>{STATUS_LABELS[c.status]}</Tag>{OPEN_STATUSES.includes(c.status) && <Tag color="orange">{L('未结', 'Open')}</Tag>}{repeatOf(c) && <Tag color="red" data-repeat={repeatOf(c)}>{repeatLabel(repeatOf(c))}</Tag>} {KIND_LABELS[c.kind] ?? c.kindLabel} {c.description.slice(0, 20)} <Typography.Text type="secondary">{bj(c.openedAt)}</Typography.Text>
              </List.Item>
            )}
          />
        </Card>
      </Col>
    </Row>
  );
}
