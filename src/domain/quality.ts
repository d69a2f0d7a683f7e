/**
 * The group's quality office desk (品质管理部, seed 002): complaints it owns — forwarded by the
 * group, the government or the developer, or escalated by an estate (R-CP-3). Pure rules: the
 * numbering, which step is possible from which status, and that an escalated complaint never
 * goes back down.
 */
import { RuleError } from './rule-error.js';

export const QUALITY_SOURCES = ['group', 'government', 'developer', 'estate'] as const;
export type QualitySource = (typeof QUALITY_SOURCES)[number];
/** Sources the quality office records itself; `estate` arrives only by an estate's escalation. */
export const FORWARDED_SOURCES = ['group', 'government', 'developer'] as const satisfies readonly QualitySource[];
export const QUALITY_SOURCE_LABELS: Record<QualitySource, string> = {
  group: '集团转办',
  government: '政府转办（12345）',
  developer: '开发商转办',
  estate: '项目上报',
};

export const QUALITY_STATUSES = ['open', 'handed_down', 'resolved', 'closed'] as const;
export type QualityStatus = (typeof QUALITY_STATUSES)[number];
export const QUALITY_STATUS_LABELS: Record<QualityStatus, string> = {
  open: '品质部处理中',
  handed_down: '已交项目处理',
  resolved: '已解决待结案',
  closed: '已结案',
};

/** PZ-2026-0001: per group and Beijing year, like the hotline's dossiers. */
export const qualityComplaintNumber = (year: number, seq: number) => `PZ-${year}-${String(seq).padStart(4, '0')}`;

export const QUALITY_STEPS = ['hand_down', 'progress', 'resolve', 'close'] as const;
export type QualityStep = (typeof QUALITY_STEPS)[number];

export interface QualityFacts {
  status: QualityStatus;
  source: QualitySource;
}

const notFrom = (f: QualityFacts, step: string) =>
  new RuleError('R-LC-1', `投诉状态「${QUALITY_STATUS_LABELS[f.status]}」不能${step}`, `a complaint in status ${f.status} cannot ${step}`);

/** Why a step is not possible now, or null. The presenter offers only possible steps. */
export function qualityStepRefusal(step: QualityStep, f: QualityFacts): RuleError | null {
  switch (step) {
    case 'hand_down':
      // R-CP-3: what the estate could not solve stays with quality; it is never pushed back down.
      if (f.source === 'estate') return new RuleError('R-CP-3', '项目无法解决而上报的投诉由品质管理部负责到底，不能退回项目', 'a complaint an estate escalated stays with quality (R-CP-3)');
      return f.status === 'open' ? null : notFrom(f, '交项目处理');
    case 'progress':
      return f.status === 'closed' ? notFrom(f, '记录进展') : null;
    case 'resolve':
      return f.status === 'open' || f.status === 'handed_down' ? null : notFrom(f, '登记解决');
    case 'close':
      return f.status === 'resolved' ? null : notFrom(f, '结案（须先登记解决情况）');
  }
}

/** Whether the reply to the complainant is late (R-CP-1): not yet resolved past its due time. */
export const qualityReplyOverdue = (c: { status: QualityStatus; replyDueAt: Date }, now: Date) => (c.status === 'open' || c.status === 'handed_down') && now > c.replyDueAt;

/** What the estate's desk sees when quality hands a forwarded complaint down (R-IN-4: the supervisor decides). */
export const handedDownContent = (number: string, source: QualitySource, matter: string) => `【品质管理部转办 ${number}·${QUALITY_SOURCE_LABELS[source]}】${matter}`;
