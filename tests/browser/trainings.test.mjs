// trainings.test.mjs: a province officer at a desk plans a training with
// an enterprise and invites the untrained teams; a commune officer on a
// 360 px phone records two members present with big checkboxes; the
// province's dashboard then counts exactly two more members trained; and
// axe finds no serious violation on the new pages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium, signInPage, violations } from '../lib/browser.mjs';
import { startServer, query } from '../lib/server.mjs';

let srv, browser;
before(async () => {
  srv = await startServer();
  browser = await launchChromium();
});
after(async () => {
  if (browser) await browser.close();
  if (srv) assert.equal(await srv.stop(), 0);
});


// the members trained on the province's dashboard: "a / b thành viên"
const membersTrained = async (page, province) => {
  await page.goto(`${srv.base}/units/${province}/dashboard`);
  const text = await page.locator('#training .facts').textContent();
  const m = /([\d.]+) \/ ([\d.]+) thành viên/.exec(text);
  assert.ok(m, text);
  return Number(m[1].replace(/\./g, ''));
};

test('plan a training with an enterprise, invite the untrained teams, record attendance on a phone, see coverage rise', async () => {
  const province = Number(query(srv.db, "SELECT scope_unit_id FROM app_user WHERE username = 'tinh.langson'"));
  const desk = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN', bypassCSP: true });
  const page = await desk.newPage();
  await signInPage(page, srv.base, 'tinh.langson');
  const before = await membersTrained(page, province);

  await page.getByRole('link', { name: 'Tập huấn', exact: true }).click();
  await page.getByRole('link', { name: 'Lập kế hoạch tập huấn' }).click();
  await page.getByLabel('Tên lớp').fill('Mở gian hàng nông sản trên sàn thương mại điện tử');
  await page.getByLabel('Địa điểm (trực tiếp)').fill('Nhà văn hóa xã Đồng Đăng');
  const today = new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10);
  await page.getByLabel('Ngày bắt đầu').fill(today);
  await page.getByLabel('Doanh nghiệp phối hợp').selectOption({ label: 'VNPT Lạng Sơn' });
  await page.getByLabel(/Sàn thương mại điện tử/).check();
  assert.deepEqual(await violations(page), []);
  await page.getByRole('button', { name: 'Lưu' }).click();
  await page.waitForURL(/\/trainings\/\d+$/);
  const id = Number(/\/trainings\/(\d+)$/.exec(page.url())[1]);
  assert.match(await page.locator('dl.facts-list').textContent(), /VNPT Lạng Sơn/);
  // invite the teams of the province never trained on e-commerce
  await page.getByRole('button', { name: 'Mời', exact: true }).click();
  await page.waitForURL(/invited=\d+/);
  const invited = Number(/invited=(\d+)/.exec(page.url())[1]);
  assert.ok(invited > 100, `${invited} teams invited`);
  assert.match(await page.locator('[role=status]').textContent(), /Tổ được mời: /);
  assert.deepEqual(await violations(page), []);

  // a commune officer on a phone: the training, a team of the commune, two
  // members present (the third and fourth: never trained before)
  const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'vi-VN', bypassCSP: true });
  const p = await phone.newPage();
  await signInPage(p, srv.base, 'xa.dongdang');
  await p.getByRole('link', { name: 'Tập huấn', exact: true }).click();
  await p.getByRole('link', { name: /Mở gian hàng nông sản/ }).click();
  await p.waitForURL(`${srv.base}/trainings/${id}`);
  const team = p.locator('ul.units a').filter({ hasText: 'Điểm danh' }).first();
  await team.click();
  await p.waitForURL(/\/trainings\/\d+\/teams\/\d+$/);
  const boxes = p.getByLabel('Có mặt');
  assert.ok(await boxes.count() >= 4);
  for (const k of [2, 3]) {
    const box = await boxes.nth(k).locator('xpath=..').boundingBox();
    assert.ok(box.height >= 44 && box.width >= 280, `the box's label is ${box.width}×${box.height}`);
    await boxes.nth(k).tap();
  }
  assert.deepEqual(await violations(p), []);
  await p.getByRole('button', { name: 'Lưu điểm danh' }).click();
  await p.waitForURL(/saved=1/);
  assert.match(await p.locator('[role=status]').textContent(), /Đã lưu điểm danh/);
  assert.equal(await boxes.nth(2).isChecked(), true);
  assert.equal(await boxes.nth(0).isChecked(), false);

  // the province's dashboard: two more members trained
  assert.equal(await membersTrained(page, province), before + 2);
  await page.goto(`${srv.base}/units/${province}/coverage`);
  assert.deepEqual(await violations(page), []);
  await desk.close();
  await phone.close();
});
