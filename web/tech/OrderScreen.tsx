import { Button, Card, Form, Input, NavBar, Rate, Tag, TextArea, Toast } from 'antd-mobile';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, OfflineError, get } from '../shared/api.js';
import { bj, yuan } from '../shared/format.js';
import { ACTION_LABELS, KIND_LABELS, ORDER_STATUS_LABELS } from '../shared/labels.js';
import { type PendingFile, sendOrQueue } from '../shared/offline-queue.js';
import { SignaturePad } from '../shared/SignaturePad.js';
import { type MaterialLine, Materials, materialsCents } from './Materials.js';
import './i18n.js';
import { PhotoInput } from './PhotoInput.js';

const desc = (m?: string) => (m ? <span role="alert" style={{ color: '#ff3141' }}>{m}</span> : undefined);
const err = (m?: string) => (m ? <div role="alert" style={{ color: '#ff3141', fontSize: 13, marginTop: 4 }}>{m}</div> : null);

/** One order on the phone: the case, the step buttons the API offers, and the completion form. */
export function OrderScreen({ id, refresh = 0, onBack, onQueued }: { id: string; refresh?: number; onBack: () => void; onQueued: () => void }) {
  const { t } = useTranslation();
  const [o, setO] = useState<any>(null);
  const [kase, setKase] = useState<any>(null);
  const [signature, setSignature] = useState<Blob | null>(null);
  const [before, setBefore] = useState<File[]>([]);
  const [after, setAfter] = useState<File[]>([]);
  const [materials, setMaterials] = useState<MaterialLine[]>([]);
  const [labour, setLabour] = useState('');
  const [stepError, setStepError] = useState<string>();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const load = useCallback(async () => {
    const order = await get(`/api/orders/${id}`);
    setO(order);
    setKase(await get(`/api/cases/${order.caseId}`));
  }, [id]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `refresh` is the signal to load again after a replay
  useEffect(() => { void load().catch((e) => setStepError((e as ApiError).message)); }, [load, refresh]);

  const step = async (name: string) => {
    setStepError(undefined);
    try {
      const r = await sendOrQueue('POST', `/api/orders/${id}/${name}`, {}, { action: name, subject: t('tech.orderNo', { number: o?.number }) });
      if (r === 'queued') { Toast.show(t('tech.queued')); onQueued(); return; }
      await load();
    } catch (e) {
      setStepError((e as ApiError).message);
    }
  };

  const complete = async (v: any) => {
    setErrors({});
    const local: Record<string, string> = {};
    if (!signature) local.signatureSha256 = t('tech.signatureRequired');
    const labourCents = Math.round(Number(labour || 0) * 100);
    if (!(labourCents >= 0)) local.labourCents = t('tech.labourNumber');
    if (Object.keys(local).length) return setErrors(local);
    const photos = [...before, ...after];
    const files: PendingFile[] = [{ path: 'signatureSha256', blob: signature! }, ...photos.map((blob, i) => ({ path: `photos.${i}`, blob }))];
    const body = {
      workDone: v.workDone,
      labourCents,
      materials,
      signatureSha256: '',
      photos: photos.map(() => ''),
      rating: v.rating || null,
      evaluation: v.evaluation || null,
      // Photos are sent before-then-after; the server keeps how many came before in the timeline.
      beforePhotos: before.length,
    };
    setBusy(true);
    try {
      const r = await sendOrQueue('POST', `/api/orders/${id}/complete`, body, { action: 'complete', subject: t('tech.orderNo', { number: o.number }) }, { estateId: o.estateId, items: files });
      // Queued: back to the list, so the same completion is not submitted a second time.
      if (r === 'queued') { Toast.show(t('tech.queued')); onQueued(); onBack(); return; }
      Toast.show(t('tech.completed'));
      await load();
    } catch (e) {
      if (e instanceof OfflineError) return setStepError(e.message);
      const ae = e as ApiError;
      const fields: Record<string, string> = {};
      for (const f of ae.fields ?? []) {
        const key = f.field.startsWith('photos') ? 'photos' : f.field.startsWith('materials') ? 'materials' : f.field;
        fields[key] ??= f.message;
      }
      if (!ae.fields?.length) fields._ = ae.message;
      setErrors(fields);
    } finally {
      setBusy(false);
    }
  };

  if (!o) return <div><NavBar onBack={onBack}>{t('tech.order')}</NavBar>{err(stepError)}</div>;
  const total = Math.round(Number(labour || 0) * 100) + materialsCents(materials);
  return (
    <div style={{ paddingBottom: 24 }}>
      <NavBar onBack={onBack}>{t('tech.orderNo', { number: o.number })}</NavBar>
      <Card title={kase ? `${kase.unitCode ?? kase.locationText ?? ''} ${KIND_LABELS[kase.kind] ?? kase.kindLabel}` : ''}>
        <div>{kase?.description}</div>
        {o.instructions && <div style={{ color: '#666', marginTop: 4 }}>{t('tech.instructions', { text: o.instructions })}</div>}
        {(kase?.contactName || kase?.contactPhone) && <div style={{ color: '#666' }}>{t('tech.contact', { name: kase.contactName ?? '', phone: kase.contactPhone ?? '' })}</div>}
        {o.appointmentAt && <div style={{ color: '#666' }}>{t('tech.appointment', { at: bj(o.appointmentAt) })}</div>}
        {kase?.paid && <div><Tag color="warning">{t('tech.paid')}</Tag> {t('tech.quote', { amount: yuan(kase.quoteCents) || t('tech.noQuote') })}</div>}
        <div>{t('tech.status')}<Tag>{ORDER_STATUS_LABELS[o.status] ?? o.statusLabel}</Tag></div>
      </Card>
      <div style={{ padding: 12, display: 'flex', gap: 8 }}>
        {o.actions.includes('accept') && <Button color="primary" block onClick={() => step('accept')}>{ACTION_LABELS.accept}</Button>}
        {o.actions.includes('arrive') && <Button color="primary" block onClick={() => step('arrive')}>{ACTION_LABELS.arrive}</Button>}
        {o.actions.includes('return') && <Button color="success" block onClick={() => step('return')}>{ACTION_LABELS.return}</Button>}
      </div>
      <div style={{ padding: '0 12px' }}>{err(stepError)}</div>
      {o.status === 'completed' && o.feeCents > 0 && <Card title={t('tech.fee')}>{t('tech.feeTotal', { amount: yuan(o.feeCents), count: o.materials.length })}</Card>}
      {o.actions.includes('complete') && (
        <Form
          layout="vertical"
          onFinish={complete}
          footer={
            <>
              {err(errors._)}
              <div style={{ marginBottom: 8 }}>{t('tech.due')}<b>{yuan(total)}</b>{t('tech.dueParts', { labour: yuan(Math.round(Number(labour || 0) * 100)), materials: yuan(materialsCents(materials)) })}</div>
              <Button block type="submit" color="primary" loading={busy}>{t('tech.submit')}</Button>
            </>
          }
        >
          <Form.Item name="workDone" label={t('tech.workDone')} rules={[{ required: true, message: t('tech.workDoneRequired') }]} description={desc(errors.workDone)}>
            <Input placeholder={t('tech.workDonePlaceholder')} />
          </Form.Item>
          <Form.Item label={t('tech.materials')}>
            <Materials estateId={o.estateId} lines={materials} onChange={setMaterials} />
            {err(errors.materials)}
          </Form.Item>
          <Form.Item label={t('tech.labour')}>
            <Input type="number" placeholder={t('tech.labourPlaceholder')} value={labour} onChange={setLabour} />
            {err(errors.labourCents)}
          </Form.Item>
          <Form.Item label={t('tech.before')}><PhotoInput label={t('tech.before')} files={before} onChange={setBefore} /></Form.Item>
          <Form.Item label={t('tech.after')}>
            <PhotoInput label={t('tech.afterInput')} files={after} onChange={setAfter} />
            {err(errors.photos)}
          </Form.Item>
          <Form.Item label={t('tech.signature')}>
            <SignaturePad onChange={(b) => { setSignature(b); if (b) setErrors((x) => ({ ...x, signatureSha256: '' })); }} />
            {err(errors.signatureSha256)}
          </Form.Item>
          <Form.Item name="rating" label={t('tech.rating')} description={desc(errors.rating)}><Rate /></Form.Item>
          <Form.Item name="evaluation" label={t('tech.evaluation')}><TextArea rows={2} placeholder={t('tech.evaluationPlaceholder')} /></Form.Item>
        </Form>
      )}
    </div>
  );
}
