// teams.test.mjs: on a phone, a commune officer finds a village without a
// team, establishes one and adds three members; the warnings go away.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '../lib/browser.mjs';
import { startServer, langso, DEMO_PASSWORD } from '../lib/server.mjs';

let srv, browser;
before(async () => {
  srv = await startServer();
  const dir = mkdtempSync(join(tmpdir(), 'langso-bt-'));
  writeFileSync(join(dir, 'v.csv'), 'commune_code,village\n06184,Thôn Pò Mới\n');
  langso(['import', 'villages', '--db', srv.db, join(dir, 'v.csv')]);
  browser = await launchChromium();
});
after(async () => {
  if (browser) await browser.close();
  if (srv) assert.equal(await srv.stop(), 0);
});

test('establish a team and add its members on a 360 px screen', async () => {
  const ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'vi-VN' });
  const page = await ctx.newPage();
  await page.goto(srv.base + '/login');
  await page.getByLabel('Tên đăng nhập').fill('xa.dongdang');
  await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL(srv.base + '/');

  // find the village by typing without accents, from the nation page
  await page.getByLabel(/Tìm theo tên/).fill('po moi');
  await page.getByRole('button', { name: 'Tìm' }).click();
  await page.getByRole('link', { name: /Thôn Pò Mới/ }).click();
  assert.match(await page.locator('main').textContent(), /Thôn này chưa có Tổ CNSCĐ/);
  await page.getByRole('link', { name: 'Thành lập Tổ CNSCĐ' }).click();
  assert.equal(await page.getByLabel('Tên Tổ').inputValue(), 'Tổ CNSCĐ Thôn Pò Mới');
  await page.getByLabel('Số quyết định').fill('31/QĐ-UBND');
  await page.getByLabel('Ngày quyết định').fill('2022-05-20');
  await page.getByLabel('Người ký (Chủ tịch UBND xã)').fill('Hoàng Văn Thắng');
  await page.getByRole('button', { name: 'Thành lập', exact: true }).click();
  await page.waitForURL(/\/teams\/\d+$/);
  assert.equal(await page.locator('h1').textContent(), 'Tổ CNSCĐ Thôn Pò Mới');
  assert.match(await page.locator('.warnings').textContent(), /ít hơn 3 thành viên/);

  const members = [
    ['Nông Văn Sáng', '1966', '0912 345 001', 'Tổ trưởng', 'Trưởng thôn'],
    ['Lương Thị Mai', '1994', '0387 654 002', 'Tổ phó', 'Đoàn Thanh niên'],
    ['Triệu Văn Hòa', '1988', '', 'Thành viên', 'Công an'],
  ];
  for (const [name, year, phone, role, aff] of members) {
    const form = page.locator('form[action$="/members"]');
    await form.getByLabel('Họ và tên').fill(name);
    await form.getByLabel('Năm sinh').fill(year);
    await form.getByLabel('Số điện thoại').fill(phone);
    await form.getByLabel('Vai trò trong Tổ').selectOption({ label: role });
    await form.getByLabel('Thành phần').selectOption({ label: aff });
    const box = await form.getByRole('button', { name: 'Thêm' }).boundingBox();
    assert.ok(box.height >= 44, 'a button big enough for a thumb');
    await form.getByRole('button', { name: 'Thêm' }).click();
    await page.waitForLoadState();
    assert.match(await page.locator('[role=status]').textContent(), /Đã thêm thành viên/);
  }
  const names = await page.locator('ul.members .mname b').allTextContents();
  assert.deepEqual(names, ['Nông Văn Sáng', 'Lương Thị Mai', 'Triệu Văn Hòa']);
  assert.match(await page.locator('ul.members').textContent(), /0912345001/);
  assert.equal(await page.locator('.warnings').count(), 0, 'no warning left');
  const w = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(w <= 360, `page is ${w}px wide`);
  await ctx.close();
});
