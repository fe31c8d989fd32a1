// invites.test.mjs: accounts for a whole roster in one step with the
// sign-in sheet (page and CLI), codes that set a password once, new codes
// for forgotten passwords, and 4,000 accounts at once, against a real
// server; counts checked straight against the member table.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, signIn, langso, query } from '../lib/server.mjs';

let srv, tmp;
before(async () => {
  srv = await startServer();
  tmp = mkdtempSync(join(tmpdir(), 'langso-invites-'));
});
after(async () => {
  if (srv) assert.equal(await srv.stop(), 0);
  rmSync(tmp, { recursive: true, force: true });
});

const get = (path, auth, headers = {}) =>
  fetch(srv.base + path, { redirect: 'manual', headers: { ...(auth ? { cookie: auth.cookie } : {}), ...headers } });
const post = (path, auth, fields = {}) =>
  fetch(srv.base + path, {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(auth ? { cookie: auth.cookie } : {}) },
    body: new URLSearchParams({ ...(auth && auth.csrf ? { csrf: auth.csrf } : {}), ...fields }),
  });
const one = (sql) => query(srv.db, sql);
// current members of the teams below a unit, and those with an account
const members = (unit, withAccount = false) => Number(one(
  `SELECT count(*) FROM member m JOIN team t ON t.id = m.team_id JOIN unit_tree x ON x.unit_id = t.unit_id
   WHERE x.ancestor_id = ${unit} AND m.left_on IS NULL AND t.dissolved_on IS NULL` +
  (withAccount ? ' AND EXISTS (SELECT 1 FROM app_user u WHERE u.member_id = m.id)' : '')));
// the codes of a page, each once (a row shows its link and its message)
const codesOf = (html) => [...new Set([...html.matchAll(/\/welcome\/(\d{12})/g)].map((m) => m[1]))];
const text = (html) => html.replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'");

test('a commune makes every member an account in one step; the sheet carries each code once', async () => {
  const xa = await signIn(srv.base, 'xa.dongdang');
  const commune = one("SELECT scope_unit_id FROM app_user WHERE username = 'xa.dongdang'");
  const before = members(commune);
  assert.ok(before > 20, `the demo commune has members (${before})`);
  const page = text(await (await get('/accounts', xa)).text());
  assert.match(page, new RegExp(`Thành viên hiện có của các tổ ở đây: ${before}`));
  assert.match(page, /Thành viên đã có tài khoản: 0/);

  const res = await post('/accounts', xa, { unit: commune });
  assert.equal(res.status, 201);
  assert.equal(res.headers.get('cache-control'), 'no-store');
  const sheet = await res.text();
  const codes = codesOf(sheet);
  assert.equal(codes.length, before, 'one link per member');
  assert.equal((sheet.match(/<tr><td>/g) || []).length, before, 'one row per member: codes differ');
  assert.equal(members(commune, true), before, 'every current member has an account');
  // the CSV inside the page: the same accounts, one row each, Excel's layout
  const csv = Buffer.from(/href="data:text\/csv;charset=utf-8;base64,([^"]+)"/.exec(sheet)[1], 'base64').toString('utf8');
  const rows = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
  assert.equal(rows[0], 'Xã, phường;Thôn, tổ dân phố;Tổ;Họ và tên;Vai trò trong Tổ;Tên đăng nhập;Mã;Liên kết;Dùng được đến');
  assert.equal(rows.length - 1, before);
  assert.deepEqual(rows.slice(1).map((r) => /\/welcome\/(\d{12})/.exec(r)[1]), codes);
  // only hashes are stored
  for (const c of codes.slice(0, 5)) assert.equal(Number(one(`SELECT count(*) FROM signin_code WHERE code_hash LIKE '%${c}%'`)), 0);
  // again: nothing new, and no codes shown
  const again = await post('/accounts', xa, { unit: commune });
  assert.equal(again.status, 201);
  const second = await again.text();
  assert.equal(codesOf(second).length, 0);
  assert.match(text(second), new RegExp(`Tài khoản đã tạo: 0 · đã có từ trước: ${before}`));
  // the audit: one row per account and one for the step
  assert.equal(Number(one(`SELECT count(*) FROM audit a JOIN app_user u ON u.id = a.entity_id
    WHERE a.action = 'create' AND a.entity = 'user' AND u.member_id IS NOT NULL`)), before);
  // another commune's unit is not this officer's
  const other = one("SELECT id FROM unit WHERE level = 'commune' AND code = '05977'");
  assert.equal((await post('/accounts', xa, { unit: other })).status, 404);
  // a team or a viewer cannot
  const team = await signIn(srv.base, 'to.dongdang');
  assert.equal((await post('/accounts', team, { unit: commune })).status, 403);
});

test('a code opens once: typed with spaces, the password chosen, signed in; then spent', async () => {
  const xa = await signIn(srv.base, 'xa.dongdang');
  const commune = one("SELECT id FROM unit WHERE level = 'commune' AND code = '05977'");
  const tinh = await signIn(srv.base, 'tinh.langson');
  const sheet = await (await post('/accounts', tinh, { unit: commune })).text();
  const code = codesOf(sheet)[0];
  assert.ok(code);
  const login = await (await get('/login')).text();
  assert.match(login, /href="\/welcome"/);
  assert.match(text(login), /Đăng nhập lần đầu hoặc quên mật khẩu/);

  const wrong = await get('/welcome/000000000000');
  assert.equal(wrong.status, 404);
  assert.match(text(await wrong.text()), /Mã không đúng, đã dùng hoặc đã hết hạn/);
  const typed = await get(`/welcome?code=${code.slice(0, 4)}+${code.slice(4, 8)}-${code.slice(8)}`);
  assert.equal(typed.status, 303);
  assert.equal(typed.headers.get('location'), `/welcome/${code}`);
  const form = await (await get(`/welcome/${code}`)).text();
  const username = /tên đăng nhập <strong>([^<]+)</.exec(form)[1];
  assert.match(username, /^tv\d+$/);
  const differ = await post('/welcome', null, { code, password: 'ngựa chạy trên đồng cỏ', again: 'ngựa chạy trên đồng' });
  assert.equal(differ.status, 422);
  assert.match(text(await differ.text()), /Hai mật khẩu không giống nhau/);
  const weak = await post('/welcome', null, { code, password: 'short', again: 'short' });
  assert.equal(weak.status, 422);
  const ok = await post('/welcome', null, { code, password: 'ngựa chạy trên đồng cỏ', again: 'ngựa chạy trên đồng cỏ' });
  assert.equal(ok.status, 303);
  const cookie = ok.headers.get('set-cookie').split(';')[0];
  const home = text(await (await get('/', { cookie })).text());
  assert.match(home, /Việc hôm nay/);
  assert.match(home, /Báo cáo/);
  assert.equal((await get(`/welcome/${code}`)).status, 404, 'spent');
  const again = await signIn(srv.base, username, 'ngựa chạy trên đồng cỏ');
  assert.ok(again.cookie);
  // the commune may not give its peer a code; it may give its team members one
  const peer = one("SELECT id FROM app_user WHERE username = 'phuong.dongkinh'");
  assert.equal((await post(`/users/${peer}/code`, tinh)).status, 200, 'the province may');
  const member = one(`SELECT id FROM app_user WHERE username = '${username}'`);
  const xaOther = await signIn(srv.base, 'phuong.dongkinh');
  const userPage = await (await get(`/users/${member}`, xaOther)).text();
  assert.match(userPage, new RegExp(`action="/users/${member}/code"`));
  const fresh = await post(`/users/${member}/code`, xaOther);
  assert.equal(fresh.status, 200);
  const newCode = /\/welcome\/(\d{12})/.exec(await fresh.text())[1];
  assert.equal((await get(`/welcome/${newCode}`)).status, 200);
  assert.equal((await post(`/users/${member}/code`, xa)).status, 404, 'outside the commune');
});

test('4,000 accounts from a province roster in one step: page and CLI', async (t) => {
  // two provinces' rosters of 800 teams × 5 members, imported by the CLI
  const roster = (province, label) => {
    const communes = one(`SELECT c.code FROM unit c JOIN unit p ON p.id = c.parent_id
      WHERE c.level = 'commune' AND p.code = '${province}' ORDER BY c.code`).split('\n');
    const villages = ['\uFEFFMã xã;Tên thôn/tổ dân phố'];
    const rows = ['\uFEFFMã xã;Thôn/tổ dân phố;Tên tổ;Họ và tên;Số điện thoại;Vai trò'];
    for (let i = 0; i < 800; i++) {
      const c = communes[i % communes.length], v = `Thôn ${label} ${i + 1}`;
      villages.push(`${c};${v}`);
      for (let m = 0; m < 5; m++)
        rows.push([c, v, m ? '' : `Tổ CNSCĐ ${v}`, `Thành Viên ${label} ${i}-${m}`, '', m ? 'Thành viên' : 'Tổ trưởng'].join(';'));
    }
    writeFileSync(join(tmp, `${label}-v.csv`), villages.join('\r\n') + '\r\n');
    writeFileSync(join(tmp, `${label}-r.csv`), rows.join('\r\n') + '\r\n');
    langso(['import', 'villages', '--db', srv.db, join(tmp, `${label}-v.csv`)]);
    langso(['import', 'teams', '--db', srv.db, join(tmp, `${label}-r.csv`)]);
    return one(`SELECT id FROM unit WHERE level = 'province' AND code = '${province}'`);
  };
  const page = roster('04', 'CB'), cli = roster('08', 'TQ');
  assert.equal(members(page), 4000);
  assert.equal(members(cli), 4000);

  const admin = await signIn(srv.base, 'admin');
  let t0 = performance.now();
  const res = await post('/accounts', admin, { unit: page });
  const html = await res.text();
  const pageMs = performance.now() - t0;
  assert.equal(res.status, 201);
  assert.equal(codesOf(html).length, 4000);
  assert.equal(members(page, true), 4000);
  assert.equal((html.match(/<section class="sheet">/g) || []).length,
    Number(one(`SELECT count(*) FROM unit WHERE parent_id = ${page} AND level = 'commune'`)), 'a sheet per commune');

  const file = join(tmp, 'tq.csv');
  t0 = performance.now();
  const out = langso(['accounts', 'issue', '--db', srv.db, '--unit', '08', '--public-url', 'https://langso.example.vn', '-o', file]);
  const cliMs = performance.now() - t0;
  assert.match(out, /4000 accounts made, 0 members had one/);
  const lines = readFileSync(file, 'utf8').trim().split('\r\n');
  assert.equal(lines.length, 4001);
  assert.match(lines[1], /;https:\/\/langso\.example\.vn\/welcome\/\d{12};/);
  assert.equal(members(cli, true), 4000);
  assert.throws(() => langso(['accounts', 'issue', '--db', srv.db, '--unit', '08', '--public-url', 'https://x', '-o', file]),
    /must not exist/, 'never over a sheet printed before');
  t.diagnostic(`4,000 accounts: page ${pageMs.toFixed(0)} ms (${(html.length / 1e6).toFixed(1)} MB sheet), CLI ${cliMs.toFixed(0)} ms`);
  // a forgotten password from the CLI
  const user = /;(tv\d+);/.exec(lines[1])[1];
  assert.match(langso(['accounts', 'code', '--db', srv.db, '--public-url', 'https://langso.example.vn', user]),
    /\/welcome\/\d{12}/);
});
