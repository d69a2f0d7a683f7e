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

test('console: the English toggle switches the case page, the shared labels and Ant Design\'s own texts; Chinese is the default', async () => {
  const desk = await apiAs(browser, 'reception');
  const estateId = (await (await desk.get(`${BASE}/api/estates`)).json()).items[0].id;
  const eng = (await (await desk.get(`${BASE}/api/estates/${estateId}/departments`)).json()).items.find((d: { code: string }) => d.code === 'ENG').id;
  const c = await (await desk.post(`${BASE}/api/cases`, { data: { estateId, kind: 'repair', channel: 'phone', locationKind: 'public', locationText: '3 号楼电梯厅', description: '电梯厅顶灯闪烁' } })).json();
  assert.ok((await desk.post(`${BASE}/api/cases/${c.id}/orders`, { data: { departmentId: eng } })).status() < 300);

  const d = await newPage(browser, DESKTOP);
  await login(d.page, `/cases/${c.id}`, 'reception');
  await d.page.getByText('电梯厅顶灯闪烁').waitFor();
  await d.page.locator('.ant-card-head-title', { hasText: '派工单' }).waitFor();
  await d.page.getByRole('button', { name: 'English' }).click();
  await d.page.locator('.ant-card-head-title', { hasText: 'Work orders' }).waitFor();
  await d.page.locator('.ant-descriptions-item-label', { hasText: 'Channel' }).waitFor();
  await d.page.locator('.ant-descriptions-item-content', { hasText: 'Phone' }).first().waitFor();
  await d.page.locator('.ant-card-head-title .ant-tag', { hasText: 'Dispatched' }).waitFor(); // shared status label
  await d.page.locator('.ant-timeline').getByText(/Opened/).first().waitFor(); // timeline event label
  await d.page.locator('.ant-table').getByText('Issued', { exact: true }).waitFor(); // order status label
  // The same Chinese (派工单) in two English forms: the card says Work orders, the timeline Work order 000…
  await d.page.locator('.ant-timeline').getByText(/Dispatched Work order \d{6}/).waitFor();
  await d.page.locator('.ant-tag', { hasText: /Arrival · Running \d+ (min|h) left/ }).waitFor(); // clock and countdown
  await shot(d.page, 'console-case-en-1440');

  // Ant Design's own texts: an empty select says "No data" rather than 暂无数据.
  await d.page.goto(`${BASE}/intake`);
  await d.page.getByText('Call / visit intake').waitFor();
  await d.page.locator('.ant-form-item', { hasText: 'Department' }).locator('.ant-select').click();
  await d.page.keyboard.type('zzzz');
  await d.page.locator('.ant-select-dropdown:visible .ant-empty-description', { hasText: 'No data' }).waitFor();
  await d.page.keyboard.press('Escape');
  await d.page.getByRole('button', { name: '中文' }).click();
  await d.page.getByText('来电/来访受理').waitFor();
  await d.context.close();

  // Another browser with nothing stored: Chinese.
  const fresh = await newPage(browser, DESKTOP);
  await login(fresh.page, '/intake', 'reception');
  await fresh.page.getByText('来电/来访受理').waitFor();
  await fresh.context.close();
});

test('no console errors in any page during the run', () => {
  assert.deepEqual(browserErrors, []);
});
