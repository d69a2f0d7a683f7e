// First load of the three front ends in Debian's Chromium: time until the sign-in form is
// usable on a fresh browser (empty cache), on loopback and under emulated phone networks.
// usage: npx tsx bench/first-load.ts [--base http://127.0.0.1:3000] [--runs 5] [--quick]
// Without --base it starts `propdesk start --demo` on a fresh data directory (needs web/dist).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { parseArgs } from '../src/cli/args.js';
import { percentile } from './support.js';

const { options } = parseArgs(process.argv.slice(2), ['quick']);
const quick = options.quick === 'true';
const runs = Number(options.runs ?? (quick ? 1 : 5));

// Chrome DevTools' presets: bytes per second and round-trip latency.
const NETWORKS = [
  { name: 'loopback', latency: 0, down: -1, up: -1 },
  { name: '4G (9 Mbit/s, 85 ms)', latency: 85, down: (9 * 1024 * 1024) / 8, up: (1.5 * 1024 * 1024) / 8 },
  { name: 'fast 3G (1.6 Mbit/s, 150 ms)', latency: 150, down: (1.6 * 1024 * 1024) / 8, up: (750 * 1024) / 8 },
];
const PAGES = [
  { name: 'staff console /', path: '/', ready: 'input[type=password]' },
  { name: 'technician /m/tech/', path: '/m/tech/', ready: 'input[type=password]' },
  { name: 'resident /m/resident/', path: '/m/resident/', ready: 'input[placeholder="登记的手机号"]' },
];

let base = options.base;
let stop = async () => undefined;
if (!base) {
  const data = mkdtempSync(join(tmpdir(), 'propdesk-first-load-'));
  const port = 3900 + Math.floor(Math.random() * 90);
  const server = spawn(process.execPath, ['bin/propdesk.js', 'start', '--demo', '--data', data, '--port', String(port)], { stdio: 'ignore' });
  base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    if (await fetch(`${base}/api/health`).then((r) => r.ok).catch(() => false)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  stop = async () => {
    server.kill();
    await new Promise((r) => server.once('exit', r));
    rmSync(data, { recursive: true, force: true });
  };
}

const browser = await chromium.launch({
  executablePath: process.env.PROPDESK_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
});
const rows: string[] = [];
for (const network of quick ? NETWORKS.slice(0, 1) : NETWORKS) {
  for (const page of PAGES) {
    const times: number[] = [];
    let bytes = 0;
    for (let r = 0; r < runs; r++) {
      const context = await browser.newContext({ viewport: page.path === '/' ? { width: 1440, height: 900 } : { width: 375, height: 812 } });
      const tab = await context.newPage();
      const cdp = await context.newCDPSession(tab);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: network.latency, downloadThroughput: network.down, uploadThroughput: network.up });
      let received = 0;
      cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => (received += e.encodedDataLength));
      const t0 = performance.now();
      await tab.goto(`${base}${page.path}`);
      await tab.locator(page.ready).first().waitFor();
      times.push(performance.now() - t0);
      bytes = received;
      await context.close();
    }
    times.sort((a, b) => a - b);
    rows.push(`| ${page.name} | ${network.name} | ${Math.round(percentile(times, 50))} ms | ${Math.round(times.at(-1)!)} ms | ${Math.round(bytes / 1024)} KB |`);
    process.stderr.write('.');
  }
}
await browser.close();
await stop();
console.log(`\n| page | network | time to a usable sign-in form, median of ${runs} | worst | transferred |\n|---|---|---|---|---|\n${rows.join('\n')}`);
