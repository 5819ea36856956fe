/*
 * The page that asks for the second factor of a dossier's status, at
 * GET /tracking/dossiers/{receipt}: a plain form (no script, the
 * template tracking_form.html) that POSTs
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
	/* a person gets the form (tracking_form.html); a script, where to
	 * send the factor */
	doc_init(&d, "tracking_form", "Tra cứu tình trạng hồ sơ");
	doc_add(&d, NULL, "receipt_code", "Mã hồ sơ", REQ_S(r, TK_RECEIPT));
	doc_add(&d, NULL, "method", "Phương thức", "POST");
	doc_add(&d, NULL, "action", "Địa chỉ", r->path);
	doc_add(&d, NULL, "fields", "Trường", "birth_year | birth_date");
	resp_doc(r, 200, &d);
	return ERR_OK;
}
