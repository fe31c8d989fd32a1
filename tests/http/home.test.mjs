// home.test.mjs: the page after sign-in says what to do, per role, with
// the right items and counts checked against the database: the team's
// report of this week and the reports returned to it (with the reason);
// the commune's reports waiting for review and teams missing this week;
// the province's communes lagging last week, least complete first; the
// difficulties waiting at each.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, signIn, login, query } from '../lib/server.mjs';

let srv;
// Thursday of week 48: this week is 2026W48, the last whole one 2026W47
before(async () => { srv = await startServer({ args: ['--clock', '2026-11-26T09:00:00+07:00'] }); });
after(async () => { if (srv) assert.equal(await srv.stop(), 0); });

const home = async (who) => {
  const auth = await signIn(srv.base, who);
  const r = await fetch(`${srv.base}/`, { headers: { cookie: auth.cookie } });
  assert.equal(r.status, 200);
  return r.text();
};
const section = (html, id) => {
  const m = new RegExp(`<section[^>]*id="${id}"[^>]*>([^]*?)</section>`).exec(html);
  return m ? m[1] : null;
};
const badge = (html) => Number(/<span class="badge[^"]*">(\d+)/.exec(html)[1]);
const count = (sql) => Number(query(srv.db, sql));

test('signed out, "/" is still the list of provinces', async () => {
  const html = await (await fetch(`${srv.base}/`)).text();
  assert.match(html, /<h1>Việt Nam<\/h1>/);
});

test("a team's home: this week's report with its deadline in words, what was returned and why", async () => {
  const team = count("SELECT t.id FROM team t JOIN app_user u ON u.scope_unit_id = t.unit_id WHERE u.username = 'to.dongdang' AND t.dissolved_on IS NULL");
  // the commune returns last week's report with a reason
  const officer = await login(srv.base, 'xa.dongdang');
  const week = query(srv.db, `SELECT period FROM report WHERE team_id = ${team} AND status = 'submitted' AND period LIKE '2026W%' ORDER BY period DESC LIMIT 1`);
  const id = count(`SELECT id FROM report WHERE team_id = ${team} AND period = '${week}'`);
  const r = await fetch(`${srv.base}/api/v1/reports/${id}/return`, {
    method: 'POST', headers: { cookie: officer.cookie, 'x-csrf-token': officer.csrf, 'content-type': 'application/json' },
    body: JSON.stringify({ reason: 'Số người được hướng dẫn chưa khớp sổ' }),
  });
  assert.equal(r.status, 200);

  const html = await home('to.dongdang');
  const now = section(html, 'this-week');
  assert.match(now, /Tuần 48 \(23\/11–29\/11\/2026\) · hạn \d\d\/\d\d\/2026/);
  assert.match(now, new RegExp(`href="/teams/${team}/reports/2026W48"`));
  const back = section(html, 'returned');
  assert.ok(back, 'the returned report is on the home');
  assert.equal(badge(back), count(`SELECT count(*) FROM report WHERE team_id = ${team} AND status = 'returned'`));
  assert.match(back, /lý do: Số người được hướng dẫn chưa khớp sổ/);
  assert.match(back, new RegExp(`href="/teams/${team}/reports/${week}"`));
  assert.match(section(html, 'difficulties'), new RegExp(`href="/difficulties/new\\?team=${team}"`), 'a way to raise one');
});

test("a commune's home: reports waiting for review and teams missing this week, counted as the database does", async () => {
  const html = await home('xa.dongdang');
  const commune = count("SELECT scope_unit_id FROM app_user WHERE username = 'xa.dongdang'");
  const waiting = count(`SELECT count(*) FROM report r JOIN team t ON t.id = r.team_id JOIN unit_tree x ON x.unit_id = t.unit_id
    WHERE x.ancestor_id = ${commune} AND r.status = 'submitted'`);
  assert.equal(badge(section(html, 'review')), waiting);
  const missing = section(html, 'missing');
  const listed = [...missing.matchAll(/href="\/teams\/(\d+)\/reports\/2026W48"/g)].map((m) => Number(m[1]));
  const expected = query(srv.db, `SELECT t.id FROM team t JOIN unit_tree x ON x.unit_id = t.unit_id JOIN team_life l ON l.team_id = t.id
    WHERE x.ancestor_id = ${commune} AND l.starts_on <= '2026-11-29' AND (l.ends_on IS NULL OR l.ends_on > '2026-11-23')
    AND NOT EXISTS (SELECT 1 FROM report r WHERE r.team_id = t.id AND r.period = '2026W48' AND r.status IN ('submitted', 'accepted'))`)
    .split('\n').filter(Boolean).map(Number);
  assert.deepEqual(listed.sort((a, b) => a - b), expected.slice(0, 20).sort((a, b) => a - b));
  assert.match(missing, /#missing/, 'the reminder for the Zalo group is a tap away');
  assert.ok(section(html, 'difficulties'));
});

test("a province's home: its communes by how complete last week is, the least first", async () => {
  const html = await home('tinh.langson');
  const lag = section(html, 'lagging');
  assert.match(lag, /Tuần 47 \(16\/11–22\/11\/2026\)/);
  const shares = [...lag.matchAll(/(\d+)% · (\d+)\/(\d+) báo cáo/g)].map((m) => [Number(m[2]), Number(m[3])]);
  assert.ok(shares.length >= 10);
  for (let i = 1; i < shares.length; i++)
    assert.ok(shares[i - 1][0] * shares[i][1] <= shares[i][0] * shares[i - 1][1], 'least complete first');
  // the first one's numbers, recomputed from the raw reports
  const first = /href="\/units\/(\d+)\/progress\?period=2026W47"/.exec(lag)[1];
  const received = count(`SELECT count(*) FROM report r JOIN team t ON t.id = r.team_id JOIN unit_tree x ON x.unit_id = t.unit_id
    WHERE x.ancestor_id = ${first} AND r.period = '2026W47' AND r.status IN ('submitted', 'accepted')`);
  assert.equal(shares[0][0], received);
  assert.ok(section(html, 'difficulties'));
});

test('a viewer sees where to look', async () => {
  const html = await home('xem.langson');
  assert.match(html, /href="\/units\/\d+\/progress\?period=2026-11"/);
});
