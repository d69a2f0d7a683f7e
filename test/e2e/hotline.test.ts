import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { DESKTOP, browserErrors, launch, login, newPage, shot } from './browser.js';

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function openDossier(page: Page, number: string) {
  await page.getByRole('button', { name: number }).click();
  const drawer = page.locator('.ant-drawer');
  await drawer.getByText(number).first().waitFor();
  return drawer;
}

test('GM hotline: a call becomes a dossier; the estate head sets measures, the named head visits within 24 h, the estate head resolves and visits again: closed (R-GM-1…4)', async () => {
  const h = await newPage(browser, DESKTOP);
  await login(h.page, '/hotline', 'hotline');
  await h.page.locator('#hotline-matter').waitFor();
  // A first contact goes back to the estate: the officer is given what to say.
  await h.page.locator('#hotline-unit').fill('1-1-101');
  await h.page.locator('#hotline-matter').fill('楼下车库门禁卡失灵');
  await h.page.locator('#hotline-first').check();
  await h.page.locator('#hotline-submit').click();
  await h.page.getByText(/已转交项目客服中心，项目将尽快与您联系/).waitFor();
  // A complaint about how the estate handled it: a dossier.
  await h.page.locator('#hotline-unit').fill('2-1-502');
  await h.page.locator('#hotline-name').fill('王先生');
  await h.page.locator('#hotline-phone').fill('13900000003');
  await h.page.locator('#hotline-matter').fill('卫生间漏水报修三次仍未修好，要求总经理过问');
  await h.page.locator('#hotline-submit').click();
  const drawer = h.page.locator('.ant-drawer');
  await drawer.locator('.ant-drawer-title').waitFor({ timeout: 10_000 });
  const title = await drawer.locator('.ant-drawer-title').textContent();
  const number = /RX-\d{4}-\d{4,}/.exec(title ?? '')?.[0];
  assert.ok(number, `dossier number in "${title}"`);
  await drawer.getByText('139****0003').waitFor();
  // The hotline takes none of the estate's steps; it only follows the dossier (R-GM-5).
  assert.deepEqual(await drawer.locator('[data-step]').evaluateAll((els) => els.map((e) => e.getAttribute('data-step'))), ['follow_up']);
  await h.page.keyboard.press('Escape');
  await h.page.getByRole('button', { name: number }).waitFor();
  await shot(h.page, 'console-hotline-1440');
  await h.context.close();

  const pm = await newPage(browser, DESKTOP);
  await login(pm.page, '/hotline', 'pm');
  let d = await openDossier(pm.page, number);
  await d.locator('#dossier-measures').fill('工程部今日上门查漏，更换卫生间进水管');
  await d.locator('.ant-form-item', { hasText: '责任部门负责人' }).locator('.ant-select').click();
  await pm.page.locator('.ant-select-item-option', { hasText: '赵建国' }).click();
  await d.locator('#dossier-measures').click();
  await d.locator('#dossier-measures').press('Tab');
  await d.getByRole('button', { name: '提交' }).click();
  await d.getByText('处理中').first().waitFor();
  await pm.context.close();

  const head = await newPage(browser, DESKTOP);
  await login(head.page, '/hotline', 'dispatcher');
  d = await openDossier(head.page, number);
  await d.locator('#dossier-visit-said').fill('已电话联系业户，约定明早九点上门');
  await d.getByRole('button', { name: '提交' }).click();
  await d.getByText(/首次回访/).first().waitFor();
  await d.locator('[data-step]').first().waitFor({ state: 'detached' });
  await head.context.close();

  const pm2 = await newPage(browser, DESKTOP);
  await login(pm2.page, '/hotline', 'pm');
  d = await openDossier(pm2.page, number);
  await d.locator('#dossier-resolution').fill('已更换进水管，试水无渗漏');
  await d.getByRole('button', { name: '提交' }).click();
  await d.locator('#dossier-second-said').fill('业户表示满意，感谢总经理热线');
  await d.getByRole('button', { name: '提交' }).click();
  await d.getByText('已结案').first().waitFor();
  await d.getByText('二次回访，结案').waitFor();
  await pm2.context.close();

  // The officer's daily report: today's calls both ways, exported as the CSV the button links to.
  const r = await newPage(browser, DESKTOP);
  await login(r.page, '/hotline', 'hotline');
  const daily = r.page.locator('#hotline-daily');
  await daily.getByText('楼下车库门禁卡失灵').waitFor();
  await daily.getByText(number).first().waitFor();
  await daily.locator('#hotline-daily-counts').waitFor();
  const href = await r.page.locator('#hotline-daily-csv').getAttribute('href');
  const csv = await r.page.request.get(new URL(href!, r.page.url()).toString());
  assert.equal(csv.status(), 200);
  assert.match(await csv.text(), /^\uFEFF热线日报 \d{4}-\d{2}-\d{2}/);
  await daily.scrollIntoViewIfNeeded();
  await shot(r.page, 'console-hotline-daily-1440');
  await r.context.close();
});

test('no console errors in any page during the run', () => {
  assert.deepEqual(browserErrors, []);
});
