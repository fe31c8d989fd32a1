// browse.test.mjs: on a 360 px phone screen, browse from the nation to a
// village in Lạng Sơn, and find a commune by typing without accents.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium } from '../lib/browser.mjs';
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

async function phone() {
  const ctx = await browser.newContext({
    viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
    locale: 'vi-VN',
  });
  return { ctx, page: await ctx.newPage() };
}

async function noSideScroll(page) {
  const w = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(w <= 360, `page is ${w}px wide on a 360px screen`);
}

test('browse nation → Lạng Sơn → Xã Đồng Đăng → a village', async () => {
  const { ctx, page } = await phone();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(srv.base + '/');
  assert.equal(await page.locator('h1').textContent(), 'Việt Nam');
  await noSideScroll(page);

  await page.getByRole('link', { name: /^Lạng Sơn/ }).click();
  await page.waitForURL(/\/units\/\d+$/);
  assert.equal(await page.locator('h1').textContent(), 'Lạng Sơn');
  assert.match(await page.locator('.facts').textContent(), /65 xã, phường/);
  await noSideScroll(page);

  await page.getByRole('link', { name: /Xã Đồng Đăng/ }).click();
  assert.equal(await page.locator('h1').textContent(), 'Xã Đồng Đăng');
  const crumbs = await page.locator('nav.crumbs li').allTextContents();
  assert.deepEqual(crumbs, ['Việt Nam', 'Lạng Sơn', 'Xã Đồng Đăng']);

  const first = page.locator('ul.units li a').first();
  const name = (await first.locator('.name').textContent()).trim();
  // touch targets are at least 44 px tall
  const box = await first.boundingBox();
  assert.ok(box.height >= 44, `link is ${box.height}px tall`);
  await first.click();
  assert.equal(await page.locator('h1').textContent(), name);
  assert.match(await page.locator('.facts').textContent(), /Thôn, tổ dân phố/);
  await noSideScroll(page);
  if (process.env.SCREENSHOT_DIR) await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/village.png` });
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('search without accents from the nation page', async () => {
  const { ctx, page } = await phone();
  await page.goto(srv.base + '/units');
  await page.getByLabel(/Tìm theo tên/).fill('dong dang');
  await page.getByRole('button', { name: 'Tìm' }).click();
  await page.getByRole('link', { name: /Xã Đồng Đăng/ }).click();
  assert.equal(await page.locator('h1').textContent(), 'Xã Đồng Đăng');
  await ctx.close();
});

test('switch to English and back', async () => {
  const { ctx, page } = await phone();
  await page.goto(srv.base + '/units');
  await page.getByRole('link', { name: 'EN' }).click();
  assert.match(await page.locator('.nav').textContent(), /Units/);
  await page.goto(srv.base + '/units');
  assert.match(await page.locator('.nav').textContent(), /Units/, 'the choice is remembered');
  await page.getByRole('link', { name: 'VI' }).click();
  assert.match(await page.locator('.nav').textContent(), /Đơn vị hành chính/);
  await ctx.close();
});
