import { Button, Card, NavBar, Rate, Selector, Steps, Tag, TextArea, Toast } from 'antd-mobile';
import type { TFunction } from 'i18next';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, get, post } from '../shared/api.js';
import { bj } from '../shared/format.js';
import { LangSwitch } from '../shared/MobileLang.js';
import { KIND_LABELS, STATUS_LABELS } from '../shared/labels.js';
import './i18n.js';

const SATISFACTION_VALUES = [5, 4, 3, 2, 1];

/** Events the resident sees in the progress timeline. */
const SHOWN = ['case.opened', 'case.photos', 'order.issued', 'order.accepted', 'order.arrived', 'order.completed', 'case.status', 'case.confirmed', 'visit.recorded'];
const TITLES: Record<string, string> = {
  'case.opened': 'portal.stepOpened',
  'case.photos': 'portal.stepPhotos',
  'order.issued': 'portal.stepIssued',
  'order.accepted': 'portal.stepAccepted',
  'order.arrived': 'portal.stepArrived',
  'order.completed': 'portal.stepCompleted',
  'case.confirmed': 'portal.stepConfirmed',
};

/**
 * Whether an event is a step of the resident's timeline. The case's own move to 已派工 is left out:
 * the order's `order.issued` (已派工) stands for it, so the step is not shown twice.
 */
export const shownInTimeline = (e: { action: string; after?: { status?: string } | null }) =>
  SHOWN.includes(e.action) && !(e.action === 'case.status' && e.after?.status === 'dispatched');

function stepTitle(e: any, t: TFunction): string {
  if (e.action === 'case.status') return STATUS_LABELS[e.after?.status] ?? t('portal.stepStatus');
  if (e.action === 'visit.recorded') return t('portal.stepVisit', { satisfaction: e.after?.satisfaction ? t(`portal.s${e.after.satisfaction}`) : '', online: e.after?.channel === 'portal' ? t('portal.visitOnline') : '' });
  return TITLES[e.action] ? t(TITLES[e.action]!) : e.action;
}

/** Stored on the case for the desk, in Chinese whatever the resident's language. */
const NOT_FIXED = '业户反映没修好';

const errText = (m?: string) => (m ? <div role="alert" style={{ color: '#ff3141', fontSize: 13, marginTop: 6 }}>{m}</div> : null);

/** One of the resident's cases: receipt number, progress, confirm / not fixed, rating, return visit. */
export function ResidentCase({ id, onBack }: { id: string; onBack: () => void }) {
  const { t } = useTranslation();
  const SATISFACTION = SATISFACTION_VALUES.map((v) => ({ label: t(`portal.s${v}`), value: String(v) }));
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
      Toast.show(t('portal.done'));
      await load();
    } catch (e) {
      const ae = e as ApiError;
      setErrors({ [where]: ae.fields?.[0]?.message ?? ae.message ?? t('portal.offline') });
    }
  };

  if (!c) return <div><NavBar onBack={onBack}>{t('portal.case')}</NavBar>{errText(errors.load)}</div>;
  const shown = events.filter(shownInTimeline);
  // Once confirmed (and not reopened since) the resident is not asked again; "not fixed" stays offered.
  const lastSeq = (f: (e: any) => boolean) => Math.max(-1, ...events.filter(f).map((e) => Number(e.seq)));
  const confirmed = lastSeq((e) => e.action === 'case.confirmed') > lastSeq((e) => e.action === 'case.status' && e.after?.status === 'reopened');
  const visit = c.returnVisits?.find((v: any) => v.kind === 'closing' && v.outcome === 'visited');
  return (
    <div style={{ paddingBottom: 24 }}>
      <NavBar onBack={onBack} right={<LangSwitch />}>{c.number}</NavBar>
      {c.receiptNumber && (
        <div data-testid="receipt" style={{ margin: 12, padding: 12, borderRadius: 8, background: '#fff7e6', border: '1px solid #ffd591', textAlign: 'center' }}>
          <div style={{ color: '#ad6800', fontSize: 13 }}>{t('portal.receipt')}</div>
          <div style={{ fontSize: 22, fontWeight: 600, letterSpacing: 1, marginTop: 4 }}>{c.receiptNumber}</div>
        </div>
      )}
      <Card title={`${KIND_LABELS[c.kind] ?? c.kindLabel} · ${STATUS_LABELS[c.status]}`}>
        <div>{c.description}</div>
        {c.appointmentAt && <div style={{ color: '#666', marginTop: 4 }}>{t('portal.appointment', { at: bj(c.appointmentAt) })}</div>}
      </Card>
      <Steps direction="vertical" current={shown.length - 1}>
        {shown.map((e) => (
          <Steps.Step
            key={e.seq}
            title={stepTitle(e, t)}
            description={
              <div>
                {bj(e.at)}
                {e.note && <div>{e.note}</div>}
                {e.action === 'case.photos' && (
                  <div style={{ display: 'flex', gap: 4, marginTop: 4 }}>
                    {(e.after?.photos ?? []).map((sha: string) => <img key={sha} src={`/api/files/${c.estateId}/${sha}`} alt={t('portal.photoInput')} style={{ width: 48, height: 48, objectFit: 'cover', borderRadius: 4 }} />)}
                  </div>
                )}
              </div>
            }
          />
        ))}
      </Steps>
      {c.actions.includes('confirm') && !confirmed && (
        <Card title={t('portal.confirmTitle')}>
          <Rate value={rating} onChange={setRating} aria-label={t('portal.rating')} />
          <div style={{ display: 'flex', gap: 8, marginTop: 12 }}>
            <Button color="primary" block onClick={() => act('confirm', `/api/cases/${id}/confirm`, { rating })}>{t('portal.confirm')}</Button>
            {c.actions.includes('reopen') && <Button color="danger" block onClick={() => act('confirm', `/api/cases/${id}/reopen`, { reason: NOT_FIXED })}>{t('portal.notFixed')}</Button>}
          </div>
          {errText(errors.confirm)}
        </Card>
      )}
      {(!c.actions.includes('confirm') || confirmed) && c.actions.includes('reopen') && (
        <Card title={t('portal.stillBroken')}>
          <Button color="danger" block onClick={() => act('reopen', `/api/cases/${id}/reopen`, { reason: NOT_FIXED })}>{t('portal.notFixedAgain')}</Button>
          {errText(errors.reopen)}
        </Card>
      )}
      {c.actions.includes('answer_visit') && (
        <Card title={t('portal.visitTitle')}>
          <div style={{ color: '#666', marginBottom: 8 }}>{t('portal.visitIntro')}</div>
          <Selector columns={3} options={SATISFACTION} value={satisfaction} onChange={(v) => { setSatisfaction(v); setErrors({}); }} aria-label={t('portal.satisfaction')} />
          {errText(errors.satisfaction)}
          <TextArea placeholder={t('portal.opinion')} rows={3} value={opinion} onChange={setOpinion} style={{ marginTop: 8, border: '1px solid #eee', padding: 4 }} />
          <Button
            block
            color="primary"
            style={{ marginTop: 8 }}
            onClick={() => {
              if (!satisfaction[0]) return setErrors({ satisfaction: t('portal.satisfactionRequired') });
              void act('visit', `/api/cases/${id}/visit-answer`, { satisfaction: Number(satisfaction[0]), opinion: opinion.trim() || undefined });
            }}
          >
            {t('portal.visitSubmit')}
          </Button>
          {errText(errors.visit)}
        </Card>
      )}
      {visit && (
        <Card title={t('portal.visitTitle')}>
          <Tag color="success">{visit.satisfaction ? t(`portal.s${visit.satisfaction}`) : ''}</Tag> {visit.opinion ?? ''}
          <div style={{ color: '#999', fontSize: 12, marginTop: 4 }}>{bj(visit.visitedAt)}</div>
        </Card>
      )}
    </div>
  );
}
