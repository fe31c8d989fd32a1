// dashboard.mjs: a province's dashboard on a weak mobile network, in
// Chromium with the network throttled (400 kbit/s each way, 400 ms of
// latency, cache off): the bytes transferred (compressed), the time until it
// is usable (DOMContentLoaded: read, its links and forms working) and until
// its two charts are drawn, against the same page with JavaScript off on the
// same link. Median of 5.
// Usage: node bench/dashboard.mjs (starts its own demo server).
import { launchChromium, signInPage } from '../tests/lib/browser.mjs';
import { startServer, query } from '../tests/lib/server.mjs';

const RUNS = Number(process.env.RUNS || 5);
const srv = await startServer({ args: ['--clock', '2026-11-26T09:00:00+07:00'] });
const browser = await launchChromium();
const province = query(srv.db, "SELECT scope_unit_id FROM app_user WHERE username = 'tinh.langson'");
const url = `${srv.base}/units/${province}/dashboard?period=2026-10`;

async function measure(javaScriptEnabled) {
  const ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN', javaScriptEnabled });
  const page = await ctx.newPage();
  await signInPage(page, srv.base, 'tinh.langson');
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 400, downloadThroughput: 400 * 1000 / 8, uploadThroughput: 400 * 1000 / 8,
  });
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e) => { bytes += e.encodedDataLength; });
  const t0 = Date.now();
  await page.goto(url, { waitUntil: 'domcontentloaded' }); // read and used from here
  const ms = Date.now() - t0;
  let charts = 0;
  if (javaScriptEnabled) {
    await page.waitForFunction(() => document.querySelectorAll('div.chart canvas').length === 2, null, { timeout: 60000 });
    charts = Date.now() - t0;
  }
  await ctx.close();
  return { ms, bytes, charts };
}

const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const withCharts = [], without = [];
for (let i = 0; i < RUNS; i++) {
  withCharts.push(await measure(true));
  without.push(await measure(false));
}
await browser.close();
await srv.stop();
const w = { ms: median(withCharts.map((x) => x.ms)), kb: median(withCharts.map((x) => x.bytes)) / 1024,
  charts: median(withCharts.map((x) => x.charts)) };
const o = { ms: median(without.map((x) => x.ms)), kb: median(without.map((x) => x.bytes)) / 1024 };
console.log(`\n== the dashboard on 400 kbit/s with 400 ms latency (median of ${RUNS})`);
console.log(`with its charts (Chart.js):  ${w.kb.toFixed(1)} KB transferred, usable in ${w.ms} ms, charts drawn at ${w.charts} ms`);
console.log(`the same page, JavaScript off: ${o.kb.toFixed(1)} KB transferred, loaded in ${o.ms} ms; ratio ${(w.ms / o.ms).toFixed(2)}`);
