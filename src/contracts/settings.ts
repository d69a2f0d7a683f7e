import { z } from 'zod';
import { CASE_KINDS, CHANNELS, URGENCIES } from '../domain/case-types.js';

/*
 * Typed, validated estate settings (estates.settings JSON). Every PUT body is the estate's whole
 * set of overrides for that group: a field left out falls back to the default. Unknown keys → 400.
 * Messages name the field in Chinese; the error body also carries the field path.
 */

const int = (label: string, unit: string, min: number, max: number) =>
  z
    .number({ error: `${label}须为数字` })
    .int(`${label}须为整数（${unit}）`)
    .min(min, `${label}不能少于 ${min} ${unit}`)
    .max(max, `${label}不能超过 ${max} ${unit}`);
const percent = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label}须为数字（%）` })
    .min(min, `${label}不能低于 ${min} %`)
    .max(max, `${label}不能高于 ${max} %`);
const minutes = (label: string, min: number, max: number) => int(label, '分钟', min, max);
const days = (label: string, min: number, max: number) => int(label, '天', min, max);
const kinds = (label: string) =>
  z
    .array(z.enum(CASE_KINDS, { error: `${label}中有未知的案件类型` }))
    .max(CASE_KINDS.length)
    .refine((a) => new Set(a).size === a.length, `${label}有重复的类型`);

/** Every SLA clock number and list (src/domain/sla/policy.ts), each optional. */
export const SlaOverridesBody = z.strictObject({
  warnShare: z.number({ error: '预警比例须为数字' }).min(0.5, '预警比例不能低于 0.5').max(0.95, '预警比例不能高于 0.95').optional(),
  dispatchMinutes: minutes('派工时限', 1, 240).optional(),
  arrivalMinutes: minutes('到场时限', 5, 1440).optional(),
  arrivalEmergencyMinutes: minutes('紧急到场时限', 5, 240).optional(),
  reviewMinutes: minutes('复核返场时限', 5, 1440).optional(),
  followupMinutes: minutes('首次跟进时限', 10, 1440).optional(),
  replyDays: z
    .strictObject(Object.fromEntries(CHANNELS.map((c) => [c, days(`答复时限（${c}）`, 0, 30).optional()])) as Record<(typeof CHANNELS)[number], z.ZodOptional<z.ZodNumber>>)
    .optional(),
  onlineAckMinutes: minutes('网络投诉回应时限', 10, 1440).optional(),
  hotReportMinutes: minutes('热点投诉上报时限', 10, 1440).optional(),
  gmFirstVisitMinutes: minutes('总经理热线首次回访时限', 60, 10_080).optional(),
  gmEscalationMinutes: minutes('总经理热线上报时限', 60, 86_400).optional(),
  fieldKinds: kinds('上门处理类型').optional(),
  replyKinds: kinds('需答复类型').optional(),
  followupKinds: kinds('需跟进类型').optional(),
});
export type SlaOverrides = z.infer<typeof SlaOverridesBody>;

/** The other numbers of the rules: closing, escalation, hot thresholds, rework window, keywords. */
export const RulesOverridesBody = z.strictObject({
  closing: z.strictObject({ emergencyApprover: z.enum(['supervisor', 'project_manager'], { error: '紧急/重大案件销项审批人应为 客服主管 或 项目经理' }).optional() }).optional(),
  escalation: z
    .strictObject({
      stepMinutes: minutes('逐级上报间隔', 5, 1440).optional(),
      topLevel: int('最高上报级别', '级', 1, 3).optional(),
    })
    .optional(),
  hot: z
    .strictObject({
      repeatCount: int('重复投诉次数', '次', 2, 100).optional(),
      repeatWindowDays: days('重复投诉统计天数', 1, 365).optional(),
      hotHeadcount: int('热点投诉人数', '人', 2, 1000).optional(),
      majorHeadcount: int('重大投诉人数', '人', 2, 10_000).optional(),
      hotAfterDays: days('未解决转热点天数', 1, 365).optional(),
      majorAfterDays: days('未解决转重大天数', 1, 730).optional(),
    })
    .optional(),
  reworkWindowDays: days('返修统计天数', 1, 365).optional(),
  /** R-KPI-1 / R-MO-3 targets, in percent. */
  kpi: z
    .strictObject({
      timelinessTargetPct: percent('维修及时率目标', 50, 100).optional(),
      reworkTargetPct: percent('返修率目标', 0, 50).optional(),
      complaintRateTargetPct: percent('投诉率目标', 0.1, 100).optional(),
      dispatchTimelinessTargetPct: percent('派工及时率目标', 50, 100).optional(),
      feedbackTimelinessTargetPct: percent('投诉反馈及时率目标', 50, 100).optional(),
      returnVisitTargetPct: percent('回访率目标', 50, 100).optional(),
      satisfactionTargetPct: percent('回访满意率目标', 50, 100).optional(),
      closureTargetPct: percent('投诉结案率目标', 10, 100).optional(),
      arriveP90TargetMinutes: minutes('到场用时目标（九成）', 1, 1440).optional(),
      satisfiedFromScore: int('满意评分下限', '分', 1, 5).optional(),
      amberBandPct: percent('黄灯宽度', 0, 50).optional(),
    })
    .optional(),
  uploads: z
    .strictObject({
      staffDailyMb: int('员工每日上传上限', 'MB', 10, 10_000).optional(),
      residentDailyMb: int('业户每日上传上限', 'MB', 5, 1_000).optional(),
    })
    .optional(),
  /** R-GM-3/4: hotline dossier clocks. */
  hotline: z
    .strictObject({
      firstVisitHours: int('热线首次回访时限', '小时', 1, 168).optional(),
      escalateAfterDays: days('热线未解决上报天数', 1, 60).optional(),
    })
    .optional(),
  emergencyKeywords: z
    .array(z.string().trim().min(1, '紧急关键词不能为空').max(20, '紧急关键词不能超过 20 个字'))
    .min(1, '至少保留一个紧急关键词')
    .max(200, '紧急关键词不能超过 200 个')
    .refine((a) => new Set(a).size === a.length, '紧急关键词有重复')
    .optional(),
});
export type RulesOverrides = z.infer<typeof RulesOverridesBody>;

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const time = (label: string) => z.string({ error: `请填写${label}` }).regex(HHMM, `${label}应为 HH:MM，如 08:30`);
const validDate = (s: string) => {
  const t = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s;
};
const date = (label: string) => z.string({ error: `请填写${label}` }).regex(/^\d{4}-\d{2}-\d{2}$/, `${label}应为 YYYY-MM-DD`).refine(validDate, `${label}不是有效日期`);
const monthDay = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .regex(/^\d{2}-\d{2}$/, `${label}应为 MM-DD，如 05-01`)
    .refine((s) => validDate(`2024-${s}`), `${label}不是有效日期`);

/** A working day: start, end and an optional lunch break inside it. */
export const DayHours = z
  .strictObject({
    start: time('上班时间'),
    end: time('下班时间'),
    lunch: z.strictObject({ start: time('午休开始'), end: time('午休结束') }).nullable(),
  })
  .superRefine((h, ctx) => {
    if (h.start >= h.end) ctx.addIssue({ code: 'custom', path: ['end'], message: '下班时间须晚于上班时间' });
    if (!h.lunch) return;
    if (h.lunch.start >= h.lunch.end) ctx.addIssue({ code: 'custom', path: ['lunch', 'end'], message: '午休结束须晚于午休开始' });
    else if (h.lunch.start <= h.start || h.lunch.end >= h.end) ctx.addIssue({ code: 'custom', path: ['lunch', 'start'], message: '午休须在上班与下班时间之间' });
  });
export type DayHours = z.infer<typeof DayHours>;

const HolidayYear = z.strictObject({
  holidays: z
    .array(z.strictObject({ name: z.string().trim().min(1, '请填写假期名称').max(20, '假期名称不能超过 20 个字'), from: date('假期开始日期'), to: date('假期结束日期') }))
    .max(30, '一年最多 30 段假期'),
  makeupWorkdays: z.array(date('调休上班日')).max(30, '一年最多 30 个调休上班日'),
});

/** Years of holidays and 调休 days: cross-checks inside each year. */
const HolidayYears = z.record(z.string(), HolidayYear).superRefine((years, ctx) => {
  for (const [year, y] of Object.entries(years)) {
    if (!/^\d{4}$/.test(year) || Number(year) < 2000 || Number(year) > 2100) {
      ctx.addIssue({ code: 'custom', path: [year], message: `年份 ${year} 不正确（2000–2100）` });
      continue;
    }
    const off = new Map<string, string>();
    y.holidays.forEach((h, i) => {
      if (!validDate(h.from) || !validDate(h.to)) return;
      if (!h.from.startsWith(year)) ctx.addIssue({ code: 'custom', path: [year, 'holidays', i, 'from'], message: `假期「${h.name}」应在 ${year} 年开始` });
      if (h.to < h.from) {
        ctx.addIssue({ code: 'custom', path: [year, 'holidays', i, 'to'], message: `假期「${h.name}」结束日期早于开始日期` });
        return;
      }
      const span = (Date.parse(h.to) - Date.parse(h.from)) / 86_400_000 + 1;
      if (span > 31) {
        ctx.addIssue({ code: 'custom', path: [year, 'holidays', i, 'to'], message: `假期「${h.name}」超过 31 天` });
        return;
      }
      for (let t = Date.parse(`${h.from}T00:00:00Z`); t <= Date.parse(`${h.to}T00:00:00Z`); t += 86_400_000) {
        const d = new Date(t).toISOString().slice(0, 10);
        const other = off.get(d);
        if (other) ctx.addIssue({ code: 'custom', path: [year, 'holidays', i, 'from'], message: `${d} 已属于假期「${other}」` });
        off.set(d, h.name);
      }
    });
    const seen = new Set<string>();
    y.makeupWorkdays.forEach((d, i) => {
      if (!validDate(d)) return;
      if (!d.startsWith(year)) ctx.addIssue({ code: 'custom', path: [year, 'makeupWorkdays', i], message: `调休上班日 ${d} 不在 ${year} 年` });
      if (seen.has(d)) ctx.addIssue({ code: 'custom', path: [year, 'makeupWorkdays', i], message: `调休上班日 ${d} 重复` });
      if (off.has(d)) ctx.addIssue({ code: 'custom', path: [year, 'makeupWorkdays', i], message: `${d} 既是假期「${off.get(d)}」又是调休上班日` });
      seen.add(d);
    });
  }
});

/** The working calendar: hours, summer schedule, hotline hours, holiday years. */
export const CalendarOverridesBody = z.strictObject({
  hours: DayHours.optional(),
  summer: z
    .strictObject({ from: monthDay('夏令时开始'), to: monthDay('夏令时结束'), hours: DayHours })
    .superRefine((s, ctx) => {
      if (s.from >= s.to) ctx.addIssue({ code: 'custom', path: ['to'], message: '夏令时结束须晚于开始' });
    })
    .nullable()
    .optional(),
  hotline: z
    .strictObject({ start: time('热线开始时间'), end: time('热线结束时间') })
    .superRefine((h, ctx) => {
      if (h.start >= h.end) ctx.addIssue({ code: 'custom', path: ['end'], message: '热线结束时间须晚于开始时间' });
    })
    .optional(),
  holidays: HolidayYears.optional(),
});
export type CalendarOverrides = z.infer<typeof CalendarOverridesBody>;

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const instant = (label: string) => z.string().regex(ISO_WITH_OFFSET, `${label}应为带时区的时间，如 2026-03-02T10:00:00+08:00`).refine((s) => !Number.isNaN(Date.parse(s)), `${label}不是有效时间`);

/** What `propdesk sla explain` takes: the deadlines a case opened at `at` would get. */
export const ExplainQuery = z.strictObject({
  kind: z.enum(CASE_KINDS, { error: '请选择案件类型' }).default('repair'),
  channel: z.enum(CHANNELS, { error: '请选择来源渠道' }).default('phone'),
  urgency: z.enum(URGENCIES, { error: '紧急程度应为 routine 或 emergency' }).default('routine'),
  at: instant('受理时间').optional(),
  appointment: instant('预约时间').optional(),
  hot: z.stringbool().optional(),
  /** Unsaved SLA overrides as JSON (the screen's draft): preview them instead of the saved ones. */
  draft: z
    .string()
    .max(4000)
    .transform((s, ctx) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(s);
      } catch {
        ctx.addIssue({ code: 'custom', message: '草稿不是有效的 JSON' });
        return z.NEVER;
      }
      const r = SlaOverridesBody.safeParse(parsed);
      if (!r.success) {
        for (const i of r.error.issues) ctx.addIssue({ code: 'custom', path: i.path as (string | number)[], message: i.message });
        return z.NEVER;
      }
      return r.data;
    })
    .optional(),
});

/** Where breach, escalation and one-time-code messages go: signed JSON POSTs (SMS/WeChat gateways). */
export const WebhookTarget = z.strictObject({
  url: z.url({ error: '地址应为完整网址，如 https://sms.example.com/hook' }).refine((u) => /^https?:\/\//.test(u), '地址须以 http:// 或 https:// 开头'),
  secret: z.string().min(8, '签名密钥至少 8 位').max(200),
  topics: z.array(z.string().trim().min(1).max(50)).max(50).optional(),
});

/**
 * The whole settings JSON of an estate, as `POST /api/estates` and `PATCH /api/estates/:id`
 * accept it: the same checks as the typed settings endpoints, so no path stores a value the
 * rules engine cannot use.
 */
export const EstateSettingsBody = z.strictObject({
  sla: SlaOverridesBody.optional(),
  calendar: CalendarOverridesBody.optional(),
  ...RulesOverridesBody.shape,
  webhooks: z.array(WebhookTarget).max(20, '最多 20 个推送地址').optional(),
  notifyEmails: z.partialRecord(z.enum(['receptionist', 'supervisor', 'project_manager', 'quality_officer']), z.array(z.email({ error: '邮箱格式不正确' })).max(20)).optional(),
});
export type EstateSettings = z.infer<typeof EstateSettingsBody>;
