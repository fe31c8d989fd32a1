// hardening.test.mjs: what an outside test found, each against a real
// server: peers taking over peers, a difficulty pointing at another team's
// report, a TAB in the sign-in redirect, sign-in guessing and locking,
// loose JSON and dates, control characters in addresses and header names,
// the 413 that did not say its limit, and slow clients holding
// connections. Each test failed before its fix.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startServer, signIn, login, langso, query } from '../lib/server.mjs';

let srv;
// X-Forwarded-For names the client only from the trusted proxy: the tests
// play several client addresses through it
before(async () => { srv = await startServer({ args: ['--trusted-proxy', '127.0.0.1', '--signin-free-per-name', '3', '--signin-free-per-address', '6'] }); });
after(async () => { if (srv) assert.equal(await srv.stop(), 0); });

const id = (username) => query(srv.db, `SELECT id FROM app_user WHERE username = '${username}'`);
const post = (path, auth, fields = {}, headers = {}) => fetch(srv.base + path, {
  method: 'POST', redirect: 'manual',
  headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: auth.cookie, ...headers },
  body: new URLSearchParams({ csrf: auth.csrf, ...fields }),
});
const api = async (method, path, auth, body, raw) => {
  const r = await fetch(srv.base + path, {
    method,
    headers: { cookie: auth.cookie, 'x-csrf-token': auth.csrf, 'content-type': 'application/json', 'accept-language': 'en' },
    body: raw !== undefined ? raw : body ? JSON.stringify(body) : undefined,
  });
  const text = await r.text();
  return { status: r.status, headers: r.headers, body: text.startsWith('{') ? JSON.parse(text) : text };
};
const audit = (...args) => langso(['audit', '--db', srv.db, ...args]);
const fields = (res) => res.body.errors.map((e) => e.field).sort();

test('a commune officer cannot undo what the province decided about a peer, nor manage a peer at all', async () => {
  langso(['user', 'add', '--db', srv.db, '--username', 'xa2.dongdang', '--role', 'commune', '--scope', '06184'], 'mật khẩu của cán bộ thứ hai\n');
  const peer = id('xa2.dongdang');
  const prov = await signIn(srv.base, 'tinh.langson');
  const com = await signIn(srv.base, 'xa.dongdang');
  assert.equal((await post(`/users/${peer}/disable`, prov)).status, 200);
  // the page shows a peer, with no button that would be refused
  const page = await (await fetch(`${srv.base}/users/${peer}`, { headers: { cookie: com.cookie } })).text();
  assert.match(page, /Chỉ cấp trên mới thay đổi được người dùng này/);
  assert.ok(!page.includes(`/users/${peer}/enable`) && !page.includes(`/users/${peer}/password`));
  const before = query(srv.db, `SELECT disabled || role || password_hash FROM app_user WHERE id = ${peer}`);
  const enable = await post(`/users/${peer}/enable`, com);
  assert.equal(enable.status, 403);
  assert.match(await enable.text(), /bạn chỉ quản lý được người dùng có cấp thấp hơn mình/);
  assert.equal((await post(`/users/${peer}/password`, com, { password: 'mật khẩu do kẻ chiếm đặt' })).status, 403);
  assert.equal((await post(`/users/${peer}`, com, { full_name: 'x', role: 'viewer', scope: '06184' })).status, 403);
  assert.equal(query(srv.db, `SELECT disabled || role || password_hash FROM app_user WHERE id = ${peer}`), before, 'nothing changed');
  assert.equal(query(srv.db, `SELECT count(*) FROM audit WHERE action = 'refused' AND entity_id = ${peer}`), '3');

  // a team member's password reset by the province stands against the commune
  const member = id('to.dongdang');
  assert.equal((await post(`/users/${member}/password`, prov, { password: 'mật khẩu tỉnh cấp lại' })).status, 200);
  const mpage = await (await fetch(`${srv.base}/users/${member}`, { headers: { cookie: com.cookie } })).text();
  assert.ok(!mpage.includes(`/users/${member}/password`), 'no password form where it would be refused');
  assert.ok(mpage.includes(`/users/${member}/disable`), 'the rest stays');
  const again = await post(`/users/${member}/password`, com, { password: 'mật khẩu xã cấp lại' });
  assert.equal(again.status, 403);
  assert.match(await again.text(), /việc này do cấp trên quyết định/);
  await login(srv.base, 'to.dongdang', 'mật khẩu tỉnh cấp lại');
});

test("a difficulty may point only at its own team's report, through the API and the form", async () => {
  const member = await login(srv.base, 'to.dongdang', 'mật khẩu tỉnh cấp lại').catch(() => login(srv.base, 'to.dongdang'));
  const team = query(srv.db, "SELECT t.id FROM team t JOIN app_user u ON u.scope_unit_id = t.unit_id WHERE u.username = 'to.dongdang' AND t.dissolved_on IS NULL");
  const foreign = query(srv.db, `SELECT id FROM report WHERE team_id <> ${team} ORDER BY id LIMIT 1`);
  const own = query(srv.db, `SELECT id FROM report WHERE team_id = ${team} ORDER BY id LIMIT 1`);
  const count = () => query(srv.db, 'SELECT count(*) FROM difficulty');
  const n = count();
  const r = await api('POST', '/api/v1/difficulties', member, { team_id: Number(team), report_id: Number(foreign), text: 'Mạng yếu ở xóm trên', category: 'connectivity' });
  assert.equal(r.status, 422);
  assert.deepEqual(fields(r), ['report_id']);
  const web = await signIn(srv.base, 'xa.dongdang');
  const form = await post('/difficulties', web, { team, report: foreign, text: 'Mạng yếu ở xóm trên', category: 'connectivity' });
  assert.equal(form.status, 422);
  assert.equal(count(), n, 'nothing stored');
  const ok = await api('POST', '/api/v1/difficulties', member, { team_id: Number(team), report_id: Number(own), text: 'Mạng yếu ở xóm trên', category: 'connectivity' });
  assert.equal(ok.status, 201);
});

test('the sign-in redirect goes only to a path of this site', async () => {
  for (const next of ['/\t/evil.example', '/\\evil.example', '//evil.example', '/ok\n/x', 'https://evil.example/']) {
    const r = await fetch(`${srv.base}/login`, {
      method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: 'tinh.langson', password: 'langso-demo-2026', next }),
    });
    assert.equal(r.status, 303);
    assert.equal(r.headers.get('location'), '/', JSON.stringify(next));
  }
  const fine = await fetch(`${srv.base}/login`, {
    method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username: 'tinh.langson', password: 'langso-demo-2026', next: '/teams?q=Đồng' }),
  });
  assert.equal(fine.headers.get('location'), '/', 'not ASCII: home instead');
  assert.equal((await fetch(`${srv.base}/login?next=/%09/evil.example`)).status, 400);
});

test('sign-in: guessing slows down by name and by address; nothing locks a user out of a live session', async () => {
  langso(['user', 'add', '--db', srv.db, '--username', 'target.user', '--role', 'viewer', '--scope', '20'], 'mật khẩu của người bị nhắm\n');
  const session = await login(srv.base, 'target.user', 'mật khẩu của người bị nhắm');
  const attempt = (username, password, from) => fetch(`${srv.base}/api/v1/session`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
    body: JSON.stringify({ username, password }),
  });
  // three failures of the name from three addresses are free; the fourth
  // comes after a second's wait, and then the next waits 2 s
  for (let i = 0; i < 3; i++) assert.equal((await attempt('target.user', 'sai ' + i, `198.51.100.${i}`)).status, 401);
  await new Promise((ok) => setTimeout(ok, 1100));
  assert.equal((await attempt('target.user', 'sai 3', '198.51.100.3')).status, 401);
  const slowed = await attempt('target.user', 'mật khẩu của người bị nhắm', '198.51.100.50');
  assert.equal(slowed.status, 429);
  assert.match(slowed.headers.get('retry-after'), /^[12]$/);
  assert.equal((await slowed.json()).code, 'too_many_attempts');
  assert.match(audit('--entity', 'session', '--limit', '1'), /login-throttled.*"username":"target\.user"/);
  assert.equal((await fetch(`${srv.base}/api/v1/me`, { headers: { cookie: session.cookie } })).status, 200, 'the live session goes on');
  // the page says it in Vietnamese, with the wait
  const page = await fetch(`${srv.base}/login`, {
    method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '198.51.100.51' },
    body: new URLSearchParams({ username: 'target.user', password: 'mật khẩu của người bị nhắm' }),
  });
  assert.equal(page.status, 429);
  assert.match(await page.text(), /Vui lòng chờ [12] giây/);
  // after the wait, the right password works: a delay, not a lock
  await new Promise((ok) => setTimeout(ok, 2100));
  assert.equal((await attempt('target.user', 'mật khẩu của người bị nhắm', '198.51.100.50')).status, 201);

  // one address trying many names: six failures, then 429 for any name
  // (one more 401 when a second ends between the sixth and the seventh)
  const codes = [];
  for (let i = 0; i < 25; i++) codes.push((await attempt(`ai.do.${i}`, 'đoán mò', '203.0.113.9')).status);
  assert.deepEqual(codes.slice(0, 6), [401, 401, 401, 401, 401, 401]);
  assert.ok(codes.slice(6).filter((c) => c === 429).length >= 18, codes.join(','));
  assert.equal((await attempt('tinh.langson', 'langso-demo-2026', '203.0.113.10')).status, 201, 'another address is not slowed');
});

test('strict JSON: kinds and ranges per field (422 naming it), syntax errors with line and column', async () => {
  const auth = await login(srv.base, 'xa.dongdang');
  const team = query(srv.db, "SELECT t.id FROM team t JOIN unit v ON v.id = t.unit_id JOIN unit c ON c.id = v.parent_id WHERE c.code = '06184' AND t.dissolved_on IS NULL ORDER BY t.id LIMIT 1");
  const snapshot = () => query(srv.db, `SELECT name || '|' || coalesce(households, -1) FROM team WHERE id = ${team}`);
  const was = snapshot();
  const patch = (body, raw) => api('PATCH', `/api/v1/teams/${team}`, auth, body, raw);
  for (const [raw, field] of [['{"households": 1e20}', 'households'], ['{"households": 9007199254740993}', 'households'],
    ['{"households": -1}', 'households'], ['{"households": 12.5}', 'households'], ['{"households": "12"}', 'households'],
    ['{"name": [1]}', 'name'], ['{"name": {}}', 'name'], ['{"name": 7}', 'name'], ['{"nmae": "x"}', 'nmae']]) {
    const r = await patch(null, raw);
    assert.equal(r.status, 422, raw);
    assert.deepEqual(fields(r), [field], raw);
  }
  assert.match((await patch(null, '{"households": 1e20}')).body.errors[0].message, /whole number from 0 to 100000/);
  const syntax = await patch(null, '{\n  "name": "Tổ",\n  "households": 12,,\n}');
  assert.equal(syntax.status, 400);
  assert.match(syntax.body.title, /line 3, column \d+/);
  const dup = await patch(null, '{"name": "a", "name": "b"}');
  assert.equal(dup.status, 400);
  assert.match(dup.body.title, /line 1, column \d+: duplicate/);
  const overflow = await patch(null, '{"households": 100000000000000000000}');
  assert.equal(overflow.status, 400);
  assert.match(overflow.body.title, /line 1, column \d+: too big integer/);
  assert.equal(snapshot(), was, 'nothing changed');

  const period = query(srv.db, `SELECT period FROM report WHERE team_id = ${team} AND status = 'draft' LIMIT 1`) || '2026W40';
  const yes = await api('PUT', `/api/v1/teams/${team}/reports/${period}`, auth, { form: 'WEEKLY', values: {}, submit: 'yes' });
  assert.equal(yes.status, 422);
  assert.deepEqual(fields(yes), ['submit']);
  const join = await api('POST', `/api/v1/teams/${team}/members`, auth, { full_name: 'Lý Thị Hẹn', phone: '0912345678', role: 'member', affiliation: 'other', joined_on: '2099-01-01' });
  assert.equal(join.status, 422);
  assert.deepEqual(fields(join), ['joined_on']);
  const old = await api('PATCH', `/api/v1/teams/${team}`, auth, { decision_date: '1899-12-31' });
  assert.deepEqual(fields(old), ['decision_date']);
});

test('control characters and NUL in the address or a header name are refused; a 413 states the limit', async () => {
  const raw = (head) => new Promise((resolve, reject) => {
    const s = net.connect(new URL(srv.base).port, '127.0.0.1', () => s.end(head));
    let data = '';
    s.on('data', (d) => { data += d; });
    s.on('end', () => resolve(data.split('\r\n')[0]));
    s.on('error', reject);
  });
  assert.match(await raw('GET /static/app.js%00.css HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'), / 400 /);
  assert.match(await raw('GET /healthz?x=a%0Db HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'), / 400 /);
  assert.match(await raw('GET /healthz HTTP/1.1\r\nHost: x\r\nX-\u0001Bad: 1\r\nConnection: close\r\n\r\n'), / 400 /);
  assert.match(await raw('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'), / 200 /);
  const auth = await login(srv.base, 'xa.dongdang');
  const team = query(srv.db, "SELECT t.id FROM team t JOIN unit v ON v.id = t.unit_id JOIN unit c ON c.id = v.parent_id WHERE c.code = '06184' ORDER BY t.id LIMIT 1");
  const put = await api('PUT', `/api/v1/teams/${team}/reports/2026W01%00`, auth, { form: 'WEEKLY', values: {} });
  assert.equal(put.status, 400);
  const big = await api('POST', '/api/v1/difficulties', auth, null, JSON.stringify({ text: 'x'.repeat(20000) }));
  assert.equal(big.status, 413);
  assert.match(big.body.title, /\(16 KB\)/);
});

test('slow clients: a head or body trickled past its deadline is cut; heads over the cap close the oldest', async () => {
  const s = await startServer({ args: ['--head-timeout', '2', '--body-timeout', '3', '--max-heads', '20'] });
  try {
    const port = new URL(s.base).port;
    // a connection, and when it was closed (ms after it opened)
    const open = () => new Promise((resolve) => {
      const t0 = Date.now();
      const c = net.connect(port, '127.0.0.1', () => resolve(c));
      c.closedAt = new Promise((done) => c.on('close', () => done(Date.now() - t0)));
      c.on('error', () => {});
    });
    const closedWithin = (c, ms) => Promise.race([c.closedAt, new Promise((done) => setTimeout(() => done(Infinity), ms))]);
    // one header line a second keeps bytes coming, but the head's 2 s run out
    const slow = await open();
    slow.write('GET /healthz HTTP/1.1\r\nHost: x\r\n');
    const drip = setInterval(() => slow.write('X-Drip: 1\r\n'), 900);
    const t = await closedWithin(slow, 6000);
    clearInterval(drip);
    assert.ok(t < 4000, `head cut after ${t} ms`);
    // a body promised and trickled: cut after its 3 s
    const body = await open();
    body.write('POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{');
    const drip2 = setInterval(() => body.write(' '), 500);
    const tb = await closedWithin(body, 8000);
    clearInterval(drip2);
    assert.ok(tb < 5000, `body cut after ${tb} ms`);
    // 30 silent connections: the 10 oldest are closed at once; a normal
    // request still gets its answer
    const crowd = [];
    for (let i = 0; i < 30; i++) { crowd.push(await open()); crowd[i].write('GET / HTTP/1.1\r\n'); }
    const waits = crowd.map((c) => closedWithin(c, 500));
    const normal = await fetch(`${s.base}/healthz`);
    assert.equal(normal.status, 200);
    const cut = (await Promise.all(waits)).filter((ms) => ms !== Infinity).length;
    assert.ok(cut >= 10 && cut <= 11, `${cut} closed`);
    for (const c of crowd) c.destroy();
  } finally {
    assert.equal(await s.stop(), 0);
  }
});
