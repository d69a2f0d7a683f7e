import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { BASE, DESKTOP, apiAs, launch, login, newPage, shot } from './browser.js';

let browser: Browser;
/** This Beijing month: the cases below are opened now, so the figures are about it. */
const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
before(async () => {
  browser = await launch();
  const desk = await apiAs(browser, 'reception');
  const estateId = (await (await desk.get(`${BASE}/api/estates`)).json()).items[0].id;
  const unit = (await (await desk.get(`${BASE}/api/estates/${estateId}/units/lookup?q=2-1-201`)).json()).items[0];
  for (const description of ['卫生间地漏堵塞', '客厅插座没电']) {
    const res = await desk.post(`${BASE}/api/cases`, {
      data: { estateId, kind: 'repair', channel: 'phone', locationKind: 'in_home', unitId: unit.id, contactName: '王女士', contactPhone: '13700001111', phoneConsent: true, description },
    });
    assert.equal(res.status(), 201);
  }
});
after(async () => {
  await browser?.close();
});

type Figure = { id: string; label: string; value: number | null; numerator: number | null; denominator: number | null };

test('project manager: the KPI tiles show the server’s figures with target and light; a tile picks the trend line; the quarter is one click away', async () => {
  const api = await apiAs(browser, 'pm');
  const estateId = (await (await api.get(`${BASE}/api/estates`)).json()).items[0].id;
  const figures: Figure[] = (await (await api.get(`${BASE}/api/kpis?estateId=${estateId}&period=${month}`)).json()).figures;
  const repairs = figures.find((f) => f.id === 'repair_timeliness')!;
  assert.ok(repairs.denominator! >= 2, 'the repairs opened above are counted');

  const p = await newPage(browser, DESKTOP);
  await login(p.page, `/kpis?period=${month}`, 'pm');
  const tile = p.page.getByRole('button', { name: '维修及时率' });
  await tile.waitFor();
  assert.equal(await p.page.locator('[aria-label][aria-pressed]').count(), 11);
  const text = (await tile.textContent()) ?? '';
  assert.ok(text.includes(`${repairs.numerator} / ${repairs.denominator}`), text);
  assert.ok(text.includes('目标 ≥ 100%'), text);
  assert.ok(/达标|接近目标|未达标|无数据/.test(text), text);
  await p.page.getByRole('img', { name: '维修及时率 趋势' }).waitFor();
  await p.page.getByRole('button', { name: '返修率' }).click();
  await p.page.getByRole('img', { name: '返修率 趋势' }).waitFor();
  await p.page.getByText('近 12 个月').waitFor();
  // The estate's breakdowns: the two repairs above are in 2号楼, and on its 2nd floor in the heat map.
  await p.page.getByRole('img', { name: '报修分布热力图' }).waitFor();
  await shot(p.page, 'console-kpis-1440');
  await p.page.getByRole('tab', { name: '按楼栋' }).click();
  await p.page.locator('.ant-table-row', { hasText: '2号楼' }).waitFor();

  // A project manager of one estate is offered no comparison tab.
  assert.equal(await p.page.getByRole('tab', { name: '项目对比' }).count(), 0);

  await p.page.locator('.ant-segmented-item', { hasText: '季' }).click();
  await p.page.waitForURL(/period=\d{4}-Q[1-4]/);
  const quarter = /period=(\d{4}-Q[1-4])/.exec(p.page.url())![1]!;
  const q = (await (await api.get(`${BASE}/api/kpis?estateId=${estateId}&period=${quarter}`)).json()).period;
  await p.page.getByText(`${q.firstDay} – ${q.lastDay}`).waitFor();
  await p.context.close();
});

test('quality office: the comparison of estates ranks them for the KPI chosen; an estate’s name opens its dashboard', async () => {
  const q = await newPage(browser, DESKTOP);
  await login(q.page, `/kpis?period=${month}`, 'quality');
  await q.page.getByRole('tab', { name: '项目对比' }).click();
  await q.page.waitForURL(/view=compare/);
  const row = q.page.locator('.ant-table-row', { hasText: '阳光花园' });
  await row.waitFor();
  assert.equal(await row.locator('td').first().textContent(), '1');
  await q.page.getByRole('combobox', { name: '比较指标' }).click();
  await q.page.locator('.ant-select-item-option', { hasText: '回访率' }).click();
  await q.page.getByRole('img', { name: '回访率 项目对比' }).waitFor();
  await q.page.getByText(/合计: /).waitFor();
  await q.page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').waitFor({ state: 'hidden' });
  await shot(q.page, 'console-kpi-comparison-1440');
  // 导出 Excel: the streamed workbook arrives as a download whose sheet says what and when it is.
  const [download] = await Promise.all([q.page.waitForEvent('download'), q.page.locator('#kpi-comparison-xlsx').click()]);
  assert.equal(download.suggestedFilename(), `项目指标对比-${month}.xlsx`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile((await download.path())!);
  assert.match(String(wb.getWorksheet('项目对比')!.getCell('A1').value), new RegExp(`^项目指标对比 · ${month}`));
  assert.equal(wb.getWorksheet('项目对比')!.getCell('B3').value, '阳光花园');
  await q.page.getByRole('link', { name: '查看 阳光花园' }).or(q.page.getByLabel('查看 阳光花园')).first().click();
  await q.page.waitForURL(/view=estate/);
  await q.page.getByRole('button', { name: '维修及时率' }).waitFor();
  await q.context.close();
});
