// reform.mjs: a small 2025 reform for the tests, written here in the real
// layouts: the Statistics Office's pre-reform list of two communes of
// Huyện Cao Lộc (a kind in another case), and the official conversion
// table (a name with a space after it): Thị trấn Đồng Đăng wholly into Xã
// Đồng Đăng, Xã Bảo Lâm split between Xã Đồng Đăng and Xã Cao Lộc. And the
// two ways the tests talk to a server: JSON and forms.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function reformFiles(dir) {
  const nso = join(dir, 'nso.csv'), conv = join(dir, 'conv.csv');
  writeFileSync(nso, [
    'Tỉnh Thành Phố,Mã TP,Quận Huyện,Mã QH,Phường Xã,Mã PX,Cấp,Tên Tiếng Anh',
    'Tỉnh Lạng Sơn,20,Huyện Cao Lộc,183,Thị Trấn Đồng Đăng,06184,Thị trấn,',
    'Tỉnh Lạng Sơn,20,Huyện Cao Lộc,183,Xã Bảo Lâm,06190,Xã,', ''].join('\r\n'));
  writeFileSync(conv, [
    'Đơn vị hành chính từ ngày 01/7/2025,,,Đơn vị hành chính trước ngày 01/7/2025,,,,,',
    '"Tỉnh, thành phố",Tên Xã mới,Mã Xã mới,Tên Xã cũ,Mã Xã cũ,Ghi chú,Quận/huyện,Tỉnh cũ,',
    'LẠNG SƠN,,,,,,,,',
    'Tỉnh Lạng Sơn (20),Xã Đồng Đăng,06184,Thị trấn Đồng Đăng,06184,Nhập toàn bộ,Huyện Cao Lộc (183),Tỉnh Lạng Sơn (20),',
    'Tỉnh Lạng Sơn (20),Xã Đồng Đăng,06184,Xã Bảo Lâm ,06190,Nhập một phần,Huyện Cao Lộc (183),Tỉnh Lạng Sơn (20),',
    'Tỉnh Lạng Sơn (20),Xã Cao Lộc,06211,Xã Bảo Lâm,06190,Nhập một phần,Huyện Cao Lộc (183),Tỉnh Lạng Sơn (20),', ''].join('\n'));
  return { nso, conv };
}

// jsonCall(srv)(who, method, path, body): { status, body } in English
export const jsonCall = (srv) => async (who, method, path, body) => {
  const r = await fetch(srv.base + path, { method, headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, 'content-type': 'application/json', 'accept-language': 'en' }, body: body ? JSON.stringify(body) : undefined });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : null };
};

// formCall(srv)(who, path[, form]): the page (GET), or the form posted
// with who's CSRF token; redirects not followed
export const formCall = (srv) => (who, path, form) => fetch(srv.base + path, {
  method: form ? 'POST' : 'GET', redirect: 'manual', headers: { cookie: who.cookie },
  body: form ? new URLSearchParams({ csrf: who.csrf, ...form }) : undefined,
});
