// accounts.test.mjs: sign-in, sessions, CSRF, lockout, API tokens, user
// management within scope, and the audit trail, against a real server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, signIn, login, langso, query, freshDb, DEMO_PASSWORD } from '../lib/server.mjs';

let srv;
before(async () => { srv = await startServer({ args: ['--signin-free-per-name', '3'] }); });
after(async () => { if (srv) assert.equal(await srv.stop(), 0); });

const get = (path, auth, headers = {}) =>
  fetch(srv.base + path, { redirect: 'manual', headers: { ...(auth ? { cookie: auth.cookie } : {}), ...headers } });
const post = (path, auth, fields = {}, headers = {}) =>
  fetch(srv.base + path, {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(auth ? { cookie: auth.cookie } : {}), ...headers },
    body: new URLSearchParams({ ...(auth && auth.csrf ? { csrf: auth.csrf } : {}), ...fields }),
  });
const audit = (...args) => langso(['audit', '--db', srv.db, ...args]);

test('sign-in: cookie attributes, a new token every time (no fixation), sign-out', async () => {
  const res = await fetch(`${srv.base}/login`, {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: 'sid=attacker-chosen-value' },
    body: new URLSearchParams({ username: 'xa.dongdang', password: DEMO_PASSWORD, next: '//evil.example/' }),
  });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/', 'never redirects to another site');
  const set = res.headers.get('set-cookie');
  assert.match(set, /^sid=[A-Za-z0-9_-]{43};/);
  assert.ok(!set.includes('attacker-chosen-value'));
  for (const attr of ['HttpOnly', 'SameSite=Lax', 'Path=/']) assert.ok(set.includes(attr), attr);
  assert.ok(!set.includes('Secure'), 'no Secure flag without --secure-cookies');
  const cookie = set.split(';')[0];
  assert.equal((await get('/account', { cookie: 'sid=attacker-chosen-value' })).status, 303);

  const again = await signIn(srv.base, 'xa.dongdang');
  assert.notEqual(again.cookie, cookie, 'each sign-in gets its own token');
  const me = await get('/account', { cookie });
  assert.equal(me.status, 200);
  const out = await post('/logout', { cookie, csrf: /name="csrf" value="([^"]+)"/.exec(await me.text())[1] });
  assert.equal(out.status, 303);
  assert.match(out.headers.get('set-cookie'), /Max-Age=0/);
  assert.equal((await get('/account', { cookie })).status, 303, 'the session is gone');
  assert.equal((await get('/account', again)).status, 200, 'other sessions live on');
});

test('JSON sign-in: 201 with a CSRF token, 401 alike for a wrong password and an unknown name', async () => {
  const ok = await login(srv.base, 'tinh.langson');
  assert.equal(ok.user.role, 'province');
  assert.equal(ok.user.scope_name, 'Lạng Sơn');
  const me = await (await get('/api/v1/me', ok)).json();
  assert.equal(me.username, 'tinh.langson');
  const bad = async (username, password) => {
    const r = await fetch(`${srv.base}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': 'en' }, body: JSON.stringify({ username, password }) });
    return { status: r.status, body: await r.json() };
  };
  const a = await bad('tinh.langson', 'not the password');
  const b = await bad('no.such.user', 'not the password');
  assert.equal(a.status, 401);
  assert.deepEqual(a.body, b.body, 'the same answer for both');
  const junk = await fetch(`${srv.base}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username": ' });
  assert.equal(junk.status, 400);
  const del = await fetch(`${srv.base}/api/v1/session`, { method: 'DELETE', headers: { cookie: ok.cookie, 'x-csrf-token': ok.csrf } });
  assert.equal(del.status, 204);
  assert.equal((await get('/api/v1/me', ok)).status, 401);
});

test('CSRF: a form without its token, with a forged one, or from another site is refused', async () => {
  const auth = await signIn(srv.base, 'tinh.langson');
  const before = query(srv.db, 'SELECT count(*) FROM app_user');
  const fields = { username: 'csrf.victim', full_name: 'x', role: 'viewer', scope: '20', password: 'một mật khẩu đủ dài' };
  assert.equal((await post('/users', { cookie: auth.cookie }, fields)).status, 403);
  assert.equal((await post('/users', { cookie: auth.cookie, csrf: 'forged' }, fields)).status, 403);
  assert.equal((await post('/users', auth, fields, { origin: 'http://evil.example' })).status, 403);
  assert.equal(query(srv.db, 'SELECT count(*) FROM app_user'), before);
  // the same request done right
  const ok = await post('/users', auth, fields, { origin: srv.base });
  assert.equal(ok.status, 303);
  assert.match(audit('--entity', 'user', '--limit', '1'), /tinh\.langson\tprovince\tcreate\tuser\t\d+\tLạng Sơn\t\{"username":"csrf\.victim"/);
});

test('throttle: after 3 failures (server flag) even the right password waits; an unlock clears the wait', async () => {
  langso(['user', 'add', '--db', srv.db, '--username', 'lock.me', '--role', 'viewer', '--scope', '20'], 'mật khẩu của người bị khóa\n');
  const attempt = (password) => fetch(`${srv.base}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'lock.me', password }) });
  for (let i = 0; i < 3; i++) assert.equal((await attempt('wrong password ' + i)).status, 401);
  assert.match(audit('--entity', 'session', '--limit', '1'), /login-failed.*"username":"lock\.me","address":"127\.0\.0\.1","wait":0/);
  await new Promise((ok) => setTimeout(ok, 1100));
  assert.equal((await attempt('wrong password 3')).status, 401);
  assert.equal((await attempt('mật khẩu của người bị khóa')).status, 429, 'waits');
  assert.match(audit('--entity', 'session', '--limit', '1'), /login-throttled.*"username":"lock\.me"/);
  langso(['user', 'unlock', '--db', srv.db, 'lock.me']);
  assert.equal((await attempt('mật khẩu của người bị khóa')).status, 201);
});

test('disabling a user or changing their area ends their sessions at once', async () => {
  langso(['user', 'add', '--db', srv.db, '--username', 'soon.gone', '--role', 'commune', '--scope', '06184'], 'một mật khẩu khá dài\n');
  const victim = await login(srv.base, 'soon.gone', 'một mật khẩu khá dài');
  assert.equal((await get('/api/v1/me', victim)).status, 200);
  const prov = await signIn(srv.base, 'tinh.langson');
  const id = query(srv.db, "SELECT id FROM app_user WHERE username = 'soon.gone'");
  const page = await get(`/users/${id}`, prov);
  assert.equal(page.status, 200);
  const moved = await post(`/users/${id}`, prov, { full_name: 'Người chuyển công tác', role: 'commune', scope: '05977' });
  assert.equal(moved.status, 200);
  assert.equal((await get('/api/v1/me', victim)).status, 401, 'moved: signed out');
  const v2 = await login(srv.base, 'soon.gone', 'một mật khẩu khá dài');
  assert.equal((await post(`/users/${id}/disable`, prov)).status, 200);
  assert.equal((await get('/api/v1/me', v2)).status, 401, 'disabled: signed out');
  assert.equal((await fetch(`${srv.base}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'soon.gone', password: 'một mật khẩu khá dài' }) })).status, 401);
  const rows = audit('--user', 'tinh.langson', '--entity', 'user', '--limit', '2');
  assert.match(rows, /\tdisable\tuser\t/);
  assert.match(rows, /\tupdate\tuser\t.*"role_before":"commune"/);
});

test('a commune officer cannot see or touch users outside the commune (404 like a missing one)', async () => {
  const com = await signIn(srv.base, 'xa.dongdang');
  const provId = query(srv.db, "SELECT id FROM app_user WHERE username = 'tinh.langson'");
  const neighbour = query(srv.db, "SELECT id FROM app_user WHERE username = 'phuong.dongkinh'");
  assert.equal((await get(`/users/${provId}`, com)).status, 404);
  assert.equal((await get(`/users/${neighbour}`, com)).status, 404);
  assert.equal((await get('/users/99999999', com)).status, 404);
  assert.equal((await post(`/users/${neighbour}/disable`, com)).status, 404);
  const list = await (await get('/api/v1/users', com)).json();
  assert.deepEqual(list.items.map((u) => u.username).sort(), ['to.dongdang', 'xa.dongdang']);
  // granting a role above one's own is refused with the reason
  const r = await post('/users', com, { username: 'wannabe', role: 'province', scope: '20', password: 'một mật khẩu đủ dài' });
  assert.equal(r.status, 422);
  assert.match(await r.text(), /bạn không được cấp vai trò cao hơn vai trò của mình/);
  // the refusal of a whole page is a 403 with an audit row
  const team = await signIn(srv.base, 'to.dongdang');
  assert.equal((await get('/users', team)).status, 403);
  assert.match(audit('--user', 'to.dongdang', '--limit', '1'), /\tteam\tdenied\troute\t0\t\t\{"method":"GET","path":"\/users"\}/);
});

test('API tokens: created for oneself, shown once, work without CSRF, revocable', async () => {
  const token = langso(['token', 'create', '--db', srv.db, '--user', 'xa.dongdang']).trim();
  assert.match(token, /^lso_[A-Za-z0-9_-]{43}$/);
  assert.equal(query(srv.db, `SELECT count(*) FROM api_token WHERE token_hash LIKE '%${token.slice(4, 12)}%'`), '0', 'only a hash is stored');
  const bearer = { authorization: `Bearer ${token}` };
  const me = await fetch(`${srv.base}/api/v1/me`, { headers: bearer });
  assert.equal(me.status, 200);
  assert.equal((await me.json()).username, 'xa.dongdang');
  // the page creates one and shows it once
  const auth = await signIn(srv.base, 'xa.dongdang');
  const made = await (await post('/account/tokens', auth, { name: 'đồng bộ Excel' })).text();
  const shown = /<code class="token">(lso_[^<]+)<\/code>/.exec(made)[1];
  assert.ok(!(await (await get('/account', auth)).text()).includes(shown), 'not shown again');
  const tid = query(srv.db, "SELECT id FROM api_token WHERE name = 'đồng bộ Excel'");
  const other = await signIn(srv.base, 'tinh.langson');
  assert.equal((await post(`/account/tokens/${tid}/revoke`, other)).status, 404, "not one's own");
  assert.equal((await fetch(`${srv.base}/api/v1/me`, { headers: { authorization: `Bearer ${shown}` } })).status, 200);
  assert.equal((await post(`/account/tokens/${tid}/revoke`, auth)).status, 200);
  assert.equal((await fetch(`${srv.base}/api/v1/me`, { headers: { authorization: `Bearer ${shown}` } })).status, 401);
});

test('audit page: provincial officers see their province only; passwords never appear', async () => {
  const prov = await signIn(srv.base, 'tinh.langson');
  const page = await (await get('/audit', prov)).text();
  assert.match(page, /Nhật ký hệ thống/);
  assert.ok(!page.includes(DEMO_PASSWORD));
  // rows about Cao Bằng are not shown to Lạng Sơn
  langso(['user', 'add', '--db', srv.db, '--username', 'cb.viewer', '--role', 'viewer', '--scope', '04'], 'mật khẩu ở Cao Bằng\n');
  const cb = await (await get('/audit?unit=04', prov)).text();
  assert.match(cb, /Chưa có ghi nhận nào/);
  const admin = await signIn(srv.base, 'admin');
  assert.match(await (await get('/audit?unit=04', admin)).text(), /cb\.viewer/);
  assert.equal((await get('/audit', await signIn(srv.base, 'xa.dongdang'))).status, 403);
  const all = query(srv.db, "SELECT group_concat(detail_json, ',') FROM audit");
  for (const secret of [DEMO_PASSWORD, 'mật khẩu ở Cao Bằng', 'một mật khẩu khá dài']) assert.ok(!all.includes(secret));
});

test('first run: init without a password prints a one-time setup link', async () => {
  const db = freshDb('setup');
  const out = langso(['init', '--db', db], '\n');
  const token = /\/setup\/([A-Za-z0-9_-]+)/.exec(out)[1];
  const s = await startServer({ db });
  try {
    assert.equal((await fetch(`${s.base}/setup/wrong-token`)).status, 404);
    assert.equal((await fetch(`${s.base}/setup/${token}`)).status, 200);
    const weak = await fetch(`${s.base}/setup/${token}`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'username=boss&password=123456789012' });
    assert.equal(weak.status, 422);
    const ok = await fetch(`${s.base}/setup/${token}`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ username: 'boss', password: 'quản trị viên đầu tiên' }) });
    assert.equal(ok.status, 303);
    assert.equal((await fetch(`${s.base}/setup/${token}`)).status, 404, 'works once');
    await login(s.base, 'boss', 'quản trị viên đầu tiên');
  } finally {
    assert.equal(await s.stop(), 0);
  }
});

test('a form sent after its session ended: its fields ride through sign-in, nothing else does', async () => {
  const team = query(srv.db, "SELECT t.id FROM team t JOIN app_user u ON u.scope_unit_id = t.unit_id WHERE u.username = 'to.dongdang' AND t.dissolved_on IS NULL");
  const path = `/teams/${team}/reports/2026W30`;
  const send = () => fetch(srv.base + path, {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: 'sid=an-ended-session' },
    body: new URLSearchParams({ csrf: 'old', DVC_GUIDED: '12', VNEID_L2: '4', action: 'submit' }),
  });
  // The first request after the previous test's long synchronous `langso
  // init` (seconds on PostgreSQL) may go out on a kept-alive connection the
  // server has closed meanwhile: the client had no turn to notice. It
  // changes nothing (an ended session is sent to sign-in first), so it is
  // sent again once, on a new connection, when it got no answer at all.
  const res = await send().catch((e) => {
    console.log(`# no answer (${e.cause?.code ?? e.message}): sent again`);
    return send();
  });
  assert.equal(res.status, 303);
  const loc = new URL(res.headers.get('location'), srv.base);
  assert.equal(loc.pathname, '/login');
  assert.equal(loc.searchParams.get('next'), path);
  assert.equal(loc.searchParams.get('keep'), 'DVC_GUIDED=12&VNEID_L2=4&action=submit', 'no CSRF token kept');
  const form = await (await fetch(loc)).text();
  assert.match(form, /Phiên đăng nhập đã hết trong lúc bạn nhập biểu mẫu/);
  assert.match(form, /name="keep" value="DVC_GUIDED%3D12%26VNEID_L2%3D4%26action%3Dsubmit"|name="keep" value="DVC_GUIDED=12&amp;VNEID_L2=4&amp;action=submit"/);
  const back = async (keep, next = path) => (await fetch(`${srv.base}/login`, {
    method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username: 'to.dongdang', password: DEMO_PASSWORD, next, keep }),
  })).headers.get('location');
  assert.equal(await back('DVC_GUIDED=12&VNEID_L2=4&action=submit'), `${path}?DVC_GUIDED=12&VNEID_L2=4&action=submit&kept=1`);
  // secrets never ride in an address
  const pw = await fetch(`${srv.base}/account/password`, {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: 'sid=an-ended-session' },
    body: new URLSearchParams({ csrf: 'old', old_password: 'bí mật cũ lắm', password: 'bí mật mới lắm', again: 'bí mật mới lắm', full_name: 'Tú' }),
  });
  assert.equal(new URL(pw.headers.get('location'), srv.base).searchParams.get('keep'), 'full_name=T%C3%BA');
  // anything but an escaped query string is dropped; the target stays a path of this site
  assert.equal(await back('x=1\r\nSet-Cookie: sid=evil'), path);
  assert.equal(await back('a=/../x'), path);
  assert.equal(await back('DVC_GUIDED=12', '//evil.example/'), '/?DVC_GUIDED=12&kept=1');
  const page = await (await fetch(`${srv.base}${path}?DVC_GUIDED=12&VNEID_L2=4&kept=1`, { headers: { cookie: (await signIn(srv.base, 'to.dongdang')).cookie } })).text();
  assert.match(page, /id="v_DVC_GUIDED"[^>]* value="12"/);
  assert.match(page, /Các số bạn đã nhập được điền lại/);
});

test('the area of a new user is named, never numbered: names with or without accents, a list to pick from', async () => {
  const xa = await signIn(srv.base, 'tinh.langson');
  const form = await (await fetch(`${srv.base}/users/new`, { headers: { cookie: xa.cookie } })).text();
  assert.doesNotMatch(form, /value="#\d+"/, 'no internal id in the box');
  assert.match(form, /<input id="scope" name="scope" value="Lạng Sơn"/);
  const create = (username, scope) => fetch(`${srv.base}/users`, {
    method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: xa.cookie },
    body: new URLSearchParams({ csrf: xa.csrf, username, role: 'commune', scope, password: 'mây trắng bay trên núi cao' }),
  });
  const ok = await create('xa.dd.moi', 'dong dang');
  assert.equal(ok.status, 303);
  assert.equal(query(srv.db, "SELECT u.name FROM app_user a JOIN unit u ON u.id = a.scope_unit_id WHERE a.username = 'xa.dd.moi'"), 'Xã Đồng Đăng');
  const outside = await create('xa.ngoai', 'Xã Trường Hà');
  assert.equal(outside.status, 422, 'a commune of another province is not in the area');
  // a commune officer picks from its own villages
  const c = await signIn(srv.base, 'xa.dongdang');
  const list = await (await fetch(`${srv.base}/users/new`, { headers: { cookie: c.cookie } })).text();
  const datalist = /<datalist id="scope-choices">(.*?)<\/datalist>/s.exec(list)[1];
  const options = [...datalist.matchAll(/<option value="([^"]+)">/g)].map((m) => m[1]);
  const villages = Number(query(srv.db, "SELECT count(*) FROM unit v JOIN unit c ON c.id = v.parent_id WHERE c.code = '06184' AND c.level = 'commune' AND v.valid_to IS NULL"));
  assert.equal(options.length, villages + 1, 'the commune and each of its villages');
  assert.ok(options.every((o) => !/#\d/.test(o)));
});

test('the audit trail reads in words: verbs and details, no codes or JSON, and fits a phone', async () => {
  const admin = await signIn(srv.base, 'admin');
  const page = await (await fetch(`${srv.base}/audit`, { headers: { cookie: admin.cookie } })).text();
  const body = /<tbody>(.*)<\/tbody>/s.exec(page)[1];
  assert.doesNotMatch(body, /\{"|<code>/, 'no JSON');
  assert.match(body, /<td>đã đăng nhập<\/td>/);
  assert.match(body, /<td>đã tạo người dùng<\/td>.*tên đăng nhập: /s);
  for (const verb of body.matchAll(/<\/small><\/td><td>([^<]*)<\/td>/g))
    assert.doesNotMatch(verb[1], /^[a-z-]+( [a-z]+)?$/, `"${verb[1]}" is a code, not words`);
});
