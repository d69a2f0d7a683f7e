import { maskPhone } from '../../domain/personal-data.js';
import { bj, esc, printPage, printTable, signatureLine, yuan } from '../print.js';

export interface OrderSheetData {
  estateName: string | null | undefined;
  order: {
    estateId: string;
    number: string;
    statusLabel: string;
    issuedAt: Date | string | null;
    appointmentAt: Date | string | null;
    acceptedAt: Date | string | null;
    arrivedAt: Date | string | null;
    completedAt: Date | string | null;
    workDone: string | null;
    labourCents: number;
    feeCents: number;
    evaluation: string | null;
    rating: number | null;
    signatureSha256: string | null;
    materials: { name: string; spec: string | null; model: string | null; quantity: number; unit: string | null; unitPriceCents: number; suppliedBy: string }[];
  };
  caseNumber: string | null | undefined;
  description: string | null | undefined;
  place: string | null | undefined;
  contactName: string | null | undefined;
  contactPhone: string | null | undefined;
  paid: boolean;
  department: string | null | undefined;
  technician: string | null | undefined;
  /** The technician takes the 工程 copy along while the order is open: it carries the full number. */
  onTheJob: boolean;
}

interface OrderCopy {
  label: string;
  /** The copy the technician takes along. */
  travels: boolean;
  /** Finance files it for a paid repair; for an ordinary one the desk does (004 4.9(1,2)). */
  finance: boolean;
}

/** The three copies of 工程维修派工单 (004 4.9): who files each, and whether it travels with the technician. */
export const ORDER_COPIES: readonly OrderCopy[] = [
  { label: '第一联 客服', travels: false, finance: false },
  { label: '第二联 工程', travels: true, finance: false },
  { label: '第三联 财务', travels: false, finance: true },
];

function sheet(d: OrderSheetData, copy: OrderCopy | null) {
  const o = d.order;
  const phone = d.onTheJob && (copy === null || copy.travels) ? d.contactPhone : maskPhone(d.contactPhone);
  const materials = printTable(
    ['名称', '规格', '型号', '数量', '单价(元)', '提供方'],
    o.materials.map((m) => [m.name, m.spec, m.model, `${m.quantity}${m.unit ?? ''}`, yuan(m.unitPriceCents), m.suppliedBy === 'resident' ? '业户自备' : '公司']),
  );
  const signature = o.signatureSha256 ? `<img alt="业户签名" src="/api/files/${esc(o.estateId)}/${esc(o.signatureSha256)}" style="height:48px;vertical-align:middle">` : '';
  const label = copy ? `<span class="copy-label">${esc(copy.label)}${copy.finance && !d.paid ? '（普通维修由客服存档）' : ''}</span>` : '';
  return `${label}<h1>${esc(d.estateName)} 工程维修派工单</h1>
<p class="meta"><span>编号：<b>${esc(o.number)}</b></span><span>案件：${esc(d.caseNumber)}</span><span>${d.paid ? '有偿维修' : '普通维修'}</span><span>状态：${esc(o.statusLabel)}</span></p>
<table class="grid form"><tbody>
<tr><th>房号/位置</th><td>${esc(d.place)}</td><th>联系人</th><td>${esc(d.contactName)} ${esc(phone)}</td></tr>
<tr><th>部门</th><td>${esc(d.department)}</td><th>维修人员</th><td>${esc(d.technician)}</td></tr>
<tr><th>派工时间</th><td>${bj(o.issuedAt)}</td><th>预约时间</th><td>${bj(o.appointmentAt)}</td></tr>
<tr><th>接单</th><td>${bj(o.acceptedAt)}</td><th>到场</th><td>${bj(o.arrivedAt)}</td></tr>
<tr><th>报修内容</th><td colspan="3">${esc(d.description)}</td></tr>
<tr><th>维修内容</th><td colspan="3">${esc(o.workDone)}</td></tr>
</tbody></table>
<h3>材料</h3>${materials}
<p>人工费：${yuan(o.labourCents)} 元　合计收费：<b>${yuan(o.feeCents)}</b> 元　完工时间：${bj(o.completedAt)}</p>
<p>业户评价：${esc(o.evaluation)} ${o.rating ? `（${o.rating} 星）` : ''}　业户签名：${signature}</p>
<div class="signs">${signatureLine('维修人员')}${signatureLine('客服核验')}</div>`;
}

/**
 * The printed 派工单: one sheet, or its three copies (客服 / 工程 / 财务) each on its own page.
 * The resident's number is on the copy the technician takes while the order is open and masked
 * on the copies that are filed.
 */
export function presentOrderSheet(d: OrderSheetData, copies: 1 | 3) {
  const sheets = copies === 3 ? ORDER_COPIES.map((c) => sheet(d, c)) : [sheet(d, null)];
  return printPage({ title: `派工单 ${d.order.number}`, sheets });
}
