// reorg.test.mjs: the 2025 reform on a 360 px phone, as the province does
// it. The old communes of Huyện Cao Lộc (tests/lib/reform.mjs) are loaded
// with a village each; on the reorganisation page the province uploads the
// conversion table, sees the split commune's village waiting, moves it
// with one choice, then undoes the move on the village's page and finds it
// waiting again. Nothing is wider than the screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium, signInPage } from '../lib/browser.mjs';
import { startServer, langso, query } from '../lib/server.mjs';
import { reformFiles } from '../lib/reform.mjs';

let srv, browser, files;
const dir = mkdtempSync(join(tmpdir(), 'langso-reorg-browser-'));
before(async () => {
  srv = await startServer();
  browser = await launchChromium();
  files = reformFiles(dir);
  langso(['units', 'import-nso', '--db', srv.db, files.nso]);
  writeFileSync(join(dir, 'v.csv'), 'commune_code,village\n06184,Khu Phố Cũ\n06190,Thôn Bảo Một\n');
  langso(['import', 'villages', '--db', srv.db, '--at', '2025-05-01', join(dir, 'v.csv')]);
});
after(async () => {
  if (browser) await browser.close();
  if (srv) assert.equal(await srv.stop(), 0);
});

const fits = async (page) => assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360), `wider than the screen: ${page.url()}`);

test('the province applies the conversion, moves a waiting village and undoes the move, on a phone', async () => {
  const ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'vi-VN' });
  const page = await ctx.newPage();
  await signInPage(page, srv.base, 'tinh.langson');
  await page.getByRole('link', { name: 'Sắp xếp đơn vị hành chính' }).click();
  await page.waitForURL(srv.base + '/reorganisation');
  await page.locator('#file').setInputFiles(files.conv);
  await page.getByRole('button', { name: 'Áp dụng' }).click();
  await page.waitForLoadState();
  const status = page.locator('[role="status"]');
  await assert.doesNotReject(status.waitFor());
  assert.match(await status.textContent(), /1 thôn được chuyển về xã mới, 1 thôn đang chờ/);
  await fits(page);

  // the split commune's village waits, with its two successors to choose
  const village = Number(query(srv.db, "SELECT u.id FROM unit u WHERE u.name = 'Thôn Bảo Một'"));
  const row = page.locator('li', { hasText: 'Thôn Bảo Một' });
  const choice = row.getByLabel('Xã mới');
  assert.deepEqual((await choice.locator('option').allTextContents()).sort(), ['Xã Cao Lộc', 'Xã Đồng Đăng']);
  await choice.selectOption({ label: 'Xã Cao Lộc' });
  await row.getByRole('button', { name: 'Chuyển về xã này' }).click();
  await page.waitForURL(srv.base + '/reorganisation');
  assert.equal(await page.locator('li', { hasText: 'Thôn Bảo Một' }).count(), 0);
  assert.equal(query(srv.db, `SELECT c.code FROM unit u JOIN unit c ON c.id = u.parent_id WHERE u.id = ${village}`), '06211');

  // on the village's page: where it came from, and the way back
  await page.goto(`${srv.base}/units/${village}`);
  assert.match(await page.locator('#move').textContent(), /Chuyển từ Xã Bảo Lâm sang Xã Cao Lộc/);
  await fits(page);
  await page.getByRole('button', { name: 'Hoàn tác việc chuyển' }).click();
  await page.waitForURL(`${srv.base}/units/${village}`);
  assert.equal(await page.locator('#move').count(), 0);
  await page.goto(srv.base + '/reorganisation');
  assert.equal(await page.locator('li', { hasText: 'Thôn Bảo Một' }).count(), 1);
  await ctx.close();
  langso(['check', '--db', srv.db]);
});
