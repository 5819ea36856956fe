/*
 * How tracking answers read: the Vietnamese names of procedures and
 * dossier states (the shared catalogue's, procedure.h and dossier.h) and
 * of readers.  (The lists in its answers are the shared renderer's,
 * resp.h.)
 */
#include "config.h"

#include <string.h>

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

const char *
tr_procedure_name(const char *code)
{
	const struct proc_info *p = proc_by_code(code);

	return p != NULL ? p->name_vi : NULL;
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
