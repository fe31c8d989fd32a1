// practices.test.mjs: a team member on a 360 px phone writes a good
// practice, adds a photo from the phone and sends it; the commune officer
// publishes it; axe finds no serious violation on the pages on the way.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium, signInPage, violations } from '../lib/browser.mjs';
import { startServer } from '../lib/server.mjs';

let srv, browser;
before(async () => {
  srv = await startServer();
  browser = await launchChromium();
});
after(async () => {
  if (browser) await browser.close();
  if (srv) assert.equal(await srv.stop(), 0);
});

const phone = () => browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'vi-VN', bypassCSP: true });

test('a team member publishes a practice with a photo from a phone, through the commune', async () => {
  const ctx = await phone();
  const p = await ctx.newPage();
  await signInPage(p, srv.base, 'to.dongdang');
  await p.getByRole('link', { name: 'Cách làm hay', exact: true }).click();
  assert.deepEqual(await violations(p), []);
  await p.getByRole('link', { name: 'Viết cách làm hay' }).click();
  await p.getByLabel('Tên lớp').fill('Dạy bà con quét mã QR khi đi chợ');
  await p.getByLabel('Đã làm gì, làm thế nào').fill('Mỗi phiên chợ, **hai tổ viên** đứng ở cổng.\n\n- hướng dẫn mở ví\n- quét thử mã của sạp');
  await p.getByLabel('Nền tảng').selectOption({ label: 'Thanh toán điện tử' });
  await p.getByLabel('Kết quả').fill('40 người mở ví trong tháng');
  assert.deepEqual(await violations(p), []);
  await p.getByRole('button', { name: 'Lưu bản nháp' }).click();
  await p.waitForURL(/\/practices\/\d+$/);
  const url = p.url();
  assert.match(await p.locator('article.practice').innerHTML(), /<strong>hai tổ viên<\/strong>/);
  // a photo from the phone: this very screen
  const shot = await p.screenshot();
  await p.getByLabel('Thêm ảnh (JPEG hoặc PNG)').setInputFiles({ name: 'cho-phien.png', mimeType: 'image/png', buffer: shot });
  await p.getByRole('button', { name: 'Thêm ảnh', exact: true }).click();
  await p.waitForURL(url);
  const img = p.locator('article.practice img');
  assert.equal(await img.count(), 1);
  await img.first().scrollIntoViewIfNeeded();
  assert.ok(await img.first().evaluate((i) => i.complete && i.naturalWidth > 0), 'the photo shows');
  await p.getByRole('button', { name: /Gửi duyệt tới/ }).click();
  await p.waitForURL(url);
  assert.match(await p.locator('.facts').first().textContent(), /chờ duyệt/);
  assert.deepEqual(await violations(p), []);

  // the commune finds it waiting and publishes it
  const cctx = await phone();
  const c = await cctx.newPage();
  await signInPage(c, srv.base, 'xa.dongdang');
  await c.goto(`${srv.base}/practices`);
  await c.getByRole('link', { name: /Chờ tôi duyệt/ }).click();
  await c.getByRole('link', { name: /Dạy bà con quét mã QR/ }).click();
  await c.getByRole('button', { name: 'Đăng', exact: true }).click();
  await c.waitForURL(url);
  assert.match(await c.locator('.facts').first().textContent(), /đã đăng/);
  await c.getByRole('button', { name: '♥ Hay' }).click();
  await c.waitForURL(url);
  assert.equal(await c.getByRole('button', { name: '♥ Bạn thấy hay' }).getAttribute('aria-pressed'), 'true');
  assert.deepEqual(await violations(c), []);
  await ctx.close();
  await cctx.close();
});
