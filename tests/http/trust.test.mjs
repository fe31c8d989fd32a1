// trust.test.mjs: numbers a province can sign, checked from outside:
// hostile spellings of periods through the API, the pages and the targets
// file never make a period of their own; the future and empty reports are
// refused; stocks and completeness agree with a recomputation from the raw
// rows by SQL of this test's own; a targets grid of 4,000 rows is saved
// through the page in one go; langso check finds nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, signIn, login, langso, query } from '../lib/server.mjs';

let srv, member, officer, prov, team, commune, province;
const count = (sql) => Number(query(srv.db, sql));
const api = async (method, path, auth, body) => {
  const r = await fetch(srv.base + path, { method, headers: { cookie: auth.cookie, 'x-csrf-token': auth.csrf, 'content-type': 'application/json', 'accept-language': 'en' }, body: body ? JSON.stringify(body) : undefined });
  const text = await r.text();
  return { status: r.status, headers: r.headers, body: text ? JSON.parse(text) : null };
};
const form = (path, auth, fields) => fetch(srv.base + path, {
  method: 'POST', redirect: 'manual',
  headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: auth.cookie },
  body: new URLSearchParams({ csrf: auth.csrf, ...fields }),
});

before(async () => {
  srv = await startServer();
  member = await login(srv.base, 'to.dongdang');
  officer = await signIn(srv.base, 'xa.dongdang');
  prov = await login(srv.base, 'tinh.langson');
  team = count(`SELECT id FROM team WHERE unit_id = ${member.user.scope_unit_id} AND dissolved_on IS NULL`);
  commune = count("SELECT id FROM unit WHERE level = 'commune' AND code = '06184'");
  province = count("SELECT id FROM unit WHERE level = 'province' AND code = '20'");
});
after(async () => { if (srv) assert.equal(await srv.stop(), 0); });

test('hostile spellings of a period: the canonical period or a 4xx, never a new one', async () => {
  const hostile = ['2026w1', '2026W1', '2026W+1', '2026W%201', '2026W-1', '2026-1', '%202026-01', '2026-+1', '2026W001', '+2026W01', '2026W01%20'];
  for (const p of hostile) {
    const r = await api('PUT', `/api/v1/teams/${team}/reports/${p}`, member, { values: { DVC_GUIDED: 3 }, submit: true });
    assert.ok(r.status >= 400 && r.status < 500, `${p}: ${r.status}`);
    assert.equal(r.body.code === 'invalid_period' || r.status === 404, true, p);
  }
  // the API names the canonical spelling when it can read the period
  const named = await api('PUT', `/api/v1/teams/${team}/reports/2026w1`, member, { values: { DVC_GUIDED: 3 } });
  assert.match(named.body.title, /2026W01/);
  assert.equal(count(`SELECT count(*) FROM report WHERE team_id = ${team} AND period LIKE '2026W%' AND period <= '2026W01'`), 0);
  const ok = await api('PUT', `/api/v1/teams/${team}/reports/2026W01`, member, { values: { DVC_GUIDED: 3 }, submit: true });
  assert.equal(ok.status, 200);
  assert.equal(ok.body.period, '2026W01');
  // the pages send other spellings to the canonical address
  const page = await fetch(`${srv.base}/teams/${team}/reports/2026w1`, { headers: { cookie: officer.cookie }, redirect: 'manual' });
  assert.equal(page.status, 301);
  assert.equal(page.headers.get('location'), `/teams/${team}/reports/2026W01`);
  const post = await form(`/teams/${team}/reports/2026-1`, officer, { DVC_FILED: '1', action: 'save' });
  assert.equal(post.status, 308);
  assert.equal(post.headers.get('location'), `/teams/${team}/reports/2026-01`);
  assert.equal((await fetch(`${srv.base}/teams/${team}/reports/2026W+1`, { headers: { cookie: officer.cookie } })).status, 404);
  // the progress page reads any spelling and shows the canonical one
  const prog = await (await fetch(`${srv.base}/units/${commune}/progress?period=${encodeURIComponent(' 2026q4')}`, { headers: { cookie: officer.cookie } })).text();
  assert.match(prog, /value="2026Q4"/);
  // nothing stored under any other spelling, anywhere
  const canonical = /^20\d\d(W(0[1-9]|[1-4]\d|5[0-3])|-(0[1-9]|1[0-2])|Q[1-4])?$/;
  for (const table of ['report', 'target', 'agg', 'agg_report', 'agg_stock', 'rollup_pending'])
    for (const p of query(srv.db, `SELECT DISTINCT period FROM ${table}`).split('\n').filter(Boolean))
      assert.match(p, canonical, table);
});

test('the targets file: any spelling comes in as the canonical period, a wrong one names its line', async () => {
  const o = await signIn(srv.base, 'tinh.langson');
  const c = count("SELECT id FROM unit WHERE level = 'commune' AND code = '06184'");
  const upload = (text) => {
    const fd = new FormData();
    fd.set('csrf', o.csrf);
    fd.set('file', new Blob([text]), 'chi-tieu.csv');
    return fetch(`${srv.base}/import/targets`, { method: 'POST', body: fd, headers: { cookie: o.cookie } });
  };
  const good = await upload(`unit_id;unit;period;DVC_GUIDED\r\n${c};x; 2026-3;31\r\n${c};x;2026q2;32\r\n`);
  assert.equal(good.status, 200);
  assert.equal(count(`SELECT value FROM target WHERE unit_id = ${c} AND period = '2026-03' AND indicator_id = (SELECT id FROM indicator WHERE code = 'DVC_GUIDED')`), 31);
  assert.equal(count(`SELECT value FROM target WHERE unit_id = ${c} AND period = '2026Q2' AND indicator_id = (SELECT id FROM indicator WHERE code = 'DVC_GUIDED')`), 32);
  const april = () => query(srv.db, `SELECT count(*) || ':' || coalesce(sum(value * indicator_id), 0) FROM target WHERE unit_id = ${c} AND period = '2026-04'`);
  const kept = april();
  const bad = await upload(`unit_id;unit;period;DVC_GUIDED\r\n${c};x;2026-04;5\r\n${c};x;2026-+4;6\r\n`);
  assert.equal(bad.status, 422);
  assert.match(await bad.text(), /<tr><td>3<\/td><td>3 \(period\)<\/td>/);
  assert.equal(april(), kept, 'all or nothing');
});

test('the future and empty reports are refused; the arrows stop at the open week', async () => {
  const future = await api('PUT', `/api/v1/teams/${team}/reports/2030W01`, member, { values: { DVC_GUIDED: 1 }, submit: true });
  assert.equal(future.status, 422);
  assert.equal(future.body.errors[0].field, 'period');
  assert.equal(count(`SELECT count(*) FROM report WHERE period >= '2030'`), 0);
  const blank = await api('PUT', `/api/v1/teams/${team}/reports/2026W02`, member, { values: { DVC_GUIDED: null, VNEID_L2: null }, submit: true });
  assert.equal(blank.status, 422);
  assert.equal(blank.body.errors[0].field, 'values');
  const zero = await api('PUT', `/api/v1/teams/${team}/reports/2026W02`, member, { values: { DVC_GUIDED: 0 }, submit: true });
  assert.equal(zero.status, 200);
  assert.equal(zero.body.status, 'submitted');
  // this week's page links back, not forward
  const m = await signIn(srv.base, 'to.dongdang');
  const start = await fetch(`${srv.base}/report`, { headers: { cookie: m.cookie }, redirect: 'manual' });
  const here = start.headers.get('location');
  const week = here.split('/').pop();
  const page = await (await fetch(srv.base + here, { headers: { cookie: m.cookie } })).text();
  const linked = [...page.matchAll(/\/reports\/(\d{4}W\d{2})"/g)].map((x) => x[1]);
  assert.ok(linked.length >= 1);
  assert.ok(linked.every((w) => w <= week), `no week after ${week}: ${linked}`);
});

// Each team's most recent counted value at or before the end of the
// quarter, summed over the teams below unit that exist then: written here
// in SQL of its own, from the raw reports.
const stockByHand = (unit, code, lastMonth) => count(`
  WITH v AS (SELECT r.team_id, r.period, x.value,
      row_number() OVER (PARTITION BY r.team_id ORDER BY r.period DESC) AS k
    FROM report r JOIN report_value x ON x.report_id = r.id
    JOIN indicator i ON i.id = x.indicator_id AND i.code = '${code}'
    JOIN team t ON t.id = r.team_id JOIN unit_tree u ON u.unit_id = t.unit_id AND u.ancestor_id = ${unit}
    WHERE r.status IN ('submitted', 'accepted') AND r.period LIKE '____-__'
      AND r.period <= '${lastMonth}'
      AND (t.dissolved_on IS NULL OR t.dissolved_on >= '${lastMonth}-01'))
  SELECT coalesce(sum(value), 0) FROM v WHERE k = 1`);

test('stocks: commune, province and nation equal the sum of their teams\' latest values', async () => {
  // the demo's last quarter and year, whatever today is
  const q = (await api('GET', `/api/v1/units/${province}/progress?period=2026Q4`, prov)).body;
  for (const code of ['GROUP_HOUSEHOLDS', 'SMARTPHONE_HH', 'FIBRE_HH']) {
    const nation = count("SELECT id FROM unit WHERE level = 'nation'");
    for (const [unit, who] of [[commune, prov], [province, prov], [nation, prov]]) {
      const r = await api('GET', `/api/v1/units/${unit}/progress?period=2026Q4`, who);
      if (r.status === 404) continue; // the nation is outside a province's scope
      const item = r.body.items.find((i) => i.indicator === code);
      assert.equal(item.aggregation, 'latest');
      assert.equal(item.actual, stockByHand(unit, code, '2026-12'), `${code} at ${unit}`);
    }
    // the commune equals the sum of its villages
    const villages = query(srv.db, `SELECT id FROM unit WHERE parent_id = ${commune} AND level = 'village'`).split('\n').map(Number);
    let sum = 0;
    for (const v of villages) sum += (await api('GET', `/api/v1/units/${v}/progress?period=2026Q4`, prov)).body.items.find((i) => i.indicator === code).actual;
    const c = (await api('GET', `/api/v1/units/${commune}/progress?period=2026Q4`, prov)).body.items.find((i) => i.indicator === code);
    assert.equal(c.actual, sum, `${code}: commune = its villages`);
    assert.ok(q.items.find((i) => i.indicator === code).teams > 0);
  }
});

test('completeness: expected counts each team while it exists; missing teams are listed at every level', async () => {
  // a week the demo filled: the province's missing teams, every page
  const week = query(srv.db, "SELECT max(period) FROM report WHERE period LIKE '%W%' AND status = 'submitted'");
  const p = (await api('GET', `/api/v1/units/${province}/progress?period=${week}`, prov)).body;
  assert.ok(p.completeness.expected > 0);
  assert.equal(p.completeness.expected, p.completeness.received + p.completeness.missing);
  let all = [], cursor = null;
  do {
    const r = await api('GET', `/api/v1/units/${province}/missing?period=${week}${cursor ? `&cursor=${cursor}` : ''}`, prov);
    assert.equal(r.status, 200);
    all = all.concat(r.body.items);
    cursor = r.body.next_cursor;
  } while (cursor);
  assert.equal(all.length, p.completeness.missing);
  assert.equal(new Set(all.map((m) => m.team.id)).size, all.length, 'no team twice');
  for (const m of all.slice(0, 5)) assert.ok(m.village.name && m.commune.name && m.commune.code);
  assert.deepEqual(p.missing_teams.items.map((m) => m.team.id), all.slice(0, p.missing_teams.items.length).map((m) => m.team.id));
  // a team established today is not expected for last year's weeks
  const dir = mkdtempSync(join(tmpdir(), 'langso-trust-'));
  writeFileSync(join(dir, 'v.csv'), 'commune_code,village\n06184,Thôn Mới Lập\n');
  langso(['import', 'villages', '--db', srv.db, join(dir, 'v.csv')]);
  const before = (await api('GET', `/api/v1/units/${commune}/progress?period=2025-03`, prov)).body.completeness.expected;
  const v = count("SELECT u.id FROM unit u JOIN unit c ON c.id = u.parent_id WHERE c.code = '06184' AND u.name = 'Thôn Mới Lập'");
  const made = await api('POST', '/api/v1/teams', prov, { unit_id: v, name: 'Tổ mới lập', established_on: '2026-11-28' });
  assert.equal(made.status, 201);
  const afterwards = (await api('GET', `/api/v1/units/${commune}/progress?period=2025-03`, prov)).body.completeness.expected;
  assert.equal(afterwards, before);
  assert.equal((await api('PUT', `/api/v1/teams/${made.body.id}/reports/2026W47`, prov, { values: { DVC_GUIDED: 1 }, submit: true })).status, 422);
});

test('a targets grid of 4,000 villages is saved through the page, in one go', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'langso-grid-'));
  const rows = ['commune_code,village'];
  for (let i = 1; i <= 4000; i++) rows.push(`05977,Tổ dân phố lưới ${i}`);
  writeFileSync(join(dir, 'v.csv'), rows.join('\n'));
  langso(['import', 'villages', '--db', srv.db, join(dir, 'v.csv')]);
  const dk = count("SELECT id FROM unit WHERE level = 'commune' AND code = '05977'");
  const o = await signIn(srv.base, 'tinh.langson');
  const page = await (await fetch(`${srv.base}/targets?unit=${dk}&period=2026-12`, { headers: { cookie: o.cookie } })).text();
  const names = [...page.matchAll(/<input name="(t_\d+_[A-Z0-9_]+)"/g)].map((x) => x[1]);
  const villages = count(`SELECT count(*) FROM unit WHERE parent_id = ${dk} AND valid_to IS NULL`);
  const indicators = count('SELECT count(*) FROM indicator WHERE owner_unit_id IS NULL');
  assert.ok(villages >= 4000);
  assert.equal(names.length, (1 + villages) * indicators, 'the commune and every village, every indicator');
  const body = new URLSearchParams({ csrf: o.csrf, unit: String(dk), period: '2026-12' });
  names.forEach((n, i) => body.append(n, String(i % 1000)));
  const r = await fetch(`${srv.base}/targets`, { method: 'POST', body, headers: { cookie: o.cookie, 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(r.status, 200);
  assert.match(await r.text(), /Đã lưu/);
  assert.equal(count(`SELECT count(*) FROM target t JOIN unit u ON u.id = t.unit_id WHERE (u.parent_id = ${dk} OR u.id = ${dk}) AND t.period = '2026-12'`), names.length);
  // a wrong cell anywhere saves nothing, and says which
  const bad = new URLSearchParams({ csrf: o.csrf, unit: String(dk), period: '2026-12' });
  names.forEach((n, i) => bad.append(n, i === names.length - 1 ? 'nhiều' : '777777'));
  const b = await fetch(`${srv.base}/targets`, { method: 'POST', body: bad, headers: { cookie: o.cookie, 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(b.status, 422);
  assert.match(await b.text(), new RegExp(names[names.length - 1]));
  assert.equal(count(`SELECT count(*) FROM target t JOIN unit u ON u.id = t.unit_id WHERE u.parent_id = ${dk} AND t.period = '2026-12' AND t.value = 777777`), 0);
  // and a form with more fields than the route takes is refused with the limit
  const many = new URLSearchParams({ csrf: o.csrf });
  for (let i = 0; i < 300; i++) many.append(`x${i}`, '1');
  const m = await fetch(`${srv.base}/teams/${team}/reports/2026W03`, { method: 'POST', body: many, headers: { cookie: o.cookie, 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(m.status, 413);
  assert.match(await m.text(), /200/);
});

test('lists page instead of stopping: 450 difficulties come back whole, a page at a time', async () => {
  const two = (n) => String(n).padStart(2, '0');
  const rows = Array.from({ length: 450 }, (_, k) => k + 1)
    .map((i) => `(${team}, 'Khó khăn số ${i}', 'other', ${commune}, '2026-01-01T00:${two(Math.floor(i / 60))}:${two(i % 60)}Z')`);
  query(srv.db, `INSERT INTO difficulty(team_id, text, category, unit_id, opened_at) VALUES ${rows.join(',')}`);
  const o = await login(srv.base, 'xa.dongdang');
  const want = count(`SELECT count(*) FROM difficulty WHERE status <> 'resolved'`);
  assert.ok(want >= 450);
  let seen = [], cursor = null, pages = 0;
  do {
    const r = await api('GET', `/api/v1/difficulties${cursor ? `?cursor=${cursor}` : ''}`, o);
    assert.equal(r.status, 200);
    seen = seen.concat(r.body.items.map((d) => d.id));
    cursor = r.body.next_cursor;
    pages++;
  } while (cursor);
  assert.ok(pages >= 3);
  assert.equal(new Set(seen).size, seen.length, 'no difficulty twice');
  const inScope = count(`SELECT count(*) FROM difficulty d JOIN team t ON t.id = d.team_id JOIN unit_tree x ON x.unit_id = t.unit_id AND x.ancestor_id = ${commune} WHERE d.status <> 'resolved'`);
  assert.equal(seen.length, inScope);
  // the page links to the next page
  const page = await (await fetch(`${srv.base}/difficulties`, { headers: { cookie: officer.cookie } })).text();
  assert.match(page, /rel="next" href="\/difficulties\?cursor=\d+"/);
});

test('langso check recomputes flows, stocks, reports and teams: no difference', async () => {
  const out = langso(['check', '--db', srv.db]);
  assert.match(out, /: 0 differences/);
});
