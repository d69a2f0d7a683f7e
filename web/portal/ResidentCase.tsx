import { Button, Card, NavBar, Rate, Selector, Steps, Tag, TextArea, Toast } from 'antd-mobile';
import { useCallback, useEffect, useState } from 'react';
import { type ApiError, get, post } from '../shared/api.js';
import { bj } from '../shared/format.js';
import { STATUS_LABELS } from '../shared/labels.js';

const SATISFACTION = [
  { label: '非常满意', value: '5' },
  { label: '满意', value: '4' },
  { label: '一般', value: '3' },
  { label: '不满意', value: '2' },
  { label: '非常不满意', value: '1' },
];
const SATISFACTION_LABEL: Record<number, string> = Object.fromEntries(SATISFACTION.map((s) => [Number(s.value), s.label]));

const SHOWN = ['case.opened', 'case.photos', 'order.issued', 'order.accepted', 'order.arrived', 'order.completed', 'case.status', 'case.confirmed', 'visit.recorded'];
const TITLES: Record<string, string> = {
  'case.opened': '已受理',
  'case.photos': '已上传照片',
  'order.issued': '已派工',
  'order.accepted': '维修工已接单',
  'order.arrived': '维修工已到场',
  'order.completed': '维修完成',
  'case.confirmed': '您已确认',
  'visit.recorded': '回访',
};

function stepTitle(e: any): string {
  if (e.action === 'case.status') return STATUS_LABELS[e.after?.status] ?? '状态更新';
  if (e.action === 'visit.recorded') return `回访：${SATISFACTION_LABEL[e.after?.satisfaction] ?? ''}${e.after?.channel === 'portal' ? '（您在线评价）' : ''}`;
  return TITLES[e.action] ?? e.action;
}

const errText = (m?: string) => (m ? <div role="alert" style={{ color: '#ff3141', fontSize: 13, marginTop: 6 }}>{m}</div> : null);

/** One of the resident's cases: receipt number, progress, confirm / not fixed, rating, return visit. */
export function ResidentCase({ id, onBack }: { id: string; onBack: () => void }) {
  const [c, setC] = useState<any>(null);
  const [events, setEvents] = useState<any[]>([]);
  const [rating, setRating] = useState(5);
  const [satisfaction, setSatisfaction] = useState<string[]>([]);
  const [opinion, setOpinion] = useState('');
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const load = useCallback(async () => {
    const kase = await get(`/api/cases/${id}?include=timeline`);
    const t = kase.timeline;
    setC(kase);
    setEvents(t.events);
  }, [id]);
  useEffect(() => { void load().catch((e) => setErrors({ load: (e as ApiError).message })); }, [load]);

  /** Runs a step; its error is shown under the card of that step (`where`). */
  const act = async (where: string, url: string, body: unknown) => {
    setErrors({});
    try {
      await post(url, body, { ifMatch: c.version });
      Toast.show('已提交');
      await load();
    } catch (e) {
      const ae = e as ApiError;
      setErrors({ [where]: ae.fields?.[0]?.message ?? ae.message ?? '网络不可用，请稍后再试' });
    }
  };

  if (!c) return <div><NavBar onBack={onBack}>案件</NavBar>{errText(errors.load)}</div>;
  const shown = events.filter((e) => SHOWN.includes(e.action));
  // Once confirmed (and not reopened since) the resident is not asked again; "not fixed" stays offered.
  const lastSeq = (f: (e: any) => boolean) => Math.max(-1, ...events.filter(f).map((e) => Number(e.seq)));
  const confirmed = lastSeq((e) => e.action === 'case.confirmed') > lastSeq((e) => e.action === 'case.status' && e.after?.status === 'reopened');
  const visit = c.returnVisits?.find((v: any) => v.kind === 'closing' && v.outcome === 'visited');
  return (
    <div style={{ paddingBottom: 24 }}>
      <NavBar onBack={onBack}>{c.number}</NavBar>
      {c.receiptNumber && (
        <div data-testid="receipt" style={{ margin: 12, padding: 12, borderRadius: 8, background: '#fff7e6', border: '1px solid #ffd591', textAlign: 'center' }}>
          <div style={{ color: '#ad6800', fontSize: 13 }}>书面投诉回执号（请妥善保存）</div>
          <div style={{ fontSize: 22, fontWeight: 600, letterSpacing: 1, marginTop: 4 }}>{c.receiptNumber}</div>
        </div>
      )}
      <Card title={`${c.kindLabel} · ${STATUS_LABELS[c.status]}`}>
        <div>{c.description}</div>
        {c.appointmentAt && <div style={{ color: '#666', marginTop: 4 }}>预约上门：{bj(c.appointmentAt)}</div>}
      </Card>
      <Steps direction="vertical" current={shown.length - 1}>
        {shown.map((e) => (
          <Steps.Step
            key={e.seq}
            title={stepTitle(e)}
            description={
              <div>
                {bj(e.at)}
                {e.note && <div>{e.note}</div>}
                {e.action === 'case.photos' && (
                  <div style={{ display: 'flex', gap: 4, marginTop: 4 }}>
                    {(e.after?.photos ?? []).map((sha: string) => <img key={sha} src={`/api/files/${c.estateId}/${sha}`} alt="问题照片" style={{ width: 48, height: 48, objectFit: 'cover', borderRadius: 4 }} />)}
                  </div>
                )}
              </div>
            }
          />
        ))}
      </Steps>
      {c.actions.includes('confirm') && !confirmed && (
        <Card title="确认维修结果">
          <Rate value={rating} onChange={setRating} aria-label="评分" />
          <div style={{ display: 'flex', gap: 8, marginTop: 12 }}>
            <Button color="primary" block onClick={() => act('confirm', `/api/cases/${id}/confirm`, { rating })}>已修好，确认</Button>
            {c.actions.includes('reopen') && <Button color="danger" block onClick={() => act('confirm', `/api/cases/${id}/reopen`, { reason: '业户反映没修好' })}>没修好</Button>}
          </div>
          {errText(errors.confirm)}
        </Card>
      )}
      {(!c.actions.includes('confirm') || confirmed) && c.actions.includes('reopen') && (
        <Card title="问题仍未解决？">
          <Button color="danger" block onClick={() => act('reopen', `/api/cases/${id}/reopen`, { reason: '业户反映没修好' })}>没修好，重新处理</Button>
          {errText(errors.reopen)}
        </Card>
      )}
      {c.actions.includes('answer_visit') && (
        <Card title="回访评价">
          <div style={{ color: '#666', marginBottom: 8 }}>您的事项已办结，请对处理过程、措施和结果进行评价。</div>
          <Selector columns={3} options={SATISFACTION} value={satisfaction} onChange={(v) => { setSatisfaction(v); setErrors({}); }} aria-label="满意度" />
          {errText(errors.satisfaction)}
          <TextArea placeholder="您的意见或建议（可选）" rows={3} value={opinion} onChange={setOpinion} style={{ marginTop: 8, border: '1px solid #eee', padding: 4 }} />
          <Button
            block
            color="primary"
            style={{ marginTop: 8 }}
            onClick={() => {
              if (!satisfaction[0]) return setErrors({ satisfaction: '请选择满意度' });
              void act('visit', `/api/cases/${id}/visit-answer`, { satisfaction: Number(satisfaction[0]), opinion: opinion.trim() || undefined });
            }}
          >
            提交回访评价
          </Button>
          {errText(errors.visit)}
        </Card>
      )}
      {visit && (
        <Card title="回访评价">
          <Tag color="success">{SATISFACTION_LABEL[visit.satisfaction]}</Tag> {visit.opinion ?? ''}
          <div style={{ color: '#999', fontSize: 12, marginTop: 4 }}>{bj(visit.visitedAt)}</div>
        </Card>
      )}
    </div>
  );
}
