import { Button, Form, Input, Selector, TextArea, Toast } from 'antd-mobile';
import { useState } from 'react';
import { PhotoInput } from '../tech/PhotoInput.js';
import { type ApiError, post, upload } from '../shared/api.js';
import { fromLocalInput } from '../shared/format.js';

const KINDS = [{ label: '报修', value: 'repair' }, { label: '投诉', value: 'complaint' }, { label: '求助', value: 'help' }, { label: '咨询', value: 'inquiry' }, { label: '建议', value: 'suggestion' }];
/** API field → form field. */
const FIELD: Record<string, string> = { appointmentAt: 'preferred', description: 'description', kind: 'kind' };

/** Report a problem: what, photos from the camera, and when someone may come (the appointment). */
export function ReportForm({ estateId, onDone }: { estateId: string; onDone: () => void }) {
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
          setPhotoError(`报修已提交（${c.number}），但照片上传失败：${(e as ApiError).message ?? '网络不可用'}`);
        }
      }
      Toast.show(`已提交，编号 ${c.number}`);
      form.resetFields();
      setPhotos([]);
      onDone();
    } catch (e) {
      const ae = e as ApiError;
      if (number) return;
      const known = (ae.fields ?? []).filter((f) => FIELD[f.field]);
      form.setFields(known.map((f) => ({ name: FIELD[f.field]!, errors: [f.message] })));
      if (known.length === 0) setError(ae.message ?? '网络不可用，请稍后再试');
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
      footer={<>{error && <div role="alert" style={{ color: '#ff3141', marginBottom: 8 }}>{error}</div>}<Button block type="submit" color="primary" loading={busy}>提交</Button></>}
    >
      <Form.Item name="kind" label="类型"><Selector options={KINDS} /></Form.Item>
      <Form.Item name="description" label="问题描述" rules={[{ required: true, message: '请描述问题' }]}><TextArea placeholder="如：厨房水龙头漏水" rows={3} /></Form.Item>
      <Form.Item label="照片（可选）" description={photoError ? <span role="alert" style={{ color: '#ff3141' }}>{photoError}</span> : '可拍摄问题部位，最多 6 张'}>
        <PhotoInput label="问题照片" files={photos} onChange={setPhotos} />
      </Form.Item>
      <Form.Item name="preferred" label="希望上门时间" description="工作人员将按此时间预约上门"><Input type="datetime-local" aria-label="希望上门时间" /></Form.Item>
    </Form>
  );
}
