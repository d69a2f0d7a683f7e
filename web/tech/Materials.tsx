import { Button, Card, Input, List, SearchBar, Selector, Stepper, Tag } from 'antd-mobile';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get } from '../shared/api.js';
import { yuan } from '../shared/format.js';
import './i18n.js';

export interface MaterialLine {
  name: string;
  spec: string | null;
  quantity: number;
  unit: string | null;
  unitPriceCents: number;
  suppliedBy: 'company' | 'resident';
}
interface PriceItem { id: string; code: string; name: string; unit: string; priceCents: number }


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
  const { t } = useTranslation();
  const SUPPLIED = [{ label: t('tech.company'), value: 'company' }, { label: t('tech.resident'), value: 'resident' }];
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
    if (!draft.name.trim()) return setDraftError(t('tech.nameRequired'));
    const price = Number(draft.price || 0);
    if (!(price >= 0)) return setDraftError(t('tech.priceNumber'));
    onChange([...lines, { name: draft.name.trim(), spec: draft.spec.trim() || null, quantity: draft.quantity, unit: null, unitPriceCents: Math.round(price * 100), suppliedBy: draft.suppliedBy }]);
    setDraft({ name: '', spec: '', quantity: 1, price: '', suppliedBy: 'company' });
    setDraftError(undefined);
    setManual(false);
  };

  return (
    <div>
      <SearchBar placeholder={t('tech.priceSearch')} value={q} onChange={setQ} aria-label={t('tech.priceSearchLabel')} />
      {matches.length > 0 && (
        <List>
          {matches.map((i) => (
            <List.Item key={i.id} clickable onClick={() => { onChange([...lines, { name: i.name, spec: i.code, quantity: 1, unit: i.unit, unitPriceCents: i.priceCents, suppliedBy: 'company' }]); setQ(''); }} extra={`${yuan(i.priceCents)}/${i.unit}`}>
              {i.name}
            </List.Item>
          ))}
        </List>
      )}
      {q.trim() && matches.length === 0 && <div style={{ color: '#999', padding: 8 }}>{t('tech.notInPriceList', { q })}</div>}
      {lines.map((m, i) => (
        <Card key={keys[i]} style={{ marginTop: 8, border: '1px solid #eee' }} title={<span>{m.name}{m.spec ? <span style={{ color: '#999' }}> {m.spec}</span> : null}</span>} extra={<Button size="mini" fill="none" color="danger" onClick={() => onChange(lines.filter((_, j) => j !== i))}>{t('tech.remove')}</Button>}>
          <div style={{ display: 'flex', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
            <fieldset aria-label={t('tech.quantity', { name: m.name })} style={{ border: 0, margin: 0, padding: 0 }}><Stepper value={m.quantity} min={1} onChange={(v) => set(i, { quantity: v })} /></fieldset>
            <span>{m.unit ?? ''} × {yuan(m.unitPriceCents)}</span>
            <Selector columns={2} options={SUPPLIED} value={[m.suppliedBy]} onChange={(v) => v[0] && set(i, { suppliedBy: v[0] as MaterialLine['suppliedBy'] })} style={{ '--padding': '4px 8px' } as never} />
            {m.suppliedBy === 'resident' && <Tag color="warning">{t('tech.residentNote')}</Tag>}
          </div>
        </Card>
      ))}
      {manual ? (
        <Card style={{ marginTop: 8, border: '1px solid #eee' }} title={t('tech.manual')}>
          <List>
            <List.Item prefix={t('tech.name')}><Input placeholder={t('tech.namePlaceholder')} value={draft.name} onChange={(v) => setDraft({ ...draft, name: v })} /></List.Item>
            <List.Item prefix={t('tech.spec')}><Input placeholder={t('tech.specPlaceholder')} value={draft.spec} onChange={(v) => setDraft({ ...draft, spec: v })} /></List.Item>
            <List.Item prefix={t('tech.qty')}><Stepper value={draft.quantity} min={1} onChange={(v) => setDraft({ ...draft, quantity: v })} /></List.Item>
            <List.Item prefix={t('tech.price')}><Input placeholder={t('tech.yuan')} type="number" value={draft.price} onChange={(v) => setDraft({ ...draft, price: v })} /></List.Item>
            <List.Item prefix={t('tech.source')}><Selector columns={2} options={SUPPLIED} value={[draft.suppliedBy]} onChange={(v) => v[0] && setDraft({ ...draft, suppliedBy: v[0] as MaterialLine['suppliedBy'] })} /></List.Item>
          </List>
          {draftError && <div role="alert" style={{ color: '#ff3141', padding: '4px 0' }}>{draftError}</div>}
          <div style={{ display: 'flex', gap: 8, marginTop: 8 }}>
            <Button size="small" color="primary" onClick={addManual}>{t('tech.add')}</Button>
            <Button size="small" onClick={() => { setManual(false); setDraftError(undefined); }}>{t('tech.cancel')}</Button>
          </div>
        </Card>
      ) : (
        <Button size="small" style={{ marginTop: 8 }} onClick={() => setManual(true)}>{t('tech.manual')}</Button>
      )}
    </div>
  );
}
