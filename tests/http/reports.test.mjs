// reports.test.mjs: the whole reporting flow through the API and the
// pages: targets, a team's report, return, resubmission, acceptance and
// progress; idempotent retries; bad values; the late flag; difficulties.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, signIn, langso, query } from '../lib/server.mjs';

let srv, officer, member, prov, team, village, commune;
const count = (sql) => Number(query(srv.db, sql));
const api = async (method, path, auth, body, headers = {}) => {
  const r = await fetch(srv.base + path, { method, headers: { cookie: auth.cookie, 'x-csrf-token': auth.csrf, 'content-type': 'application/json', 'accept-language': 'en', ...headers }, body: body ? JSON.stringify(body) : undefined });
  const text = await r.text();
  return { status: r.status, headers: r.headers, body: text ? JSON.parse(text) : null };
};
// weeks the demo leaves alone: this week of the server's clock (not late), one
// long past its deadline
const thisWeek = '2026W10';
const month = '2026-03'; // the month of that week's Thursday (5 Mar 2026)
const oldWeek = '2025W10';

before(async () => {
  // the server's clock: Tuesday 3 Mar 2026, 09:00 in Vietnam (2026W10 is open),
  // months before the weeks the demo fills
  srv = await startServer({ args: ['--clock', '2026-03-03T09:00:00+07:00'] });
  officer = await login(srv.base, 'xa.dongdang');
  member = await login(srv.base, 'to.dongdang');
  prov = await login(srv.base, 'tinh.langson');
  const me = await api('GET', '/api/v1/me', member);
  village = me.body.scope_unit_id;
  team = count(`SELECT id FROM team WHERE unit_id = ${village} AND dissolved_on IS NULL`);
  commune = count("SELECT id FROM unit WHERE code = '06184'");
});
after(async () => { if (srv) assert.equal(await srv.stop(), 0); });

test('assign → report → return → resubmit → accept → progress', async () => {
  // the province assigns the commune, the commune its village (the team)
  let r = await api('PUT', `/api/v1/units/${commune}/targets/${month}`, prov, { values: { DVC_GUIDED: 400, VNEID_L2: 100 } });
  assert.equal(r.status, 200);
  assert.equal(r.body.items.find((i) => i.indicator === 'DVC_GUIDED').target, 400);
  r = await api('PUT', `/api/v1/units/${village}/targets/${month}`, officer, { values: { DVC_GUIDED: 40 } });
  assert.equal(r.status, 200);
  // the commune may not set its own targets, nor the team member anybody's
  assert.equal((await api('PUT', `/api/v1/units/${commune}/targets/${month}`, officer, { values: { DVC_GUIDED: 1 } })).status, 403);
  assert.equal((await api('PUT', `/api/v1/units/${village}/targets/${month}`, member, { values: { DVC_GUIDED: 1 } })).status, 403);

  const before = (await api('GET', `/api/v1/units/${commune}/progress?period=${month}`, officer)).body;
  const dvc0 = before.items.find((i) => i.indicator === 'DVC_GUIDED').actual;
  // the team member drafts, then sends
  r = await api('PUT', `/api/v1/teams/${team}/reports/${thisWeek}`, member, { values: { DVC_GUIDED: 7 } });
  assert.equal(r.status, 200);
  assert.equal(r.body.status, 'draft');
  // a count is a JSON number: the text "3" is refused, naming the field
  r = await api('PUT', `/api/v1/teams/${team}/reports/${thisWeek}`, member, { values: { VNEID_L2: '3' }, submit: true });
  assert.equal(r.status, 422);
  assert.deepEqual(r.body.errors.map((e) => e.field), ['VNEID_L2']);
  r = await api('PUT', `/api/v1/teams/${team}/reports/${thisWeek}`, member, { values: { VNEID_L2: 3 }, submit: true });
  assert.equal(r.body.status, 'submitted');
  assert.deepEqual([r.body.values.DVC_GUIDED, r.body.values.VNEID_L2], [7, 3]);
  assert.equal(r.body.late, false);
  const id = r.body.id;
  const after1 = (await api('GET', `/api/v1/units/${commune}/progress?period=${month}`, officer)).body;
  assert.equal(after1.items.find((i) => i.indicator === 'DVC_GUIDED').actual, dvc0 + 7, 'counted at once');
  // returned with a reason: out of the totals
  assert.equal((await api('POST', `/api/v1/reports/${id}/return`, officer, {})).status, 422);
  r = await api('POST', `/api/v1/reports/${id}/return`, officer, { reason: 'Số người chưa khớp sổ' });
  assert.equal(r.body.status, 'returned');
  assert.equal(r.body.note, 'Số người chưa khớp sổ');
  let p = (await api('GET', `/api/v1/units/${commune}/progress?period=${month}`, officer)).body;
  assert.equal(p.items.find((i) => i.indicator === 'DVC_GUIDED').actual, dvc0);
  // fixed and sent again, then accepted and locked
  r = await api('PUT', `/api/v1/teams/${team}/reports/${thisWeek}`, member, { values: { DVC_GUIDED: 9 }, submit: true });
  assert.equal(r.body.status, 'submitted');
  r = await api('POST', `/api/v1/reports/${id}/accept`, officer);
  assert.equal(r.body.status, 'accepted');
  r = await api('PUT', `/api/v1/teams/${team}/reports/${thisWeek}`, member, { values: { DVC_GUIDED: 99 }, submit: true });
  assert.equal(r.status, 422);
  assert.equal(r.body.errors[0].message, 'the report is accepted and locked');
  p = (await api('GET', `/api/v1/units/${commune}/progress?period=${month}`, officer)).body;
  assert.equal(p.items.find((i) => i.indicator === 'DVC_GUIDED').actual, dvc0 + 9);
  assert.equal(p.items.find((i) => i.indicator === 'DVC_GUIDED').target, 400);
  for (const k of ['expected', 'received', 'on_time', 'late', 'missing']) assert.equal(typeof p.completeness[k], 'number', k);
  assert.equal(p.completeness.expected, p.completeness.received + p.completeness.missing);
  // the village's own progress reads its team's reports
  const pv = (await api('GET', `/api/v1/units/${village}/progress?period=${month}`, member)).body;
  assert.equal(pv.items.find((i) => i.indicator === 'DVC_GUIDED').target, 40);
  // the history of every change
  const revs = count(`SELECT count(*) FROM report_revision WHERE report_id = ${id}`);
  assert.equal(revs, 5);
  assert.equal(langso(['check', '--db', srv.db]).trim().split(':')[1].trim().split(' ')[0], '0');
});

test('a retried PUT with the same Idempotency-Key is answered once', async () => {
  const week = '2026W05';
  const key = { 'idempotency-key': 'retry-1' };
  const a = await api('PUT', `/api/v1/teams/${team}/reports/${week}`, member, { values: { PROP_SESSIONS: 2 }, submit: true }, key);
  const revs = count(`SELECT revision FROM report WHERE team_id = ${team} AND period = '${week}'`);
  const b = await api('PUT', `/api/v1/teams/${team}/reports/${week}`, member, { values: { PROP_SESSIONS: 2 }, submit: true }, key);
  assert.equal(b.status, a.status);
  assert.deepEqual(b.body, a.body);
  assert.equal(b.headers.get('idempotent-replayed'), 'true');
  assert.equal(count(`SELECT revision FROM report WHERE team_id = ${team} AND period = '${week}'`), revs, 'not done twice');
  const other = await api('PUT', `/api/v1/teams/${team}/reports/2026W06`, member, { values: { PROP_SESSIONS: 1 } }, key);
  assert.equal(other.status, 422);
  assert.equal(other.body.code, 'idempotency_key_reused');
  // a difficulty posted twice with a key exists once
  const dkey = { 'idempotency-key': 'difficulty-1' };
  const n0 = count('SELECT count(*) FROM difficulty');
  const d1 = await api('POST', '/api/v1/difficulties', member, { team_id: team, text: 'Mất điện cả tuần', category: 'other' }, dkey);
  const d2 = await api('POST', '/api/v1/difficulties', member, { team_id: team, text: 'Mất điện cả tuần', category: 'other' }, dkey);
  assert.equal(d1.status, 201);
  assert.equal(d2.body.id, d1.body.id);
  assert.equal(count('SELECT count(*) FROM difficulty'), n0 + 1);
});

test('bad values name the field; nothing is saved', async () => {
  const r = await api('PUT', `/api/v1/teams/${team}/reports/2026W07`, member, { values: { DVC_GUIDED: -1, VNEID_L2: 50000, NOPE: 1, PROP_REACHED: 'nhiều' }, submit: true });
  assert.equal(r.status, 422);
  const fields = Object.fromEntries(r.body.errors.map((e) => [e.field, e.message]));
  assert.equal(fields.DVC_GUIDED, 'a whole number, 0 or more');
  assert.equal(fields.VNEID_L2, 'more than 2000: please check this number');
  assert.equal(fields.NOPE, 'not an indicator of this form');
  assert.equal(fields.PROP_REACHED, 'a whole number, 0 or more');
  assert.equal(count(`SELECT count(*) FROM report WHERE team_id = ${team} AND period = '2026W07'`), 0);
  assert.equal((await api('PUT', `/api/v1/teams/${team}/reports/2026-13`, member, { values: {} })).status, 400);
});

test('a submission after the deadline is marked late', async () => {
  const r = await api('PUT', `/api/v1/teams/${team}/reports/${oldWeek}`, member, { values: { DVC_GUIDED: 1 }, submit: true });
  assert.equal(r.status, 200);
  assert.equal(r.body.late, true);
  assert.equal(r.body.due_on, '2025-03-11');
});

test('scope: another commune and another team cannot read or fill this report', async () => {
  const other = await login(srv.base, 'phuong.dongkinh');
  assert.equal((await api('GET', `/api/v1/teams/${team}/reports/${thisWeek}`, other)).status, 404);
  assert.equal((await api('PUT', `/api/v1/teams/${team}/reports/2026W08`, other, { values: { DVC_GUIDED: 1 } })).status, 404);
  assert.equal((await api('GET', `/api/v1/units/${commune}/progress?period=${month}`, other)).status, 404);
  const otherTeam = count(`SELECT id FROM team WHERE unit_id <> ${village} AND dissolved_on IS NULL LIMIT 1`);
  assert.equal((await api('PUT', `/api/v1/teams/${otherTeam}/reports/2026W08`, member, { values: { DVC_GUIDED: 1 } })).status, 404);
  const viewer = await login(srv.base, 'xem.langson');
  assert.equal((await api('PUT', `/api/v1/teams/${team}/reports/2026W08`, viewer, { values: { DVC_GUIDED: 1 } })).status, 403);
  assert.equal((await api('GET', `/api/v1/teams/${team}/reports/${thisWeek}`, viewer)).status, 200);
});

test('pages: the form with the previous period, review, progress with the reminder', async () => {
  const m = await signIn(srv.base, 'to.dongdang');
  const start = await fetch(`${srv.base}/report`, { headers: { cookie: m.cookie }, redirect: 'manual' });
  assert.match(start.headers.get('location'), new RegExp(`^/teams/${team}/reports/\\d{4}W\\d{2}$`));
  const week = '2026W09';
  const form = await (await fetch(`${srv.base}/teams/${team}/reports/${week}`, { headers: { cookie: m.cookie } })).text();
  assert.match(form, /name="DVC_GUIDED" inputmode="numeric"/);
  const body = new URLSearchParams({ csrf: m.csrf, DVC_GUIDED: '12 000', VNEID_L2: '4', action: 'submit' });
  const bad = await fetch(`${srv.base}/teams/${team}/reports/${week}`, { method: 'POST', body, headers: { cookie: m.cookie, 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(bad.status, 422);
  assert.match(await bad.text(), /<b>Người được hướng dẫn sử dụng dịch vụ công trực tuyến<\/b>: lớn hơn 2000: hãy kiểm tra lại số này/);
  body.set('DVC_GUIDED', '12');
  const ok = await fetch(`${srv.base}/teams/${team}/reports/${week}`, { method: 'POST', body, headers: { cookie: m.cookie, 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(ok.status, 200);
  assert.match(await ok.text(), /Đã gửi báo cáo\. Cảm ơn!/);
  const next = await (await fetch(`${srv.base}/teams/${team}/reports/2026W10`, { headers: { cookie: m.cookie } })).text();
  assert.match(next, /kỳ trước: 12/);
  const o = await signIn(srv.base, 'xa.dongdang');
  const list = await (await fetch(`${srv.base}/reports?unit=${commune}&period=${week}`, { headers: { cookie: o.cookie } })).text();
  assert.match(list, /đã gửi/);
  const id = count(`SELECT id FROM report WHERE team_id = ${team} AND period = '${week}'`);
  // the reviewer reads the report: no boxes, no "send"; two actions apart
  const seen = await (await fetch(`${srv.base}/teams/${team}/reports/${week}`, { headers: { cookie: o.cookie } })).text();
  assert.doesNotMatch(seen, /<input id="v_/, 'read-only for the reviewer');
  assert.doesNotMatch(seen, /Gửi báo cáo/);
  assert.match(seen, /<th scope="row">Người được hướng dẫn sử dụng dịch vụ công trực tuyến <small>\(người\)<\/small><\/th><td>12<\/td>/);
  assert.match(seen, /value="accept" class="accept">Duyệt báo cáo</);
  assert.match(seen, /value="return" class="danger">Trả lại cho Tổ|value="return" class="danger">Trả lại cho tổ/);
  assert.match(seen, new RegExp(`href="/teams/${team}/reports/${week}\\?edit=1"`), 'editing for the team is a choice');
  assert.match(await (await fetch(`${srv.base}/teams/${team}/reports/${week}?edit=1`, { headers: { cookie: o.cookie } })).text(), /<input id="v_DVC_GUIDED"/);
  const review = (fields) => fetch(`${srv.base}/reports/${id}/review`, { method: 'POST', body: new URLSearchParams({ csrf: o.csrf, ...fields }), headers: { cookie: o.cookie, 'content-type': 'application/x-www-form-urlencoded' } });
  const noReason = await review({ action: 'return', reason: '' });
  assert.equal(noReason.status, 422);
  assert.match(await noReason.text(), /<li><b>Lý do<\/b>: hãy ghi lý do<\/li>/, 'the field is named in words');
  const back = await review({ action: 'return', reason: 'Số VNeID chưa khớp sổ' });
  assert.equal(back.status, 200);
  assert.match(await back.text(), /Đã trả lại báo cáo cho tổ\. Tổ thấy lý do của bạn trên trang chủ/);
  const home = await (await fetch(`${srv.base}/`, { headers: { cookie: m.cookie } })).text();
  assert.match(home, /Số VNeID chưa khớp sổ/, 'the team sees the reason on its home');
  body.set('VNEID_L2', '5');
  assert.equal((await fetch(`${srv.base}/teams/${team}/reports/${week}`, { method: 'POST', body, headers: { cookie: m.cookie, 'content-type': 'application/x-www-form-urlencoded' } })).status, 200);
  const again = await (await fetch(`${srv.base}/reports?unit=${commune}&period=${week}`, { headers: { cookie: o.cookie } })).text();
  assert.match(again, /<span class="status submitted">đã gửi lại<\/span>/, 'a report sent again is marked so');
  const rv = await review({ action: 'accept' });
  assert.equal(rv.status, 200);
  const done = await rv.text();
  // the team can raise a difficulty from its list and from the accepted report
  const dl = await (await fetch(`${srv.base}/difficulties`, { headers: { cookie: m.cookie } })).text();
  assert.match(dl, new RegExp(`<a class="button" href="/difficulties/new\\?team=${team}">`));
  const accepted = await (await fetch(`${srv.base}/teams/${team}/reports/${week}`, { headers: { cookie: m.cookie } })).text();
  assert.match(accepted, new RegExp(`href="/difficulties/new\\?team=${team}&amp;report=${id}"`));
  assert.match(done, /Trạng thái: <span class="status accepted">đã duyệt<\/span>/);
  assert.match(done, /Đã duyệt báo cáo\. Báo cáo đã được khóa/);
  // the history in words, newest first, with what changed
  const hist = /<ol class="history">(.*?)<\/ol>/s.exec(done)[1].split('</li>').filter(Boolean).map((l) => l.replace(/<[^>]+>/g, ''));
  assert.equal(hist.length, 4);
  assert.match(hist[0], /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2} Hoàng Văn Thắng .* đã duyệt báo cáo$/);
  assert.match(hist[1], /Nông Văn Tú .* đã gửi báo cáo\. Tài khoản VNeID mức 2 được kích hoạt: 4 → 5$/);
  assert.match(hist[2], /Hoàng Văn Thắng .* đã trả lại báo cáo cho tổ\. Lý do: «Số VNeID chưa khớp sổ»$/);
  assert.match(hist[3], /đã gửi báo cáo\. Người được hướng dẫn sử dụng dịch vụ công trực tuyến: 12; Tài khoản VNeID mức 2 được kích hoạt: 4$/);
  const prog = await (await fetch(`${srv.base}/units/${commune}/progress?period=2026W03`, { headers: { cookie: o.cookie } })).text();
  assert.match(prog, /Tổ chưa gửi báo cáo/);
  assert.match(prog, /Nhắc các Tổ chưa gửi báo cáo kỳ Tuần 3 \(12\/01–18\/01\/2026\)/);
});

test('difficulties: raised by the team, answered and escalated by the commune, seen by the province', async () => {
  const d = await api('POST', '/api/v1/difficulties', member, { team_id: team, text: 'Chưa có wifi ở nhà văn hóa', category: 'connectivity' });
  assert.equal(d.status, 201);
  assert.equal(d.body.level, 'commune');
  assert.equal((await api('POST', `/api/v1/difficulties/${d.body.id}/resolve`, member, { text: 'x' })).status, 403);
  const a = await api('POST', `/api/v1/difficulties/${d.body.id}/replies`, officer, { text: 'Đã báo VNPT' });
  assert.equal(a.body.status, 'answered');
  const e = await api('POST', `/api/v1/difficulties/${d.body.id}/escalate`, officer, { text: 'Cần tỉnh hỗ trợ' });
  assert.equal(e.body.level, 'province');
  assert.equal((await api('POST', `/api/v1/difficulties/${d.body.id}/resolve`, officer, { text: 'x' })).status, 403, 'now the province decides');
  const queue = await api('GET', '/api/v1/difficulties?mine=1', prov);
  assert.ok(queue.body.items.some((x) => x.id === d.body.id));
  const page = await (await fetch(`${srv.base}/difficulties`, { headers: { cookie: (await signIn(srv.base, 'tinh.langson')).cookie } })).text();
  assert.match(page, /Chưa có wifi ở nhà văn hóa/);
  const r = await api('POST', `/api/v1/difficulties/${d.body.id}/resolve`, prov, { text: 'Đã lắp wifi' });
  assert.equal(r.body.status, 'resolved');
  assert.deepEqual(r.body.thread.map((x) => x.action), ['reply', 'escalate', 'resolve']);
});

test('targets: the CSV download comes back in, all or nothing', async () => {
  const o = await signIn(srv.base, 'tinh.langson');
  const prov20 = count("SELECT id FROM unit WHERE level = 'province' AND code = '20'");
  const grid = await (await fetch(`${srv.base}/targets?unit=${prov20}&period=2027`, { headers: { cookie: o.cookie } })).text();
  assert.match(grid, /Nhập chỉ tiêu từ tệp CSV/, 'the import form is offered');
  assert.ok(!grid.includes('role="status"'), 'no empty notice');
  const csv = await (await fetch(`${srv.base}/targets.csv?unit=${prov20}&period=2027`, { headers: { cookie: o.cookie } })).text();
  const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
  assert.match(lines[0], /^unit_id;unit;period;DVC_GUIDED;DVC_FILED;/);
  assert.equal(lines.length, 1 + 65, 'one line per commune');
  const first = lines[1].split(';');
  first[3] = '777';
  const upload = (text) => {
    const fd = new FormData();
    fd.set('csrf', o.csrf);
    fd.set('file', new Blob([text]), 'chi-tieu.csv');
    fd.set('unit', String(prov20));
    fd.set('period', '2027');
    return fetch(`${srv.base}/import/targets`, { method: 'POST', body: fd, headers: { cookie: o.cookie } });
  };
  const bad = [lines[0], first.join(';'), lines[2].split(';').map((c, i) => (i === 4 ? 'nhiều' : c)).join(';')].join('\r\n');
  const b = await upload(bad);
  assert.equal(b.status, 422);
  assert.match(await b.text(), /<tr><td>3<\/td><td>5 \(DVC_FILED\)<\/td>/);
  assert.equal(count(`SELECT count(*) FROM target WHERE period = '2027' AND value = 777`), 0, 'nothing written');
  const g = await upload([lines[0], first.join(';')].join('\r\n'));
  assert.equal(g.status, 200);
  assert.equal(count(`SELECT value FROM target WHERE period = '2027' AND unit_id = ${first[0]} AND indicator_id = (SELECT id FROM indicator WHERE code = 'DVC_GUIDED')`), 777);
});

test('a province adds its own indicator; its teams report it, others never see it', async () => {
  const o = await signIn(srv.base, 'tinh.langson');
  const r = await fetch(`${srv.base}/catalog/indicators`, { method: 'POST', headers: { cookie: o.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf: o.csrf, code: 'LS_OCOP', name_vi: 'Sản phẩm OCOP lên sàn', unit_vi: 'sản phẩm', ceiling: '50', form: 'WEEKLY' }) });
  assert.equal(r.status, 200);
  assert.match(await r.text(), /Sản phẩm OCOP lên sàn \(riêng của tỉnh\)/);
  const c = await signIn(srv.base, 'xa.dongdang');
  assert.equal((await fetch(`${srv.base}/catalog/indicators`, { method: 'POST', headers: { cookie: c.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ csrf: c.csrf, code: 'XA_1', name_vi: 'x' }) })).status, 403);
  const rep = await api('PUT', `/api/v1/teams/${team}/reports/2026W04`, member, { values: { LS_OCOP: 4 }, submit: true });
  assert.equal(rep.status, 200);
  assert.equal(rep.body.values.LS_OCOP, 4);
  // a team of another province does not have it on its form
  langso(['user', 'add', '--db', srv.db, '--username', 'cb.tinh', '--role', 'province', '--scope', '04'], 'mật khẩu tỉnh Cao Bằng\n');
  const cb = await login(srv.base, 'cb.tinh', 'mật khẩu tỉnh Cao Bằng');
  const cat = await api('GET', '/api/v1/catalog', cb);
  assert.ok(!cat.body.indicators.some((i) => i.code === 'LS_OCOP'));
});
