// a11y.test.mjs: on a 360 px phone every navigation item of every role is
// on the screen and 44 px tall, the skip link leads to the content, and
// axe-core finds no serious or critical violation (WCAG 2.1 A and AA) on
// the home, the report, the review, the progress and the notices pages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium, violations } from '../lib/browser.mjs';
import { startServer, query, DEMO_PASSWORD } from '../lib/server.mjs';

let srv, browser;
before(async () => {
  srv = await startServer({ args: ['--clock', '2026-11-26T09:00:00+07:00'] });
  browser = await launchChromium();
});
after(async () => {
  if (browser) await browser.close();
  if (srv) assert.equal(await srv.stop(), 0);
});

const phone = async (username) => {
  // bypassCSP: the page's policy (rightly) refuses the script axe injects
  const ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'vi-VN', bypassCSP: true });
  const page = await ctx.newPage();
  await page.goto(srv.base + '/login');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL(srv.base + '/');
  return { ctx, page };
};

// axe on the page as it is: serious and critical violations, described

for (const username of ['to.dongdang', 'xa.dongdang', 'tinh.langson', 'admin']) {
  test(`${username}: every menu item on a 360 px screen, 44 px tall; a skip link`, async () => {
    const { ctx, page } = await phone(username);
    const items = page.locator('nav.nav a');
    const n = await items.count();
    assert.ok(n >= 3, `${n} items`);
    for (let i = 0; i < n; i++) {
      const box = await items.nth(i).boundingBox();
      const name = await items.nth(i).textContent();
      assert.ok(box.x >= 0 && box.x + box.width <= 360, `${name} is off the screen (${box.x}+${box.width})`);
      assert.ok(box.height >= 44, `${name} is ${box.height}px tall`);
    }
    for (const el of await page.locator('header .who a, header .who button').all()) {
      const box = await el.boundingBox();
      assert.ok(box.height >= 44 && box.width >= 44, `${await el.textContent()}: ${box.width}×${box.height}`);
    }
    assert.equal(await page.locator('nav.nav').getAttribute('aria-label'), 'Trình đơn chính');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `the page is ${width}px wide`);
    // the keyboard: the first Tab reaches the skip link, Enter lands in main
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.className), 'skip');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
    await ctx.close();
  });
}

test('axe-core: no serious violation on the home, report, review, progress, side by side, missing and notices pages', async () => {
  const found = [];
  const team = await phone('to.dongdang');
  const teamId = query(srv.db, "SELECT t.id FROM team t JOIN app_user u ON u.scope_unit_id = t.unit_id WHERE u.username = 'to.dongdang' AND t.dissolved_on IS NULL");
  for (const path of ['/', `/teams/${teamId}/reports/2026W48`, '/notices', '/difficulties'])
    { await team.page.goto(srv.base + path); found.push(...(await violations(team.page)).map((v) => `team ${path}: ${v}`)); }
  await team.ctx.close();
  const commune = await phone('xa.dongdang');
  const [rteam, rperiod] = query(srv.db, `SELECT r.team_id, r.period FROM report r JOIN team t ON t.id = r.team_id
    JOIN unit v ON v.id = t.unit_id JOIN unit c ON c.id = v.parent_id WHERE c.code = '06184' AND r.status = 'submitted' ORDER BY r.period DESC LIMIT 1`).split('|');
  const cid = query(srv.db, "SELECT scope_unit_id FROM app_user WHERE username = 'xa.dongdang'");
  for (const path of ['/', `/teams/${rteam}/reports/${rperiod}`, `/units/${cid}/progress`, `/reports?unit=${cid}`, '/notices', '/accounts'])
    { await commune.page.goto(srv.base + path); found.push(...(await violations(commune.page)).map((v) => `commune ${path}: ${v}`)); }
  await commune.ctx.close();
  const province = await phone('tinh.langson');
  const pid = query(srv.db, "SELECT scope_unit_id FROM app_user WHERE username = 'tinh.langson'");
  for (const path of ['/', `/units/${pid}/progress`, `/units/${pid}/breakdown?period=2026-10`, `/units/${cid}/missing?period=2026-10`, `/units/${pid}/map?period=2026-10`, `/units/${pid}/dashboard?period=2026-10`])
    { await province.page.goto(srv.base + path); found.push(...(await violations(province.page)).map((v) => `province ${path}: ${v}`)); }
  await province.ctx.close();
  assert.deepEqual(found, []);
});
