import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { BASE, DESKTOP, PHONE, apiAs, browserErrors, expected, launch, login, newPage, shot } from './browser.js';

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** A real 2×2 PNG of one colour: what a phone camera upload looks like to the server. */
function png(r: number, g: number, b: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const byte of buf) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(2, 0);
  ihdr.writeUInt32BE(2, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.from([0, r, g, b, r, g, b]);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.concat([row, row]))), chunk('IEND', Buffer.alloc(0))]);
}

async function sign(page: Page) {
  const pad = page.getByLabel('业户签名');
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + 20, box.y + 60);
  await page.mouse.down();
  await page.mouse.move(box.x + 120, box.y + 30, { steps: 8 });
  await page.mouse.move(box.x + 220, box.y + 90, { steps: 8 });
  await page.mouse.up();
}

const paid: { caseId?: string; number?: string; orderId?: string; orderNumber?: string } = {};

test('receptionist: intake picks the category with a search box and quotes a paid service from the price list before opening', async () => {
  const d = await newPage(browser, DESKTOP);
  await login(d.page, '/intake', 'reception');
  await d.page.locator('#intake-unit').fill('1-1-101');
  await d.page.locator('.ant-select-item-option', { hasText: '1-1-101' }).first().click();
  await d.page.getByText('张先生').first().waitFor();
  await d.page.getByPlaceholder('业户反映的问题').fill('入户门锁锁芯卡死，要求更换');
  await d.page.locator('.ant-form-item', { hasText: '分类' }).locator('.ant-select').click();
  await d.page.keyboard.type('锁具');
  await d.page.locator('.ant-select-item-option', { hasText: '门窗、门禁、锁具' }).waitFor();
  let shown = 0;
  for (let i = 0; i < 30 && shown !== 1; i++) {
    shown = await d.page.locator('.ant-select-dropdown:visible .ant-select-item-option').count();
    if (shown !== 1) await d.page.waitForTimeout(100);
  }
  assert.equal(shown, 1, 'the search narrows the categories to the one that matches');
  await d.page.locator('.ant-select-item-option', { hasText: '门窗、门禁、锁具' }).click();
  await d.page.getByText('有偿', { exact: true }).click();
  await d.page.locator('.ant-form-item', { hasText: '有偿项目（价目表）' }).locator('.ant-select').click();
  await d.page.keyboard.type('锁芯');
  await d.page.locator('.ant-select-item-option', { hasText: '更换门锁锁芯' }).click();
  await d.page.getByText('来电/来访受理').click(); // close the dropdown (Esc would clear the form)
  await d.page.getByLabel('更换门锁锁芯 数量').fill('2');
  await d.page.getByText('来电/来访受理').click();
  await d.page.getByTestId('quote-total').getByText('¥80.00').waitFor();
  assert.equal(await d.page.locator('.ant-form-item', { hasText: '报价（元）' }).locator('input').inputValue(), '80.00');
  await d.page.locator('.ant-form-item', { hasText: '二次确认' }).getByText('已确认').click();
  await d.page.locator('.ant-form-item', { hasText: '派工部门' }).locator('.ant-select').click();
  await d.page.locator('.ant-select-item-option', { hasText: '工程部' }).click();
  await d.page.locator('.ant-form-item', { hasText: '维修人员' }).locator('.ant-select').click();
  await d.page.locator('.ant-select-item-option', { hasText: '孙师傅' }).click();
  await d.page.getByText('报价合计').click();
  await d.page.getByText('有偿项目（价目表）').evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await shot(d.page, 'console-intake-paid-1440');
  await d.page.getByRole('button', { name: '立项并派工' }).click();
  const link = d.page.locator('.ant-alert-success a');
  await link.waitFor();
  paid.number = (await link.textContent()) ?? undefined;
  paid.caseId = (await link.getAttribute('href'))!.split('/cases/')[1];

  const api = await apiAs(browser, 'reception');
  const c = await (await api.get(`${BASE}/api/cases/${paid.caseId}`)).json();
  assert.equal(c.number, paid.number);
  assert.equal(c.category, 'DOOR');
  assert.equal(c.paid, true);
  assert.ok(c.paidConfirmedAt, 'paid service confirmed twice');
  assert.equal(c.quoteCents, 8000);
  assert.match(c.description, /【有偿报价】更换门锁锁芯 ×2个 ¥80\.00；合计 ¥80\.00/);
  const order = await (await api.get(`${BASE}/api/orders/${c.orders[0].id}`)).json();
  assert.match(order.instructions, /【有偿报价】更换门锁锁芯 ×2个/);
  paid.orderId = order.id;
  paid.orderNumber = order.number;
  await d.context.close();
});

test('technician: completes the order with a price-list and a hand-written material, before and after photos, the signature and the evaluation, then returns it', async () => {
  assert.ok(paid.orderId, 'the intake test opened the order');
  const t = await newPage(browser, PHONE, true);
  await login(t.page, '/m/tech/', 'tech1');
  await t.page.getByText('我的派工单').waitFor();
  await t.page.getByText('新单').waitFor();
  await t.page.locator('.adm-list-item', { hasText: paid.orderNumber! }).click();
  await t.page.getByText('有偿服务').waitFor();
  await t.page.getByRole('button', { name: '接单' }).click();
  await t.page.getByRole('button', { name: '到场' }).click();
  await t.page.getByPlaceholder('如：更换角阀').fill('更换入户门锁锁芯两只');
  await t.page.getByPlaceholder('搜索价目表，如 角阀').fill('锁芯');
  await t.page.locator('a.adm-list-item', { hasText: '更换门锁锁芯' }).click();
  await t.page.getByLabel('更换门锁锁芯 数量').locator('input').fill('2');
  await t.page.getByRole('button', { name: '手填材料' }).click();
  const manual = t.page.locator('.adm-card', { hasText: '加入材料' });
  await manual.getByPlaceholder('材料名称').fill('防盗锁芯');
  await manual.getByPlaceholder('规格型号').fill('C级');
  await manual.getByPlaceholder('元').fill('0');
  await manual.getByText('业户自备').click();
  await manual.getByRole('button', { name: '加入材料' }).click();
  await t.page.getByText('业户自备，须业户签字确认').waitFor();
  await t.page.getByPlaceholder('人工费，元').fill('20');
  await t.page.getByText('应收合计：¥100.00').waitFor();
  await t.page.getByLabel('维修前照片').setInputFiles({ name: 'before.png', mimeType: 'image/png', buffer: png(200, 40, 40) });
  await t.page.getByLabel('现场照片（维修后）').setInputFiles({ name: 'after.png', mimeType: 'image/png', buffer: png(40, 160, 60) });
  await t.page.getByAltText('维修前照片 1').waitFor();
  await sign(t.page);
  await t.page.getByRole('radiogroup').getByRole('radio', { name: '5', exact: true }).tap();
  assert.equal(await t.page.getByRole('radiogroup').getByRole('radio', { checked: true }).count(), 5);
  await t.page.getByPlaceholder('业户对本次维修的意见').fill('锁很好用');
  await t.page.getByText('材料（价目表或手填）').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await shot(t.page, 'tech-materials-375');
  await t.page.getByRole('button', { name: '完工并提交' }).click();
  await t.page.getByRole('button', { name: '返单' }).click();
  await t.page.getByText('已返单').waitFor();

  const api = await apiAs(browser, 'reception');
  const o = await (await api.get(`${BASE}/api/orders/${paid.orderId}`)).json();
  assert.equal(o.status, 'returned');
  assert.equal(o.workDone, '更换入户门锁锁芯两只');
  assert.deepEqual(
    o.materials.map((m: { name: string; spec: string; quantity: number; unitPriceCents: number; suppliedBy: string }) => [m.name, m.spec, m.quantity, m.unitPriceCents, m.suppliedBy]).sort(),
    [['更换门锁锁芯', 'P007', 2, 4000, 'company'], ['防盗锁芯', 'C级', 1, 0, 'resident']].sort(),
  );
  assert.equal(o.labourCents, 2000);
  assert.equal(o.feeCents, 10000);
  assert.equal(o.photos.length, 2, 'a before and an after photo');
  assert.notEqual(o.photos[0], o.photos[1]);
  assert.match(o.signatureSha256, /^[0-9a-f]{64}$/);
  assert.equal(o.rating, 5);
  const timeline = await (await api.get(`${BASE}/api/cases/${paid.caseId}/timeline`)).json();
  const completed = timeline.events.find((e: { action: string }) => e.action === 'order.completed');
  assert.equal(completed.after.beforePhotos, 1);
  await t.context.close();
});

test('resident: reports with a photo and a preferred time, confirms the repair, answers the return visit after closing, and keeps a written complaint receipt', async () => {
  assert.ok(paid.caseId, 'the paid case exists');
  const desk = await apiAs(browser, 'reception');
  const r = await newPage(browser, PHONE, true);
  const signedIn = await r.context.request.post(`${BASE}/api/auth/login`, { data: { username: 'resident', password: 'demo1234' } });
  assert.equal(signedIn.status(), 200);
  await r.page.goto(`${BASE}/m/resident/`);

  // Report with a photo and a preferred time (tomorrow 09:30 Beijing).
  const day = new Date(Date.now() + 8 * 3_600_000 + 86_400_000).toISOString().slice(0, 10);
  await r.page.getByPlaceholder('如：厨房水龙头漏水').fill('卫生间吊顶渗水');
  await r.page.getByLabel('问题照片').setInputFiles({ name: 'leak.png', mimeType: 'image/png', buffer: png(90, 90, 200) });
  await r.page.getByAltText('问题照片 1').waitFor();
  await r.page.locator('input[aria-label=希望上门时间]').fill(`${day}T09:30`);
  await r.page.getByRole('button', { name: '提交' }).click();
  await r.page.getByText(/已提交，编号/).waitFor();
  const number = /编号 (\S+)/.exec((await r.page.getByText(/已提交，编号/).textContent()) ?? '')?.[1];
  const found = await (await desk.get(`${BASE}/api/cases?q=${encodeURIComponent('卫生间吊顶渗水')}`)).json();
  const reported = found.items.find((c: { number: string }) => c.number === number);
  assert.ok(reported, `the desk finds ${number}`);
  assert.equal(reported.appointmentAt, new Date(`${day}T09:30:00+08:00`).toISOString());
  const reportedTimeline = await (await desk.get(`${BASE}/api/cases/${reported.id}/timeline`)).json();
  assert.equal(reportedTimeline.events.find((e: { action: string }) => e.action === 'case.photos')?.after.photos.length, 1);

  // The desk checks the returned order; the resident confirms and rates in the portal.
  assert.equal((await desk.post(`${BASE}/api/orders/${paid.orderId}/check`, { data: { passed: true } })).status(), 200);
  await r.page.getByText(/我的记录/).click();
  await r.page.locator('.adm-list-item', { hasText: paid.number! }).click();
  await r.page.getByText('维修完成').waitFor();
  await r.page.getByRole('button', { name: '已修好，确认' }).click();
  await r.page.getByText('您已确认').waitFor();

  // The desk closes; the resident answers the return visit (R-RV-1), once.
  const closed = await desk.post(`${BASE}/api/cases/${paid.caseId}/close`, { data: { result: '已更换锁芯，业户确认' } });
  assert.equal(closed.status(), 200, await closed.text());
  assert.equal((await closed.json()).status, 'closed');
  await r.page.reload();
  await r.page.getByText(/我的记录/).click();
  await r.page.locator('.adm-list-item', { hasText: paid.number! }).click();
  await r.page.getByRole('button', { name: '提交回访评价' }).click();
  await r.page.getByText('请选择满意度').waitFor();
  await r.page.getByText('满意', { exact: true }).click();
  await r.page.getByPlaceholder('您的意见或建议（可选）').fill('师傅准时，锁很好用');
  await r.page.getByRole('button', { name: '提交回访评价' }).scrollIntoViewIfNeeded();
  await shot(r.page, 'resident-visit-375');
  await r.page.getByRole('button', { name: '提交回访评价' }).click();
  await r.page.getByText('回访：满意（您在线评价）').waitFor();
  assert.equal(await r.page.getByRole('button', { name: '提交回访评价' }).count(), 0);
  const c = await (await desk.get(`${BASE}/api/cases/${paid.caseId}`)).json();
  assert.deepEqual(c.returnVisits.map((v: { kind: string; satisfaction: number; opinion: string }) => [v.kind, v.satisfaction, v.opinion]), [['closing', 4, '师傅准时，锁很好用']]);
  assert.equal((await desk.post(`${BASE}/api/cases/${paid.caseId}/visits`, { data: { kind: 'closing', outcome: 'visited', satisfaction: 5 } })).status(), 409);

  // A written complaint the desk logged for this resident shows its receipt number (R-IN-9).
  const estates = await (await desk.get(`${BASE}/api/estates`)).json();
  const unit = (await (await desk.get(`${BASE}/api/estates/${estates.items[0].id}/units/lookup?q=1-1-101`)).json()).items[0];
  const resident = (await (await desk.get(`${BASE}/api/units/${unit.id}`)).json()).residents[0];
  const letter = await (
    await desk.post(`${BASE}/api/cases`, {
      data: { estateId: estates.items[0].id, kind: 'complaint', channel: 'letter', complaintNature: 'valid', complaintContent: 'quality', locationKind: 'in_home', unitId: unit.id, residentId: resident.id, description: '来信投诉：楼道夜间照明长期不亮' },
    })
  ).json();
  assert.match(letter.receiptNumber, /^HZ-/);
  await r.page.reload();
  await r.page.getByText(/我的记录/).click();
  await r.page.locator('.adm-list-item', { hasText: letter.number }).click();
  await r.page.getByTestId('receipt').getByText(letter.receiptNumber).waitFor();
  await shot(r.page, 'resident-receipt-375');
  await r.context.close();
});

test('technician: a completion with photos and signature taken offline is queued on the phone and applied once when the network returns', async () => {
  const api = await apiAs(browser, 'reception');
  const estates = await (await api.get(`${BASE}/api/estates`)).json();
  const estateId = estates.items[0].id;
  const eng = (await (await api.get(`${BASE}/api/estates/${estateId}/departments`)).json()).items.find((d: { code: string }) => d.code === 'ENG').id;
  const tech2 = (await (await api.get(`${BASE}/api/estates/${estateId}/staff?role=technician&departmentId=${eng}`)).json()).items.find((s: { username: string }) => s.username === 'tech2').id;
  const c = await (await api.post(`${BASE}/api/cases`, { data: { estateId, kind: 'repair', channel: 'phone', locationKind: 'public', locationText: '地下一层水泵房', description: '水泵房排水管滴漏' } })).json();
  const order = await (await api.post(`${BASE}/api/cases/${c.id}/orders`, { data: { departmentId: eng, technicianId: tech2 } })).json();
  const tech = await apiAs(browser, 'tech2');
  await tech.post(`${BASE}/api/orders/${order.id}/accept`, { data: {} });
  await tech.post(`${BASE}/api/orders/${order.id}/arrive`, { data: {} });

  const t = await newPage(browser, PHONE, true);
  await login(t.page, '/m/tech/', 'tech2');
  await t.page.getByText('今日').click();
  await t.page.locator('.adm-list-item', { hasText: order.number }).click();
  await t.page.getByPlaceholder('如：更换角阀').fill('更换排水管接头');
  await t.page.getByLabel('维修前照片').setInputFiles({ name: 'b.png', mimeType: 'image/png', buffer: png(10, 10, 10) });
  await t.page.getByLabel('现场照片（维修后）').setInputFiles({ name: 'a.png', mimeType: 'image/png', buffer: png(250, 250, 250) });
  await sign(t.page);
  expected.offline = true;
  await t.context.setOffline(true);
  await t.page.getByRole('button', { name: '完工并提交' }).click();
  await t.page.getByText('无网络，已保存，联网后自动发送').waitFor();
  await t.page.getByText('1 个操作待联网补发').waitFor();
  await t.context.setOffline(false);
  expected.offline = false;
  // The phone reports the network back twice: the queued completion is still applied once.
  await t.page.evaluate('window.dispatchEvent(new Event("online")); window.dispatchEvent(new Event("online"))');
  let o: { status: string; photos: string[]; signatureSha256: string | null } = { status: '', photos: [], signatureSha256: null };
  for (let i = 0; i < 40 && o.status !== 'completed'; i++) {
    await new Promise((r) => setTimeout(r, 250));
    o = await (await api.get(`${BASE}/api/orders/${order.id}`)).json();
  }
  assert.equal(o.status, 'completed');
  assert.equal(o.photos.length, 2);
  assert.match(o.signatureSha256 ?? '', /^[0-9a-f]{64}$/);
  await new Promise((r) => setTimeout(r, 500));
  const timeline = await (await api.get(`${BASE}/api/cases/${c.id}/timeline`)).json();
  assert.equal(timeline.events.filter((e: { action: string }) => e.action === 'order.completed').length, 1);
  assert.equal(await t.page.evaluate('JSON.parse(localStorage.getItem("propdesk.offline-queue") ?? "[]").length'), 0);
  await t.context.close();
});

test('no console errors in any page during the run', () => {
  assert.deepEqual(browserErrors, []);
});
