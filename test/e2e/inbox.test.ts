import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { BASE, DESKTOP, apiAs, browserErrors, launch, login, newPage, shot } from './browser.js';

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('supervisor: an emergency arrives in the header inbox live; a click opens the case and reads it; the follow-up queue is on the menu', async () => {
  const s = await newPage(browser, DESKTOP);
  await login(s.page, '/intake', 'supervisor');
  const bell = s.page.getByRole('button', { name: /^消息（\d+）$/ });
  await bell.waitFor();
  const before = Number(/（(\d+)）/.exec((await bell.getAttribute('aria-label')) ?? '')?.[1]);

  const desk = await apiAs(browser, 'reception');
  const estateId = (await (await desk.get(`${BASE}/api/estates`)).json()).items[0].id;
  const c = await (
    await desk.post(`${BASE}/api/cases`, { data: { estateId, kind: 'help', channel: 'phone', urgency: 'emergency', locationKind: 'public', locationText: '2号楼地下车库', description: '地下车库有人受伤倒地' } })
  ).json();
  assert.ok(c.id, JSON.stringify(c));

  // Delivered through the outbox and pushed over SSE: the count rises without a reload.
  await s.page.getByRole('button', { name: `消息（${before + 1}）` }).waitFor({ timeout: 15_000 });
  await s.page.getByRole('button', { name: `消息（${before + 1}）` }).click();
  await s.page.getByText(new RegExp(`${c.number}为紧急事件`)).waitFor();
  await shot(s.page, 'console-inbox-1440');
  await s.page.getByText(new RegExp(`${c.number}为紧急事件`)).click();
  await s.page.waitForURL(`**/cases/${c.id}`);
  await s.page.getByText('地下车库有人受伤倒地').waitFor();
  // The click marked that message read. Other messages may arrive meanwhile (an earlier test's
  // clock breaching), so compare with the server's own count rather than with `before`.
  const sup = await apiAs(browser, 'supervisor');
  let inbox = await (await sup.get(`${BASE}/api/notifications?limit=50`)).json();
  const mine = inbox.items.filter((n: { caseId: string | null; title: string }) => n.caseId === c.id && n.title === '紧急事件');
  assert.ok(mine.length > 0 && mine.every((n: { readAt: string | null }) => n.readAt), JSON.stringify(mine));
  for (let i = 0; ; i++) {
    inbox = await (await sup.get(`${BASE}/api/notifications?limit=1`)).json();
    const shown = Number(/（(\d+)）/.exec((await bell.getAttribute('aria-label')) ?? '')?.[1]);
    if (shown === inbox.unread) break;
    assert.ok(i < 50, `bell shows ${shown}, server says ${inbox.unread}`);
    await s.page.waitForTimeout(200);
  }

  await s.page.getByRole('link', { name: '待跟进' }).click();
  await s.page.getByText('待跟进（').waitFor();
  await s.page.locator('.ant-table').first().waitFor();
  await s.page.mouse.move(5, 880);
  await shot(s.page, 'console-followups-1440');
  await s.page.getByText('已跟进', { exact: true }).click();
  await s.page.locator('.ant-table').waitFor();
  await s.context.close();
});

test('no console errors in any page during the run', () => {
  assert.deepEqual(browserErrors, []);
});
