// notices.test.mjs: the counts in the navigation and the list of what
// calls for a user, checked against the tables: a team's returned reports
// and answered difficulties, a commune's reports waiting for review and
// difficulties waiting at it; opening an item marks it read, a change
// makes it unread again.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, signIn, query } from '../lib/server.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { if (srv) assert.equal(await srv.stop(), 0); });

const one = (sql) => Number(query(srv.db, sql));
const page = async (path, auth) => (await fetch(srv.base + path, { headers: { cookie: auth.cookie } })).text();
const post = (path, auth, fields) => fetch(srv.base + path, {
  method: 'POST', redirect: 'manual',
  headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: auth.cookie },
  body: new URLSearchParams({ csrf: auth.csrf, ...fields }),
});
// the unread count in the navigation (0 when no badge)
const navCount = async (auth) => {
  const m = /<a href="\/notices">Thông báo(?: <span class="count">(\d+)<span class="sr"> chưa đọc<\/span><\/span>)?<\/a>/.exec(await page('/units', auth));
  assert.ok(m, 'the navigation has the notifications');
  if (process.env.DEBUG) console.log('NAV', m[0]);
  return Number(m[1] || 0);
};

test('counts match the tables; opening reads; a change is new again', async () => {
  const team = one("SELECT t.id FROM team t JOIN app_user u ON u.scope_unit_id = t.unit_id WHERE u.username = 'to.dongdang' AND t.dissolved_on IS NULL");
  const commune = one("SELECT scope_unit_id FROM app_user WHERE username = 'xa.dongdang'");
  const member = await signIn(srv.base, 'to.dongdang');
  const officer = await signIn(srv.base, 'xa.dongdang');
  // nothing seen yet: every item is unread
  const returned = one(`SELECT count(*) FROM report WHERE team_id = ${team} AND status = 'returned'`);
  const answered = one(`SELECT count(*) FROM difficulty d WHERE team_id = ${team} AND EXISTS (SELECT 1 FROM difficulty_reply z WHERE z.difficulty_id = d.id)`);
  assert.equal(await navCount(member), returned + answered);
  const waiting = one(`SELECT count(*) FROM report r JOIN team t ON t.id = r.team_id JOIN unit_tree x ON x.unit_id = t.unit_id
    WHERE x.ancestor_id = ${commune} AND r.status = 'submitted'`);
  const sentUp = one(`SELECT count(*) FROM difficulty WHERE unit_id = ${commune} AND status <> 'resolved'`);
  assert.ok(waiting > 0, 'the demo has reports waiting');
  assert.equal(await navCount(officer), waiting + sentUp);
  const list = await page('/notices', officer);
  assert.equal((list.match(/<li class="unread">/g) || []).length, Math.min(200, waiting + sentUp));
  assert.match(list, /Mới: Báo cáo chờ bạn duyệt/);

  // the officer opens one waiting report: one fewer
  const [rid, rteam, rperiod] = query(srv.db, `SELECT r.id, r.team_id, r.period FROM report r WHERE r.team_id = ${team} AND r.status = 'submitted' ORDER BY r.period DESC LIMIT 1`).split('|');
  await page(`/teams/${rteam}/reports/${rperiod}`, officer);
  assert.equal(await navCount(officer), waiting + sentUp - 1);
  // it returns it: the team has one more, until it opens it
  assert.equal((await post(`/reports/${rid}/review`, officer, { action: 'return', reason: 'Xem lại số VNeID' })).status, 200);
  assert.equal(await navCount(officer), waiting + sentUp - 1, 'returned: no longer waiting');
  assert.equal(await navCount(member), returned + answered + 1);
  const mine = await page('/notices', member);
  assert.match(mine, /Mới: Báo cáo bị trả lại cho tổ.*«Xem lại số VNeID»/);
  await page(`/teams/${rteam}/reports/${rperiod}`, member);
  assert.equal(await navCount(member), returned + answered);
  // sent again: waiting, and new to the officer although it was opened before
  const codes = query(srv.db, `SELECT i.code FROM report_value v JOIN indicator i ON i.id = v.indicator_id WHERE v.report_id = ${rid}`).split('\n');
  const fields = { action: 'submit' };
  for (const c of codes) fields[c] = '1';
  assert.equal((await post(`/teams/${rteam}/reports/${rperiod}`, member, fields)).status, 200);
  assert.equal(await navCount(officer), waiting + sentUp);
  assert.equal(await navCount(member), returned + answered, 'no longer returned');
  // a viewer has nothing calling for it
  const viewer = await signIn(srv.base, 'xem.langson');
  assert.equal(await navCount(viewer), 0);
});
