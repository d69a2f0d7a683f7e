import type { Role } from '../domain/roles.js';
import { forbidden, notFound } from '../errors.js';
import { type Actor, hasAnyRole } from './actor.js';

/**
 * A declarative rule: which roles may take an action, with an optional condition on the subject.
 * Entities declare a table of these (see cases.ts, work-orders.ts, org.ts).
 */
export interface Rule<S> {
  roles: readonly Role[];
  when?: (actor: Actor, subject: S) => boolean;
}
export type PolicyTable<A extends string, S> = Record<A, readonly Rule<S>[]>;

/** Evaluates one action of a table for a subject that lives in an estate. */
export function allowed<A extends string, S extends { estateId: string }>(
  table: PolicyTable<A, S>,
  actor: Actor,
  action: A,
  subject: S,
): boolean {
  return table[action].some(
    (rule) => hasAnyRole(actor, subject.estateId, rule.roles) && (rule.when ? rule.when(actor, subject) : true),
  );
}

/** The actions of a table the actor may take on a subject: the UI shows only these buttons. */
export function allowedActions<A extends string, S extends { estateId: string }>(
  table: PolicyTable<A, S>,
  actor: Actor,
  subject: S,
): A[] {
  return (Object.keys(table) as A[]).filter((a) => allowed(table, actor, a, subject));
}

/**
 * Refuses an action. Callers that cannot even see the subject get 404 (ids leak nothing);
 * those who can see it but may not act get 403.
 */
export function authorize<A extends string, S extends { estateId: string }>(
  table: PolicyTable<A, S>,
  actor: Actor,
  action: A,
  subject: S,
  canSee: boolean,
): void {
  if (allowed(table, actor, action, subject)) return;
  if (!canSee) throw notFound();
  throw forbidden();
}
