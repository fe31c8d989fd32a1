// trainings.test.mjs: trainings, invitations, attendance and coverage on
// the demo province. Coverage is checked against a count made here from
// the raw rows (teams with their days, members with theirs, attendance,
// trainings and their platforms), on several days and platforms; a
// province plans a training with an enterprise, invites the untrained
// teams, records attendance and sees coverage rise by exactly what was
// recorded; the enterprise sees and records only its own, in its communes;
// bad input is named and changes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, login, query, langso } from '../lib/server.mjs';

let srv, officer, vnpt, commune, province;
before(async () => {
  srv = await startServer();
  officer = await login(srv.base, 'tinh.langson');
  vnpt = await login(srv.base, 'vnpt.langson');
  commune = await login(srv.base, 'xa.dongdang');
  province = Number(query(srv.db, "SELECT scope_unit_id FROM app_user WHERE username = 'tinh.langson'"));
});
after(async () => { if (srv) assert.equal(await srv.stop(), 0); });

const rows = (sql) => query(srv.db, sql).split('\n').filter(Boolean).map((l) => l.split('|'));
const today = () => new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10);
const dayAdd = (day, n) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);

async function call(who, method, path, json) {
  const headers = { cookie: who.cookie, 'x-csrf-token': who.csrf };
  if (json !== undefined) headers['content-type'] = 'application/json';
  const r = await fetch(`${srv.base}${path}`, { method, headers, body: json === undefined ? undefined : JSON.stringify(json), redirect: 'manual' });
  const text = await r.text();
  let body = text;
  try { body = JSON.parse(text); } catch { /* a page */ }
  return { status: r.status, body, location: r.headers.get('location') };
}
const form = async (who, path, fields) => {
  const body = new URLSearchParams({ csrf: who.csrf });
  for (const [k, v] of fields) body.append(k, v);
  const r = await fetch(`${srv.base}${path}`, { method: 'POST', redirect: 'manual',
    headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body });
  return { status: r.status, location: r.headers.get('location'), text: await r.text() };
};

// Coverage counted here from the raw rows: for each unit right below
// unit, its teams of the day and their members of the day, trained when
// present at a training begun by then (on platform when given).
function bruteCoverage(unit, day, platform) {
  const kids = rows(`SELECT id FROM unit WHERE parent_id = ${unit}`).map((r) => Number(r[0]));
  const below = new Map(); // unit id below a kid -> kid
  for (const [kid, u] of rows(`SELECT ancestor_id, unit_id FROM unit_tree WHERE ancestor_id IN (SELECT id FROM unit WHERE parent_id = ${unit})`))
    below.set(Number(u), Number(kid));
  const teams = rows("SELECT id, unit_id, coalesce(established_on, substr(created_at, 1, 10)), coalesce(dissolved_on, '') FROM team")
    .filter(([, u, from, to]) => below.has(Number(u)) && from <= day && (!to || to >= day));
  const trainingsOn = new Set(rows(`SELECT t.id FROM training t WHERE t.starts_on <= '${day}'${platform
    ? ` AND t.id IN (SELECT training_id FROM training_platform p JOIN platform f ON f.id = p.platform_id WHERE f.code = '${platform}')` : ''}`).map((r) => r[0]));
  const trained = new Set(rows('SELECT member_id, training_id FROM attendance WHERE present = 1').filter(([, t]) => trainingsOn.has(t)).map(([m]) => m));
  const members = new Map();
  for (const [id, team, joined, left] of rows("SELECT id, team_id, coalesce(joined_on, ''), coalesce(left_on, '') FROM member"))
    if ((!joined || joined <= day) && (!left || left > day)) {
      if (!members.has(team)) members.set(team, []);
      members.get(team).push(id);
    }
  const out = new Map(kids.map((k) => [k, { teams: 0, teams_trained: 0, members: 0, members_trained: 0 }]));
  for (const [id, u] of teams) {
    const c = out.get(below.get(Number(u)));
    const ms = members.get(id) || [];
    const t = ms.filter((m) => trained.has(m)).length;
    c.teams++;
    c.members += ms.length;
    c.members_trained += t;
    if (t) c.teams_trained++;
  }
  return out;
}

// every invited team of a training, page after page
async function invitedTeams(id, who = officer) {
  const items = [];
  let cursor = null;
  do {
    const r = await call(who, 'GET', `/api/v1/trainings/${id}/teams${cursor ? `?cursor=${cursor}` : ''}`);
    assert.equal(r.status, 200);
    items.push(...r.body.items);
    cursor = r.body.next_cursor;
  } while (cursor);
  return items;
}

async function coverage(unit, day, platform) {
  const r = await call(officer, 'GET', `/api/v1/units/${unit}/coverage?date=${day}${platform ? `&platform=${platform}` : ''}`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body;
}

function assertCoverage(got, want, what) {
  const sum = { teams: 0, teams_trained: 0, members: 0, members_trained: 0 };
  for (const it of got.items) {
    const w = want.get(it.unit.id);
    assert.ok(w, `${what}: ${it.unit.name} is below the unit`);
    const { teams, teams_trained, members, members_trained } = it;
    assert.deepEqual({ teams, teams_trained, members, members_trained }, w, `${what}: ${it.unit.name}`);
    for (const k of Object.keys(sum)) sum[k] += w[k];
  }
  assert.equal(got.items.length, want.size, `${what}: every unit below`);
  assert.deepEqual(got.total, sum, `${what}: the total adds its units`);
}

test('coverage of the province and of a commune equals a count over the raw rows, on several days and platforms', async () => {
  const commune = Number(query(srv.db, "SELECT id FROM unit WHERE level = 'commune' AND code = '06184'"));
  const first = query(srv.db, 'SELECT min(starts_on) FROM training');
  const days = [dayAdd(first, -1), first, dayAdd(first, 1), dayAdd(today(), -70), today()];
  for (const day of days)
    for (const platform of [null, 'VNEID', 'PAY', 'HEALTH'])
      for (const unit of [province, commune])
        assertCoverage(await coverage(unit, day, platform), bruteCoverage(unit, day, platform), `unit ${unit} on ${day} (${platform || 'any'})`);
  const now = await coverage(province, today());
  assert.ok(now.total.teams_trained > 0 && now.total.teams_trained < now.total.teams, 'the demo is part way');
  const before = await coverage(province, dayAdd(first, -1));
  assert.equal(before.total.members_trained, 0, 'nobody trained before the first training');
});

test('a province plans a training with its enterprise, invites the untrained teams, records attendance, and coverage rises by exactly that', async () => {
  const ent = Number(query(srv.db, "SELECT id FROM enterprise WHERE name = 'VNPT Lạng Sơn'"));
  const pay = Number(query(srv.db, "SELECT id FROM platform WHERE code = 'HEALTH'"));
  // the page's form, as a person sends it
  const created = await form(officer, '/trainings', [['unit', String(province)], ['title', 'Cài đặt Sổ sức khỏe điện tử'], ['mode', 'in_person'],
    ['place', 'Hội trường xã'], ['starts_on', today().split('-').reverse().join('/')], ['enterprise', String(ent)], ['platform', String(pay)],
    ['materials', 'https://tailieu.example.vn/sskdt.pdf\r\n\r\nhttps://video.example.vn/1']]);
  assert.equal(created.status, 303, created.text.slice(0, 500));
  const id = Number(/\/trainings\/(\d+)$/.exec(created.location)[1]);
  const t = (await call(officer, 'GET', `/api/v1/trainings/${id}`)).body;
  assert.deepEqual([t.enterprise.name, t.platforms, t.materials, t.mode], ['VNPT Lạng Sơn', ['HEALTH'], ['https://tailieu.example.vn/sskdt.pdf', 'https://video.example.vn/1'], 'in_person']);

  // the untrained teams on HEALTH: as many as the count over the raw rows says
  const before = bruteCoverage(province, today(), 'HEALTH');
  let untrained = 0;
  for (const c of before.values()) untrained += c.teams - c.teams_trained;
  const listed = [];
  let cursor = null;
  do {
    const r = await call(officer, 'GET', `/api/v1/units/${province}/untrained?platform=HEALTH${cursor ? `&cursor=${cursor}` : ''}`);
    assert.equal(r.status, 200);
    listed.push(...r.body.items.map((i) => i.team.id));
    cursor = r.body.next_cursor;
  } while (cursor);
  assert.equal(listed.length, untrained, 'the untrained list is every untrained team, page after page');
  assert.equal(new Set(listed).size, listed.length);
  const invited = await form(officer, `/trainings/${id}/invite`, [['unit', String(province)], ['untrained', '1']]);
  assert.equal(invited.status, 303);
  assert.equal(invited.location, `/trainings/${id}?invited=${untrained}`);
  const again = await call(officer, 'POST', `/api/v1/trainings/${id}/invitations`, { unit_id: province, untrained: true, platform: 'HEALTH' });
  assert.deepEqual(again.body, { invited: 0 }, 'inviting twice changes nothing');

  // attendance of two teams from the phone page's form: the leader present
  // and completed, another member present
  const teams = (await call(officer, 'GET', `/api/v1/trainings/${id}/teams`)).body.items.slice(0, 2);
  let present = 0;
  for (const x of teams) {
    const roster = (await call(officer, 'GET', `/api/v1/trainings/${id}/teams/${x.team.id}/attendance`)).body.members;
    assert.equal(roster.length, x.members);
    const fields = [];
    roster.forEach((m, k) => {
      fields.push(['member', String(m.member_id)]);
      if (k < 2) { fields.push([`present_${m.member_id}`, '1']); present++; }
      if (k === 0) fields.push([`completed_${m.member_id}`, '1'], [`cert_${m.member_id}`, 'SSK-001']);
    });
    const saved = await form(officer, `/trainings/${id}/teams/${x.team.id}`, fields);
    assert.equal(saved.status, 303, saved.text.slice(0, 300));
    const back = (await call(officer, 'GET', `/api/v1/trainings/${id}/teams/${x.team.id}/attendance`)).body.members;
    assert.deepEqual(back.map((m) => [m.present, m.completed, m.certificate]).slice(0, 3),
      [[true, true, 'SSK-001'], [true, false, ''], [false, false, '']].slice(0, Math.min(3, back.length)));
  }
  // the sign-in sheet: downloaded, two more marked present, sent back
  const sheet = await (await fetch(`${srv.base}/trainings/${id}/sheet.csv`, { headers: { cookie: officer.cookie } })).text();
  const lines = sheet.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
  assert.equal(lines[0], 'member_id;Xã, phường;Thôn;Tổ;Họ và tên;có mặt;hoàn thành;số chứng nhận');
  const totalMembers = (await invitedTeams(id)).reduce((s, x) => s + x.members, 0);
  assert.equal(lines.length - 1, totalMembers, 'a line per member of the invited teams');
  const blank = lines.slice(1).filter((l) => l.split(';')[5] === '').slice(0, 2);
  const filled = ['member_id;có mặt;hoàn thành', ...blank.map((l) => `${l.split(';')[0]};Có;`)].join('\r\n');
  const up = new FormData();
  up.set('csrf', officer.csrf);
  up.set('file', new Blob([`\uFEFF${filled}`]), 'diem-danh.csv');
  const sent = await fetch(`${srv.base}/trainings/${id}/sheet`, { method: 'POST', body: up, redirect: 'manual', headers: { cookie: officer.cookie } });
  assert.equal(sent.status, 303, await sent.text());
  assert.equal(sent.headers.get('location'), `/trainings/${id}?recorded=2`);
  present += 2;
  const bad = new FormData();
  bad.set('csrf', officer.csrf);
  bad.set('file', new Blob(['member_id;có mặt\n1;chắc là có\n']), 'x.csv');
  const refused = await fetch(`${srv.base}/trainings/${id}/sheet`, { method: 'POST', body: bad, headers: { cookie: officer.cookie } });
  assert.equal(refused.status, 422);
  assert.match(await refused.text(), /ghi 1 hoặc 0/);
  // a team with members present keeps its invitation
  assert.equal((await call(officer, 'DELETE', `/api/v1/trainings/${id}/invitations/${teams[0].team.id}`)).status, 409);
  const after = await coverage(province, today(), 'HEALTH');
  const was = [...before.values()].reduce((s, c) => ({ t: s.t + c.teams_trained, m: s.m + c.members_trained }), { t: 0, m: 0 });
  assert.equal(after.total.members_trained, was.m + present);
  assert.ok(after.total.teams_trained >= was.t + 2 && after.total.teams_trained <= was.t + 4);
  assertCoverage(after, bruteCoverage(province, today(), 'HEALTH'), 'after the attendance');
  const trainingNow = (await call(officer, 'GET', `/api/v1/trainings/${id}`)).body;
  assert.deepEqual([trainingNow.present, trainingNow.completed], [present, 2]);
  const withNobody = (await invitedTeams(id)).filter((x) => x.present === 0);
  const spare = withNobody[0].team.id;
  assert.equal((await call(officer, 'DELETE', `/api/v1/trainings/${id}/invitations/${spare}`)).status, 204);
  // and it all shows on the pages
  const page = await (await fetch(`${srv.base}/trainings/${id}`, { headers: { cookie: officer.cookie } })).text();
  assert.match(page, /Cài đặt Sổ sức khỏe điện tử/);
  assert.match(page, /VNPT Lạng Sơn/);
  const cov = await (await fetch(`${srv.base}/units/${province}/coverage?platform=${pay}`, { headers: { cookie: officer.cookie } })).text();
  assert.match(cov, new RegExp(`<tfoot><tr><th scope="row">Tổng</th><td>${after.total.teams.toLocaleString('de-DE')}</td><td>${after.total.teams_trained.toLocaleString('de-DE')}</td>`));
});

test('members who join after a training start untrained; members who leave take their training with them', async () => {
  const team = Number(query(srv.db, 'SELECT t.id FROM team t WHERE t.dissolved_on IS NULL AND (SELECT count(*) FROM member m WHERE m.team_id = t.id AND m.left_on IS NULL) >= 3 ORDER BY t.id LIMIT 1'));
  const village = Number(query(srv.db, `SELECT unit_id FROM team WHERE id = ${team}`));
  const commune = Number(query(srv.db, `SELECT parent_id FROM unit WHERE id = ${village}`));
  const created = await call(officer, 'POST', '/api/v1/trainings', { title: 'Thanh toán không tiền mặt', mode: 'online', link: 'https://hoc.example.vn/ttdt', starts_on: dayAdd(today(), -3), platforms: ['PAY'] });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const id = created.body.id;
  assert.equal((await call(officer, 'POST', `/api/v1/trainings/${id}/invitations`, { team_ids: [team] })).body.invited, 1);
  const roster = (await call(officer, 'GET', `/api/v1/trainings/${id}/teams/${team}/attendance`)).body.members;
  const all = roster.map((m) => ({ member_id: m.member_id, present: true }));
  assert.equal((await call(officer, 'PUT', `/api/v1/trainings/${id}/teams/${team}/attendance`, { members: all })).status, 200);
  const row = async () => (await coverage(commune, today(), 'PAY')).items.find((i) => i.unit.id === village);
  const full = await row();
  assert.equal(full.members_trained, full.members, 'every member trained');
  // a newcomer: counted, untrained, and not on the training's roster
  const added = await call(officer, 'POST', `/api/v1/teams/${team}/members`, { full_name: 'Lục Văn Mới', role: 'member', joined_on: today() });
  assert.equal(added.status, 201, JSON.stringify(added.body));
  const withNew = await row();
  assert.deepEqual([withNew.members, withNew.members_trained], [full.members + 1, full.members]);
  const newcomer = Number(query(srv.db, `SELECT max(id) FROM member WHERE team_id = ${team}`));
  const late = await call(officer, 'PUT', `/api/v1/trainings/${id}/teams/${team}/attendance`, { members: [{ member_id: newcomer, present: true }] });
  assert.equal(late.status, 422, 'one who joined after the training cannot have attended it');
  assert.equal(late.body.errors[0].field, 'member');
  // the trained leave: the team is no longer trained once none is left
  for (const m of roster) {
    const r = await fetch(`${srv.base}/members/${m.member_id}/leave`, { method: 'POST', redirect: 'manual',
      headers: { cookie: officer.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ csrf: officer.csrf, left_on: today() }) });
    assert.ok([200, 303].includes(r.status), `leave ${r.status}`);
  }
  const gone = await row();
  assert.deepEqual([gone.members, gone.members_trained, gone.teams_trained], [1, 0, 0]);
  // yesterday they were all there, and trained
  const y = (await coverage(commune, dayAdd(today(), -1), 'PAY')).items.find((i) => i.unit.id === village);
  assert.deepEqual([y.members, y.members_trained], [full.members, full.members]);
});

test('an enterprise sees and records only its own trainings, in its communes', async () => {
  const own = (await call(vnpt, 'GET', '/api/v1/trainings')).body.items;
  assert.ok(own.length > 0);
  const ent = Number(query(srv.db, "SELECT id FROM enterprise WHERE name = 'VNPT Lạng Sơn'"));
  assert.ok(own.every((t) => t.enterprise && t.enterprise.id === ent), 'only its own');
  const others = rows(`SELECT id FROM training WHERE enterprise_id IS NULL OR enterprise_id <> ${ent}`).map((r) => Number(r[0]));
  for (const id of others.slice(0, 3)) assert.equal((await call(vnpt, 'GET', `/api/v1/trainings/${id}`)).status, 404);
  // a training in one of its communes; not in another
  const created = await call(vnpt, 'POST', '/api/v1/trainings', { unit: '06184', title: 'Mở gian hàng trên sàn', mode: 'in_person', place: 'Bưu cục Đồng Đăng', starts_on: today(), platforms: ['ECOM'] });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  assert.equal(created.body.enterprise.id, ent, 'an enterprise trains as itself');
  const elsewhere = await call(vnpt, 'POST', '/api/v1/trainings', { unit: '06001', title: 'X', mode: 'in_person', place: 'Y', starts_on: today() });
  assert.equal(elsewhere.status, 422);
  assert.equal(elsewhere.body.errors[0].field, 'unit');
  // inviting the province's teams reaches only those of its communes
  const id = created.body.id;
  const n = (await call(vnpt, 'POST', `/api/v1/trainings/${id}/invitations`, { unit_id: province })).body.invited;
  const mine = Number(query(srv.db, `SELECT count(*) FROM team t JOIN unit v ON v.id = t.unit_id JOIN enterprise_unit e ON e.unit_id = v.parent_id WHERE e.enterprise_id = ${ent} AND t.dissolved_on IS NULL`));
  assert.equal(n, mine);
  // the province sees the enterprise's training (in its area); a commune
  // officer records its own team's attendance, not another commune's
  assert.equal((await call(officer, 'GET', `/api/v1/trainings/${id}`)).status, 200);
  const items = (await call(officer, 'GET', `/api/v1/trainings/${id}/teams`)).body.items;
  const dongDang = Number(query(srv.db, "SELECT scope_unit_id FROM app_user WHERE username = 'xa.dongdang'"));
  const ours = items.find((i) => i.commune.id === dongDang), theirs = items.find((i) => i.commune.id !== dongDang);
  const roster = (await call(commune, 'GET', `/api/v1/trainings/${id}/teams/${ours.team.id}/attendance`)).body.members;
  assert.equal((await call(commune, 'PUT', `/api/v1/trainings/${id}/teams/${ours.team.id}/attendance`, { members: [{ member_id: roster[0].member_id, present: true }] })).status, 200);
  const other = (await call(vnpt, 'GET', `/api/v1/trainings/${id}/teams/${theirs.team.id}/attendance`)).body.members;
  assert.equal((await call(commune, 'PUT', `/api/v1/trainings/${id}/teams/${theirs.team.id}/attendance`, { members: [{ member_id: other[0].member_id, present: true }] })).status, 404);
  // another commune's officer may not change it
  const ward = await login(srv.base, 'phuong.dongkinh');
  const patched = await call(ward, 'PATCH', `/api/v1/trainings/${id}`, { title: 'Đổi tên', mode: 'in_person', place: 'Z', starts_on: today() });
  assert.ok([403, 404].includes(patched.status), `another commune: ${patched.status}`);
});

test('bad input is named field by field and changes nothing', async () => {
  const count = () => query(srv.db, 'SELECT (SELECT count(*) FROM training) || \'/\' || (SELECT count(*) FROM attendance) || \'/\' || (SELECT count(*) FROM training_team)');
  const before = count();
  const cases = [
    [{ title: '', mode: 'in_person', place: 'A', starts_on: today() }, 'title'],
    [{ title: 'A', mode: 'radio', starts_on: today() }, 'mode'],
    [{ title: 'A', mode: 'in_person', starts_on: today() }, 'place'],
    [{ title: 'A', mode: 'online', link: 'javascript:alert(1)', starts_on: today() }, 'link'],
    [{ title: 'A', mode: 'in_person', place: 'B', starts_on: today(), ends_on: dayAdd(today(), -1) }, 'ends_on'],
    [{ title: 'A', mode: 'in_person', place: 'B', starts_on: '31/02/2026' }, 'starts_on'],
    [{ title: 'A', mode: 'in_person', place: 'B', starts_on: today(), materials: ['not a link'] }, 'materials'],
    [{ title: 'A', mode: 'in_person', place: 'B', starts_on: today(), platforms: ['NOPE'] }, 'platforms'],
    [{ title: 'A', mode: 'in_person', place: 'B', starts_on: today(), enterprise_id: 999999 }, 'enterprise'],
    [{ title: 'A', mode: 'in_person', place: 'B', starts_on: today(), colour: 'red' }, 'colour'],
  ];
  for (const [body, field] of cases) {
    const r = await call(officer, 'POST', '/api/v1/trainings', body);
    assert.equal(r.status, 422, `${field}: ${JSON.stringify(r.body)}`);
    assert.ok(r.body.errors.some((e) => e.field === field), `${field} named: ${JSON.stringify(r.body.errors)}`);
  }
  // attendance: one member of another team spoils the whole set
  const [id] = rows('SELECT t.id FROM training t WHERE t.starts_on <= \'' + today() + '\' AND t.enterprise_id IS NULL ORDER BY t.id LIMIT 1')[0];
  const [team, stranger] = rows(`SELECT i.team_id, (SELECT m.id FROM member m WHERE m.team_id <> i.team_id LIMIT 1) FROM training_team i WHERE i.training_id = ${id} LIMIT 1`)[0];
  const mine = rows(`SELECT id FROM member WHERE team_id = ${team} AND left_on IS NULL`).map((r) => Number(r[0]));
  const r = await call(officer, 'PUT', `/api/v1/trainings/${id}/teams/${team}/attendance`, { members: [{ member_id: mine[0], present: true }, { member_id: Number(stranger), present: true }] });
  assert.equal(r.status, 422);
  assert.equal(r.body.errors[0].field, 'member');
  assert.equal(count(), before, 'nothing was written');
  // a training that has not begun takes no attendance
  const later = await call(officer, 'POST', '/api/v1/trainings', { title: 'Sắp tới', mode: 'in_person', place: 'B', starts_on: dayAdd(today(), 10) });
  await call(officer, 'POST', `/api/v1/trainings/${later.body.id}/invitations`, { team_ids: [Number(team)] });
  const early = await call(officer, 'PUT', `/api/v1/trainings/${later.body.id}/teams/${team}/attendance`, { members: [{ member_id: mine[0], present: true }] });
  assert.equal(early.status, 422);
});

test('a plan of trainings from a CSV file: all or nothing, every error by line and column, a second run adds nothing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'langso-trainings-'));
  const count = () => Number(query(srv.db, 'SELECT count(*) FROM training'));
  const n = count();
  // Vietnamese headers, a BOM, semicolons, the modes in words
  const good = join(dir, 'ke-hoach.csv');
  writeFileSync(good, '\ufeffTên lớp;Mã đơn vị;Hình thức;Địa điểm;Đường dẫn;Ngày bắt đầu;Ngày kết thúc;Nền tảng;Giảng viên\r\n'
    + 'Kích hoạt VNeID mức 2;20;trực tiếp;Hội trường tỉnh;;10/12/2026;11/12/2026;VNEID, PAY;Công an tỉnh\r\n'
    + 'Bán hàng trên sàn;06184;Trực tuyến;;https://hoc.example.vn/san;15/12/2026;;ECOM;VNPT\r\n');
  assert.match(langso(['import', 'trainings', '--db', srv.db, good]), /2 rows: 2 trainings added, 0 already there/);
  assert.equal(count(), n + 2);
  const [[mode, platforms]] = rows("SELECT t.mode, (SELECT count(*) FROM training_platform p WHERE p.training_id = t.id) FROM training t WHERE t.title = 'Kích hoạt VNeID mức 2'");
  assert.equal(mode, 'in_person');
  assert.equal(platforms, '2');
  assert.match(langso(['import', 'trainings', '--db', srv.db, good]), /0 trainings added, 2 already there/);
  assert.equal(count(), n + 2);
  // a file with errors: each named by line and column, nothing added
  const bad = join(dir, 'sai.csv');
  writeFileSync(bad, 'title,unit_code,starts_on,platforms,mode,place\r\n'
    + 'Hợp lệ,20,2026-12-20,VNEID,in_person,Hội trường\r\n'
    + 'Ngày sai,20,2026-13-01,VNEID,in_person,Hội trường\r\n'
    + 'Nền tảng lạ,20,2026-12-21,XYZ,in_person,Hội trường\r\n'
    + 'Hình thức lạ,20,2026-12-22,,bay,Hội trường\r\n'
    + 'Đơn vị lạ,99999,2026-12-23,,in_person,Hội trường\r\n');
  let err = '';
  try { langso(['import', 'trainings', '--db', srv.db, bad]); } catch (e) { err = e.stderr; }
  assert.match(err, /sai\.csv:3:3: \[starts_on\]/);
  assert.match(err, /sai\.csv:4:4: \[platforms\] .*XYZ/);
  assert.match(err, /sai\.csv:5:5: \[mode\]/);
  assert.match(err, /sai\.csv:6:2: \[unit_code\] .*99999/);
  assert.equal(count(), n + 2, 'the good row of a bad file is not kept');
  // without the needed columns
  const none = join(dir, 'thieu.csv');
  writeFileSync(none, 'title;place\r\nA;B\r\n');
  err = '';
  try { langso(['import', 'trainings', '--db', srv.db, none]); } catch (e) { err = e.stderr; }
  assert.match(err, /thieu\.csv:1: .*unit_code/);
});

test('materials as files: checked by content, read by those who see the training, changed by those who manage it', async () => {
  const plan = await call(officer, 'POST', '/api/v1/trainings', { title: 'Tập huấn có tài liệu', unit: '20', mode: 'in_person', place: 'Hội trường', starts_on: today() });
  assert.equal(plan.status, 201, JSON.stringify(plan.body));
  const id = plan.body.id;
  const upload = async (who, name, bytes) => {
    const fd = new FormData();
    fd.set('csrf', who.csrf);
    fd.set('file', new Blob([bytes]), name);
    const r = await fetch(`${srv.base}/trainings/${id}/files`, { method: 'POST', body: fd, redirect: 'manual', headers: { cookie: who.cookie } });
    return { status: r.status, text: await r.text() };
  };
  const files = () => rows(`SELECT f.name, f.mime FROM training_file t JOIN file_blob f ON f.id = t.file_id WHERE t.training_id = ${id} ORDER BY f.id`);
  // a PDF named with a folder and accents; a Word file told by its parts
  assert.equal((await upload(officer, 'C:\\Tài liệu\\Hướng dẫn VNeID.pdf', '%PDF-1.7\n%tài liệu\n')).status, 303);
  const docx = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(26), Buffer.from('[Content_Types].xmlPK\x03\x04word/document.xml')]);
  assert.equal((await upload(officer, 'giao-an.bin', docx)).status, 303);
  assert.deepEqual(files(), [['Hướng dẫn VNeID.pdf', 'application/pdf'],
    ['giao-an.bin', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document']]);
  // a text file called .pdf, and a ZIP that is no document, are refused by content
  for (const [name, bytes] of [['gia.pdf', 'không phải PDF'], ['nen.zip', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(60)])]]) {
    const r = await upload(officer, name, bytes);
    assert.equal(r.status, 422, name);
    assert.match(r.text, /tệp không phải PDF, ảnh, tệp Office hay OpenDocument/);
  }
  assert.equal(files().length, 2);
  // the API lists them; a commune of the province downloads one with its name
  const t = (await call(commune, 'GET', `/api/v1/trainings/${id}`)).body;
  assert.deepEqual(t.files.map((f) => f.name), ['Hướng dẫn VNeID.pdf', 'giao-an.bin']);
  const got = await fetch(`${srv.base}${t.files[0].url}`, { headers: { cookie: commune.cookie } });
  assert.equal(got.status, 200);
  assert.equal(got.headers.get('content-type'), 'application/pdf');
  assert.match(got.headers.get('content-disposition'), /^attachment; filename="tai-lieu"; filename\*=UTF-8''H%C6%B0%E1%BB%9Bng%20d%E1%BA%ABn%20VNeID\.pdf$/);
  assert.equal(await got.text(), '%PDF-1.7\n%tài liệu\n');
  // the commune does not manage the province's training: no adding, no removing
  assert.equal((await upload(commune, 'x.pdf', '%PDF-1.4\n')).status, 404);
  const remove = (who, file) => fetch(`${srv.base}/trainings/${id}/files/${file}/delete`, { method: 'POST', redirect: 'manual',
    headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ csrf: who.csrf }) });
  assert.equal((await remove(commune, t.files[1].id)).status, 404);
  assert.equal((await remove(officer, t.files[1].id)).status, 303);
  assert.equal(files().length, 1);
  assert.equal(Number(query(srv.db, `SELECT count(*) FROM file_blob WHERE id = ${t.files[1].id}`)), 0, 'the bytes go with it');
});
