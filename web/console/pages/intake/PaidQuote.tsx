import { InputNumber, Select, Table, Typography } from 'antd';
import { yuan } from '../../../shared/format.js';

export interface PriceItem { id: string; code: string; name: string; unit: string; priceCents: number }
export interface QuoteLine { itemId: string; quantity: number }

/** The quote in cents from the chosen price-list lines (R-PAY-2). */
export const quoteCents = (lines: QuoteLine[], items: PriceItem[]) =>
  lines.reduce((s, l) => s + Math.round((items.find((i) => i.id === l.itemId)?.priceCents ?? 0) * l.quantity), 0);

/** One line per item for the order and the case: 「更换角阀 ×1个 ¥25.00」. */
export const quoteText = (lines: QuoteLine[], items: PriceItem[]) => {
  const parts = lines.flatMap((l) => {
    const i = items.find((x) => x.id === l.itemId);
    return i ? [`${i.name} ×${l.quantity}${i.unit} ${yuan(Math.round(i.priceCents * l.quantity))}`] : [];
  });
  return parts.length ? `【有偿报价】${parts.join('；')}；合计 ${yuan(quoteCents(lines, items))}` : '';
};

/**
 * Paid service (有偿服务): pick items from the estate's price list with a search box, set the
 * quantities, and see the quote before the case is opened (R-PAY-1/2).
 */
export function PaidQuote({ items, value, onChange }: { items: PriceItem[]; value: QuoteLine[]; onChange: (v: QuoteLine[]) => void }) {
  const rows = value.map((l) => ({ ...l, item: items.find((i) => i.id === l.itemId) })).filter((r) => r.item);
  return (
    <div style={{ marginBottom: 12 }}>
      <Select
        id="intake-price-items"
        aria-label="价目表项目"
        mode="multiple"
        showSearch
        allowClear
        style={{ width: '100%' }}
        placeholder="搜索价目表项目，如 门锁、角阀"
        value={value.map((l) => l.itemId)}
        onChange={(ids: string[]) => onChange(ids.map((id) => value.find((l) => l.itemId === id) ?? { itemId: id, quantity: 1 }))}
        filterOption={(input, opt) => String(opt?.search ?? '').toLowerCase().includes(input.trim().toLowerCase())}
        options={items.map((i) => ({ value: i.id, label: `${i.name}（${yuan(i.priceCents)}/${i.unit}）`, search: `${i.code} ${i.name}` }))}
      />
      {rows.length > 0 && (
        <Table
          size="small"
          style={{ marginTop: 8 }}
          pagination={false}
          rowKey="itemId"
          dataSource={rows}
          columns={[
            { title: '项目', render: (_: unknown, r) => r.item!.name },
            { title: '单价', render: (_: unknown, r) => `${yuan(r.item!.priceCents)}/${r.item!.unit}` },
            {
              title: '数量',
              render: (_: unknown, r) => (
                <InputNumber aria-label={`${r.item!.name} 数量`} size="small" min={1} max={999} value={r.quantity} onChange={(q) => onChange(value.map((l) => (l.itemId === r.itemId ? { ...l, quantity: Number(q) || 1 } : l)))} />
              ),
            },
            { title: '小计', align: 'right', render: (_: unknown, r) => yuan(Math.round(r.item!.priceCents * r.quantity)) },
          ]}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={3}>报价合计</Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right"><Typography.Text strong data-testid="quote-total">{yuan(quoteCents(value, items))}</Typography.Text></Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
      )}
    </div>
  );
}
