import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { APIRequestContext, Browser } from 'playwright-core';
import { BASE, DESKTOP, apiAs, browserErrors, launch, login, newPage, shot } from './browser.js';

/** Shift handover (R-SH-1): the day desk hands over to night duty on the screen; the record shows in the history. */
let browser: Browser;
let api: APIRequestContext;
let estateId: string;

before(async () => {
  browser = await launch();
  api = await apiAs(browser, 'reception');
  estateId = (await (await api.get(`${BASE}/api/estates`)).json()).items[0].id;
  const eng = (await (await api.get(`${BASE}/api/estates/${estateId}/departments`)).json()).items.find((d: { code: string }) => d.code === 'ENG').id;
  const c = await api.post(`${BASE}/api/cases`, { data: { estateId, channel: 'phone', locationKind: 'public', kind: 'repair', category: 'PUBLIC', locationText: '5号楼', description: '5号楼电梯异响' } });
  assert.equal(c.status(), 201, await c.text());
  const o = await api.post(`${BASE}/api/cases/${(await c.json()).id}/orders`, { data: { departmentId: eng } });
  assert.equal(o.status(), 201, await o.text());
});
after(async () => {
  await browser?.close();
});

test('receptionist: hands over to night duty on the 交接班 screen and sees the record with the server-counted orders', async () => {
  const before = await (await api.get(`${BASE}/api/estates/${estateId}/handover`)).json();
  assert.ok(before.openOrderCount >= 1);
  const note = `电梯待厂家 ${Date.now()}`;

  const s = await newPage(browser, DESKTOP);
  await login(s.page, '/intake', 'reception');
  await s.page.getByRole('menuitem', { name: '交接班' }).click();
  await s.page.waitForURL(/\/handover/);
  await s.page.getByText(`未返单派工单（交接时由系统统计）（${before.openOrderCount}）`).waitFor();
  await s.page.getByText(before.openOrders[0].number).first().waitFor();

  await s.page.getByLabel('接班人').click();
  await s.page.locator('.ant-select-item-option', { hasText: '周强' }).click();
  await s.page.getByLabel('接班班次').click();
  await s.page.locator('.ant-select-item-option', { hasText: '夜班' }).click();
  await s.page.getByLabel('交接事项（可不填）').fill(note);
  await s.page.getByRole('button', { name: '确认交班' }).click();

  const row = s.page.locator('.ant-table-row', { hasText: note });
  await row.waitFor();
  const text = (await row.textContent()) ?? '';
  assert.ok(text.includes('夜班') && text.includes('刘晓燕') && text.includes('周强'), text);
  assert.ok(text.includes(before.openOrders.map((o: { number: string }) => o.number).join('、')), text);

  const after = await (await api.get(`${BASE}/api/estates/${estateId}/handover`)).json();
  assert.equal(after.handovers.items[0].note, note);
  assert.equal(after.handovers.items[0].openOrderCount, before.openOrderCount);
  await shot(s.page, 'console-handover-1440');
  assert.deepEqual(browserErrors, []);
});
