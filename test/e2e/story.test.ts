import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { maskPhone } from '../../src/domain/personal-data.js';
import { BASE, DESKTOP, PHONE, apiAs, browserErrors, expected, launch, login, newPage, shot } from './browser.js';

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** The demo server prints one-time codes in its log (no SMS gateway in a test), the phone masked. */
async function codeFromServerLog(phone: string): Promise<string> {
  for (let i = 0; i < 40; i++) {
    const log = readFileSync(process.env.E2E_SERVER_LOG!, 'utf8');
    const m = [...log.matchAll(new RegExp(`${maskPhone(phone).replace(/\*/g, '\\*')} 的登录验证码：(\\d{6})`, 'g'))].at(-1);
    if (m) return m[1]!;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('no code in the server log');
}

const caseState: { number?: string; id?: string } = {};

test('resident reports → receptionist dispatches → technician completes with photo and signature → resident confirms → receptionist closes and records the return visit', async () => {
  // Resident on the phone
  const r = await newPage(browser, PHONE, true);
  await r.page.goto(`${BASE}/m/resident/`);
  await r.page.getByPlaceholder('登记的手机号').fill('13800000001');
  await r.page.getByRole('button', { name: '获取验证码' }).click();
  await r.page.getByText('验证码已发送').waitFor();
  await r.page.getByPlaceholder('6 位验证码').fill(await codeFromServerLog('13800000001'));
  await r.page.getByRole('button', { name: '登录' }).click();
  await r.page.getByPlaceholder('如：厨房水龙头漏水').fill('厨房水龙头一直滴水');
  await shot(r.page, 'resident-report-375');
  await r.page.getByRole('button', { name: '提交' }).click();
  await r.page.getByText(/已提交，编号/).waitFor();
  const toast = await r.page.getByText(/已提交，编号/).textContent();
  caseState.number = /编号 (\S+)/.exec(toast ?? '')?.[1];
  assert.match(caseState.number ?? '', /^YH-\d{4}-\d{6}$/);

  // Receptionist at the desk finds it on the board and dispatches it
  const d = await newPage(browser, DESKTOP);
  await login(d.page, '/board', 'reception');
  await d.page.getByRole('link', { name: caseState.number! }).click();
  await d.page.getByText('厨房水龙头一直滴水').waitFor();
  caseState.id = d.page.url().split('/cases/')[1];
  await d.page.getByRole('button', { name: '派工', exact: true }).click();
  await d.page.getByRole('dialog').locator('.ant-select').first().click();
  await d.page.locator('.ant-select-item-option', { hasText: '工程部' }).click();
  await d.page.getByRole('dialog').locator('.ant-select').nth(1).click();
  await d.page.locator('.ant-select-item-option', { hasText: '孙师傅' }).click();
  await d.page.getByRole('dialog').getByRole('button', { name: '派工', exact: true }).click();
  await d.page.getByText('已派工', { exact: false }).first().waitFor();

  // Technician in the basement
  const t = await newPage(browser, PHONE, true);
  await login(t.page, '/m/tech/', 'tech1');
  await t.page.getByText('我的派工单').waitFor();
  await shot(t.page, 'tech-orders-375');
  await t.page.locator('.adm-list-item').first().click();
  await t.page.getByRole('button', { name: '接单' }).click();
  await t.page.getByRole('button', { name: '到场' }).click();
  await t.page.getByPlaceholder('如：更换角阀').fill('更换水龙头阀芯');
  await t.page.getByLabel('现场照片').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64') });
  const pad = t.page.getByLabel('业户签名');
  const box = (await pad.boundingBox())!;
  await t.page.mouse.move(box.x + 20, box.y + 60);
  await t.page.mouse.down();
  await t.page.mouse.move(box.x + 120, box.y + 30, { steps: 8 });
  await t.page.mouse.move(box.x + 220, box.y + 90, { steps: 8 });
  await t.page.mouse.up();
  await shot(t.page, 'tech-complete-375');
  await t.page.getByRole('button', { name: '完工并提交' }).click();
  await t.page.getByRole('button', { name: '返单' }).click();
  await t.page.getByText('已返单').waitFor();

  // Receptionist checks the order
  await d.page.reload();
  await d.page.getByRole('button', { name: '验收通过' }).click();
  await d.page.getByText('已完成待销项').or(d.page.getByText('待销项')).first().waitFor();
  assert.equal(await d.page.locator('img[alt=业户签名]').count(), 1);

  // Resident confirms and rates
  await r.page.reload();
  await r.page.getByText(/我的记录/).click();
  await r.page.getByText(caseState.number!).click();
  await r.page.getByRole('button', { name: '已修好，确认' }).click();
  await r.page.getByText('已提交').first().waitFor();
  await shot(r.page, 'resident-case-375');

  // Receptionist closes the case
  await d.page.reload();
  await d.page.getByRole('button', { name: '销项' }).click();
  await d.page.getByRole('dialog').locator('textarea').first().fill('已更换阀芯，业户签字确认');
  await d.page.getByRole('dialog').getByRole('button', { name: '确定' }).click();
  await d.page.getByText('已销项').first().waitFor();
  await d.page.getByRole('dialog').waitFor({ state: 'hidden' });
  // The return visit (回访) the same day: R-RV-1/R-RV-3
  await d.page.getByRole('button', { name: '回访' }).click();
  await d.page.getByRole('dialog').getByText('非常满意').click();
  await d.page.getByRole('dialog').locator('textarea').fill('师傅很及时');
  await d.page.getByRole('dialog').getByRole('button', { name: '确定' }).click();
  await d.page.getByText('结案回访').waitFor();
  await d.page.getByRole('dialog').waitFor({ state: 'hidden' });
  await shot(d.page, 'console-case-1440');
  for (const c of [r, d, t]) await c.context.close();
});

test('an emergency appears on the board with its alert', async () => {
  const d = await newPage(browser, DESKTOP);
  await login(d.page, '/board', 'reception');
  await d.page.getByText(/调度看板/).waitFor();
  await d.page.waitForTimeout(500);
  const api = await apiAs(browser, 'reception');
  const estates = await (await api.get(`${BASE}/api/estates`)).json();
  const res = await api.post(`${BASE}/api/cases`, {
    data: { estateId: estates.items[0].id, kind: 'repair', channel: 'phone', urgency: 'emergency', locationKind: 'public', locationText: '3号楼电梯', description: '3号楼电梯困人' },
  });
  assert.equal(res.status(), 201);
  await d.page.getByRole('alert').filter({ hasText: '新的紧急事件' }).waitFor({ timeout: 10_000 });
  await d.page.getByText('3号楼电梯困人').waitFor();
  await shot(d.page, 'console-board-1440');
  await d.context.close();
});

test('a forbidden action is not offered and is refused by the API', async () => {
  const t = await newPage(browser, DESKTOP);
  await login(t.page, `/cases/${caseState.id}`, 'tech1');
  await t.page.getByText('厨房水龙头一直滴水').waitFor();
  assert.equal(await t.page.getByRole('button', { name: '重新打开' }).count(), 0);
  assert.equal(await t.page.getByRole('button', { name: '撤销' }).count(), 0);
  const api = await apiAs(browser, 'tech1');
  const res = await api.post(`${BASE}/api/cases/${caseState.id}/reopen`, { data: { reason: '试试' } });
  assert.equal(res.status(), 403);
  await t.context.close();
});

test('intake: a routine repair is opened and dispatched in under 15 actions after the unit is found; a server error shows next to its field', async () => {
  const d = await newPage(browser, DESKTOP);
  await login(d.page, '/intake', 'reception');
  const unit = d.page.locator('#intake-unit');
  await unit.fill('2-1-502');
  await d.page.locator('.ant-select-item-option', { hasText: '2-1-502' }).first().click();
  await d.page.getByText('王先生').waitFor();
  let actions = 0;
  const act = async (f: () => Promise<unknown>) => {
    actions++;
    await f();
  };
  await act(() => d.page.getByPlaceholder('业户反映的问题').fill('阳台地漏堵塞'));
  await act(() => d.page.locator('.ant-form-item', { hasText: '派工部门' }).locator('.ant-select').click());
  await act(() => d.page.locator('.ant-select-item-option', { hasText: '工程部' }).click());
  await act(() => d.page.locator('.ant-form-item', { hasText: '维修人员' }).locator('.ant-select').click());
  await act(() => d.page.locator('.ant-select-item-option', { hasText: '吴师傅' }).click());
  // The screen as filled in, before sending: no dropdown open, scrolled to the top.
  await d.page.locator('.ant-select-dropdown:visible').waitFor({ state: 'detached' }).catch(() => undefined);
  await d.page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').first().waitFor({ state: 'detached' });
  await d.page.evaluate('window.scrollTo(0, 0)');
  await d.page.mouse.move(1435, 895);
  await shot(d.page, 'console-intake-1440');
  await act(() => d.page.getByRole('button', { name: '立项并派工' }).click());
  await d.page.getByText(/已立项 YH-/).first().waitFor();
  assert.ok(actions < 15, `took ${actions} actions`);

  // A paid service not confirmed twice: the server's zh-CN message appears under that field.
  expected.httpErrors = true;
  await d.page.getByPlaceholder('业户反映的问题').fill('更换入户门锁（有偿）');
  await d.page.getByText('有偿', { exact: true }).click();
  await d.page.getByRole('button', { name: '立项并派工' }).click();
  await d.page.locator('.ant-form-item', { hasText: '二次确认' }).getByText('有偿服务须与业户二次确认（R-IN-5）').waitFor();
  await shot(d.page, 'console-intake-error-1440');
  expected.httpErrors = false;
  await d.context.close();
});

test('supervisor: the approval queue lists an emergency waiting to be closed', async () => {
  const api = await apiAs(browser, 'reception');
  const estates = await (await api.get(`${BASE}/api/estates`)).json();
  const c = await (await api.post(`${BASE}/api/cases`, { data: { estateId: estates.items[0].id, kind: 'help', channel: 'phone', urgency: 'emergency', locationKind: 'public', locationText: '地下车库', description: '车库积水，需协助挪车' } })).json();
  await api.post(`${BASE}/api/cases/${c.id}/handled`, { data: { note: '已协助挪车' } });
  await api.post(`${BASE}/api/cases/${c.id}/close`, { data: { result: '已协助', evidence: { kind: 'document', note: '现场照片' } } });
  const s = await newPage(browser, DESKTOP);
  await login(s.page, '/approvals', 'supervisor');
  await s.page.getByText('销项审批').first().waitFor();
  await shot(s.page, 'console-approvals-1440');
  await s.page.getByRole('button', { name: '同意' }).first().click();
  await s.page.getByText('待审批（0）').waitFor();
  await s.context.close();
});

test('technician: an action taken offline is queued and sent once when the network returns', async () => {
  const api = await apiAs(browser, 'reception');
  const estates = await (await api.get(`${BASE}/api/estates`)).json();
  const departments = await (await api.get(`${BASE}/api/estates/${estates.items[0].id}/departments`)).json();
  const eng = departments.items.find((d: { code: string }) => d.code === 'ENG').id;
  const staff = await (await api.get(`${BASE}/api/estates/${estates.items[0].id}/staff?role=technician&departmentId=${eng}`)).json();
  const tech2 = staff.items.find((s: { username: string }) => s.username === 'tech2').id;
  const c = await (await api.post(`${BASE}/api/cases`, { data: { estateId: estates.items[0].id, kind: 'repair', channel: 'phone', locationKind: 'public', locationText: '地下二层', description: '地下室照明不亮' } })).json();
  const order = await (await api.post(`${BASE}/api/cases/${c.id}/orders`, { data: { departmentId: eng, technicianId: tech2 } })).json();
  const t = await newPage(browser, PHONE, true);
  await login(t.page, '/m/tech/', 'tech2');
  await t.page.locator('.adm-list-item', { hasText: order.number }).click();
  await t.page.getByRole('button', { name: '接单' }).waitFor();
  expected.offline = true;
  await t.context.setOffline(true);
  await t.page.getByRole('button', { name: '接单' }).click();
  await t.page.getByText('无网络，已保存，联网后自动发送').waitFor();
  await t.context.setOffline(false);
  expected.offline = false;
  await t.page.evaluate('window.dispatchEvent(new Event("online"))');
  for (let i = 0; i < 40; i++) {
    const o = await (await api.get(`${BASE}/api/orders/${order.id}`)).json();
    if (o.status === 'accepted') break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const o = await (await api.get(`${BASE}/api/orders/${order.id}`)).json();
  assert.equal(o.status, 'accepted');
  const timeline = await (await api.get(`${BASE}/api/cases/${c.id}/timeline`)).json();
  assert.equal(timeline.events.filter((e: { action: string }) => e.action === 'order.accepted').length, 1);
  await t.context.close();
});

/** The id of the element with the keyboard focus (run in the page). */
const focusedId = '(document.activeElement || {}).id';

/** The desk's view of one unit: its id and its cases (newest first). */
async function unitCases(code: string) {
  const api = await apiAs(browser, 'reception');
  const estateId = (await (await api.get(`${BASE}/api/estates`)).json()).items[0].id;
  const unit = (await (await api.get(`${BASE}/api/estates/${estateId}/units/lookup?q=${code}`)).json()).items.find((u: { code: string }) => u.code === code);
  const cases = (await (await api.get(`${BASE}/api/units/${unit.id}/cases?limit=50`)).json()).items;
  return { api, estateId, unit, cases };
}

test('intake: an empty submit shows the field message and throws nothing in the page', async () => {
  const d = await newPage(browser, DESKTOP);
  const errorsBefore = browserErrors.length;
  await d.page.goto(`${BASE}/intake`);
  await d.page.getByRole('button', { name: '登录' }).waitFor();
  await d.page.waitForTimeout(300);
  await shot(d.page, 'console-login-1440');
  await login(d.page, '/intake', 'reception');
  await d.page.getByRole('button', { name: '立项并派工' }).click();
  await d.page.locator('.ant-form-item', { hasText: '内容' }).getByText('请填写报修/投诉内容').waitFor();
  await d.page.keyboard.press('Alt+s');
  await d.page.getByRole('button', { name: '记录已答复' }).click();
  await d.page.waitForTimeout(300);
  assert.deepEqual(browserErrors.slice(errorsBefore), [], 'no unhandled rejection from validateFields');
  await d.context.close();
});

test('intake: when the dispatch fails the case is opened once; pressing again dispatches it, never a second case', async () => {
  const d = await newPage(browser, DESKTOP);
  await login(d.page, '/intake', 'reception');
  await d.page.locator('#intake-unit').fill('1-2-301');
  await d.page.locator('.ant-select-item-option', { hasText: '1-2-301' }).first().click();
  await d.page.getByText('1-2-301 的住户与近期案件').waitFor();
  assert.equal((await unitCases('1-2-301')).cases.length, 0);
  await d.page.getByPlaceholder('业户反映的问题').fill('卧室插座没电');
  await d.page.locator('.ant-form-item', { hasText: '派工部门' }).locator('.ant-select').click();
  await d.page.locator('.ant-select-item-option', { hasText: '工程部' }).click();
  await d.page.locator('.ant-form-item', { hasText: '维修人员' }).locator('.ant-select').click();
  await d.page.locator('.ant-select-item-option', { hasText: '孙师傅' }).click();
  // The first dispatch is refused (as the server refuses a technician not of the department).
  let refused = 0;
  await d.page.route('**/api/cases/*/orders', async (route) => {
    if (route.request().method() !== 'POST' || refused > 0) return route.continue();
    refused++;
    await route.fulfill({ status: 400, contentType: 'application/json', body: JSON.stringify({ error: { code: 'invalid', message: '该维修人员不属于所选部门', fields: [{ field: 'technicianId', message: '该维修人员不属于所选部门' }] } }) });
  });
  expected.httpErrors = true;
  await d.page.getByRole('button', { name: '立项并派工' }).click();
  await d.page.getByTestId('undispatched').waitFor();
  await d.page.locator('.ant-form-item', { hasText: '维修人员' }).getByText('该维修人员不属于所选部门').waitFor();
  let { cases } = await unitCases('1-2-301');
  assert.equal(cases.length, 1, 'the case was opened once');
  // Pressing again (the button, then the shortcut) sends only the order.
  await d.page.getByRole('button', { name: '重新派工' }).click();
  await d.page.getByText(/已立项 YH-/).first().waitFor();
  await d.page.getByTestId('undispatched').waitFor({ state: 'hidden' });
  expected.httpErrors = false;
  ({ cases } = await unitCases('1-2-301'));
  assert.equal(cases.length, 1, 'still one case after pressing again');
  assert.equal(refused, 1);
  const api = await apiAs(browser, 'reception');
  const kase = await (await api.get(`${BASE}/api/cases/${cases[0].id}`)).json();
  assert.equal(kase.orders.length, 1, 'one order on it');
  assert.equal(kase.status, 'dispatched');
  await d.context.close();
});

test('intake by keyboard: unit by 3-1-502 + Enter, or by part of a phone number + Enter; Tab through; Alt+S opens and dispatches with the proposed urgency', async () => {
  const d = await newPage(browser, DESKTOP);
  await login(d.page, '/intake', 'reception');
  const kb = d.page.keyboard;
  let keys = 0;
  /** One key press, or one word typed into a field, counts as one action. */
  const press = async (key: string) => {
    keys++;
    await kb.press(key);
  };
  const type = async (text: string) => {
    keys++;
    await kb.type(text);
  };
  // Find the unit: the unit field has the focus on arrival.
  await d.page.locator('#intake-unit').waitFor();
  assert.equal(await d.page.evaluate(focusedId), 'intake-unit');
  await kb.type('3-1-502');
  await d.page.locator('.ant-select-item-option-active', { hasText: '3-1-502' }).waitFor();
  await kb.press('Enter');
  await d.page.getByText('3-1-502 的住户与近期案件').waitFor();
  await d.page.locator('#intake-description:focus').waitFor();
  // After the unit is found: describe, Tab to the department, pick it, Tab to the technician, pick, Alt+S.
  await type('厨房水管爆裂');
  await press('Tab'); // urgency
  await press('Tab'); // department
  assert.equal(await d.page.evaluate(focusedId), 'intake-department');
  await type('工程');
  await d.page.locator('.ant-select-item-option-active', { hasText: '工程部' }).waitFor();
  await press('Enter');
  await d.page.locator('.ant-form-item', { hasText: '派工部门' }).filter({ hasText: '工程部' }).waitFor();
  await d.page.locator('.ant-select-open').first().waitFor({ state: 'detached' });
  await press('Tab'); // technician
  assert.equal(await d.page.evaluate(focusedId), 'intake-technician');
  await type('吴');
  await d.page.locator('.ant-select-item-option-active', { hasText: '吴师傅' }).waitFor();
  await press('Enter');
  await d.page.locator('.ant-select-open').first().waitFor({ state: 'detached' });
  await press('Alt+s');
  await d.page.getByText(/已立项 YH-/).first().waitFor();
  assert.ok(keys < 15, `took ${keys} key presses`);
  const { cases, api } = await unitCases('3-1-502');
  assert.equal(cases.length, 1);
  assert.equal(cases[0].description, '厨房水管爆裂');
  assert.equal(cases[0].urgency, 'emergency', 'the urgency proposed from 水管爆 was applied before Alt+S sent it');
  const kase = await (await api.get(`${BASE}/api/cases/${cases[0].id}`)).json();
  assert.equal(kase.orders.length, 1);

  // By part of a phone number: Esc clears, 8888 finds 王先生's unit 2-1-502.
  await kb.press('Escape');
  await d.page.getByText('先输入房号').waitFor();
  assert.equal(await d.page.evaluate(focusedId), 'intake-unit');
  await kb.type('8888');
  await d.page.locator('.ant-select-item-option-active', { hasText: '2-1-502' }).waitFor();
  await kb.press('Enter');
  await d.page.getByText('2-1-502 的住户与近期案件').waitFor();
  // The card title shows at once; the residents (and so the contact) arrive with the unit's detail.
  const contact = d.page.locator('.ant-form-item', { hasText: '联系人' }).locator('input');
  for (let i = 0; i < 50 && (await contact.inputValue()) !== '王先生'; i++) await new Promise((r) => setTimeout(r, 100));
  assert.equal(await contact.inputValue(), '王先生');
  await d.context.close();
});

test('intake: before opening, the unit card marks an open case of the same category 重复 and one closed within the rework window 返修', async () => {
  const { api, estateId, unit } = await unitCases('1-2-803');
  const open = await api.post(`${BASE}/api/cases`, { data: { estateId, kind: 'repair', channel: 'phone', locationKind: 'in_home', unitId: unit.id, category: 'WATER', description: '卫生间地漏反味' } });
  assert.equal(open.status(), 201, await open.text());
  const earlier = await (await api.post(`${BASE}/api/cases`, { data: { estateId, kind: 'help', channel: 'phone', locationKind: 'in_home', unitId: unit.id, category: 'OTHER', description: '请协助搬运旧家具' } })).json();
  assert.equal((await api.post(`${BASE}/api/cases/${earlier.id}/handled`, { data: { note: '已协助' } })).status(), 200);
  const closing = await api.post(`${BASE}/api/cases/${earlier.id}/close`, { data: { result: '已协助搬运', evidence: { kind: 'document', note: '业户确认' } } });
  assert.ok(closing.status() < 300, await closing.text());
  assert.equal((await (await api.get(`${BASE}/api/cases/${earlier.id}`)).json()).status, 'closed');

  const d = await newPage(browser, DESKTOP);
  await login(d.page, '/intake', 'reception');
  await d.page.locator('#intake-unit').fill('1-2-803');
  await d.page.locator('.ant-select-item-option', { hasText: '1-2-803' }).first().click();
  const card = d.page.locator('.ant-card', { hasText: '1-2-803 的住户与近期案件' });
  await card.getByText('卫生间地漏反味').waitFor();
  assert.equal(await card.getByText('未结').count(), 1);
  assert.equal(await card.locator('[data-repeat]').count(), 0, 'no mark before a category is chosen');
  // Same category as the open case: 重复.
  await d.page.locator('#intake-category').fill('给排水');
  await d.page.keyboard.press('Enter');
  await card.locator('.ant-list-item', { hasText: '卫生间地漏反味' }).locator('[data-repeat=重复]').waitFor();
  await d.page.getByText(/该房号已有同类案件：YH-\d{4}-\d{6}（重复）/).waitFor();
  // Same category as the case closed today (window 30 days by default): 返修.
  await d.page.locator('#intake-category').fill('其他');
  await d.page.keyboard.press('Enter');
  await card.locator('.ant-list-item', { hasText: '请协助搬运旧家具' }).locator('[data-repeat=返修]').waitFor();
  assert.equal(await card.locator('[data-repeat=重复]').count(), 0);
  await d.context.close();
});

test('no console errors in any page during the run', () => {
  assert.deepEqual(browserErrors, []);
});
