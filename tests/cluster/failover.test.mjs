// failover.test.mjs: a PostgreSQL primary with a synchronous standby on
// this machine; teams submit from several clients; the primary is killed
// (-9) and the standby promoted; langso finds the new primary by itself.
// Every acknowledged report must be on the new primary, none doubled, and
// `langso check` clean. Runs in the PostgreSQL part of scripts/test.sh.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, chmodSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bin, login, pg } from '../lib/server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pgsh = (...args) => execFileSync(join(root, 'scripts', 'pg.sh'), args, { encoding: 'utf8' }).trim();
const psql = (uri, sql) => execFileSync('psql', ['-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', uri, '-c', sql], { encoding: 'utf8' }).trim();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

assert.ok(pg, 'the cluster tests run on PostgreSQL: LANGSO_TEST_PG names the test server');
const dir = mkdtempSync(join(tmpdir(), 'langso-failover-'));
chmodSync(dir, 0o755);
let server = null;
after(() => {
  if (server && server.exitCode === null) server.kill('SIGKILL');
  for (const c of ['standby', 'primary']) { try { pgsh('stop', join(dir, c)); } catch { /* already gone */ } }
  rmSync(dir, { recursive: true, force: true });
});

test('kill -9 of the primary mid-load: every acknowledged report is on the promoted standby', async (t) => {
  // a primary that waits for its standby's disk at every commit
  const primary = pgsh('start', join(dir, 'primary'), "synchronous_standby_names = 'standby1'", 'synchronous_commit = on');
  const standby = pgsh('standby', join(dir, 'primary'), join(dir, 'standby'), 'standby1');
  for (let i = 0; psql(primary, "SELECT count(*) FROM pg_stat_replication WHERE sync_state = 'sync'") !== '1'; i++) {
    assert.ok(i < 100, 'the standby became synchronous');
    await sleep(100);
  }
  // the demo database, copied from the test server
  psql(primary, 'CREATE DATABASE langso');
  const at = (uri, db) => uri.replace(/\/postgres$/, `/${db}`);
  const demo = at(pg, process.env.LANGSO_TEST_PG_DEMO || 'langso_demo');
  execFileSync('sh', ['-c', `pg_dump -Fc "$1" | pg_restore -d "$2"`, 'sh', demo, at(primary, 'langso')]);
  const hostOf = (uri) => /@([^/]+)\//.exec(uri)[1];
  const both = `postgresql://langso@${hostOf(primary)},${hostOf(standby)}/langso?target_session_attrs=read-write&connect_timeout=2`;

  server = spawn(bin, ['serve', '--db', both, '--listen', '127.0.0.1:0', '--access-log', '-', '--clock', '2026-03-03T09:00:00+07:00'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  const base = await new Promise((resolve, reject) => {
    server.stderr.on('data', (d) => {
      stderr += d;
      const m = /on (http:\/\/127\.0\.0\.1:\d+)\//.exec(stderr);
      if (m) resolve(m[1]);
    });
    server.on('exit', (c) => reject(new Error(`langso exited ${c}: ${stderr}`)));
  });
  const member = await login(base, 'to.dongdang');
  const me = await (await fetch(`${base}/api/v1/me`, { headers: { cookie: member.cookie } })).json();
  const team = psql(at(primary, 'langso'), `SELECT id FROM team WHERE unit_id = ${me.scope_unit_id} AND dissolved_on IS NULL`);
  // weeks of 2024 and 2025 that no accepted (locked) report holds: each
  // written once, with its own value
  const locked = new Set(psql(at(primary, 'langso'), `SELECT period FROM report WHERE team_id = ${team} AND status = 'accepted'`).split('\n'));
  const weeks = [];
  for (const y of [2024, 2025]) for (let w = 1; w <= 52; w++) {
    const p = `${y}W${String(w).padStart(2, '0')}`;
    if (!locked.has(p)) weeks.push(p);
  }
  const acked = new Map(), failed = new Map();
  let next = 0, killed = false;
  const client = async () => {
    while (next < weeks.length) {
      const week = weeks[next++];
      const value = 1000 + next;
      try {
        const r = await fetch(`${base}/api/v1/teams/${team}/reports/${week}`, {
          method: 'PUT',
          headers: { cookie: member.cookie, 'x-csrf-token': member.csrf, 'content-type': 'application/json' },
          body: JSON.stringify({ values: { DVC_GUIDED: value }, submit: true }),
        });
        await r.text();
        (r.status === 200 ? acked : failed).set(week, value);
        if (r.status !== 200) await sleep(200); // the database is changing hands
      } catch { failed.set(week, value); await sleep(200); }
      if (!killed && acked.size >= 25) {
        killed = true;
        const pid = readFileSync(join(dir, 'primary', 'data', 'postmaster.pid'), 'utf8').split('\n')[0];
        process.kill(Number(pid), 'SIGKILL');
        await sleep(300);
        pgsh('promote', join(dir, 'standby'));
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, client));
  assert.ok(killed, 'the primary was killed mid-load');
  t.diagnostic(`${acked.size} submissions acknowledged, ${failed.size} failed while the primary changed`);
  assert.ok(acked.size > 40, `submissions went on after the failover (${acked.size} acknowledged, ${failed.size} failed)`);
  // the new primary holds every acknowledged report, with its value, once
  const newPrimary = at(standby, 'langso');
  const rows = psql(newPrimary, `SELECT r.period, v.value FROM report r JOIN report_value v ON v.report_id = r.id
    JOIN indicator i ON i.id = v.indicator_id AND i.code = 'DVC_GUIDED'
    WHERE r.team_id = ${team} AND r.status = 'submitted' AND r.period LIKE '202_W__'`).split('\n').filter(Boolean);
  const have = new Map(rows.map((l) => l.split('|')).map(([p, v]) => [p, Number(v)]));
  for (const [week, value] of acked) assert.equal(have.get(week), value, `acknowledged ${week} is on the new primary`);
  assert.equal(psql(newPrimary, `SELECT count(*) FROM (SELECT period FROM report WHERE team_id = ${team} GROUP BY period, form_id HAVING count(*) > 1) d`), '0');
  // the roll-ups agree with the raw reports
  const check = execFileSync(bin, ['check', '--db', newPrimary], { encoding: 'utf8' });
  assert.match(check, /: 0 differences/);
  // and the same server still serves, now on the new primary
  const ready = await fetch(`${base}/readyz`);
  assert.equal(ready.status, 200);
  server.kill('SIGTERM');
});
