import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { APIRequestContext, Browser, Page } from 'playwright-core';
import { BASE, DESKTOP, apiAs, browserErrors, launch, login as signIn, newPage, shot } from './browser.js';

/**
 * The printed forms (issue 12 item 4) rendered by Chromium and printed to PDF: A4, the expected
 * number of pages, the Chinese text drawn with an embedded CJK font, no horizontal overflow.
 */
let browser: Browser;
let api: APIRequestContext;
let estateId: string;
let orderId: string;
const day = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10); // today in Beijing

before(async () => {
  browser = await launch();
  api = await apiAs(browser, 'reception');
  estateId = (await (await api.get(`${BASE}/api/estates`)).json()).items[0].id;
  const eng = (await (await api.get(`${BASE}/api/estates/${estateId}/departments`)).json()).items.find((d: { code: string }) => d.code === 'ENG').id;
  for (let i = 0; i < 40; i++) {
    const c = await api.post(`${BASE}/api/cases`, { data: { estateId, channel: 'phone', kind: 'repair', category: 'PUBLIC', locationKind: 'public', locationText: `${(i % 9) + 1}号楼大堂`, description: `打印测试：第 ${i + 1} 件，楼道照明灯不亮，业主要求尽快处理` } });
    assert.equal(c.status(), 201, await c.text());
    if (i === 0) {
      const o = await api.post(`${BASE}/api/cases/${(await c.json()).id}/orders`, { data: { departmentId: eng } });
      assert.equal(o.status(), 201, await o.text());
      orderId = (await o.json()).id;
    }
  }
});
after(async () => {
  await browser?.close();
});

/** Signs in and waits for the console, so the session cookie is set before a form is opened. */
async function login(page: Page, path: string, username: string) {
  await signIn(page, path, username);
  await page.locator('.ant-layout-header').waitFor();
}

/** Pages of a PDF: each page object is `/Type /Page` (the tree's root is `/Pages`). */
const pdfPages = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g)?.length ?? 0;

async function printed(page: Page, path: string) {
  const res = await page.goto(`${BASE}${path}`);
  assert.equal(res?.status(), 200, path);
  await page.waitForSelector('html[data-print-ready="1"]');
  await page.emulateMedia({ media: 'print' });
  const overflow = Number(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'));
  const heights = String(await page.evaluate("[...document.querySelectorAll('section.sheet')].map((s) => Math.round(s.getBoundingClientRect().height)).join()"));
  // page.pdf() prints with the print CSS unless screen media is emulated, so the print emulation stays on.
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  const text = pdf.toString('latin1');
  assert.ok(/\/FontName\s*\/\w+\+WenQuanYi|\/FontName\s*\/\w+\+Noto/.test(text), `${path}: a CJK font is embedded`);
  const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(text);
  // Points, rounded: A4 is 595 × 842.
  const size = box ? `${Math.round(Number(box[1]))}x${Math.round(Number(box[2]))}` : 'none';
  return { pages: pdfPages(pdf), overflow, size, heights };
}

test('desk: the work order in three copies prints as three A4 pages, one copy each', async () => {
  const s = await newPage(browser, DESKTOP);
  await login(s.page, '/intake', 'reception');
  const three = await printed(s.page, `/api/orders/${orderId}/print?copies=3`);
  assert.equal(three.pages, 3, `sheet heights ${three.heights}`);
  assert.ok(three.overflow <= 0, `no horizontal overflow (${three.overflow}px)`);
  assert.equal(three.size, '595x842');
  await shot(s.page, 'print-order-3-copies');
  assert.equal((await printed(s.page, `/api/orders/${orderId}/print`)).pages, 1);
  await s.context.close();
});

test("supervisor: the day's register prints landscape over as many A4 pages as its cases need; the daily screen links to it", async () => {
  const s = await newPage(browser, DESKTOP);
  await login(s.page, `/daily?day=${day}`, 'supervisor');
  const link = s.page.locator('#daily-form');
  await link.waitFor();
  assert.equal(await link.getAttribute('href'), `/api/estates/${estateId}/daily/print?day=${day}`);
  const reg = await printed(s.page, `/api/estates/${estateId}/daily/print?day=${day}`);
  assert.ok(reg.pages >= 2, `40 cases run over one page (${reg.pages})`);
  assert.equal(reg.size, '842x595');
  await shot(s.page, 'print-day-register');
  await s.context.close();
});

test('project manager: the binder cover is one page; the quarterly form carries its signature lines', async () => {
  const s = await newPage(browser, DESKTOP);
  await login(s.page, '/intake', 'pm');
  const month = day.slice(0, 7);
  const cover = await printed(s.page, `/api/estates/${estateId}/monthly/cover?month=${month}`);
  assert.equal(cover.pages, 1);
  assert.ok(((await s.page.textContent('body')) ?? '').includes('派工单总数'));
  await shot(s.page, 'print-binder-cover');
  const visits = await printed(s.page, `/api/estates/${estateId}/return-visits/print?month=${month}`);
  assert.equal(visits.size, '842x595');
  assert.ok(((await s.page.textContent('body')) ?? '').includes('回访记录表'));
  const quarter = `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
  const q = await printed(s.page, `/api/estates/${estateId}/quarterly/print?quarter=${quarter}`);
  assert.equal(q.pages, 1);
  const text = (await s.page.textContent('body')) ?? '';
  assert.ok(text.includes('客服主管签字') && text.includes('项目经理签字'), text);
  await s.context.close();
});

test('hotline officer: the 热线日报 prints from the hotline desk', async () => {
  const s = await newPage(browser, DESKTOP);
  await login(s.page, '/intake', 'hotline');
  const r = await printed(s.page, `/api/hotline/daily/print?day=${day}`);
  assert.ok(r.pages >= 1);
  assert.ok(((await s.page.textContent('body')) ?? '').includes('总经理热线日报'));
  await s.context.close();
});

test('no console errors, CSP violations or failed requests while the forms printed', () => {
  assert.deepEqual(browserErrors, []);
});
