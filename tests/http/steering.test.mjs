// steering.test.mjs: a unit's children side by side. The breakdown API
// and page are checked against a brute force over the raw reports (the
// weakest communes of last month, by a GROUP BY of their teams' values),
// against the province's own progress (the children add up to it), page
// by page in several orders; the teams missing behind each count; bad
// parameters named; and the province officer's two clicks from the home
// page to the weakest communes' missing teams.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import { gunzipSync } from 'node:zlib';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, signIn, query, langso } from '../lib/server.mjs';

let srv, province, officer;
// Thursday of week 48 (November): last month is October, its weeks 40-44
before(async () => {
  srv = await startServer({ args: ['--clock', '2026-11-26T09:00:00+07:00'] });
  officer = await signIn(srv.base, 'tinh.langson');
  province = Number(query(srv.db, "SELECT scope_unit_id FROM app_user WHERE username = 'tinh.langson'"));
});
after(async () => { if (srv) assert.equal(await srv.stop(), 0); });

const get = async (path, who = officer) => {
  const r = await fetch(`${srv.base}${path}`, { headers: { cookie: who.cookie } });
  return { status: r.status, body: r.headers.get('content-type').includes('json') ? await r.json() : await r.text() };
};
const rows = (sql) => query(srv.db, sql).split('\n').filter(Boolean).map((l) => l.split('|'));

// every page of a breakdown, following next_cursor
async function all(path) {
  const items = [];
  let cursor = null, total = null, pages = 0;
  do {
    const r = await get(`${path}${cursor ? `&cursor=${cursor}` : ''}`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    if (total !== null) assert.equal(r.body.total, total, 'the total holds from page to page');
    total = r.body.total;
    items.push(...r.body.items);
    cursor = r.body.next_cursor;
    pages++;
  } while (cursor);
  assert.equal(items.length, total);
  assert.equal(new Set(items.map((i) => i.unit.id)).size, total, 'each unit once');
  items.forEach((it, i) => assert.equal(it.rank, i + 1));
  return { items, pages };
}

// The weeks of October 2026 (a week is in the month of its Thursday).
const OCTOBER = ['2026W40', '2026W41', '2026W42', '2026W43', '2026W44'];

test('the communes of a province for last month, weakest first, as a GROUP BY over the raw values ranks them', async () => {
  const { items, pages } = await all(`/api/v1/units/${province}/breakdown?period=2026-10&indicator=DVC_GUIDED&limit=20`);
  assert.ok(pages >= 4, 'paged, never truncated');
  const communes = rows(`SELECT id, sort_key FROM unit WHERE parent_id = ${province}`);
  assert.equal(items.length, communes.length);
  // brute force: each commune's teams' counted values for the weeks of October
  const actual = new Map(rows(`SELECT x.ancestor_id, sum(v.value) FROM report r JOIN team t ON t.id = r.team_id
      JOIN unit_tree x ON x.unit_id = t.unit_id JOIN report_value v ON v.report_id = r.id
      JOIN indicator i ON i.id = v.indicator_id AND i.code = 'DVC_GUIDED'
      WHERE r.status IN ('submitted', 'accepted') AND r.period IN (${OCTOBER.map((w) => `'${w}'`).join(',')})
      GROUP BY x.ancestor_id`).map(([u, v]) => [Number(u), Number(v)]));
  const target = new Map(rows(`SELECT t.unit_id, t.value FROM target t JOIN indicator i ON i.id = t.indicator_id
      WHERE i.code = 'DVC_GUIDED' AND t.period = '2026-10'`).map(([u, v]) => [Number(u), Number(v)]));
  const key = new Map(communes.map(([id, sk]) => [Number(id), sk]));
  const expected = communes.map(([id]) => Number(id)).sort((a, b) => {
    const ta = target.get(a) || 0, tb = target.get(b) || 0;
    if (!ta !== !tb) return ta ? -1 : 1;
    const ka = ta ? Math.floor((actual.get(a) || 0) * 10000 / ta) : actual.get(a) || 0;
    const kb = tb ? Math.floor((actual.get(b) || 0) * 10000 / tb) : actual.get(b) || 0;
    return ka - kb || (key.get(a) < key.get(b) ? -1 : key.get(a) > key.get(b) ? 1 : a - b);
  });
  assert.deepEqual(items.map((i) => i.unit.id), expected, 'the order of the brute force');
  for (const it of items) {
    const v = it.values.DVC_GUIDED;
    assert.deepEqual(Object.keys(it.values), ['DVC_GUIDED'], 'one indicator asked, one given');
    assert.equal(v.actual, actual.get(it.unit.id) || 0, it.unit.name);
    assert.equal(v.target, target.get(it.unit.id) ?? null);
    if (v.target) {
      assert.equal(v.percent, Math.floor(v.actual * 100 / v.target));
      assert.equal(v.lagging, v.actual < v.target, 'October is over: behind is below 100%');
    }
    assert.equal(it.lagging, v.lagging);
    assert.equal(it.unit.level, 'commune');
  }
  assert.ok(items.some((i) => i.lagging) && items.some((i) => !i.lagging && i.values.DVC_GUIDED.target), 'the demo has both');
});

test("the children add up to the province's own progress, in every order, for a month, a quarter and a year", async () => {
  for (const period of ['2026-10', '2026Q4', '2026', '2026W47']) {
    const own = (await get(`/api/v1/units/${province}/progress?period=${period}`)).body;
    for (const sort of ['percent', '-percent', 'missing', 'received', '-late', 'name', 'difficulties']) {
      const { items } = await all(`/api/v1/units/${province}/breakdown?period=${period}&sort=${sort}&limit=30`);
      for (const mine of own.items) {
        const sum = items.reduce((s, i) => s + i.values[mine.indicator].actual, 0);
        assert.equal(sum, mine.actual, `${period} ${sort} ${mine.indicator}`);
      }
      for (const k of ['expected', 'received', 'on_time', 'late', 'missing']) {
        if (k === 'missing') continue; // a child's missing is never below 0: the sum may exceed the parent's
        assert.equal(items.reduce((s, i) => s + i.completeness[k], 0), own.completeness[k], `${period} ${sort} ${k}`);
      }
      // each order as it says, the worst first
      const col = {
        missing: (i) => -i.completeness.missing,
        received: (i) => (i.completeness.expected ? i.completeness.received / i.completeness.expected : null),
        '-late': (i) => -i.completeness.late,
        difficulties: (i) => -i.open_difficulties,
      }[sort];
      if (!col) continue;
      const keys = items.map(col).filter((k) => k !== null);
      for (let i = 1; i < keys.length; i++)
        assert.ok(sort.startsWith('-') ? keys[i] <= keys[i - 1] : keys[i] >= keys[i - 1], `${period} ${sort} at ${i}`);
    }
  }
});

test('the nation ranks all its communes, fifty a page, and the open difficulties counted where their teams are', async () => {
  const nation = Number(query(srv.db, "SELECT id FROM unit WHERE level = 'nation'"));
  const admin = await signIn(srv.base, 'admin');
  const r = await get(`/api/v1/units/${nation}/breakdown?period=2026-10&level=commune&sort=-difficulties`, admin);
  assert.equal(r.status, 200);
  assert.equal(r.body.total, Number(query(srv.db, "SELECT count(*) FROM unit WHERE level = 'commune'")));
  assert.equal(r.body.items.length, 50);
  assert.ok(r.body.next_cursor);
  // reversed: the fewest first; the first with any is checked by a count
  const most = await get(`/api/v1/units/${nation}/breakdown?period=2026-10&level=commune&sort=difficulties&limit=1`, admin);
  const top = most.body.items[0];
  const counted = Number(query(srv.db, `SELECT count(*) FROM difficulty d JOIN team t ON t.id = d.team_id
      JOIN unit_tree x ON x.unit_id = t.unit_id WHERE x.ancestor_id = ${top.unit.id} AND d.status <> 'resolved'`));
  assert.equal(top.open_difficulties, counted);
  const max = Number(query(srv.db, `SELECT max(n) FROM (SELECT x.ancestor_id, count(*) AS n FROM difficulty d
      JOIN team t ON t.id = d.team_id JOIN unit_tree x ON x.unit_id = t.unit_id JOIN unit c ON c.id = x.ancestor_id
      AND c.level = 'commune' WHERE d.status <> 'resolved' GROUP BY x.ancestor_id) m`));
  assert.equal(counted, max);
});

test('bad parameters are named, and a commune officer cannot see the province side by side', async () => {
  const base = `/api/v1/units/${province}/breakdown`;
  for (const [q, name] of [['period=2026W+1', 'period'], ['period=2026-10&sort=best', 'sort'],
    ['period=2026-10&indicator=NOPE', 'indicator'], ['period=2026-10&level=province', 'level'],
    ['period=2026-10&level=hamlet', 'level'], ['period=2026-10&cursor=-1', 'cursor'], ['period=2026-10&limit=999', 'limit']]) {
    const r = await get(`${base}?${q}`);
    assert.equal(r.status, 400, q);
    assert.match(JSON.stringify(r.body), new RegExp(name), q);
  }
  const commune = await signIn(srv.base, 'xa.dongdang');
  assert.equal((await get(`${base}?period=2026-10`, commune)).status, 404);
  const own = Number(query(srv.db, "SELECT scope_unit_id FROM app_user WHERE username = 'xa.dongdang'"));
  const r = await get(`/api/v1/units/${own}/breakdown?period=2026-10`, commune);
  assert.equal(r.status, 200);
  assert.equal(r.body.total, Number(query(srv.db, `SELECT count(*) FROM unit WHERE parent_id = ${own}`)), 'a commune: its villages');
});

test("two clicks from the province's home: the weakest communes of last month, then a commune's missing teams", async () => {
  const home = (await get('/')).body;
  const link = /<a class="button" href="(\/units\/\d+\/breakdown\?period=2026-10)">/.exec(home);
  assert.ok(link, 'the home links to last month side by side');
  const page = (await get(link[1].replace(/&amp;/g, '&'))).body;
  const api = (await get(`/api/v1/units/${province}/breakdown?period=2026-10&limit=3`)).body;
  const names = [...page.matchAll(/<tr(?: class="lag")?><td class="num">(\d+)<\/td><td><a href="\/units\/(\d+)\/breakdown/g)].map((m) => Number(m[2]));
  assert.deepEqual(names.slice(0, 3), api.items.map((i) => i.unit.id), 'the page shows the API order');
  assert.match(page, /aria-sort="ascending"/);
  // the first commune with a monthly report missing (the demo's reports
  // depend on the day it was made: a commune may miss only weekly ones):
  // its count links to the list
  let weak = null, answer = null;
  const most = (await get(`/api/v1/units/${province}/breakdown?period=2026-10&sort=missing&limit=50`)).body.items;
  for (const c of [...api.items, ...most].filter((i) => i.completeness.missing)) {
    answer = (await get(`/api/v1/units/${c.unit.id}/missing?period=2026-10`)).body;
    if (answer.items.length) { weak = c; break; }
  }
  assert.ok(weak, 'a commune misses a monthly report');
  const href = `/units/${weak.unit.id}/missing?period=2026-10`;
  if (api.items.includes(weak)) assert.ok(page.includes(`href="${href}"`), 'a missing count links to its teams');
  const list = (await get(href)).body;
  const teams = [...list.matchAll(/<li><a href="\/teams\/(\d+)\/reports\/2026-10">/g)].map((m) => Number(m[1]));
  const missing = answer.items.map((i) => i.team.id);
  // the reminder of the commune: the period in words and each village missing
  assert.equal(answer.reminders.length, 1);
  assert.equal(answer.reminders[0].commune.id, weak.unit.id);
  assert.ok(answer.reminders[0].text.startsWith('Nhắc các Tổ chưa gửi báo cáo kỳ Tháng 10/2026:\n'), answer.reminders[0].text);
  for (const i of answer.items) assert.ok(answer.reminders[0].text.includes(`- ${i.village.name}\n`));
  assert.deepEqual(teams, missing);
  // the month's count adds its weekly and monthly reports; the list is of
  // the monthly report's
  assert.ok(teams.length > 0 && teams.length <= weak.completeness.missing);
  assert.match(list, /<textarea[^>]*readonly data-copy>/, 'with the reminder for the Zalo group');
});

test('every API route of the route table is in the OpenAPI document', async () => {
  const doc = await (await fetch(`${srv.base}/api/v1/openapi.json`)).json();
  const api = langso(['routes']).trim().split('\n').map((l) => l.split('\t'))
    .filter(([, p]) => p.startsWith('/api/v1/') && p !== '/api/v1/openapi.json');
  const undocumented = api.filter(([m, p]) => !doc.paths[p] || !doc.paths[p][m.toLowerCase()]).map(([m, p]) => `${m} ${p}`);
  assert.deepEqual(undocumented, []);
});

// a CSV line as LibreOffice writes it (",", quotes doubled inside quotes)
const csvRows = (text) => {
  const rows = [];
  let row = [], cell = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') quoted = false; else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(cell); cell = ''; } else if (ch === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; } else if (ch !== '\r') cell += ch;
  }
  if (cell || row.length) { row.push(cell); rows.push(row); }
  return rows;
};

test('the workbook that goes up, read back by LibreOffice, says what the API says', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'langso-progress-'));
  const x = await fetch(`${srv.base}/units/${province}/export?period=2026-10`, { headers: { cookie: officer.cookie } });
  assert.equal(x.status, 200);
  assert.match(x.headers.get('content-type'), /spreadsheetml/);
  assert.match(x.headers.get('content-disposition'), /attachment; filename="tien-do-20-2026-10.xlsx"/);
  writeFileSync(join(dir, 'p.xlsx'), Buffer.from(await x.arrayBuffer()));
  // every sheet to its own CSV file (the last token: -1)
  execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to',
    'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1', '--outdir', dir, join(dir, 'p.xlsx')],
  { stdio: 'ignore', timeout: 120000 });
  const sheet = (name) => csvRows(readFileSync(join(dir, `p-${name}.csv`), 'utf8'));
  const progress = sheet('Tiến độ');
  assert.match(progress[0][0], /^Kết quả thực hiện — Lạng Sơn — Tháng 10\/2026$/);
  const names = progress[3];
  const { items } = await all(`/api/v1/units/${province}/breakdown?period=2026-10&sort=name&limit=200`);
  const own = (await get(`/api/v1/units/${province}/progress?period=2026-10`)).body;
  const col = (i) => 2 + 3 * i; // each indicator: target, done, %
  assert.equal(names[col(0)], own.items[0].name);
  const body = progress.slice(5);
  assert.equal(body.length, items.length + 1, 'a row per commune and the total');
  const n = (s) => (s === '' ? null : Number(s.replace(/\./g, '').replace(/,/g, '')));
  items.forEach((it, r) => {
    const row = body[r];
    assert.equal(row[0], it.unit.code);
    assert.equal(row[1], it.unit.name);
    own.items.forEach((ind, i) => {
      const v = it.values[ind.indicator];
      assert.equal(n(row[col(i)]), v.target, `${it.unit.name} ${ind.indicator} target`);
      assert.equal(n(row[col(i) + 1]), v.actual, `${it.unit.name} ${ind.indicator} done`);
      assert.equal(n(row[col(i) + 2]), v.percent);
    });
    const k = col(own.items.length);
    assert.deepEqual(row.slice(k, k + 6).map(n), [it.completeness.expected, it.completeness.received,
      it.completeness.on_time, it.completeness.late, it.completeness.missing, it.open_difficulties]);
  });
  const total = body[items.length];
  assert.match(total[1], /^Tổng cộng Lạng Sơn$/);
  own.items.forEach((ind, i) => assert.equal(n(total[col(i) + 1]), ind.actual));
  // the teams missing the month's report: the API's list, all pages
  const missing = [];
  let cursor = null;
  do {
    const r = (await get(`/api/v1/units/${province}/missing?period=2026-10${cursor ? `&cursor=${cursor}` : ''}`)).body;
    missing.push(...r.items);
    cursor = r.next_cursor;
  } while (cursor);
  const gone = sheet('Chưa gửi báo cáo').slice(4);
  assert.deepEqual(gone.map((r) => r[3]), missing.map((m) => m.team.name));
  assert.deepEqual(gone.map((r) => r[2]), missing.map((m) => m.village.name));
  // the open difficulties below the province
  const open = (await get(`/api/v1/difficulties?unit=${province}`)).body.items;
  const diff = sheet('Khó khăn').slice(4);
  assert.deepEqual(diff.map((r) => r[6]), open.map((d) => d.text));
  // training coverage at the month's end: the communes, then the total
  const cov = (await get(`/api/v1/units/${province}/coverage?date=2026-10-31`)).body;
  const trained = sheet('Tập huấn');
  assert.equal(trained[2][0], 'Tính đến ngày 31/10/2026');
  const counts = (c) => [c.teams, c.teams_trained, c.members, c.members_trained];
  const cells = (r) => [r[2], r[3], r[5], r[6]].map(n);
  assert.deepEqual(trained.slice(4, -1).map((r) => [r[1], ...cells(r)]), cov.items.map((i) => [i.unit.name, ...counts(i)]));
  assert.deepEqual([trained.at(-1)[1], ...cells(trained.at(-1))], ['Tổng cộng Lạng Sơn', ...counts(cov.total)]);
  // the same workbook from the command line
  langso(['export', 'progress', '--db', srv.db, '--unit', '20', '--period', '2026-10', '-o', join(dir, 'cli.xlsx')]);
  assert.equal(readFileSync(join(dir, 'cli.xlsx')).subarray(0, 2).toString(), 'PK');
  assert.throws(() => langso(['export', 'progress', '--db', srv.db, '--unit', '20', '--period', '2026W+1', '-o', join(dir, 'bad.xlsx')]));
});

test('DHIS2 data value sets: the shape DHIS2 imports, its period spellings, the official codes, the figures of the progress', async () => {
  const codes = new Set(rows('SELECT code FROM indicator').map((r) => r[0]));
  const DHIS2 = { '2026W47': /^\d{4}W\d{2}$/, '202610': /^\d{6}$/, '2026Q4': /^\d{4}Q[1-4]$/, '2026': /^\d{4}$/ };
  for (const [period, shape] of Object.entries(DHIS2)) {
    const r = await get(`/api/v1/dataValueSets?orgUnit=20&period=${period}&children=true`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(Object.keys(r.body), ['dataValues']);
    const ours = /^\d{6}$/.test(period) ? `${period.slice(0, 4)}-${period.slice(4)}` : period;
    const own = (await get(`/api/v1/units/${province}/progress?period=${ours}`)).body;
    const kids = (await all(`/api/v1/units/${province}/breakdown?period=${ours}&sort=name&limit=200`)).items;
    const byUnit = new Map();
    for (const v of r.body.dataValues) {
      assert.deepEqual(Object.keys(v).sort(), ['dataElement', 'orgUnit', 'period', 'value']);
      assert.match(v.period, shape);
      assert.equal(v.period, period);
      assert.ok(codes.has(v.dataElement), v.dataElement);
      assert.match(v.orgUnit, /^(\d{2}|\d{5})$/, 'official codes of a province or a commune');
      assert.match(v.value, /^\d+$/, 'values are strings of whole numbers');
      const m = byUnit.get(v.orgUnit) ?? new Map();
      assert.ok(!m.has(v.dataElement), 'each element once per org unit');
      m.set(v.dataElement, Number(v.value));
      byUnit.set(v.orgUnit, m);
    }
    assert.equal(byUnit.size, 1 + kids.length, 'the province and each commune');
    for (const it of own.items) assert.equal(byUnit.get('20').get(it.indicator), it.actual, `${period} ${it.indicator}`);
    for (const k of kids)
      for (const [code, v] of Object.entries(k.values)) assert.equal(byUnit.get(k.unit.code).get(code), v.actual);
  }
  // CSV, as DHIS2 reads it
  const csv = await fetch(`${srv.base}/api/v1/dataValueSets?orgUnit=20&period=202610`, { headers: { cookie: officer.cookie, accept: 'application/csv' } });
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /^application\/csv/);
  const lines = (await csv.text()).trim().split('\r\n');
  assert.equal(lines[0], 'dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,storedby,lastupdated,comment,followup');
  const own = (await get(`/api/v1/units/${province}/progress?period=2026-10`)).body;
  assert.deepEqual(lines.slice(1), own.items.map((i) => `${i.indicator},202610,20,,,${i.actual},langso,,,false`));
  // refused: another area, a bad period, a bad format
  const commune = await signIn(srv.base, 'xa.dongdang');
  assert.equal((await get('/api/v1/dataValueSets?orgUnit=20&period=202610', commune)).status, 404);
  assert.equal((await get('/api/v1/dataValueSets?orgUnit=99999&period=202610')).status, 404);
  for (const q of ['orgUnit=20&period=202613', 'orgUnit=20&period=2026W+1', 'orgUnit=20', 'orgUnit=20&period=2026&format=xml', 'orgUnit=20&period=2026&children=yes'])
    assert.equal((await get(`/api/v1/dataValueSets?${q}`)).status, 400, q);
});

test('the summary report to print: the administrative layout, the figures of the API, in Vietnamese whatever the interface', async () => {
  const r = await fetch(`${srv.base}/units/${province}/summary?period=2026-10&lang=en`, { headers: { cookie: officer.cookie } });
  assert.equal(r.status, 200);
  const html = await r.text();
  const text = html.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');
  assert.match(text, /ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN/);
  assert.match(text, /CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc/);
  assert.match(text, /Số: (&nbsp;)+\/BC-UBND/);
  assert.match(text, /Lạng Sơn, ngày 26 tháng 11 năm 2026/, 'dated today, Vietnam time');
  assert.match(text, /BÁO CÁO Kết quả hoạt động của Tổ công nghệ số cộng đồng Tháng 10\/2026 trên địa bàn Tỉnh Lạng Sơn/);
  const own = (await get(`/api/v1/units/${province}/progress?period=2026-10`)).body;
  const vn = (n) => n.toLocaleString('de-DE'); // 1.234: the Vietnamese grouping
  const c = own.completeness;
  assert.ok(text.includes(`phải gửi ${vn(c.expected)} lượt báo cáo; đã nhận ${vn(c.received)} lượt`), 'the reporting in words');
  const results = /<table class="list results">([^]*?)<\/table>/.exec(html)[1];
  const cells = [...results.matchAll(/<tr><td class="center">(\d+)<\/td><td>([^<]*)<\/td><td>[^<]*<\/td><td class="num">([^<]*)<\/td><td class="num">([^<]*)<\/td>/g)];
  assert.equal(cells.length, own.items.length);
  own.items.forEach((it, i) => assert.equal(cells[i][4], vn(it.actual), it.indicator));
  const units = /<table class="list units">([^]*?)<\/table>/.exec(html)[1];
  assert.equal((units.match(/<tr>/g) || []).length - 1, Number(query(srv.db, `SELECT count(*) FROM unit WHERE parent_id = ${province}`)), 'a row per commune');
  assert.match(text, /Còn \d+ khó khăn, vướng mắc chưa giải quyết/);
  assert.match(text, /NGƯỜI BÁO CÁO \(Ký, ghi rõ họ tên\) Nguyễn Thị Hoa/);
  assert.match(html, /href="\/static\/print\.css\?v=/);
});

test('pages that travel light: gzip when the client takes it, the same bytes unpacked; static assets cached a year, not by cookie', async () => {
  const raw = (path, headers) => new Promise((resolve, reject) => {
    const u = new URL(srv.base + path);
    http.get({ host: u.hostname, port: u.port, path: u.pathname + u.search, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
  const home = (await get('/')).body;
  const css = /href="(\/static\/style\.css\?v=[0-9a-f]+)"/.exec(home)[1];
  const packed = await raw(css, { 'accept-encoding': 'gzip, deflate, br' });
  const plain = await raw(css, {});
  assert.equal(packed.status, 200);
  assert.equal(packed.headers['content-encoding'], 'gzip');
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.deepEqual(gunzipSync(packed.body), plain.body);
  assert.ok(packed.body.length < plain.body.length / 3, `${packed.body.length} of ${plain.body.length} bytes`);
  assert.equal(packed.headers.vary, 'Accept-Encoding', 'a static asset does not vary by cookie');
  assert.equal(packed.headers['cache-control'], 'public, max-age=31536000, immutable');
  assert.equal(packed.headers['set-cookie'], undefined);
  assert.notEqual(packed.headers.etag, plain.headers.etag, 'each encoding its own validator');
  assert.equal((await raw(css, { 'accept-encoding': 'gzip;q=0' })).headers['content-encoding'], undefined);
  // a page and an API answer, signed in
  for (const path of [`/units/${province}/breakdown?period=2026-10`, `/api/v1/units/${province}/breakdown?period=2026-10`]) {
    const z = await raw(path, { cookie: officer.cookie, 'accept-encoding': 'gzip' });
    const p = await raw(path, { cookie: officer.cookie });
    assert.equal(z.status, 200);
    assert.equal(z.headers['content-encoding'], 'gzip', path);
    assert.match(z.headers.vary, /Cookie, Accept-Language, Accept-Encoding/);
    assert.equal(z.headers['cache-control'], 'no-store');
    assert.deepEqual(gunzipSync(z.body), p.body, path);
    assert.ok(z.body.length < p.body.length / 3, `${path}: ${z.body.length} of ${p.body.length} bytes`);
  }
});

test('the map: 34 province tiles and the archipelagos of Hoàng Sa and Trường Sa, coloured by the figures of the API', async () => {
  const admin = await signIn(srv.base, 'admin');
  const nation = Number(query(srv.db, "SELECT id FROM unit WHERE level = 'nation'"));
  const html = (await get(`/units/${nation}/map?period=2026-10&measure=received`, admin)).body;
  const svg = /<svg class="map"[^]*?<\/svg>/.exec(html)[0];
  const tiles = [...svg.matchAll(/<a href="\/units\/(\d+)\/dashboard\?period=2026-10"><title>([^<]*)<\/title><rect class="(s[0-3]|s-none)"/g)];
  assert.equal(tiles.length, 34, 'a tile per province');
  const provinces = new Set(rows("SELECT id FROM unit WHERE level = 'province'").map((r) => Number(r[0])));
  assert.deepEqual(new Set(tiles.map((t) => Number(t[1]))), provinces);
  assert.match(svg, /<g class="islands"><title>Quần đảo Hoàng Sa \(Thành phố Đà Nẵng\)<\/title>/);
  assert.match(svg, /<g class="islands"><title>Quần đảo Trường Sa \(Khánh Hòa\)<\/title>/);
  assert.match(svg, /<text[^>]*>Quần đảo Hoàng Sa<\/text>/, 'labelled on the map');
  assert.match(svg, /<text[^>]*>Quần đảo Trường Sa<\/text>/);
  // each tile's colour from the share of reports received, as the API counts it
  const api = (await get(`/api/v1/units/${nation}/breakdown?period=2026-10&limit=50`, admin)).body.items;
  const shade = (p) => (p === null ? 's-none' : p < 50 ? 's0' : p < 80 ? 's1' : p < 100 ? 's2' : 's3');
  for (const [, id, , cls] of tiles) {
    const c = api.find((i) => i.unit.id === Number(id)).completeness;
    assert.equal(cls, shade(c.expected ? Math.floor(c.received * 100 / c.expected) : null), `province ${id}`);
  }
  assert.ok(tiles.some((t) => t[3] !== 's-none'), 'the demo province has figures');
  // the numbers under the map, and a province's communes in the same scale
  assert.equal((html.match(/<tr><td>[^<]+<\/td><td class="num">/g) || []).length, 34);
  const mine = (await get(`/units/${province}/map?period=2026-10`)).body;
  assert.equal((/<svg class="map"[^]*?<\/svg>/.exec(mine)[0].match(/<rect class="/g) || []).length,
    Number(query(srv.db, `SELECT count(*) FROM unit WHERE parent_id = ${province}`)));
});

test("a unit's dashboard: each section's numbers are the API's and the database's", async () => {
  const html = (await get(`/units/${province}/dashboard?period=2026-10&indicator=DVC_GUIDED`)).body;
  const section = (id) => new RegExp(`<section class="card" id="${id}">([^]*?)</section>`).exec(html)?.[1];
  for (const id of ['headline', 'completeness', 'trend', 'weakest', 'difficulties', 'zalo']) assert.ok(section(id), id);
  const cells = (s) => [...s.matchAll(/<tr><th scope="row">([^<]*)<\/th>((?:<td class="num">[^<]*<\/td>)+)<\/tr>/g)]
    .map((m) => [m[1], ...[...m[2].matchAll(/<td class="num">([^<]*)<\/td>/g)].map((c) => (c[1] === '' ? null : Number(c[1].replace(/\./g, ''))))]);
  // the reports of twelve months, the last October's as the API counts them
  const months = cells(section('completeness'));
  assert.equal(months.length, 12);
  assert.equal(months[11][0], 'Tháng 10/2026');
  assert.equal(months[0][0], 'Tháng 11/2025');
  const oct = (await get(`/api/v1/units/${province}/progress?period=2026-10`)).body;
  assert.deepEqual(months[11].slice(1), [oct.completeness.on_time, oct.completeness.late, oct.completeness.missing, oct.completeness.expected]);
  const sep = (await get(`/api/v1/units/${province}/progress?period=2026-09`)).body;
  assert.deepEqual(months[10].slice(1), [sep.completeness.on_time, sep.completeness.late, sep.completeness.missing, sep.completeness.expected]);
  // the trend of the indicator asked
  const trend = cells(section('trend'));
  assert.equal(trend[11][1], oct.items.find((i) => i.indicator === 'DVC_GUIDED').actual);
  assert.equal(trend[10][1], sep.items.find((i) => i.indicator === 'DVC_GUIDED').actual);
  // the weakest five, as the breakdown ranks them
  const api = (await get(`/api/v1/units/${province}/breakdown?period=2026-10&indicator=DVC_GUIDED&limit=5`)).body.items;
  const weak = [...section('weakest').matchAll(/<a href="\/units\/(\d+)\/dashboard/g)].map((m) => Number(m[1]));
  assert.deepEqual(weak, api.map((i) => i.unit.id));
  // the open difficulties by level and age add up to the list's
  const open = (await get(`/api/v1/difficulties?unit=${province}`)).body.items.length;
  const ages = cells(section('difficulties'));
  assert.equal(ages.reduce((s, r) => s + r[1] + r[2] + r[3], 0), open);
  // the households, as the teams give them
  const [all, grouped] = query(srv.db, `SELECT sum(t.households), sum(t.households_in_group) FROM team t JOIN unit_tree x ON x.unit_id = t.unit_id
    WHERE x.ancestor_id = ${province} AND t.dissolved_on IS NULL AND t.households IS NOT NULL AND t.households_in_group IS NOT NULL`).split('|').map(Number);
  const vn = (n) => n.toLocaleString('de-DE');
  assert.ok(section('zalo').includes(`${vn(grouped)} / ${vn(all)}`), 'households in the groups / households');
  assert.match(html, /<script src="\/static\/dashboard\.js\?v=[0-9a-f]+" data-chart-js="\/static\/chart\.umd\.js\?v=[0-9a-f]+" defer>/);
});
