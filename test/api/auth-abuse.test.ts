import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestOtp } from '../../src/services/auth/otp.js';
import { createWorld, type TestWorld } from '../support/harness.js';

let w: TestWorld;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(async () => w?.close());

const verify = (phone: string, code: string) => w.app.inject({ method: 'POST', url: '/api/auth/otp/verify', payload: { phone, code } });
const ask = (phone: string) => w.app.inject({ method: 'POST', url: '/api/auth/otp/request', payload: { phone } });

describe('sign-in abuse', () => {
  it('attacker: the sixth wrong code kills the code even for the right one', async () => {
    const lines: string[] = [];
    w.ctx.demo = true;
    await requestOtp(w.ctx, '13800000001', (l) => lines.push(l));
    const code = /：(\d{6})/.exec(lines[0] ?? '')?.[1] ?? '';
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) expect((await verify('13800000001', wrong)).statusCode).toBe(401);
    const right = await verify('13800000001', code);
    expect(right.statusCode).toBe(401);
    expect(right.json().error.fields[0].field).toBe('code');
  });

  it('attacker: asking twice for an unknown phone gets the same 429 as for a registered one', async () => {
    w.clock.advance(5 * 60_000);
    const known = [await ask('13900000003'), await ask('13900000003')];
    const unknown = [await ask('13100000009'), await ask('13100000009')];
    expect(unknown.map((r) => r.statusCode)).toEqual(known.map((r) => r.statusCode));
    expect(unknown[1]!.statusCode).toBe(429);
    expect(unknown.map((r) => r.json())).toEqual(known.map((r) => r.json()));
  });
});
