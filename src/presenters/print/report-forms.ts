import type { dailyReview } from '../../services/reports/daily.js';
import type { monthlyReport, quarterlyReport } from '../../services/reports/monthly.js';
import type { hotlineDaily } from '../../services/hotline/daily-report.js';
import type { returnVisitRegister } from '../../db/repos/return-visits.js';
import { maskPhone } from '../../domain/personal-data.js';
import { bj, esc, printPage, printTable, signatureLine } from '../print.js';

type Monthly = Awaited<ReturnType<typeof monthlyReport>>;
type Quarterly = Awaited<ReturnType<typeof quarterlyReport>>;
type Daily = Awaited<ReturnType<typeof dailyReview>>;
type HotlineDaily = Awaited<ReturnType<typeof hotlineDaily>>;

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${v}%`);

/** 月度维修单装订封面 (R-MO-2): month, totals, in-home, public, timeliness, rework and the order-number range. */
export function presentBinderCover(estate: string, r: Monthly) {
  const [year, month] = r.month.split('-');
  const row = (k: string, v: string | number) => `<tr><th>${esc(k)}</th><td style="font-size:18px">${esc(v)}</td></tr>`;
  const range = r.cover.firstOrderNumber ? `${r.cover.firstOrderNumber} — ${r.cover.lastOrderNumber}` : '（本月无派工单）';
  return printPage({
    title: `维修单封面 ${r.month}`,
    sheets: [
      `<div style="height:50mm"></div><h1 style="font-size:30px">${esc(estate)}</h1>
<p class="sub" style="font-size:24px;margin:10mm 0">工程维修派工单　${esc(year)} 年 ${Number(month)} 月</p>
<p class="sub">${esc(r.period.from)} 至 ${esc(r.period.to)}</p>
<table class="grid form" style="width:70%;margin:14mm auto"><tbody>
${row('派工单总数', r.cover.totalOrders)}${row('户内维修', r.cover.inHome)}${row('公共区域维修', r.cover.public)}
${row('常规 / 有偿', `${r.orders.routine} / ${r.orders.paid}`)}${row('作废', r.orders.voided)}
${row('维修及时率', pct(r.cover.timelinessPct))}${row('返修率', pct(r.cover.reworkPct))}${row('单号范围', range)}
</tbody></table>
<div class="signs" style="justify-content:center">${signatureLine('装订人')}${signatureLine('审核')}</div>`,
    ],
  });
}

/** 季度工作小结 (R-QT-1): three months and the quarter's figures, the supervisor's and the project manager's signatures. */
export function presentQuarterlyForm(estate: string, q: Quarterly) {
  const months = printTable(
    ['月份', '派工单', '户内', '公共', '有偿', '维修及时率', '返修', '返修率', '有效投诉', '投诉率'],
    q.months.map((x) => [x.month, x.orders, x.inHome, x.public, x.paid, pct(x.timelinessPct), x.reworks, pct(x.reworkPct), x.validComplaints, pct(x.complaintRatePct)]),
  );
  const t = q.total;
  const s = q.signoff;
  return printPage({
    title: `季度小结 ${q.quarter}`,
    sheets: [
      `<h1>${esc(estate)} 客服季度工作小结</h1><p class="sub">${esc(q.quarter.replace('-Q', ' 年第 '))} 季度</p>
${months}
<table class="grid form" style="margin-top:8px"><tbody>
<tr><th>季度派工单</th><td>${t.orders}</td><th>维修及时率</th><td>${pct(t.timeliness.ratePct)}</td></tr>
<tr><th>返修率</th><td>${pct(t.rework.ratePct)}</td><th>投诉率</th><td>${pct(t.complaintRate.ratePct)}（有效投诉 ${t.complaintRate.validComplaints} 件 ÷ ${t.complaintRate.households} 户）</td></tr>
<tr><th>客服主管说明</th><td colspan="3" style="height:24mm">${esc(s?.supervisor.note)}</td></tr>
<tr><th>项目经理意见</th><td colspan="3" style="height:30mm">${esc(s?.manager?.comment)}</td></tr>
</tbody></table>
<div class="signs">${signatureLine('客服主管签字', s ? { name: s.supervisor.name, at: s.supervisor.signedAt } : null)}${signatureLine('项目经理签字', s?.manager ? { name: s.manager.name, at: s.manager.signedAt } : null)}</div>
<p class="note">${s ? '数字为主管签字时的季度数据。' : '尚未签字：签字后请重新打印。'}</p>`,
    ],
  });
}

/** 报修投诉处理记录表 (000 立项/销项): the day's cases as opened and, where closed, how; the supervisor's review (R-DY-1). */
/** Phones are masked: the register is filed paper (issue 13 item 1). */
export function presentDayRegister(estate: string, d: Daily, unitCodes: ReadonlyMap<string, string>, phones: ReadonlyMap<string, string | null>) {
  const rows = [...d.opened, ...d.closed.filter((c) => !d.opened.some((o) => o.id === c.id))].map((c, i) => [
    i + 1,
    c.number,
    bj(c.openedAt),
    c.kindLabel,
    c.contactName,
    [c.unitId ? unitCodes.get(c.unitId) : null, c.locationText].filter(Boolean).join(' '),
    maskPhone(phones.get(c.id)),
    c.description,
    c.statusLabel,
    bj(c.closedAt),
  ]);
  const s = d.signoff;
  return printPage({
    title: `报修投诉处理记录表 ${d.day}`,
    landscape: true,
    sheets: [
      `<h1>${esc(estate)} 报修投诉处理记录表</h1>
<p class="meta"><span>日期：${esc(d.day)}</span><span>立项 ${d.counts.opened} 件　销项 ${d.counts.closed} 件　派工单未回 ${d.counts.ordersNotReturned} 张</span></p>
${printTable(['序号', '编号', '立项时间', '类别', '联系人', '地址/位置', '联系电话', '内容', '处理结果', '销项时间'], rows, { widths: ['5%', '11%', '10%', '6%', '7%', '11%', '9%', '22%', '8%', '11%'], empty: '当日无立项、销项' })}
<div class="signs">${signatureLine('客服接待员')}${signatureLine('客服主管审核', s ? { name: s.signedBy, at: s.signedAt } : null)}</div>
${s?.note ? `<p class="note">主管意见：${esc(s.note)}</p>` : ''}`,
    ],
  });
}

/** 热线日报 (R-GM-5): the day's calls and every open dossier with its latest step. */
export function presentHotlineDailyForm(r: HotlineDaily) {
  const calls = printTable(
    ['来电时间', '项目', '房号', '来电人', '电话', '事项', '处理'],
    r.calls.map((c) => [bj(c.receivedAt), c.estateName, c.unitCode, c.callerName, c.callerPhone, c.matter, c.number ? `${c.routedLabel} ${c.number}` : c.routedLabel]),
    { widths: ['11%', '11%', '8%', '8%', '10%', '40%', '12%'], empty: '当日无来电' },
  );
  const open = printTable(
    ['档案号', '项目', '受理', '事项', '状态', '最新进展', '提醒'],
    r.open.map((o) => [
      o.number,
      o.estateName,
      bj(o.receivedAt),
      o.matter,
      o.statusLabel,
      o.latest ? `${bj(o.latest.at)} ${o.latest.step}` : '',
      [o.firstVisitOverdue ? '首次回访超时' : '', o.escalatedAt ? '已书面上报' : o.escalationDue ? '应上报' : ''].filter(Boolean).join('；'),
    ]),
    { widths: ['11%', '10%', '11%', '30%', '9%', '17%', '12%'], empty: '无未结案档案' },
  );
  const n = r.counts;
  return printPage({
    title: `热线日报 ${r.day}`,
    landscape: true,
    sheets: [
      `<h1>总经理热线日报</h1><p class="sub">${esc(r.day)}</p>
<p class="meta"><span>来电 ${n.calls}　建档 ${n.dossiers}　转回项目 ${n.routedBack}</span><span>未结案 ${n.open}　首次回访超时 ${n.firstVisitOverdue}　超期上报 ${n.escalationDue}</span></p>
<h3>当日来电</h3>${calls}<h3>未结案档案</h3>${open}
<div class="signs">${signatureLine('热线专员')}${signatureLine('品质管理部')}</div>`,
    ],
  });
}

const EXEMPT: Record<string, string> = { resolved_on_spot: '现场解决并确认', anonymous: '匿名', unreachable: '无法联系', sensitive: '敏感事项' };
const SATISFACTION = ['', '很不满意', '不满意', '一般', '满意', '很满意'];

/** 回访记录表 (R-RV-1…3): the month's return visits, and the ones exempted with why. */
export function presentReturnVisitRegister(estate: string, month: string, rows: Awaited<ReturnType<typeof returnVisitRegister>>) {
  const visited = rows.filter((r) => r.outcome === 'visited');
  const satisfied = visited.filter((r) => (r.satisfaction ?? 0) >= 4).length;
  const table = printTable(
    ['序号', '回访时间', '案件编号', '房号/位置', '联系人', '电话', '类型', '结果', '业户意见', '回访人'],
    rows.map((r, i) => [
      i + 1,
      bj(r.visitedAt),
      r.caseNumber,
      r.unitCode ?? r.locationText,
      r.contactName,
      maskPhone(r.contactPhone),
      r.kind === 'stage' ? '阶段回访' : '结案回访',
      r.outcome === 'exempt' ? `免回访：${EXEMPT[r.exemptReason ?? ''] ?? r.exemptReason ?? ''}` : `${r.satisfaction ?? ''} ${SATISFACTION[r.satisfaction ?? 0] ?? ''}`,
      r.opinion,
      r.visitor,
    ]),
    { widths: ['5%', '11%', '12%', '9%', '7%', '9%', '7%', '10%', '21%', '9%'], empty: '本月无回访记录' },
  );
  return printPage({
    title: `回访记录表 ${month}`,
    landscape: true,
    sheets: [
      `<h1>${esc(estate)} 回访记录表</h1>
<p class="meta"><span>月份：${esc(month)}</span><span>回访 ${visited.length} 次　免回访 ${rows.length - visited.length} 件　满意（4–5 分）${satisfied} 次</span></p>
${table}
<div class="signs">${signatureLine('客服主管审核')}</div>`,
    ],
  });
}
