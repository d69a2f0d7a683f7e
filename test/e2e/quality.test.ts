import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { BASE, DESKTOP, apiAs, browserErrors, expected, launch, login, newPage, shot } from './browser.js';

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('quality office: a 12345 complaint is recorded, handed to the estate desk, resolved and closed; the estate sees it in its contact log', async () => {
  const q = await newPage(browser, DESKTOP);
  await login(q.page, '/quality', 'quality');
  await q.page.locator('#quality-matter').waitFor();
  await q.page.locator('#quality-ref').fill('12345-20261207-0031');
  await q.page.locator('#quality-unit').fill('2-1-502');
  await q.page.locator('#quality-name').fill('李女士');
  await q.page.locator('#quality-phone').fill('13900000007');
  await q.page.locator('#quality-matter').fill('小区东门垃圾堆放三天无人清运（市民热线转办）');
  await q.page.locator('#quality-submit').click();
  const drawer = q.page.locator('.ant-drawer');
  await drawer.locator('.ant-drawer-title').waitFor({ timeout: 10_000 });
  const number = /PZ-\d{4}-\d{4,}/.exec((await drawer.locator('.ant-drawer-title').textContent()) ?? '')?.[0];
  assert.ok(number, 'complaint number in the drawer title');
  await drawer.getByText('139****0007').waitFor();
  await drawer.getByText('政府转办（12345）').waitFor();
  assert.deepEqual(await drawer.locator('[data-step]').evaluateAll((els) => els.map((e) => e.getAttribute('data-step'))), ['hand_down', 'progress', 'resolve']);
  await drawer.locator('#quality-note-hand-down').fill('请项目当日清运并回复');
  await drawer.locator('#quality-step-hand-down').click();
  await drawer.getByText('已交项目处理').first().waitFor();
  await drawer.locator('#quality-resolution').fill('项目已清运并增加每日巡查');
  await drawer.locator('#quality-step-resolve').click();
  await drawer.locator('#quality-note-close').fill('电话回复投诉人，表示满意');
  await drawer.locator('#quality-step-close').click();
  await drawer.getByText('回复投诉人，结案').waitFor();
  await drawer.locator('[data-step]').first().waitFor({ state: 'detached' });
  await q.page.keyboard.press('Escape');
  await q.context.close();

  const desk = await apiAs(browser, 'supervisor');
  const estateId = (await (await desk.get(`${BASE}/api/estates`)).json()).items[0].id;
  const log = (await (await desk.get(`${BASE}/api/contacts?estateId=${estateId}&q=${encodeURIComponent('东门垃圾')}`)).json()).items;
  assert.equal(log.length, 1);
  assert.equal(log[0].channel, 'transfer');
  assert.match(log[0].content, new RegExp(number));
});

test('supervisor: escalates a complaint the estate cannot solve from the case page; quality sees it, and handing it back is not offered (R-CP-3)', async () => {
  const desk = await apiAs(browser, 'reception');
  const estateId = (await (await desk.get(`${BASE}/api/estates`)).json()).items[0].id;
  const unit = (await (await desk.get(`${BASE}/api/estates/${estateId}/units/lookup?q=1-1-102`)).json()).items.find((u: { code: string }) => u.code === '1-1-102');
  const c = await (
    await desk.post(`${BASE}/api/cases`, {
      data: { estateId, kind: 'complaint', complaintNature: 'valid', complaintContent: 'attitude', channel: 'phone', locationKind: 'in_home', unitId: unit.id, contactName: '周先生', contactPhone: '13577778888', phoneConsent: true, description: '业户要求撤换保安队长，多次协调未果' },
    })
  ).json();

  const s = await newPage(browser, DESKTOP);
  await login(s.page, `/cases/${c.id}`, 'supervisor');
  await s.page.getByRole('button', { name: '上报品质管理部' }).click();
  const dialog = s.page.getByRole('dialog', { name: '上报品质管理部' });
  await dialog.waitFor();
  // The reason is required: the message shows under the field and nothing is sent.
  await dialog.getByRole('button', { name: '确定' }).click();
  await dialog.getByText('请填写项目无法解决的原因').waitFor();
  await dialog.locator('textarea, input').first().fill('业户要求撤换外包保安公司，超出项目权限');
  await dialog.getByRole('button', { name: '确定' }).click();
  await s.page.locator('#case-escalated-quality').waitFor();
  assert.equal(await s.page.getByRole('button', { name: '上报品质管理部' }).count(), 0);
  await s.context.close();

  const q = await newPage(browser, DESKTOP);
  await login(q.page, '/quality', 'quality');
  await q.page.locator('#quality-filter-source').click();
  await q.page.locator('.ant-select-item-option', { hasText: '项目上报' }).click();
  const row = q.page.locator('#quality-list tr', { hasText: c.number });
  await row.waitFor();
  await row.click();
  const drawer = q.page.locator('.ant-drawer');
  await drawer.getByText('业户要求撤换外包保安公司，超出项目权限', { exact: true }).waitFor();
  await drawer.getByText(/不能退回项目（R-CP-3）/).waitFor();
  assert.deepEqual(await drawer.locator('[data-step]').evaluateAll((els) => els.map((e) => e.getAttribute('data-step'))), ['progress', 'resolve']);
  // The API refuses the hand-back with the rule's name, whoever tries it.
  const api = await apiAs(browser, 'quality');
  const id = (await (await api.get(`${BASE}/api/quality/complaints?source=estate&q=${encodeURIComponent(c.number)}`)).json()).items[0].id;
  expected.httpErrors = true;
  const back = await api.post(`${BASE}/api/quality/complaints/${id}/hand-down`, { data: {} });
  expected.httpErrors = false;
  assert.equal(back.status(), 409);
  assert.equal((await back.json()).error.rule, 'R-CP-3');
  await drawer.locator('#quality-note-progress').fill('已约谈保安公司负责人');
  await drawer.locator('#quality-step-progress').click();
  await drawer.getByText('已约谈保安公司负责人', { exact: false }).first().waitFor();
  await q.page.keyboard.press('Escape');
  await drawer.waitFor({ state: 'hidden' });
  // Flagged hot (the resident threatens the press), it shows in the registry with its 4 h report clock.
  const sup = await apiAs(browser, 'supervisor');
  assert.equal((await sup.post(`${BASE}/api/cases/${c.id}/flag`, { data: { media: 'risk', reason: '业户称将联系电视台' } })).status(), 200);
  await q.page.reload();
  const hot = q.page.locator('#quality-hot-registry tr', { hasText: c.number });
  await hot.getByText('热点').waitFor();
  await hot.getByText(/待上报|即将超时/).waitFor();
  await shot(q.page, 'console-quality-1440');
  await q.context.close();
});

test('online complaint: the desk archives the post and drafts the acknowledgement; quality approves; the desk posts it and the 4 h clock is met (R-CP-2)', async () => {
  const api = await apiAs(browser, 'reception');
  const estateId = (await (await api.get(`${BASE}/api/estates`)).json()).items[0].id;
  const c = await (
    await api.post(`${BASE}/api/cases`, {
      data: { estateId, kind: 'complaint', complaintNature: 'valid', complaintContent: 'equipment', channel: 'online', locationKind: 'public', locationText: '3 号楼电梯', description: '业主群和论坛发帖：3 号楼电梯一周坏三次' },
    })
  ).json();

  const d = await newPage(browser, DESKTOP);
  await login(d.page, `/cases/${c.id}`, 'reception');
  const card = d.page.locator('#public-replies');
  await card.waitFor();
  await card.locator('#post-url').fill('https://bbs.example.com/t/8841');
  await card.locator('#post-body').fill('3 号楼电梯一周坏三次，物业到底管不管？');
  await card.locator('#post-archive').click();
  await card.getByRole('link', { name: 'https://bbs.example.com/t/8841' }).waitFor();
  await card.locator('#reply-body').fill('非常抱歉给您带来不便，电梯公司今日已到场检修，我们会在今天内公布处理措施。');
  await card.locator('#reply-draft').click();
  await card.locator('[data-reply="draft"]').getByText('待审核').waitFor();
  // Not approved yet: nothing to post.
  assert.equal(await card.getByRole('button', { name: '标记已发布' }).count(), 0);
  await d.context.close();

  const q = await newPage(browser, DESKTOP);
  await login(q.page, '/quality', 'quality');
  const row = q.page.locator('#quality-online tr', { hasText: c.number });
  await row.waitFor();
  await row.getByRole('link', { name: c.number }).click();
  const qcard = q.page.locator('#public-replies');
  await qcard.getByRole('button', { name: '审核通过' }).click();
  await qcard.locator('[data-reply="approved"]').getByText('已审核待发布').waitFor();
  await q.context.close();

  const d2 = await newPage(browser, DESKTOP);
  await login(d2.page, `/cases/${c.id}`, 'reception');
  const card2 = d2.page.locator('#public-replies');
  await card2.getByPlaceholder('发布后的链接（可选）').fill('https://bbs.example.com/t/8841#reply-2');
  await card2.getByRole('button', { name: '标记已发布' }).click();
  await card2.locator('[data-reply="published"]').getByText('已发布').waitFor();
  await card2.scrollIntoViewIfNeeded();
  await shot(d2.page, 'console-public-replies-1440');
  await d2.context.close();

  const online = (await (await (await apiAs(browser, 'quality')).get(`${BASE}/api/quality/online?limit=200`)).json()).items.find((x: { caseId: string }) => x.caseId === c.id);
  assert.equal(online.acknowledgement.state, 'met');
  assert.equal(online.published, 1);
});

test('no console errors in any page during the run', () => {
  assert.deepEqual(browserErrors, []);
});
