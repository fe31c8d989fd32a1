// merge.test.mjs: two villages of a commune merged by the commune's
// decision, on the page. The old villages close the day before, their teams
// are dissolved with their reports kept, one new team takes their members;
// read as now, the new village counts its predecessors' reports (checked
// against what this test sent); the commune's own figures do not move and
// its villages side by side still add up to them; a second run changes
// nothing; a bad file changes nothing; langso check agrees.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, login, signIn, langso, query, bin, snapshot } from '../lib/server.mjs';

let srv, admin, officer;
const dir = mkdtempSync(join(tmpdir(), 'langso-merge-'));
const num = (sql) => Number(query(srv.db, sql));
const api = async (method, path, body) => {
  const r = await fetch(srv.base + path, { method, headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json', 'accept-language': 'en' }, body: body ? JSON.stringify(body) : undefined });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : null };
};
// today in Vietnam (UTC+7), ISO
const today = new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10);
const dayBefore = new Date(Date.parse(today) - 86400e3).toISOString().slice(0, 10);

before(async () => {
  srv = await startServer();
  admin = await login(srv.base, 'admin');
  officer = await signIn(srv.base, 'xa.dongdang');
});
after(async () => { if (srv) assert.equal(await srv.stop(), 0); });

const progress = async (unit, period, as = 'now') => {
  const r = await api('GET', `/api/v1/units/${unit}/progress?period=${period}&as=${as}`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const v = Object.fromEntries(r.body.items.map((i) => [i.indicator, i.actual]));
  return { DVC_FILED: v.DVC_FILED, DVC_GUIDED: v.DVC_GUIDED, GROUP_HOUSEHOLDS: v.GROUP_HOUSEHOLDS, received: r.body.completeness.received, expected: r.body.completeness.expected };
};
const upload = (text, effective = today) => {
  const fd = new FormData();
  fd.set('csrf', officer.csrf);
  fd.set('file', new Blob([text]), 'gop-thon.csv');
  fd.set('effective', effective);
  return fetch(`${srv.base}/reorganisation/merge`, { method: 'POST', body: fd, headers: { cookie: officer.cookie } });
};

test('two villages merged on the page: a new village and team, members carried over, history counted as now and kept as then', async () => {
  const commune = num("SELECT id FROM unit WHERE level = 'commune' AND code = '06184'");
  writeFileSync(join(dir, 'v.csv'), 'commune_code,village\n06184,Thôn Gộp Một\n06184,Thôn Gộp Hai\n');
  langso(['import', 'villages', '--db', srv.db, join(dir, 'v.csv')]);
  const olds = [];
  for (const [k, name] of ['Thôn Gộp Một', 'Thôn Gộp Hai'].entries()) {
    const id = num(`SELECT id FROM unit WHERE parent_id = ${commune} AND name = '${name}'`);
    const made = await api('POST', '/api/v1/teams', { unit_id: id, name: `Tổ ${name}`, established_on: '2026-01-05' });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    const team = { id: made.body.id, sent: [], members: [] };
    for (const m of [`Người ${k} A`, `Người ${k} B`]) {
      const r = await api('POST', `/api/v1/teams/${team.id}/members`, { full_name: m, role: m.endsWith('A') ? 'leader' : 'member', joined_on: '2026-01-05' });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      team.members.push(r.body.members.find((x) => x.full_name === m).id);
    }
    for (const [i, p] of ['2026-01', '2026-02', '2026-03', '2026-06'].entries()) {
      const values = { DVC_FILED: 3 + i + k * 10, GROUP_HOUSEHOLDS: 50 + k * 20 + i, ECOM_STORES: 1 };
      assert.equal((await api('PUT', `/api/v1/teams/${team.id}/reports/${p}`, { values, submit: true })).status, 200);
      team.sent.push({ p, values });
    }
    assert.equal((await api('PUT', `/api/v1/teams/${team.id}/reports/2026W10`, { values: { DVC_GUIDED: 7 + k }, submit: true })).status, 200);
    olds.push({ id, name, team });
  }
  const communeBefore = await progress(commune, '2026');
  const oldBefore = await Promise.all(olds.map((o) => progress(o.id, '2026')));
  const oldOctober = await Promise.all(olds.map((o) => progress(o.id, '2026-10')));
  const communeOctober = await progress(commune, '2026-10');

  // a bad file names its line and changes nothing
  const bad = await upload('commune_code,old_village,new_village,decision_no\n06184,Thôn Gộp Một,Thôn Hợp Nhất,12/QĐ-UBND\n06184,Thôn Không Có,Thôn Hợp Nhất,12/QĐ-UBND\n');
  assert.equal(bad.status, 422);
  assert.match(await bad.text(), /Thôn Không Có/);
  assert.equal(num(`SELECT count(*) FROM unit WHERE parent_id = ${commune} AND name = 'Thôn Hợp Nhất'`), 0);

  const file = 'Mã xã;Thôn cũ;Thôn mới;Số quyết định;Ngày quyết định\r\n'
    + `06184;Thôn Gộp Một;Thôn Hợp Nhất;12/QĐ-UBND;${today}\r\n06184;thon gop hai;Thôn Hợp Nhất;12/QĐ-UBND;${today}\r\n`;
  const ok = await upload(file);
  assert.equal(ok.status, 200);
  assert.match(await ok.text(), /role="status"/);
  const fresh = num(`SELECT id FROM unit WHERE parent_id = ${commune} AND name = 'Thôn Hợp Nhất' AND valid_to IS NULL`);
  assert.equal(query(srv.db, `SELECT valid_from FROM unit WHERE id = ${fresh}`), today);
  for (const o of olds) {
    assert.equal(query(srv.db, `SELECT valid_to FROM unit WHERE id = ${o.id}`), dayBefore);
    assert.equal(query(srv.db, `SELECT dissolved_on FROM team WHERE id = ${o.team.id}`), dayBefore);
  }
  // one new team by the decision, with the four members, their join days kept
  const team = (await api('GET', `/api/v1/teams?village=${fresh}`)).body;
  const newTeam = num(`SELECT id FROM team WHERE unit_id = ${fresh} AND dissolved_on IS NULL`);
  assert.equal(query(srv.db, `SELECT decision_no FROM team WHERE id = ${newTeam}`), '12/QĐ-UBND');
  assert.deepEqual(query(srv.db, `SELECT id FROM member WHERE team_id = ${newTeam} ORDER BY id`).split('\n').map(Number),
    olds.flatMap((o) => o.team.members).sort((a, b) => a - b));
  assert.equal(query(srv.db, `SELECT DISTINCT joined_on FROM member WHERE team_id = ${newTeam}`), '2026-01-05');
  assert.ok(team);
  // as now: the new village counts its predecessors' reports
  const sum = (k) => olds.reduce((n, o) => n + o.team.sent.reduce((m, s) => m + s.values[k], 0), 0);
  const merged = await progress(fresh, '2026');
  assert.equal(merged.DVC_FILED, sum('DVC_FILED'));
  assert.equal(merged.DVC_GUIDED, 7 + 8);
  // a stock: the old teams' last values while they existed; from the
  // month after they ended, what the new team reports (nothing yet)
  const month = today.slice(0, 7);
  assert.equal((await progress(fresh, dayBefore.slice(0, 7))).GROUP_HOUSEHOLDS, olds.reduce((n, o) => n + o.team.sent.at(-1).values.GROUP_HOUSEHOLDS, 0));
  if (dayBefore.slice(0, 7) === month) assert.equal(merged.GROUP_HOUSEHOLDS, 0);
  assert.equal(merged.received, oldBefore.reduce((n, o) => n + o.received, 0));
  // as then: it did not exist before today; the old villages keep theirs
  assert.equal((await progress(fresh, '2026-03', 'then')).DVC_FILED, 0);
  // (their teams, ended yesterday, are no longer expected from today)
  // and their stocks close from the month after)
  const flows = (x) => [x.DVC_FILED, x.DVC_GUIDED, x.received];
  for (const [i, o] of olds.entries()) {
    const now = await progress(o.id, '2026');
    assert.deepEqual(flows(now), flows(oldBefore[i]));
    assert.ok(now.expected <= oldBefore[i].expected);
    assert.deepEqual(await progress(o.id, '2026-10'), oldOctober[i]);
  }
  // the commune does not move; its villages side by side add up to it
  assert.deepEqual(flows(await progress(commune, '2026')), flows(communeBefore));
  assert.deepEqual(await progress(commune, '2026-10'), communeOctober);
  const rows = (await api('GET', `/api/v1/units/${commune}/breakdown?period=2026&indicator=DVC_FILED&limit=200`)).body.items;
  assert.ok(rows.some((r) => r.unit.id === fresh) && !rows.some((r) => olds.some((o) => o.id === r.unit.id)));
  assert.equal(rows.reduce((n, r) => n + (r.values.DVC_FILED?.actual ?? 0), 0), communeBefore.DVC_FILED);
  // the lineage
  const unit = (await api('GET', `/api/v1/units/${fresh}`)).body;
  assert.deepEqual(unit.predecessors.map((p) => [p.id, p.share, p.decision_no]).sort(), olds.map((o) => [o.id, 'whole', '12/QĐ-UBND']).sort());
  // a second run changes nothing
  assert.equal((await upload(file)).status, 200);
  assert.equal(num(`SELECT count(*) FROM unit WHERE parent_id = ${commune} AND name = 'Thôn Hợp Nhất'`), 1);
  assert.equal(num(`SELECT count(*) FROM team WHERE unit_id = ${fresh}`), 1);
  execFileSync(bin, ['check', '--db', srv.db], { encoding: 'utf8' });
});

test('a merge undone on the new village\'s page: every roll-up row, village, team, member and account as before; not once the new team has reported', async () => {
  const commune = num("SELECT id FROM unit WHERE level = 'commune' AND code = '06184'");
  writeFileSync(join(dir, 'u.csv'), 'commune_code,village\n06184,Thôn Hoàn Một\n06184,Thôn Hoàn Hai\n');
  langso(['import', 'villages', '--db', srv.db, join(dir, 'u.csv')]);
  const olds = [];
  for (const [k, name] of ['Thôn Hoàn Một', 'Thôn Hoàn Hai'].entries()) {
    const id = num(`SELECT id FROM unit WHERE parent_id = ${commune} AND name = '${name}'`);
    const made = await api('POST', '/api/v1/teams', { unit_id: id, name: `Tổ ${name}`, established_on: '2026-01-05' });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    for (const m of [`Người Hoàn ${k} A`, `Người Hoàn ${k} B`])
      assert.equal((await api('POST', `/api/v1/teams/${made.body.id}/members`, { full_name: m, role: m.endsWith('A') ? 'leader' : 'member', joined_on: '2026-01-05' })).status, 201);
    for (const [i, p] of ['2026-02', '2026-05'].entries())
      assert.equal((await api('PUT', `/api/v1/teams/${made.body.id}/reports/${p}`, { values: { DVC_FILED: 2 + i + k, GROUP_HOUSEHOLDS: 60 + k + i }, submit: true })).status, 200);
    assert.equal((await api('PUT', `/api/v1/teams/${made.body.id}/reports/2026W20`, { values: { DVC_GUIDED: 4 + k }, submit: true })).status, 200);
    olds.push({ id, team: made.body.id });
  }
  langso(['user', 'add', '--db', srv.db, '--username', 'to.hoanmot', '--role', 'team', '--scope', `#${olds[0].id}`], 'mật khẩu của tổ hoàn một\n');
  const before = snapshot(srv.db);
  const merge = () => upload('commune_code,old_village,new_village,decision_no\n'
    + '06184,Thôn Hoàn Một,Thôn Hoàn Chung,21/QĐ-UBND\n06184,Thôn Hoàn Hai,Thôn Hoàn Chung,21/QĐ-UBND\n');
  assert.equal((await merge()).status, 200);
  const fresh = num(`SELECT id FROM unit WHERE parent_id = ${commune} AND name = 'Thôn Hoàn Chung' AND valid_to IS NULL`);
  assert.equal(num(`SELECT scope_unit_id FROM app_user WHERE username = 'to.hoanmot'`), fresh);
  assert.notEqual(snapshot(srv.db), before);

  // undone from the new village's page by the commune
  const html = await (await fetch(`${srv.base}/units/${fresh}`, { headers: { cookie: officer.cookie } })).text();
  assert.match(html, new RegExp(`action="/reorganisation/merges/${fresh}/undo"`));
  const back = await fetch(`${srv.base}/reorganisation/merges/${fresh}/undo`, { method: 'POST', redirect: 'manual', headers: { cookie: officer.cookie }, body: new URLSearchParams({ csrf: officer.csrf }) });
  assert.equal(back.status, 303);
  assert.equal(back.headers.get('location'), `/units/${commune}`);
  assert.equal(snapshot(srv.db), before, 'as before the merge, to the row');
  assert.equal(num(`SELECT count(*) FROM unit WHERE name = 'Thôn Hoàn Chung'`), 0);
  assert.equal((await api('DELETE', `/api/v1/reorganisation/merges/${fresh}`)).status, 404, 'nothing left to undo');
  execFileSync(bin, ['check', '--db', srv.db], { encoding: 'utf8' });

  // merged again; the new team reports: the merge stays
  assert.equal((await merge()).status, 200);
  const again = num(`SELECT id FROM unit WHERE parent_id = ${commune} AND name = 'Thôn Hoàn Chung' AND valid_to IS NULL`);
  const team = num(`SELECT id FROM team WHERE unit_id = ${again}`);
  assert.equal((await api('PUT', `/api/v1/teams/${team}/reports/${today.slice(0, 7)}`, { values: { DVC_FILED: 1 }, submit: true })).status, 200);
  const refused = await api('DELETE', `/api/v1/reorganisation/merges/${again}`);
  assert.equal(refused.status, 422);
  assert.ok(JSON.stringify(refused.body).includes('"village"'));
  const page = await (await fetch(`${srv.base}/units/${again}`, { headers: { cookie: officer.cookie } })).text();
  assert.doesNotMatch(page, /merges\/\d+\/undo/);
  assert.equal(num("SELECT count(*) FROM audit WHERE action = 'unmerge'"), 1);
  execFileSync(bin, ['check', '--db', srv.db], { encoding: 'utf8' });
});
