// carry.test.mjs: the targets of a commune closed by the 2025 reform,
// carried by the province to its successor. Two old communes of Huyện Cao
// Lộc are loaded and converted (tests/lib/reform.mjs): Thị trấn Đồng Đăng
// whole into Xã Đồng Đăng, Xã Bảo Lâm split. The old town keeps its 2024
// targets; the province carries a share to Xã Đồng Đăng through the API
// (added to what it has, rounded half up, checked against the arithmetic
// here), sees it on the unit page and takes it back there; a bad share, a
// second carry, a unit that is no successor and a commune officer are
// refused and change nothing; the audit trail has both; langso check
// agrees.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, login, signIn, langso, query } from '../lib/server.mjs';
import { reformFiles, jsonCall, formCall } from '../lib/reform.mjs';

let srv, admin, province, commune;
const dir = mkdtempSync(join(tmpdir(), 'langso-carry-'));
const num = (sql) => Number(query(srv.db, sql));
const call = (...args) => jsonCall(srv)(...args);
const page = (...args) => formCall(srv)(...args);

before(async () => {
  srv = await startServer();
  admin = await login(srv.base, 'admin');
  province = await signIn(srv.base, 'tinh.langson');
  commune = await signIn(srv.base, 'xa.dongdang');
  const { nso, conv } = reformFiles(dir);
  langso(['units', 'import-nso', '--db', srv.db, nso]);
  langso(['units', 'apply-conversion', '--db', srv.db, '--effective', '2025-07-01', conv]);
});
after(async () => { if (srv) assert.equal(await srv.stop(), 0); });

const targets = async (unit, period) => {
  const r = await call(admin, 'GET', `/api/v1/units/${unit}/progress?period=${period}`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return Object.fromEntries(r.body.items.map((i) => [i.indicator, i.target ?? null]));
};

test('a closed town\'s targets carried in part to its successor, shown on its page, taken back exactly', async () => {
  const old = num("SELECT id FROM unit WHERE code = '06184' AND valid_to IS NOT NULL");
  const nu = num("SELECT id FROM unit WHERE code = '06184' AND valid_to IS NULL AND level = 'commune'");
  const other = num("SELECT id FROM unit WHERE code = '06211' AND valid_to IS NULL");
  assert.ok(old && nu && other && old !== nu);
  // the town's own 2024 targets, set before the reform
  const given = { DVC_GUIDED: 101, VNEID_L2: 3, PAY_ACCOUNTS: 0, GROUP_HOUSEHOLDS: 5 };
  assert.equal((await call(admin, 'PUT', `/api/v1/units/${old}/targets/2024`, { values: given })).status, 200);
  const before = await targets(nu, '2024');

  const offers = await call(province, 'GET', `/api/v1/units/${nu}/targets/carry`);
  assert.equal(offers.status, 200);
  assert.deepEqual(offers.body.items.map((o) => [o.unit.id, o.targets, o.percent, o.left]), [[old, 4, 0, 100]]);

  // refused, each for its reason, and nothing changes
  for (const [who, body, status, field] of [
    [province, { from: old, percent: 150 }, 422, 'percent'],
    [province, { from: old, percent: 0 }, 422, 'percent'],
    [province, { from: other, percent: 50 }, 404],
    [commune, { from: old, percent: 50 }, 403],
  ]) {
    const r = await call(who, 'POST', `/api/v1/units/${nu}/targets/carry`, body);
    assert.equal(r.status, status, JSON.stringify(r.body));
    if (field) assert.ok(JSON.stringify(r.body).includes(`"${field}"`), JSON.stringify(r.body));
  }
  assert.equal((await call(province, 'POST', `/api/v1/units/${other}/targets/carry`, { from: old })).status, 404);
  assert.deepEqual(await targets(nu, '2024'), before);

  // 60 % carried: added to what it had, rounded half up
  const done = await call(province, 'POST', `/api/v1/units/${nu}/targets/carry`, { from: old, percent: 60 });
  assert.equal(done.status, 201, JSON.stringify(done.body));
  assert.deepEqual(done.body, { from: old, to: nu, percent: 60, targets: 4, skipped: 0 });
  const carried = await targets(nu, '2024');
  for (const [code, v] of Object.entries(given))
    assert.equal(carried[code], (before[code] ?? 0) + Math.floor((v * 60 + 50) / 100), code);
  assert.deepEqual(await targets(old, '2024'), { ...(await targets(old, '2024')), ...given }, 'the town keeps its own');
  const again = await call(province, 'POST', `/api/v1/units/${nu}/targets/carry`, { from: old, percent: 10 });
  assert.equal(again.status, 422);
  assert.ok(JSON.stringify(again.body).includes('"from"'));

  // the unit page shows it, with a way back; a bad share there is named
  const html = await (await page(province, `/units/${nu}`)).text();
  assert.match(html, /<section id="carry"/);
  assert.match(html, /60%/);
  assert.match(html, new RegExp(`action="/units/${nu}/targets/uncarry"`));
  const bad = await page(province, `/units/${nu}/targets/carry`, { from: String(old), percent: '1x' });
  assert.equal(bad.status, 422);
  assert.match(await bad.text(), /một số nguyên từ 1 đến 100/);
  const back = await page(province, `/units/${nu}/targets/uncarry`, { from: String(old) });
  assert.equal(back.status, 303);
  assert.equal(back.headers.get('location'), `/units/${nu}#carry`);
  assert.deepEqual(await targets(nu, '2024'), before, 'exactly as before, targets the carry made removed');
  assert.equal((await call(province, 'DELETE', `/api/v1/units/${nu}/targets/carry/${old}`)).status, 404);

  // carried again from the page, all that is left
  const form = await (await page(province, `/units/${nu}`)).text();
  assert.match(form, /name="percent" type="number" min="1" max="100" value="100"/);
  assert.equal((await page(province, `/units/${nu}/targets/carry`, { from: String(old), percent: '100' })).status, 303);
  const all = await targets(nu, '2024');
  for (const [code, v] of Object.entries(given)) assert.equal(all[code], (before[code] ?? 0) + v, code);
  const undo = await call(province, 'DELETE', `/api/v1/units/${nu}/targets/carry/${old}`);
  assert.equal(undo.status, 200);
  assert.equal(undo.body.targets, 4);
  assert.deepEqual(await targets(nu, '2024'), before);

  assert.equal(num("SELECT count(*) FROM audit WHERE entity = 'target' AND action = 'carry'"), 2);
  assert.equal(num("SELECT count(*) FROM audit WHERE entity = 'target' AND action = 'uncarry'"), 2);
  assert.equal(num('SELECT count(*) FROM target_carry'), 0);
  langso(['check', '--db', srv.db]);
});
