// home.test.mjs: on a 360 px phone each role lands on its home after
// sign-in: the team goes from it to this week's report in one tap; the
// commune sees what waits for review; nothing is wider than the screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium } from '../lib/browser.mjs';
import { startServer, DEMO_PASSWORD } from '../lib/server.mjs';

let srv, browser;
before(async () => {
  srv = await startServer({ args: ['--clock', '2026-11-26T09:00:00+07:00'] });
  browser = await launchChromium();
});
after(async () => {
  if (browser) await browser.close();
  if (srv) assert.equal(await srv.stop(), 0);
});

const signInOnPhone = async (username) => {
  const ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'vi-VN' });
  const page = await ctx.newPage();
  await page.goto(srv.base + '/login');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL(srv.base + '/');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `the home is ${width}px wide`);
  return { ctx, page };
};

test("a team member's home leads to this week's report in one tap", async () => {
  const { ctx, page } = await signInOnPhone('to.dongdang');
  assert.equal(await page.locator('h1').textContent(), 'Việc hôm nay');
  const card = page.locator('#this-week');
  assert.match(await card.textContent(), /Tuần 48 \(23\/11–29\/11\/2026\) · hạn/);
  const go = card.getByRole('link');
  const box = await go.boundingBox();
  assert.ok(box.height >= 44, `the button is ${box.height}px tall`);
  await go.click();
  await page.waitForURL(/\/teams\/\d+\/reports\/2026W48$/);
  assert.match(await page.locator('h1').textContent(), /Tuần 48 \(23\/11–29\/11\/2026\)/);
  await ctx.close();
});

test("a commune officer's home shows the reports waiting for review", async () => {
  const { ctx, page } = await signInOnPhone('xa.dongdang');
  const review = page.locator('#review');
  assert.match(await review.locator('h2').textContent(), /Chờ xã duyệt \d+/);
  await review.getByRole('link').first().click();
  await page.waitForURL(/\/teams\/\d+\/reports\/\d{4}W\d{2}$/);
  await ctx.close();
});
