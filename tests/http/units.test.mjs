// units.test.mjs: the unit API and pages, search, and the village import
// (page and CLI) with its all-or-nothing rule.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, signIn, query, bin } from '../lib/server.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { if (srv) assert.equal(await srv.stop(), 0); });

const api = async (path) => {
  const res = await fetch(srv.base + path);
  return { status: res.status, body: await res.json() };
};

test('GET /api/v1/units lists the provinces, then pages by cursor', async () => {
  const { status, body } = await api('/api/v1/units');
  assert.equal(status, 200);
  assert.equal(body.items.length, 34);
  assert.equal(body.next_cursor, null);
  for (const k of ['id', 'code', 'name', 'level', 'parent_id']) assert.ok(k in body.items[0], k);
  const ls = body.items.find((u) => u.code === '20');
  assert.equal(ls.name, 'Lạng Sơn');
  assert.equal(ls.children, 65);

  // 65 communes, 30 a page: 3 pages, every commune once
  const seen = new Set();
  let cursor = null, pages = 0;
  do {
    const r = await api(`/api/v1/units?parent=${ls.id}&limit=30${cursor ? `&cursor=${cursor}` : ''}`);
    assert.equal(r.status, 200);
    r.body.items.forEach((u) => { assert.equal(u.parent_id, ls.id); seen.add(u.id); });
    cursor = r.body.next_cursor;
    pages++;
  } while (cursor);
  assert.equal(pages, 3);
  assert.equal(seen.size, 65);

  const all = await api('/api/v1/units?level=commune&limit=200');
  assert.equal(all.body.items.length, 200);
  assert.ok(all.body.next_cursor);
});

test('GET /api/v1/units/{id}: ancestors and children', async () => {
  const s = await api('/api/v1/units?q=dong%20dang');
  assert.equal(s.body.items.length, 1);
  const dd = s.body.items[0];
  assert.equal(dd.name, 'Xã Đồng Đăng');
  const { status, body } = await api(`/api/v1/units/${dd.id}`);
  assert.equal(status, 200);
  assert.equal(body.code, '06184');
  assert.deepEqual(body.ancestors.map((a) => a.level), ['nation', 'province']);
  assert.equal(body.ancestors[1].name, 'Lạng Sơn');
  assert.ok(body.children >= 5 && body.children <= 15, 'demo villages');

  assert.equal((await api('/api/v1/units/999999999')).status, 404);
  assert.equal((await api('/api/v1/units/abc')).status, 404);
});

test('search is accent-insensitive: dak lak, DONG DANG, đồng đăng', async () => {
  const dak = await api('/api/v1/units?q=dak%20lak&level=province');
  assert.deepEqual(dak.body.items.map((u) => u.name), ['Đắk Lắk']);
  for (const q of ['DONG%20DANG', encodeURIComponent('đồng đăng'), encodeURIComponent('Đồng Đăng')]) {
    const r = await api(`/api/v1/units?q=${q}&level=commune`);
    assert.ok(r.body.items.some((u) => u.name === 'Xã Đồng Đăng'), q);
  }
  // search inside a subtree finds villages
  const ls = (await api('/api/v1/units?q=lang%20son&level=province')).body.items[0];
  const v = await api(`/api/v1/units?parent=${ls.id}&q=thon&level=village&limit=5`);
  assert.equal(v.body.items.length, 5);
  v.body.items.forEach((u) => assert.equal(u.level, 'village'));
});

test('bad API parameters: 400 problem naming the parameter', async () => {
  for (const [q, name] of [['parent=x', 'parent'], ['level=planet', 'level'], ['limit=500', 'limit'], ['cursor=-1', 'cursor']]) {
    const r = await fetch(`${srv.base}/api/v1/units?${q}`, { headers: { 'accept-language': 'en' } });
    assert.equal(r.status, 400, q);
    const p = await r.json();
    assert.equal(p.code, 'invalid_parameter');
    assert.ok(p.title.includes(name), p.title);
  }
});

test('unit pages: breadcrumbs, counts, search', async () => {
  const dd = (await api('/api/v1/units?q=dong%20dang')).body.items[0];
  const html = await (await fetch(`${srv.base}/units/${dd.id}`)).text();
  assert.match(html, /<nav class="crumbs"[^>]*><ol><li><a href="\/units\/\d+">Việt Nam<\/a><\/li><li><a href="\/units\/\d+">Lạng Sơn<\/a>/);
  assert.match(html, /<h1>Xã Đồng Đăng<\/h1>/);
  const found = await (await fetch(`${srv.base}/units/1?q=dong+dang`)).text();
  assert.match(found, /Xã Đồng Đăng/);
  const none = await (await fetch(`${srv.base}/units/1?q=zzzz`)).text();
  assert.match(none, /Không có kết quả phù hợp/);
  // the search text comes back escaped
  const xss = await (await fetch(`${srv.base}/units/1?q=%3Cscript%3E`)).text();
  assert.ok(!xss.includes('<script>'));
  assert.match(xss, /&lt;script&gt;/);
});

async function upload(auth, csv, { csrf = auth.csrf, origin } = {}) {
  const form = new FormData();
  if (csrf) form.set('csrf', csrf);
  form.set('file', new Blob([csv], { type: 'text/csv' }), 'thon.csv');
  const headers = { cookie: auth.cookie };
  if (origin) headers.origin = origin;
  const res = await fetch(`${srv.base}/import/villages`, { method: 'POST', body: form, headers, redirect: 'manual' });
  return { status: res.status, html: await res.text() };
}

const villages = () => Number(query(srv.db, "SELECT count(*) FROM unit WHERE level='village'"));

test('village import page: sign-in, CSRF and Origin are required', async () => {
  const anon = await fetch(`${srv.base}/import/villages`, { redirect: 'manual' });
  assert.equal(anon.status, 303);
  assert.equal(anon.headers.get('location'), '/login?next=%2Fimport%2Fvillages');
  const wrong = await fetch(`${srv.base}/login`, {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'username=xa.dongdang&password=wrong-password-here',
  });
  assert.equal(wrong.status, 401);

  const auth = await signIn(srv.base, 'xa.dongdang');
  assert.match(auth.setCookie, /HttpOnly/);
  assert.match(auth.setCookie, /SameSite=Lax/);
  assert.match(auth.setCookie, /Path=\//);
  const before = villages();
  const csv = 'commune_code,village\n06184,Thôn Mới\n';
  assert.equal((await upload(auth, csv, { csrf: null })).status, 403);
  assert.equal((await upload(auth, csv, { csrf: 'forged' })).status, 403);
  assert.equal((await upload(auth, csv, { origin: 'http://evil.example' })).status, 403);
  assert.equal(villages(), before);
});

test('village import: a good file (Excel, Vietnamese settings) adds villages', async () => {
  const auth = await signIn(srv.base, 'xa.dongdang');
  const tpl = await fetch(`${srv.base}/import/villages/template.csv`, { headers: { cookie: auth.cookie } });
  assert.equal(tpl.status, 200);
  assert.match(tpl.headers.get('content-type'), /^text\/csv/);
  const tplText = Buffer.from(await tpl.arrayBuffer());
  assert.deepEqual([...tplText.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'template has a BOM');

  const before = villages();
  const csv = '\uFEFFMã xã;Tên thôn/tổ dân phố;Mã thôn (nếu có);Loại\r\n' +
              '06184;Thôn Pác Luông Mới;;Thôn\r\n06184;"Bản Nà ""Pàn""";NP-2;Bản\r\n';
  const r = await upload(auth, csv);
  assert.equal(r.status, 200, r.html);
  assert.match(r.html, /Đã nhập xong/);
  assert.equal(villages(), before + 2);
  const found = await api(`/api/v1/units?q=${encodeURIComponent('nà "pàn"')}`);
  assert.equal(found.body.items[0].name, 'Bản Nà "Pàn"');
  assert.equal(found.body.items[0].code, 'NP-2');
});

test('village import: a bad file names line and column and changes nothing', async () => {
  const auth = await signIn(srv.base, 'xa.dongdang');
  const before = villages();
  const csv = 'commune_code;village\r\n06184;Thôn Tốt\r\n05977;Khối Ngoài Phạm Vi\r\n06184;\r\n';
  const r = await upload(auth, csv);
  assert.equal(r.status, 422);
  assert.match(r.html, /Chưa nhập dữ liệu nào/);
  // line 3: Phường Đông Kinh is not in this officer's commune; line 4: no name
  assert.match(r.html, /<tr><td>3<\/td><td>1 \(commune_code\)<\/td><td>không có xã mã 05977 trong địa bàn của bạn<\/td><\/tr>/);
  assert.match(r.html, /<tr><td>4<\/td><td>2 \(village\)<\/td><td>thiếu tên thôn<\/td><\/tr>/);
  assert.equal(villages(), before);
});

test('langso import villages (CLI) shares the rules and the messages', () => {
  const file = join(srv.dir, 'bad.csv');
  writeFileSync(file, 'commune_code,village\n06184,Thôn A\n99999,Thôn B\n');
  const before = villages();
  const run = spawnSync(bin, ['import', 'villages', '--db', srv.db, file], { encoding: 'utf8', env: { ...process.env, LANG: 'vi_VN.UTF-8' } });
  assert.equal(run.status, 1);
  assert.match(run.stderr, /bad\.csv:3:1: \[commune_code\] không có xã mã 99999/);
  assert.equal(villages(), before);

  writeFileSync(file, 'commune_code,village\n06184,Thôn CLI\n');
  const ok = execFileSync(bin, ['import', 'villages', '--db', srv.db, file], { encoding: 'utf8' });
  assert.match(ok, /1 villages added/);
  assert.equal(villages(), before + 1);
});
