// nginx.test.mjs: langso behind nginx with the deployment guide's own
// file (deploy/nginx-langso.conf, TLS lines left out): requests pass, the
// sign-in routes are rate-limited by nginx on top of langso's throttle,
// and a forged X-Forwarded-For does not change the address langso counts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import net from 'node:net';
import { startServer, langso } from '../lib/server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
let srv, nginx, base;
const dir = mkdtempSync(join(tmpdir(), 'langso-nginx-'));
const freePort = () => new Promise((resolve) => { const s = net.createServer(); s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); }); });

before(async () => {
  srv = await startServer({ args: ['--trusted-proxy', '127.0.0.1'] });
  const port = await freePort();
  const site = readFileSync(join(root, 'deploy', 'nginx-langso.conf'), 'utf8')
    .replace(/listen 443 .*;/, `listen 127.0.0.1:${port};`)
    .split('\n').filter((l) => !/ssl_/.test(l)).join('\n')
    .replace('server 127.0.0.1:8080;', `server 127.0.0.1:${new URL(srv.base).port};`)
    .replaceAll('include /etc/nginx/langso-proxy.conf;', `include ${join(root, 'deploy', 'nginx-langso-proxy.conf')};`);
  writeFileSync(join(dir, 'langso.conf'), site);
  writeFileSync(join(dir, 'nginx.conf'), `${process.getuid() === 0 ? 'user root;\n' : ''}worker_processes 1;
error_log ${dir}/error.log;
pid ${dir}/nginx.pid;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  include ${dir}/langso.conf;
}
`);
  nginx = spawn(existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx', ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: 'ignore' });
  base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try { if ((await fetch(`${base}/healthz`)).ok) break; } catch { /* not yet */ }
    assert.ok(i < 100, 'nginx started');
    await new Promise((r) => setTimeout(r, 50));
  }
});
after(async () => {
  if (nginx) nginx.kill('SIGTERM');
  if (srv) assert.equal(await srv.stop(), 0);
  rmSync(dir, { recursive: true, force: true });
});

test("through the guide's nginx: pages pass, sign-in is rate-limited, a forged X-Forwarded-For is not believed", async () => {
  assert.equal((await fetch(`${base}/healthz`)).status, 200);
  const page = await fetch(`${base}/login`);
  assert.equal(page.status, 200);
  assert.match(await page.text(), /Đăng nhập/);
  // ten sign-ins a minute with a burst of five: the rest are refused by
  // nginx before langso sees them
  const codes = [];
  for (let i = 0; i < 9; i++) {
    const r = await fetch(`${base}/api/v1/session`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.77' },
      body: JSON.stringify({ username: 'nobody.here', password: 'đoán mò ' + i }),
    });
    codes.push(r.status);
  }
  const passed = codes.indexOf(429);
  assert.ok(passed >= 4 && passed <= 6, codes.join(','));
  assert.ok(codes.slice(0, passed).every((c) => c === 401) && codes.slice(passed).every((c) => c === 429), codes.join(','));
  // langso counted the address nginx saw, not the one the client claimed
  const rows = langso(['audit', '--db', srv.db, '--entity', 'session', '--limit', '6']);
  assert.match(rows, /"address":"127\.0\.0\.1"/);
  assert.ok(!rows.includes('203.0.113.77'));
});
