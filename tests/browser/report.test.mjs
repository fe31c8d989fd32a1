// report.test.mjs: a team member on a 360 px phone opens this week's
// report from the menu, types the numbers with the previous week beside
// them, sends it, and sees it sent.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium } from '../lib/browser.mjs';
import { startServer, query, DEMO_PASSWORD } from '../lib/server.mjs';

let srv, browser;
before(async () => {
  srv = await startServer();
  browser = await launchChromium();
});
after(async () => {
  if (browser) await browser.close();
  if (srv) assert.equal(await srv.stop(), 0);
});

test('a team member sends the weekly report from a phone', async () => {
  const ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'vi-VN' });
  const page = await ctx.newPage();
  await page.goto(srv.base + '/login');
  await page.getByLabel('Tên đăng nhập').fill('to.dongdang');
  await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL(srv.base + '/');
  await page.getByRole('link', { name: 'Báo cáo', exact: true }).click();
  await page.waitForURL(/\/teams\/\d+\/reports\/\d{4}W\d{2}$/);
  assert.match(await page.locator('h1').textContent(), /Báo cáo tuần của Tổ CNSCĐ/);

  // big inputs with the numeric keyboard, the previous week beside them
  const input = page.getByLabel(/Người được hướng dẫn sử dụng dịch vụ công trực tuyến/);
  const box = await input.boundingBox();
  assert.ok(box.height >= 48 && box.width >= 280, `input is ${box.width}×${box.height}`);
  assert.equal(await input.getAttribute('inputmode'), 'numeric');
  assert.ok(await page.locator('.prev').count() > 0, 'the previous week is shown');

  // Enter moves to the next box; it never sends a half-filled report
  const url = page.url();
  await input.fill('15');
  await input.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('name')), 'VNEID_L2');
  assert.equal(page.url(), url);
  await page.getByLabel(/Tài khoản VNeID mức 2/).fill('6');
  await page.getByLabel(/Lượt người được tuyên truyền/).fill('120');
  // sending with empty boxes asks first: "no" keeps the form as it is
  await page.locator('form.report [name=PAY_ACCOUNTS]').fill('');
  const empty = await page.locator('form.report input:not([type=hidden])').evaluateAll((xs) => xs.filter((x) => x.value === '').length);
  assert.ok(empty > 0);
  let asked = '';
  page.once('dialog', (d) => { asked = d.message(); d.dismiss(); });
  await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
  assert.equal(asked, `Còn ${empty} ô để trống. Vẫn gửi báo cáo? (Để trống không phải là 0.)`);
  assert.equal(page.url(), url);
  assert.equal(await page.getByRole('button', { name: 'Gửi báo cáo' }).isEnabled(), true, 'still there to tap');
  page.once('dialog', (d) => d.accept());
  await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
  await page.waitForLoadState();
  assert.match(await page.locator('[role=status]').textContent(), /Đã gửi báo cáo/);
  assert.match(await page.locator('.facts').textContent(), /đã gửi/);
  assert.equal(await page.getByLabel(/Người được hướng dẫn sử dụng dịch vụ công trực tuyến/).inputValue(), '15');
  const w = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(w <= 360, `page is ${w}px wide`);
  await ctx.close();
});

test('the commune reviews on a desktop: Accept and Return look different; the week stops at today', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
  const page = await ctx.newPage();
  await page.goto(srv.base + '/login');
  await page.getByLabel('Tên đăng nhập').fill('xa.dongdang');
  await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL(srv.base + '/');
  // a submitted weekly report of one of the commune's teams
  const [team, week] = query(srv.db, `SELECT r.team_id, r.period FROM report r JOIN team t ON t.id = r.team_id
    JOIN unit v ON v.id = t.unit_id JOIN unit c ON c.id = v.parent_id
    WHERE c.code = '06184' AND r.status = 'submitted' AND r.period LIKE '%W%' ORDER BY r.period DESC LIMIT 1`).split('|');
  await page.goto(`${srv.base}/teams/${team}/reports/${week}`);
  // read-only: the figures in a table, no boxes to type in, no "send"
  assert.equal(await page.locator('form.report input').count(), 0);
  assert.equal(await page.getByRole('button', { name: 'Gửi báo cáo' }).count(), 0);
  assert.ok(await page.locator('table.values tbody tr').count() > 0);
  const accept = page.getByRole('button', { name: 'Duyệt báo cáo', exact: true });
  const giveBack = page.getByRole('button', { name: 'Trả lại cho Tổ' });
  assert.equal(await accept.count(), 1);
  const [a, b] = [await accept.getAttribute('class'), await giveBack.getAttribute('class')];
  assert.notEqual(a, b, 'the two buttons look different');
  const bg = (el) => el.evaluate((e) => getComputedStyle(e).backgroundColor);
  assert.notEqual(await bg(accept), await bg(giveBack));
  // returning without a reason: the browser asks for it before sending
  assert.equal(await page.getByLabel('Lý do trả lại').getAttribute('required'), '');
  await giveBack.click();
  assert.equal(page.url(), `${srv.base}/teams/${team}/reports/${week}`, 'not sent without a reason');
  await page.getByLabel('Lý do trả lại').fill('Thiếu số buổi tuyên truyền');
  await giveBack.click();
  await page.waitForSelector('.card.ok');
  assert.match(await page.locator('.card.ok').textContent(), /Đã trả lại báo cáo cho tổ/);
  assert.match(await page.locator('.facts .status').textContent(), /bị trả lại|trả lại/);
  // no arrow to a week that has not begun
  const here = page.url().split('/').pop();
  const weeks = await page.locator('.row-links a').evaluateAll((as) => as.map((x) => x.getAttribute('href').split('/').pop()));
  assert.ok(weeks.every((w) => !/W/.test(w) || w <= here), `${weeks} after ${here}`);
  await ctx.close();
});

test('a session that ends on a filled form: sign in again and the figures come back', async () => {
  const ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'vi-VN' });
  const page = await ctx.newPage();
  const signIn = async () => {
    await page.getByLabel('Tên đăng nhập').fill('to.dongdang');
    await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
  };
  await page.goto(srv.base + '/login');
  await signIn();
  await page.waitForURL(srv.base + '/');
  // a past week with no report yet
  const team = query(srv.db, `SELECT t.id FROM team t JOIN app_user u ON u.scope_unit_id = t.unit_id
    WHERE u.username = 'to.dongdang' AND t.dissolved_on IS NULL`);
  const have = new Set(query(srv.db, `SELECT period FROM report WHERE team_id = ${team}`).split('\n'));
  const week = Array.from({ length: 40 }, (_, i) => `2026W${String(i + 5).padStart(2, '0')}`).find((w) => !have.has(w));
  assert.ok(week, 'a week without a report');
  await page.goto(`${srv.base}/teams/${team}/reports/${week}`);
  const boxes = page.locator('form.report input:not([type=hidden])');
  const n = await boxes.count();
  for (let i = 0; i < n; i++) await boxes.nth(i).fill(String(10 + i));
  // Enter moves on, never sends
  await boxes.first().press('Enter');
  assert.equal(await boxes.nth(1).evaluate((e) => e === document.activeElement), true);
  // the session ends (30 idle minutes), then the member sends
  query(srv.db, "DELETE FROM session WHERE user_id = (SELECT id FROM app_user WHERE username = 'to.dongdang')");
  await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
  await page.waitForURL(/\/login\?/);
  assert.match(await page.locator('main').textContent(), /Phiên đăng nhập đã hết trong lúc bạn nhập biểu mẫu/);
  await signIn();
  await page.waitForURL(new RegExp(`/teams/${team}/reports/${week}\\?`));
  assert.match(await page.locator('main').textContent(), /Các số bạn đã nhập được điền lại/);
  for (let i = 0; i < n; i++) assert.equal(await boxes.nth(i).inputValue(), String(10 + i));
  await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
  await page.waitForSelector('.card.ok');
  assert.match(await page.locator('.card.ok').textContent(), /Đã gửi báo cáo/);
  const stored = query(srv.db, `SELECT count(*), sum(v.value) FROM report r JOIN report_value v ON v.report_id = r.id
    WHERE r.team_id = ${team} AND r.period = '${week}' AND r.status = 'submitted'`).split('|').map(Number);
  assert.deepEqual(stored, [n, Array.from({ length: n }, (_, i) => 10 + i).reduce((a, b) => a + b, 0)]);
  await ctx.close();
});
