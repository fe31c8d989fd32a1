// appservers.test.mjs: two langso servers behind nginx on one PostgreSQL
// database; one is killed (-9) mid-load. Nothing lives in a server: a
// session made on one works on the other; nginx retries the reads that
// met the dead server (0 failed); a write that met it is retried by the
// client with its Idempotency-Key and lands exactly once (0 lost, 0
// doubled). Runs in the PostgreSQL part of scripts/test.sh.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, chmodSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bin, login, pg } from '../lib/server.mjs';

const psql = (uri, sql) => execFileSync('psql', ['-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', uri, '-c', sql], { encoding: 'utf8' }).trim();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
assert.ok(pg, 'the cluster tests run on PostgreSQL: LANGSO_TEST_PG names the test server');

const dir = mkdtempSync(join(tmpdir(), 'langso-apps-'));
chmodSync(dir, 0o755);
const name = `apps_${process.pid}`;
const db = pg.replace(/\/postgres$/, `/${name}`);
const children = [];
after(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function start(cmd, args, ready) {
  const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  children.push(child);
  let err = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${cmd} did not start: ${err}`)), 20000);
    child.stderr.on('data', (d) => {
      err += d;
      const m = ready.exec(err);
      if (m) { clearTimeout(timer); resolve({ child, port: Number(m[1]) }); }
    });
    child.on('exit', (c) => reject(new Error(`${cmd} exited ${c}: ${err}`)));
  });
}

const freePort = () => Number(execFileSync('node', ['-e', 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'], { encoding: 'utf8' }));

test('two app servers behind nginx, one killed mid-load: 0 failed reads, 0 lost or doubled writes', async (t) => {
  psql(pg, `CREATE DATABASE ${name} TEMPLATE ${process.env.LANGSO_TEST_PG_DEMO || 'langso_demo'}`);
  const serve = () => start(bin, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--access-log', '-'], /on http:\/\/127\.0\.0\.1:(\d+)\//);
  const a = await serve(), b = await serve();
  const port = freePort();
  const root = process.getuid && process.getuid() === 0;
  writeFileSync(join(dir, 'nginx.conf'), `${root ? 'user root;\n' : ''}worker_processes 1;
error_log ${dir}/error.log;
pid ${dir}/nginx.pid;
events { worker_connections 512; }
http {
  access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  upstream langso { server 127.0.0.1:${a.port} max_fails=1 fail_timeout=30s; server 127.0.0.1:${b.port} max_fails=1 fail_timeout=30s; keepalive 16; }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://langso;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_next_upstream error timeout http_502;
      proxy_connect_timeout 2s;
    }
  }
}
`);
  const nginx = spawn(existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx', ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: 'ignore' });
  children.push(nginx);
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try { if ((await fetch(`${base}/healthz`)).ok) break; } catch { /* not yet */ }
    assert.ok(i < 100, 'nginx started');
    await sleep(50);
  }
  // one sign-in, used through both servers
  const member = await login(base, 'to.dongdang');
  const me = await (await fetch(`${base}/api/v1/me`, { headers: { cookie: member.cookie } })).json();
  const team = psql(db, `SELECT id FROM team WHERE unit_id = ${me.scope_unit_id} AND dissolved_on IS NULL`);
  const marker = `Máy chủ ${process.pid}`;

  let reads = 0, readFailures = 0, keys = 0, writeRetries = 0, killed = false;
  const read = async () => {
    const r = await fetch(`${base}/api/v1/units?parent=1`, { headers: { cookie: member.cookie } }).catch(() => null);
    reads++;
    if (!r || r.status !== 200) readFailures++;
    else await r.json();
  };
  const write = async () => {
    const key = `apps-${process.pid}-${keys++}`; // a header: ASCII
    for (let attempt = 0; ; attempt++) {
      const r = await fetch(`${base}/api/v1/difficulties`, {
        method: 'POST',
        headers: { cookie: member.cookie, 'x-csrf-token': member.csrf, 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify({ team_id: Number(team), text: `${marker} ${key}`, category: 'other' }),
      }).catch(() => null);
      if (r && r.status === 201) return;
      writeRetries++;
      assert.ok(attempt < 10, `the write ${key} lands within 10 tries (status ${r && r.status})`);
      await sleep(100);
    }
  };
  const worker = async (k) => {
    for (let i = 0; i < 60; i++) {
      await (i % 2 ? read() : write());
      if (!killed && k === 0 && i === 20) {
        killed = true;
        a.child.kill('SIGKILL');
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, (_, k) => worker(k)));
  assert.ok(killed);
  t.diagnostic(`${reads} reads, ${keys} writes (${writeRetries} retried by the client with their key)`);
  assert.equal(readFailures, 0, `every read answered (${reads} reads)`);
  const stored = Number(psql(db, `SELECT count(*) FROM difficulty WHERE text LIKE '${marker} %'`));
  const distinct = Number(psql(db, `SELECT count(DISTINCT text) FROM difficulty WHERE text LIKE '${marker} %'`));
  assert.equal(stored, keys, `every write stored once (${writeRetries} retried)`);
  assert.equal(distinct, keys);
  nginx.kill('SIGTERM');
  b.child.kill('SIGTERM');
  psql(pg, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
});
