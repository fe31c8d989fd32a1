// server.mjs: start a real langso server on a free port with a fresh demo
// database, for the HTTP and browser tests; stop it with SIGTERM and check
// that it exits cleanly.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const bin = process.env.LANGSO_BIN || join(root, 'build', 'langso');
export const DEMO_PASSWORD = 'langso-demo-2026';

// The backend under test: SQLite files, or, when LANGSO_TEST_PG names a
// PostgreSQL server (the URI of its "postgres" database), a database of
// its own there for each server. LANGSO_TEST_PG_DEMO names a demo database
// made once for the whole run (scripts/test.sh), copied for each server.
export const pg = process.env.LANGSO_TEST_PG || '';
export const backend = pg ? 'postgresql' : 'sqlite';
const pgDatabase = (name) => pg.replace(/\/[^/?]*(\?|$)/, `/${name}$1`);
const pgName = (uri) => /\/([^/?]+)(\?|$)/.exec(uri.replace(/^[a-z]+:\/\/[^/]*/, ''))[1];

// freshDb: a new, empty database (path or URI) for `langso init`.
export function freshDb(label = 'db') {
  if (pg) {
    const name = `t_${label.replace(/\W/g, '_')}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    psql(pg, `CREATE DATABASE ${name}`);
    return pgDatabase(name);
  }
  return join(mkdtempSync(join(tmpdir(), `langso-${label}-`)), `${label}.db`);
}

// A copy of from (a path or URI) that a server may change.
function copyDb(from, dir) {
  if (pg) {
    const name = `t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    psql(pg, `CREATE DATABASE ${name} TEMPLATE ${pgName(from)}`);
    return pgDatabase(name);
  }
  const db = join(dir, 'test.db');
  execFileSync('cp', [from, db]);
  return db;
}

// A demo database built once per process (once per run on PostgreSQL).
let template = null;
function demoTemplate() {
  if (!template && pg && process.env.LANGSO_TEST_PG_DEMO) template = pgDatabase(process.env.LANGSO_TEST_PG_DEMO);
  if (!template) {
    template = freshDb('demo');
    execFileSync(bin, ['init', '--demo', '--db', template], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (!pg) process.on('exit', () => rmSync(dirname(template), { recursive: true, force: true }));
  }
  return template;
}

function psql(uri, query) {
  return execFileSync('psql', ['-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', uri, '-c', query], { encoding: 'utf8' }).trim();
}

export async function startServer({ accessLog = false, db: from = null, args: extra = [] } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'langso-test-'));
  const db = copyDb(from || demoTemplate(), dir);
  const log = join(dir, 'access.log');
  const args = ['serve', '--db', db, '--listen', '127.0.0.1:0', '--access-log', accessLog ? log : '-', ...extra];
  const child = spawn(bin, args, { stdio: ['ignore', 'inherit', 'pipe'] });
  let stderr = '';
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start:\n' + stderr)), 20000);
    child.stderr.on('data', (d) => {
      stderr += d;
      process.stderr.write(d);
      const m = /on http:\/\/127\.0\.0\.1:(\d+)\//.exec(stderr);
      if (m) { clearTimeout(timer); resolve(Number(m[1])); }
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}:\n${stderr}`)));
  });
  const base = `http://127.0.0.1:${port}`;
  return {
    base, db, dir, child,
    accessLog: () => (existsSync(log) ? readFileSync(log, 'utf8') : ''),
    stderr: () => stderr,
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      const code = await new Promise((resolve) => { child.on('exit', (c) => resolve(c)); child.kill('SIGTERM'); });
      rmSync(dir, { recursive: true, force: true });
      if (pg) psql(pg, `DROP DATABASE IF EXISTS ${pgName(db)}`);
      return code;
    },
  };
}

// signIn: POST /login; returns { cookie, csrf } for later requests.
export async function signIn(base, username, password = DEMO_PASSWORD) {
  const res = await fetch(`${base}/login`, {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username, password, next: '/import/villages' }),
  });
  if (res.status !== 303) throw new Error(`sign in as ${username}: ${res.status}`);
  const cookie = res.headers.get('set-cookie').split(';')[0];
  const page = await (await fetch(`${base}/import/villages`, { headers: { cookie } })).text();
  const m = /name="csrf" value="([^"]+)"/.exec(page);
  return { cookie, csrf: m ? m[1] : null, setCookie: res.headers.get('set-cookie') };
}

// query: run SQL on a test database (path or URI); rows as lines, columns
// separated by "|", as both sqlite3 and psql -At print them.
export function query(db, sql) {
  if (pg) return psql(db, sql);
  return execFileSync('sqlite3', [db, sql], { encoding: 'utf8' }).trim();
}

// folded: wait until the server's folder has folded every change the
// writes committed (rollup_pending empty), so that the roll-up rows are
// read as they settle; it folds a few times a second.
export function folded(db) {
  const nap = new Int32Array(new SharedArrayBuffer(4));
  for (let i = 0; i < 200; i++) {
    if (query(db, 'SELECT count(*) FROM rollup_pending') === '0') return;
    Atomics.wait(nap, 0, 0, 50);
  }
  throw new Error('the roll-up folder left changes pending for 10 s');
}

// snapshot: every roll-up row that is not zero, the trees, the villages,
// their teams, members and accounts, and the links between units, as text
// (to compare a change undone with the state before it), once folded.
export function snapshot(db) {
  folded(db);
  return [
    'SELECT unit_id, period, stripe, indicator_id, value, reports FROM agg WHERE value <> 0 OR reports <> 0 ORDER BY 1, 2, 3, 4',
    'SELECT unit_id, period, stripe, indicator_id, value, reports FROM agg_coarse WHERE value <> 0 OR reports <> 0 ORDER BY 1, 2, 3, 4',
    'SELECT unit_id, period, stripe, indicator_id, value, teams, reports FROM agg_stock WHERE value <> 0 OR teams <> 0 OR reports <> 0 ORDER BY 1, 2, 3, 4',
    'SELECT unit_id, form_id, period, stripe, received, late FROM agg_report WHERE received <> 0 OR late <> 0 ORDER BY 1, 2, 3, 4',
    'SELECT unit_id, day, starts, ends FROM team_span WHERE starts <> 0 OR ends <> 0 ORDER BY 1, 2',
    'SELECT ancestor_id, unit_id, depth FROM unit_tree ORDER BY 1, 2',
    'SELECT ancestor_id, unit_id, cut_day, cut_week, cut_month FROM unit_tree_past ORDER BY 1, 2',
    "SELECT id, parent_id, name, valid_from, coalesce(valid_to, '') FROM unit WHERE level = 'village' ORDER BY 1",
    "SELECT id, unit_id, coalesce(dissolved_on, ''), dissolved_reason FROM team ORDER BY 1",
    'SELECT id, team_id FROM member ORDER BY 1',
    'SELECT id, coalesce(scope_unit_id, 0) FROM app_user ORDER BY 1',
    'SELECT old_id, new_id, share FROM unit_succession ORDER BY 1, 2',
  ].map((sql) => query(db, sql)).join('\n--\n');
}

// langso: run a CLI command (stdin optional); returns stdout.
export function langso(args, input) {
  return execFileSync(bin, args, { encoding: 'utf8', input: input ?? '', stdio: ['pipe', 'pipe', 'pipe'] });
}

// login: sign in through the JSON API; returns { cookie, csrf }.
export async function login(base, username, password = DEMO_PASSWORD) {
  const res = await fetch(`${base}/api/v1/session`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 201) throw new Error(`login ${username}: ${res.status}`);
  const body = await res.json();
  return { cookie: res.headers.get('set-cookie').split(';')[0], csrf: body.csrf_token, user: body.user };
}
