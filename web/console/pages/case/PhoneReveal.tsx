import { Button, Form, Input, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { type ApiError, post } from '../../../shared/api.js';
import { L } from '../../../shared/i18n.js';

/** Why the desk reads a full number (the server's PHONE_REVEAL_REASONS); "other" needs a note. */
const REASONS: [string, string, string][] = [
  ['contact_resident', '联系业户处理', 'Contact the resident about the case'],
  ['return_visit', '回访', 'Return visit'],
  ['dispatch', '派工协调', 'Coordinate the work order'],
  ['complaint', '投诉沟通', 'Talk the complaint through'],
  ['other', '其他（须说明）', 'Other (say why)'],
];

/**
 * The contact's number, masked as the server sends it. The desk reads the full number only by
 * naming why (issue 13 item 1); the server records the reading in the case's history.
 */
export function PhoneReveal({ caseId, masked, canReveal, onRevealed }: { caseId: string; masked: string | null; canReveal: boolean; onRevealed: () => void }) {
  const [full, setFull] = useState<string>();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  if (!masked) return null;
  if (full) return <a href={`tel:${full}`} id="case-phone-full">{full}</a>;
  const submit = async () => {
    // A missing reason or note is shown under its field by the form itself.
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      const r = await post<{ contactPhone: string }>(`/api/cases/${caseId}/phone-reveal`, { reason: v.reason, ...(v.note ? { note: v.note } : {}) });
      setFull(r.contactPhone);
      setAsking(false);
      onRevealed();
    } catch (e) {
      const err = e as ApiError;
      form.setFields((err.fields ?? []).map((f) => ({ name: f.field, errors: [f.message] })));
      if (!err.fields?.length) form.setFields([{ name: 'reason', errors: [err.message] }]);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space size={4}>
      <span id="case-phone-masked">{masked}</span>
      {canReveal && (
        <Button size="small" type="link" id="case-phone-reveal" onClick={() => setAsking(true)}>
          {L('查看完整号码', 'Show full number')}
        </Button>
      )}
      <Modal open={asking} title={L('查看完整电话号码', 'Read the full phone number')} okText={L('查看', 'Show')} cancelText={L('取消', 'Cancel')} confirmLoading={busy} onOk={submit} onCancel={() => setAsking(false)} destroyOnHidden>
        <p>{L('查看将记录在案件历史中（查看人、时间、原因）。', 'The reading is recorded in the case history (who, when, why).')}</p>
        <Form form={form} layout="vertical" initialValues={{ reason: 'contact_resident' }}>
          <Form.Item name="reason" label={L('原因', 'Reason')} rules={[{ required: true, message: L('请选择查看原因', 'Choose a reason') }]}>
            <Select id="phone-reveal-reason" options={REASONS.map(([value, zh, en]) => ({ value, label: L(zh, en) }))} />
          </Form.Item>
          <Form.Item name="note" label={L('说明', 'Note')} dependencies={['reason']} rules={[({ getFieldValue }) => ({ required: getFieldValue('reason') === 'other', message: L('选择“其他”时请说明原因', 'Say why when choosing “other”') })]}>
            <Input id="phone-reveal-note" maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
