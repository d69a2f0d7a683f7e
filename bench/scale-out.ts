// Scale-out: 1, 2 and 3 app nodes (`propdesk start`, separate processes on separate ports) on
// one PostgreSQL, the driver spreading the desk mix round-robin over them. Prints throughput per
// node count with the ceilings of the same run and where the CPU went (driver, nodes, PostgreSQL,
// everything else on the machine), so the limit can be named.
// usage: npx tsx bench/scale-out.ts [--nodes 3] [--seconds 15] [--concurrency 32] [--estates 10] [--quick]
import { type ChildProcess, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseArgs } from '../src/cli/args.js';
import { Desk, MIX, type OpName, ensureDeskEstates } from './load-desk.js';
import { HttpClient, Recorder, closedLoop } from './load-driver.js';
import { defaultPgUrl, measureCeilings } from './probes.js';
import { benchDatabase } from './support.js';
import { startNode, stopNode } from '../test/support/app-node.js';

const { options } = parseArgs(process.argv.slice(2), ['quick']);
const quick = options.quick === 'true';
const maxNodes = Number(options.nodes ?? 3);
const seconds = Number(options.seconds ?? (quick ? 2 : 15));
const concurrency = Number(options.concurrency ?? 32);
const estateCount = Number(options.estates ?? (quick ? 2 : 10));
const log = (line: string) => process.stderr.write(`${line}\n`);


/** CPU seconds (user + system) of a process, from /proc. */
function cpuOf(pid: number): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return 0;
  }
}
const postgresPids = () => {
  try {
    return execFileSync('pgrep', ['-x', 'postgres'], { encoding: 'utf8' }).trim().split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
};
/** CPU seconds of every PostgreSQL process, by pid (backends come and go during a run). */
const postgresCpu = () => new Map(postgresPids().map((p) => [p, cpuOf(p)]));
/** CPU PostgreSQL used since `before`: processes alive at the end, less what they had used before. */
const postgresCpuSince = (before: Map<number, number>) => [...postgresCpu()].reduce((a, [p, c]) => a + c - (before.get(p) ?? 0), 0);
/** Busy and total CPU seconds of the whole machine, from /proc/stat. */
function machineCpu(): { busy: number; total: number } {
  const [, ...f] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
  const n = f.map(Number);
  const idle = n[3]! + n[4]!;
  const total = n.reduce((a, b) => a + b, 0);
  return { busy: (total - idle) / 100, total: total / 100 };
}

const pickOf = (op: OpName) => {
  let acc = 0;
  for (const [name, w] of MIX) {
    if (name === op) return acc + w / 2;
    acc += w;
  }
  return 0;
};

const database = await benchDatabase('postgres');
const nodes: { child: ChildProcess; url: string }[] = [];
const http = new HttpClient(concurrency);
try {
  const ceilings = await measureCeilings({ engine: 'postgres', pgUrl: defaultPgUrl(), seconds: quick ? 1 : 3, concurrency });
  log(`ceilings ${JSON.stringify(ceilings)}`);
  const estates = await ensureDeskEstates(database, estateCount);
  const url = (database.pool as unknown as { options: { connectionString: string } }).options.connectionString;
  nodes.push(...(await Promise.all(Array.from({ length: maxNodes }, () => startNode(url)))));
  log(`nodes: ${nodes.map((n) => n.url).join(' ')}`);
  // Warm every node (JIT, pools) with a few of each operation.
  for (const n of nodes) {
    const d = new Desk(http, [n.url], estates, new Recorder());
    await d.setUp();
    await closedLoop({ seconds: quick ? 0.5 : 2, concurrency: 8, op: (w, i) => d.step(w + i * 8) });
  }
  const rows: Record<string, unknown>[] = [];
  for (let k = 1; k <= maxNodes; k++) {
    const bases = nodes.slice(0, k).map((n) => n.url);
    const desk = new Desk(http, bases, estates, new Recorder());
    await desk.setUp();
    for (const phase of ['mix', 'open case'] as const) {
      const rec = new Recorder();
      desk.rec = rec;
      const pg0 = postgresCpu();
      const nodes0 = nodes.map((n) => cpuOf(n.child.pid!));
      const self0 = process.cpuUsage();
      const m0 = machineCpu();
      const pick = phase === 'mix' ? undefined : pickOf('open case');
      const r = await closedLoop({ seconds, concurrency, op: (w, i) => desk.step(w + i * concurrency, pick) });
      const m1 = machineCpu();
      const self = process.cpuUsage(self0);
      const pgCpu = postgresCpuSince(pg0);
      const nodeCpu = nodes.map((n, j) => cpuOf(n.child.pid!) - nodes0[j]!).reduce((a, b) => a + b, 0);
      const driverCpu = (self.user + self.system) / 1e6;
      const busy = m1.busy - m0.busy;
      const stats = rec.stats(r.elapsed);
      const errors = stats.reduce((a, s) => a + s.errors, 0);
      const perSec = Math.round(stats.reduce((a, s) => a + s.count, 0) / r.elapsed);
      const open = stats.find((s) => s.name === 'open case');
      const row = {
        nodes: k,
        phase,
        perSec,
        openCasePerSec: open?.perSec ?? 0,
        openCaseP99ms: open?.p99ms,
        errors,
        // CPU cores busy on average during the run (2 = the whole machine).
        coresBusy: +(busy / r.elapsed).toFixed(2),
        coresDriver: +(driverCpu / r.elapsed).toFixed(2),
        coresNodes: +(nodeCpu / r.elapsed).toFixed(2),
        coresPostgres: +(pgCpu / r.elapsed).toFixed(2),
        coresOther: +((busy - driverCpu - nodeCpu - pgCpu) / r.elapsed).toFixed(2),
      };
      if (errors) log(`errors: ${JSON.stringify(stats.filter((s) => s.errors))}`);
      log(JSON.stringify(row));
      rows.push(row);
    }
  }
  process.stdout.write(`${JSON.stringify({ bench: 'scale-out', quick, seconds, concurrency, estates: estateCount, ceilings, rows })}\n`);
  const out = [
    `\nscale-out on one PostgreSQL — ${concurrency} workers, ${estateCount} estates; ceilings: durable insert ${ceilings.durableInsertPerSec}/s, bare route + select ${ceilings.bareRouteSelectPerSec}/s`,
    '| nodes | run | requests per s | open case per s | open case p99 ms | cores busy (of 2) | driver | nodes | PostgreSQL | other |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.nodes} | ${r.phase} | ${r.perSec} | ${r.openCasePerSec} | ${r.openCaseP99ms} | ${r.coresBusy} | ${r.coresDriver} | ${r.coresNodes} | ${r.coresPostgres} | ${r.coresOther} |`),
  ];
  process.stdout.write(`${out.join('\n')}\n`);
} finally {
  http.close();
  await Promise.all(
    nodes.map(stopNode),
  );
  await database.drop();
}
process.exit(0);
