// group.test.mjs: the province writes an announcement asking for an
// answer on a desktop; a team member on a 360 px phone sees it counted in
// the navigation, reads it and answers; the province reads who has read
// and what was answered; the commune officer opens the commune's
// management group and finds its vCard. axe finds no serious violation.
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


test('an announcement asked on a desktop is read and answered on a phone, and the receipts say so', async () => {
  const desk = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN', bypassCSP: true });
  const d = await desk.newPage();
  await signInPage(d, srv.base, 'tinh.langson');
  await d.getByRole('link', { name: /^Tin chỉ đạo/ }).click();
  await d.getByRole('link', { name: 'Soạn tin chỉ đạo' }).click();
  assert.deepEqual(await violations(d), []);
  await d.getByLabel('Tiêu đề').fill('Báo số người dự tập huấn');
  await d.getByLabel('Nội dung').fill('Mỗi tổ cử **ít nhất một người**.');
  await d.getByLabel('Gửi cho').selectOption('teams');
  await d.getByLabel('Đề nghị trả lời').check();
  await d.getByRole('button', { name: 'Gửi', exact: true }).click();
  await d.waitForURL(/\/announcements\/\d+$/);
  const url = d.url();

  const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'vi-VN', bypassCSP: true });
  const p = await phone.newPage();
  await signInPage(p, srv.base, 'to.dongdang');
  const nav = p.getByRole('link', { name: /^Tin chỉ đạo \d+ chưa đọc/ });
  await nav.click();
  assert.deepEqual(await violations(p), []);
  await p.getByRole('link', { name: /Báo số người dự tập huấn/ }).click();
  assert.match(await p.locator('article').innerHTML(), /<strong>ít nhất một người<\/strong>/);
  await p.getByLabel(/Câu trả lời của bạn/).fill('Tổ cử anh Tú và chị Hạnh.');
  await p.getByRole('button', { name: 'Gửi', exact: false }).last().click();
  await p.waitForURL(/\/announcements\/\d+$/);
  assert.deepEqual(await violations(p), []);
  // nothing overflows the phone's width
  assert.ok(await p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1));

  await d.goto(url);
  const receipts = d.locator('section', { hasText: 'Ai đã xem' });
  await receipts.waitFor();
  assert.match(await receipts.innerText(), /Tổ cử anh Tú và chị Hạnh\./);
  assert.match(await receipts.innerText(), /1 \/ \d+ người nhận đã xem/);
  await desk.close();
  await phone.close();
});

test('the commune officer opens the management group and downloads its vCard', async () => {
  const ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'vi-VN', bypassCSP: true, acceptDownloads: true });
  const p = await ctx.newPage();
  await signInPage(p, srv.base, 'xa.dongdang');
  const id = query(srv.db, "SELECT id FROM unit WHERE level = 'commune' AND code = '06184'");
  await p.goto(`${srv.base}/units/${id}`);
  await p.getByRole('link', { name: 'Nhóm quản lý' }).click();
  await p.getByRole('heading', { name: 'Lãnh đạo xã' }).waitFor();
  assert.deepEqual(await violations(p), []);
  const [download] = await Promise.all([p.waitForEvent('download'), p.getByRole('link', { name: /Tải danh bạ/ }).click()]);
  const chunks = [];
  for await (const c of await download.createReadStream()) chunks.push(c);
  const vcf = Buffer.concat(chunks).toString('utf8');
  assert.match(vcf, /BEGIN:VCARD\r\nVERSION:3\.0\r\nFN:Hoàng Văn Thắng/);
  await ctx.close();
});
