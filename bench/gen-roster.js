// gen-roster.js: a province-sized roster for benchmarks: TEAMS villages
// spread over the communes of one province, and a CSV of TEAMS × MEMBERS
// rows (one per member), as Excel writes them on Vietnamese settings.
'use strict';
const fs = require('fs');
const [tsv, province, teamsArg, membersArg, villagesOut, rosterOut] = process.argv.slice(2);
const TEAMS = Number(teamsArg), MEMBERS = Number(membersArg);
const communes = fs.readFileSync(tsv, 'utf8').split('\n').map((l) => l.split('\t'))
  .filter((f) => f[0] === 'C' && f[1] === province).map((f) => f[2]);
const fam = ['Hoàng', 'Nông', 'Lương', 'Vi', 'Lục', 'Hà', 'Lý', 'Triệu', 'Nguyễn', 'Đàm'];
const giv = ['Dũng', 'Hạnh', 'Thắng', 'Lan', 'Tuấn', 'Mai', 'Hùng', 'Thu', 'Minh', 'Hoa'];
const roles = ['Tổ trưởng', 'Tổ phó', 'Thành viên'];
const affs = ['Trưởng thôn', 'Đoàn Thanh niên', 'Hội Phụ nữ', 'Công an', 'Hội Nông dân', 'Khác'];
const villages = ['\uFEFFMã xã;Tên thôn/tổ dân phố'];
const roster = ['\uFEFFMã xã;Thôn/tổ dân phố;Tên tổ;Số quyết định;Ngày quyết định;Họ và tên;Năm sinh;Giới tính;Số điện thoại;Vai trò;Thành phần'];
let phone = 0;
for (let t = 0; t < TEAMS; t++) {
  const c = communes[t % communes.length];
  const v = `Thôn Thử ${t + 1}`;
  villages.push(`${c};${v}`);
  for (let m = 0; m < MEMBERS; m++) {
    const f = m % 2 ? 'Nữ' : 'Nam';
    roster.push([c, v, m ? '' : `Tổ CNSCĐ ${v}`, m ? '' : `${t % 200 + 1}/QĐ-UBND`, m ? '' : '15/03/2022',
      `${fam[(t + m) % fam.length]} ${f === 'Nữ' ? 'Thị' : 'Văn'} ${giv[(t * 7 + m) % giv.length]}`,
      1960 + (t + m) % 45, f, `09${String(10000000 + phone++).slice(-8)}`, roles[Math.min(m, 2)], affs[m % affs.length]].join(';'));
  }
}
fs.writeFileSync(villagesOut, villages.join('\r\n') + '\r\n');
fs.writeFileSync(rosterOut, roster.join('\r\n') + '\r\n');
console.log(`${TEAMS} villages, ${roster.length - 1} members`);
