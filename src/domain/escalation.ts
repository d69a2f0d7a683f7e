import type { Role } from './roles.js';

/**
 * The escalation ladder (issue 3): a breached clock first goes back to the receptionist's
 * queue, then climbs one rung per step while it stays unmet. What cannot be solved in the
 * estate ends with the group quality office (R-CP-3), which may not push it back down.
 */
export const ESCALATION_LADDER: readonly Role[] = ['receptionist', 'supervisor', 'project_manager', 'quality_officer'];

export interface EscalationSettings {
  /** Minutes between rungs after a breach. */
  stepMinutes: number;
  /** Highest rung index the ladder climbs to (3 = quality office). */
  topLevel: number;
}

export const DEFAULT_ESCALATION: EscalationSettings = { stepMinutes: 60, topLevel: 3 };

/** A clock's state as the scheduler sees it when its fire time comes. */
export interface FiringDeadline {
  state: 'pending' | 'warned' | 'breached';
  warnAt: Date;
  dueAt: Date;
  escalationLevel: number;
}

export type Firing =
  | { kind: 'warn'; notify: Role; nextFireAt: Date }
  | { kind: 'breach'; notify: Role; level: number; nextFireAt: Date | null }
  | { kind: 'escalate'; notify: Role; level: number; nextFireAt: Date | null };

/**
 * What happens when a deadline's fire time is reached: warn the desk at the warning share,
 * breach at the due time (the supervisor hears of it), then escalate one rung per step.
 */
export function decideFiring(d: FiringDeadline, now: Date, s: EscalationSettings): Firing {
  const step = s.stepMinutes * 60_000;
  if (d.state === 'pending' && now < d.dueAt) {
    return { kind: 'warn', notify: 'receptionist', nextFireAt: d.dueAt };
  }
  if (d.state !== 'breached') {
    const level = Math.min(1, s.topLevel);
    return { kind: 'breach', notify: ESCALATION_LADDER[level]!, level, nextFireAt: level < s.topLevel ? new Date(now.getTime() + step) : null };
  }
  const level = Math.min(d.escalationLevel + 1, s.topLevel);
  return {
    kind: 'escalate',
    notify: ESCALATION_LADDER[level]!,
    level,
    nextFireAt: level < s.topLevel ? new Date(now.getTime() + step) : null,
  };
}
