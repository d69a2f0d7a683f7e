import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type TestWorld } from '../support/harness.js';

let w: TestWorld;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(async () => w?.close());

type Operation = { requestBody?: { content: Record<string, unknown> } };

/** Bodies that need a discriminator before their keys are checked at all. */
const BASE: Record<string, object> = {
  '/api/cases/{id}/findings/{findingId}': { outcome: 'resolved' },
  '/api/contacts/{id}/decide': { decision: 'answer', answer: 'x' },
  '/api/estates/{estateId}/settings/rules': {},
};

describe('unknown fields', () => {
  it('supervisor: every JSON body route in the OpenAPI document refuses an unknown field such as estate_id with 400 naming it', async () => {
    const spec = w.app.swagger() as { paths: Record<string, Record<string, Operation>> };
    const sup = await w.as('supervisor');
    const checked: string[] = [];
    const wrong: string[] = [];
    for (const [path, methods] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        if (!['post', 'put', 'patch'].includes(method) || !op.requestBody?.content['application/json']) continue;
        // Ids of the supervisor's own estate, so routes that check the estate first still reach the body.
        const url = path.replace('{day}', '2026-03-02').replace(/\{\w+\}/g, w.a.id);
        const res = await sup.request({ method: method.toUpperCase(), url, payload: { ...BASE[path], estate_id: w.b.id } });
        const fields = (res.json().error?.fields ?? []).map((f: { field: string }) => f.field);
        checked.push(`${method} ${path}`);
        if (res.statusCode !== 400 || !fields.includes('estate_id')) wrong.push(`${res.statusCode} ${method} ${path} ${fields.join(',')}`);
      }
    }
    expect(checked.length).toBeGreaterThan(50);
    expect(wrong).toEqual([]);
  });
});
