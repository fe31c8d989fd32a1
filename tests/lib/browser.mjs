// browser.mjs: Debian's Chromium for the browser tests, headless, with the
// flags DESIGN lists (CHROMIUM names another binary).
import { chromium } from 'playwright-core';

export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

// signInPage: sign in on the login page of base as username (the demo
// password unless another is given), and wait for the home page.
export async function signInPage(page, base, username, password = 'langso-demo-2026') {
  await page.goto(base + '/login');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL(base + '/');
}
