import { availableParallelism } from 'node:os';
import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scryptRaw = promisify(scryptCb) as (pw: string, salt: Buffer, len: number, opts: object) => Promise<Buffer>;
const PARAMS = { N: 16384, r: 8, p: 1 };

/**
 * At most this many hashes at once (half the cores, at least one): 32 parallel bad logins used
 * to take every core and the thread pool, and the desk's own reads slowed 70-fold. Further
 * logins wait their turn; the rest of the server keeps its share.
 */
const HASH_SLOTS = Math.max(1, Number(process.env.PROPDESK_HASH_CONCURRENCY) || Math.floor(availableParallelism() / 2));
let busy = 0;
const waiting: (() => void)[] = [];
let runs = 0;
let peak = 0;

async function scrypt(pw: string, salt: Buffer, len: number, opts: object): Promise<Buffer> {
  if (busy >= HASH_SLOTS) await new Promise<void>((resolve) => waiting.push(resolve));
  busy++;
  runs++;
  peak = Math.max(peak, busy);
  try {
    return await scryptRaw(pw, salt, len, opts);
  } finally {
    busy--;
    waiting.shift()?.();
  }
}

/** How many hashes this process has computed (tests check that every login costs one). */
export const hashingRuns = (): number => runs;
/** The most hashes that ever ran at once, and the bound they are held to. */
export const hashingPeak = (): { peak: number; slots: number } => ({ peak, slots: HASH_SLOTS });

/** scrypt from node:crypto: no native addon to compile (ARCHITECTURE: passwords). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(password, salt, 32, PARAMS);
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

// A hash of nothing anyone knows, checked when there is no real one, so an unknown username or
// a user without a password costs the same scrypt run as a wrong password (no timing oracle).
const DUMMY_HASH = `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${randomBytes(16).toString('base64')}$${randomBytes(32).toString('base64')}`;

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const usable = stored?.startsWith('scrypt$') && stored.split('$').length === 6 ? stored : undefined;
  const [, n, r, p, salt, hash] = (usable ?? DUMMY_HASH).split('$');
  const expected = Buffer.from(hash!, 'base64');
  const actual = await scrypt(password, Buffer.from(salt!, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return usable !== undefined && timingSafeEqual(expected, actual);
}
