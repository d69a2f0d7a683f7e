import { Alert, App as AntApp, Button, Card, Col, Form, type FormInstance, Input, InputNumber, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { type ApiError, api, get } from '../../../shared/api.js';
import { bj, fromLocalInput } from '../../../shared/format.js';
import { CHANNEL_OPTIONS, KIND_OPTIONS } from '../../../shared/labels.js';
import { useSession } from '../../session.js';
import { L, same, showFieldErrors } from './common.js';

type Policy = Record<string, any> & { replyDays: Record<string, number> };
interface View<T> { defaults: T; overrides: Partial<T>; effective: T }
interface Explained { at: string; draft: boolean; deadlines: { clock: string; due: string; basis: 'wall' | 'working' }[] }

const CLOCKS: [string, string, string, string, string][] = [
  ['dispatchMinutes', '派工时限', 'Dispatch', 'R-WO-1 受理后派到责任部门', 'R-WO-1 from intake to the department'],
  ['arrivalMinutes', '到场时限', 'Arrival', 'R-WO-4 报修后到场', 'R-WO-4 on site after the report'],
  ['arrivalEmergencyMinutes', '紧急到场时限', 'Emergency arrival', 'R-WO-4 紧急事件到场', 'R-WO-4 on site in an emergency'],
  ['reviewMinutes', '复核返场时限', 'Review return', 'R-WO-5 申请技术复核后返场', 'R-WO-5 back on site after a review request'],
  ['followupMinutes', '首次跟进时限', 'First follow-up', 'R-FU-1 派工后首次跟进', 'R-FU-1 first follow-up after dispatch'],
  ['onlineAckMinutes', '网络投诉回应时限', 'Online acknowledgement', 'R-CP-2 礼貌回应', 'R-CP-2 courteous acknowledgement'],
  ['hotReportMinutes', '热点投诉上报时限', 'Hot complaint report', 'R-HOT-1 上报集团', 'R-HOT-1 report to the group'],
  ['gmFirstVisitMinutes', '总经理热线首次回访', 'GM hotline first visit', 'R-GM-4 部门负责人首次回访', 'R-GM-4 department head first visit'],
  ['gmEscalationMinutes', '总经理热线书面上报', 'GM hotline written report', 'R-GM-3 未解决上报集团领导', 'R-GM-3 unsolved: up to group leadership'],
];
const KIND_LISTS: [string, string, string][] = [
  ['fieldKinds', '上门处理的类别（派工、到场时限）', 'Kinds handled on site (dispatch, arrival)'],
  ['replyKinds', '需答复的类别（答复时限）', 'Kinds that get a reply clock'],
  ['followupKinds', '需跟进的类别（跟进时限）', 'Kinds that are followed up'],
];
const REPLY_CHANNELS = CHANNEL_OPTIONS.filter((c) => c.value !== 'online' && c.value !== 'gm_hotline');
const CLOCK_LABELS: Record<string, [string, string]> = {
  dispatch: ['派工', 'Dispatch'], arrival: ['到场', 'Arrival'], review: ['复核返场', 'Review return'], followup_2h: ['首次跟进', 'First follow-up'],
  followup_eod: ['当日跟进', 'End-of-day follow-up'], reply: ['答复', 'Reply'], online_ack: ['网络投诉回应', 'Online acknowledgement'],
  online_measure: ['网络投诉处理措施', 'Online measure'], hot_report: ['热点上报', 'Hot report'], gm_first_visit: ['总经理热线首次回访', 'GM first visit'],
  gm_escalation: ['总经理热线上报', 'GM escalation'], promised_reply: ['承诺答复', 'Promised reply'],
};
const KIND_LABEL = Object.fromEntries(KIND_OPTIONS.map((k) => [k.value, k.label]));
const CHANNEL_LABEL = Object.fromEntries(CHANNEL_OPTIONS.map((k) => [k.value, k.label]));
const approvers = () => [{ value: 'supervisor', label: L('客服主管', 'Supervisor') }, { value: 'project_manager', label: L('项目经理', 'Project manager') }];

const getPath = (o: any, path: (string | number)[]) => path.reduce((v, k) => (v == null ? v : v[k]), o);
const sorted = (a: unknown) => (Array.isArray(a) ? [...a].sort() : a);
const changed = (value: unknown, def: unknown) => value !== undefined && value !== null && !same(sorted(value), sorted(def));

/** One setting with its default beside it, highlighted when overridden, with "恢复默认". */
/** KPI targets in percent take two decimals; the score and the minutes are whole numbers. */
const pctSetting = (name: (string | number)[]) => name[0] === 'kpi' && String(name[1]).endsWith('Pct');

function Setting({ form, values, defaults, name, label, unit, extra, children }: {
  form: FormInstance; values: any; defaults: any; name: (string | number)[]; label: string; unit?: string; extra?: string; children?: React.ReactNode;
}) {
  const def = getPath(defaults, name);
  const value = getPath(values, name);
  const over = changed(value, def);
  const shownDefault = Array.isArray(def) ? def.map((k) => KIND_LABEL[k] ?? k).join('、') : typeof def === 'string' ? (approvers().find((a) => a.value === def)?.label ?? def) : def;
  return (
    <Form.Item label={label} extra={extra} style={over ? { background: '#fffbe6', outline: '4px solid #fffbe6', marginBottom: 16 } : { marginBottom: 16 }}>
      <Space align="start" wrap>
        <Form.Item name={name} noStyle>
          {children ?? <InputNumber aria-label={label} min={0} precision={name[0] === 'warnShare' || pctSetting(name) ? 2 : 0} step={name[0] === 'warnShare' ? 0.05 : pctSetting(name) ? 0.5 : 1} suffix={unit} style={{ width: 150 }} />}
        </Form.Item>
        <Typography.Text type="secondary">{L('默认', 'Default')} {String(shownDefault)}{unit && !Array.isArray(def) ? ` ${unit}` : ''}</Typography.Text>
        {over && <Tag color="gold">{L('已修改', 'changed')}</Tag>}
        {over && <Button size="small" type="link" onClick={() => form.setFieldValue(name, def)} aria-label={L(`${label}恢复默认`, `${label}: back to default`)}>{L('恢复默认', 'Reset')}</Button>}
      </Space>
    </Form.Item>
  );
}

/** The overrides to save: every value that differs from its default. */
function diff(values: any, defaults: any): any {
  const out: any = {};
  for (const [k, def] of Object.entries(defaults)) {
    const v = values?.[k];
    if (def && typeof def === 'object' && !Array.isArray(def)) {
      const inner = diff(v ?? {}, def);
      if (Object.keys(inner).length) out[k] = inner;
    } else if (changed(v, def)) out[k] = v;
  }
  return out;
}

function Preview({ estateId, version, draft }: { estateId: string; version: number; draft?: Record<string, unknown> }) {
  const [kind, setKind] = useState('repair');
  const [channel, setChannel] = useState('phone');
  const [urgency, setUrgency] = useState('routine');
  const [at, setAt] = useState('');
  const [result, setResult] = useState<Explained>();
  const [error, setError] = useState<string>();
  // The draft is a new object on every render of the tab; its text is what must trigger a new preview.
  const draftJson = draft ? JSON.stringify(draft) : undefined;
  // biome-ignore lint/correctness/useExhaustiveDependencies: version is a trigger: ask again once the settings are saved
  useEffect(() => {
    const params = new URLSearchParams({ kind, channel, urgency });
    const iso = fromLocalInput(at);
    if (iso) params.set('at', iso);
    if (draftJson) params.set('draft', draftJson);
    const timer = setTimeout(() => {
      get<Explained>(`/api/estates/${estateId}/settings/sla/explain?${params}`)
        .then((r) => { setResult(r); setError(undefined); })
        .catch((e: ApiError) => { setResult(undefined); setError(e.fields.length ? e.fields.map((f) => f.message).join('；') : e.message); });
    }, 250);
    return () => clearTimeout(timer);
  }, [estateId, kind, channel, urgency, at, version, draftJson]);
  const dispatch = result?.deadlines.find((d) => d.clock === 'dispatch');
  return (
    <Card
      title={L('时限预览', 'Deadline preview')}
      size="small"
      aria-label={L('时限预览', 'Deadline preview')}
      extra={draft ? <Tag color="gold">{L('含未保存的修改', 'Includes unsaved changes')}</Tag> : <Typography.Text type="secondary">{L('按已保存的设置计算', 'From the saved settings')}</Typography.Text>}
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Select aria-label={L('预览类别', 'Preview kind')} value={kind} onChange={setKind} options={KIND_OPTIONS} style={{ width: 150 }} />
        <Select aria-label={L('预览渠道', 'Preview channel')} value={channel} onChange={setChannel} options={CHANNEL_OPTIONS} style={{ width: 150 }} showSearch optionFilterProp="label" />
        <Select aria-label={L('预览紧急程度', 'Preview urgency')} value={urgency} onChange={setUrgency} options={[{ value: 'routine', label: L('一般', 'Routine') }, { value: 'emergency', label: L('紧急', 'Emergency') }]} style={{ width: 90 }} />
        <Input aria-label={L('受理时间', 'Taken at')} type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} style={{ width: 200 }} />
      </Space>
      {error && <Alert type="error" showIcon title={error} />}
      {result && (
        <>
          <Typography.Paragraph data-testid="sla-preview-summary">
            {L(
              `${at ? `${bj(result.at)} ` : '现在'}以${CHANNEL_LABEL[channel]}受理的${urgency === 'emergency' ? L('紧急', 'Emergency') : ''}${KIND_LABEL[kind]}${dispatch ? `，派工截止 ${bj(dispatch.due)}` : ''}${result.deadlines.length === 0 ? '：没有时限' : ''}`,
              `A ${urgency === 'emergency' ? 'emergency ' : ''}${kind} taken by ${channel} ${at ? `at ${bj(result.at)}` : 'now'}${dispatch ? `: dispatch due ${bj(dispatch.due)}` : ''}${result.deadlines.length === 0 ? ': no deadlines' : ''}`,
            )}
          </Typography.Paragraph>
          <Table
            size="small"
            rowKey="clock"
            pagination={false}
            dataSource={result.deadlines}
            columns={[
              { title: L('时限', 'Clock'), dataIndex: 'clock', render: (c: string) => (CLOCK_LABELS[c] ? L(...CLOCK_LABELS[c]) : c) },
              { title: L('截止', 'Due'), dataIndex: 'due', render: (d: string) => bj(d) },
              { title: L('计时', 'Counted in'), dataIndex: 'basis', render: (b: string) => (b === 'working' ? L('工作时间', 'working time') : L('自然时间', 'wall time')) },
            ]}
          />
        </>
      )}
    </Card>
  );
}

/** SLA 时限: every clock with its default, overrides highlighted, and a live preview. */
export default function SlaTab() {
  const { estateId } = useSession();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm();
  const [rulesForm] = Form.useForm();
  const [sla, setSla] = useState<View<Policy>>();
  const [rules, setRules] = useState<View<any>>();
  const [error, setError] = useState<string>();
  const [rulesError, setRulesError] = useState<string>();
  const [version, setVersion] = useState(0);
  const values = Form.useWatch((v) => v, form);
  const ruleValues = Form.useWatch((v) => v, rulesForm);

  const load = useCallback(async () => {
    const [s, r] = await Promise.all([get<View<Policy>>(`/api/estates/${estateId}/settings/sla`), get<View<any>>(`/api/estates/${estateId}/settings/rules`)]);
    setSla(s);
    setRules(r);
    form.setFieldsValue(s.effective);
    rulesForm.setFieldsValue(r.effective);
  }, [estateId, form, rulesForm]);
  useEffect(() => {
    void load();
  }, [load]);

  const save = async () => {
    setError(undefined);
    try {
      const s = await api<View<Policy>>('PUT', `/api/estates/${estateId}/settings/sla`, { body: diff(form.getFieldsValue(true), sla!.defaults) });
      setSla(s);
      form.setFieldsValue(s.effective);
      setVersion((n) => n + 1);
      message.success(L('SLA 时限已保存，对此后受理的案件生效', 'SLA times saved; they apply to cases opened from now on'));
    } catch (e) {
      setError(showFieldErrors(form, e));
    }
  };
  const saveRules = async () => {
    setRulesError(undefined);
    try {
      const r = await api<View<any>>('PUT', `/api/estates/${estateId}/settings/rules`, { body: diff(rulesForm.getFieldsValue(true), rules!.defaults) });
      setRules(r);
      rulesForm.setFieldsValue(r.effective);
      message.success(L('规则参数已保存', 'Rule settings saved'));
    } catch (e) {
      setRulesError(showFieldErrors(rulesForm, e));
    }
  };

  if (!sla || !rules) return null;
  const d = sla.defaults;
  const edited = values ? diff(values, d) : undefined;
  // The preview shows unsaved values as soon as they differ from what is saved.
  const draft = edited && !same(edited, sla.overrides) ? edited : undefined;
  const r = rules.defaults;
  return (
    <Row gutter={[24, 24]}>
      <Col xs={24} xl={14}>
        <Card title={L('SLA 时限', 'SLA times')} size="small" extra={<Typography.Text type="secondary">{L('修改只影响此后受理的案件', 'Changes apply to cases opened afterwards')}</Typography.Text>}>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
          <Form form={form} layout="horizontal" labelCol={{ span: 7 }} onFinish={save}>
            {CLOCKS.map(([name, zh, en, xzh, xen]) => (
              <Setting key={name} form={form} values={values} defaults={d} name={[name]} label={L(zh, en)} unit={L('分钟', 'min')} extra={L(xzh, xen)} />
            ))}
            <Setting form={form} values={values} defaults={d} name={['warnShare']} label={L('预警比例', 'Warning share')} extra={L('时限过去此比例时提醒（0.8 = 80%）', 'Warn when this share of the time has passed (0.8 = 80%)')} />
            <Typography.Title level={5}>{L('答复时限（工作日，0 = 当日下班前）R-CP-1', 'Reply deadlines (working days, 0 = end of the same day) R-CP-1')}</Typography.Title>
            {REPLY_CHANNELS.map((c) => (
              <Setting key={c.value} form={form} values={values} defaults={d} name={['replyDays', c.value]} label={c.label} unit={L('工作日', 'working days')} />
            ))}
            <Typography.Title level={5}>{L('适用类别', 'Kinds')}</Typography.Title>
            {KIND_LISTS.map(([name, zh, en]) => (
              <Setting key={name} form={form} values={values} defaults={d} name={[name]} label={L(zh, en)}>
                <Select aria-label={L(zh, en)} mode="multiple" options={KIND_OPTIONS} style={{ minWidth: 320 }} />
              </Setting>
            ))}
            <Space>
              <Button type="primary" htmlType="submit">{L('保存 SLA 时限', 'Save SLA times')}</Button>
              <Button onClick={() => form.setFieldsValue(sla.defaults)}>{L('全部恢复默认', 'All back to defaults')}</Button>
            </Space>
          </Form>
        </Card>
        <Card title={L('其他规则参数', 'Other rule settings')} size="small" style={{ marginTop: 24 }}>
          {rulesError && <Alert type="error" showIcon title={rulesError} style={{ marginBottom: 12 }} />}
          <Form form={rulesForm} layout="horizontal" labelCol={{ span: 7 }} onFinish={saveRules}>
            <Setting form={rulesForm} values={ruleValues} defaults={r} name={['escalation', 'stepMinutes']} label={L('逐级上报间隔', 'Escalation step')} unit={L('分钟', 'min')} extra={L('超时后每隔多久上报上一级', 'After a breach, how often it climbs one rung')} />
            <Setting form={rulesForm} values={ruleValues} defaults={r} name={['escalation', 'topLevel']} label={L('最高上报级别', 'Top escalation level')} unit={L('级', 'level')} extra={L('1 主管 · 2 项目经理 · 3 集团品质', '1 supervisor · 2 project manager · 3 group quality')} />
            <Setting form={rulesForm} values={ruleValues} defaults={r} name={['closing', 'emergencyApprover']} label={L('紧急/重大案件销项审批', 'Closing approver for emergency/major cases')}>
              <Select aria-label={L('紧急/重大案件销项审批', 'Closing approver for emergency/major cases')} options={approvers()} style={{ width: 150 }} />
            </Setting>
            <Setting form={rulesForm} values={ruleValues} defaults={r} name={['reworkWindowDays']} label={L('返修统计天数', 'Rework window')} unit={L('天', 'days')} extra={L('R-KPI-1 同一房号同一故障在此天数内算返修', 'R-KPI-1 the same fault at the same unit within this many days is rework')} />
            <Setting form={rulesForm} values={ruleValues} defaults={r} name={['uploads', 'staffDailyMb']} label={L('员工每日上传上限', 'Staff daily upload allowance')} unit="MB" extra={L('每人每天在本项目上传照片、签名的总量', 'Photos and signatures per person per day in this estate')} />
            <Setting form={rulesForm} values={ruleValues} defaults={r} name={['uploads', 'residentDailyMb']} label={L('业户每日上传上限', 'Resident daily upload allowance')} unit="MB" />
            <Setting form={rulesForm} values={ruleValues} defaults={r} name={['hotline', 'firstVisitHours']} label={L('热线首次回访时限', 'Hotline first return visit')} unit={L('小时', 'hours')} extra={L('R-GM-4 责任部门负责人收到热线档案后首次回访', 'R-GM-4 the department head’s first visit after the dossier arrives')} />
            <Setting form={rulesForm} values={ruleValues} defaults={r} name={['hotline', 'escalateAfterDays']} label={L('热线未解决上报天数', 'Hotline: report unresolved after')} unit={L('天', 'days')} extra={L('R-GM-3 未解决须书面上报集团领导和品质部', 'R-GM-3 reported in writing to group leadership and quality')} />
            <Setting form={rulesForm} values={ruleValues} defaults={r} name={['kpi', 'timelinessTargetPct']} label={L('维修及时率目标', 'Timeliness target')} unit="%" extra={L('R-KPI-1 月报、季报中低于此值标红', 'R-KPI-1 flagged in the monthly and quarterly figures when below')} />
            <Setting form={rulesForm} values={ruleValues} defaults={r} name={['kpi', 'reworkTargetPct']} label={L('返修率目标（不高于）', 'Rework target (at most)')} unit="%" />
            <Setting form={rulesForm} values={ruleValues} defaults={r} name={['kpi', 'complaintRateTargetPct']} label={L('投诉率目标（低于）', 'Complaint rate target (below)')} unit="%" extra={L('R-MO-3 有效投诉 ÷ 户数', 'R-MO-3 valid complaints ÷ households')} />
            <Setting form={rulesForm} values={ruleValues} defaults={r} name={['kpi', 'dispatchTimelinessTargetPct']} label={L('派工及时率目标', 'Dispatch timeliness target')} unit="%" extra={L('R-WO-1 指标看板', 'R-WO-1 on the KPI dashboard')} />
            <Setting form={rulesForm} values={ruleValues} defaults={r} name={['kpi', 'feedbackTimelinessTargetPct']} label={L('投诉反馈及时率目标', 'Feedback timeliness target')} unit="%" />
            <Setting form={rulesForm} values={ruleValues} defaults={r} name={['kpi', 'returnVisitTargetPct']} label={L('回访率目标', 'Return-visit rate target')} unit="%" />
            <Setting form={rulesForm} values={ruleValues} defaults={r} name={['kpi', 'satisfactionTargetPct']} label={L('回访满意率目标', 'Satisfaction target')} unit="%" />
            <Setting form={rulesForm} values={ruleValues} defaults={r} name={['kpi', 'satisfiedFromScore']} label={L('满意评分下限', 'Satisfied from score')} unit={L('分', 'pts')} extra={L('回访评分不低于此分计为满意（5 分制）', 'A visit scored at least this (of 5) counts as satisfied')} />
            <Setting form={rulesForm} values={ruleValues} defaults={r} name={['kpi', 'closureTargetPct']} label={L('投诉结案率目标', 'Closure rate target')} unit="%" />
            <Setting form={rulesForm} values={ruleValues} defaults={r} name={['kpi', 'arriveP90TargetMinutes']} label={L('到场用时目标（九成）', 'Arrival p90 target')} unit={L('分钟', 'min')} />
            <Setting form={rulesForm} values={ruleValues} defaults={r} name={['kpi', 'amberBandPct']} label={L('黄灯宽度', 'Amber band')} unit="%" extra={L('未达标但差距不超过目标的此比例时显示黄灯', 'Amber when missing the target by at most this share of it')} />
            <Setting form={rulesForm} values={ruleValues} defaults={r} name={['hot', 'repeatCount']} label={L('重复投诉次数', 'Repeat complaints')} unit={L('次', 'times')} />
            <Setting form={rulesForm} values={ruleValues} defaults={r} name={['hot', 'repeatWindowDays']} label={L('重复投诉统计天数', 'Repeat window')} unit={L('天', 'days')} />
            <Setting form={rulesForm} values={ruleValues} defaults={r} name={['hot', 'hotHeadcount']} label={L('热点投诉人数', 'Hot complaint headcount')} unit={L('人', 'people')} />
            <Setting form={rulesForm} values={ruleValues} defaults={r} name={['hot', 'majorHeadcount']} label={L('重大投诉人数', 'Major complaint headcount')} unit={L('人', 'people')} />
            <Setting form={rulesForm} values={ruleValues} defaults={r} name={['hot', 'hotAfterDays']} label={L('未解决转热点天数', 'Days unresolved → hot')} unit={L('天', 'days')} />
            <Setting form={rulesForm} values={ruleValues} defaults={r} name={['hot', 'majorAfterDays']} label={L('未解决转重大天数', 'Days unresolved → major')} unit={L('天', 'days')} />
            <Form.Item label={L('紧急关键词', 'Emergency keywords')} name="emergencyKeywords" extra={L(`R-EM-1 内容含这些词时建议按紧急处理（默认 ${r.emergencyKeywords.length} 个）`, `R-EM-1 reports with these words are proposed as emergencies (${r.emergencyKeywords.length} by default)`)}>
              <Select aria-label={L('紧急关键词', 'Emergency keywords')} mode="tags" tokenSeparators={[',', '，', ' ']} />
            </Form.Item>
            <Space>
              <Button type="primary" htmlType="submit">{L('保存规则参数', 'Save rule settings')}</Button>
              <Button onClick={() => rulesForm.setFieldsValue(rules.defaults)}>{L('全部恢复默认', 'All back to defaults')}</Button>
            </Space>
          </Form>
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <div style={{ position: 'sticky', top: 16 }}>
          <Preview estateId={estateId} version={version} draft={draft} />
        </div>
      </Col>
    </Row>
  );
}
