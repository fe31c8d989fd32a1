// gen-villages.js: a national-scale village list for benchmarks: N villages
// (default 30) under every commune of the official list, as a CSV file the
// way Excel writes it on Vietnamese settings (BOM, ';', CRLF).
'use strict';
const fs = require('fs');
const [tsv, out, perArg] = process.argv.slice(2);
const per = Number(perArg || 30);
const first = ['Nà', 'Khuổi', 'Pác', 'Còn', 'Lũng', 'Phai', 'Bó', 'Đồng', 'Tân', 'Hợp', 'Thượng', 'Hạ', 'Trung', 'Đông', 'Tây'];
const lines = ['\uFEFFMã xã;Tên thôn/tổ dân phố;Mã thôn (nếu có);Loại'];
for (const l of fs.readFileSync(tsv, 'utf8').split('\n')) {
  const f = l.split('\t');
  if (f[0] !== 'C') continue;
  const ward = f[4] === 'Phường';
  for (let i = 1; i <= per; i++) {
    const name = ward ? `Tổ dân phố ${i}` : `Thôn ${first[i % first.length]} ${i}`;
    lines.push(`${f[2]};${name};;${ward ? 'Tổ dân phố' : 'Thôn'}`);
  }
}
fs.writeFileSync(out, lines.join('\r\n') + '\r\n');
console.log(`${lines.length - 1} villages`);
