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
