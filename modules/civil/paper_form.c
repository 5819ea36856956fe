/*
 * The pages a citizen asks for a civil paper from: the confirmation of
 * marital status (its purpose) and a copy extract (which record, and
 * whose, for a relative's death).  Nothing else is asked: the database
 * holds every fact the paper states (once-only).  Each page carries a
 * fresh idempotency key, so a double click is one paper; a post refused
 * for its fields shows the page again (422) with what was chosen and
 * the same key.
 */
#include "config.h"

#include <string.h>

#include "civil.h"
#include "form.h"
#include "resp.h"
#include "token.h"

/* root: the template; action: where it posts; fields: what it keeps */
static enum err
paper_form(struct req *r, const char *root, const char *title,
    const char *action, const char *const *fields, int status)
{
	char key[TOKEN_LEN + 1];
	const char *sent = NULL;
	struct doc d;
	size_t i;

	if (status == 422 && r->form != NULL)
		sent = form_get(r->form, "idempotency_key");
	if (sent == NULL) {
		if (token_new(key) < 0)
			return ERR_INTERNAL;
		sent = arena_strdup(&r->arena, key);
	}
	doc_init(&d, root, title);
	doc_add(&d, NULL, "action", "Địa chỉ", action);
	doc_add(&d, NULL, "idempotency_key", "Mã chống gửi trùng", sent);
	if (status == 422 && r->form != NULL) {
		for (i = 0; fields[i] != NULL; i++) {
			const char *v = form_get(r->form, fields[i]);

			doc_add(&d, "value", fields[i], NULL, v);
			/* a choice shown as chosen: value.is.CHOICE */
			if (v != NULL &&
			    strspn(v, "abcdefghijklmnopqrstuvwxyz_") ==
			        strlen(v) &&
			    *v != '\0' && strlen(v) <= 32)
				doc_add_raw(&d, "chosen",
				    arena_printf(
				        &r->arena, "%s_%s", fields[i], v),
				    NULL, "true");
		}
		doc_add_raw(&d, NULL, "refused", NULL, "true");
		for (i = 0; i < r->nbad; i++)
			doc_add(&d, "error", r->bad[i].name, NULL,
			    r->bad[i].reason);
	}
	resp_doc(r, status, &d);
	return ERR_OK;
}

static const char *const confirm_fields[] = { "purpose", "purpose_text", NULL };
static const char *const extract_fields[] = { "kind", "pid", NULL };

/* GET /civil/citizen/confirmations */
enum err
cv_confirm_form(struct req *r)
{
	return paper_form(r, "marital_form",
	    "Cấp Giấy xác nhận tình trạng hôn nhân",
	    "/civil/citizen/confirmations", confirm_fields, 200);
}

enum err
cv_confirm_again(struct req *r)
{
	return paper_form(r, "marital_form",
	    "Cấp Giấy xác nhận tình trạng hôn nhân",
	    "/civil/citizen/confirmations", confirm_fields, 422);
}

/* GET /civil/citizen/extracts */
enum err
cv_extract_form(struct req *r)
{
	return paper_form(r, "extract_form", "Cấp bản sao trích lục hộ tịch",
	    "/civil/citizen/extracts", extract_fields, 200);
}

enum err
cv_extract_again(struct req *r)
{
	return paper_form(r, "extract_form", "Cấp bản sao trích lục hộ tịch",
	    "/civil/citizen/extracts", extract_fields, 422);
}
