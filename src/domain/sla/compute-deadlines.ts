import {
  type BusinessCalendar,
  addWorkingDays,
  addWorkingMinutes,
  endOfWorkingDay,
  isWorkingTime,
  workingMinutesBetween,
} from '../calendar/business-calendar.js';
import type { Channel } from '../case-types.js';
import type { ClockId, ClockInput, Deadline } from './clocks.js';
import { BASIS, PAUSED_BY, RULES, type SlaPolicy } from './policy.js';

const MIN = 60_000;

/** The warning instant: the policy's share of the clock's time, counted on its own basis. */
export function warnTime(cal: BusinessCalendar, start: Date, due: Date, basis: 'wall' | 'working', share: number): Date {
  if (due <= start) return due;
  if (basis === 'wall') return new Date(start.getTime() + (due.getTime() - start.getTime()) * share);
  return addWorkingMinutes(cal, start, workingMinutesBetween(cal, start, due) * share);
}

/** R-CP-1: the reply to a complaint received at `at` through `channel` — the same working day, or its working days later. */
export function replyDue(policy: SlaPolicy, cal: BusinessCalendar, at: Date, channel: Channel): Date {
  const days = policy.replyDays[channel] ?? 0;
  return days === 0 ? endOfWorkingDay(cal, at) : addWorkingDays(cal, at, days);
}

/**
 * Every deadline a case opened now gets under the policy (issue 3 §2). Dispatch is assumed
 * to happen at opening for the follow-up clocks; the review clock starts only when a review is
 * requested (see reviewDeadline), so it is not listed here.
 */
export function computeDeadlines(policy: SlaPolicy, cal: BusinessCalendar, c: ClockInput): Deadline[] {
  const at = c.openedAt;
  const out: { clock: ClockId; due: Date; start?: Date }[] = [];
  const wall = (minutes: number) => new Date(at.getTime() + minutes * MIN);
  const field = policy.fieldKinds.includes(c.kind);
  if (field) {
    out.push({ clock: 'dispatch', due: wall(policy.dispatchMinutes) });
    const arrival = c.appointmentAt && c.urgency !== 'emergency' ? c.appointmentAt : wall(c.urgency === 'emergency' ? policy.arrivalEmergencyMinutes : policy.arrivalMinutes);
    out.push({ clock: 'arrival', due: arrival });
  }
  if (policy.followupKinds.includes(c.kind) && c.channel !== 'gm_hotline') {
    out.push({ clock: 'followup_2h', due: wall(policy.followupMinutes) });
    out.push({ clock: 'followup_eod', due: endOfWorkingDay(cal, at) });
  }
  if (c.channel === 'online') {
    out.push({ clock: 'online_ack', due: wall(policy.onlineAckMinutes) });
    // Filed in working time: a measure the same working day; outside hours: the next one.
    out.push({ clock: 'online_measure', due: isWorkingTime(cal, at) ? endOfWorkingDay(cal, at) : addWorkingDays(cal, at, 1) });
  } else if (c.channel === 'gm_hotline') {
    out.push({ clock: 'gm_first_visit', due: wall(policy.gmFirstVisitMinutes) });
    out.push({ clock: 'gm_escalation', due: wall(policy.gmEscalationMinutes) });
  } else if (policy.replyKinds.includes(c.kind)) {
    out.push({ clock: 'reply', due: replyDue(policy, cal, at, c.channel) });
  }
  if (c.hot) out.push({ clock: 'hot_report', due: wall(policy.hotReportMinutes) });
  if (c.promisedAt) out.push({ clock: 'promised_reply', due: c.promisedAt });
  return out.map((d) => ({
    clock: d.clock,
    due: d.due,
    basis: BASIS[d.clock]!,
    warnAt: warnTime(cal, at, d.due, BASIS[d.clock]!, policy.warnShare),
    pausedBy: PAUSED_BY[d.clock]!,
    rule: RULES[d.clock]!,
  }));
}

/** R-WO-5: the review clock, started when the technician asks for a review. */
export function reviewDeadline(policy: SlaPolicy, cal: BusinessCalendar, requestedAt: Date): Deadline {
  const due = new Date(requestedAt.getTime() + policy.reviewMinutes * MIN);
  return { clock: 'review', due, basis: 'wall', warnAt: warnTime(cal, requestedAt, due, 'wall', policy.warnShare), pausedBy: PAUSED_BY.review!, rule: 'R-WO-5' };
}

/** R-HOT-1: the 4 h report clock, started when a person confirms the hot flag. */
export function hotReportDeadline(policy: SlaPolicy, cal: BusinessCalendar, confirmedAt: Date): Deadline {
  const due = new Date(confirmedAt.getTime() + policy.hotReportMinutes * MIN);
  return { clock: 'hot_report', due, basis: 'wall', warnAt: warnTime(cal, confirmedAt, due, 'wall', policy.warnShare), pausedBy: [], rule: 'R-HOT-1' };
}

/**
 * Pausing really stops the clock: the due time moves out by the time spent paused, counted on
 * the clock's basis (wall time, or only the working time inside the pause).
 */
export function shiftForPause(cal: BusinessCalendar, due: Date, basis: 'wall' | 'working', pausedFrom: Date, pausedTo: Date): Date {
  if (pausedTo <= pausedFrom) return due;
  if (basis === 'wall') return new Date(due.getTime() + (pausedTo.getTime() - pausedFrom.getTime()));
  return addWorkingMinutes(cal, due, workingMinutesBetween(cal, pausedFrom, pausedTo));
}
