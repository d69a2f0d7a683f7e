import { Button, Card, Input, List, SearchBar, Selector, Stepper, Tag } from 'antd-mobile';
import { useEffect, useMemo, useState } from 'react';
import { get } from '../shared/api.js';
import { yuan } from '../shared/format.js';

export interface MaterialLine {
  name: string;
  spec: string | null;
  quantity: number;
  unit: string | null;
  unitPriceCents: number;
  suppliedBy: 'company' | 'resident';
}
interface PriceItem { id: string; code: string; name: string; unit: string; priceCents: number }

const SUPPLIED = [{ label: '公司提供', value: 'company' }, { label: '业户自备', value: 'resident' }];

/** What the company charges for the materials (resident-supplied parts are noted, not charged). */
export const materialsCents = (lines: MaterialLine[]) => lines.filter((m) => m.suppliedBy === 'company').reduce((s, m) => s + Math.round(m.quantity * m.unitPriceCents), 0);

/**
 * React keys for the lines, which carry no id: name and spec (never edited in place) plus which
 * occurrence of that pair it is, so the same material added twice still gets two keys.
 */
function lineKeys(lines: MaterialLine[]): string[] {
  const seen = new Map<string, number>();
  return lines.map((m) => {
    const base = JSON.stringify([m.name, m.spec]);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return `${base}#${n}`;
  });
}

/**
 * Materials of a repair (R-WO-6): picked from the estate's price list by search, or written in by
 * hand (name, spec, quantity, unit price, who supplied it).
 */
export function Materials({ estateId, lines, onChange }: { estateId: string; lines: MaterialLine[]; onChange: (lines: MaterialLine[]) => void }) {
  const [items, setItems] = useState<PriceItem[]>([]);
  const [q, setQ] = useState('');
  const [manual, setManual] = useState(false);
  const [draft, setDraft] = useState({ name: '', spec: '', quantity: 1, price: '', suppliedBy: 'company' as MaterialLine['suppliedBy'] });
  const [draftError, setDraftError] = useState<string>();
  useEffect(() => { get(`/api/estates/${estateId}/price-items`).then((r) => setItems(r.items)).catch(() => setItems([])); }, [estateId]);
  const matches = useMemo(() => {
    const t = q.trim();
    return t ? items.filter((i) => i.name.includes(t) || i.code.toLowerCase().includes(t.toLowerCase())).slice(0, 6) : [];
  }, [q, items]);
  const keys = lineKeys(lines);
  const set = (i: number, patch: Partial<MaterialLine>) => onChange(lines.map((m, j) => (j === i ? { ...m, ...patch } : m)));

  const addManual = () => {
    if (!draft.name.trim()) return setDraftError('请填写材料名称');
    const price = Number(draft.price || 0);
    if (!(price >= 0)) return setDraftError('单价须为数字');
    onChange([...lines, { name: draft.name.trim(), spec: draft.spec.trim() || null, quantity: draft.quantity, unit: null, unitPriceCents: Math.round(price * 100), suppliedBy: draft.suppliedBy }]);
    setDraft({ name: '', spec: '', quantity: 1, price: '', suppliedBy: 'company' });
    setDraftError(undefined);
    setManual(false);
  };

  return (
    <div>
      <SearchBar placeholder="搜索价目表，如 角阀" value={q} onChange={setQ} aria-label="搜索价目表" />
      {matches.length > 0 && (
        <List>
          {matches.map((i) => (
            <List.Item key={i.id} clickable onClick={() => { onChange([...lines, { name: i.name, spec: i.code, quantity: 1, unit: i.unit, unitPriceCents: i.priceCents, suppliedBy: 'company' }]); setQ(''); }} extra={`${yuan(i.priceCents)}/${i.unit}`}>
              {i.name}
            </List.Item>
          ))}
        </List>
      )}
      {q.trim() && matches.length === 0 && <div style={{ color: '#999', padding: 8 }}>价目表中没有「{q}」，可手填材料</div>}
      {lines.map((m, i) => (
        <Card key={keys[i]} style={{ marginTop: 8, border: '1px solid #eee' }} title={<span>{m.name}{m.spec ? <span style={{ color: '#999' }}> {m.spec}</span> : null}</span>} extra={<Button size="mini" fill="none" color="danger" onClick={() => onChange(lines.filter((_, j) => j !== i))}>删除</Button>}>
          <div style={{ display: 'flex', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
            <fieldset aria-label={`${m.name} 数量`} style={{ border: 0, margin: 0, padding: 0 }}><Stepper value={m.quantity} min={1} onChange={(v) => set(i, { quantity: v })} /></fieldset>
            <span>{m.unit ?? ''} × {yuan(m.unitPriceCents)}</span>
            <Selector columns={2} options={SUPPLIED} value={[m.suppliedBy]} onChange={(v) => v[0] && set(i, { suppliedBy: v[0] as MaterialLine['suppliedBy'] })} style={{ '--padding': '4px 8px' } as never} />
            {m.suppliedBy === 'resident' && <Tag color="warning">业户自备，须业户签字确认</Tag>}
          </div>
        </Card>
      ))}
      {manual ? (
        <Card style={{ marginTop: 8, border: '1px solid #eee' }} title="手填材料">
          <List>
            <List.Item prefix="名称"><Input placeholder="材料名称" value={draft.name} onChange={(v) => setDraft({ ...draft, name: v })} /></List.Item>
            <List.Item prefix="规格"><Input placeholder="规格型号" value={draft.spec} onChange={(v) => setDraft({ ...draft, spec: v })} /></List.Item>
            <List.Item prefix="数量"><Stepper value={draft.quantity} min={1} onChange={(v) => setDraft({ ...draft, quantity: v })} /></List.Item>
            <List.Item prefix="单价"><Input placeholder="元" type="number" value={draft.price} onChange={(v) => setDraft({ ...draft, price: v })} /></List.Item>
            <List.Item prefix="来源"><Selector columns={2} options={SUPPLIED} value={[draft.suppliedBy]} onChange={(v) => v[0] && setDraft({ ...draft, suppliedBy: v[0] as MaterialLine['suppliedBy'] })} /></List.Item>
          </List>
          {draftError && <div role="alert" style={{ color: '#ff3141', padding: '4px 0' }}>{draftError}</div>}
          <div style={{ display: 'flex', gap: 8, marginTop: 8 }}>
            <Button size="small" color="primary" onClick={addManual}>加入材料</Button>
            <Button size="small" onClick={() => { setManual(false); setDraftError(undefined); }}>取消</Button>
          </div>
        </Card>
      ) : (
        <Button size="small" style={{ marginTop: 8 }} onClick={() => setManual(true)}>手填材料</Button>
      )}
    </div>
  );
}
