import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repairBody } from '../support/desk.js';
import { createWorld, type TestWorld } from '../support/harness.js';

let w: TestWorld;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(async () => w?.close());

const caseCount = async (client: Awaited<ReturnType<TestWorld['as']>>) =>
  (await client.get(`/api/cases?estateId=${w.a.id}&limit=1`)).json().total as number;

describe('HTTP edge', () => {
  it('attacker: a NUL or a lone surrogate in a body, query or path is a 400 naming the field, and nothing is opened', async () => {
    const reception = await w.as('reception');
    const before = await caseCount(reception);
    expect(typeof before).toBe('number');
    for (const description of ['厨房漏水\u0000', '厨房漏水\ud800', '\udc00厨房漏水']) {
      const res = await reception.post('/api/cases', repairBody(w, { description }));
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.fields).toEqual([{ field: 'description', message: 'description 含有非法字符' }]);
    }
    const nested = await reception.post('/api/cases', repairBody(w, { photos: [{ name: 'a\u0000' }] }));
    expect(nested.statusCode).toBe(400);
    expect(nested.json().error.fields[0].field).toBe('photos.0.name');
    const query = await reception.get(`/api/cases?estateId=${w.a.id}&q=%00`);
    expect(query.statusCode, query.body).toBe(400);
    expect(query.json().error.fields[0].field).toBe('q');
    const path = await reception.get('/api/cases/%00');
    expect(path.statusCode, path.body).toBe(400);
    // A surrogate pair (an emoji) is text like any other.
    const emoji = await reception.post('/api/cases', repairBody(w, { description: '厨房漏水 💧' }));
    expect(emoji.statusCode, emoji.body).toBe(201);
    expect(await caseCount(reception)).toBe(before + 1);
  });

  it('attacker: a body nested 100 000 deep is a 400 before it is parsed; 64 levels are still read', async () => {
    const reception = await w.as('reception');
    const deep = await reception.request({ method: 'POST', url: '/api/cases', payload: '['.repeat(100_000) + ']'.repeat(100_000), headers: { 'content-type': 'application/json' } });
    expect(deep.statusCode, deep.body).toBe(400);
    expect(deep.json().error.message).toBe('请求内容嵌套超过 64 层');
    const ok = await reception.request({ method: 'POST', url: '/api/cases', payload: JSON.stringify({ ...repairBody(w), x: JSON.parse('['.repeat(60) + ']'.repeat(60)) }), headers: { 'content-type': 'application/json' } });
    // Parsed and validated: the unknown field is named, not the depth.
    expect(ok.statusCode).toBe(400);
    expect(ok.json().error.fields.map((f: { field: string }) => f.field)).toContain('x');
    const broken = await reception.request({ method: 'POST', url: '/api/cases', payload: '{"description": ', headers: { 'content-type': 'application/json' } });
    expect(broken.statusCode).toBe(400);
  });
});
