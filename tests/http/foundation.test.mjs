// foundation.test.mjs: the server's contract: headers, errors, limits,
// UTF-8, static assets, language, keep-alive, access log, clean stop.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { startServer, query, backend } from '../lib/server.mjs';

let srv;
before(async () => { srv = await startServer({ accessLog: true }); });
after(async () => { if (srv) assert.equal(await srv.stop(), 0, 'server exits 0 on SIGTERM'); });

function securityHeaders(res) {
  assert.match(res.headers.get('content-security-policy'), /default-src 'self'/);
  assert.match(res.headers.get('content-security-policy'), /frame-ancestors 'none'/);
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  assert.ok(res.headers.get('referrer-policy'));
  assert.match(res.headers.get('content-type'), /charset=utf-8/);
  assert.ok(res.headers.get('content-length'), 'replies are buffered and sent with a length');
}

// raw: a request with exact bytes on the wire (no client normalisation).
function raw(path, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const u = new URL(srv.base);
    const req = http.request({ host: u.hostname, port: u.port, path, method, headers }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (data += d));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: data }));
    });
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

test('a page: 200, Vietnamese by default, security headers', async () => {
  const res = await fetch(`${srv.base}/units`);
  assert.equal(res.status, 200);
  securityHeaders(res);
  const html = await res.text();
  assert.match(html, /<html lang="vi">/);
  assert.match(html, /Đơn vị hành chính/);
  assert.match(html, /Lạng Sơn/);
});

test('404 page and 404 problem+json, both with security headers', async () => {
  const page = await fetch(`${srv.base}/no/such/page`);
  assert.equal(page.status, 404);
  securityHeaders(page);
  assert.match(await page.text(), /Không có trang này/);

  const api = await fetch(`${srv.base}/api/v1/nothing`, { headers: { 'accept-language': 'en' } });
  assert.equal(api.status, 404);
  securityHeaders(api);
  assert.match(api.headers.get('content-type'), /^application\/problem\+json/);
  const p = await api.json();
  assert.equal(p.status, 404);
  assert.equal(p.code, 'not_found');
  assert.equal(p.title, 'There is no such page.');
});

test('405 names the allowed methods', async () => {
  const res = await fetch(`${srv.base}/units/1`, { method: 'DELETE' });
  assert.equal(res.status, 405);
  securityHeaders(res);
  assert.equal(res.headers.get('allow'), 'GET, HEAD');
  const api = await fetch(`${srv.base}/api/v1/units`, { method: 'POST', body: 'x' });
  assert.equal(api.status, 405);
  assert.equal((await api.json()).code, 'method_not_allowed');
});

test('413 when a body is larger than its route allows', async () => {
  const big = 'username=' + 'a'.repeat(70 * 1024);
  const res = await raw('/login', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': big.length },
    body: big,
  });
  assert.equal(res.status, 413);
  assert.equal(res.headers['x-content-type-options'], 'nosniff');
  // and a route that takes no body at all
  const res2 = await raw('/logout', { method: 'POST', headers: { 'content-length': 10 * 1024 * 1024 }, body: 'x'.repeat(1024) });
  assert.equal(res2.status, 413);
});

test('400 for invalid UTF-8 in the path, the query or a form', async () => {
  let res = await raw('/units/%FF');
  assert.equal(res.status, 400);
  res = await raw('/api/v1/units?q=%C3%28');
  assert.equal(res.status, 400);
  assert.equal(JSON.parse(res.body).code, 'bad_address');
  res = await raw('/login', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'username=%C3%28&password=x',
  });
  assert.equal(res.status, 400);
  res = await raw('/login', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'username=%ZZ',
  });
  assert.equal(res.status, 400);
});

test('/healthz answers while the process lives; /readyz only while the database can do the work', async () => {
  assert.equal(await (await fetch(`${srv.base}/healthz`)).text(), 'ok\n');
  let res = await fetch(`${srv.base}/readyz`);
  assert.equal(res.status, 200);
  const ready = await res.json();
  assert.deepEqual(ready, { status: 'ready', database: backend, schema: ready.schema, rollup_pending: ready.rollup_pending });
  assert.ok(ready.schema >= 8);
  assert.ok(Number.isInteger(ready.rollup_pending) && ready.rollup_pending >= 0);
  // a database migrated by a newer langso: this server must not take requests
  const [newer, back] = backend === 'sqlite'
    ? ['PRAGMA user_version = 99', `PRAGMA user_version = ${ready.schema}`]
    : ['INSERT INTO langso_schema(version) VALUES (99)', 'DELETE FROM langso_schema WHERE version = 99'];
  query(srv.db, newer);
  try {
    res = await fetch(`${srv.base}/readyz`);
    assert.equal(res.status, 503);
    const body = await res.json();
    assert.equal(body.status, 'unavailable');
    assert.match(body.reason, /schema is at version 99/);
  } finally {
    query(srv.db, back);
  }
  assert.equal((await fetch(`${srv.base}/readyz`)).status, 200);
});

test('a server error is a clean 500 page with an error id, and the server goes on', async () => {
  query(srv.db, 'ALTER TABLE unit RENAME COLUMN sort_key TO sort_key_gone');
  try {
    const res = await fetch(`${srv.base}/units/1`);
    assert.equal(res.status, 500);
    securityHeaders(res);
    assert.match(await res.text(), /mã lỗi [0-9a-f]{8}/);
    const api = await fetch(`${srv.base}/api/v1/units?parent=1`);
    assert.equal(api.status, 500);
    assert.equal((await api.json()).code, 'internal');
  } finally {
    query(srv.db, 'ALTER TABLE unit RENAME COLUMN sort_key_gone TO sort_key');
  }
  assert.equal((await fetch(`${srv.base}/units/1`)).status, 200);
});

test('language: ?lang= sets a cookie, then the cookie, then Accept-Language', async () => {
  let res = await fetch(`${srv.base}/units?lang=en`);
  assert.match(res.headers.get('set-cookie'), /^lang=en;/);
  assert.match(await res.text(), /<html lang="en">/);
  res = await fetch(`${srv.base}/units`, { headers: { cookie: 'lang=en', 'accept-language': 'vi' } });
  assert.match(await res.text(), /<html lang="en">/);
  res = await fetch(`${srv.base}/units`, { headers: { 'accept-language': 'fr, en;q=0.8' } });
  assert.match(await res.text(), /Administrative|Units/);
  res = await fetch(`${srv.base}/units`, { headers: { 'accept-language': 'fr' } });
  assert.match(await res.text(), /<html lang="vi">/);
});

test('static assets: embedded, long cache, ETag, 304', async () => {
  const page = await (await fetch(`${srv.base}/units`)).text();
  const css = /href="(\/static\/style\.css\?v=[0-9a-f]+)"/.exec(page)[1];
  const res = await fetch(srv.base + css);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/css/);
  assert.match(res.headers.get('cache-control'), /max-age=31536000/);
  const etag = res.headers.get('etag');
  assert.ok(etag);
  const again = await fetch(srv.base + css, { headers: { 'if-none-match': etag } });
  assert.equal(again.status, 304);
  assert.equal((await fetch(`${srv.base}/static/nope.css`)).status, 404);
});

test('keep-alive: several requests on one connection', async () => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const u = new URL(srv.base);
  const ports = [];
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve, reject) => {
      http.get({ host: u.hostname, port: u.port, path: '/api/v1/units/1', agent }, (res) => {
        ports.push(res.socket.localPort);
        assert.equal(res.headers.connection ?? 'keep-alive', 'keep-alive');
        res.resume();
        res.on('end', resolve);
      }).on('error', reject);
    });
  }
  agent.destroy();
  assert.equal(new Set(ports).size, 1, 'the same socket served every request');
});

test('access log: one JSON object per request', async () => {
  await fetch(`${srv.base}/units?q=x`);
  const lines = srv.accessLog().trim().split('\n').map((l) => JSON.parse(l));
  const last = lines.findLast((l) => l.path === '/units');
  assert.equal(last.method, 'GET');
  assert.equal(last.status, 200);
  assert.equal(typeof last.ms, 'number');
  assert.ok(last.bytes > 0);
});
