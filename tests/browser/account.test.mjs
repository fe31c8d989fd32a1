// account.test.mjs: on a phone, a commune officer signs in, finds the import
// page and the users of the commune, and signs out.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium } from '../lib/browser.mjs';
import { startServer, DEMO_PASSWORD } from '../lib/server.mjs';

let srv, browser;
before(async () => {
  srv = await startServer();
  browser = await launchChromium();
});
after(async () => {
  if (browser) await browser.close();
  if (srv) assert.equal(await srv.stop(), 0);
});

test('sign in, see the commune, sign out', async () => {
  const ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'vi-VN' });
  const page = await ctx.newPage();
  await page.goto(srv.base + '/import/villages');
  assert.match(page.url(), /\/login\?next=%2Fimport%2Fvillages$/);
  await page.getByLabel('Tên đăng nhập').fill('xa.dongdang');
  await page.getByLabel('Mật khẩu').fill('sai mật khẩu rồi');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  assert.match(await page.locator('[role=alert]').textContent(), /Sai tên đăng nhập hoặc mật khẩu/);
  await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL(/\/import\/villages$/);
  assert.equal(await page.locator('h1').textContent(), 'Nhập thôn, tổ dân phố');
  const cookies = await ctx.cookies();
  const sid = cookies.find((c) => c.name === 'sid');
  assert.ok(sid.httpOnly);
  assert.equal(sid.sameSite, 'Lax');

  await page.getByRole('link', { name: 'Người dùng' }).click();
  const names = await page.locator('ul.units .name').allTextContents();
  assert.deepEqual(names.sort(), ['to.dongdang', 'xa.dongdang']);
  const w = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(w <= 360, `page is ${w}px wide`);

  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await page.waitForURL(srv.base + '/');
  assert.equal(await page.getByRole('link', { name: 'Đăng nhập' }).count(), 1);
  await page.goto(srv.base + '/users');
  assert.match(page.url(), /\/login/);
  await ctx.close();
});
