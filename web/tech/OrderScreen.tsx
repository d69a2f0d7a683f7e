import { Button, Card, Form, Input, NavBar, Rate, Tag, TextArea, Toast } from 'antd-mobile';
import { useCallback, useEffect, useState } from 'react';
import { type ApiError, OfflineError, get } from '../shared/api.js';
import { bj, yuan } from '../shared/format.js';
import { type PendingFile, sendOrQueue } from '../shared/offline-queue.js';
import { SignaturePad } from '../shared/SignaturePad.js';
import { type MaterialLine, Materials, materialsCents } from './Materials.js';
import { PhotoInput } from './PhotoInput.js';

const desc = (m?: string) => (m ? <span role="alert" style={{ color: '#ff3141' }}>{m}</span> : undefined);
const err = (m?: string) => (m ? <div role="alert" style={{ color: '#ff3141', fontSize: 13, marginTop: 4 }}>{m}</div> : null);

/** One order on the phone: the case, the step buttons the API offers, and the completion form. */
export function OrderScreen({ id, onBack, onQueued }: { id: string; onBack: () => void; onQueued: () => void }) {
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
  useEffect(() => { void load().catch((e) => setStepError((e as ApiError).message)); }, [load]);

  const step = async (name: string) => {
    setStepError(undefined);
    try {
      const r = await sendOrQueue('POST', `/api/orders/${id}/${name}`, {}, name);
      if (r === 'queued') { Toast.show('无网络，已保存，联网后自动发送'); onQueued(); return; }
      await load();
    } catch (e) {
      setStepError((e as ApiError).message);
    }
  };

  const complete = async (v: any) => {
    setErrors({});
    const local: Record<string, string> = {};
    if (!signature) local.signatureSha256 = '请业户签名确认（R-WO-6）';
    const labourCents = Math.round(Number(labour || 0) * 100);
    if (!(labourCents >= 0)) local.labourCents = '人工费须为数字';
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
      const r = await sendOrQueue('POST', `/api/orders/${id}/complete`, body, 'complete', { estateId: o.estateId, items: files });
      // Queued: back to the list, so the same completion is not submitted a second time.
      if (r === 'queued') { Toast.show('无网络，已保存，联网后自动发送'); onQueued(); onBack(); return; }
      Toast.show('已完工');
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

  if (!o) return <div><NavBar onBack={onBack}>派工单</NavBar>{err(stepError)}</div>;
  const total = Math.round(Number(labour || 0) * 100) + materialsCents(materials);
  return (
    <div style={{ paddingBottom: 24 }}>
      <NavBar onBack={onBack}>派工单 {o.number}</NavBar>
      <Card title={kase ? `${kase.unitCode ?? kase.locationText ?? ''} ${kase.kindLabel}` : ''}>
        <div>{kase?.description}</div>
        {o.instructions && <div style={{ color: '#666', marginTop: 4 }}>派工说明：{o.instructions}</div>}
        <div style={{ color: '#666' }}>联系人：{kase?.contactName} {kase?.contactPhone}</div>
        {o.appointmentAt && <div style={{ color: '#666' }}>预约：{bj(o.appointmentAt)}</div>}
        {kase?.paid && <div><Tag color="warning">有偿服务</Tag> 报价 {yuan(kase.quoteCents) || '未报价'}</div>}
        <div>状态：<Tag>{o.statusLabel}</Tag></div>
      </Card>
      <div style={{ padding: 12, display: 'flex', gap: 8 }}>
        {o.actions.includes('accept') && <Button color="primary" block onClick={() => step('accept')}>接单</Button>}
        {o.actions.includes('arrive') && <Button color="primary" block onClick={() => step('arrive')}>到场</Button>}
        {o.actions.includes('return') && <Button color="success" block onClick={() => step('return')}>返单</Button>}
      </div>
      <div style={{ padding: '0 12px' }}>{err(stepError)}</div>
      {o.status === 'completed' && o.feeCents > 0 && <Card title="费用">合计 {yuan(o.feeCents)}（{o.materials.length} 项材料）</Card>}
      {o.actions.includes('complete') && (
        <Form
          layout="vertical"
          onFinish={complete}
          footer={
            <>
              {err(errors._)}
              <div style={{ marginBottom: 8 }}>应收合计：<b>{yuan(total)}</b>（人工 {yuan(Math.round(Number(labour || 0) * 100))} + 材料 {yuan(materialsCents(materials))}）</div>
              <Button block type="submit" color="primary" loading={busy}>完工并提交</Button>
            </>
          }
        >
          <Form.Item name="workDone" label="维修内容" rules={[{ required: true, message: '请填写维修内容' }]} description={desc(errors.workDone)}>
            <Input placeholder="如：更换角阀" />
          </Form.Item>
          <Form.Item label="材料（价目表或手填）">
            <Materials estateId={o.estateId} lines={materials} onChange={setMaterials} />
            {err(errors.materials)}
          </Form.Item>
          <Form.Item label="人工费（元）">
            <Input type="number" placeholder="人工费，元" value={labour} onChange={setLabour} />
            {err(errors.labourCents)}
          </Form.Item>
          <Form.Item label="维修前照片"><PhotoInput label="维修前照片" files={before} onChange={setBefore} /></Form.Item>
          <Form.Item label="维修后照片">
            <PhotoInput label="现场照片（维修后）" files={after} onChange={setAfter} />
            {err(errors.photos)}
          </Form.Item>
          <Form.Item label="业户签名">
            <SignaturePad onChange={(b) => { setSignature(b); if (b) setErrors((x) => ({ ...x, signatureSha256: '' })); }} />
            {err(errors.signatureSha256)}
          </Form.Item>
          <Form.Item name="rating" label="业户评价（满意度）" description={desc(errors.rating)}><Rate /></Form.Item>
          <Form.Item name="evaluation" label="业户意见"><TextArea rows={2} placeholder="业户对本次维修的意见" /></Form.Item>
        </Form>
      )}
    </div>
  );
}
