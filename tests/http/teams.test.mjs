// teams.test.mjs: teams and members through the pages, the API and the
// CLI: the one-team rule, validation, masking and the audit of personal
// data, imports that write nothing when wrong, exports read back by a real
// spreadsheet program, the printable decision, scans.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, signIn, login, langso, query } from '../lib/server.mjs';

let srv, officer, viewer;
const count = (sql) => Number(query(srv.db, sql));
const village = (name) => count(`SELECT u.id FROM unit u JOIN unit c ON c.id = u.parent_id WHERE c.code = '06184' AND u.name = '${name}'`);
const post = (path, auth, fields) => fetch(srv.base + path, {
  method: 'POST', redirect: 'manual',
  headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: auth.cookie },
  body: new URLSearchParams({ csrf: auth.csrf, ...fields }),
});
const upload = (path, auth, field, name, bytes) => {
  const fd = new FormData();
  fd.set('csrf', auth.csrf);
  fd.set(field, new Blob([bytes]), name);
  return fetch(srv.base + path, { method: 'POST', body: fd, headers: { cookie: auth.cookie }, redirect: 'manual' });
};
const api = async (method, path, auth, body) => {
  const r = await fetch(srv.base + path, { method, headers: { cookie: auth.cookie, 'x-csrf-token': auth.csrf, 'content-type': 'application/json', 'accept-language': 'en' }, body: body ? JSON.stringify(body) : undefined });
  return { status: r.status, body: await r.json() };
};

before(async () => {
  srv = await startServer();
  // a fresh village without a team, for the establishment tests
  const dir = mkdtempSync(join(tmpdir(), 'langso-teams-'));
  writeFileSync(join(dir, 'v.csv'), 'commune_code,village\n06184,Thôn Thử Nghiệm\n06184,Thôn Nhập Tệp\n');
  langso(['import', 'villages', '--db', srv.db, join(dir, 'v.csv')]);
  officer = await signIn(srv.base, 'xa.dongdang');
  viewer = await signIn(srv.base, 'xem.langson');
});
after(async () => { if (srv) assert.equal(await srv.stop(), 0); });

test('establish a team; a second active team in the same village is refused', async () => {
  const v = village('Thôn Thử Nghiệm');
  const form = await fetch(`${srv.base}/teams/new?village=${v}`, { headers: { cookie: officer.cookie } });
  assert.equal(form.status, 200);
  const r = await post('/teams', officer, { village: v, name: 'Tổ CNSCĐ Thôn Thử Nghiệm', decision_no: '21/QĐ-UBND', decision_date: '2022-04-15', decided_by: 'Hoàng Văn Thắng', households: '150', households_in_group: '120' });
  assert.equal(r.status, 303);
  const page = await (await fetch(srv.base + r.headers.get('location'), { headers: { cookie: officer.cookie } })).text();
  assert.match(page, /<h1>Tổ CNSCĐ Thôn Thử Nghiệm<\/h1>/);
  assert.match(page, /Quyết định 21\/QĐ-UBND ngày 15\/04\/2022/);
  assert.match(page, /120\/150 hộ \(80%\)/);
  assert.match(page, /ít hơn 3 thành viên/);
  const again = await post('/teams', officer, { village: v, name: 'Tổ thứ hai' });
  assert.equal(again.status, 422);
  assert.match(await again.text(), /thôn này đã có Tổ đang hoạt động/);
  assert.equal(count(`SELECT count(*) FROM team WHERE unit_id = ${v}`), 1);
  // a village outside the officer's commune is not found
  const other = count("SELECT u.id FROM unit u JOIN unit c ON c.id = u.parent_id WHERE c.code = '05977' LIMIT 1");
  assert.equal((await post('/teams', officer, { village: other, name: 'x' })).status, 404);
});

test('members: a bad phone names the field; phones are masked for a viewer; officer reads are audited', async () => {
  const team = count(`SELECT id FROM team WHERE unit_id = ${village('Thôn Thử Nghiệm')}`);
  const bad = await post(`/teams/${team}/members`, officer, { full_name: 'Lục Thị Hạnh', phone: '0205 388 100', role: 'member' });
  assert.equal(bad.status, 422);
  assert.match(await bad.text(), /<b>phone<\/b>: không phải số di động Việt Nam: 0205 388 100/);
  for (const [name, phone, role, aff] of [['Lục Thị Hạnh', '+84 387 654 321', 'leader', 'village_head'], ['Vi Văn Tú', '0912.345.678', 'member', 'youth_union'], ['Hà Thị Lan', '', 'deputy', 'women_union']]) {
    const r = await post(`/teams/${team}/members`, officer, { full_name: name, phone, role, affiliation: aff, birth_year: '1990' });
    assert.equal(r.status, 200);
  }
  const before = count("SELECT count(*) FROM audit WHERE action = 'read-personal'");
  const seen = await (await fetch(`${srv.base}/teams/${team}`, { headers: { cookie: officer.cookie } })).text();
  assert.match(seen, /0387654321/);
  assert.match(seen, /sinh năm 1990/);
  assert.ok(!seen.includes('ít hơn 3 thành viên'), 'no warning left');
  assert.equal(count("SELECT count(*) FROM audit WHERE action = 'read-personal'"), before + 1);
  assert.match(query(srv.db, "SELECT detail_json FROM audit WHERE action = 'read-personal' ORDER BY id DESC LIMIT 1"), new RegExp(`"team_id":${team},"members":\\[\\d+,\\d+,\\d+\\]`));
  const masked = await (await fetch(`${srv.base}/teams/${team}`, { headers: { cookie: viewer.cookie } })).text();
  assert.match(masked, /03x xxx x321/);
  assert.ok(!masked.includes('0387654321') && !masked.includes('1990'));
  assert.equal(count("SELECT count(*) FROM audit WHERE action = 'read-personal'"), before + 1, 'a masked read is not a personal-data read');
  const api = await fetch(`${srv.base}/api/v1/teams/${team}`, { headers: { cookie: viewer.cookie } });
  assert.ok((await api.json()).members.every((m) => m.phone === null || m.phone.includes('x')));
});

test('the province-wide list: warnings and accent-insensitive search over members', async () => {
  const prov = await signIn(srv.base, 'tinh.langson');
  const page = await (await fetch(`${srv.base}/teams?q=luc+thi+hanh`, { headers: { cookie: prov.cookie } })).text();
  assert.match(page, /Tổ CNSCĐ Thôn Thử Nghiệm/);
  const all = await (await fetch(`${srv.base}/api/v1/teams?unit=${count("SELECT id FROM unit WHERE code = '20' AND level = 'province'")}`, { headers: { cookie: prov.cookie } })).json();
  assert.equal(all.items.length, 200);
  assert.ok(all.next_cursor);
  assert.ok(all.items.some((t) => t.warnings.length > 0), 'the demo has teams with warnings');
});

test('roster import page: a bad file writes nothing and names line and column; a good one adds teams', async () => {
  const members = count('SELECT count(*) FROM member');
  const bad = '\uFEFFMã xã;Thôn/tổ dân phố;Họ và tên;Năm sinh;Số điện thoại\r\n06184;Thôn Nhập Tệp;Nông Văn An;1970;0912111222\r\n06184;Thôn Nhập Tệp;Nông Thị Bình;1870;0912111333\r\n';
  const r = await upload('/import/teams', officer, 'file', 'to.csv', bad);
  assert.equal(r.status, 422);
  assert.match(await r.text(), /<tr><td>3<\/td><td>4 \(birth_year\)<\/td><td>năm sinh từ 1920 đến 2015<\/td><\/tr>/);
  assert.equal(count('SELECT count(*) FROM member'), members);
  const good = await upload('/import/teams', officer, 'file', 'to.csv', bad.replace('1870', '1975'));
  assert.equal(good.status, 200);
  assert.match(await good.text(), /1 Tổ, 2 thành viên/);
  assert.equal(count('SELECT count(*) FROM member'), members + 2);
});

test('exports: XLSX read back by LibreOffice with the Vietnamese names intact; CSV as Excel expects', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'langso-xlsx-'));
  const dd = count("SELECT id FROM unit WHERE code = '06184'");
  const x = await fetch(`${srv.base}/export/teams?unit=${dd}&format=xlsx`, { headers: { cookie: officer.cookie } });
  assert.equal(x.status, 200);
  assert.match(x.headers.get('content-type'), /spreadsheetml/);
  writeFileSync(join(dir, 'roster.xlsx'), Buffer.from(await x.arrayBuffer()));
  execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1', '--outdir', dir, join(dir, 'roster.xlsx')], { stdio: 'ignore', timeout: 120000 });
  const csv = readFileSync(join(dir, readdirSync(dir).find((f) => f.endsWith('.csv'))), 'utf8');
  assert.match(csv, /Danh sách Tổ công nghệ số cộng đồng — Xã Đồng Đăng/);
  assert.match(csv, /"Mã xã","Thôn\/tổ dân phố","Tên tổ"/);
  assert.match(csv, /Lục Thị Hạnh/);
  assert.match(csv, /Thôn Thử Nghiệm/);
  assert.match(csv, /0387654321/);
  const c = await fetch(`${srv.base}/export/teams?unit=${dd}&format=csv`, { headers: { cookie: officer.cookie } });
  const bytes = Buffer.from(await c.arrayBuffer());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const text = bytes.toString('utf8');
  assert.match(text, /^\uFEFFMã xã;Thôn\/tổ dân phố;/);
  assert.match(text, /\r\n06184;Thôn Thử Nghiệm;Tổ CNSCĐ Thôn Thử Nghiệm;21\/QĐ-UBND;15\/04\/2022;Lục Thị Hạnh;1990;;0387654321;Tổ trưởng;Trưởng thôn\r\n/);
  // a viewer's export is masked
  const v = await (await fetch(`${srv.base}/export/teams?unit=${dd}&format=csv`, { headers: { cookie: viewer.cookie } })).text();
  assert.ok(v.includes('03x xxx x321') && !v.includes('0387654321'));
});

test('exports neutralise cells that a spreadsheet would run as formulas', async () => {
  const team = count(`SELECT id FROM team WHERE unit_id = ${village('Thôn Thử Nghiệm')}`);
  const r = await post(`/teams/${team}/members`, officer, { full_name: '=HYPERLINK("http://evil.example","bấm")', role: 'member' });
  assert.equal(r.status, 200);
  const dd = count("SELECT id FROM unit WHERE code = '06184'");
  const text = await (await fetch(`${srv.base}/export/teams?unit=${dd}&format=csv`, { headers: { cookie: officer.cookie } })).text();
  assert.ok(text.includes(`;"'=HYPERLINK(""http://evil.example"",""bấm"")";`), 'the cell starts with a quote mark');
  assert.ok(!/;=HYPERLINK/.test(text));
});

test('CLI: export teams as XLSX and CSV; import teams names the line of each error', () => {
  const dir = mkdtempSync(join(tmpdir(), 'langso-cli-'));
  const out = langso(['export', 'teams', '--db', srv.db, '--unit', '06184', '--format', 'csv', '-o', join(dir, 'r.csv')]);
  assert.match(out, /members of Xã Đồng Đăng/);
  langso(['export', 'teams', '--db', srv.db, '--unit', '20', '-o', join(dir, 'r.xlsx')]);
  assert.equal(readFileSync(join(dir, 'r.xlsx')).subarray(0, 2).toString(), 'PK');
  writeFileSync(join(dir, 'bad.csv'), 'commune_code,village,member_name,role\n06184,Thôn Không Có,Ai Đó,leader\n');
  let err = '';
  try { langso(['import', 'teams', '--db', srv.db, join(dir, 'bad.csv')]); } catch (e) { err = e.stderr; }
  assert.match(err, /bad\.csv:2:2: \[village\]/);
});

test('the draft establishment decision: A4 document with the annexed list', async () => {
  const dd = count("SELECT id FROM unit WHERE code = '06184'");
  const page = await (await fetch(`${srv.base}/units/${dd}/decision`, { headers: { cookie: officer.cookie } })).text();
  assert.match(page, /ỦY BAN NHÂN DÂN<br>XÃ ĐỒNG ĐĂNG/);
  assert.match(page, /CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc/);
  assert.match(page, /<h1>QUYẾT ĐỊNH<\/h1>/);
  assert.match(page, /Điều 1\.<\/b> Thành lập \d+ Tổ công nghệ số cộng đồng/);
  assert.match(page, /Lục Thị Hạnh<\/td><td>1990<\/td><td>Trưởng thôn<\/td><td>Tổ trưởng<\/td>/);
  assert.match(page, /print\.css/);
  assert.equal((await fetch(`${srv.base}/units/${dd}/decision`, { headers: { cookie: viewer.cookie } })).status, 403);
});

test('scanned decisions: PDF/JPEG/PNG by content, at most 5 MB', async () => {
  const team = count(`SELECT id FROM team WHERE unit_id = ${village('Thôn Thử Nghiệm')}`);
  const txt = await upload(`/teams/${team}/scan`, officer, 'scan', 'qd.pdf', 'just text, named .pdf');
  assert.equal(txt.status, 422);
  assert.match(await txt.text(), /tệp không phải PDF, JPEG hoặc PNG/);
  const big = await upload(`/teams/${team}/scan`, officer, 'scan', 'qd.pdf', Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(5 * 1024 * 1024 + 10)]));
  assert.equal(big.status, 422);
  assert.match(await big.text(), /tệp lớn hơn 5 MB/);
  // a body over the route's limit is refused from its Content-Length, before it is read
  const huge = await new Promise((resolve, reject) => {
    const u = new URL(srv.base);
    const req = http.request({ host: u.hostname, port: u.port, path: `/teams/${team}/scan`, method: 'POST',
      headers: { cookie: officer.cookie, 'content-type': 'multipart/form-data; boundary=x', 'content-length': 7 * 1024 * 1024 } },
    (res) => { res.resume(); resolve(res.statusCode); });
    req.on('error', reject);
    req.write('--x\r\n');
  });
  assert.equal(huge, 413);
  const pdf = await upload(`/teams/${team}/scan`, officer, 'scan', 'qd.pdf', '%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n');
  assert.equal(pdf.status, 200);
  const got = await fetch(`${srv.base}/teams/${team}/scan`, { headers: { cookie: viewer.cookie } });
  assert.equal(got.status, 200);
  assert.equal(got.headers.get('content-type'), 'application/pdf');
  assert.match(Buffer.from(await got.arrayBuffer()).toString('latin1'), /^%PDF-1\.4/);
});

test('API: create, read, patch a team and its members; errors name the field', async () => {
  const auth = await login(srv.base, 'xa.dongdang');
  const dir = mkdtempSync(join(tmpdir(), 'langso-api-'));
  writeFileSync(join(dir, 'v.csv'), 'commune_code,village\n06184,Thôn API\n');
  langso(['import', 'villages', '--db', srv.db, join(dir, 'v.csv')]);
  const v = village('Thôn API');
  const made = await api('POST', '/api/v1/teams', auth, { unit_id: v, name: 'Tổ API', decision_date: '2023-01-05', households: 90 });
  assert.equal(made.status, 201);
  assert.equal(made.body.unit_id, v);
  assert.equal(made.body.active_members, 0);
  assert.deepEqual(made.body.warnings, ['few_members', 'no_leader', 'no_village_head']);
  const id = made.body.id;
  const dup = await api('POST', '/api/v1/teams', auth, { unit_id: v, name: 'Tổ API 2' });
  assert.equal(dup.status, 422);
  assert.equal(dup.body.errors[0].field, 'village');
  const m = await api('POST', `/api/v1/teams/${id}/members`, auth, { full_name: 'Đàm Văn Quân', phone: '0912 000 999', role: 'leader', affiliation: 'village_head', birth_year: 1972 });
  assert.equal(m.status, 201);
  assert.equal(m.body.members[0].phone, '0912000999');
  const mid = m.body.members[0].id;
  const bad = await api('PATCH', `/api/v1/members/${mid}`, auth, { phone: '12345' });
  assert.equal(bad.status, 422);
  assert.deepEqual(bad.body.errors.map((e) => e.field), ['phone']);
  assert.equal(bad.body.errors[0].message, 'not a Vietnamese mobile number: 12345');
  const ok = await api('PATCH', `/api/v1/members/${mid}`, auth, { role: 'deputy' });
  assert.equal(ok.body.members[0].role, 'deputy');
  assert.equal(ok.body.members[0].full_name, 'Đàm Văn Quân', 'a PATCH keeps what it does not name');
  const patched = await api('PATCH', `/api/v1/teams/${id}`, auth, { group_name: 'Zalo Thôn API', households_in_group: 45 });
  assert.equal(patched.body.group_name, 'Zalo Thôn API');
  assert.equal(patched.body.households, 90);
  assert.equal(patched.body.decision_date, '2023-01-05');
  const list = await api('GET', `/api/v1/teams?unit=${count("SELECT id FROM unit WHERE code = '06184'")}`, auth);
  assert.ok(list.body.items.some((t) => t.id === id && t.name === 'Tổ API' && t.active_members === 1));
  // the page's form has no establishment date: saving it, or a post that
  // names only some fields, keeps the dates it does not carry
  assert.equal((await api('PATCH', `/api/v1/teams/${id}`, auth, { established_on: '2023-02-01' })).status, 200);
  const web = await signIn(srv.base, 'xa.dongdang');
  assert.equal((await post(`/teams/${id}`, web, { name: 'Tổ API', group_name: 'Zalo mới' })).status, 200);
  const kept = (await api('GET', `/api/v1/teams/${id}`, auth)).body;
  assert.deepEqual([kept.group_name, kept.decision_date, kept.established_on, kept.households], ['Zalo mới', '2023-01-05', '2023-02-01', 90]);
  const other = await login(srv.base, 'phuong.dongkinh');
  assert.equal((await api('GET', `/api/v1/teams/${id}`, other)).status, 404);
  assert.equal((await api('PATCH', `/api/v1/teams/${id}`, other, { name: 'x' })).status, 404);
});

test('an enterprise user sees the teams of its communes only', async () => {
  const ent = await login(srv.base, 'vnpt.langson');
  const list = await (await fetch(`${srv.base}/api/v1/teams?limit=500`, { headers: { cookie: ent.cookie } })).json();
  const communes = new Set(list.items.map((t) => t.commune));
  assert.ok(communes.has('Xã Đồng Đăng'));
  for (const c of communes) assert.ok(['Xã Đồng Đăng', 'Phường Đông Kinh', 'Phường Lương Văn Tri', 'Phường Tam Thanh', 'Phường Kỳ Lừa', 'Xã Ba Sơn', 'Xã Cao Lộc'].includes(c), c);
  const ents = await (await fetch(`${srv.base}/api/v1/enterprises`, { headers: { cookie: ent.cookie } })).json();
  assert.deepEqual(ents.items.map((e) => e.name), ['VNPT Lạng Sơn']);
});

test('a dissolved team stays readable, and the village can have a new one', async () => {
  const v = village('Thôn Thử Nghiệm');
  const team = count(`SELECT id FROM team WHERE unit_id = ${v} AND dissolved_on IS NULL`);
  const d = await post(`/teams/${team}/dissolve`, officer, { dissolved_on: '2026-06-30', reason: 'sáp nhập thôn' });
  assert.equal(d.status, 200);
  assert.match(await d.text(), /Đã giải thể Tổ; lịch sử vẫn được lưu/);
  const again = await post('/teams', officer, { village: v, name: 'Tổ CNSCĐ Thôn Thử Nghiệm (mới)' });
  assert.equal(again.status, 303);
  const page = await (await fetch(srv.base + again.headers.get('location'), { headers: { cookie: officer.cookie } })).text();
  assert.match(page, /Các Tổ trước đây của thôn/);
  assert.match(page, /giải thể ngày 30\/06\/2026 · sáp nhập thôn/);
  assert.equal((await fetch(`${srv.base}/teams/${team}`, { headers: { cookie: officer.cookie } })).status, 200);
});
