// A process that tries to take a data directory's lock when its parent says go (embedded.test.ts):
// several of these started together race for one stale lock. Answers "acquired" or "refused".
import { pathToFileURL } from 'node:url';

const [dir, lockModule = new URL('../../src/db/lock.ts', import.meta.url).pathname] = process.argv.slice(2);
const { lockDataDir } = (await import(pathToFileURL(lockModule).href)) as typeof import('../../src/db/lock.js');
process.send!('ready');
process.once('message', () => {
  let answer = 'refused';
  try {
    lockDataDir(dir!);
    answer = 'acquired';
  } catch (e) {
    if (!/正被进程/.test((e as Error).message)) answer = `error ${(e as Error).message}`;
  }
  process.send!(answer);
  // Hold the lock a moment, so a racer that arrives late finds it live, then exit.
  setTimeout(() => process.exit(0), 1500);
});
