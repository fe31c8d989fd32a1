// words.test.mjs: periods as people read them (never 2026W48 on a page)
// and period pickers that offer only periods that have begun.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, signIn, query } from '../lib/server.mjs';

let srv, officer, commune;
before(async () => {
  srv = await startServer({ args: ['--clock', '2026-11-26T09:00:00+07:00'] });
  officer = await signIn(srv.base, 'xa.dongdang');
  commune = query(srv.db, "SELECT id FROM unit WHERE level = 'commune' AND code = '06184'");
});
after(async () => { if (srv) assert.equal(await srv.stop(), 0); });

const page = async (path) => (await fetch(srv.base + path, { headers: { cookie: officer.cookie } })).text();
const h1 = (html) => /<h1>(.*?)<\/h1>/s.exec(html)[1].replace(/<[^>]+>/g, '');
const options = (html) => [...html.matchAll(/<option value="([^"]+)"( selected)?>([^<]+)<\/option>/g)].map((m) => ({ value: m[1], selected: !!m[2], text: m[3] }));

test('weeks, months, quarters and years in words, with the week\'s dates (across a new year too)', async () => {
  assert.equal(h1(await page('/reports?period=2026W48')), 'Báo cáo Tuần 48 (23/11–29/11/2026)');
  assert.equal(h1(await page('/reports?period=2026W01')), 'Báo cáo Tuần 1 (29/12/2025–04/01/2026)');
  assert.equal(h1(await page(`/units/${commune}/progress?period=2026-11`)), 'Tiến độ Tháng 11/2026');
  assert.equal(h1(await page('/targets?period=2026Q4')), 'Chỉ tiêu Quý IV/2026');
  assert.equal(h1(await page('/targets?period=2026')), 'Chỉ tiêu Năm 2026');
  assert.equal(h1(await page('/targets?period=2026Q4&lang=en')), 'Targets Q4 2026');
  assert.equal(h1(await page('/reports?period=2026W48&lang=en')), 'Reports Week 48 (23/11–29/11/2026)');
  const progress = await page(`/units/${commune}/progress?period=2026W47`);
  assert.ok(!/<h1>[^<]*2026W47/.test(progress), 'no stored text in the title');
  // the reminder for the Zalo group says the week in words
  assert.match(progress, /Nhắc các Tổ chưa gửi báo cáo kỳ Tuần 47 \(16\/11–22\/11\/2026\):/);
});

test('period pickers: a select of the periods begun, newest first, the shown one selected', async () => {
  const opts = options(await page(`/units/${commune}/progress?period=2026-10`));
  const weeks = opts.filter((o) => /W/.test(o.value));
  assert.equal(weeks[0].value, '2026W48', 'the week holding today (26/11) first, none after it');
  assert.equal(weeks[0].text, 'Tuần 48 (23/11–29/11/2026)');
  assert.equal(weeks.length, 12);
  assert.ok(opts.some((o) => o.value === '2026Q4' && o.text === 'Quý IV/2026'));
  assert.ok(opts.some((o) => o.value === '2026' && o.text === 'Năm 2026'));
  assert.deepEqual(opts.filter((o) => o.selected).map((o) => o.value), ['2026-10']);
  assert.ok(!opts.some((o) => o.value > '2026W48' && /W/.test(o.value)), 'no week that has not begun');
  // a report list offers weeks and months only; an old period stays shown
  const old = options(await page('/reports?period=2025W10'));
  assert.ok(old.every((o) => /W|-/.test(o.value)));
  assert.deepEqual(old.filter((o) => o.selected).map((o) => o.value), ['2025W10']);
});
