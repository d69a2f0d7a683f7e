// docs/api.md walks one case from the phone call to the closed case as curl commands. This runs
// exactly those blocks, in order, against the demo server of the browser run, so the documented
// example cannot drift from the API.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { BASE } from './browser.js';

// A real 1×1 PNG, as a signature pad would upload.
const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

/** The bash blocks of the worked example, from its heading to the next level-2 heading. */
function exampleScript(): string {
  const doc = readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8');
  const start = doc.indexOf('## From the phone call to the closed case');
  const end = doc.indexOf('\n## ', start + 1);
  assert.ok(start >= 0 && end > start, 'docs/api.md has the worked example');
  const blocks = [...doc.slice(start, end).matchAll(/```bash\n([\s\S]*?)```/g)].map((m) => m[1]!);
  assert.ok(blocks.length >= 5, `found ${blocks.length} bash blocks`);
  return blocks.join('\n');
}

test('docs/api.md: the curl example runs from the phone call to the closed case, and every step answers as documented', () => {
  const dir = mkdtempSync(join(tmpdir(), 'propdesk-api-example-'));
  try {
    writeFileSync(join(dir, 'signature.png'), PNG_1X1);
    // The documented base URL is replaced by the test server's; the idempotency key by a fresh one
    // (the same demo serves every browser test, and a replay would reuse the first case).
    const script = exampleScript()
      .replace(/^B=\S+;/m, `B=${BASE};`)
      .replace('call-20260302-0001', `docs-example-${Date.now()}`);
    const check = `
echo "CASE_STATUS=$(curl -sf -b r.txt $B/api/cases/$CASE | jq -r .status)"
echo "ORDER_STATUS=$(curl -sf -b r.txt $B/api/orders/$ORDER | jq -r .status)"
echo "EVENTS=$(curl -sf -b r.txt $B/api/cases/$CASE/timeline | jq -r '[.events[].action] | join(",")')"`;
    const out = execFileSync('bash', ['-eo', 'pipefail', '-c', `${script}\n${check}`], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    const value = (k: string) => new RegExp(`^${k}=(.*)$`, 'm').exec(out)?.[1];
    assert.equal(value('CASE_STATUS'), 'closed', out);
    assert.equal(value('ORDER_STATUS'), 'checked', out);
    const events = value('EVENTS')!.split(',');
    for (const a of ['case.opened', 'case.phone_revealed', 'order.issued', 'order.accepted', 'order.arrived', 'order.completed', 'order.returned', 'order.checked']) assert.ok(events.includes(a), `${a} in ${events}`);
    // The completion answered with the documented fee (labour 30 + company angle valve 25).
    assert.match(out, /"feeCents":5500/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
