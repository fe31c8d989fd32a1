// group.test.mjs: the commune management group. Announcements reach the
// users a brute force over the users and the unit tree says they reach
// (audience, area, kind of commune or village), on their lists, their
// unread counts and the receipts; reading is the receipt, answering works
// once asked; bad input is named and changes nothing. The directory holds
// the commune's leaders, the contacts above, its enterprises and every
// current member of its teams, phones masked for those who may not see
// them, every unmasked reading audited; CSV and vCard escape what they carry.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, query, langso } from '../lib/server.mjs';

let srv, province, commune, ward, team, viewer, enterprise, far;
const PW = 'mat khau rat dai cho bai thu';
const as = async (username, pw) => ({ ...(await login(srv.base, username, pw)), username });
before(async () => {
  srv = await startServer();
  province = await as('tinh.langson');
  commune = await as('xa.dongdang');
  ward = await as('phuong.dongkinh');
  team = await as('to.dongdang');
  viewer = await as('xem.langson');
  enterprise = await as('vnpt.langson');
  // a team member of Phường Đông Kinh, and an officer of another province
  const village = query(srv.db, "SELECT v.id FROM unit v JOIN unit c ON c.id = v.parent_id WHERE c.code = '05977' AND c.level = 'commune' ORDER BY v.id LIMIT 1");
  langso(['user', 'add', '--db', srv.db, '--username', 'to.dongkinh', '--role', 'team', '--scope', `#${village}`], `${PW}\n`);
  const elsewhere = query(srv.db, "SELECT id FROM unit WHERE level = 'province' AND code = '01'");
  langso(['user', 'add', '--db', srv.db, '--username', 'tinh.hanoi', '--role', 'province', '--scope', `#${elsewhere}`], `${PW}\n`);
  far = await as('tinh.hanoi', PW);
});
after(async () => { if (srv) assert.equal(await srv.stop(), 0); });

async function call(who, method, path, json) {
  const headers = { cookie: who.cookie, 'x-csrf-token': who.csrf };
  if (json !== undefined) headers['content-type'] = 'application/json';
  const r = await fetch(`${srv.base}${path}`, { method, headers, body: json === undefined ? undefined : JSON.stringify(json), redirect: 'manual' });
  const text = await r.text();
  let body = text;
  try { body = JSON.parse(text); } catch { /* a page or a file */ }
  return { status: r.status, body, text, type: r.headers.get('content-type') };
}
const rows = (sql) => query(srv.db, sql).split('\n').filter(Boolean).map((l) => l.split('|'));
const count = (sql) => Number(query(srv.db, sql));

// The recipients of an announcement, by brute force: every active user but
// its author, of its audience, whose area (an enterprise's communes) is in
// its area, in a commune or village of its kind when it names one.
function recipients(id) {
  const [[scope, audience, kind, author]] = rows(`SELECT scope_unit_id, audience, unit_kind, coalesce(author_id, 0) FROM announcement WHERE id = ${id}`);
  const ancestors = new Map();
  for (const [u, a] of rows('SELECT unit_id, ancestor_id FROM unit_tree')) {
    if (!ancestors.has(u)) ancestors.set(u, new Set());
    ancestors.get(u).add(a);
  }
  const kindOf = new Map(rows("SELECT id, kind, level FROM unit WHERE level IN ('commune', 'village')").map(([id, k]) => [id, k]));
  const supports = rows('SELECT enterprise_id, unit_id FROM enterprise_unit');
  const out = [];
  for (const [uid, name, role, unit, ent, disabled] of rows("SELECT id, username, role, scope_unit_id, coalesce(enterprise_id, 0), disabled FROM app_user")) {
    if (disabled !== '0' || uid === author) continue;
    if (audience === 'teams' && role !== 'team') continue;
    if (audience === 'officers' && role === 'team') continue;
    const areas = [unit, ...supports.filter(([e]) => e === ent && ent !== '0').map(([, u]) => u)];
    if (!areas.some((a) => ancestors.get(a)?.has(scope))) continue;
    if (kind && ![...(ancestors.get(unit) || [])].some((a) => kindOf.get(a) === kind)) continue;
    out.push(name);
  }
  return out.sort();
}

async function allReceipts(who, id) {
  const items = [];
  let cursor = '', total;
  do {
    const r = await call(who, 'GET', `/api/v1/announcements/${id}/receipts${cursor ? `?cursor=${cursor}` : ''}`);
    assert.equal(r.status, 200, r.text);
    items.push(...r.body.items);
    total = r.body.recipients;
    cursor = r.body.next_cursor;
  } while (cursor);
  assert.equal(items.length, total);
  return items;
}

const unreadInNav = async (who) => {
  const html = await (await fetch(`${srv.base}/announcements`, { headers: { cookie: who.cookie } })).text();
  const m = html.match(/href="\/announcements">[^<]*(?:<span class="count">(\d+))?/);
  return m && m[1] ? Number(m[1]) : 0;
};

test('announcements reach exactly their recipients; reading is the receipt; answers once asked', async () => {
  const everyone = [province, commune, ward, team, viewer, enterprise, far];
  const unreadBefore = await Promise.all(everyone.map(unreadInNav));
  // the province to everyone of it, asking for an answer; to the wards only;
  // a commune to its teams
  const posts = [
    [province, { title: 'Đăng ký tập huấn', body: 'Đăng ký **trước** ngày 5.\n\n<script>alert(1)</script>', audience: 'everyone', asks_answer: true, answer_by: '2026-12-05' }],
    [province, { title: 'Riêng các phường', body: 'Các phường lưu ý.', unit_kind: 'Phường' }],
    [commune, { title: 'Nhắc báo cáo', body: 'Gửi trước thứ Hai.', audience: 'teams' }],
  ];
  const ids = [];
  for (const [who, json] of posts) {
    const r = await call(who, 'POST', '/api/v1/announcements', json);
    assert.equal(r.status, 201, r.text);
    assert.ok(!r.body.body_html.includes('<script>'), 'raw HTML stays text');
    ids.push(r.body.id);
  }
  // each user's list and unread count against the brute force
  for (const [i, who] of everyone.entries()) {
    const list = (await call(who, 'GET', '/api/v1/announcements')).body.items;
    const got = ids.filter((id) => list.some((x) => x.id === id && x.recipient));
    const want = ids.filter((id) => recipients(id).includes(who.username));
    assert.deepEqual(got, want, `recipients among the new ones for ${who.username}`);
    assert.equal(await unreadInNav(who), unreadBefore[i] + want.length, `unread count of ${who.username}`);
  }
  // the wards' one reached the ward, not the commune (a Xã)
  assert.ok(recipients(ids[1]).includes('phuong.dongkinh'));
  assert.ok(!recipients(ids[1]).includes('xa.dongdang'));
  // another province sees none of them
  for (const id of ids) assert.equal((await call(far, 'GET', `/api/v1/announcements/${id}`)).status, 404);

  // the receipts: all recipients, none read; reading is the receipt, once
  let receipts = await allReceipts(province, ids[0]);
  assert.deepEqual(receipts.map((x) => x.user.username).sort(), recipients(ids[0]));
  assert.ok(receipts.every((x) => x.read_at === null));
  const first = await call(team, 'GET', `/api/v1/announcements/${ids[0]}`);
  assert.equal(first.body.unread, true, 'unread when opened the first time');
  const again = await call(team, 'GET', `/api/v1/announcements/${ids[0]}`);
  assert.equal(again.body.unread, false);
  assert.equal(count(`SELECT count(*) FROM announcement_read WHERE announcement_id = ${ids[0]}`), 1);
  receipts = await allReceipts(province, ids[0]);
  assert.ok(receipts.find((x) => x.user.username === 'to.dongdang').read_at);
  // those who have not read it come first
  const firstRead = receipts.findIndex((x) => x.read_at);
  assert.ok(receipts.slice(firstRead).every((x) => x.read_at));
  // the author and the officers over the sending unit see receipts; a
  // recipient does not; the province oversees its commune's one
  assert.equal((await call(team, 'GET', `/api/v1/announcements/${ids[0]}/receipts`)).status, 403);
  assert.equal((await call(province, 'GET', `/api/v1/announcements/${ids[2]}/receipts`)).status, 200);
  assert.equal((await call(ward, 'GET', `/api/v1/announcements/${ids[2]}/receipts`)).status, 404);

  // answers: a recipient answers (and changes it); the author cannot; not
  // where none is asked; an empty one is named
  const before = count('SELECT count(*) FROM announcement_answer');
  assert.equal((await call(team, 'PUT', `/api/v1/announcements/${ids[0]}/answer`, { answer: '   ' })).status, 422);
  let r = await call(team, 'PUT', `/api/v1/announcements/${ids[0]}/answer`, { answer: 'Tổ cử 2 người.' });
  assert.equal(r.status, 200, r.text);
  r = await call(team, 'PUT', `/api/v1/announcements/${ids[0]}/answer`, { answer: 'Tổ cử 3 người.' });
  assert.equal(r.body.my_answer, 'Tổ cử 3 người.');
  assert.equal(count('SELECT count(*) FROM announcement_answer'), before + 1);
  assert.equal((await call(province, 'PUT', `/api/v1/announcements/${ids[0]}/answer`, { answer: 'x' })).status, 403);
  assert.equal((await call(team, 'PUT', `/api/v1/announcements/${ids[2]}/answer`, { answer: 'x' })).status, 403);
  receipts = await allReceipts(province, ids[0]);
  assert.equal(receipts.find((x) => x.user.username === 'to.dongdang').answer, 'Tổ cử 3 người.');
  // the page reads it in words, with the answer form for a recipient
  const html = await (await fetch(`${srv.base}/announcements/${ids[0]}`, { headers: { cookie: ward.cookie } })).text();
  assert.match(html, /<strong>trước<\/strong>/);
  assert.match(html, /name="answer"/);
  assert.ok(!html.includes('<script>alert'));
});

test('bad announcements are named and change nothing', async () => {
  const n = count('SELECT count(*) FROM announcement');
  const cases = [
    [{ title: '', body: 'x' }, 'title'],
    [{ title: 'x'.repeat(201), body: 'x' }, 'title'],
    [{ title: 'Tiêu đề', body: '' }, 'body'],
    [{ title: 'Tiêu đề', body: 'x', audience: 'mọi người' }, 'audience'],
    [{ title: 'Tiêu đề', body: 'x', unit_kind: 'Làng' }, 'unit_kind'],
    [{ title: 'Tiêu đề', body: 'x', scope: Number(query(srv.db, "SELECT id FROM unit WHERE level = 'province' AND code = '01'")) }, 'scope'],
    [{ title: 'Tiêu đề', body: 'x', asks_answer: true, answer_by: '2026-02-30' }, 'answer_by'],
  ];
  for (const [json, field] of cases) {
    const r = await call(province, 'POST', '/api/v1/announcements', json);
    assert.equal(r.status, 422, `${JSON.stringify(json)}: ${r.text}`);
    assert.ok(JSON.stringify(r.body).includes(field), `${field} named: ${r.text}`);
  }
  // a team member cannot post; a commune cannot post to its province
  assert.equal((await call(team, 'POST', '/api/v1/announcements', { title: 'x', body: 'y' })).status, 403);
  const lsn = Number(query(srv.db, "SELECT id FROM unit WHERE level = 'province' AND code = '20'"));
  assert.equal((await call(commune, 'POST', '/api/v1/announcements', { title: 'x', body: 'y', scope: lsn })).status, 422);
  assert.equal(count('SELECT count(*) FROM announcement'), n);
});

test('the directory: leaders, contacts above, enterprises and every current member; masked and audited as the rules say', async () => {
  const dd = Number(query(srv.db, "SELECT id FROM unit WHERE level = 'commune' AND code = '06184'"));
  const lsn = Number(query(srv.db, "SELECT id FROM unit WHERE level = 'province' AND code = '20'"));
  const audits = () => count("SELECT count(*) FROM audit WHERE action = 'read-personal'");
  // a contact of the province with a hostile name, and one of the commune
  let r = await call(province, 'POST', `/api/v1/units/${lsn}/contacts`, { full_name: '=HYPERLINK("http://x";"a, b")', title: 'Sở; Phòng CNTT', phone: '+84 912 000 777' });
  assert.equal(r.status, 201, r.text);
  const hostile = r.body.id;
  r = await call(commune, 'POST', `/api/v1/units/${dd}/contacts`, { full_name: 'Vi Văn Mạnh', title: 'Phó Chủ tịch UBND xã', email: 'manh@dongdang.example.vn' });
  assert.equal(r.status, 201, r.text);

  const a0 = audits();
  const mine = await call(commune, 'GET', `/api/v1/units/${dd}/directory`);
  assert.equal(mine.status, 200, mine.text);
  assert.equal(mine.body.phones_shown, true);
  assert.equal(audits(), a0 + 1, 'the reading with phones is audited');
  const items = mine.body.items;
  // every current member of the commune's active teams, by brute force
  const members = rows(`SELECT m.full_name, coalesce(m.phone, '') FROM member m JOIN team t ON t.id = m.team_id JOIN unit v ON v.id = t.unit_id
    WHERE v.parent_id = ${dd} AND m.left_on IS NULL AND t.dissolved_on IS NULL`);
  const listed = items.filter((x) => x.group === 'teams');
  assert.equal(listed.length, members.length);
  assert.deepEqual(listed.map((x) => `${x.name}|${x.phone || ''}`).sort(), members.map(([n, p]) => `${n}|${p}`).sort());
  // the commune's contacts, those above, its enterprises
  const leaders = items.filter((x) => x.group === 'leaders').map((x) => x.name);
  assert.deepEqual(leaders.sort(), rows(`SELECT full_name FROM contact WHERE unit_id = ${dd}`).map(([n]) => n).sort());
  assert.ok(items.some((x) => x.group === 'above' && x.phone === '0912000777'));
  const ents = rows(`SELECT e.name FROM enterprise e JOIN enterprise_unit u ON u.enterprise_id = e.id WHERE u.unit_id = ${dd}`).map(([n]) => n).sort();
  assert.deepEqual(items.filter((x) => x.group === 'enterprises').map((x) => x.org).sort(), ents);

  // the viewer sees persons' phones masked, and nothing is audited
  const a1 = audits();
  const seen = await call(viewer, 'GET', `/api/v1/units/${dd}/directory`);
  assert.equal(seen.body.phones_shown, false);
  for (const x of seen.body.items.filter((y) => y.group !== 'enterprises' && y.phone)) assert.match(x.phone, /^\d\dx xxx x\d{3}$/);
  assert.equal(audits(), a1);
  // a team member and another province do not read it
  assert.equal((await call(team, 'GET', `/api/v1/units/${dd}/directory`)).status, 404);
  assert.equal((await call(far, 'GET', `/api/v1/units/${dd}/directory`)).status, 404);

  // CSV: a BOM, Vietnamese headers, a line per entry, formulas defused
  const csv = await call(commune, 'GET', `/units/${dd}/group.csv`);
  assert.match(csv.type, /text\/csv/);
  assert.ok(csv.text.startsWith('\ufeff') || csv.text.startsWith('Nhóm'), 'BOM');
  const lines = csv.text.replace(/^\ufeff/, '').trim().split('\r\n');
  assert.equal(lines.length, items.length + 1);
  assert.match(lines[0], /^Nhóm;Họ và tên;/);
  assert.ok(lines.some((l) => l.includes(`"'=HYPERLINK`)), 'a formula is defused');
  // vCard: one card per person with a number or an email; ; and , escaped
  const vcf = await call(commune, 'GET', `/units/${dd}/group.vcf`);
  assert.match(vcf.type, /text\/vcard/);
  const cards = vcf.text.split('BEGIN:VCARD').length - 1;
  assert.equal(cards, items.filter((x) => x.phone || x.email).length);
  assert.ok(vcf.text.includes('TITLE:Sở\\; Phòng CNTT'));
  assert.ok(vcf.text.includes('FN:=HYPERLINK("http://x"\\;"a\\, b")'));
  assert.ok(vcf.text.includes('TEL;TYPE=CELL:0912000777'));
  // the viewer's vCard carries no masked number
  const masked = await call(viewer, 'GET', `/units/${dd}/group.vcf`);
  assert.ok(!/TEL[^\r]*x/.test(masked.text));

  // bad contacts are named and change nothing; a village has no group; a
  // commune does not write its province's
  const n = count('SELECT count(*) FROM contact');
  for (const [json, field] of [[{ full_name: '' , phone: '0912345678' }, 'full_name'], [{ full_name: 'A', phone: '12345' }, 'phone'],
    [{ full_name: 'A' }, 'phone'], [{ full_name: 'A', email: 'không phải thư' }, 'email']]) {
    const e = await call(commune, 'POST', `/api/v1/units/${dd}/contacts`, json);
    assert.equal(e.status, 422, e.text);
    assert.ok(JSON.stringify(e.body).includes(field), e.text);
  }
  const village = Number(query(srv.db, `SELECT id FROM unit WHERE parent_id = ${dd} ORDER BY id LIMIT 1`));
  assert.equal((await call(commune, 'POST', `/api/v1/units/${village}/contacts`, { full_name: 'A', phone: '0912345678' })).status, 404);
  assert.equal((await call(commune, 'POST', `/api/v1/units/${lsn}/contacts`, { full_name: 'A', phone: '0912345678' })).status, 404);
  assert.equal(count('SELECT count(*) FROM contact'), n);
  // removing: not by the commune (the province's), then by the province
  assert.equal((await call(commune, 'DELETE', `/api/v1/contacts/${hostile}`)).status, 404);
  assert.equal((await call(province, 'DELETE', `/api/v1/contacts/${hostile}`)).status, 204);
  assert.ok(!(await call(commune, 'GET', `/api/v1/units/${dd}/directory`)).body.items.some((x) => x.name.startsWith('=HYPERLINK')));
  // the audit trail says it in words
  const audit = await (await fetch(`${srv.base}/audit`, { headers: { cookie: province.cookie } })).text();
  assert.match(audit, /đã xóa người liên hệ khỏi nhóm quản lý/);
  assert.match(audit, /đã gửi tin chỉ đạo/);
});

test('the pages: the group from the commune page, an announcement written and answered on the page', async () => {
  const dd = Number(query(srv.db, "SELECT id FROM unit WHERE level = 'commune' AND code = '06184'"));
  const unitPage = await (await fetch(`${srv.base}/units/${dd}`, { headers: { cookie: commune.cookie } })).text();
  assert.match(unitPage, new RegExp(`href="/units/${dd}/group"`));
  const group = await (await fetch(`${srv.base}/units/${dd}/group`, { headers: { cookie: commune.cookie } })).text();
  assert.match(group, /Lãnh đạo xã/);
  assert.match(group, /href="tel:09/);
  // writing on the page, with an error first (kept in the form)
  const post = (who, path, form) => fetch(`${srv.base}${path}`, { method: 'POST', redirect: 'manual', headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ csrf: who.csrf, ...form }) });
  let r = await post(commune, '/announcements', { title: '', body: 'Nội dung giữ lại', audience: 'everyone', scope: String(dd) });
  assert.equal(r.status, 422);
  assert.match(await r.text(), /Nội dung giữ lại/);
  r = await post(commune, '/announcements', { title: 'Họp tổ', body: 'Họp lúc 8 giờ', audience: 'everyone', scope: String(dd), asks_answer: '1' });
  assert.equal(r.status, 303);
  const id = Number(r.headers.get('location').split('/').pop());
  r = await post(team, `/announcements/${id}/answer`, { answer: 'Tổ sẽ đến.' });
  assert.equal(r.status, 303);
  const shown = await (await fetch(`${srv.base}/announcements/${id}`, { headers: { cookie: commune.cookie } })).text();
  assert.match(shown, /Tổ sẽ đến\./);
  assert.match(shown, /người nhận đã xem/);
});
