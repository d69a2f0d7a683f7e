import type { CaseKind, Channel, Urgency } from '../case-types.js';

/** Clock ids; operators' scripts depend on them (propdesk sla explain). */
export const CLOCKS = [
  'dispatch',
  'arrival',
  'review',
  'followup_2h',
  'followup_eod',
  'reply',
  'online_ack',
  'online_measure',
  'hot_report',
  'gm_first_visit',
  'gm_escalation',
  'promised_reply',
] as const;
export type ClockId = (typeof CLOCKS)[number];

export type Basis = 'wall' | 'working';

/** Why a case waits; a clock listing a reason stops while the case is paused for it. */
export const PAUSE_REASONS = ['awaiting_resident', 'awaiting_parts', 'awaiting_third_party', 'other'] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];

/** What a case opened now looks like to the SLA policy. */
export interface ClockInput {
  kind: CaseKind;
  channel: Channel;
  urgency: Urgency;
  openedAt: Date;
  appointmentAt?: Date | null;
  promisedAt?: Date | null;
  hot?: boolean;
}

export interface Deadline {
  clock: ClockId;
  due: Date;
  warnAt: Date;
  basis: Basis;
  pausedBy: readonly PauseReason[];
  rule: string;
}
