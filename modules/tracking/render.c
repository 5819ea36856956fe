/*
 * How tracking answers read: the Vietnamese names of procedures, their
 * families and dossier states (the shared catalogue's, procedure.h and
 * dossier.h) and of readers.  (The lists in its answers are the shared renderer's,
 * resp.h.)
 */
#include "config.h"

#include <string.h>

#include "buf.h"
#include "dossier.h"
#include "procedure.h"
#include "tracking.h"

static const struct {
	const char *code;
	const char *label;
} actors[] = {
	{ "official", "Cán bộ" },
	{ "exchange", "Hệ thống của bộ, ngành" },
	{ "citizen", "Công dân" },
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

const char *const tr_families[TF__MAX + 1] = {
	[TF_RESIDENCE] = "residence",
	[TF_CIVIL] = "civil",
};

const char *const tr_channels[] = { "none", "email", "sms", NULL };

static const char *const family_vi[TF__MAX] = {
	[TF_RESIDENCE] = "Cư trú",
	[TF_CIVIL] = "Hộ tịch",
};

const char *
tr_procedure_name(const char *code)
{
	const struct proc_info *p = proc_by_code(code);

	return p != NULL ? p->name_vi : NULL;
}

const char *
tr_procedure_family(const char *code)
{
	const struct proc_info *p = proc_by_code(code);

	return p != NULL ? p->family : NULL;
}

const char *
tr_family_label(const char *family)
{
	int f;

	for (f = 0; family != NULL && f < TF__MAX; f++)
		if (strcmp(tr_families[f], family) == 0)
			return family_vi[f];
	return family;
}

const char *
tr_family_codes(struct arena *a, const char *family)
{
	struct buf b;
	const char *codes;
	int i;

	buf_init(&b);
	for (i = 0; i < PROC_ID__MAX; i++)
		if (strcmp(proc_catalog[i].family, family) == 0) {
			if (b.len > 0)
				buf_putc(&b, ',');
			buf_puts(&b, proc_catalog[i].code);
		}
	codes = arena_strdup(a, b.len > 0 ? b.s : "");
	buf_free(&b);
	return codes;
}

const char *
tr_state_label(const char *state)
{
	int st = dossier_state_of(state);

	return st >= 0 ? dossier_state_vi[st] : state;
}

const char *
tr_actor_label(const char *kind)
{
	size_t i;

	for (i = 0; kind != NULL && i < NELEM(actors); i++)
		if (strcmp(actors[i].code, kind) == 0)
			return actors[i].label;
	return kind;
}

const char *
tr_bool(int v)
{
	return v ? "true" : "false";
}
