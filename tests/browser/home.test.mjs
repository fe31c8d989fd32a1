// home.test.mjs: on a 360 px phone each role lands on its home after
// sign-in: the team goes from it to this week's report in one tap; the
// commune sees what waits for review; nothing is wider than the screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium, signInPage } from '../lib/browser.mjs';
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

test("a province officer's two taps: last month's weakest communes, then one's missing teams", async () => {
  const { ctx, page } = await signInOnPhone('tinh.langson');
  await page.getByRole('link', { name: 'Đơn vị yếu nhất tháng trước' }).click();
  await page.waitForURL(/\/units\/\d+\/breakdown\?period=2026-10$/);
  assert.match(await page.locator('h1').textContent(), /So sánh các đơn vị Tháng 10\/2026/);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `the page is ${width}px wide (the table scrolls in its box)`);
  const rows = page.locator('table.breakdown tbody tr');
  assert.equal(await rows.count(), 50, 'fifty a page');
  const first = await rows.nth(0).locator('td').nth(4).textContent();
  const third = await rows.nth(2).locator('td').nth(4).textContent();
  assert.ok(parseInt(first, 10) <= parseInt(third, 10), `weakest first: ${first} then ${third}`);
  assert.equal(await page.locator('a[rel="next"]').count(), 1, 'the rest on the next page');
  // the weakest commune with a monthly report missing (the demo's reports
  // depend on the day it was made: a count may be of weekly ones only):
  // its count opens their list
  const links = page.locator('table.breakdown tbody tr td:nth-child(8) a');
  let link = null;
  for (let i = 0; i < await links.count() && !link; i++) {
    const href = await links.nth(i).getAttribute('href');
    const id = /\/units\/(\d+)\/missing/.exec(href)[1];
    const r = await page.request.get(`${srv.base}/api/v1/units/${id}/missing?period=2026-10`);
    if ((await r.json()).items.length) link = links.nth(i);
  }
  assert.ok(link, 'a commune misses a monthly report');
  const commune = await link.locator('xpath=ancestor::tr/td[2]/a').textContent();
  await link.click();
  await page.waitForURL(/\/units\/\d+\/missing\?period=2026-10$/);
  assert.match(await page.locator('h1').textContent(), new RegExp(commune));
  assert.ok(await page.locator('main li a[href*="/reports/2026-10"]').count() > 0);
  await ctx.close();
});

test('the summary report prints on A4 from the side-by-side page', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
  const page = await ctx.newPage();
  await signInPage(page, srv.base, 'tinh.langson');
  await page.getByRole('link', { name: 'Đơn vị yếu nhất tháng trước' }).click();
  await page.getByRole('link', { name: 'Báo cáo tổng hợp để in' }).click();
  await page.waitForURL(/\/units\/\d+\/summary\?period=2026-10$/);
  assert.equal(await page.locator('h1').textContent(), 'BÁO CÁO');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.no-print').isVisible(), false, 'the links and the button stay off paper');
  // on the text block of A4 (210 mm less the margins of 30 and 15) nothing
  // is wider than the paper
  const block = Math.floor((165 / 25.4) * 96);
  await page.setViewportSize({ width: block, height: 900 });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= block, `the report is ${width}px wide on a ${block}px text block`);
  const pdf = await page.pdf({ preferCSSPageSize: true });
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  assert.ok(pages >= 2 && pages <= 6, `${pages} A4 pages`);
  await ctx.close();
});
