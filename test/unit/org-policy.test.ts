import { describe, expect, it } from 'vitest';
import type { Role } from '../../src/domain/roles.js';
import type { Actor } from '../../src/policies/actor.js';
import { canReadOrg, canReadSetupHistory, isEstateAdmin } from '../../src/policies/org.js';

const A = 'estate-a';
const B = 'estate-b';
const actor = (estateRoles: Role[], groupRoles: Role[] = [], resident = false): Actor => ({
  userId: 'u',
  username: 'u',
  displayName: 'u',
  groupRoles,
  estateRoles: new Map(estateRoles.length > 0 ? [[A, new Set(estateRoles)]] : []),
  departments: new Map(),
  residencies: resident ? [{ estateId: A, residentId: 'r', unitId: 'x' }] : [],
});

describe('org policy: who may read, administer and audit an estate’s set-up', () => {
  it('receptionist: reads the organisation of their estate only, administers nothing, reads no history', () => {
    const r = actor(['receptionist']);
    expect([canReadOrg(r, A), canReadOrg(r, B), isEstateAdmin(r, A), canReadSetupHistory(r, A)]).toEqual([true, false, false, false]);
  });
  it('resident: not staff, so no organisation at all (their own unit is read through the unit route)', () => {
    const r = actor([], [], true);
    expect([canReadOrg(r, A), isEstateAdmin(r, A), canReadSetupHistory(r, A)]).toEqual([false, false, false]);
  });
  it('project manager: reads the set-up history of their estate, does not administer it', () => {
    const pm = actor(['project_manager']);
    expect([canReadSetupHistory(pm, A), canReadSetupHistory(pm, B), isEstateAdmin(pm, A)]).toEqual([true, false, false]);
  });
  it('group quality officer and group admin: every estate; only the admin administers', () => {
    const q = actor([], ['quality_officer']);
    const admin = actor([], ['admin']);
    expect([canReadOrg(q, B), canReadSetupHistory(q, B), isEstateAdmin(q, B)]).toEqual([true, true, false]);
    expect([canReadOrg(admin, B), canReadSetupHistory(admin, B), isEstateAdmin(admin, B)]).toEqual([true, true, true]);
  });
});
