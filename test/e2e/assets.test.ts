import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BASE } from './browser.js';

test('anyone: the web app is sent compressed and cached for a year; its pages are never cached stale', async () => {
  const html = await fetch(`${BASE}/`);
  assert.equal(html.headers.get('cache-control'), 'no-cache');
  const script = /src="(\/assets\/[^"]+\.js)"/.exec(await html.text())?.[1];
  assert.ok(script, 'the console page names its script');
  const br = await fetch(`${BASE}${script}`, { headers: { 'accept-encoding': 'br' } });
  assert.equal(br.headers.get('content-encoding'), 'br');
  assert.match(br.headers.get('cache-control') ?? '', /max-age=31536000/);
  const plain = await fetch(`${BASE}${script}`, { headers: { 'accept-encoding': 'identity' } });
  assert.equal(plain.headers.get('content-encoding'), null);
  assert.ok(Number(plain.headers.get('content-length')) > Number(br.headers.get('content-length')) * 2);
});

/** Every script a page can load: its HTML's scripts and preloads, then each chunk's static and dynamic imports. */
async function reachable(page: string): Promise<Map<string, string>> {
  const html = await (await fetch(`${BASE}${page}`)).text();
  const queue = [...html.matchAll(/(?:src|href)="\/assets\/([^"]+\.js)"/g)].map((m) => m[1]!);
  assert.ok(queue.length > 0, `${page} names its scripts`);
  const seen = new Map<string, string>();
  while (queue.length) {
    const name = queue.pop()!;
    if (seen.has(name)) continue;
    const res = await fetch(`${BASE}/assets/${name}`);
    assert.equal(res.status, 200, name);
    const js = await res.text();
    seen.set(name, js);
    for (const m of js.matchAll(/([\w.-]+-[\w-]{8}\.js)/g)) queue.push(m[1]!);
  }
  return seen;
}

test('anyone: the technician and resident pages never reference the console chunks', async () => {
  const consoleEntry = /src="\/assets\/([^"]+\.js)"/.exec(await (await fetch(`${BASE}/`)).text())?.[1];
  assert.ok(consoleEntry);
  const consoleChunks = await reachable('/');
  // The console's screens (lazy routes) and antd (desktop; its icons carry the `anticon` class).
  const screens = /^(console|Intake|Board|CasePage|Approvals|Search|Daily|Weekly|Monthly|Quarterly|Handover|FollowUps|AdminHome|ReportPrint|StackedBar)-/;
  const consoleOnly = [...consoleChunks].filter(([name, js]) => name === consoleEntry || screens.test(name) || js.includes('anticon')).map(([name]) => name);
  assert.ok(consoleOnly.includes(consoleEntry) && consoleOnly.some((n) => n.startsWith('Intake-')), 'the walk finds the console chunks');
  assert.ok(consoleOnly.length > 3, 'antd is among them');
  for (const page of ['/m/tech/', '/m/resident/']) {
    const phone = await reachable(page);
    const wrong = [...phone.keys()].filter((name) => consoleOnly.includes(name));
    assert.deepEqual(wrong, [], `${page} loads console chunks`);
  }
});
