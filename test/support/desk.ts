import type { Client, TestWorld } from './harness.js';

/** A routine in-home repair at 1-1-101 of estate A, opened by the given desk client. */
export function repairBody(w: TestWorld, over: Record<string, unknown> = {}) {
  return {
    estateId: w.a.id,
    kind: 'repair',
    channel: 'phone',
    locationKind: 'in_home',
    unitId: w.a.unitIds['1-1-101'],
    residentId: w.a.residentIds.resident,
    contactName: '张先生',
    contactPhone: '13800000001',
    phoneConsent: true,
    description: '厨房水龙头漏水',
    ...over,
  };
}

/** Opens a case through the API and returns its JSON (throws on a non-201). */
export async function openCaseVia(client: Client, body: Record<string, unknown>) {
  const res = await client.post('/api/cases', body);
  if (res.statusCode !== 201) throw new Error(`open case: ${res.statusCode} ${res.body}`);
  return res.json();
}
