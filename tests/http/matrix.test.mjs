// matrix.test.mjs: the authorization matrix. On a generated tree (2
// provinces × 2 communes × 2 villages) with a user of every role at every
// place it fits, every route of the route table is tried by every user (and
// by nobody) on every object it takes; allowed ⇔ the role permits and the
// object is in the user's area. A route of the table without a case here
// fails the test.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, langso, login, query, freshDb } from '../lib/server.mjs';

const PW = 'mật khẩu của ma trận';
const RANK = { admin: 100, ministry: 90, province: 80, district: 70, commune: 60, enterprise: 50, team: 40, viewer: 30 };
const MANAGERS = ['admin', 'ministry', 'province', 'district', 'commune'];
const WRITERS = MANAGERS;
const PROVINCIAL = ['admin', 'ministry', 'province'];
const IMPORTERS = MANAGERS;
const AUDITORS = ['admin', 'ministry', 'province'];
const ROLES_AT = { nation: ['admin', 'ministry', 'viewer'], province: ['province', 'enterprise', 'viewer'], commune: ['commune', 'viewer'], village: ['team', 'viewer'] };

let srv, db;
const places = [];        // {id, name, level, code, ancestors: Set(ids incl. itself)}
const actors = [];        // {name, role, place, auth}
const victims = [];       // {name, role, place, id}
const tokens = new Map(); // actor name -> token id
const teams = [];         // {id, place (its village), member, leaver}
const trainings = [];     // {id, unit, enterprise, teams}
const practices = [];     // {id, state, author, place, review (its commune), photo}
const announcements = []; // {id, from, to (places), audience, asks, author}

before(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'langso-matrix-'));
  db = freshDb('matrix');
  langso(['init', '--db', db], `${PW}\n`);
  const q = (sql) => query(db, sql).split('\n').filter(Boolean).map((l) => l.split('|'));
  const communes = [];
  for (const p of ['20', '04'])
    communes.push(...q(`SELECT c.code FROM unit c JOIN unit p ON p.id = c.parent_id WHERE p.code = '${p}' AND p.level = 'province' ORDER BY c.code LIMIT 2`).map((r) => r[0]));
  const csv = ['commune_code;village'];
  for (const c of communes) csv.push(`${c};Thôn Một`, `${c};Thôn Hai`);
  writeFileSync(join(dir, 'v.csv'), csv.join('\r\n'));
  langso(['import', 'villages', '--db', db, join(dir, 'v.csv')]);
  const rows = q(`SELECT u.id, u.name, u.level, coalesce(u.code, ''), (SELECT group_concat(CAST(ancestor_id AS TEXT), ',') FROM unit_tree WHERE unit_id = u.id)
    FROM unit u WHERE u.level = 'nation' OR u.code IN ('20', '04') AND u.level = 'province' OR u.code IN (${communes.map((c) => `'${c}'`).join(',')})
    OR u.parent_id IN (SELECT id FROM unit WHERE code IN (${communes.map((c) => `'${c}'`).join(',')}) AND level = 'commune') ORDER BY u.id`);
  for (const [id, name, level, code, anc] of rows) places.push({ id: Number(id), name, level, code, ancestors: new Set(anc.split(',').map(Number)) });
  assert.equal(places.length, 1 + 2 + 4 + 8);

  // an enterprise per province, supporting that province's two communes
  for (const p of places.filter((x) => x.level === 'province')) {
    const mine = places.filter((c) => c.level === 'commune' && c.ancestors.has(p.id));
    p.enterprise = `DN ${p.code}`;
    p.enterpriseCommunes = mine.map((c) => c.id);
    langso(['enterprise', 'add', '--db', db, '--name', p.enterprise, '--kind', 'telecom', '--communes', mine.map((c) => c.code).join(',')]);
  }
  // a team of three in every village, and one member who will leave
  const roster = ['commune_code;village;decision_date;member_name;role;phone'];
  let k = 0;
  for (const v of places.filter((x) => x.level === 'village')) {
    const c = places.find((x) => x.id === [...v.ancestors].find((id) => places.find((y) => y.id === id && y.level === 'commune')));
    for (const [who, role] of [['Trưởng', 'Tổ trưởng'], ['Phó', 'Tổ phó'], ['Viên', 'Thành viên'], ['Rời', 'Thành viên']])
      roster.push(`${c.code};${v.name};01/01/2022;Người ${who} ${v.id};${role};09${String(10000000 + k++).slice(-8)}`);
  }
  writeFileSync(join(dir, 'teams.csv'), roster.join('\n'));
  langso(['import', 'teams', '--db', db, join(dir, 'teams.csv')]);
  for (const [id, unit] of q("SELECT id, unit_id FROM team")) teams.push({ id: Number(id), place: places.find((p) => p.id === Number(unit)) });
  for (const t of teams) {
    t.member = Number(query(db, `SELECT id FROM member WHERE team_id = ${t.id} AND full_name LIKE 'Người Viên%'`));
    t.leaver = Number(query(db, `SELECT id FROM member WHERE team_id = ${t.id} AND full_name LIKE 'Người Rời%'`));
  }
  for (const p of places.filter((x) => x.level === 'province'))
    p.enterpriseId = Number(query(db, `SELECT id FROM enterprise WHERE name = '${p.enterprise}'`));

  // users: an actor and a victim of every role that fits every place
  let n = 0;
  for (const p of places) {
    for (const role of ROLES_AT[p.level]) {
      for (const kind of ['a', 'v']) {
        const name = `${kind}${n}.${role}`;
        const args = ['user', 'add', '--db', db, '--username', name, '--role', role, '--scope', `#${p.id}`];
        if (role === 'enterprise') args.push('--enterprise', p.enterprise);
        langso(args, `${PW}\n`);
        (kind === 'a' ? actors : victims).push({ name, role, place: p, communes: role === 'enterprise' ? p.enterpriseCommunes : null });
      }
      n++;
    }
  }
  for (const a of actors) tokens.set(a.name, null);
  for (const a of actors) langso(['token', 'create', '--db', db, '--user', a.name, '--name', `t-${a.name}`]);
  for (const v of victims) v.id = Number(query(db, `SELECT id FROM app_user WHERE username = '${v.name}'`));
  for (const a of actors) tokens.set(a.name, Number(query(db, `SELECT t.id FROM api_token t JOIN app_user u ON u.id = t.user_id WHERE u.username = '${a.name}'`)));

  srv = await startServer({ db, args: ['--signin-free-per-name', '1000', '--signin-free-per-address', '1000'] });
  for (const a of actors) a.auth = await login(srv.base, a.name, PW);
  // a scanned decision, a submitted report, an open and a resolved
  // difficulty for every team, by the administrator
  const admin = actors.find((a) => a.role === 'admin');
  for (const t of teams) {
    assert.equal((await send(admin, 'PUT', `/api/v1/teams/${t.id}/reports/2026W47`, { json: { values: { DVC_GUIDED: 3 }, submit: true } })).status, 200);
    t.report = Number(query(srv.db, `SELECT id FROM report WHERE team_id = ${t.id}`));
    const open = await send(admin, 'POST', '/api/v1/difficulties', { json: { team_id: t.id, text: 'Sóng điện thoại yếu', category: 'connectivity' } });
    t.difficulty = JSON.parse(open.text).id;
    const done = await send(admin, 'POST', '/api/v1/difficulties', { json: { team_id: t.id, text: 'Đã xong rồi', category: 'other' } });
    t.resolved = JSON.parse(done.text).id;
    assert.equal((await send(admin, 'POST', `/api/v1/difficulties/${t.resolved}/resolve`, { json: { text: 'xong' } })).status, 200);
  }
  for (const t of teams) {
    const fd = new FormData();
    fd.set('scan', new Blob(['%PDF-1.4\n%matrix\n']), 'qd.pdf');
    const r = await send(admin, 'POST', `/teams/${t.id}/scan`, { form: fd });
    assert.equal(r.status, 200);
  }
  // trainings: a province's (given by its enterprise) and a commune's,
  // every team of their unit invited, one member present; and a province's
  // whose invitations the matrix withdraws
  const today = new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10);
  const plan = async (unit, enterprise) => {
    const r = await send(admin, 'POST', '/api/v1/trainings', { json: { title: `Tập huấn ${unit.name}`, unit: unit.code, mode: 'in_person', place: 'Hội trường', starts_on: today, ...(enterprise ? { enterprise_id: enterprise } : {}) } });
    assert.equal(r.status, 201, r.text);
    const tr = { id: JSON.parse(r.text).id, unit, enterprise: enterprise || null, teams: teams.filter((t) => t.place.ancestors.has(unit.id)) };
    assert.equal((await send(admin, 'POST', `/api/v1/trainings/${tr.id}/invitations`, { json: { unit_id: unit.id } })).status, 200);
    return tr;
  };
  for (const p of places.filter((x) => x.level === 'province' || x.level === 'commune')) {
    const tr = await plan(p, p.level === 'province' ? p.enterpriseId : null);
    trainings.push(tr);
    const t = tr.teams[0];
    assert.equal((await send(admin, 'PUT', `/api/v1/trainings/${tr.id}/teams/${t.id}/attendance`, { json: { members: [{ member_id: t.member, present: true }] } })).status, 200);
    if (p.level === 'province') p.spare = await plan(p, null);
  }
  // material files: one per training only the refused try to remove, and
  // one for each who manages it to remove
  const pdf = () => { const fd = new FormData(); fd.set('file', new Blob(['%PDF-1.4\n%matrix\n']), 'tai lieu.pdf'); return fd; };
  const upload = async (tr) => {
    const r = await send(admin, 'POST', `/trainings/${tr.id}/files`, { form: pdf() });
    assert.equal(r.status, 303, r.text);
    return Number(query(srv.db, `SELECT max(file_id) FROM training_file WHERE training_id = ${tr.id}`));
  };
  for (const tr of trainings) {
    tr.file = await upload(tr);
    tr.files = {};
    for (const a of actors.filter((x) => managesTraining(x, tr))) tr.files[a.name] = await upload(tr);
  }
  // practices: in every village its team writes a draft, one sent to its
  // commune and one published (with a photo)
  for (const v of villages()) {
    const author = actors.find((a) => a.role === 'team' && a.place.id === v.id);
    const review = places.find((p) => p.level === 'commune' && v.ancestors.has(p.id));
    const write = async (title) => {
      const r = await send(author, 'POST', '/api/v1/practices', { json: { title, body: 'Làm **tốt**', platform: 'VNEID' } });
      assert.equal(r.status, 201, r.text);
      return JSON.parse(r.text).id;
    };
    const draft = await write(`Nháp ${v.id}`), sent = await write(`Chờ duyệt ${v.id}`), pub = await write(`Đã đăng ${v.id}`);
    const fd = new FormData();
    fd.set('photo', new Blob([tinyPng()]), 'anh.png');
    assert.equal((await send(author, 'POST', `/practices/${pub}/photos`, { form: fd })).status, 303);
    for (const id of [sent, pub]) assert.equal((await send(author, 'POST', `/api/v1/practices/${id}/submit`)).status, 200);
    assert.equal((await send(admin, 'POST', `/api/v1/practices/${pub}/review`, { json: { action: 'publish' } })).status, 200);
    const photo = Number(query(srv.db, `SELECT file_id FROM practice_photo WHERE practice_id = ${pub}`));
    practices.push({ id: draft, state: 'draft', author: author.name, place: v, review },
      { id: sent, state: 'submitted', author: author.name, place: v, review },
      { id: pub, state: 'published', author: author.name, place: v, review, photo });
  }
  // the management group: an announcement from every province (to
  // everyone, asking for an answer) and every commune (to its teams)
  for (const p of places.filter((x) => x.level === 'province' || x.level === 'commune')) {
    const author = actors.find((a) => a.role === p.level && a.place.id === p.id);
    const asks = p.level === 'province', audience = asks ? 'everyone' : 'teams';
    const r = await send(author, 'POST', '/api/v1/announcements', { json: { title: `Thông báo ${p.name}`, body: 'Họp **giao ban**', audience, asks_answer: asks } });
    assert.equal(r.status, 201, r.text);
    announcements.push({ id: JSON.parse(r.text).id, from: p, to: p, audience, asks, author: author.name });
  }
  // contacts: in every unit above the villages one that only the refused
  // try to remove, and for every officer of its area one to remove by the
  // API and one by the page
  for (const p of places.filter((x) => x.level !== 'village')) {
    const add = async () => {
      const r = await send(admin, 'POST', `/api/v1/units/${p.id}/contacts`, { json: { full_name: `Lãnh đạo ${p.id}`, phone: '0912345678' } });
      assert.equal(r.status, 201, r.text);
      return JSON.parse(r.text).id;
    };
    p.contact = await add();
    p.contacts = {};
    for (const a of actors.filter((x) => has(x, WRITERS) && inScope(x, p))) p.contacts[a.name] = { api: await add(), page: await add() };
  }
});
after(async () => { if (srv) assert.equal(await srv.stop(), 0); });

const inScope = (actor, place) => !!actor && (actor.communes
  ? actor.communes.some((c) => place.ancestors.has(c))
  : place.ancestors.has(actor.place.id));
const has = (actor, roles) => actor && roles.includes(actor.role);

async function send(actor, method, path, { form, json, headers = {} } = {}) {
  const h = { ...headers };
  if (actor) { h.cookie = actor.auth.cookie; h['x-csrf-token'] = actor.auth.csrf; }
  let body;
  if (form instanceof FormData) { body = form; if (actor) form.set('csrf', actor.auth.csrf); }
  else if (form) { h['content-type'] = 'application/x-www-form-urlencoded'; body = new URLSearchParams({ ...(actor ? { csrf: actor.auth.csrf } : {}), ...form }); }
  if (json) { h['content-type'] = 'application/json'; body = JSON.stringify(json); }
  let res;
  try { res = await fetch(srv.base + path, { method, headers: h, body, redirect: "manual" }); } catch (e) { throw new Error(`${method} ${path}: ${e.cause ? e.cause.message : e.message}`); }
  return { status: res.status, location: res.headers.get('location'), text: await res.text() };
}

// The usual reading of a reply: reached (2xx, 303 elsewhere than sign-in)
// or refused (303 to sign-in, 401, 403, 404, 422).
function reading(r) {
  if (r.status === 303 && r.location && r.location.startsWith('/login')) return 'deny';
  if ([200, 201, 204, 303, 304].includes(r.status)) return 'allow';
  if ([401, 403, 404, 422].includes(r.status)) return 'deny';
  return `status ${r.status}`;
}

// Every audit row shown is about a unit in the user's area or was done by a
// user of that area.
const subtree = new Map();
function auditRowsInScope(a, html) {
  if (!subtree.has(a.name))
    subtree.set(a.name, new Set(query(db, `SELECT unit_id FROM unit_tree WHERE ancestor_id = ${a.place.id}`).split('\n').map(Number)));
  const mine = subtree.get(a.name);
  const people = new Set(usersIn(a));
  let rows = 0;
  for (const row of html.matchAll(/<tr><td>[^<]*<\/td><td>([^ <]*) <small>[^<]*<\/small><\/td><td>[^<]*<\/td><td>(?:<a href="\/units\/(\d+)">)?/g)) {
    const [, user, unit] = row;
    rows++;
    assert.ok((unit && mine.has(Number(unit))) || people.has(user), `${a.name} sees an audit row of ${user} about unit ${unit}`);
  }
  assert.ok(rows > 0, 'the audit rows were read');
}

const villages = () => places.filter((p) => p.level === 'village');
// a conversion table of one row, of an old province not loaded
const conversionForm = () => {
  const fd = new FormData();
  fd.set('file', new Blob(['Tỉnh mới,Tên Xã mới,Mã Xã mới,Tên Xã cũ,Mã Xã cũ,Ghi chú,Quận/huyện,Tỉnh cũ\n'
    + 'Tỉnh Lạng Sơn (20),Xã Đồng Đăng,06184,Thị trấn Đồng Đăng,06184,Nhập toàn bộ,Huyện Cao Lộc (183),Tỉnh Lạng Sơn (20)\n']), 'chuyen-doi.csv');
  fd.set('effective', '2025-07-01');
  return fd;
};
// who fills a team's report: its own members, and officers above it
const fills = (a, t) => !!a && ((has(a, WRITERS) && inScope(a, t.place)) || (a.role === 'team' && a.place.id === t.place.id));
const stateRule = (r) => (r.status === 422 ? 'allow' : reading(r));
const review = (a, t, action) => ({ method: 'POST', path: `/api/v1/reports/${t.report}/${action}`, opts: { json: { reason: 'kiểm tra' } },
  expect: has(a, WRITERS) && inScope(a, t.place) ? 'allow' : 'deny', read: stateRule });
// the one-team-per-village rule answered (422 naming it): the caller got past scope
const oneTeamRule = (r) => (r.status === 422 && /already has an active team|đã có Tổ đang hoạt động/.test(r.text) ? 'allow' : reading(r));

// trainings: who sees one (its unit in or above the area, or a team of the
// area invited; an enterprise its own), who manages it (officers of its
// unit's area, its enterprise), who reads and records a team's attendance
// (only of the teams of one's area)
const TRAINERS = [...WRITERS, 'enterprise'];
const seesTraining = (a, tr) => !!a && (a.role === 'enterprise' ? tr.enterprise === a.place.enterpriseId
  : inScope(a, tr.unit) || a.place.ancestors.has(tr.unit.id) || tr.teams.some((t) => inScope(a, t.place)));
const managesTraining = (a, tr) => !!a && (a.role === 'enterprise' ? tr.enterprise === a.place.enterpriseId : has(a, WRITERS) && inScope(a, tr.unit));
const readsAttendance = (a, tr, t) => seesTraining(a, tr) && inScope(a, t.place);
const recordsAttendance = (a, tr, t) => readsAttendance(a, tr, t) && (managesTraining(a, tr) || has(a, WRITERS));
const eachInvited = (make) => (a) => trainings.flatMap((tr) => tr.teams.map((t) => make(a, tr, t)));
// a new training for a unit: officers in their area, an enterprise in its
// communes (dated before the fixed ones, which the lists then show first)
const plansFor = (a, p) => has(a, TRAINERS) && p.level !== 'village' && inScope(a, p) && (a.role !== 'enterprise' || p.level === 'commune');
const sameTraining = (tr) => ({ title: `Tập huấn ${tr.unit.name}`, mode: 'in_person', place: 'Hội trường', starts_on: new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10) });
const listedTrainings = (a, ids) => assert.deepEqual(ids.filter((id) => trainings.some((tr) => tr.id === id)).sort((x, y) => x - y),
  trainings.filter((tr) => seesTraining(a, tr)).map((tr) => tr.id).sort((x, y) => x - y), `trainings listed for ${a.name}`);

// practices: readable once published, else by its author and the officers
// of its village's or reviewing commune's area; changed by its author
// until published; reviewed by the officers of its reviewing commune's area
const PRACTICE_WRITERS = [...WRITERS, 'team'];
const readsPractice = (a, pr) => !!a && (pr.state === 'published' || a.name === pr.author
  || (has(a, WRITERS) && (inScope(a, pr.place) || inScope(a, pr.review))));
const ownsPractice = (a, pr) => !!a && a.name === pr.author && pr.state !== 'published';
const reviewsPractice = (a, pr) => has(a, WRITERS) && inScope(a, pr.review);
const ofState = (state) => practices.filter((pr) => pr.state === state);
// announcements: received by the users of its audience whose area (an
// enterprise's communes) lies in its area, but its author; overseen by its
// author and the officers over the sending unit. A commune's directory: read
// by the users whose area holds it.
const placeOf = (id) => places.find((p) => p.id === id);
const inArea = (a, to) => (a.communes ? a.communes.some((c) => placeOf(c).ancestors.has(to.id)) : a.place.ancestors.has(to.id));
const receives = (a, an) => !!a && a.name !== an.author && (an.audience === 'everyone' || (an.audience === 'teams') === (a.role === 'team')) && inArea(a, an.to);
const oversees = (a, an) => !!a && (a.name === an.author || (has(a, WRITERS) && inScope(a, an.from)));
const readsGroup = (a, p) => !!a && p.level === 'commune' && inScope(a, p);
const removesContact = (via) => (a) => places.filter((p) => p.level !== 'village').map((p) => {
  const mine = a && p.contacts[a.name];
  return via === 'api' ? { method: 'DELETE', path: `/api/v1/contacts/${mine ? mine.api : p.contact}`, expect: mine ? 'allow' : 'deny' }
    : { method: 'POST', path: `/contacts/${mine ? mine.page : p.contact}/delete`, opts: { form: {} }, expect: mine ? 'allow' : 'deny' };
});
// a 1×1 PNG, made here
function tinyPng() {
  const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
  const crc = (buf) => { let c = 0xffffffff; for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const sum = Buffer.alloc(4); sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.from([0, 200, 30, 30]))), chunk('IEND', Buffer.alloc(0))]);
}

// Cases: "METHOD PATTERN" -> (actor, i) => [{ path, method, expect, opts, read }]
const publicUnits = (make) => () => places.map((p) => ({ path: make(p), expect: 'allow' }));
const usersIn = (actor) => [...victims, ...actors].filter((u) => inScope(actor, u.place)).map((u) => u.name).sort();
// a user's disable or password decided by a higher actor a moment before
// (the actors run at once): the caller got past role, scope and rank
const decidedRule = (r) => (r.status === 403 && /việc này do cấp trên quyết định/.test(r.text) ? 'allow' : reading(r));
// only users of a lower rank: a peer of the same rank is refused
const manageOne = (suffix, form = () => ({})) => (actor) => victims.map((v) => ({
  method: 'POST', path: `/users/${v.id}${suffix}`, opts: { form: form(v) },
  expect: has(actor, MANAGERS) && inScope(actor, v.place) && RANK[v.role] < RANK[actor.role] ? 'allow' : 'deny',
  read: decidedRule,
}));

const cases = {
  'GET /': () => [{ path: '/', expect: 'allow' }],
  'GET /units': () => [{ path: '/units', expect: 'allow' }],
  'GET /units/{id}': publicUnits((p) => `/units/${p.id}`),
  'GET /import/villages': (a) => [{ path: '/import/villages', expect: has(a, IMPORTERS) ? 'allow' : 'deny' }],
  'POST /import/villages': (a, i) => places.filter((p) => p.level === 'commune').map((p) => {
    const fd = new FormData();
    fd.set('file', new Blob([`commune_code,village\n${p.code},Thôn Ma Trận ${i}\n`]), 'v.csv');
    return { method: 'POST', path: '/import/villages', opts: { form: fd }, expect: has(a, IMPORTERS) && inScope(a, p) ? 'allow' : 'deny' };
  }),
  'GET /import/villages/template.csv': (a) => [{ path: '/import/villages/template.csv', expect: has(a, IMPORTERS) ? 'allow' : 'deny' }],
  // no village waits here (nothing was reorganised): every move, and every
  // undo of a move or a merge, is refused;
  // a conversion of a province not loaded changes nothing, for those who
  // may apply one
  'GET /reorganisation': (a) => [{ path: '/reorganisation', expect: has(a, IMPORTERS) ? 'allow' : 'deny' }],
  'POST /reorganisation/villages/{id}': (a) => villages().map((v) => ({ method: 'POST', path: `/reorganisation/villages/${v.id}`,
    opts: { form: { commune: String([...v.ancestors].find((x) => places.find((p) => p.id === x && p.level === 'commune'))) } }, expect: 'deny' })),
  'POST /reorganisation/conversion': (a) => [{ method: 'POST', path: '/reorganisation/conversion', opts: { form: conversionForm() },
    expect: has(a, PROVINCIAL) ? 'allow' : 'deny' }],
  // a merge naming a village the commune does not have: refused with that
  // reason only to writers of the commune (nothing is merged here)
  'POST /reorganisation/merge': (a) => places.filter((p) => p.level === 'commune').map((p) => {
    const fd = new FormData();
    fd.set('file', new Blob([`commune_code,old_village,new_village,decision_no\n${p.code},Thôn Không Có,Thôn Mới,1/QĐ\n`]), 'gop.csv');
    fd.set('effective', '2026-01-01');
    return { method: 'POST', path: '/reorganisation/merge', opts: { form: fd }, expect: has(a, WRITERS) && inScope(a, p) ? 'allow' : 'deny',
      read: (r) => (r.status === 422 && /Thôn Không Có/.test(r.text) ? 'allow' : reading(r)) };
  }),
  'POST /reorganisation/villages/{id}/undo': (a) => villages().map((v) => ({ method: 'POST', path: `/reorganisation/villages/${v.id}/undo`, opts: { form: {} }, expect: 'deny' })),
  'POST /reorganisation/merges/{id}/undo': (a) => villages().map((v) => ({ method: 'POST', path: `/reorganisation/merges/${v.id}/undo`, opts: { form: {} }, expect: 'deny' })),
  'DELETE /api/v1/reorganisation/merges/{id}': (a) => villages().map((v) => ({ method: 'DELETE', path: `/api/v1/reorganisation/merges/${v.id}`, expect: 'deny' })),
  'DELETE /api/v1/reorganisation/moves/{id}': (a) => villages().map((v) => ({ method: 'DELETE', path: `/api/v1/reorganisation/moves/${v.id}`, expect: 'deny' })),
  'GET /api/v1/reorganisation/waiting': (a) => [{ path: '/api/v1/reorganisation/waiting', expect: has(a, IMPORTERS) ? 'allow' : 'deny',
    check: (r) => assert.deepEqual(JSON.parse(r.text).items, []) }],
  'POST /api/v1/reorganisation/waiting/{id}': (a) => villages().map((v) => ({ method: 'POST', path: `/api/v1/reorganisation/waiting/${v.id}`,
    opts: { json: { commune_id: v.id } }, expect: 'deny' })),
  'GET /login': () => [{ path: '/login', expect: 'allow' }],
  // reaching the sign-in form is allowed to all; the wrong password is refused
  'POST /login': (a, i) => [{ method: 'POST', path: '/login', opts: { form: { username: `nobody${i}`, password: 'x' } }, expect: 'allow', read: (r) => (r.status === 401 && r.text.includes('name="username"') ? 'allow' : reading(r)) }],
  'GET /users': (a) => [{ path: '/users', expect: has(a, MANAGERS) ? 'allow' : 'deny',
    check: (r) => { const seen = [...r.text.matchAll(/<span class="name">([^<]+)<\/span>/g)].map((m) => m[1]).filter((n) => /^[av]\d+\./.test(n)).sort(); assert.deepEqual(seen, usersIn(a), `users listed for ${a.name}`); } }],
  'GET /users/new': (a) => [{ path: '/users/new', expect: has(a, MANAGERS) ? 'allow' : 'deny' }],
  'POST /users': (a, i) => places.map((p, k) => ({ method: 'POST', path: '/users', opts: { form: { username: `new${i}-${k}`, role: 'viewer', scope: `#${p.id}`, password: PW } },
    expect: has(a, MANAGERS) && inScope(a, p) ? 'allow' : 'deny' })),
  'GET /users/{id}': (a) => victims.map((v) => ({ path: `/users/${v.id}`, expect: has(a, MANAGERS) && inScope(a, v.place) ? 'allow' : 'deny' })),
  'POST /users/{id}': manageOne('', (v) => ({ full_name: '', role: v.role, scope: `#${v.place.id}` })),
  'POST /users/{id}/disable': manageOne('/disable'),
  'POST /users/{id}/enable': manageOne('/enable'),
  'POST /users/{id}/password': manageOne('/password', () => ({ password: PW })),
  'POST /users/{id}/unlock': manageOne('/unlock'),
  'POST /users/{id}/code': manageOne('/code'),
  'GET /accounts': (a) => places.map((p) => ({ path: `/accounts?unit=${p.id}`, expect: has(a, MANAGERS) && inScope(a, p) ? 'allow' : 'deny' })),
  'POST /accounts': (a) => places.map((p) => ({ method: 'POST', path: '/accounts', opts: { form: { unit: String(p.id) } },
    expect: has(a, MANAGERS) && inScope(a, p) ? 'allow' : 'deny' })),
  // a wrong code is refused for everyone (404, or 429 once the address guessed too often)
  'GET /welcome': () => [{ path: '/welcome', expect: 'allow' }],
  'GET /welcome/{code}': () => [{ path: '/welcome/000000000000', expect: 'deny', read: (r) => (r.status === 429 ? 'deny' : reading(r)) }],
  'POST /welcome': () => [{ method: 'POST', path: '/welcome', opts: { form: { code: '000000000000', password: PW, again: PW } }, expect: 'deny',
    read: (r) => (r.status === 429 ? 'deny' : reading(r)) }],
  'GET /account': (a) => [{ path: '/account', expect: a ? 'allow' : 'deny' }],
  'GET /notices': (a) => [{ path: '/notices', expect: a ? 'allow' : 'deny' }],
  'POST /account/password': (a) => [{ method: 'POST', path: '/account/password', opts: { form: { old_password: PW, password: PW } }, expect: a ? 'allow' : 'deny' }],
  'POST /account/tokens': (a) => [{ method: 'POST', path: '/account/tokens', opts: { form: { name: 'matrix' } }, expect: a ? 'allow' : 'deny' }],
  'POST /account/tokens/{id}/revoke': null, // its own phase below: non-owners first, then the owner
  'GET /audit': (a) => places.map((p) => ({ path: `/audit?unit=%23${p.id}`,
    // rows about the place and below that the user may see: their own area,
    // when the place is theirs or above it
    expect: has(a, AUDITORS) && (inScope(a, p) || a.place.ancestors.has(p.id)) ? 'allow' : 'deny',
    read: (r) => (r.status === 200 ? (r.text.includes('<tbody>') ? 'allow' : 'deny') : reading(r)),
    check: (r) => auditRowsInScope(a, r.text) })),
  'GET /setup/{token}': () => [{ path: '/setup/no-such-token', expect: 'deny' }],
  'POST /setup/{token}': () => [{ method: 'POST', path: '/setup/no-such-token', opts: { form: { username: 'x', password: PW } }, expect: 'deny' }],
  'GET /healthz': () => [{ path: '/healthz', expect: 'allow' }],
  'GET /readyz': () => [{ path: '/readyz', expect: 'allow' }],
  'GET /static/*': () => [{ path: '/static/style.css', expect: 'allow' }],
  'POST /logout': null, // last phase: it ends the session
  'GET /api/v1/units': () => places.map((p) => ({ path: `/api/v1/units?parent=${p.id}`, expect: 'allow' })),
  'GET /api/v1/units/{id}': publicUnits((p) => `/api/v1/units/${p.id}`),
  'GET /api/v1/openapi.json': () => [{ path: '/api/v1/openapi.json', expect: 'allow' }],
  'POST /api/v1/session': (a, i) => [{ method: 'POST', path: '/api/v1/session', opts: { json: { username: `nobody${i}`, password: 'x' } }, expect: 'allow', read: (r) => (r.status === 401 && r.text.includes('bad_credentials') ? 'allow' : reading(r)) }],
  'DELETE /api/v1/session': null, // last phase
'GET /teams': (a) => [{ path: '/teams', expect: a ? 'allow' : 'deny',
    check: (r) => assert.deepEqual([...r.text.matchAll(/href="\/teams\/(\d+)"/g)].map((m) => Number(m[1])).sort((x, y) => x - y),
      teams.filter((t) => inScope(a, t.place)).map((t) => t.id).sort((x, y) => x - y), `teams listed for ${a.name}`) }],
  'GET /teams/new': (a) => villages().map((v) => ({ path: `/teams/new?village=${v.id}`, expect: has(a, WRITERS) && inScope(a, v) ? 'allow' : 'deny' })),
  // every village has a team: an allowed officer meets the one-team rule (422), others 404
  'POST /teams': (a) => villages().map((v) => ({ method: 'POST', path: '/teams', opts: { form: { village: String(v.id), name: 'Tổ mới' } },
    expect: has(a, WRITERS) && inScope(a, v) ? 'allow' : 'deny', read: oneTeamRule })),
  'GET /teams/{id}': (a) => teams.map((t) => ({ path: `/teams/${t.id}`, expect: a && inScope(a, t.place) ? 'allow' : 'deny' })),
  'POST /teams/{id}': (a) => teams.map((t) => ({ method: 'POST', path: `/teams/${t.id}`, opts: { form: { name: `Tổ CNSCĐ ${t.place.name}` } },
    expect: has(a, WRITERS) && inScope(a, t.place) ? 'allow' : 'deny' })),
  // without a date: an allowed officer is told the date is missing (422), others 404
  'POST /teams/{id}/dissolve': (a) => teams.map((t) => ({ method: 'POST', path: `/teams/${t.id}/dissolve`, opts: { form: { dissolved_on: '' } },
    expect: has(a, WRITERS) && inScope(a, t.place) ? 'allow' : 'deny', read: (r) => (r.status === 422 ? 'allow' : reading(r)) })),
  'GET /teams/{id}/scan': (a) => teams.map((t) => ({ path: `/teams/${t.id}/scan`, expect: a && inScope(a, t.place) ? 'allow' : 'deny' })),
  'POST /teams/{id}/scan': (a) => teams.map((t) => {
    const fd = new FormData();
    fd.set('scan', new Blob(['%PDF-1.4\n%again\n']), 'qd.pdf');
    return { method: 'POST', path: `/teams/${t.id}/scan`, opts: { form: fd }, expect: has(a, WRITERS) && inScope(a, t.place) ? 'allow' : 'deny' };
  }),
  'POST /teams/{id}/members': (a, i) => teams.map((t) => ({ method: 'POST', path: `/teams/${t.id}/members`, opts: { form: { full_name: `Người Mới ${i}`, role: 'member' } },
    expect: has(a, WRITERS) && inScope(a, t.place) ? 'allow' : 'deny' })),
  'POST /members/{id}': (a) => teams.map((t) => ({ method: 'POST', path: `/members/${t.member}`, opts: { form: { full_name: `Người Viên ${t.place.id}`, role: 'member' } },
    expect: has(a, WRITERS) && inScope(a, t.place) ? 'allow' : 'deny' })),
  'POST /members/{id}/leave': (a) => teams.map((t) => ({ method: 'POST', path: `/members/${t.leaver}/leave`, opts: { form: {} },
    expect: has(a, WRITERS) && inScope(a, t.place) ? 'allow' : 'deny' })),
  'GET /units/{id}/decision': (a) => places.filter((p) => p.level === 'commune').map((p) => ({ path: `/units/${p.id}/decision`, expect: has(a, WRITERS) && inScope(a, p) ? 'allow' : 'deny' })),
  'GET /import/teams': (a) => [{ path: '/import/teams', expect: has(a, WRITERS) ? 'allow' : 'deny' }],
  'GET /import/teams/template.csv': (a) => [{ path: '/import/teams/template.csv', expect: has(a, WRITERS) ? 'allow' : 'deny' }],
  'POST /import/teams': (a) => villages().map((v) => {
    const c = places.find((p) => p.level === 'commune' && v.ancestors.has(p.id));
    const fd = new FormData();
    fd.set('file', new Blob([`commune_code;village;member_name\n${c.code};${v.name};Ai Đó\n`]), 'to.csv');
    return { method: 'POST', path: '/import/teams', opts: { form: fd }, expect: has(a, WRITERS) && inScope(a, v) ? 'allow' : 'deny',
      read: (r) => (r.status === 422 ? (r.text.includes('đã có Tổ đang hoạt động') ? 'allow' : 'deny') : reading(r)) };
  }),
  'GET /export/teams': (a) => places.map((p) => ({ path: `/export/teams?unit=${p.id}&format=csv`, expect: a && inScope(a, p) ? 'allow' : 'deny' })),
  'GET /enterprises': (a) => [{ path: '/enterprises', expect: a ? 'allow' : 'deny' }],
  'POST /enterprises': (a, i) => places.filter((p) => p.level === 'commune').map((p) => ({ method: 'POST', path: '/enterprises',
    opts: { form: { name: `DN ${i} ${p.code}`, kind: 'it', communes: p.code } }, expect: has(a, PROVINCIAL) && inScope(a, p) ? 'allow' : 'deny' })),
  'POST /enterprises/{id}/users': (a, i) => places.filter((p) => p.level === 'province').map((p) => ({ method: 'POST', path: `/enterprises/${p.enterpriseId}/users`,
    opts: { form: { username: `dn${i}.${p.code}`, password: PW } }, expect: has(a, PROVINCIAL) && inScope(a, p) ? 'allow' : 'deny' })),
  'GET /api/v1/teams': (a) => [{ path: '/api/v1/teams', expect: a ? 'allow' : 'deny',
    check: (r) => assert.deepEqual(JSON.parse(r.text).items.map((t) => t.id).sort((x, y) => x - y), teams.filter((t) => inScope(a, t.place)).map((t) => t.id).sort((x, y) => x - y)) }],
  'POST /api/v1/teams': (a) => villages().map((v) => ({ method: 'POST', path: '/api/v1/teams', opts: { json: { unit_id: v.id, name: 'Tổ mới' } },
    expect: has(a, WRITERS) && inScope(a, v) ? 'allow' : 'deny', read: oneTeamRule })),
  'GET /api/v1/teams/{id}': (a) => teams.map((t) => ({ path: `/api/v1/teams/${t.id}`, expect: a && inScope(a, t.place) ? 'allow' : 'deny' })),
  'PATCH /api/v1/teams/{id}': (a) => teams.map((t) => ({ method: 'PATCH', path: `/api/v1/teams/${t.id}`, opts: { json: { group_name: 'Zalo thôn' } },
    expect: has(a, WRITERS) && inScope(a, t.place) ? 'allow' : 'deny' })),
  'POST /api/v1/teams/{id}/members': (a, i) => teams.map((t) => ({ method: 'POST', path: `/api/v1/teams/${t.id}/members`, opts: { json: { full_name: `Người API ${i}` } },
    expect: has(a, WRITERS) && inScope(a, t.place) ? 'allow' : 'deny' })),
  'PATCH /api/v1/members/{id}': (a) => teams.map((t) => ({ method: 'PATCH', path: `/api/v1/members/${t.member}`, opts: { json: { role: 'member' } },
    expect: has(a, WRITERS) && inScope(a, t.place) ? 'allow' : 'deny' })),
  'GET /api/v1/enterprises': (a) => [{ path: '/api/v1/enterprises', expect: a ? 'allow' : 'deny' }],
'GET /api/v1/teams/{id}/reports/{period}': (a) => teams.map((t) => ({ path: `/api/v1/teams/${t.id}/reports/2026W48`, expect: a && inScope(a, t.place) ? 'allow' : 'deny' })),
  'PUT /api/v1/teams/{id}/reports/{period}': (a) => teams.map((t) => ({ method: 'PUT', path: `/api/v1/teams/${t.id}/reports/2026W48`, opts: { json: { values: { DVC_GUIDED: 2 } } },
    expect: fills(a, t) ? 'allow' : 'deny' })),
  // the state rules answer 422 to allowed officers once the report moved on
  'POST /api/v1/reports/{id}/return': (a) => teams.map((t) => review(a, t, 'return')),
  'POST /api/v1/reports/{id}/accept': (a) => teams.map((t) => review(a, t, 'accept')),
  'POST /api/v1/reports/{id}/unlock': (a) => teams.map((t) => review(a, t, 'unlock')),
  'PUT /api/v1/units/{id}/targets/{period}': (a) => places.map((p) => ({ method: 'PUT', path: `/api/v1/units/${p.id}/targets/2026-11`, opts: { json: { values: { DVC_GUIDED: 10 } } },
    expect: has(a, WRITERS) && inScope(a, p) && p.id !== a.place.id ? 'allow' : 'deny' })),
  // nothing was reorganised here: no unit has a predecessor whose targets
  // could be carried, so every carry and take-back is refused
  'GET /api/v1/units/{id}/targets/carry': (a) => places.map((p) => ({ path: `/api/v1/units/${p.id}/targets/carry`, expect: a && inScope(a, p) ? 'allow' : 'deny',
    check: (r) => assert.deepEqual(JSON.parse(r.text).items, []) })),
  'POST /api/v1/units/{id}/targets/carry': (a) => places.map((p) => ({ method: 'POST', path: `/api/v1/units/${p.id}/targets/carry`,
    opts: { json: { from: places[0].id, percent: 100 } }, expect: 'deny' })),
  'DELETE /api/v1/units/{id}/targets/carry/{from}': (a) => places.map((p) => ({ method: 'DELETE', path: `/api/v1/units/${p.id}/targets/carry/${places[0].id}`, expect: 'deny' })),
  'POST /units/{id}/targets/carry': (a) => places.map((p) => ({ method: 'POST', path: `/units/${p.id}/targets/carry`,
    opts: { form: { from: String(places[0].id), percent: '100' } }, expect: 'deny' })),
  'POST /units/{id}/targets/uncarry': (a) => places.map((p) => ({ method: 'POST', path: `/units/${p.id}/targets/uncarry`,
    opts: { form: { from: String(places[0].id) } }, expect: 'deny' })),
  'GET /api/v1/units/{id}/progress': (a) => places.map((p) => ({ path: `/api/v1/units/${p.id}/progress?period=2026-11`, expect: a && inScope(a, p) ? 'allow' : 'deny' })),
  'GET /api/v1/units/{id}/missing': (a) => places.map((p) => ({ path: `/api/v1/units/${p.id}/missing?period=2026W47`, expect: a && inScope(a, p) ? 'allow' : 'deny' })),
  'GET /api/v1/dataValueSets': (a) => places.filter((p) => p.code).map((p) => ({ path: `/api/v1/dataValueSets?orgUnit=${p.code}&period=202611&children=true`, expect: a && inScope(a, p) ? 'allow' : 'deny' })),
  'GET /api/v1/units/{id}/breakdown': (a) => places.map((p) => ({ path: `/api/v1/units/${p.id}/breakdown?period=2026-11`, expect: a && inScope(a, p) ? 'allow' : 'deny' })),
  'GET /api/v1/difficulties': (a) => [{ path: '/api/v1/difficulties', expect: a ? 'allow' : 'deny',
    check: (r) => assert.deepEqual([...new Set(JSON.parse(r.text).items.map((d) => d.team_id))].sort((x, y) => x - y), teams.filter((t) => inScope(a, t.place)).map((t) => t.id).sort((x, y) => x - y)) }],
  'POST /api/v1/difficulties': (a) => teams.map((t) => ({ method: 'POST', path: '/api/v1/difficulties', opts: { json: { team_id: t.id, text: 'Thiếu máy tính bảng', category: 'device' } },
    expect: fills(a, t) ? 'allow' : 'deny' })),
  'POST /api/v1/difficulties/{id}/replies': (a) => teams.map((t) => ({ method: 'POST', path: `/api/v1/difficulties/${t.difficulty}/replies`, opts: { json: { text: 'Đã nhận' } },
    expect: has(a, WRITERS) && inScope(a, t.place) ? 'allow' : 'deny' })),
  // on resolved difficulties (so that nothing moves): 422 for allowed officers
  'POST /api/v1/difficulties/{id}/escalate': (a) => teams.map((t) => ({ method: 'POST', path: `/api/v1/difficulties/${t.resolved}/escalate`, opts: { json: { text: 'lên tỉnh' } },
    expect: has(a, WRITERS) && inScope(a, t.place) ? 'allow' : 'deny', read: stateRule })),
  'POST /api/v1/difficulties/{id}/resolve': (a) => teams.map((t) => ({ method: 'POST', path: `/api/v1/difficulties/${t.resolved}/resolve`, opts: { json: { text: 'xong' } },
    expect: has(a, WRITERS) && inScope(a, t.place) ? 'allow' : 'deny', read: stateRule })),
  'GET /api/v1/catalog': (a) => [{ path: '/api/v1/catalog', expect: a ? 'allow' : 'deny' }],
'GET /report': (a) => [{ path: '/report', expect: a ? 'allow' : 'deny' }],
  'GET /teams/{id}/reports/{period}': (a) => teams.map((t) => ({ path: `/teams/${t.id}/reports/2026W48`, expect: a && inScope(a, t.place) ? 'allow' : 'deny' })),
  'POST /teams/{id}/reports/{period}': (a) => teams.map((t) => ({ method: 'POST', path: `/teams/${t.id}/reports/2026W48`, opts: { form: { DVC_GUIDED: '1', action: 'save' } },
    expect: fills(a, t) ? 'allow' : 'deny' })),
  'POST /reports/{id}/review': (a) => teams.map((t) => ({ method: 'POST', path: `/reports/${t.report}/review`, opts: { form: { action: 'accept' } },
    expect: has(a, WRITERS) && inScope(a, t.place) ? 'allow' : 'deny', read: stateRule })),
  'GET /reports': (a) => places.map((p) => ({ path: `/reports?unit=${p.id}&period=2026W48`, expect: a && inScope(a, p) ? 'allow' : 'deny' })),
  'GET /units/{id}/progress': (a) => places.map((p) => ({ path: `/units/${p.id}/progress?period=2026-11`, expect: a && inScope(a, p) ? 'allow' : 'deny' })),
  'GET /units/{id}/breakdown': (a) => places.map((p) => ({ path: `/units/${p.id}/breakdown?period=2026-11&sort=-missing`, expect: a && inScope(a, p) ? 'allow' : 'deny' })),
  'GET /units/{id}/dashboard': (a) => places.map((p) => ({ path: `/units/${p.id}/dashboard?period=2026-11`, expect: a && inScope(a, p) ? 'allow' : 'deny' })),
  'GET /units/{id}/map': (a) => places.map((p) => ({ path: `/units/${p.id}/map?period=2026-11&measure=received`, expect: a && inScope(a, p) ? 'allow' : 'deny' })),
  'GET /units/{id}/summary': (a) => places.map((p) => ({ path: `/units/${p.id}/summary?period=2026-11`, expect: a && inScope(a, p) ? 'allow' : 'deny' })),
  'GET /units/{id}/export': (a) => places.map((p) => ({ path: `/units/${p.id}/export?period=2026-11`, expect: a && inScope(a, p) ? 'allow' : 'deny' })),
  'GET /units/{id}/missing': (a) => places.map((p) => ({ path: `/units/${p.id}/missing?period=2026W47`, expect: a && inScope(a, p) ? 'allow' : 'deny' })),
  'GET /targets': (a) => places.map((p) => ({ path: `/targets?unit=${p.id}&period=2026-11`, expect: a && inScope(a, p) ? 'allow' : 'deny' })),
  'POST /targets': (a) => places.map((p) => ({ method: 'POST', path: '/targets', opts: { form: { unit: String(p.id), period: '2026-11', [`t_${p.id}_DVC_GUIDED`]: '5' } },
    expect: has(a, WRITERS) && inScope(a, p) && p.id !== a.place.id ? 'allow' : 'deny' })),
'POST /import/targets': (a) => places.map((p) => {
    const fd = new FormData();
    fd.set('file', new Blob([`unit_id;unit;period;DVC_GUIDED\n${p.id};x;2026-11;7\n`]), 't.csv');
    return { method: 'POST', path: '/import/targets', opts: { form: fd }, expect: has(a, WRITERS) && inScope(a, p) && p.id !== a.place.id ? 'allow' : 'deny' };
  }),
'GET /catalog': (a) => [{ path: '/catalog', expect: a ? 'allow' : 'deny' }],
  // an unknown form: the provincial officers reach the rule (422), others are refused
  'POST /catalog/indicators': (a) => [{ method: 'POST', path: '/catalog/indicators', opts: { form: { code: 'X_MATRIX', name_vi: 'Thử', form: 'NO_SUCH_FORM' } },
    expect: has(a, PROVINCIAL) ? 'allow' : 'deny', read: stateRule }],
  'GET /targets.csv': (a) => places.map((p) => ({ path: `/targets.csv?unit=${p.id}&period=2026-11`, expect: a && inScope(a, p) ? 'allow' : 'deny' })),
  'GET /difficulties': (a) => [{ path: '/difficulties', expect: a ? 'allow' : 'deny' }],
  'GET /difficulties/new': (a) => teams.map((t) => ({ path: `/difficulties/new?team=${t.id}`, expect: fills(a, t) ? 'allow' : 'deny' })),
  'POST /difficulties': (a) => teams.map((t) => ({ method: 'POST', path: '/difficulties', opts: { form: { team: String(t.id), text: 'Thiếu máy', category: 'device' } },
    expect: fills(a, t) ? 'allow' : 'deny' })),
  'GET /difficulties/{id}': (a) => teams.map((t) => ({ path: `/difficulties/${t.difficulty}`, expect: a && inScope(a, t.place) ? 'allow' : 'deny' })),
  'POST /difficulties/{id}/act': (a) => teams.map((t) => ({ method: 'POST', path: `/difficulties/${t.resolved}/act`, opts: { form: { action: 'resolve', text: 'xong' } },
    expect: has(a, WRITERS) && inScope(a, t.place) ? 'allow' : 'deny', read: stateRule })),
  'GET /trainings': (a) => [{ path: '/trainings', expect: a ? 'allow' : 'deny',
    check: (r) => listedTrainings(a, [...r.text.matchAll(/href="\/trainings\/(\d+)"/g)].map((m) => Number(m[1]))) }],
  'GET /trainings/new': (a) => [{ path: '/trainings/new', expect: has(a, TRAINERS) ? 'allow' : 'deny' }],
  'POST /trainings': (a, i) => places.map((p) => ({ method: 'POST', path: '/trainings', opts: { form: { unit: String(p.id), title: `Lớp ${i}`, mode: 'in_person', place: 'Nhà văn hóa', starts_on: '01/01/2026' } },
    expect: plansFor(a, p) ? 'allow' : 'deny' })),
  'GET /trainings/{id}': (a) => trainings.map((tr) => ({ path: `/trainings/${tr.id}`, expect: seesTraining(a, tr) ? 'allow' : 'deny' })),
  'GET /trainings/{id}/edit': (a) => trainings.map((tr) => ({ path: `/trainings/${tr.id}/edit`, expect: managesTraining(a, tr) ? 'allow' : 'deny' })),
  'POST /trainings/{id}': (a) => trainings.map((tr) => ({ method: 'POST', path: `/trainings/${tr.id}`, opts: { form: { ...sameTraining(tr), enterprise: tr.enterprise ? String(tr.enterprise) : '' } },
    expect: managesTraining(a, tr) ? 'allow' : 'deny' })),
  'POST /trainings/{id}/invite': (a) => trainings.map((tr) => ({ method: 'POST', path: `/trainings/${tr.id}/invite`, opts: { form: { unit: String(tr.unit.id) } },
    expect: managesTraining(a, tr) && (a.role === 'enterprise' || inScope(a, tr.unit)) ? 'allow' : 'deny' })),
  'GET /trainings/{id}/sheet.csv': (a) => trainings.map((tr) => ({ path: `/trainings/${tr.id}/sheet.csv`, expect: has(a, TRAINERS) && seesTraining(a, tr) ? 'allow' : 'deny',
    // the sheet holds the members of the user's area only
    check: (r) => assert.deepEqual(r.text.split('\r\n').slice(1).filter(Boolean).map((l) => Number(l.replace(/^\uFEFF/, '').split(';')[0])).filter((m) => teams.some((t) => t.member === m)).sort((x, y) => x - y),
      tr.teams.filter((t) => recordsAttendance(a, tr, t)).map((t) => t.member).sort((x, y) => x - y), `sheet of ${a.name}`) })),
  'POST /trainings/{id}/sheet': (a) => trainings.flatMap((tr) => tr.teams.map((t) => {
    const fd = new FormData();
    fd.set('file', new Blob([`member_id;có mặt\n${t.member};có\n`]), 'diem-danh.csv');
    return { method: 'POST', path: `/trainings/${tr.id}/sheet`, opts: { form: fd }, expect: recordsAttendance(a, tr, t) ? 'allow' : 'deny' };
  })),
  'GET /trainings/{id}/teams/{team}': eachInvited((a, tr, t) => ({ path: `/trainings/${tr.id}/teams/${t.id}`, expect: recordsAttendance(a, tr, t) ? 'allow' : 'deny' })),
  'POST /trainings/{id}/teams/{team}': eachInvited((a, tr, t) => ({ method: 'POST', path: `/trainings/${tr.id}/teams/${t.id}`,
    opts: { form: { member: String(t.member), [`present_${t.member}`]: '1' } }, expect: recordsAttendance(a, tr, t) ? 'allow' : 'deny' })),
  'GET /units/{id}/coverage': (a) => places.map((p) => ({ path: `/units/${p.id}/coverage`, expect: a && inScope(a, p) ? 'allow' : 'deny' })),
  'GET /units/{id}/untrained': (a) => places.map((p) => ({ path: `/units/${p.id}/untrained`, expect: a && inScope(a, p) ? 'allow' : 'deny' })),
  'POST /units/{id}/untrained': (a) => places.map((p) => {
    const provincial = trainings.filter((x) => x.unit.level === 'province');
    const tr = provincial.find((x) => p.ancestors.has(x.unit.id)) || provincial[0];
    return { method: 'POST', path: `/units/${p.id}/untrained`, opts: { form: { training: String(tr.id) } },
      expect: managesTraining(a, tr) && (a.role === 'enterprise' || inScope(a, p)) ? 'allow' : 'deny' };
  }),
  'GET /api/v1/trainings': (a) => [{ path: '/api/v1/trainings', expect: a ? 'allow' : 'deny',
    check: (r) => listedTrainings(a, JSON.parse(r.text).items.map((x) => x.id)) }],
  'POST /api/v1/trainings': (a, i) => places.filter((p) => p.code).map((p) => ({ method: 'POST', path: '/api/v1/trainings',
    opts: { json: { unit: p.code, title: `Lớp API ${i}`, mode: 'online', link: 'https://hoc.example.vn/lop', starts_on: '2026-01-01' } },
    expect: plansFor(a, p) ? 'allow' : 'deny' })),
  'GET /api/v1/trainings/{id}': (a) => trainings.map((tr) => ({ path: `/api/v1/trainings/${tr.id}`, expect: seesTraining(a, tr) ? 'allow' : 'deny' })),
  'PATCH /api/v1/trainings/{id}': (a) => trainings.map((tr) => ({ method: 'PATCH', path: `/api/v1/trainings/${tr.id}`,
    opts: { json: { ...sameTraining(tr), ...(tr.enterprise ? { enterprise_id: tr.enterprise } : {}) } }, expect: managesTraining(a, tr) ? 'allow' : 'deny' })),
  'GET /api/v1/trainings/{id}/teams': (a) => trainings.map((tr) => ({ path: `/api/v1/trainings/${tr.id}/teams`, expect: seesTraining(a, tr) ? 'allow' : 'deny' })),
  'POST /api/v1/trainings/{id}/invitations': (a) => trainings.map((tr) => ({ method: 'POST', path: `/api/v1/trainings/${tr.id}/invitations`, opts: { json: { unit_id: tr.unit.id } },
    expect: managesTraining(a, tr) && (a.role === 'enterprise' || inScope(a, tr.unit)) ? 'allow' : 'deny' })),
  // the spare trainings' invitations: withdrawn once (204), then 409 for
  // those allowed; refused for the others
  'DELETE /api/v1/trainings/{id}/invitations/{team}': (a) => places.filter((p) => p.spare).flatMap((p) => p.spare.teams.map((t) => ({
    method: 'DELETE', path: `/api/v1/trainings/${p.spare.id}/invitations/${t.id}`, expect: managesTraining(a, p.spare) ? 'allow' : 'deny',
    read: (r) => (r.status === 409 ? 'allow' : reading(r)) }))),
  'GET /api/v1/trainings/{id}/teams/{team}/attendance': eachInvited((a, tr, t) => ({ path: `/api/v1/trainings/${tr.id}/teams/${t.id}/attendance`,
    expect: a && readsAttendance(a, tr, t) ? 'allow' : 'deny' })),
  'PUT /api/v1/trainings/{id}/teams/{team}/attendance': eachInvited((a, tr, t) => ({ method: 'PUT', path: `/api/v1/trainings/${tr.id}/teams/${t.id}/attendance`,
    opts: { json: { members: [{ member_id: t.member, present: true, completed: true }] } }, expect: recordsAttendance(a, tr, t) ? 'allow' : 'deny' })),
  'GET /api/v1/units/{id}/coverage': (a) => places.map((p) => ({ path: `/api/v1/units/${p.id}/coverage`, expect: a && inScope(a, p) ? 'allow' : 'deny' })),
  'GET /api/v1/units/{id}/untrained': (a) => places.map((p) => ({ path: `/api/v1/units/${p.id}/untrained`, expect: a && inScope(a, p) ? 'allow' : 'deny' })),
  'GET /practices': (a) => [{ path: '/practices?q=dang', expect: a ? 'allow' : 'deny' }],
  'GET /practices/new': (a) => [{ path: '/practices/new', expect: has(a, PRACTICE_WRITERS) ? 'allow' : 'deny' }],
  'POST /practices': (a, i) => [{ method: 'POST', path: '/practices', opts: { form: { title: `Cách làm ${i}`, body: 'Làm thế này', platform: '1' } },
    expect: has(a, PRACTICE_WRITERS) ? 'allow' : 'deny' }],
  'GET /practices/{id}': (a) => practices.map((pr) => ({ path: `/practices/${pr.id}`, expect: readsPractice(a, pr) ? 'allow' : 'deny' })),
  'GET /practices/{id}/edit': (a) => practices.map((pr) => ({ path: `/practices/${pr.id}/edit`, expect: ownsPractice(a, pr) ? 'allow' : 'deny' })),
  'POST /practices/{id}': (a) => practices.map((pr) => ({ method: 'POST', path: `/practices/${pr.id}`, opts: { form: { title: `Sửa ${pr.id}`, body: 'Làm **tốt**', platform: '2' } },
    expect: ownsPractice(a, pr) ? 'allow' : 'deny' })),
  // sent once by its author; then 422 (already sent) for the author
  'POST /practices/{id}/submit': (a) => ofState('draft').map((pr) => ({ method: 'POST', path: `/practices/${pr.id}/submit`, opts: { form: {} },
    expect: ownsPractice(a, pr) ? 'allow' : 'deny', read: stateRule })),
  // returned once; then 422 (not waiting) for the other reviewers
  'POST /practices/{id}/review': (a) => ofState('submitted').map((pr) => ({ method: 'POST', path: `/practices/${pr.id}/review`, opts: { form: { action: 'return', note: 'Thêm ảnh' } },
    expect: reviewsPractice(a, pr) ? 'allow' : 'deny', read: stateRule })),
  'POST /practices/{id}/mark': (a) => ofState('published').map((pr) => ({ method: 'POST', path: `/practices/${pr.id}/mark`, opts: { form: { kind: 'like', on: '1' } },
    expect: a ? 'allow' : 'deny' })),
  'POST /practices/{id}/photos': (a) => ofState('draft').map((pr) => {
    const fd = new FormData();
    fd.set('photo', new Blob([tinyPng()]), 'anh.png');
    return { method: 'POST', path: `/practices/${pr.id}/photos`, opts: { form: fd }, expect: ownsPractice(a, pr) ? 'allow' : 'deny' };
  }),
  'GET /practices/{id}/photos/{file}': (a) => ofState('published').map((pr) => ({ path: `/practices/${pr.id}/photos/${pr.photo}`, expect: a ? 'allow' : 'deny' })),
  'GET /api/v1/practices': (a) => [{ path: '/api/v1/practices?mine=1', expect: a ? 'allow' : 'deny' }],
  'POST /api/v1/practices': (a, i) => [{ method: 'POST', path: '/api/v1/practices', opts: { json: { title: `API ${i}`, body: 'x', domain: 'skills' } },
    expect: has(a, PRACTICE_WRITERS) ? 'allow' : 'deny' }],
  'GET /api/v1/practices/{id}': (a) => practices.map((pr) => ({ path: `/api/v1/practices/${pr.id}`, expect: readsPractice(a, pr) ? 'allow' : 'deny' })),
  'PATCH /api/v1/practices/{id}': (a) => practices.map((pr) => ({ method: 'PATCH', path: `/api/v1/practices/${pr.id}`, opts: { json: { title: `Sửa ${pr.id}`, body: 'y', platform: 'VNEID' } },
    expect: ownsPractice(a, pr) ? 'allow' : 'deny' })),
  'POST /api/v1/practices/{id}/submit': (a) => ofState('draft').map((pr) => ({ method: 'POST', path: `/api/v1/practices/${pr.id}/submit`,
    expect: ownsPractice(a, pr) ? 'allow' : 'deny', read: stateRule })),
  'POST /api/v1/practices/{id}/review': (a) => ofState('submitted').map((pr) => ({ method: 'POST', path: `/api/v1/practices/${pr.id}/review`, opts: { json: { action: 'return', note: 'Thêm số liệu' } },
    expect: reviewsPractice(a, pr) ? 'allow' : 'deny', read: stateRule })),
  'PUT /api/v1/practices/{id}/marks/{kind}': (a) => ofState('published').map((pr) => ({ method: 'PUT', path: `/api/v1/practices/${pr.id}/marks/applied`, expect: a ? 'allow' : 'deny' })),
  'DELETE /api/v1/practices/{id}/marks/{kind}': (a) => ofState('published').map((pr) => ({ method: 'DELETE', path: `/api/v1/practices/${pr.id}/marks/like`, expect: a ? 'allow' : 'deny' })),
  'POST /trainings/{id}/files': (a) => trainings.map((tr) => {
    const fd = new FormData();
    fd.set('file', new Blob(['%PDF-1.4\n%case\n']), 'them.pdf');
    return { method: 'POST', path: `/trainings/${tr.id}/files`, opts: { form: fd }, expect: managesTraining(a, tr) ? 'allow' : 'deny' };
  }),
  'GET /trainings/{id}/files/{file}': (a) => trainings.map((tr) => ({ path: `/trainings/${tr.id}/files/${tr.file}`, expect: seesTraining(a, tr) ? 'allow' : 'deny' })),
  'POST /trainings/{id}/files/{file}/delete': (a) => trainings.map((tr) => {
    const mine = a && tr.files[a.name];
    return { method: 'POST', path: `/trainings/${tr.id}/files/${mine || tr.file}/delete`, opts: { form: {} }, expect: mine ? 'allow' : 'deny' };
  }),
  'GET /announcements': (a) => [{ path: '/announcements', expect: a ? 'allow' : 'deny' }],
  'GET /announcements/new': (a) => [{ path: '/announcements/new', expect: has(a, WRITERS) ? 'allow' : 'deny' }],
  'POST /announcements': (a, i) => places.map((p) => ({ method: 'POST', path: '/announcements', opts: { form: { title: `Trang ${i}`, body: 'x', scope: String(p.id), audience: 'officers' } },
    expect: has(a, WRITERS) && inScope(a, p) ? 'allow' : 'deny' })),
  'GET /announcements/{id}': (a) => announcements.map((an) => ({ path: `/announcements/${an.id}`, expect: receives(a, an) || oversees(a, an) ? 'allow' : 'deny' })),
  'POST /announcements/{id}/answer': (a) => announcements.map((an) => ({ method: 'POST', path: `/announcements/${an.id}/answer`, opts: { form: { answer: 'Đã nhận' } },
    expect: receives(a, an) && an.asks ? 'allow' : 'deny' })),
  'GET /units/{id}/group': (a) => places.map((p) => ({ path: `/units/${p.id}/group`, expect: readsGroup(a, p) ? 'allow' : 'deny' })),
  'GET /units/{id}/group.csv': (a) => places.map((p) => ({ path: `/units/${p.id}/group.csv`, expect: readsGroup(a, p) ? 'allow' : 'deny' })),
  'GET /units/{id}/group.vcf': (a) => places.map((p) => ({ path: `/units/${p.id}/group.vcf`, expect: readsGroup(a, p) ? 'allow' : 'deny' })),
  'POST /units/{id}/contacts': (a, i) => places.map((p) => ({ method: 'POST', path: `/units/${p.id}/contacts`, opts: { form: { full_name: `Trang ${i}`, phone: '0912345678', commune: String(p.id), at: String(p.id) } },
    expect: has(a, WRITERS) && inScope(a, p) && p.level !== 'village' ? 'allow' : 'deny' })),
  'POST /contacts/{id}/delete': removesContact('page'),
  'GET /api/v1/announcements': (a) => [{ path: '/api/v1/announcements', expect: a ? 'allow' : 'deny' }],
  'POST /api/v1/announcements': (a, i) => places.map((p) => ({ method: 'POST', path: '/api/v1/announcements', opts: { json: { title: `API ${i}`, body: 'x', scope: p.id, audience: 'officers' } },
    expect: has(a, WRITERS) && inScope(a, p) ? 'allow' : 'deny' })),
  'GET /api/v1/announcements/{id}': (a) => announcements.map((an) => ({ path: `/api/v1/announcements/${an.id}`, expect: receives(a, an) || oversees(a, an) ? 'allow' : 'deny' })),
  'PUT /api/v1/announcements/{id}/answer': (a) => announcements.map((an) => ({ method: 'PUT', path: `/api/v1/announcements/${an.id}/answer`, opts: { json: { answer: 'Đã nhận' } },
    expect: receives(a, an) && an.asks ? 'allow' : 'deny' })),
  'GET /api/v1/announcements/{id}/receipts': (a) => announcements.map((an) => ({ path: `/api/v1/announcements/${an.id}/receipts`, expect: oversees(a, an) ? 'allow' : 'deny' })),
  'GET /api/v1/units/{id}/directory': (a) => places.map((p) => ({ path: `/api/v1/units/${p.id}/directory`, expect: readsGroup(a, p) ? 'allow' : 'deny' })),
  'POST /api/v1/units/{id}/contacts': (a, i) => places.map((p) => ({ method: 'POST', path: `/api/v1/units/${p.id}/contacts`, opts: { json: { full_name: `API ${i}`, email: 'a@b.vn' } },
    expect: has(a, WRITERS) && inScope(a, p) && p.level !== 'village' ? 'allow' : 'deny' })),
  'DELETE /api/v1/contacts/{id}': removesContact('api'),
  'GET /api/v1/me': (a) => [{ path: '/api/v1/me', expect: a ? 'allow' : 'deny' }],
  'GET /api/v1/users': (a) => [{ path: '/api/v1/users', expect: has(a, MANAGERS) ? 'allow' : 'deny',
    check: (r) => assert.deepEqual(JSON.parse(r.text).items.map((u) => u.username).filter((n) => /^[av]\d+\./.test(n)).sort(), usersIn(a)) }],
};

test('every route × every user × every object: allowed ⇔ role permits and in scope', async () => {
  const routes = langso(['routes']).trim().split('\n').map((l) => l.split('\t'));
  const missing = routes.map(([m, p]) => `${m} ${p}`).filter((k) => !(k in cases));
  assert.deepEqual(missing, [], 'routes without a case in the matrix');
  for (const [m, p, perm] of routes) assert.notEqual(perm, 'MISSING', `${m} ${p} has no permission`);

  const who = [null, ...actors];
  const failures = [];
  let count = 0;
  const run = async (actor, c) => {
    const r = await send(actor, c.method || 'GET', c.path, c.opts);
    const got = (c.read || reading)(r);
    count++;
    if (got !== c.expect) failures.push(`${actor ? actor.name : 'anonymous'} ${c.method || 'GET'} ${c.path}: expected ${c.expect}, got ${got} (${r.status}${r.status === 422 ? ` ${r.text.slice(0, 300)}` : ''})`);
    else if (got === 'allow' && c.check) c.check(r);
  };
  await Promise.all(who.map(async (actor, i) => {
    for (const [key, make] of Object.entries(cases)) {
      if (!make) continue;
      for (const c of make(actor, i)) await run(actor, c);
    }
  }));

  // tokens: everyone else tries to revoke a user's token first, then its owner
  for (const owner of actors) {
    const id = tokens.get(owner.name);
    await Promise.all(who.filter((a) => a !== owner).map((a) => run(a, { method: 'POST', path: `/account/tokens/${id}/revoke`, opts: { form: {} }, expect: 'deny' })));
    await run(owner, { method: 'POST', path: `/account/tokens/${id}/revoke`, opts: { form: {} }, expect: 'allow' });
  }
  // signing out, last: through the page for half of the users, the API for the rest
  await Promise.all(who.map(async (a, i) => {
    const viaApi = i % 2 === 1;
    await run(a, viaApi ? { method: 'DELETE', path: '/api/v1/session', expect: a ? 'allow' : 'deny' }
                        : { method: 'POST', path: '/logout', opts: { form: {} }, expect: a ? 'allow' : 'deny' });
    if (a) await run(a, { path: '/api/v1/me', expect: 'deny' });
  }));

  console.log(`authorization matrix: ${count} (user, route, object) cases, ${who.length} users, ${routes.length} routes, ${failures.length} leaks`);
  assert.deepEqual(failures, []);
  // every state-changing case left an audit row; refusals of signed-in users too
  assert.ok(Number(query(srv.db, "SELECT count(*) FROM audit WHERE action = 'denied'")) > 0);
  assert.equal(query(srv.db, "SELECT count(*) FROM app_user WHERE disabled = 1 AND username LIKE 'v%'"), '0', 'every disable was followed by an enable');
});
