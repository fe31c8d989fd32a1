// operations.test.mjs: what an operator relies on: a backup taken while
// teams submit is consistent and restores into a working server; the
// settings file; a PostgreSQL database refuses the SQLite tools and names
// its own.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync, execFile } from 'node:child_process';
import { startServer, login, langso, query, backend, bin } from '../lib/server.mjs';

let srv, member, team;
const dir = mkdtempSync(join(tmpdir(), 'langso-ops-'));
const put = (week, value) => fetch(`${srv.base}/api/v1/teams/${team}/reports/${week}`, {
  method: 'PUT',
  headers: { cookie: member.cookie, 'x-csrf-token': member.csrf, 'content-type': 'application/json' },
  body: JSON.stringify({ values: { DVC_GUIDED: value }, submit: true }),
});

before(async () => {
  srv = await startServer({ args: ['--clock', '2026-03-03T09:00:00+07:00'] });
  member = await login(srv.base, 'to.dongdang');
  const me = await (await fetch(`${srv.base}/api/v1/me`, { headers: { cookie: member.cookie } })).json();
  team = Number(query(srv.db, `SELECT id FROM team WHERE unit_id = ${me.scope_unit_id} AND dissolved_on IS NULL`));
});
after(async () => {
  if (srv) assert.equal(await srv.stop(), 0);
  rmSync(dir, { recursive: true, force: true });
});

const run = (args) => spawnSync(bin, args, { encoding: 'utf8' });

test('backup while reports come in: a consistent copy that restores into a working server', async (t) => {
  const copy = join(dir, 'copy.db');
  // reports acknowledged before the copy starts: each must be in it
  const locked = new Set(query(srv.db, `SELECT period FROM report WHERE team_id = ${team} AND status = 'accepted'`).split('\n'));
  const before = new Map();
  for (let w = 1; w <= 9; w++) {
    const p = `2026W0${w}`;
    if (locked.has(p)) continue;
    const r = await put(p, 500 + w);
    assert.equal(r.status, 200, p);
    before.set(p, 500 + w);
  }
  assert.ok(before.size >= 5);
  // reports go on arriving while the copy is taken
  let writing = true, written = 0;
  const writer = (async () => {
    for (let v = 1; writing || v <= 20; v++) {
      const r = await put('2026W10', 1 + (v % 1000));
      assert.equal(r.status, 200);
      written++;
    }
  })();
  // the copy runs in another process while this one keeps submitting
  const b = await new Promise((resolve) => {
    execFile(bin, ['backup', '--db', srv.db, '-o', copy], { encoding: 'utf8' }, (err, stdout, stderr) =>
      resolve({ status: err ? err.code : 0, stdout, stderr }));
  });
  writing = false;
  await writer;
  assert.ok(written >= 20);
  if (backend === 'postgresql') {
    // its own tools, named; nothing written
    assert.equal(b.status, 1);
    assert.match(b.stderr, /pg_dump/);
    assert.equal(existsSync(copy), false);
    const r = run(['restore', '--db', srv.db, copy]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /pg_restore/);
    return;
  }
  assert.equal(b.status, 0, b.stderr);
  assert.match(b.stdout, /verified copy/);
  // the copy is one state: every roll-up agrees with its reports, and it
  // holds every report acknowledged before it began
  assert.match(langso(['check', '--db', copy]), /: 0 differences/);
  const held = new Map(query(copy, `SELECT r.period, v.value FROM report r JOIN report_value v ON v.report_id = r.id
    JOIN indicator i ON i.id = v.indicator_id AND i.code = 'DVC_GUIDED' WHERE r.team_id = ${team} AND r.status = 'submitted'`)
    .split('\n').filter(Boolean).map((l) => l.split('|')).map(([p, v]) => [p, Number(v)]));
  for (const [p, v] of before) assert.equal(held.get(p), v, p);
  // never over an existing file
  const again = run(['backup', '--db', srv.db, '-o', copy]);
  assert.equal(again.status, 1);
  assert.match(again.stderr, /exists/);

  // restore into a new place and serve it
  const target = join(dir, 'restored.db');
  writeFileSync(target, 'not a database');
  const bad = run(['restore', '--db', target, join(dir, 'missing.db')]);
  assert.notEqual(bad.status, 0);
  const r = run(['restore', '--db', target, copy]);
  assert.equal(r.status, 0, r.stderr);
  const s = await startServer({ db: target });
  t.after(() => s.stop());
  const o = await login(s.base, 'to.dongdang');
  const rep = await (await fetch(`${s.base}/api/v1/teams/${team}/reports/2026W10`, { headers: { cookie: o.cookie } })).json();
  assert.ok(rep.values.DVC_GUIDED >= 1, 'the restored report carries a submitted value');
});

test('the settings file gives serve and every command its database', () => {
  const conf = join(dir, 'langso.conf');
  writeFileSync(conf, `# langso settings\ndb = ${srv.db}\n  listen  =  127.0.0.1:0  \n`);
  const r = spawnSync(bin, ['migrate'], { encoding: 'utf8', env: { ...process.env, LANGSO_CONFIG: conf } });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /schema version \d+/);
  assert.ok(!/:[^@/]*@/.test(r.stdout.replace(/^postgresql:\/\/[^@:]*@/, '')), 'no password printed');
});

test('under a supervisor the server writes JSON lines for the journal, passwords hidden', () => {
  const lines = srv.stderr().split('\n').filter(Boolean);
  assert.ok(lines.length >= 1);
  for (const l of lines) {
    const o = JSON.parse(l);
    assert.match(o.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.ok(['info', 'error'].includes(o.level));
    assert.equal(typeof o.msg, 'string');
  }
  assert.ok(lines.some((l) => /serving .* on http:\/\/127\.0\.0\.1:\d+\//.test(JSON.parse(l).msg)));
});

test('a burst of submissions: each answered after its commit, the refused ones change nothing', async () => {
  const locked = new Set(query(srv.db, `SELECT period FROM report WHERE team_id = ${team} AND status = 'accepted'`).split('\n'));
  const weeks = [];
  for (let w = 1; weeks.length < 40 && w <= 52; w++) {
    const p = `2025W${String(w).padStart(2, '0')}`;
    if (!locked.has(p)) weeks.push(p);
  }
  assert.equal(weeks.length, 40);
  // every fifth one over the indicator's ceiling: refused, inside the same batches
  const answers = await Promise.all(weeks.map((w, i) => put(w, i % 5 === 4 ? 999999 : 100 + i)));
  for (const [i, r] of answers.entries()) {
    await r.text();
    assert.equal(r.status, i % 5 === 4 ? 422 : 200, weeks[i]);
  }
  const stored = new Map(query(srv.db, `SELECT r.period, v.value FROM report r JOIN report_value v ON v.report_id = r.id
    JOIN indicator i ON i.id = v.indicator_id AND i.code = 'DVC_GUIDED' WHERE r.team_id = ${team} AND r.period LIKE '2025W%'`)
    .split('\n').filter(Boolean).map((l) => l.split('|')).map(([p, v]) => [p, Number(v)]));
  for (const [i, w] of weeks.entries())
    if (i % 5 !== 4) assert.equal(stored.get(w), 100 + i, w);
    else assert.notEqual(stored.get(w), 999999, w);
  assert.match(langso(['check', '--db', srv.db]), /: 0 differences/);
});
