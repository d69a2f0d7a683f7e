import { forbidden, notFound } from '../../errors.js';
import type { Actor } from '../../policies/actor.js';
import { canReadOrg, isEstateAdmin } from '../../policies/org.js';

/** 404 when the caller is not staff of the estate (ids leak nothing), 403 when staff but not admin. */
export function requireOrgAdmin(actor: Actor, estateId: string): void {
  if (!canReadOrg(actor, estateId)) throw notFound('项目');
  if (!isEstateAdmin(actor, estateId)) throw forbidden('须由系统管理员操作');
}

/** @throws 404 when the caller is not staff of the estate */
export function requireOrgReader(actor: Actor, estateId: string): void {
  if (!canReadOrg(actor, estateId)) throw notFound('项目');
}
