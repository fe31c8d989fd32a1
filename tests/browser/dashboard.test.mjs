// dashboard.test.mjs: a province's dashboard in Chromium at 360 px and
// 1280 px: with JavaScript its two charts are drawn from their tables
// without an error and nothing is wider than the screen; without it the
// tables still say everything; the whole page, Chart.js included, travels
// compressed in under 120 KB.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium, signInPage } from '../lib/browser.mjs';
import { startServer, query } from '../lib/server.mjs';

let srv, browser, province;
before(async () => {
  srv = await startServer({ args: ['--clock', '2026-11-26T09:00:00+07:00'] });
  browser = await launchChromium();
  province = query(srv.db, "SELECT scope_unit_id FROM app_user WHERE username = 'tinh.langson'");
});
after(async () => {
  if (browser) await browser.close();
  if (srv) assert.equal(await srv.stop(), 0);
});

async function open(width, javaScriptEnabled) {
  const ctx = await browser.newContext({ viewport: { width, height: 800 }, locale: 'vi-VN', javaScriptEnabled });
  const page = await ctx.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await signInPage(page, srv.base, 'tinh.langson');
  return { ctx, page, errors };
}

for (const width of [360, 1280]) {
  test(`the dashboard at ${width} px, from the home page: charts from the tables, no error, nothing too wide`, async () => {
    const { ctx, page, errors } = await open(width, true);
    await page.getByRole('link', { name: 'Bảng điều hành' }).first().click();
    await page.waitForURL(new RegExp(`/units/${province}/dashboard$`));
    await page.waitForFunction(() => document.querySelectorAll('div.chart canvas').length === 2);
    for (const canvas of await page.locator('div.chart canvas').all()) {
      const box = await canvas.boundingBox();
      assert.ok(box.width > 200 && box.height > 100, `a chart of ${box.width}×${box.height}`);
    }
    assert.equal(await page.locator('table[data-chart]').count(), 2, 'the tables stay beside the charts');
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= width, `the page is ${wide}px wide`);
    assert.deepEqual(errors, []);
    await ctx.close();
  });
}

test('without JavaScript the dashboard reads from its tables', async () => {
  const { ctx, page } = await open(360, false);
  await page.goto(`${srv.base}/units/${province}/dashboard?period=2026-10`);
  assert.equal(await page.locator('canvas').count(), 0);
  assert.equal(await page.locator('#completeness tbody tr').count(), 12);
  assert.equal(await page.locator('#trend tbody tr').count(), 12);
  assert.ok(await page.locator('#weakest li').count() > 0);
  await ctx.close();
});

test('the dashboard with Chart.js travels in under 120 KB compressed', async () => {
  const { ctx, page } = await open(360, true);
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e) => { bytes += e.encodedDataLength; });
  await page.goto(`${srv.base}/units/${province}/dashboard?period=2026-10`, { waitUntil: 'load' });
  await page.waitForFunction(() => document.querySelectorAll('div.chart canvas').length === 2);
  assert.ok(bytes > 50 * 1024, `${bytes} bytes: Chart.js is among them`);
  assert.ok(bytes <= 120 * 1024, `${bytes} bytes transferred`);
  await ctx.close();
});
