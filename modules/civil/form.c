/*
 * The civil procedures' forms, the declarant's side: GET
 * /civil/citizen/forms/<procedure> shows what the population database
 * holds about the signed-on declarant (shown, not asked: once-only) and
 * asks only the procedure's own fields (its ask list), with a fresh
 * idempotency key; a post refused for its fields shows it again (422),
 * each field at fault with its reason, what was typed and the key kept.
 *
 * Where to register is not asked while the rule residence_tied holds on
 * the day (the commune of the relevant person's residence decides);
 * once it no longer does, any commune may, and the form asks which.
 *
 * A choice, and the sex, is a list to pick from; a date and a time are
 * the browser's own pickers.  The page is built as scopes for the
 * template (options nest in their field); any other format gets the
 * same facts as a document.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "db.h"
#include "dossier.h"
#include "form.h"
#include "page.h"
#include "resp.h"
#include "route.h"
#include "tmpl.h"
#include "token.h"
#include "valid.h"
#include "civil.h"

static const char *const sexes[] = { "M", "F", NULL };

/* Where to register, asked only when any commune may. */
static const struct proc_ask ask_commune = { CK_COMMUNE,
	"Mã xã/phường nơi đăng ký (5 chữ số)",
	"Code of the commune to register at (5 digits)", 1 };

/* A field as the form shows it. */
struct ask_row {
	const struct proc_ask *ask;
	const char *name;
	int kind;
	const char *const *choices; /* a list to pick from, or NULL */
	const char *value; /* what was typed (a form shown again) */
	const char *error; /* why it was refused, or NULL */
};

/* The reason a field was refused for, or NULL. */
static const char *
bad_reason(const struct req *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->nbad; i++)
		if (strcmp(r->bad[i].name, name) == 0)
			return r->bad[i].reason;
	return NULL;
}

static void
row_fill(
    struct req *r, const struct proc_ask *ask, int again, struct ask_row *row)
{
	row->ask = ask;
	row->name = route_field_name(ask->key);
	row->kind = route_field_kind(ask->key);
	row->choices = row->kind == VALID_CHOICE ? route_field_choices(ask->key)
	    : row->kind == VALID_SEX             ? sexes
	                                         : NULL;
	row->value =
	    again && r->form != NULL ? form_get(r->form, row->name) : NULL;
	row->error = again ? bad_reason(r, row->name) : NULL;
}

/* The page: the scopes the template form.html reads.  -1: no template. */
static int
html_page(struct req *r, int status, const struct procedure *p,
    const struct cv_citizen *cz, const char *home, const char *home_name,
    int tied, const struct ask_row *rows, size_t n, const char *key,
    const char *action)
{
	struct tv *v = page_values(r, "form", p->info->name_vi);
	size_t i, j;

	tv_set(v, "procedure", p->info->code);
	tv_set(v, "procedure_slug", p->info->slug);
	tv_set(v,
	    arena_printf(&r->arena, "procedure_slug.is.%s", p->info->slug),
	    "1");
	tv_set(v, "known.pid", cz->pid);
	tv_set(v, "known.full_name", cz->full_name);
	tv_set(v, "known.birth_date", cz->birth_date);
	tv_set(v, "known.sex", cz->sex);
	tv_set(v, "known.marital_status", cz->marital_status);
	tv_set(v, "known.home_commune", home);
	tv_set(v, "known.home_commune_name", home_name);
	tv_set(v, "tied", tied ? "1" : NULL);
	tv_set(v, "idempotency_key", key);
	tv_set(v, "action", action);
	tv_set(v, "refused", status == 422 ? "1" : NULL);
	for (i = 0; i < n; i++) {
		const struct ask_row *a = &rows[i];
		struct tv *f = tv_add_row(v, "fields");

		tv_set(f, "name", a->name);
		tv_set(f, "label_vi", a->ask->label_vi);
		tv_set(f, "label_en", a->ask->label_en);
		tv_set(f, "required", a->ask->required ? "1" : NULL);
		tv_set(f, "date", a->kind == VALID_DATE ? "1" : NULL);
		tv_set(f, "time", a->kind == VALID_TIME ? "1" : NULL);
		tv_set(f, "digits",
		    a->kind == VALID_PID || a->kind == VALID_COMMUNE ? "1"
		                                                     : NULL);
		tv_set(f, "value", a->value);
		tv_set(f, "error", a->error);
		tv_set(f, "select", a->choices != NULL ? "1" : NULL);
		for (j = 0; a->choices != NULL && a->choices[j] != NULL; j++) {
			struct tv *o = tv_add_row(f, "options");

			tv_set(o, "value", a->choices[j]);
			tv_set(o, "selected",
			    a->value != NULL &&
			            strcmp(a->value, a->choices[j]) == 0
			        ? "1"
			        : NULL);
		}
	}
	/* a refusal of a field the form does not show, said in the summary */
	for (i = 0; i < r->nbad && status == 422; i++) {
		for (j = 0; j < n; j++)
			if (strcmp(rows[j].name, r->bad[i].name) == 0)
				break;
		if (j == n) {
			struct tv *o = tv_add_row(v, "others");

			tv_set(o, "name", r->bad[i].name);
			tv_set(o, "error", r->bad[i].reason);
		}
	}
	return page_render(r, status, "form", v);
}

/* The same facts as a document, for a caller that asks for JSON or XML. */
static void
doc_page(struct req *r, int status, const struct procedure *p,
    const struct cv_citizen *cz, const char *home, int tied,
    const struct ask_row *rows, size_t n, const char *key, const char *action)
{
	static const struct doc_col cols[] = {
		{ "name", NULL, 0 },
		{ "label_vi", NULL, 0 },
		{ "label_en", NULL, 0 },
		{ "required", NULL, 1 },
		{ "value", NULL, 0 },
		{ "error", NULL, 0 },
	};
	struct doc_list l;
	struct doc d;
	size_t i;

	doc_init(&d, "form", p->info->name_vi);
	doc_add(&d, NULL, "procedure", "Mã thủ tục", p->info->code);
	doc_add(&d, NULL, "procedure_name", "Thủ tục", p->info->name_vi);
	doc_add(&d, "known", "pid", "Số định danh cá nhân", cz->pid);
	doc_add(&d, "known", "full_name", "Họ và tên", cz->full_name);
	doc_add(&d, "known", "birth_date", "Ngày sinh", cz->birth_date);
	doc_add(&d, "known", "sex", "Giới tính", cz->sex);
	doc_add(&d, "known", "marital_status", "Tình trạng hôn nhân",
	    cz->marital_status);
	doc_add(&d, "known", "home_commune", "Xã/phường nơi cư trú", home);
	doc_add_raw(&d, NULL, "residence_tied", NULL, tied ? "true" : "false");
	doc_list_init(&r->arena, &l, "fields", "field", NULL, cols,
	    sizeof(cols) / sizeof(*cols), n);
	for (i = 0; i < n; i++) {
		doc_list_set(&l, i, "name", rows[i].name);
		doc_list_set(&l, i, "label_vi", rows[i].ask->label_vi);
		doc_list_set(&l, i, "label_en", rows[i].ask->label_en);
		doc_list_set(&l, i, "required",
		    rows[i].ask->required ? "true" : "false");
		doc_list_set(&l, i, "value", rows[i].value);
		doc_list_set(&l, i, "error", rows[i].error);
	}
	doc_add(&d, NULL, "idempotency_key", NULL, key);
	if (status == 422)
		doc_add_raw(&d, NULL, "refused", NULL, "true");
	doc_add(&d, NULL, "action", NULL, action);
	resp_doc_lists(r, status, &d, &l, 1);
}

/*
 * What is known, what to ask, as status: for the form first opened, or
 * (status 422) shown again after a post refused for its fields.
 */
static enum err
form_page(struct req *r, const struct procedure *p, int status)
{
	const struct proc_ask *ask;
	const char *home, *home_name, *sent, *action;
	struct cv_citizen cz;
	struct ask_row *rows;
	char today[11], key[TOKEN_LEN + 1];
	size_t n = 0;
	long tied;
	int rc, again = status == 422;

	if ((rc = cv_citizen_get(r->db, &r->arena, r->citizen, &cz)) != DB_OK)
		return db_err(rc);
	if (cz.id == 0)
		return ERR_UNKNOWN_CITIZEN;
	snprintf(today, sizeof(today), "%.10s", dossier_now(&r->arena));
	if ((rc = cv_rule_int(r->db, &r->arena, "residence_tied", today, 0, 1,
	         &tied)) != DB_OK ||
	    (rc = cv_home_commune(
	         r->db, &r->arena, cz.id, today, &home, &home_name)) != DB_OK)
		return db_err(rc);
	for (ask = p->ask; ask->key != 0; ask++)
		n++;
	rows = arena_alloc(&r->arena, (n + 1) * sizeof(*rows));
	for (n = 0, ask = p->ask; ask->key != 0; ask++)
		row_fill(r, ask, again, &rows[n++]);
	if (!tied)
		row_fill(r, &ask_commune, again, &rows[n++]);
	/* a form shown again keeps its key: nothing was filed with it, and
	 * a post of the first form and of this one stay one */
	sent = again && r->form != NULL ? form_get(r->form, "idempotency_key")
	                                : NULL;
	if (sent == NULL ||
	    valid_field(VALID_IDEMKEY, &r->arena, &sent) != NULL) {
		if (token_new(key) < 0)
			return ERR_INTERNAL;
		sent = arena_strdup(&r->arena, key);
	}
	action = arena_printf(
	    &r->arena, "/civil/citizen/dossiers/%s", p->info->slug);
	if (r->fmt == REQ_HTML &&
	    html_page(r, status, p, &cz, home, home_name, (int)tied, rows, n,
	        sent, action) == 0)
		return ERR_OK;
	doc_page(r, status, p, &cz, home, (int)tied, rows, n, sent, action);
	return ERR_OK;
}

/* GET /civil/citizen/forms/<procedure>: what is known, what to ask. */
enum err
cv_form(struct req *r)
{
	return form_page(r, cv_procs[r->val[CK_PROCEDURE].i], 200);
}

/* A declarant's form post refused for its fields: the form again. */
enum err
cv_form_again(struct req *r)
{
	return form_page(r, r->route->data, 422);
}
