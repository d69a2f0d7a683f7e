import { beijingMinute } from '../../domain/beijing-day.js';
import { maskPhone, orderOnTheJob } from '../../domain/personal-data.js';
import { and, eq } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { cases, departments, estates, units, users } from '../../db/schema/index.js';
import { getOrder } from './read-order.js';

const esc = (s: unknown) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const yuan = (cents: number) => (cents / 100).toFixed(2);
const bj = beijingMinute;

/**
 * A printable 派工单/维修单 (A4/A5), the paper form the desk files in the month's binder. The
 * resident's number is on it while the order is being worked (the technician takes the paper
 * along), masked on the copy that is filed.
 */
export async function renderOrderSheet(db: Queryable, actor: Parameters<typeof getOrder>[1], id: string): Promise<string> {
  const o = await getOrder(db, actor, id);
  const [c] = await db.select().from(cases).where(and(eq(cases.estateId, o.estateId), eq(cases.id, o.caseId)));
  const [e] = await db.select().from(estates).where(eq(estates.id, o.estateId));
  const [d] = await db.select().from(departments).where(and(eq(departments.estateId, o.estateId), eq(departments.id, o.departmentId)));
  const [u] = c?.unitId ? await db.select().from(units).where(and(eq(units.estateId, o.estateId), eq(units.id, c.unitId))) : [];
  const [t] = o.technicianId ? await db.select().from(users).where(eq(users.id, o.technicianId)) : [];
  const rows = o.materials
    .map((m) => `<tr><td>${esc(m.name)}</td><td>${esc(m.spec)}</td><td>${esc(m.model)}</td><td>${m.quantity}${esc(m.unit)}</td><td>${yuan(m.unitPriceCents)}</td><td>${m.suppliedBy === 'resident' ? '业户自备' : '公司'}</td></tr>`)
    .join('');
  const signature = o.signatureSha256 ? `<img alt="业户签名" src="/api/files/${o.estateId}/${o.signatureSha256}" style="height:60px">` : '';
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>派工单 ${esc(o.number)}</title>
<style>body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:24px}table{border-collapse:collapse;width:100%}td,th{border:1px solid #333;padding:4px 6px;font-size:13px}h1{font-size:20px;text-align:center}@media print{button{display:none}}</style></head>
<body><h1>${esc(e?.name)} 派工单（维修单）</h1><p>编号：<b>${esc(o.number)}</b>　案件：${esc(c?.number)}　状态：${esc(o.statusLabel)}</p>
<table><tr><th>房号/位置</th><td>${esc(u?.code ?? c?.locationText)}</td><th>联系人</th><td>${esc(c?.contactName)} ${esc(orderOnTheJob(o.status) ? c?.contactPhone : maskPhone(c?.contactPhone))}</td></tr>
<tr><th>部门</th><td>${esc(d?.name)}</td><th>维修人员</th><td>${esc(t?.displayName)}</td></tr>
<tr><th>派工时间</th><td>${bj(o.issuedAt)}</td><th>预约时间</th><td>${bj(o.appointmentAt)}</td></tr>
<tr><th>接单</th><td>${bj(o.acceptedAt)}</td><th>到场</th><td>${bj(o.arrivedAt)}</td></tr>
<tr><th>报修内容</th><td colspan="3">${esc(c?.description)}</td></tr>
<tr><th>维修内容</th><td colspan="3">${esc(o.workDone)}</td></tr></table>
<h3>材料</h3><table><tr><th>名称</th><th>规格</th><th>型号</th><th>数量</th><th>单价(元)</th><th>提供方</th></tr>${rows}</table>
<p>人工费：${yuan(o.labourCents)} 元　合计收费：<b>${yuan(o.feeCents)}</b> 元　完工时间：${bj(o.completedAt)}</p>
<p>业户评价：${esc(o.evaluation)} ${o.rating ? `（${o.rating} 星）` : ''}　业户签名：${signature}</p>
<button type="button" data-print>打印</button><script src="/api/print.js" defer></script></body></html>`;
}
