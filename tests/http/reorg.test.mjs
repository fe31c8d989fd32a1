// reorg.test.mjs: the 2025 reform on one province, from the real files of
// ../shared/data/units (skipped with a message when they are absent). The
// Statistics Office's pre-reform list of Lạng Sơn is loaded; villages,
// teams and reports are placed under old communes in 2024 and 2025; the
// official conversion table is applied. Every figure is then checked
// against a brute force of this test's own: the reports it sent, mapped
// through the conversion table as this test reads it. Today's communes
// count their predecessors' teams ("as now"); the closed communes keep
// their own figures ("as then"); the villages of split communes wait,
// exactly those; langso check agrees; a second run changes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { startServer, login, signIn, langso, query, bin } from '../lib/server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DATA = join(process.env.LANGSO_SHARED || join(root, '..', 'shared'), 'data', 'units');
const NSO = join(DATA, 'nso-communes-2025-01-04.csv');
const CONVERSION = join(DATA, 'conversion-2025-07-01.csv');
const skip = existsSync(NSO) && existsSync(CONVERSION) ? false
  : `the reference lists are not there (${DATA}): they live in ../shared/data/units`;

let srv, admin;
const dir = mkdtempSync(join(tmpdir(), 'langso-reorg-'));
const num = (sql) => Number(query(srv.db, sql));
const api = async (method, path, body) => {
  const r = await fetch(srv.base + path, { method, headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json', 'accept-language': 'en' }, body: body ? JSON.stringify(body) : undefined });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : null };
};
const cli = (...args) => langso([...args.slice(0, 2), '--db', srv.db, ...args.slice(2)]);

before(async () => {
  if (skip) return;
  srv = await startServer();
  admin = await login(srv.base, 'admin');
});
after(async () => { if (srv) assert.equal(await srv.stop(), 0); });

// A CSV reader of this test's own (quotes, "" and line breaks in fields).
function csv(text) {
  const rows = [];
  let row = [], cell = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') quoted = false; else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(cell); cell = ''; } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell); rows.push(row); row = []; cell = '';
    } else cell += ch;
  }
  if (cell || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

// The conversion table of Lạng Sơn (old province 20) as this test reads
// it: for each old commune its new communes, and whether it is split.
function lineage() {
  const out = new Map();
  for (const r of csv(readFileSync(CONVERSION, 'utf8'))) {
    if (r.length < 8 || !/\(20\)\s*$/.test(r[7]) || !/^\d{5}$/.test(r[4].trim())) continue;
    const old = r[4].trim();
    const e = out.get(old) || { news: new Set(), part: false, name: r[3].trim() };
    e.news.add(r[2].trim());
    if (/m[ộo]t\s+ph[ầa]n/i.test(r[5].normalize('NFC'))) e.part = true;
    out.set(old, e);
  }
  for (const e of out.values()) e.whole = !e.part && e.news.size === 1;
  return out;
}

const MONTHS = [...Array(12).keys()].map((i) => `2024-${String(i + 1).padStart(2, '0')}`)
  .concat(['2025-01', '2025-03', '2025-06']);
const WEEKS = ['2024W10', '2024W33', '2025W20'];
const AFTER = { month: '2025-08', week: '2025W30' }; // sent before the table is applied

const progress = async (unit, period) => {
  const r = await api('GET', `/api/v1/units/${unit}/progress?period=${period}`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const v = Object.fromEntries(r.body.items.map((i) => [i.indicator, i.actual]));
  return { ...v, expected: r.body.completeness.expected, received: r.body.completeness.received };
};
const FIELDS = ['DVC_FILED', 'GROUP_HOUSEHOLDS', 'DVC_GUIDED', 'expected', 'received'];
const plus = (a, b) => Object.fromEntries(FIELDS.map((k) => [k, (a[k] || 0) + (b[k] || 0)]));
const pick = (a) => Object.fromEntries(FIELDS.map((k) => [k, a[k] || 0]));

// What the teams sent, summed for a period of 2024 or a month by this
// test: flows added, the stock of each team's latest month, the periods
// expected of a team established on 1 January 2024 and those received.
const isMonth = (p) => /^\d{4}-\d\d$/.test(p);
function brute(teams, period) {
  const sum = { DVC_FILED: 0, GROUP_HOUSEHOLDS: 0, DVC_GUIDED: 0, expected: 0, received: 0 };
  for (const t of teams) {
    const months = t.sent.filter((s) => isMonth(s.period) && s.period.startsWith(period));
    const weeks = t.sent.filter((s) => s.period.includes('W') && s.period.startsWith(period.slice(0, 4)) && period.length === 4);
    sum.DVC_FILED += months.reduce((n, s) => n + s.values.DVC_FILED, 0);
    sum.DVC_GUIDED += weeks.reduce((n, s) => n + s.values.DVC_GUIDED, 0);
    const upto = t.sent.filter((s) => isMonth(s.period) && s.period <= (period.length === 4 ? `${period}-12` : period));
    if (upto.length) sum.GROUP_HOUSEHOLDS += upto[upto.length - 1].values.GROUP_HOUSEHOLDS;
    sum.received += months.length + weeks.length;
    sum.expected += period.length === 4 ? 12 + (period === '2024' ? 52 : 0) : 1;
  }
  return sum;
}

test('the 2025 reform of Lạng Sơn: history counted by today\'s communes, kept by the old, split villages waiting, a second run changing nothing', { skip, timeout: 600000 }, async () => {
  // the pre-reform list of one province, beside today's units; twice
  assert.match(cli('units', 'import-nso', '--province', '20', NSO), /districts added 11, communes added 194/);
  assert.match(cli('units', 'import-nso', '--province', '20', NSO), /communes added 0, already there 206/);
  const conv = lineage();
  // a dozen wholly merged communes (those of Đồng Đăng among them) and
  // every split one of the province
  const whole = [...conv.keys()].filter((c) => conv.get(c).whole).sort().slice(0, 10)
    .concat(['06184', '06190', '06205']);
  const split = [...conv.keys()].filter((c) => !conv.get(c).whole);
  assert.deepEqual(split.sort(), ['06622', '06625'], 'this test reads the same split communes');
  const chosen = [...new Set([...whole, ...split])];
  const villages = chosen.flatMap((c, i) => (i % 3 === 0 ? ['A', 'B'] : ['A']).map((x) => ({ old: c, name: `Thôn Cũ ${c} ${x}` })));
  writeFileSync(join(dir, 'v.csv'), 'commune_code,village\n' + villages.map((v) => `${v.old},${v.name}`).join('\n') + '\n');
  // today's codes do not name the old communes: the import says so; on a
  // day before the reform they do
  assert.throws(() => cli('import', 'villages', join(dir, 'v.csv')), /no commune with code 06190/);
  assert.match(cli('import', 'villages', '--at', '2024-06-01', join(dir, 'v.csv')), new RegExp(`${villages.length} villages added`));
  for (const v of villages) {
    v.id = num(`SELECT u.id FROM unit u JOIN unit c ON c.id = u.parent_id WHERE c.code = '${v.old}' AND c.valid_to IS NOT NULL AND u.name = '${v.name}'`);
    const made = await api('POST', '/api/v1/teams', { unit_id: v.id, name: `Tổ ${v.name}`, established_on: '2024-01-01' });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    v.team = { id: made.body.id, sent: [] };
  }
  const send = async (t, period, values) => {
    const r = await api('PUT', `/api/v1/teams/${t.id}/reports/${period}`, { values, submit: true });
    assert.equal(r.status, 200, `${period}: ${JSON.stringify(r.body)}`);
    t.sent.push({ period, values });
  };
  for (const [k, v] of villages.entries()) {
    for (const [i, m] of MONTHS.entries())
      await send(v.team, m, { DVC_FILED: (k * 7 + i * 3) % 23 + 1, GROUP_HOUSEHOLDS: 40 + k + (i % 4) * 5, ECOM_STORES: i % 2 });
    for (const [i, w] of WEEKS.entries()) await send(v.team, w, { DVC_GUIDED: k + i + 2 });
  }
  // after the reform's day, still under the old commune
  for (const v of villages.slice(0, 3)) {
    await send(v.team, AFTER.month, { DVC_FILED: 100, GROUP_HOUSEHOLDS: 77, ECOM_STORES: 1 });
    await send(v.team, AFTER.week, { DVC_GUIDED: 50 });
  }
  const teamsOf = (pred) => villages.filter(pred).map((v) => v.team);
  const newOf = (code) => num(`SELECT id FROM unit WHERE level = 'commune' AND code = '${code}' AND valid_to IS NULL`);
  const oldOf = (code) => num(`SELECT id FROM unit WHERE level = 'commune' AND code = '${code}' AND valid_to IS NOT NULL`);
  const successors = [...new Set(whole.map((c) => [...conv.get(c).news][0]))];
  const nation = num("SELECT id FROM unit WHERE level = 'nation'");
  const province = num("SELECT id FROM unit WHERE level = 'province' AND code = '20' AND valid_to IS NULL");
  const beforeNew = {};
  for (const n of successors) beforeNew[n] = { y: await progress(newOf(n), '2024'), m: await progress(newOf(n), AFTER.month) };
  const nationBefore = await progress(nation, '2024');
  const provinceBefore = await progress(province, '2024');
  const oldProvince = num("SELECT id FROM unit WHERE level = 'province' AND code = '20' AND valid_to IS NOT NULL");
  assert.deepEqual(pick(await progress(oldProvince, '2024')), brute(villages.map((v) => v.team), '2024'));

  // the table applied
  const t0 = Date.now();
  const out = cli('units', 'apply-conversion', '--effective', '2025-07-01', '--decision', '19/2025/QĐ-TTg', CONVERSION);
  const moved = villages.filter((v) => conv.get(v.old).whole).length;
  const waiting = villages.length - moved;
  assert.match(out, new RegExp(`${moved} villages moved to their new commune, ${waiting} villages of split communes waiting`), out);
  assert.match(out, /rows of provinces not loaded/);
  console.log(`# conversion applied to one province in ${Date.now() - t0} ms: ${out.trim()}`);
  execFileSync(bin, ['check', '--db', srv.db], { encoding: 'utf8' });

  // as now: today's commune counts every team now inside it
  for (const n of successors) {
    const teams = teamsOf((v) => conv.get(v.old).whole && conv.get(v.old).news.has(n));
    assert.deepEqual(pick(await progress(newOf(n), '2024')), plus(pick(beforeNew[n].y), brute(teams, '2024')), `${n} in 2024`);
    const later = teams.filter((t) => t.sent.some((s) => s.period === AFTER.month));
    assert.equal((await progress(newOf(n), AFTER.month)).DVC_FILED, beforeNew[n].m.DVC_FILED + 100 * later.length, `${n} in ${AFTER.month}`);
  }
  // as then: an old commune keeps its own figures, and nothing after its day
  for (const c of chosen) {
    const teams = teamsOf((v) => v.old === c);
    assert.deepEqual(pick(await progress(oldOf(c), '2024')), brute(teams, '2024'), `${c} then`);
    assert.equal((await progress(oldOf(c), '2025-06')).DVC_FILED, brute(teams, '2025-06').DVC_FILED);
    const gone = await progress(oldOf(c), AFTER.month);
    if (conv.get(c).whole) assert.deepEqual([gone.DVC_FILED, gone.GROUP_HOUSEHOLDS, gone.expected], [0, 0, 0], `${c} after its day`);
  }
  // the province today gains the moved villages' history; the old one and
  // the nation keep theirs
  assert.deepEqual(pick(await progress(province, '2024')), plus(pick(provinceBefore), brute(teamsOf((v) => conv.get(v.old).whole), '2024')));
  assert.deepEqual(pick(await progress(oldProvince, '2024')), brute(villages.map((v) => v.team), '2024'));
  assert.deepEqual(pick(await progress(nation, '2024')), pick(nationBefore));

  // read as then: a new commune did not exist in 2024; a month after its
  // day reads the same both ways; the old commune keeps 2025 up to its day
  const dd06184 = newOf('06184');
  const then24 = (await api('GET', `/api/v1/units/${dd06184}/progress?period=2024&as=then`)).body;
  assert.equal(then24.existed, false);
  assert.equal(then24.as, 'then');
  assert.deepEqual(pick(Object.fromEntries(then24.items.map((i) => [i.indicator, i.actual]))), pick({}));
  assert.equal(then24.completeness.expected, 0);
  const viaThen = (await api('GET', `/api/v1/units/${dd06184}/progress?period=${AFTER.month}&as=then`)).body;
  assert.equal(viaThen.items.find((i) => i.indicator === 'DVC_FILED').actual, (await progress(dd06184, AFTER.month)).DVC_FILED);
  const old06184 = oldOf('06184');
  const y2025 = (await api('GET', `/api/v1/units/${old06184}/progress?period=2025&as=then`)).body;
  assert.equal(y2025.existed, true);
  assert.equal(y2025.items.find((i) => i.indicator === 'DVC_FILED').actual, brute(teamsOf((v) => v.old === '06184'), '2025').DVC_FILED);
  assert.equal((await api('GET', `/api/v1/units/${dd06184}/progress?period=2024&as=yesterday`)).status, 400);
  // the nation side by side: today's Lạng Sơn as now, the old one as then;
  // each one's units add up to it
  const kids = async (unit, period, as) => {
    const r = await api('GET', `/api/v1/units/${unit}/breakdown?period=${period}&as=${as}&indicator=DVC_FILED&limit=200`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return r.body.items;
  };
  const now24 = (await kids(nation, '2024', 'now')).map((i) => i.unit.id);
  const was24 = (await kids(nation, '2024', 'then')).map((i) => i.unit.id);
  assert.ok(now24.includes(province) && !now24.includes(oldProvince));
  assert.ok(was24.includes(oldProvince) && !was24.includes(province));
  for (const [unit, as] of [[province, 'now'], [oldProvince, 'then']]) {
    const items = await kids(unit, '2024', as);
    const sum = items.reduce((n, i) => n + (i.values.DVC_FILED?.actual ?? 0), 0);
    assert.equal(sum, (await progress(unit, '2024')).DVC_FILED, `${as}: the units below add up`);
  }
  const page = await (await fetch(`${srv.base}/units/${nation}/breakdown?period=2024&as=then`, { headers: { cookie: admin.cookie } })).text();
  assert.match(page, /<option value="then" selected>/);
  assert.match(page, new RegExp(`href="/units/${oldProvince}/breakdown`));

  // one code, two places
  const at = async (code, day) => (await api('GET', `/api/v1/units?code=${code}&at=${day}`)).body.items;
  const town = await at('06184', '2025-05-01'), commune = await at('06184', '2025-08-01');
  assert.deepEqual(town.map((u) => [u.name, u.valid_to]), [['Thị trấn Đồng Đăng', '2025-06-30']]);
  assert.deepEqual(commune.map((u) => [u.name, u.valid_from]), [['Xã Đồng Đăng', '2025-07-01']]);
  assert.notEqual(town[0].id, commune[0].id);
  assert.equal((await at('20', '2025-05-01'))[0].id, oldProvince);
  assert.equal((await at('20', '2026-11-30'))[0].id, province);
  assert.equal((await api('GET', '/api/v1/units?code=06184&at=2025-02-30')).status, 400);
  // the lineage both ways
  const dd = (await api('GET', `/api/v1/units/${commune[0].id}`)).body;
  assert.deepEqual(dd.predecessors.map((p) => [p.code, p.share, p.effective_on, p.decision_no]).sort(),
    [...conv.entries()].filter(([, e]) => e.news.has('06184')).map(([c, e]) => [c, e.whole ? 'whole' : 'part', '2025-07-01', '19/2025/QĐ-TTg']).sort());
  const bx = (await api('GET', `/api/v1/units/${oldOf('06622')}`)).body;
  assert.deepEqual(bx.successors.map((s) => [s.code, s.share]).sort(), [...conv.get('06622').news].sort().map((c) => [c, 'part']));
  const unitPage = await (await fetch(`${srv.base}/units/${oldOf('06622')}`, { headers: { cookie: admin.cookie } })).text();
  assert.match(unitPage, /Went into|Đã nhập vào/);
  assert.match(unitPage, new RegExp(`href="/units/${newOf('06613')}"`));

  // exactly the villages of split communes wait
  const list = cli('units', 'waiting').trim().split('\n').map((l) => l.split('\t'));
  assert.deepEqual(list.map((l) => Number(l[0])).sort(), villages.filter((v) => !conv.get(v.old).whole).map((v) => v.id).sort());
  // a report of a closed period no longer changes; a later one does
  const movedTeam = villages.find((v) => conv.get(v.old).whole).team;
  const closed = await api('PUT', `/api/v1/teams/${movedTeam.id}/reports/2024-05`, { values: { DVC_FILED: 999 }, submit: true });
  assert.equal(closed.status, 422);
  assert.equal(closed.body.errors[0].field, 'period');
  await send(movedTeam, '2025-09', { DVC_FILED: 5, GROUP_HOUSEHOLDS: 60, ECOM_STORES: 0 });

  // a second run changes nothing
  const snapshot = async () => Promise.all(successors.map((n) => progress(newOf(n), '2024')));
  const first = await snapshot();
  assert.match(cli('units', 'apply-conversion', '--effective', '2025-07-01', CONVERSION), /: 0 links added, 0 villages moved/);
  assert.deepEqual(await snapshot(), first);

  // the province says where a split commune's village goes
  const v = villages.find((x) => x.old === '06622');
  assert.throws(() => cli('units', 'assign', String(v.id), '06184'), /not a successor/);
  const target = newOf('06613');
  const before613 = await progress(target, '2024');
  cli('units', 'assign', String(v.id), '06613');
  assert.deepEqual(pick(await progress(target, '2024')), plus(pick(before613), brute([v.team], '2024')));
  assert.deepEqual(pick(await progress(oldOf('06622'), '2024')), brute(teamsOf((x) => x.old === '06622'), '2024'));
  assert.equal(cli('units', 'waiting').trim().split('\n').length, waiting - 1);
  assert.throws(() => cli('units', 'assign', String(v.id), '06613'), /no village/);
  execFileSync(bin, ['check', '--db', srv.db], { encoding: 'utf8' });
  // the province's officer sees the last waiting village and moves it on
  // the page; a commune officer sees none and moves nothing
  const prov = await signIn(srv.base, 'tinh.langson');
  const xa = await signIn(srv.base, 'xa.dongdang');
  const waitingOf = async (who) => (await (await fetch(`${srv.base}/api/v1/reorganisation/waiting`, { headers: { cookie: who.cookie } })).json()).items;
  const v2 = villages.find((x) => x.old === '06625');
  const w = await waitingOf(prov);
  assert.deepEqual(w.map((x) => x.village.id), [v2.id]);
  assert.deepEqual(w[0].choices.map((c) => c.code).sort(), [...conv.get('06625').news].sort());
  assert.deepEqual(await waitingOf(xa), []);
  const html = await (await fetch(`${srv.base}/reorganisation`, { headers: { cookie: prov.cookie } })).text();
  assert.match(html, new RegExp(`action="/reorganisation/villages/${v2.id}"`));
  const dest = newOf('06637');
  const post = (who, commune) => fetch(`${srv.base}/reorganisation/villages/${v2.id}`, { method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: who.cookie }, body: new URLSearchParams({ csrf: who.csrf, commune: String(commune) }) });
  assert.equal((await post(xa, dest)).status, 404);
  assert.equal((await post(prov, newOf('06184'))).status, 422);
  const before637 = await progress(dest, '2024');
  assert.equal((await post(prov, dest)).status, 303);
  assert.deepEqual(pick(await progress(dest, '2024')), plus(pick(before637), brute([v2.team], '2024')));
  assert.equal(cli('units', 'waiting').trim(), '');
  assert.match(await (await fetch(`${srv.base}/audit`, { headers: { cookie: admin.cookie } })).text(), /moved a village of a split commune|đã chuyển thôn của xã bị chia tách/);
  execFileSync(bin, ['check', '--db', srv.db], { encoding: 'utf8' });

  // the check reads the closed units' history: without it, it disagrees
  query(srv.db, 'CREATE TABLE past_kept AS SELECT * FROM unit_tree_past');
  query(srv.db, 'DELETE FROM unit_tree_past');
  assert.throws(() => execFileSync(bin, ['check', '--db', srv.db], { encoding: 'utf8', stdio: 'pipe' }), /unit/);
  query(srv.db, 'INSERT INTO unit_tree_past SELECT * FROM past_kept');
  query(srv.db, 'DROP TABLE past_kept');
  execFileSync(bin, ['check', '--db', srv.db], { encoding: 'utf8' });
});

test('a newer official list: ten communes made wards and two new codes, nothing else; recorded with their history; found by their code of then', { skip }, async () => {
  const LIST = join(DATA, 'communes-2026-07-25.csv');
  const out = cli('units', 'diff', LIST);
  assert.match(out, /3321 rows: 0 new, 0 closed, 0 renamed, 10 of another kind, 2 under another code\n$/);
  // this test's own reading: the rows whose code is today's and whose kind
  // (in any case) is another, and the codes today's list does not have
  const today = new Map(query(srv.db, "SELECT code, kind FROM unit WHERE level = 'commune' AND valid_to IS NULL AND code IS NOT NULL")
    .split('\n').map((l) => l.split('|')));
  const rows = csv(readFileSync(LIST, 'utf8')).slice(1).filter((r) => r.length >= 5);
  const kinds = rows.filter((r) => today.has(r[2]) && today.get(r[2]).toLowerCase() !== r[4].toLowerCase()).map((r) => r[2]).sort();
  const unknown = rows.filter((r) => !today.has(r[2])).map((r) => r[2]).sort();
  const lines = out.trim().split('\n').slice(0, -1).map((l) => l.split('\t'));
  assert.deepEqual(lines.filter((l) => l[0] === 'kind').map((l) => l[1]).sort(), kinds);
  assert.equal(kinds.length, 10);
  assert.deepEqual(lines.filter((l) => l[0] === 'code').map((l) => l[2].split(' → ')[1].slice(0, 5)).sort(), unknown);
  assert.deepEqual(lines.filter((l) => l[0] === 'code').map((l) => l[1]).sort(), ['06970', '23737']);

  const baChe = num("SELECT id FROM unit WHERE level = 'commune' AND code = '06970'");
  const locNinh = num("SELECT id FROM unit WHERE level = 'commune' AND code = '25270'");
  assert.match(cli('units', 'apply', '--effective', '2026-07-01', LIST), /10 of another kind, 2 under another code; recorded from 2026-07-01/);
  assert.match(cli('units', 'diff', LIST), /0 new, 0 closed, 0 renamed, 0 of another kind, 0 under another code/);
  assert.match(cli('units', 'apply', '--effective', '2026-07-01', LIST), /0 of another kind, 0 under another code/);
  // the same unit, found by its code of each day
  const at = async (code, day) => (await api('GET', `/api/v1/units?code=${code}&at=${day}`)).body.items.map((u) => u.id);
  assert.deepEqual(await at('06970', '2026-01-15'), [baChe]);
  assert.deepEqual(await at('06978', '2026-08-01'), [baChe]);
  assert.deepEqual(await at('06970', '2026-08-01'), []);
  assert.deepEqual(await at('06978', '2026-01-15'), []);
  const ward = (await api('GET', `/api/v1/units/${locNinh}`)).body;
  assert.deepEqual([ward.name, ward.kind, ward.code], ['Phường Lộc Ninh', 'Phường', '25270']);
  assert.deepEqual(ward.changes.map((c) => [c.field, c.from, c.to, c.effective_on]),
    [['kind', 'Xã', 'Phường', '2026-07-01'], ['name', 'Xã Lộc Ninh', 'Phường Lộc Ninh', '2026-07-01']]);
  const wardPage = await (await fetch(`${srv.base}/units/${baChe}`, { headers: { cookie: admin.cookie } })).text();
  assert.match(wardPage, /06970 → 06978/);
  // a file of villages of that day's codes finds the unit
  writeFileSync(join(dir, 'old-code.csv'), 'commune_code,village\n06970,Thôn Đồng Thử\n');
  assert.match(cli('import', 'villages', '--at', '2026-03-01', join(dir, 'old-code.csv')), /1 villages added/);
  assert.equal(num(`SELECT parent_id FROM unit WHERE name = 'Thôn Đồng Thử'`), baChe);
  execFileSync(bin, ['check', '--db', srv.db], { encoding: 'utf8' });
});
