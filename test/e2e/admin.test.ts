import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { BASE, DESKTOP, apiAs, browserErrors, expected, launch, login, newPage, shot } from './browser.js';

let browser: Browser;
let page: Page;
before(async () => {
  browser = await launch();
  page = (await newPage(browser, DESKTOP)).page;
  await login(page, '/admin', 'admin');
  await page.getByRole('tab', { name: '项目' }).waitFor();
});
after(async () => {
  await browser?.close();
});

/** A screenshot from the top of the page once the toasts have gone. */
async function screen(name: string, scrollTop = true) {
  if (scrollTop) await page.evaluate('window.scrollTo(0, 0)');
  await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
  await page.mouse.move(DESKTOP.width - 5, DESKTOP.height - 5); // no hover highlight
  await page.waitForTimeout(400); // the tab underline's animation
  await shot(page, name);
}

/**
 * Picks `text` in the Select inside `item`, from that Select's own list: two forms on the page
 * have a department field, closing lists stay in the page, and role names contain 工程部 too, so
 * "the visible option 工程部" could be another list's. Retried when the choice did not take (a
 * click during the opening animation on a loaded machine).
 */
async function choose(item: Locator, text: string) {
  for (let attempt = 0; attempt < 3; attempt++) {
    const input = item.locator('input[role="combobox"]');
    let list: string | null = null;
    for (let i = 0; i < 50 && !list; i++) {
      if (i % 10 === 0) await item.locator('.ant-select').first().click();
      list = await input.getAttribute('aria-controls');
      if (!list) await page.waitForTimeout(100);
    }
    assert.ok(list, 'the select opened its list');
    await page.locator('.ant-select-dropdown:visible', { has: page.locator(`[id="${list}"]`) }).locator('.ant-select-item-option', { hasText: text }).first().click();
    // The select shows the choice (a tag, or the single value); its list lives elsewhere in the page.
    const chosen = async () => (await item.locator('.ant-select').first().innerText()).includes(text);
    for (let i = 0; i < 30 && !(await chosen()); i++) await page.waitForTimeout(100);
    if (await chosen()) return;
  }
  assert.fail(`could not choose ${text}`);
}

const importButton = () => page.locator('button').filter({ hasText: /^导入$/ });
const estateId = async (api: Awaited<ReturnType<typeof apiAs>>) => ((await (await api.get(`${BASE}/api/estates`)).json()) as { items: { id: string; code: string }[] }).items.find((e) => e.code === 'YH')!.id;

test('admin: imports units from CSV — a bad row is reported and nothing imported; fixed, it imports', async () => {
  const api = await apiAs(browser, 'admin');
  const id = await estateId(api);
  const unitsLike = async (q: string) => ((await (await api.get(`${BASE}/api/estates/${id}/units?q=${q}`)).json()) as { total: number }).total;
  await page.getByRole('tab', { name: '楼栋与房号' }).click();
  await page.getByText('从表格导入房号与住户（CSV）').waitFor();
  const bad = ['楼栋,单元,房号,业主姓名,关系,电话', '88,1,101,刘一,业主,13811112222', '88,1,102,陈二,租户,12345'].join('\n');
  await page.getByLabel('CSV 内容').fill(bad);
  expected.httpErrors = true;
  await page.getByRole('button', { name: '检查（不写入）' }).click();
  await page.getByText('导入文件有 1 处错误，未导入任何数据').waitFor();
  expected.httpErrors = false;
  const row = page.locator('tr', { hasText: '电话「12345」格式不正确' });
  await row.waitFor();
  assert.equal((await row.locator('td').first().textContent())?.trim(), '3');
  assert.equal((await row.locator('td').nth(1).textContent())?.trim(), '电话');
  assert.equal(await importButton().isDisabled(), true);
  assert.equal(await unitsLike('88-'), 0);
  await screen('console-admin-import-errors-1440', false);

  await page.getByLabel('CSV 内容').fill(bad.replace('12345', '13912345678'));
  await page.getByRole('button', { name: '检查（不写入）' }).click();
  await page.getByText('检查通过，可以导入').waitFor();
  assert.equal(await unitsLike('88-'), 0, 'a dry run writes nothing');
  await importButton().click();
  await page.getByText('导入完成').waitFor();
  assert.equal(await unitsLike('88-'), 2);
  await page.getByLabel('搜索房号').fill('88-');
  await page.getByRole('cell', { name: '88-1-102' }).waitFor();
  await screen('console-admin-units-1440');
});

test('admin: adds a price item in yuan; a duplicate code is shown next to the code field', async () => {
  const api = await apiAs(browser, 'admin');
  const id = await estateId(api);
  await page.getByRole('tab', { name: '收费标准' }).click();
  await page.getByRole('button', { name: '添加收费项目' }).waitFor();
  await page.getByLabel('收费编码').fill('P001');
  await page.getByLabel('收费项目名称').fill('重复编码');
  await page.getByLabel('计价单位').fill('次');
  await page.getByLabel('价格（元）').fill('10');
  expected.httpErrors = true;
  await page.getByRole('button', { name: '添加收费项目' }).click();
  await page.locator('.ant-form-item-explain-error', { hasText: '编码已存在' }).waitFor();
  expected.httpErrors = false;
  await page.getByLabel('收费编码').fill('P990');
  await page.getByLabel('收费项目名称').fill('疏通下水道');
  await page.getByLabel('价格（元）').fill('85.5');
  await page.getByRole('button', { name: '添加收费项目' }).click();
  await page.getByRole('cell', { name: '疏通下水道', exact: true }).waitFor();
  await page.locator('tr', { hasText: 'P990' }).getByText('¥85.50').waitFor();
  const items = ((await (await api.get(`${BASE}/api/estates/${id}/price-items`)).json()) as { items: { code: string; priceCents: number }[] }).items;
  assert.equal(items.find((i) => i.code === 'P990')?.priceCents, 8550);
  await screen('console-admin-prices-1440');
});

test('admin: a shorter dispatch time changes the preview; reset to default restores it', async () => {
  await page.getByRole('tab', { name: 'SLA 时限' }).click();
  const summary = page.getByTestId('sla-preview-summary');
  await summary.waitFor();
  await page.getByLabel('受理时间').fill('2026-03-02T10:00');
  await page.getByText('派工截止 2026-03-02 10:10').waitFor();
  const dispatch = page.getByLabel('派工时限', { exact: true });
  await dispatch.fill('5');
  await page.getByText('已修改').first().waitFor();
  // The preview follows the unsaved value at once, marked as such.
  await page.getByText('派工截止 2026-03-02 10:05').waitFor();
  await page.getByText('含未保存的修改').waitFor();
  await page.getByRole('button', { name: '保存 SLA 时限' }).click();
  await page.getByText('SLA 时限已保存').waitFor();
  await page.getByText('含未保存的修改').waitFor({ state: 'detached' });
  await page.getByText('派工截止 2026-03-02 10:05').waitFor();
  await page.locator('tr', { hasText: '派工' }).first().getByText('2026-03-02 10:05').waitFor();
  await screen('console-admin-sla-1440');
  await page.getByRole('button', { name: '派工时限恢复默认' }).click();
  await page.getByRole('button', { name: '保存 SLA 时限' }).click();
  await page.getByText('派工截止 2026-03-02 10:10').waitFor();
  assert.equal(await dispatch.inputValue(), '10');
});

test('admin: edits the calendar — a lunch outside working hours is refused next to the field; a new holiday is saved, then reset', async () => {
  const api = await apiAs(browser, 'admin');
  const id = await estateId(api);
  const overrides = async () => ((await (await api.get(`${BASE}/api/estates/${id}/settings/calendar`)).json()) as { overrides: Record<string, any> }).overrides;
  await page.getByRole('tab', { name: '工作日历' }).click();
  await page.getByText('节假日与调休').waitFor();
  await page.getByText('春节').first().waitFor();
  await screen('console-admin-calendar-1440');
  await page.getByLabel('平时午休开始').fill('07:00');
  expected.httpErrors = true;
  await page.getByRole('button', { name: '保存工作日历' }).click();
  await page.locator('.ant-form-item-explain-error', { hasText: '午休须在上班与下班时间之间' }).waitFor();
  expected.httpErrors = false;
  await page.getByLabel('平时午休开始').fill('12:00');
  await page.getByLabel('假期名称').fill('项目停工日');
  await page.getByLabel('假期开始').fill('2026-03-03');
  await page.getByRole('button', { name: '添加假期' }).click();
  await page.getByRole('cell', { name: '项目停工日' }).waitFor();
  await page.getByRole('button', { name: '保存工作日历' }).click();
  await page.getByText('工作日历已保存').waitFor();
  const saved = await overrides();
  assert.deepEqual(Object.keys(saved), ['holidays']);
  assert.ok(saved.holidays['2026'].holidays.some((h: { name: string; from: string }) => h.name === '项目停工日' && h.from === '2026-03-03'));
  await page.getByRole('button', { name: '全部恢复默认' }).click();
  await page.getByRole('button', { name: '恢复', exact: true }).click();
  await page.getByText('已恢复为默认日历').waitFor();
  assert.deepEqual(await overrides(), {});
});

test('admin: adds a staff member, then changes their roles; the new technician is offered for dispatch', async () => {
  const api = await apiAs(browser, 'admin');
  const id = await estateId(api);
  await page.getByRole('tab', { name: '部门与员工' }).click();
  await page.getByRole('button', { name: '添加员工' }).waitFor();
  const form = page.locator('.ant-card', { hasText: '添加员工' }).last();
  await form.getByLabel('用户名').fill('kefu9');
  await form.getByLabel('姓名').fill('何晓丽');
  await form.getByLabel('初始密码').fill('demo12345');
  await choose(form.locator('.ant-form-item', { hasText: '角色' }), '客服接待员');
  await page.keyboard.press('Escape');
  await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'detached' });
  await form.getByRole('button', { name: '添加员工' }).click();
  const row = page.locator('tr', { hasText: 'kefu9' });
  await row.getByText('客服接待员').waitFor();
  // Roles: technician of 工程部 instead.
  await row.getByRole('button', { name: '修改角色' }).click();
  const dialog = page.getByRole('dialog', { name: '修改角色：何晓丽' });
  await dialog.waitFor();
  await dialog.locator('.ant-select-selection-item-remove').first().click();
  await dialog.getByRole('button', { name: '保存' }).click();
  await dialog.getByText('请至少选择一个角色').waitFor();
  await choose(dialog.locator('.ant-form-item', { hasText: '本项目的角色' }), '维修');
  await dialog.locator('.ant-modal-title').click(); // closes the dropdown (Esc would close the dialog)
  await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'detached' });
  await choose(dialog.locator('.ant-form-item', { hasText: '部门' }).last(), '工程部');
  await dialog.getByRole('button', { name: '保存' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await row.getByText('工程部').waitFor();
  assert.equal(await row.getByText('客服接待员').count(), 0);
  const techs = ((await (await api.get(`${BASE}/api/estates/${id}/staff?role=technician`)).json()) as { items: { username: string }[] }).items;
  assert.ok(techs.some((t) => t.username === 'kefu9'), 'now listed as a technician');
});

test('admin: adds a category for the repair kind only; it is listed and stored with that kind', async () => {
  const api = await apiAs(browser, 'admin');
  const id = await estateId(api);
  await page.getByRole('tab', { name: '分类' }).click();
  await page.getByRole('button', { name: '添加分类' }).waitFor();
  await page.getByLabel('分类编码').fill('ROOF');
  await page.getByLabel('分类名称').fill('屋面防水');
  await page.getByLabel('适用类别').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '报修' }).first().click();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: '添加分类' }).click();
  await page.getByRole('cell', { name: 'ROOF' }).waitFor();
  await page.locator('tr', { hasText: 'ROOF' }).getByText('屋面防水').waitFor();
  const items = ((await (await api.get(`${BASE}/api/estates/${id}/categories`)).json()) as { items: { code: string; kinds: string[] }[] }).items;
  assert.deepEqual(items.find((c) => c.code === 'ROOF')?.kinds, ['repair']);
});

test('admin: the set-up history (操作日志) lists the role change and the new category under the admin, filtered by record type', async () => {
  await page.getByRole('tab', { name: '操作日志' }).click();
  const rows = page.locator('.audit-log tbody tr');
  // Newest first: the category added by the test before, with who added it.
  const category = rows.filter({ hasText: 'ROOF 屋面防水' }).first();
  await category.waitFor();
  await category.getByText('新增').waitFor();
  await category.getByText('管理员', { exact: true }).waitFor();
  await page.getByLabel('对象').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '员工角色' }).first().click();
  await rows.filter({ hasText: '何晓丽：维修技术员' }).filter({ hasText: '新增' }).first().waitFor();
  assert.equal(await rows.filter({ hasText: '屋面防水' }).count(), 0, 'filtered to staff roles');
  // The role change of the staff test: receptionist removed, technician added.
  await rows.filter({ hasText: '何晓丽：客服接待员' }).filter({ hasText: '删除' }).first().waitFor();
  await screen('console-admin-audit-1440');
});

test('admin: the other screens render (screenshots), and the browser logged no errors', async () => {
  await page.getByRole('tab', { name: '部门与员工' }).click();
  await page.getByRole('button', { name: '添加员工' }).waitFor();
  await page.getByRole('cell', { name: '孙师傅' }).waitFor();
  await screen('console-admin-staff-1440');
  await page.getByRole('tab', { name: '分类' }).click();
  await page.getByRole('cell', { name: 'WATER' }).waitFor();
  await screen('console-admin-categories-1440');
  await page.getByRole('tab', { name: '项目' }).click();
  await page.getByText('案件编号前缀').waitFor();
  await screen('console-admin-estate-1440');
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByText('This estate').waitFor();
  await page.getByRole('tab', { name: 'SLA times' }).click();
  await page.getByRole('button', { name: 'Save SLA times' }).waitFor();
  await page.getByRole('button', { name: '中文' }).click();
  await page.getByRole('button', { name: '保存 SLA 时限' }).waitFor();
  assert.deepEqual(browserErrors, []);
});
