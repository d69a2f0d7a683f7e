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

/** A real 1×1 PNG: what a signature pad or camera upload looks like to the server. */
export const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

/** Uploads an image to the estate and returns its sha256. */
export async function uploadPng(client: Client, estateId: string, bytes: Buffer = PNG_1X1): Promise<string> {
  const res = await client.request({ method: 'POST', url: `/api/estates/${estateId}/files`, payload: bytes, headers: { 'content-type': 'image/png' } });
  if (res.statusCode !== 201) throw new Error(`upload: ${res.statusCode} ${res.body}`);
  return res.json().sha256;
}
