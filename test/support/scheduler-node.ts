// One "app node" for the multi-process scheduler test: fires due deadlines on the given
// database at a fixed instant until nothing is left, then exits. With `hold`, it instead locks
// a batch of due rows inside a transaction and waits to be killed (a node dying mid-tick).
import { ManualClock } from '../../src/clock.js';
import { openDatabase } from '../../src/db/client.js';
import { fireDueDeadlines } from '../../src/jobs/deadline-scheduler.js';

const [url, nowIso, mode] = process.argv.slice(2);
const database = await openDatabase({ url: url!, poolSize: 2 });
const clock = new ManualClock(new Date(nowIso!));

if (mode === 'hold') {
  const client = await database.pool!.connect();
  await client.query('begin');
  await client.query(`select id from deadlines where next_fire_at <= $1 order by next_fire_at limit 500 for update skip locked`, [clock.now()]);
  process.stdout.write('locked\n');
  await new Promise(() => undefined);
}

let fired = 0;
let idle = 0;
while (idle < 3) {
  const n = await fireDueDeadlines(database, clock, { batchSize: 100 });
  fired += n;
  idle = n === 0 ? idle + 1 : 0;
  if (n === 0) await new Promise((r) => setTimeout(r, 50));
}
process.stdout.write(`fired ${fired}\n`);
await database.close();
