import type { Role } from '../domain/roles.js';
import type { Actor } from './actor.js';
import type { PolicyTable } from './policy.js';

export interface OrderSubject {
  estateId: string;
  departmentId: string;
  technicianId: string | null;
}

export const ORDER_ACTIONS = ['assign', 'accept', 'arrive', 'request_review', 'record_review', 'complete', 'rebook', 'return', 'check', 'void'] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];

const DESK: readonly Role[] = ['receptionist', 'night_duty', 'supervisor', 'project_manager'];
const inDepartment = (a: Actor, o: OrderSubject) => a.departments.get(o.estateId)?.has(o.departmentId) ?? false;
const assignedTo = (a: Actor, o: OrderSubject) => o.technicianId === a.userId;
/** A technician may take an unassigned order of their own department. */
const mayTake = (a: Actor, o: OrderSubject) => inDepartment(a, o) && (o.technicianId === null || assignedTo(a, o));

/** Who may do what to a work order; the order lifecycle decides whether the step is possible now. */
export const orderPolicy: PolicyTable<OrderAction, OrderSubject> = {
  assign: [{ roles: ['dispatcher', 'engineering_manager'], when: inDepartment }, { roles: ['supervisor', 'project_manager'] }],
  accept: [{ roles: ['technician'], when: mayTake }],
  arrive: [{ roles: ['technician'], when: assignedTo }],
  request_review: [{ roles: ['technician'], when: assignedTo }],
  record_review: [{ roles: ['dispatcher', 'engineering_manager'], when: inDepartment }],
  complete: [{ roles: ['technician'], when: assignedTo }],
  rebook: [{ roles: DESK }, { roles: ['dispatcher'], when: inDepartment }, { roles: ['technician'], when: assignedTo }],
  return: [{ roles: DESK }, { roles: ['technician'], when: assignedTo }],
  check: [{ roles: DESK }],
  void: [{ roles: DESK }, { roles: ['dispatcher'], when: inDepartment }],
};

/** Who may issue orders on a case (派工). */
export const ISSUER_ROLES: readonly Role[] = [...DESK, 'dispatcher'];
