// practices.test.mjs: a team writes a good practice on the page (hostile
// Markdown in it, a photo), sends it; its commune finds it waiting and
// publishes it; an officer of another province finds it by words without
// accents and filters; marks count once per person; bad input is named
// and changes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import { startServer, login, query, langso } from '../lib/server.mjs';

let srv, team, commune, far;
before(async () => {
  srv = await startServer();
  team = await login(srv.base, 'to.dongdang');
  commune = await login(srv.base, 'xa.dongdang');
  // an officer of a commune of another province (Hà Nội, 01)
  const elsewhere = query(srv.db, "SELECT c.id FROM unit c JOIN unit p ON p.id = c.parent_id WHERE p.code = '01' AND p.level = 'province' ORDER BY c.id LIMIT 1");
  langso(['user', 'add', '--db', srv.db, '--username', 'xa.xa', '--role', 'commune', '--scope', `#${elsewhere}`], 'mat khau rat dai cho bai thu\n');
  far = await login(srv.base, 'xa.xa', 'mat khau rat dai cho bai thu');
});
after(async () => { if (srv) assert.equal(await srv.stop(), 0); });

async function call(who, method, path, json) {
  const headers = { cookie: who.cookie, 'x-csrf-token': who.csrf };
  if (json !== undefined) headers['content-type'] = 'application/json';
  const r = await fetch(`${srv.base}${path}`, { method, headers, body: json === undefined ? undefined : JSON.stringify(json), redirect: 'manual' });
  const text = await r.text();
  let body = text;
  try { body = JSON.parse(text); } catch { /* a page */ }
  return { status: r.status, body, location: r.headers.get('location'), type: r.headers.get('content-type') };
}
const post = async (who, path, form) => {
  const r = await fetch(`${srv.base}${path}`, { method: 'POST', body: form, redirect: 'manual', headers: { cookie: who.cookie } });
  return { status: r.status, location: r.headers.get('location'), text: await r.text() };
};
const page = async (who, path) => (await fetch(`${srv.base}${path}`, { headers: { cookie: who.cookie } })).text();

// a w×h PNG, red, made here
function png(w, h) {
  const table = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
  const crc = (b) => { let c = 0xffffffff; for (const x of b) c = table[(c ^ x) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const sum = Buffer.alloc(4); sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0); ihdr.writeUInt32BE(h, 4); ihdr[8] = 8; ihdr[9] = 2;
  const rows = Buffer.alloc((1 + 3 * w) * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) rows.set([200, 30, 30], y * (1 + 3 * w) + 1 + 3 * x);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

test('a team writes, its commune publishes, another province finds it without accents', async () => {
  const vneid = query(srv.db, "SELECT id FROM platform WHERE code = 'VNEID'");
  const form = new FormData();
  form.set('csrf', team.csrf);
  form.set('title', 'Hỗ trợ người cao tuổi kích hoạt định danh điện tử');
  form.set('body', 'Tối **thứ Bảy** ở nhà văn hóa.\r\n\r\n- mang căn cước\r\n- [hướng dẫn](https://tailieu.example.vn/vneid)\r\n\r\n<script>alert("x")</script> [bấm](javascript:alert(1))');
  form.set('platform', vneid);
  form.set('results', '46 người có tài khoản mức 2');
  form.set('place', 'Nhà văn hóa thôn');
  const made = await post(team, '/practices', form);
  assert.equal(made.status, 303, made.text.slice(0, 300));
  const id = Number(/\/practices\/(\d+)$/.exec(made.location)[1]);
  // a photo of 2000×1500: kept as a JPEG of 1280×960
  const photo = new FormData();
  photo.set('csrf', team.csrf);
  photo.set('photo', new Blob([png(2000, 1500)]), 'lop-hoc.png');
  assert.equal((await post(team, `/practices/${id}/photos`, photo)).status, 303);
  const p = (await call(team, 'GET', `/api/v1/practices/${id}`)).body;
  assert.equal(p.status, 'draft');
  assert.equal(p.photos.length, 1);
  const img = await fetch(`${srv.base}${p.photos[0]}`, { headers: { cookie: team.cookie } });
  assert.equal(img.headers.get('content-type'), 'image/jpeg');
  const bytes = Buffer.from(await img.arrayBuffer());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xff, 0xd8, 0xff]);
  assert.equal(bytes.includes(Buffer.from('Exif')), false);
  // the frame header's size: 960 × 1280
  const sof = bytes.indexOf(Buffer.from([0xff, 0xc0]));
  assert.deepEqual([bytes.readUInt16BE(sof + 5), bytes.readUInt16BE(sof + 7)], [960, 1280]);
  // a draft: not seen in another province
  assert.equal((await call(far, 'GET', `/api/v1/practices/${id}`)).status, 404);
  // the Markdown is rendered, the script and the javascript: link are text
  const html = await page(team, `/practices/${id}`);
  assert.match(html, /Tối <strong>thứ Bảy<\/strong> ở nhà văn hóa\./);
  assert.match(html, /<li><a href="https:\/\/tailieu\.example\.vn\/vneid" rel="nofollow noopener">hướng dẫn<\/a><\/li>/);
  assert.match(html, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; \[bấm\]\(javascript:alert\(1\)\)/);
  assert.doesNotMatch(html, /<script>alert/);
  assert.doesNotMatch(html, /href="javascript/);

  // sent; waiting at the commune; published
  assert.equal((await call(team, 'POST', `/api/v1/practices/${id}/submit`)).body.status, 'submitted');
  const waiting = (await call(commune, 'GET', '/api/v1/practices?review=1')).body.items.map((x) => x.id);
  assert.ok(waiting.includes(id));
  assert.match(await page(commune, '/practices'), /Chờ tôi duyệt <span class="count">\d+<\/span>/);
  assert.equal((await call(far, 'POST', `/api/v1/practices/${id}/review`, { action: 'publish' })).status, 404);
  const pub = await call(commune, 'POST', `/api/v1/practices/${id}/review`, { action: 'publish' });
  assert.equal(pub.body.status, 'published');
  assert.equal((await call(team, 'PATCH', `/api/v1/practices/${id}`, { title: 'Đổi', body: 'x', platform: 'VNEID' })).status, 403, 'published: no longer changed');

  // found from another province, without accents, in any case, by filters
  const find = async (qs) => (await call(far, 'GET', `/api/v1/practices?${qs}`)).body.items.map((x) => x.id);
  assert.ok((await find('q=NGUOI%20cao%20tuoi%20dinh%20danh')).includes(id));
  assert.ok((await find('q=người cao tuổi')).includes(id));
  assert.ok(!(await find('q=nguoi%20tre%20tuoi')).includes(id));
  const langson = query(srv.db, "SELECT id FROM unit WHERE code = '20' AND level = 'province'");
  const hanoi = query(srv.db, "SELECT id FROM unit WHERE code = '01' AND level = 'province'");
  assert.ok((await find(`province=${langson}&platform=VNEID&domain=government`)).includes(id));
  assert.ok(!(await find(`province=${hanoi}`)).includes(id));
  assert.ok(!(await find('platform=PAY')).includes(id));
  assert.equal((await call(far, 'GET', '/api/v1/practices?platform=NOPE')).status, 400);
  assert.match(await page(far, '/practices?q=ho+tro+nguoi+cao+tuoi'), new RegExp(`href="/practices/${id}"`));

  // marks: once per person, taken back
  for (let k = 0; k < 2; k++) assert.equal((await call(far, 'PUT', `/api/v1/practices/${id}/marks/applied`)).status, 200);
  await call(commune, 'PUT', `/api/v1/practices/${id}/marks/like`);
  let now = (await call(far, 'GET', `/api/v1/practices/${id}`)).body;
  assert.deepEqual([now.applied, now.likes, now.applied_here, now.liked], [1, 1, true, false]);
  await call(commune, 'DELETE', `/api/v1/practices/${id}/marks/like`);
  now = (await call(far, 'GET', `/api/v1/practices/${id}`)).body;
  assert.equal(now.likes, 0);
  assert.equal((await call(far, 'PUT', `/api/v1/practices/${id}/marks/love`)).status, 400);
  // the commune's dashboard features it
  const dongDang = query(srv.db, "SELECT scope_unit_id FROM app_user WHERE username = 'xa.dongdang'");
  assert.match(await page(commune, `/units/${dongDang}/dashboard`), new RegExp(`<section class="card" id="practices">.*href="/practices/${id}"`, 's'));
});

test('bad input is named and changes nothing; photos are checked by content', async () => {
  const count = () => query(srv.db, 'SELECT count(*) FROM practice');
  const before = count();
  const cases = [
    [{ title: '', body: 'x', platform: 'VNEID' }, 'title'],
    [{ title: 'A', body: '', platform: 'VNEID' }, 'body'],
    [{ title: 'A', body: 'x', platform: 'NOPE' }, 'platform'],
    [{ title: 'A', body: 'x' }, 'platform'],
    [{ title: 'A', body: 'x', domain: 'sport' }, 'domain'],
    [{ title: 'A', body: 'x', platform: 'VNEID', numbers: { NOPE: 3 } }, 'results'],
    [{ title: 'A', body: 'x', platform: 'VNEID', numbers: { VNEID_L2: 'nhiều' } }, 'VNEID_L2'],
    [{ title: 'A', body: 'x'.repeat(20001), platform: 'VNEID' }, 'body'],
  ];
  for (const [body, field] of cases) {
    const r = await call(team, 'POST', '/api/v1/practices', body);
    assert.equal(r.status, 422, `${field}: ${JSON.stringify(r.body)}`);
    assert.ok(r.body.errors.some((e) => e.field === field), `${field}: ${JSON.stringify(r.body.errors)}`);
  }
  assert.equal(count(), before);
  // a viewer or an enterprise writes none
  const viewer = await login(srv.base, 'xem.langson');
  assert.equal((await call(viewer, 'POST', '/api/v1/practices', { title: 'A', body: 'x', platform: 'VNEID' })).status, 403);
  // a PDF named .jpg is no photo; nothing is added
  const made = await call(team, 'POST', '/api/v1/practices', { title: 'Ảnh', body: 'x', domain: 'skills' });
  const fake = new FormData();
  fake.set('csrf', team.csrf);
  fake.set('photo', new Blob(['%PDF-1.4 không phải ảnh']), 'anh.jpg');
  const r = await post(team, `/practices/${made.body.id}/photos`, fake);
  assert.equal(r.status, 422);
  assert.match(r.text, /không phải ảnh JPEG hoặc PNG/);
  assert.equal(query(srv.db, `SELECT count(*) FROM practice_photo WHERE practice_id = ${made.body.id}`), '0');
});
