/* decision.c: the draft decision establishing a commune's teams
 * ("Quyết định thành lập Tổ công nghệ số cộng đồng"), laid out as a
 * Vietnamese administrative document on A4 and ready to print, with the
 * annexed list of teams and members. The document itself is always in
 * Vietnamese; the commune fills in the number and date when it signs. */
#include "core/teams.h"
#include "core/units.h"
#include "http/respond.h"
#include "http/static.h"
#include "util/escape.h"
#include "util/text.h"
#include "web/layout.h"
#include "web/pages.h"
#include <string.h>
#include <time.h>

/* The name without its kind: "Xã Đồng Đăng" → "Đồng Đăng". */
static const char *bare_name(const struct unit *u)
{
	size_t n = strlen(u->kind);
	return strncmp(u->name, u->kind, n) == 0 && u->name[n] == ' ' ? u->name + n + 1 : u->name;
}

void page_decision(struct req *r)
{
	struct unit u;
	long long id = req_param_id(r, 0);
	if (!id || units_get(r->db, &r->arena, id, &u) != RES_OK || u.lvl != LEVEL_COMMUNE ||
	    !scope_visible(r, id)) {
		respond_error(r, 404, "not_found", "There is no such unit.", NULL);
		return;
	}
	struct team_filter f = {.unit = id, .limit = 500};
	struct team *teams;
	int nt;
	long long next;
	if (teams_list(r->db, &r->arena, r->user, &f, &teams, &nt, &next) != RES_OK) {
		req_fail(r, "teams_list");
		return;
	}
	/* the document is Vietnamese whatever the interface language */
	enum lang ui = r->lang;
	r->lang = LANG_VI;
	struct buf upper = BUF_INIT, kind_upper = BUF_INIT;
	text_upper(&upper, u.name);
	text_upper(&kind_upper, u.kind);
	time_t now = r->now;
	struct tm tm;
	localtime_r(&now, &tm);
	struct buf *o = &r->out;
	r->content_type = "text/html; charset=utf-8";
	html_printf(o,
		    "<!doctype html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"
		    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
		    "<title>Quyết định thành lập Tổ CNSCĐ — %s</title>"
		    "<link rel=\"stylesheet\" href=\"%s\"><script src=\"%s\" defer></script>"
		    "</head><body class=\"document\">\n"
		    "<p class=\"no-print\"><a href=\"/teams?unit=%lld\">← %s</a> "
		    "<button type=\"button\" data-print>%s</button></p>\n",
		    u.name, static_url("print.css"), static_url("app.js"), u.id,
		    i18n_get(ui, "Teams"), i18n_get(ui, "Print"));
	html_printf(
	    o,
	    "<table class=\"heading\"><tr><td><b>ỦY BAN NHÂN DÂN<br>%s</b><hr class=\"short\">"
	    "<p>Số: &nbsp;&nbsp;&nbsp;&nbsp;&nbsp;/QĐ-UBND</p></td>"
	    "<td><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc</b>"
	    "<hr class=\"short\"><p><i>%s, ngày &nbsp;&nbsp;&nbsp; tháng &nbsp;&nbsp;&nbsp; "
	    "năm %d</i></p></td></tr></table>\n",
	    buf_cstr(&upper), bare_name(&u), tm.tm_year + 1900);
	html_printf(
	    o,
	    "<h1>QUYẾT ĐỊNH</h1><p class=\"center\"><b>Về việc thành lập Tổ công nghệ số "
	    "cộng đồng<br>trên địa bàn %s</b></p><hr class=\"short\">\n"
	    "<h2>CHỦ TỊCH ỦY BAN NHÂN DÂN %s</h2>\n"
	    "<p><i>Căn cứ Luật Tổ chức chính quyền địa phương;</i></p>"
	    "<p><i>Căn cứ Công văn số 793/BTTTT-THH ngày 05/3/2022 của Bộ Thông tin và "
	    "Truyền thông hướng dẫn triển khai Tổ công nghệ số cộng đồng;</i></p>"
	    "<p><i>Xét đề nghị của Văn phòng Hội đồng nhân dân và Ủy ban nhân dân %s,</i></p>\n"
	    "<h2>QUYẾT ĐỊNH:</h2>\n",
	    u.name, buf_cstr(&upper), u.name);
	html_printf(
	    o,
	    "<p><b>Điều 1.</b> Thành lập %d Tổ công nghệ số cộng đồng tại các thôn, tổ dân "
	    "phố trên địa bàn %s (có danh sách thành viên kèm theo).</p>\n"
	    "<p><b>Điều 2.</b> Tổ công nghệ số cộng đồng có nhiệm vụ: hướng dẫn người dân sử "
	    "dụng dịch vụ công trực tuyến, ứng dụng VNeID, thanh toán điện tử, thương mại điện "
	    "tử, sổ sức khỏe điện tử và các nền tảng số khác; tuyên truyền chủ trương, chính "
	    "sách về chuyển đổi số đến từng hộ gia đình; lập và duy trì nhóm mạng xã hội của "
	    "thôn; nhận chỉ tiêu và báo cáo kết quả định kỳ, kịp thời phản ánh khó khăn, "
	    "vướng mắc với Ủy ban nhân dân xã.</p>\n"
	    "<p><b>Điều 3.</b> Quyết định này có hiệu lực kể từ ngày ký. Văn phòng Hội đồng "
	    "nhân dân và Ủy ban nhân dân xã, Trưởng các thôn, tổ dân phố và các cá nhân có "
	    "tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.</p>\n",
	    nt, u.name);
	html_printf(
	    o, "<table class=\"signature\"><tr><td><p><b><i>Nơi nhận:</i></b></p>"
	       "<p class=\"small\">- Như Điều 3;<br>- Sở Khoa học và Công nghệ;<br>- Lưu: VT.</p>"
	       "</td><td class=\"center\"><b>CHỦ TỊCH</b><br><i>(Ký, ghi rõ họ tên)</i></td>"
	       "</tr></table>\n");

	html_printf(
	    o,
	    "<section class=\"annex\"><h2>DANH SÁCH THÀNH VIÊN TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG</h2>"
	    "<p class=\"center\"><i>(Kèm theo Quyết định số &nbsp;&nbsp;&nbsp;&nbsp;/QĐ-UBND "
	    "ngày &nbsp;&nbsp;&nbsp;/&nbsp;&nbsp;&nbsp;/%d của Chủ tịch Ủy ban nhân dân "
	    "%s)</i></p>\n<table class=\"list\"><thead><tr><th>STT</th><th>Họ và tên</th>"
	    "<th>Năm sinh</th><th>Chức vụ, đơn vị công tác</th><th>Nhiệm vụ trong Tổ</th>"
	    "<th>Số điện thoại</th></tr></thead><tbody>\n",
	    tm.tm_year + 1900, u.name);
	for (int i = 0; i < nt; i++) {
		struct member *ms;
		int nm;
		if (members_list(r->db, &r->arena, r->user, teams[i].id, 0, &ms, &nm) != RES_OK) {
			r->lang = ui;
			buf_release(&upper);
			buf_release(&kind_upper);
			req_fail(r, "members_list");
			return;
		}
		html_printf(o, "<tr class=\"group\"><td colspan=\"6\">%d. %s — %s</td></tr>\n",
			    i + 1, teams[i].name, teams[i].village);
		for (int k = 0; k < nm; k++) {
			html_printf(o, "<tr><td>%d</td><td>%s</td><td>", k + 1, ms[k].full_name);
			if (ms[k].birth_year)
				html_printf(o, "%d", ms[k].birth_year);
			html_printf(o, "</td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
				    affiliation_label(r, ms[k].affiliation),
				    strcmp(ms[k].role, "leader") == 0	? "Tổ trưởng"
				    : strcmp(ms[k].role, "deputy") == 0 ? "Tổ phó"
									: "Thành viên",
				    ms[k].phone);
		}
	}
	buf_puts(o, "</tbody></table></section>\n</body></html>\n");
	r->lang = ui;
	buf_release(&upper);
	buf_release(&kind_upper);
}
