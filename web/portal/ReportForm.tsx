import { Button, Form, Input, Selector, TextArea, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PhotoInput } from '../tech/PhotoInput.js';
import { type ApiError, post, upload } from '../shared/api.js';
import { fromLocalInput } from '../shared/format.js';
import { KIND_OPTIONS } from '../shared/labels.js';
import './i18n.js';

/** The kinds a resident may report (the rest are the desk's). */
const RESIDENT_KINDS = ['repair', 'complaint', 'help', 'inquiry', 'suggestion'];
/** API field → form field. */
const FIELD: Record<string, string> = { appointmentAt: 'preferred', description: 'description', kind: 'kind' };

/** Report a problem: what, photos from the camera, and when someone may come (the appointment). */
export function ReportForm({ estateId, onDone }: { estateId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const KINDS = KIND_OPTIONS.filter((k) => RESIDENT_KINDS.includes(k.value)).map((k) => ({ value: k.value, label: k.label }));
  const [form] = Form.useForm();
  const [photos, setPhotos] = useState<File[]>([]);
  const [photoError, setPhotoError] = useState<string>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (v: any) => {
    setError(undefined);
    setPhotoError(undefined);
    setBusy(true);
    let number: string | undefined;
    try {
      const c = await post('/api/cases', { estateId, kind: v.kind[0], channel: 'wechat', locationKind: 'in_home', description: v.description, appointmentAt: fromLocalInput(v.preferred ?? '') });
      number = c.number;
      if (photos.length) {
        try {
          const shas = [];
          for (const p of photos) shas.push(await upload(estateId, p));
          await post(`/api/cases/${c.id}/photos`, { photos: shas });
        } catch (e) {
          setPhotoError(t('portal.photoFailed', { number: c.number, message: (e as ApiError).message ?? t('portal.offline') }));
        }
      }
      Toast.show(t('portal.submitted', { number: c.number }));
      form.resetFields();
      setPhotos([]);
      onDone();
    } catch (e) {
      const ae = e as ApiError;
      if (number) return;
      const known = (ae.fields ?? []).filter((f) => FIELD[f.field]);
      form.setFields(known.map((f) => ({ name: FIELD[f.field]!, errors: [f.message] })));
      if (known.length === 0) setError(ae.message ?? t('portal.offline'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ kind: ['repair'] }}
      onFinish={submit}
      footer={<>{error && <div role="alert" style={{ color: '#ff3141', marginBottom: 8 }}>{error}</div>}<Button block type="submit" color="primary" loading={busy}>{t('portal.submit')}</Button></>}
    >
      <Form.Item name="kind" label={t('portal.kind')}><Selector options={KINDS} /></Form.Item>
      <Form.Item name="description" label={t('portal.description')} rules={[{ required: true, message: t('portal.descriptionRequired') }]}><TextArea placeholder={t('portal.descriptionPlaceholder')} rows={3} /></Form.Item>
      <Form.Item label={t('portal.photos')} description={photoError ? <span role="alert" style={{ color: '#ff3141' }}>{photoError}</span> : t('portal.photosHint')}>
        <PhotoInput label={t('portal.photoInput')} files={photos} onChange={setPhotos} />
      </Form.Item>
      <Form.Item name="preferred" label={t('portal.preferred')} description={t('portal.preferredHint')}><Input type="datetime-local" aria-label={t('portal.preferred')} /></Form.Item>
    </Form>
  );
}
