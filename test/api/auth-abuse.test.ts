import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../src/db/schema/index.js';
import { DEMO_PASSWORD } from '../../src/db/seed/demo.js';
import { requestOtp } from '../../src/services/auth/otp.js';
import { hashingPeak, hashingRuns } from '../../src/services/auth/password.js';
import { createWorld, type TestWorld } from '../support/harness.js';

let w: TestWorld;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(async () => w?.close());

const verify = (phone: string, code: string) => w.app.inject({ method: 'POST', url: '/api/auth/otp/verify', payload: { phone, code } });
const signIn = (username: string, password: string, remoteAddress = '127.0.0.1') =>
  w.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });
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

  it('attacker: an unknown user, an inactive user and a wrong password cost the same one password hash and get the same 401', async () => {
    await w.database.db.update(users).set({ active: false }).where(eq(users.username, 'night_b'));
    const answers: string[] = [];
    for (const [username, password] of [['nobody_here', 'whatever1'], ['night_b', DEMO_PASSWORD], ['night_b', 'wrong-one'], ['tech2_b', 'wrong-one']]) {
      const before = hashingRuns();
      const res = await signIn(username!, password!);
      expect(hashingRuns() - before, username).toBe(1);
      expect(res.statusCode).toBe(401);
      answers.push(res.body);
    }
    expect(new Set(answers).size).toBe(1);
  });

  it('attacker: after five wrong passwords the account is locked for 30 s even for the right one, then doubles; a success clears the count', async () => {
    for (let i = 0; i < 5; i++) expect((await signIn('guard1_b', `guess${i}`)).statusCode).toBe(401);
    const before = hashingRuns();
    const locked = await signIn('guard1_b', DEMO_PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(locked.headers['retry-after']).toBe('30');
    expect(locked.json().error.message).toBe('登录失败次数过多，请 1 分钟后再试');
    expect(hashingRuns(), 'a locked attempt costs no hash').toBe(before);
    w.clock.advance(31_000);
    expect((await signIn('guard1_b', 'guess6')).statusCode).toBe(401);
    const longer = await signIn('guard1_b', DEMO_PASSWORD);
    expect(longer.statusCode).toBe(429);
    expect(longer.headers['retry-after']).toBe('60');
    w.clock.advance(61_000);
    expect((await signIn('guard1_b', DEMO_PASSWORD)).statusCode).toBe(200);
    // Counted afresh: one more mistake is just a mistake.
    expect((await signIn('guard1_b', 'guess7')).statusCode).toBe(401);
    expect((await signIn('guard1_b', DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('attacker: thirty failures from one address, across any names, lock that address; another address signs in', async () => {
    w.clock.advance(20 * 60_000);
    for (let i = 0; i < 30; i++) expect((await signIn(`spray${i}`, 'password1', '10.0.0.9')).statusCode).toBe(401);
    expect((await signIn('dispatcher_b', DEMO_PASSWORD, '10.0.0.9')).statusCode).toBe(429);
    expect((await signIn('dispatcher_b', DEMO_PASSWORD, '10.0.0.10')).statusCode).toBe(200);
  });

  it('attacker: 24 bad logins at once hash a few at a time, leaving the cores to the desk; each still gets its 401', async () => {
    w.clock.advance(20 * 60_000);
    const answers = await Promise.all(Array.from({ length: 24 }, (_, i) => signIn(`flood${i}`, 'password1', `10.1.0.${i}`)));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(24).fill(401));
    const { peak, slots } = hashingPeak();
    expect(slots).toBeLessThan(24);
    expect(peak).toBeLessThanOrEqual(slots);
  });

  it('attacker: ten wrong codes for one phone, across codes, lock that phone for 5 minutes even for a fresh right code', async () => {
    w.clock.advance(60 * 60_000);
    w.ctx.demo = true;
    const phone = '13700000004';
    const from = '10.2.0.1';
    const codeFor = async () => {
      const lines: string[] = [];
      await requestOtp(w.ctx, phone, (l) => lines.push(l));
      return /：(\d{6})/.exec(lines[0] ?? '')?.[1] ?? '';
    };
    const verifyFrom = (c: string) => w.app.inject({ method: 'POST', url: '/api/auth/otp/verify', payload: { phone, code: c }, remoteAddress: from });
    const wrongFor = (c: string) => (c === '000000' ? '111111' : '000000');
    const first = await codeFor();
    for (let i = 0; i < 5; i++) expect((await verifyFrom(wrongFor(first))).statusCode).toBe(401);
    w.clock.advance(61_000);
    const second = await codeFor();
    for (let i = 0; i < 5; i++) expect((await verifyFrom(wrongFor(second))).statusCode).toBe(401);
    w.clock.advance(61_000);
    const third = await codeFor();
    const locked = await verifyFrom(third);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.fields[0].field).toBe('code');
    w.clock.advance(4 * 60_000);
    expect((await verifyFrom(third)).statusCode).toBe(200);
  });
});
