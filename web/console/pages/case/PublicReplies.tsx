import { Alert, Button, Card, Form, Image, Input, List, Select, Space, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { type ApiError, get, post } from '../../../shared/api.js';
import { bj } from '../../../shared/format.js';
import { L } from '../../../shared/i18n.js';

const KIND: Record<string, [string, string]> = {
  acknowledgement: ['致歉回应（4 小时内）', 'Acknowledgement (within 4 h)'],
  measure: ['处理措施（当日）', 'Measure (same working day)'],
  reply: ['后续回复', 'Further reply'],
};
const STATUS: Record<string, [string, string, string]> = {
  draft: ['待审核', 'Awaiting approval', 'gold'],
  approved: ['已审核待发布', 'Approved, to post', 'blue'],
  published: ['已发布', 'Posted', 'green'],
};
const kindLabel = (k: string) => (KIND[k] ? L(KIND[k][0], KIND[k][1]) : k);

/**
 * 网络投诉 (R-CP-2) on the case page: the posts as archived, every public reply with its approval,
 * and the forms the answer offers — the desk drafts and posts, the quality office approves.
 */
export function PublicReplies({ caseId, estateId, online, onChanged }: { caseId: string; estateId: string; online: boolean; onChanged: () => void }) {
  const [r, setR] = useState<any>();
  const [error, setError] = useState<string>();
  const [draft] = Form.useForm();
  const [archive] = Form.useForm();
  const [urls, setUrls] = useState<Record<string, string>>({});
  const load = useCallback(() => {
    if (!online) return;
    get(`/api/cases/${caseId}/public-replies`)
      .then(setR)
      .catch(() => setR(undefined));
  }, [caseId, online]);
  useEffect(() => load(), [load]);
  if (!online || !r) return null;
  const send = async (form: typeof draft | null, url: string, body: unknown, ifMatch?: number) => {
    try {
      setR(await post(url, body, ifMatch === undefined ? undefined : { ifMatch }));
      form?.resetFields();
      setError(undefined);
      // A posted reply settles the case's R-CP-2 clock; the case page shows it.
      onChanged();
    } catch (e) {
      const err = e as ApiError;
      if (form && err.fields?.length) form.setFields(err.fields.map((f) => ({ name: f.field, errors: [f.message] })));
      else setError(err.message);
    }
  };
  return (
    <Card title={L('网络投诉：原帖存档与公开回复', 'Online complaint: archived posts and public replies')} size="small" id="public-replies">
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 8 }} />}
      {r.posts.length > 0 && (
        <List
          size="small"
          header={L('原帖存档', 'Posts as received')}
          dataSource={r.posts}
          renderItem={(p: any) => (
            <List.Item>
              <Space direction="vertical" size={2}>
                <span>{bj(p.recordedAt)} <a href={p.sourceUrl} target="_blank" rel="noopener noreferrer">{p.sourceUrl}</a></span>
                <span style={{ whiteSpace: 'pre-wrap' }}>{p.body}</span>
                {p.screenshotSha256 && <Image width={160} alt={L('截图', 'Screenshot')} src={`/api/files/${estateId}/${p.screenshotSha256}`} />}
              </Space>
            </List.Item>
          )}
        />
      )}
      <List
        size="small"
        header={L('公开回复（须经品质管理部审核后发布）', 'Public replies (posted only once the quality office approved them)')}
        dataSource={r.items}
        locale={{ emptyText: L('尚无回复', 'No reply yet') }}
        renderItem={(x: any) => (
          <List.Item data-reply={x.status}>
            <Space direction="vertical" size={4} style={{ width: '100%' }}>
              <Space wrap>
                <Tag>{kindLabel(x.kind)}</Tag>
                <Tag color={STATUS[x.status]?.[2]}>{STATUS[x.status] ? L(STATUS[x.status]![0], STATUS[x.status]![1]) : x.status}</Tag>
                <span>{L('拟稿', 'Drafted')} {x.draftedBy} {bj(x.draftedAt)}</span>
                {x.approvedAt && <span>{L('审核', 'Approved')} {x.approvedBy} {bj(x.approvedAt)}</span>}
                {x.publishedAt && <span>{L('发布', 'Posted')} {x.publishedBy} {bj(x.publishedAt)}</span>}
                {x.publishedUrl && <a href={x.publishedUrl} target="_blank" rel="noopener noreferrer">{L('查看', 'View')}</a>}
              </Space>
              <span style={{ whiteSpace: 'pre-wrap' }}>{x.body}</span>
              {x.actions.includes('approve') && <Button size="small" type="primary" id={`reply-approve-${x.id}`} onClick={() => void send(null, `/api/public-replies/${x.id}/approve`, {}, x.version)}>{L('审核通过', 'Approve')}</Button>}
              {x.actions.includes('publish') && (
                <Space.Compact style={{ maxWidth: 520 }}>
                  <Input size="small" placeholder={L('发布后的链接（可选）', 'Link once posted (optional)')} value={urls[x.id] ?? ''} onChange={(e) => setUrls({ ...urls, [x.id]: e.target.value })} />
                  <Button size="small" type="primary" id={`reply-publish-${x.id}`} onClick={() => void send(null, `/api/public-replies/${x.id}/publish`, { url: urls[x.id]?.trim() || null }, x.version)}>{L('标记已发布', 'Mark posted')}</Button>
                </Space.Compact>
              )}
            </Space>
          </List.Item>
        )}
      />
      {r.actions.includes('draft') && (
        <Form form={draft} layout="inline" style={{ marginTop: 8, rowGap: 8 }} initialValues={{ kind: r.items.some((x: any) => x.kind === 'acknowledgement') ? 'measure' : 'acknowledgement' }} onFinish={(v) => void send(draft, `/api/cases/${caseId}/public-replies`, v)}>
          <Form.Item name="kind" label={L('回复类型', 'Kind')}>
            <Select id="reply-kind" style={{ width: 190 }} options={Object.keys(KIND).map((k) => ({ value: k, label: kindLabel(k) }))} />
          </Form.Item>
          <Form.Item name="body" label={L('回复内容', 'Reply')} style={{ flex: '1 1 320px' }} rules={[{ required: true, whitespace: true, message: L('请填写回复内容', 'Write the reply') }]}>
            <Input.TextArea id="reply-body" autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} />
          </Form.Item>
          <Button htmlType="submit" id="reply-draft">{L('提交审核', 'Send for approval')}</Button>
        </Form>
      )}
      {r.actions.includes('archive_post') && (
        <Form form={archive} layout="inline" style={{ marginTop: 8, rowGap: 8 }} onFinish={(v) => void send(archive, `/api/cases/${caseId}/online-posts`, v)}>
          <Form.Item name="sourceUrl" label={L('原帖链接', 'Post link')} rules={[{ required: true, message: L('请填写原帖链接', 'Give the link') }]}>
            <Input id="post-url" style={{ width: 260 }} placeholder="https://" />
          </Form.Item>
          <Form.Item name="body" label={L('原帖内容', 'Post text')} style={{ flex: '1 1 280px' }} rules={[{ required: true, whitespace: true, message: L('请填写帖子原文', 'Copy the post') }]}>
            <Input.TextArea id="post-body" autoSize={{ minRows: 1, maxRows: 4 }} maxLength={4000} />
          </Form.Item>
          <Button htmlType="submit" id="post-archive">{L('存档原帖', 'Archive the post')}</Button>
        </Form>
      )}
    </Card>
  );
}
