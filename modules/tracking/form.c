/*
 * The page that asks for the second factor of a dossier's status, at
 * GET /tracking/dossiers/{receipt}: a plain form (no script) that POSTs
 * the birth year or the full birth date to the same address, so that the
 * factor travels in a body and never in a URL, which web servers, proxies
 * and browsers' histories keep.  A factor in this page's query string is
 * refused with a bilingual error telling the caller to POST it: a silent
 * 404 would leave an old caller guessing.
 */
#include "config.h"

#include <string.h>

#include "buf.h"
#include "text.h"
#include "route.h"
#include "tracking.h"

static void
form_html(struct req *r)
{
	struct buf *b = &r->body;

	r->status = 200;
	r->ctype = "text/html; charset=utf-8";
	buf_reset(b);
	buf_puts(b,
	    "<!DOCTYPE html>\n<html lang=\"vi\"><head>"
	    "<meta charset=\"utf-8\">"
	    "<meta name=\"viewport\" content=\"width=device-width\">"
	    "<title>Tra cứu tình trạng hồ sơ</title>"
	    "<style>body{font:1.1rem/1.5 sans-serif;max-width:40rem;"
	    "margin:1rem auto;padding:0 1rem}label{font-weight:bold}"
	    "input,button{font:inherit}</style>"
	    "</head><body><main><h1>Tra cứu tình trạng hồ sơ</h1>\n"
	    "<p>Mã hồ sơ: <strong>");
	text_html(b, REQ_S(r, TK_RECEIPT));
	buf_puts(b, "</strong></p>\n<form method=\"post\" action=\"");
	text_html(b, r->path);
	buf_puts(b,
	    "\">\n<p><label for=\"birth_year\">Năm sinh của người nộp hồ "
	    "sơ</label><br>\n<input id=\"birth_year\" name=\"birth_year\" "
	    "inputmode=\"numeric\" pattern=\"[0-9]{4}\" maxlength=\"4\" "
	    "size=\"4\" autocomplete=\"bday-year\"></p>\n"
	    "<p><label for=\"birth_date\">hoặc ngày, tháng, năm sinh</label>"
	    "<br>\n<input id=\"birth_date\" name=\"birth_date\" type=\"date\" "
	    "autocomplete=\"bday\"></p>\n"
	    "<p>Nếu hệ thống báo đã thử sai quá nhiều lần, hãy nhập đầy đủ "
	    "ngày, tháng, năm sinh.</p>\n"
	    "<p><button type=\"submit\">Tra cứu</button></p>\n"
	    "</form></main></body></html>\n");
}

enum err
tr_form(struct req *r)
{
	static const int secret[] = { TK_BIRTH_YEAR, TK_BIRTH_DATE };
	struct doc d;
	size_t i;

	r->nbad = 0;
	for (i = 0; i < sizeof(secret) / sizeof(secret[0]); i++)
		if (REQ_S(r, secret[i]) != NULL)
			req_bad(r, route_field_name(secret[i]), "use_post");
	if (r->nbad > 0)
		return ERR_SECRET_IN_QUERY;
	if (r->fmt == REQ_HTML) {
		form_html(r);
		return ERR_OK;
	}
	/* a script asks where to send the factor */
	doc_init(&d, "tracking_form", "Tra cứu tình trạng hồ sơ");
	doc_add(&d, NULL, "receipt_code", "Mã hồ sơ", REQ_S(r, TK_RECEIPT));
	doc_add(&d, NULL, "method", "Phương thức", "POST");
	doc_add(&d, NULL, "action", "Địa chỉ", r->path);
	doc_add(&d, NULL, "fields", "Trường", "birth_year | birth_date");
	resp_doc(r, 200, &d);
	return ERR_OK;
}
