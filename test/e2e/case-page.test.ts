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

// A 1×1 PNG: enough for the server's magic-byte check and for the browser to render.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

test('receptionist: the case page shows the clocks by name, the order with its materials and photo, approvals and a Chinese timeline', async () => {
  const desk = await apiAs(browser, 'reception');
  const estateId = (await (await desk.get(`${BASE}/api/estates`)).json()).items[0].id;
  const unit = (await (await desk.get(`${BASE}/api/estates/${estateId}/units/lookup?q=1-1-101`)).json()).items[0];
  const eng = (await (await desk.get(`${BASE}/api/estates/${estateId}/departments`)).json()).items.find((d: { code: string }) => d.code === 'ENG').id;
  const staff = (await (await desk.get(`${BASE}/api/estates/${estateId}/staff?role=technician&departmentId=${eng}`)).json()).items;
  const tech1 = staff.find((s: { username: string }) => s.username === 'tech1').id;
  const c = await (
    await desk.post(`${BASE}/api/cases`, {
      data: { estateId, kind: 'repair', channel: 'phone', urgency: 'emergency', locationKind: 'in_home', unitId: unit.id, description: '卫生间水管爆裂，漏水严重' },
    })
  ).json();
  assert.ok(c.id, JSON.stringify(c));
  const order = await (await desk.post(`${BASE}/api/cases/${c.id}/orders`, { data: { departmentId: eng, technicianId: tech1 } })).json();

  const tech = await apiAs(browser, 'tech1');
  for (const step of ['accept', 'arrive']) assert.equal((await tech.post(`${BASE}/api/orders/${order.id}/${step}`, { data: {} })).status(), 200, step);
  const photo = await (await tech.post(`${BASE}/api/estates/${estateId}/files`, { headers: { 'content-type': 'image/png' }, data: PNG })).json();
  const done = await tech.post(`${BASE}/api/orders/${order.id}/complete`, {
    data: {
      workDone: '更换爆裂的进水软管',
      materials: [{ name: '不锈钢进水软管', spec: '4分 60cm', quantity: 1, unit: '根', unitPriceCents: 2500, suppliedBy: 'company' }],
      signatureSha256: photo.sha256,
      photos: [photo.sha256],
      evaluation: '修得很快',
      rating: 5,
    },
  });
  assert.equal(done.status(), 200, await done.text());
  assert.equal((await desk.post(`${BASE}/api/orders/${order.id}/return`, { data: {} })).status(), 200);
  assert.equal((await desk.post(`${BASE}/api/orders/${order.id}/check`, { data: { passed: true } })).status(), 200);
  // An emergency closes only with approval (R-CL-5): the request shows as a pending approval.
  const closing = await desk.post(`${BASE}/api/cases/${c.id}/close`, { data: { result: '已修复' } });
  assert.ok(closing.status() < 300, await closing.text());

  const d = await newPage(browser, DESKTOP);
  await login(d.page, `/cases/${c.id}`, 'reception');
  await d.page.getByText('卫生间水管爆裂，漏水严重').waitFor();
  await d.page.getByText(/派工时限 · 已达成/).waitFor();
  await d.page.getByRole('cell', { name: '销项审批' }).waitFor();
  await d.page.getByText('待审批', { exact: true }).waitFor();
  await d.page.locator('.ant-timeline').getByText(/接单/).first().waitFor();
  await d.page.locator('.ant-timeline').getByText(/完工 派工单 \d{6}/).first().waitFor();
  await d.page.getByRole('button', { name: /展开行|Expand row/ }).first().click();
  await d.page.getByText('不锈钢进水软管').waitFor();
  await d.page.getByText('修得很快（5/5）').waitFor();
  assert.equal(await d.page.getByAltText(/现场照片/).count(), 1);
  assert.equal(await d.page.getByRole('button', { name: '打印' }).count(), 1);
  await d.page.getByText('不锈钢进水软管').scrollIntoViewIfNeeded();
  await shot(d.page, 'console-case-details-1440');
  await d.context.close();
  // Leave no pending approval behind for the other browser stories.
  const supervisor = await apiAs(browser, 'supervisor');
  const pending = (await (await supervisor.get(`${BASE}/api/cases/${c.id}`)).json()).approvals.find((a: { status: string }) => a.status === 'pending');
  assert.equal((await supervisor.post(`${BASE}/api/approvals/${pending.id}/decide`, { data: { decision: 'approve' } })).status(), 200);
});

test('receptionist: the photos reported with the case show on the case page; an order is voided in a dialog whose reason message sits under the field', async () => {
  const desk = await apiAs(browser, 'reception');
  const estateId = (await (await desk.get(`${BASE}/api/estates`)).json()).items[0].id;
  const unit = (await (await desk.get(`${BASE}/api/estates/${estateId}/units/lookup?q=1-1-102`)).json()).items.find((u: { code: string }) => u.code === '1-1-102');
  const eng = (await (await desk.get(`${BASE}/api/estates/${estateId}/departments`)).json()).items.find((d: { code: string }) => d.code === 'ENG').id;
  const c = await (await desk.post(`${BASE}/api/cases`, { data: { estateId, kind: 'repair', channel: 'web', locationKind: 'in_home', unitId: unit.id, description: '客厅吊顶有水渍' } })).json();
  const photo = await (await desk.post(`${BASE}/api/estates/${estateId}/files`, { headers: { 'content-type': 'image/png' }, data: PNG })).json();
  assert.equal((await desk.post(`${BASE}/api/cases/${c.id}/photos`, { data: { photos: [photo.sha256] } })).status(), 200);
  const order = await (await desk.post(`${BASE}/api/cases/${c.id}/orders`, { data: { departmentId: eng } })).json();

  const d = await newPage(browser, DESKTOP);
  const prompts: string[] = [];
  d.page.on('dialog', (dialog) => {
    prompts.push(dialog.message());
    void dialog.dismiss();
  });
  await login(d.page, `/cases/${c.id}`, 'reception');
  await d.page.getByText('客厅吊顶有水渍').waitFor();
  await d.page.getByText('报修照片（1）').waitFor();
  const img = d.page.getByAltText('报修照片');
  assert.equal(await img.count(), 1);
  assert.ok(await img.evaluate((el: any) => el.complete && el.naturalWidth > 0), 'the photo loads');

  await d.page.getByRole('row', { name: new RegExp(order.number) }).getByRole('button', { name: '作废' }).click();
  const dialog = d.page.getByRole('dialog', { name: `作废派工单 ${order.number}` });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: '作废' }).click();
  await dialog.locator('.ant-form-item', { hasText: '作废原因' }).getByText('请填写作废原因').waitFor();
  await dialog.locator('textarea').fill('重复派单');
  await dialog.getByRole('button', { name: '作废' }).click();
  await dialog.waitFor({ state: 'hidden' });
  assert.deepEqual(prompts, [], 'no window.prompt');
  const voided = await (await desk.get(`${BASE}/api/orders/${order.id}`)).json();
  assert.equal(voided.status, 'void');
  await d.context.close();
});

test('supervisor: flags a complaint hot for a media risk, then records it reported to the group; the desk promises a reply time (R-HOT-1, R-IN-8)', async () => {
  const desk = await apiAs(browser, 'reception');
  const estateId = (await (await desk.get(`${BASE}/api/estates`)).json()).items[0].id;
  const c = await (
    await desk.post(`${BASE}/api/cases`, {
      data: { estateId, kind: 'complaint', channel: 'phone', locationKind: 'public', locationText: '东门', complaintNature: 'valid', complaintContent: 'attitude', description: '东门保安辱骂业户，业户称要找记者' },
    })
  ).json();
  assert.ok(c.id, JSON.stringify(c));

  const s = await newPage(browser, DESKTOP);
  await login(s.page, `/cases/${c.id}`, 'supervisor');
  await s.page.getByText('东门保安辱骂业户').waitFor();
  // Not hot yet: nothing to report to the group.
  assert.equal(await s.page.getByRole('button', { name: '已上报集团' }).count(), 0);
  await s.page.getByRole('button', { name: '标记紧急/重大/热点' }).click();
  const dialog = s.page.getByRole('dialog');
  await dialog.getByLabel('可能曝光（热点）').check();
  await dialog.getByLabel('原因').fill('业户称要联系电视台');
  await shot(s.page, 'console-case-flag-1440');
  await dialog.getByRole('button', { name: /确\s*定/ }).click();
  await s.page.locator('.ant-card-head').getByText('热点', { exact: true }).waitFor();
  await s.page.getByText(/热点投诉上报 · /).waitFor();
  await s.page.getByRole('button', { name: '已上报集团' }).click();
  await s.page.getByRole('dialog').getByLabel('上报情况').fill('已电话报告集团品质部王经理');
  await s.page.getByRole('dialog').getByRole('button', { name: /确\s*定/ }).click();
  await s.page.getByText(/热点投诉上报 · 已达成/).waitFor();
  await s.page.locator('.ant-timeline').getByText(/已上报集团/).first().waitFor();
  await s.context.close();

  const r = await newPage(browser, DESKTOP);
  await login(r.page, `/cases/${c.id}`, 'reception');
  await r.page.getByRole('button', { name: '约定答复时间' }).click();
  const at = new Date(Date.now() + 26 * 3600_000 + 8 * 3600_000).toISOString().slice(0, 16); // tomorrow, Beijing wall time
  await r.page.getByRole('dialog').getByLabel('约定答复时间').fill(at);
  await r.page.getByRole('dialog').getByRole('button', { name: /确\s*定/ }).click();
  await r.page.getByText(/承诺答复 · /).waitFor();
  const page = await (await desk.get(`${BASE}/api/cases/${c.id}`)).json();
  assert.equal(new Date(page.promisedReplyAt).toISOString().slice(0, 16), new Date(`${at}:00+08:00`).toISOString().slice(0, 16));
  assert.ok(page.hot, 'flagged hot');
  await r.context.close();
});

test('receptionist: the resident’s number shows masked; reading it in full asks why, shows it as a call link and records the reading in the history (issue 13 item 1)', async () => {
  const desk = await apiAs(browser, 'reception');
  const estateId = (await (await desk.get(`${BASE}/api/estates`)).json()).items[0].id;
  const unit = (await (await desk.get(`${BASE}/api/estates/${estateId}/units/lookup?q=1-1-103`)).json()).items.find((u: { code: string }) => u.code === '1-1-103');
  const c = await (
    await desk.post(`${BASE}/api/cases`, {
      data: { estateId, kind: 'repair', channel: 'phone', locationKind: 'in_home', unitId: unit.id, contactName: '赵女士', contactPhone: '13566667777', phoneConsent: true, description: '阳台地漏返水' },
    })
  ).json();
  assert.equal(c.contactPhone, '135****7777');
  const d = await newPage(browser, DESKTOP);
  await login(d.page, `/cases/${c.id}`, 'reception');
  await d.page.locator('#case-phone-masked', { hasText: '135****7777' }).waitFor();
  assert.equal(await d.page.getByText('13566667777').count(), 0);
  await d.page.locator('#case-phone-reveal').click();
  const dialog = d.page.getByRole('dialog', { name: '查看完整电话号码' });
  await dialog.waitFor();
  // "Other" needs a note: the message sits under the field and nothing is read.
  await dialog.locator('#phone-reveal-reason').click();
  await d.page.locator('.ant-select-item-option', { hasText: '其他（须说明）' }).click();
  // The choice shows in the select before the dialog is sent (the option list closes first).
  await dialog.locator('.ant-select', { hasText: '其他（须说明）' }).waitFor();
  await dialog.getByRole('button', { name: '查看' }).click();
  await dialog.getByText('选择“其他”时请说明原因').waitFor();
  await dialog.locator('#phone-reveal-note').fill('业户要求回电');
  await dialog.getByRole('button', { name: '查看' }).click();
  await d.page.locator('a#case-phone-full[href="tel:13566667777"]', { hasText: '13566667777' }).waitFor();
  await d.page.locator('.ant-timeline').getByText(/查看完整电话/).first().waitFor();
  await d.context.close();
  const events = (await (await desk.get(`${BASE}/api/cases/${c.id}/timeline`)).json()).events.filter((e: { action: string }) => e.action === 'case.phone_revealed');
  assert.equal(events.length, 1);
  assert.equal(events[0].after.reason, 'other');
  assert.equal(events[0].note, '业户要求回电');
});

test('no console errors in any page during the run', () => {
  assert.deepEqual(browserErrors, []);
});
