/*
 * Answers: the format an Accept header asks for, the one table of errors,
 * and errors rendered.  Error bodies carry the status, a stable machine
 * code, a message in Vietnamese and English, the names of invalid fields
 * with a reason code, and the request id; never a value from the request
 * and never an internal detail.  Documents are rendered in render.c.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "db.h"
#include "page.h"
#include "render.h"
#include "resp.h"
#include "text.h"

static const struct {
	int status;
	const char *code;
	const char *vi;
	const char *en;
} errs[ERR__MAX] = {
	[ERR_OK] = { 200, "ok", "Thành công.", "Success." },
	[ERR_BAD_REQUEST] = { 400, "bad_request", "Yêu cầu không hợp lệ.",
	    "The request is malformed." },
	[ERR_LENGTH_REQUIRED] = { 411, "length_required",
	    "Thiếu độ dài nội dung.", "Content-Length is required." },
	[ERR_BAD_LENGTH] = { 400, "invalid_content_length",
	    "Độ dài nội dung không hợp lệ.",
	    "Content-Length is malformed or does not match the body." },
	[ERR_TOO_LARGE] = { 413, "body_too_large", "Nội dung gửi lên quá lớn.",
	    "The request body is too large." },
	[ERR_MEDIA_TYPE] = { 415, "unsupported_media_type",
	    "Kiểu nội dung không được hỗ trợ.",
	    "The request body must be application/x-www-form-urlencoded." },
	[ERR_BAD_ESCAPE] = { 400, "malformed_escape",
	    "Mã hóa ký tự trong yêu cầu không hợp lệ.",
	    "The request contains a malformed percent-escape." },
	[ERR_BAD_UTF8] = { 400, "invalid_utf8",
	    "Dữ liệu không phải UTF-8 hợp lệ.", "A field is not valid UTF-8." },
	[ERR_DUP_FIELD] = { 400, "duplicate_field",
	    "Một trường được gửi nhiều lần.",
	    "A field was sent more than once." },
	[ERR_TOO_MANY_FIELDS] = { 400, "too_many_fields",
	    "Yêu cầu có quá nhiều trường.",
	    "The request has too many fields." },
	[ERR_FIELD_TOO_LONG] = { 400, "field_too_long", "Một trường quá dài.",
	    "A field is too long." },
	[ERR_FIELD_IN_QUERY] = { 400, "field_in_query",
	    "Trường của biểu mẫu phải gửi trong nội dung yêu cầu (POST), "
	    "không gửi trên địa chỉ (URL).",
	    "Form fields must be sent in the request body (POST), not in the "
	    "URL's query string." },
	[ERR_SECRET_IN_QUERY] = { 400, "secret_in_query",
	    "Không gửi năm sinh hay thông tin xác minh khác trên địa chỉ "
	    "(URL), vì địa chỉ bị ghi vào nhật ký máy chủ; hãy gửi bằng "
	    "phương thức POST, trong nội dung biểu mẫu.",
	    "Do not send the birth year or another secret in the URL, which "
	    "servers log; send it with POST, in the form body." },
	[ERR_INVALID_FIELD] = { 422, "invalid_field", "Có trường không hợp lệ.",
	    "One or more fields are invalid." },
	[ERR_MISSING_FIELD] = { 422, "missing_field", "Thiếu trường bắt buộc.",
	    "A required field is missing." },
	[ERR_UNAUTHENTICATED] = { 401, "unauthenticated", "Cần đăng nhập.",
	    "Sign-on is required." },
	[ERR_CROSS_SITE] = { 403, "cross_site_request",
	    "Biểu mẫu này được gửi từ một trang web khác nên không được "
	    "chấp nhận. Hãy mở trang của cơ quan rồi gửi lại.",
	    "This form was sent from another web site's page and is not "
	    "accepted. Open the agency's own page and send it again." },
	[ERR_FORBIDDEN] = { 403, "forbidden", "Không có quyền thực hiện.",
	    "You may not do this." },
	[ERR_CLIENT_UNKNOWN] = { 403, "client_unknown",
	    "Hệ thống gửi yêu cầu chưa được đăng ký kết nối.",
	    "The client system is not registered." },
	[ERR_ROLE] = { 403, "role_not_allowed",
	    "Vai trò của cán bộ không được thực hiện thao tác này.",
	    "Your role may not do this." },
	[ERR_SEPARATION] = { 403, "separation_of_duties",
	    "Cán bộ đã tiếp nhận hồ sơ tại quầy không được tự phê duyệt hồ "
	    "sơ đó.",
	    "The official who filed a dossier at the counter may not approve "
	    "it." },
	[ERR_NOT_FOUND] = { 404, "not_found", "Không tìm thấy.", "Not found." },
	[ERR_METHOD] = { 405, "method_not_allowed",
	    "Phương thức không được phép.", "Method not allowed." },
	[ERR_CONFLICT] = { 409, "conflict",
	    "Yêu cầu xung đột với trạng thái hiện tại.",
	    "The request conflicts with the current state." },
	[ERR_STATE] = { 409, "state_conflict",
	    "Hồ sơ đã được xử lý hoặc không ở trạng thái cho phép thao tác "
	    "này.",
	    "The dossier was already handled or is not in a state that allows "
	    "this." },
	[ERR_KNOWN_FACT] = { 422, "known_fact_mismatch",
	    "Thông tin gửi lên khác với thông tin đã có trong Cơ sở dữ liệu "
	    "quốc gia về dân cư; không cần khai lại thông tin đã có.",
	    "A submitted fact differs from what the population database holds; "
	    "facts the database holds need not be sent." },
	[ERR_NOT_ELIGIBLE] = { 409, "not_eligible",
	    "Chưa đủ điều kiện thực hiện thủ tục này.",
	    "The conditions for this procedure are not met." },
	[ERR_TOO_MANY] = { 429, "too_many_attempts",
	    "Quá nhiều lần thử sai, vui lòng chờ rồi thử lại.",
	    "Too many failed attempts; wait and retry." },
	[ERR_NO_RESIDENCE] = { 409, "residence_unknown",
	    "Cơ sở dữ liệu chưa có thông tin cư trú hiện tại của công dân.",
	    "The database holds no current residence for this citizen." },
	[ERR_UNKNOWN_CITIZEN] = { 404, "citizen_unknown",
	    "Cơ sở dữ liệu không có công dân này.",
	    "The population database has no such citizen." },
	/* civil papers */
	[ERR_MARITAL_UNKNOWN] = { 409, "marital_status_unknown",
	    "Cơ sở dữ liệu chưa có thông tin tình trạng hôn nhân của công "
	    "dân; không thể cấp xác nhận ngay.",
	    "The database holds no marital status for this citizen; no "
	    "confirmation can be issued from it." },
	[ERR_NO_RECORD] = { 409, "civil_record_unknown",
	    "Cơ sở dữ liệu hộ tịch không có sự kiện hộ tịch này.",
	    "The civil-status database holds no such registered event." },
	[ERR_DB_UNAVAILABLE] = { 503, "database_unavailable",
	    "Hệ thống tạm thời gián đoạn, vui lòng thử lại sau.",
	    "The service is temporarily unavailable; retry later." },
	[ERR_BUSY] = { 503, "busy", "Hệ thống đang bận, vui lòng thử lại.",
	    "The service is busy; retry shortly." },
	[ERR_INTERNAL] = { 500, "internal_error", "Lỗi hệ thống.",
	    "Internal error." },
	/* civil status: death registration */
	[ERR_DECEASED] = { 409, "person_deceased",
	    "Người này đã được đăng ký khai tử; hồ sơ hộ tịch của người này "
	    "đã bị khóa, không thể đăng ký thêm.",
	    "This person's death is registered; their civil-status records are "
	    "locked and no further registration about them is possible." },
	[ERR_DEATH_FUTURE] = { 422, "death_date_in_future",
	    "Ngày chết sau ngày tiếp nhận hồ sơ.",
	    "The date of death is after the day the dossier is received." },
	[ERR_DEATH_BEFORE_BIRTH] = { 422, "death_date_before_birth",
	    "Ngày chết trước ngày sinh của người chết.",
	    "The date of death is before the person's date of birth." },
	[ERR_NOT_RELATED] = { 403, "relation_not_found",
	    "Cơ sở dữ liệu không ghi nhận quan hệ bạn khai với người này. "
	    "Vui lòng đến Ủy ban nhân dân cấp xã để khai, mang theo giấy tờ "
	    "chứng minh quan hệ.",
	    "The population database does not hold the relation you state "
	    "with this person. Please declare at the commune People's "
	    "Committee, with papers that show the relation." },
	/* civil status: birth registration */
	[ERR_MOTHER_UNKNOWN] = { 422, "mother_unknown",
	    "Cơ sở dữ liệu quốc gia về dân cư không có người mẹ với số định "
	    "danh cá nhân này.",
	    "The population database has no mother with this personal "
	    "number." },
	[ERR_MOTHER_DECEASED] = { 409, "mother_deceased",
	    "Người mẹ đã được đăng ký khai tử.",
	    "The mother's death is registered." },
	[ERR_BIRTH_FUTURE] = { 422, "birth_date_in_future",
	    "Ngày sinh sau ngày tiếp nhận hồ sơ.",
	    "The date of birth is after the day the dossier is received." },
	[ERR_NOT_PARENT] = { 403, "not_a_parent",
	    "Chỉ cha hoặc mẹ của trẻ được khai sinh trực tuyến; người thân "
	    "khác khai sinh tại bộ phận một cửa.",
	    "Only the child's mother or father may declare the birth online; "
	    "another relative declares it at the counter." },
	[ERR_BIRTH_HELD] = { 409, "possible_duplicate",
	    "Hồ sơ có thể trùng với một trẻ đã đăng ký hoặc đã khai; cán bộ "
	    "cần xác minh là không trùng trước khi phê duyệt.",
	    "The dossier may duplicate a child already registered or declared; "
	    "an official must find it is none before approving it." },
	/* marriage registration (Law 52/2014 Art. 5 and 8) */
	[ERR_MARRIAGE_MARRIED] = { 409, "marriage_party_married",
	    "Một bên đang có vợ hoặc có chồng; không được kết hôn.",
	    "A party to the marriage is already married." },
	[ERR_MARRIAGE_UNDERAGE] = { 409, "marriage_underage",
	    "Chưa đủ tuổi kết hôn vào ngày đăng ký (nam từ đủ 20 tuổi, nữ "
	    "từ đủ 18 tuổi).",
	    "A party has not reached the marriage age on the registration "
	    "date (20 completed years for a man, 18 for a woman)." },
	[ERR_MARRIAGE_SAME_SEX] = { 409, "marriage_same_sex",
	    "Nhà nước không thừa nhận hôn nhân giữa những người cùng giới "
	    "tính.",
	    "The law does not recognise a marriage between persons of the "
	    "same sex." },
	[ERR_MARRIAGE_DIRECT_LINE] = { 409, "marriage_direct_line",
	    "Hai bên là người cùng dòng máu về trực hệ; không được kết hôn.",
	    "The parties are relatives in the direct line (ancestor and "
	    "descendant)." },
	[ERR_MARRIAGE_KIN] = { 409, "marriage_close_kin",
	    "Hai bên là người có họ trong phạm vi ba đời; không được kết "
	    "hôn.",
	    "The parties are kin within three generations (siblings, half-"
	    "siblings, first cousins, an uncle or aunt and a nephew or "
	    "niece)." },
	[ERR_MARRIAGE_CONSENT_PENDING] = { 409, "marriage_consent_pending",
	    "Bên kia chưa xác nhận đồng ý kết hôn.",
	    "The other party has not yet consented to the marriage." },
	[ERR_MARRIAGE_CONSENT_EXPIRED] = { 409, "marriage_consent_expired",
	    "Đã hết thời hạn để bên kia xác nhận đồng ý kết hôn.",
	    "The time for the other party to consent has passed." },
};

/* How well one media range matches an offered type: 3 exactly, 2 by a
 * "type/" wildcard, 1 by the match-all range, 0 not at all. */
static int
media_match(const char *range, size_t n, const char *offer)
{
	size_t tl = strcspn(offer, "/");

	if (n == 3 && strncmp(range, "*/*", 3) == 0)
		return 1;
	if (n == tl + 2 && strncasecmp(range, offer, tl + 1) == 0 &&
	    range[tl + 1] == '*')
		return 2;
	if (n == strlen(offer) && strncasecmp(range, offer, n) == 0)
		return 3;
	return 0;
}

/* The q-value (0 to 1000) of a media range's parameters, or -1. */
static int
media_q(const char *params, size_t n)
{
	const char *p = params, *end = params + n;

	while (p < end) {
		p += strspn(p, " \t;");
		if (end - p >= 2 && (p[0] == 'q' || p[0] == 'Q') &&
		    p[1] == '=') {
			int q = 0, i, frac = 100;

			p += 2;
			if (p < end && (*p == '0' || *p == '1'))
				q = (*p++ - '0') * 1000;
			else
				return -1;
			if (p < end && *p == '.')
				for (p++, i = 0;
				     i < 3 && p < end && *p >= '0' && *p <= '9';
				     i++, p++, frac /= 10)
					q += (*p - '0') * frac;
			return q > 1000 ? 1000 : q;
		}
		p += strcspn(p, ";");
	}
	return 1000;
}

enum req_fmt
resp_negotiate(const char *accept)
{
	static const struct {
		const char *type;
		enum req_fmt fmt;
	} offers[] = {
		{ "text/html", REQ_HTML },
		{ "application/xhtml+xml", REQ_HTML },
		{ "application/json", REQ_JSON },
		{ "application/xml", REQ_XML },
		{ "text/xml", REQ_XML },
	};
	/* per format: the best (q, specificity) any range gives it */
	int q[3] = { -1, -1, -1 }, spec[3] = { 0, 0, 0 }, best = REQ_HTML;
	const char *p = accept;
	size_t i;

	if (accept == NULL || *accept == '\0')
		return REQ_HTML;
	while (*p != '\0') {
		size_t len = strcspn(p, ","), tn;
		const char *t = p + strspn(p, " \t");
		int mq;

		if (t > p + len)
			t = p + len;
		tn = strcspn(t, ";, \t");
		if (tn > (size_t)(p + len - t))
			tn = (size_t)(p + len - t);
		mq = media_q(t + tn, (size_t)(p + len - (t + tn)));
		for (i = 0; mq >= 0 && i < sizeof(offers) / sizeof(*offers);
		     i++) {
			int m = media_match(t, tn, offers[i].type);
			int f = offers[i].fmt;

			/* we answer text/html, not XHTML: only a browser
			 * naming XHTML itself is taken to mean HTML */
			if (i == 1 && m != 3)
				m = 0;

			/* the most specific range that matches decides */
			if (m > spec[f] ||
			    (m == spec[f] && m > 0 && mq > q[f])) {
				spec[f] = m;
				q[f] = mq;
			}
		}
		p += len;
		if (*p == ',')
			p++;
	}
	for (i = REQ_JSON; i <= REQ_XML; i++)
		if (q[i] > q[best] || (q[i] == q[best] && spec[i] > spec[best]))
			best = (int)i;
	return q[best] > 0 ? (enum req_fmt)best : REQ_HTML;
}

/* Whether the language range t (n bytes) names lang: "en", "en-GB". */
static int
lang_match(const char *t, size_t n, const char *lang)
{
	size_t l = strlen(lang);

	return n >= l && strncasecmp(t, lang, l) == 0 &&
	    (n == l || t[l] == '-');
}

const char *
resp_lang(const char *param, const char *accept_language)
{
	static const char *const langs[] = { "vi", "en" };
	const char *p = accept_language, *best = "vi";
	int bq = 0;
	size_t i;

	for (i = 0; param != NULL && i < sizeof(langs) / sizeof(*langs); i++)
		if (strcmp(param, langs[i]) == 0)
			return langs[i];
	if (p == NULL)
		return best;
	while (*p != '\0') {
		size_t len = strcspn(p, ","), tn;
		const char *t = p + strspn(p, " \t");
		int q;

		if (t > p + len)
			t = p + len;
		tn = strcspn(t, ";, \t");
		if (tn > (size_t)(p + len - t))
			tn = (size_t)(p + len - t);
		q = media_q(t + tn, (size_t)(p + len - (t + tn)));
		/* the first of the highest q wins; q=0 is "not this one" */
		for (i = 0; i < sizeof(langs) / sizeof(*langs); i++)
			if (q > bq && lang_match(t, tn, langs[i])) {
				bq = q;
				best = langs[i];
			}
		p += len;
		if (*p == ',')
			p++;
	}
	return best;
}

static char csp_style[128];

void
resp_set_style_hash(const char *b64)
{
	snprintf(csp_style, sizeof(csp_style), " 'sha256-%s'", b64);
}

void
resp_security_headers(struct buf *h)
{
	buf_printf(h,
	    "X-Content-Type-Options: nosniff\r\n"
	    "Content-Security-Policy: default-src 'none'; style-src%s; "
	    "img-src 'self' data:; form-action 'self'; "
	    "frame-ancestors 'none'; base-uri 'none'\r\n"
	    "Referrer-Policy: same-origin\r\n"
	    "X-Frame-Options: DENY\r\n",
	    csp_style[0] != '\0' ? csp_style : " 'none'");
}

int
resp_status(enum err e)
{
	return (e >= 0 && e < ERR__MAX) ? errs[e].status : 500;
}

const char *
resp_code(enum err e)
{
	return (e >= 0 && e < ERR__MAX) ? errs[e].code : "internal_error";
}

void
resp_doc(struct req *r, int status, const struct doc *d)
{
	resp_doc_lists(r, status, d, NULL, 0);
}

void
resp_doc_lists(struct req *r, int status, const struct doc *d,
    const struct doc_list *lists, size_t nlists)
{
	if (r->fmt == REQ_HTML && page_doc(r, status, d, lists, nlists) == 0)
		return;
	r->status = status;
	buf_reset(&r->body);
	r->ctype = render_ctype(r->fmt);
	render_doc(&r->body, r->fmt, d, lists, nlists);
}

void
resp_redirect(struct req *r, const char *location)
{
	r->status = 303;
	r->location = location;
	r->ctype = "text/html; charset=utf-8";
	buf_reset(&r->body);
	buf_puts(&r->body,
	    "<!DOCTYPE html>\n<html lang=\"vi\"><head>"
	    "<meta charset=\"utf-8\"><title>303</title></head><body>"
	    "<p><a href=\"");
	text_html(&r->body, location);
	buf_puts(&r->body,
	    "\">Xem kết quả / See the result</a></p>"
	    "</body></html>\n");
}

void
resp_error(struct req *r, enum err e)
{
	struct buf *b = &r->body;
	size_t i;

	if (e <= ERR_OK || e >= ERR__MAX)
		e = ERR_INTERNAL;
	r->status = errs[e].status;
	r->location = NULL;
	if ((e == ERR_DB_UNAVAILABLE || e == ERR_BUSY) && r->retry_after == 0)
		r->retry_after = e == ERR_BUSY ? 1 : 5;
	buf_reset(b);
	switch (r->fmt) {
	case REQ_JSON:
		r->ctype = "application/json; charset=utf-8";
		buf_printf(
		    b, "{\"error\":{\"status\":%d,\"code\":", errs[e].status);
		text_json(b, errs[e].code);
		buf_puts(b, ",\"message_vi\":");
		text_json(b, errs[e].vi);
		buf_puts(b, ",\"message_en\":");
		text_json(b, errs[e].en);
		if (r->nbad > 0) {
			buf_puts(b, ",\"fields\":[");
			for (i = 0; i < r->nbad; i++) {
				buf_puts(b, i ? ",{\"name\":" : "{\"name\":");
				text_json(b, r->bad[i].name);
				buf_puts(b, ",\"reason\":");
				text_json(b, r->bad[i].reason);
				buf_putc(b, '}');
			}
			buf_putc(b, ']');
		}
		buf_puts(b, ",\"request_id\":");
		text_json(b, r->id != NULL ? r->id : "");
		buf_puts(b, "}}\n");
		break;
	case REQ_XML:
		r->ctype = "application/xml; charset=utf-8";
		buf_printf(b,
		    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		    "<error xmlns=\"" RENDER_XMLNS
		    "\"><status>%d</status><code>",
		    errs[e].status);
		text_xml(b, errs[e].code);
		buf_puts(b, "</code><message xml:lang=\"vi\">");
		text_xml(b, errs[e].vi);
		buf_puts(b, "</message><message xml:lang=\"en\">");
		text_xml(b, errs[e].en);
		buf_puts(b, "</message>");
		for (i = 0; i < r->nbad; i++) {
			buf_puts(b, "<field name=\"");
			text_xml(b, r->bad[i].name);
			buf_puts(b, "\" reason=\"");
			text_xml(b, r->bad[i].reason);
			buf_puts(b, "\"/>");
		}
		buf_puts(b, "<requestId>");
		text_xml(b, r->id != NULL ? r->id : "");
		buf_puts(b, "</requestId></error>\n");
		break;
	default:
		if (page_error(r, errs[e].status, errs[e].code, errs[e].vi,
		        errs[e].en) == 0)
			break;
		r->ctype = "text/html; charset=utf-8";
		render_html_head(b, errs[e].vi);
		buf_puts(b, "<p lang=\"en\">");
		text_html(b, errs[e].en);
		buf_printf(b,
		    "</p>\n<p>Mã lỗi / error code: <code>%s</code>"
		    " (HTTP %d)</p>\n",
		    errs[e].code, errs[e].status);
		if (r->nbad > 0) {
			buf_puts(b, "<ul>\n");
			for (i = 0; i < r->nbad; i++) {
				buf_puts(b, "<li><code>");
				text_html(b, r->bad[i].name);
				buf_puts(b, "</code>: ");
				text_html(b, r->bad[i].reason);
				buf_puts(b, "</li>\n");
			}
			buf_puts(b, "</ul>\n");
		}
		buf_puts(b, "<p>Mã yêu cầu / request id: <code>");
		text_html(b, r->id != NULL ? r->id : "");
		buf_puts(b, "</code></p>\n</main></body></html>\n");
		break;
	}
}
