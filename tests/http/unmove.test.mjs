// unmove.test.mjs: a village's move undone, exactly. Two old communes of
// Huyện Cao Lộc (tests/lib/reform.mjs) get villages and teams with two
// years of weekly, monthly and stock reports; the conversion moves Thị
// trấn Đồng Đăng's villages whole and leaves Xã Bảo Lâm's waiting. Every
// roll-up table is read before and after: a waiting village assigned and
// undone leaves them as they were to the row; a village the conversion
// moved, undone on its page, waits, and assigned back, leaves them as the
// conversion made them; a report saved since a move forbids the undo;
// langso check agrees.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, login, signIn, langso, query, snapshot as dbSnapshot } from '../lib/server.mjs';
import { reformFiles, jsonCall, formCall } from '../lib/reform.mjs';

let srv, admin, province, commune;
const dir = mkdtempSync(join(tmpdir(), 'langso-unmove-'));
const num = (sql) => Number(query(srv.db, sql));
const call = (...args) => jsonCall(srv)(...args);
const page = (...args) => formCall(srv)(...args);
const snapshot = () => dbSnapshot(srv.db);
const villages = [];
let files, beforeConversion;
before(async () => {
  srv = await startServer();
  admin = await login(srv.base, 'admin');
  province = await signIn(srv.base, 'tinh.langson');
  commune = await signIn(srv.base, 'xa.dongdang');
  const { nso, conv } = reformFiles(dir);
  langso(['units', 'import-nso', '--db', srv.db, nso]);
  // villages of the old communes, one named like a village of today's Xã
  // Đồng Đăng so that its move renames it
  const today = query(srv.db, "SELECT v.name FROM unit v JOIN unit c ON c.id = v.parent_id WHERE c.code = '06184' AND c.valid_to IS NULL AND v.level = 'village' ORDER BY v.id LIMIT 1");
  const names = [['06184', 'Khu Cũ Một'], ['06184', today], ['06190', 'Thôn Bảo Một'], ['06190', 'Thôn Bảo Hai']];
  writeFileSync(join(dir, 'v.csv'), 'commune_code,village\n' + names.map(([c, n]) => `${c},${n}`).join('\n') + '\n');
  langso(['import', 'villages', '--db', srv.db, '--at', '2024-06-01', join(dir, 'v.csv')]);
  for (const [k, [code, name]] of names.entries()) {
    const id = num(`SELECT u.id FROM unit u JOIN unit c ON c.id = u.parent_id WHERE c.code = '${code}' AND c.valid_to IS NOT NULL AND u.name = '${name}'`);
    const made = await call(admin, 'POST', '/api/v1/teams', { unit_id: id, name: `Tổ ${name} ${k}`, established_on: '2024-01-01' });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    const v = { id, code, name, team: made.body.id };
    for (const [i, p] of ['2024-02', '2024-07', '2024-12', '2025-03', '2025-06', '2025-08'].entries()) {
      const r = await call(admin, 'PUT', `/api/v1/teams/${v.team}/reports/${p}`, { values: { DVC_FILED: k * 5 + i + 1, GROUP_HOUSEHOLDS: 30 + k * 3 + i, ECOM_STORES: i % 2 }, submit: true });
      assert.equal(r.status, 200, `${p}: ${JSON.stringify(r.body)}`);
    }
    for (const [i, w] of ['2024W10', '2025W20', '2025W27', '2025W30'].entries()) {
      const r = await call(admin, 'PUT', `/api/v1/teams/${v.team}/reports/${w}`, { values: { DVC_GUIDED: k + i + 2 }, submit: true });
      assert.equal(r.status, 200, `${w}: ${JSON.stringify(r.body)}`);
    }
    villages.push(v);
  }
  files = { conv };
  beforeConversion = snapshot();
  const out = langso(['units', 'apply-conversion', '--db', srv.db, '--effective', '2025-07-01', conv]);
  assert.match(out, /2 villages moved to their new commune, 2 villages of split communes waiting/, out);
});
after(async () => { if (srv) assert.equal(await srv.stop(), 0); });

const waiting = async () => (await call(province, 'GET', '/api/v1/reorganisation/waiting')).body.items.map((i) => i.village.id).sort((a, b) => a - b);
const check = () => langso(['check', '--db', srv.db]);

test('the whole conversion undone from the page and applied again: every row as before each', async () => {
  const after = snapshot();
  const form = () => {
    const fd = new FormData();
    fd.set('csrf', province.csrf);
    fd.set('file', new Blob([readFileSync(files.conv)]), 'conv.csv');
    fd.set('effective', '2025-07-01');
    return fd;
  };
  const fd = form();
  fd.set('undo', '1');
  const r = await fetch(`${srv.base}/reorganisation/conversion`, { method: 'POST', body: fd, headers: { cookie: province.cookie } });
  assert.equal(r.status, 200);
  assert.match(await r.text(), /Đã hoàn tác bảng chuyển đổi/);
  assert.equal(snapshot(), beforeConversion, 'as before the conversion, to the row');
  assert.deepEqual(await waiting(), []);
  check();
  const again = await fetch(`${srv.base}/reorganisation/conversion`, { method: 'POST', body: form(), headers: { cookie: province.cookie } });
  assert.equal(again.status, 200);
  assert.equal(snapshot(), after, 'as the first time');
  assert.equal(num("SELECT count(*) FROM audit WHERE action = 'unapply-conversion'"), 1);
});

test('a waiting village assigned and undone leaves every roll-up as it was; a wholly moved one undone waits, and assigned back is as the conversion made it', async () => {
  const caoLoc = num("SELECT id FROM unit WHERE code = '06211' AND valid_to IS NULL");
  const dongDang = num("SELECT id FROM unit WHERE code = '06184' AND valid_to IS NULL AND level = 'commune'");
  const oldTown = num("SELECT id FROM unit WHERE code = '06184' AND valid_to IS NOT NULL");
  const oldBaoLam = num("SELECT id FROM unit WHERE code = '06190' AND valid_to IS NOT NULL");
  const [town1, town2, bao1, bao2] = villages;
  const s0 = snapshot();
  assert.deepEqual(await waiting(), [bao1.id, bao2.id]);

  // assigned, then undone through the API: every row as it was
  assert.equal((await call(province, 'POST', `/api/v1/reorganisation/waiting/${bao1.id}`, { commune_id: caoLoc })).status, 200);
  assert.notEqual(snapshot(), s0);
  check();
  assert.equal((await call(commune, 'DELETE', `/api/v1/reorganisation/moves/${bao1.id}`)).status, 404, 'outside its commune');
  const undone = await call(province, 'DELETE', `/api/v1/reorganisation/moves/${bao1.id}`);
  assert.equal(undone.status, 200, JSON.stringify(undone.body));
  assert.deepEqual(undone.body, { village_id: bao1.id, commune_id: oldBaoLam });
  assert.equal(snapshot(), s0);
  assert.deepEqual(await waiting(), [bao1.id, bao2.id]);
  assert.equal((await call(province, 'DELETE', `/api/v1/reorganisation/moves/${bao1.id}`)).status, 404, 'nothing left to undo');
  check();

  // a village the conversion moved (and renamed: its name was taken),
  // undone on its page: back under the old town, waiting, its name its own
  assert.notEqual(query(srv.db, `SELECT name FROM unit WHERE id = ${town2.id}`), town2.name);
  const before = (await call(admin, 'GET', `/api/v1/units/${dongDang}/progress?period=2024`)).body;
  assert.equal((await call(commune, 'DELETE', `/api/v1/reorganisation/moves/${town2.id}`)).status, 403, 'a commune officer');
  const html = await (await page(province, `/units/${town2.id}`)).text();
  assert.match(html, new RegExp(`action="/reorganisation/villages/${town2.id}/undo"`));
  const back = await page(province, `/reorganisation/villages/${town2.id}/undo`, {});
  assert.equal(back.status, 303);
  assert.equal(query(srv.db, `SELECT parent_id || '|' || name FROM unit WHERE id = ${town2.id}`), `${oldTown}|${town2.name}`);
  assert.deepEqual(await waiting(), [town2.id, bao1.id, bao2.id]);
  const less = (await call(admin, 'GET', `/api/v1/units/${dongDang}/progress?period=2024`)).body;
  const filed = (p) => p.items.find((i) => i.indicator === 'DVC_FILED').actual;
  assert.equal(filed(before) - filed(less), [0, 1, 2].reduce((n, i) => n + 5 + i + 1, 0), 'its three 2024 months, no more');
  check();
  // assigned back: as the conversion left it, to the row
  assert.equal((await call(province, 'POST', `/api/v1/reorganisation/waiting/${town2.id}`, { commune_id: dongDang })).status, 200);
  assert.equal(snapshot(), s0);

  // a report under the new structure: the move stays
  const r = await call(admin, 'PUT', `/api/v1/teams/${town1.team}/reports/2026-01`, { values: { DVC_FILED: 4 }, submit: true });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const refused = await call(province, 'DELETE', `/api/v1/reorganisation/moves/${town1.id}`);
  assert.equal(refused.status, 422);
  assert.ok(JSON.stringify(refused.body).includes('"village"'));
  const hint = await (await page(province, `/units/${town1.id}`)).text();
  assert.doesNotMatch(hint, /\/undo"/);
  assert.match(hint, /không thể hoàn tác/i);
  assert.equal(num("SELECT count(*) FROM audit WHERE action = 'unmove'"), 2);
  // nor can the whole table be undone: the village is named, nothing changes
  const now = snapshot();
  assert.throws(() => langso(['units', 'unapply-conversion', '--db', srv.db, '--effective', '2025-07-01', files.conv]),
    (e) => e.stderr.includes(town1.name) && /saved since it moved/.test(e.stderr));
  assert.equal(snapshot(), now);
  check();
});
