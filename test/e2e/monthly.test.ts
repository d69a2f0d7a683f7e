import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { APIRequestContext, Browser } from 'playwright-core';
import { BASE, DESKTOP, apiAs, browserErrors, launch, login, newPage, shot } from './browser.js';

/** The monthly report (R-MO-2, R-MO-3, R-KPI-1) as the project manager reads it, with the binder cover. */
let browser: Browser;
let api: APIRequestContext;
let estateId: string;
const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7); // this Beijing month

async function open(data: Record<string, unknown>) {
  const res = await api.post(`${BASE}/api/cases`, { data: { estateId, channel: 'phone', locationKind: 'public', ...data } });
  assert.equal(res.status(), 201, await res.text());
  return res.json();
}

before(async () => {
  browser = await launch();
  api = await apiAs(browser, 'reception');
  estateId = (await (await api.get(`${BASE}/api/estates`)).json()).items[0].id;
  const eng = (await (await api.get(`${BASE}/api/estates/${estateId}/departments`)).json()).items.find((d: { code: string }) => d.code === 'ENG').id;
  for (const description of ['大堂灯不亮', '地下车库顶板漏水']) {
    const c = await open({ kind: 'repair', category: 'PUBLIC', locationText: '3号楼', description });
    const o = await api.post(`${BASE}/api/cases/${c.id}/orders`, { data: { departmentId: eng } });
    assert.equal(o.status(), 201, await o.text());
  }
  await open({ kind: 'complaint', complaintNature: 'valid', locationText: '小区南门', description: '夜间施工噪音投诉' });
});
after(async () => {
  await browser?.close();
});

test('project manager: the month shows orders, timeliness, rework, complaint rate and the binder cover as the API counts them', async () => {
  const pm = await apiAs(browser, 'pm');
  const res = await pm.get(`${BASE}/api/estates/${estateId}/monthly?month=${month}`);
  assert.equal(res.status(), 200, await res.text());
  const m = await res.json();
  assert.ok(m.orders.total >= 2 && m.complaintRate.validComplaints >= 1);

  const s = await newPage(browser, DESKTOP);
  await login(s.page, '/intake', 'pm');
  await s.page.getByRole('menuitem', { name: '月报' }).click();
  await s.page.waitForURL(/\/monthly/);
  await s.page.getByText('月报 · ').waitFor(); // last month by default (R-MO-1)
  await s.page.goto(`${BASE}/monthly?month=${month}`);
  await s.page.getByText(`月报 · ${month}`).waitFor();
  const cover = s.page.locator('.binder-cover');
  await cover.getByText(m.cover.firstOrderNumber).waitFor();
  const text = (await cover.textContent()) ?? '';
  assert.match(text, new RegExp(`派工单总数\\s*${m.cover.totalOrders}`));
  assert.ok(text.includes(`${m.cover.firstOrderNumber} — ${m.cover.lastOrderNumber}`), text);
  const body = (await s.page.locator('.ant-layout-content').textContent()) ?? '';
  assert.ok(body.includes(`有效投诉 ${m.complaintRate.validComplaints} 件 ÷ ${m.complaintRate.households} 户`), body);
  assert.ok(body.includes(`${m.complaintRate.ratePct}%`), body);
  assert.ok(body.includes('公共设施'), 'orders by specialty');
  await shot(s.page, 'console-monthly-1440');

  await s.page.getByRole('menuitem', { name: '季报' }).click();
  await s.page.getByText(/季报 · \d{4}-Q[1-4]/).waitFor();
  await s.page.waitForLoadState('networkidle');
  await s.page.mouse.move(5, 880);
  await shot(s.page, 'console-quarterly-1440');
});

test('no console errors in any page during the monthly run', () => {
  assert.deepEqual(browserErrors, []);
});
