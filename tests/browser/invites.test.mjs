// invites.test.mjs: a commune officer makes the accounts of its teams from
// the unit page and gets the sheet; a member, on a 360 px phone, types the
// code from the sign-in page, chooses a password and lands on the home.
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

test('accounts from the unit page, a code typed on a phone, a password chosen', async () => {
  const desk = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
  const page = await desk.newPage();
  await page.goto(srv.base + '/login');
  await page.getByLabel('Tên đăng nhập').fill('xa.dongdang');
  await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL(srv.base + '/');
  await page.goto(srv.base + '/users');
  await page.getByRole('link', { name: 'Tài khoản cho thành viên các tổ' }).click();
  const make = page.getByRole('button', { name: /Tạo tài khoản: \d+/ });
  const n = Number(/(\d+)/.exec(await make.textContent())[1]);
  await make.click();
  await page.waitForSelector('h1:has-text("Danh sách tài khoản đăng nhập")');
  assert.equal(await page.locator('section.sheet tbody tr').count(), n);
  // the message for Zalo of the first member, as copied
  const row = page.locator('section.sheet tbody tr').first();
  await row.locator('summary').click();
  const message = await row.locator('textarea').inputValue();
  assert.match(message, /^Chào anh\/chị .+, tài khoản langso của anh\/chị đã sẵn sàng\./);
  const code = /Mã đăng nhập: (\d{4} \d{4} \d{4})/.exec(message)[1];
  const username = /Tên đăng nhập: (tv\d+)/.exec(message)[1];
  // printed: no navigation, one commune a page
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('header.top').isVisible(), false);
  await desk.close();

  const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'vi-VN' });
  const p = await phone.newPage();
  await p.goto(srv.base + '/login');
  await p.getByRole('link', { name: 'Đăng nhập lần đầu hoặc quên mật khẩu' }).click();
  await p.getByLabel('Mã đăng nhập (12 chữ số)').fill(code);
  await p.getByRole('button', { name: 'Tiếp tục' }).click();
  assert.match(await p.locator('.facts').textContent(), new RegExp(username));
  await p.getByLabel('Mật khẩu mới').fill('trâu cày ruộng sáng sớm');
  await p.getByLabel('Nhập lại mật khẩu').fill('trâu cày ruộng sáng sớm');
  await p.getByRole('button', { name: 'Lưu và đăng nhập' }).click();
  await p.waitForURL(srv.base + '/');
  assert.equal(await p.locator('h1').textContent(), 'Việc hôm nay');
  const width = await p.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `the home is ${width}px wide`);
  await phone.close();
});
