/*
 * The procedure catalogue and the residence family's descriptors: codes
 * of the national catalogue's shape, unique; names in both languages; a
 * legal time limit; each residence procedure's descriptor points at its
 * catalogue row, in the order of its path slugs, with every function and
 * the fields it asks among the module's keys.
 */
#include "config.h"

#include <string.h>

#include "procedure.h"
#include "residence.h"
#include "tap.h"

static int
code_shape(const char *code)
{
	size_t n = strlen(code), i;

	if (n != 8 || code[1] != '.')
		return 0;
	for (i = 0; i < n; i++)
		if (i != 1 && (code[i] < '0' || code[i] > '9'))
			return 0;
	return 1;
}

int
main(void)
{
	int i, j, unique = 1;

	for (i = 0; i < PROC_ID__MAX; i++) {
		const struct proc_info *p = &proc_catalog[i];

		ok(p->code != NULL && code_shape(p->code),
		    "%s: a national code N.NNNNNN", p->slug);
		ok(p->family != NULL && p->slug != NULL && p->name_vi != NULL &&
		        *p->name_vi != '\0' && p->name_en != NULL &&
		        *p->name_en != '\0',
		    "%s: family, slug and names in both languages", p->code);
		ok((p->halves > 0 && p->halves <= 2 * 60 && !p->same_day) ||
		        (p->halves == 0 && p->same_day &&
		            strcmp(p->family, "civil") == 0),
		    "%s: a time limit in working half-days, or the civil "
		    "family's same day",
		    p->code);
		ok(proc_by_code(p->code) == p, "%s: found by its code",
		    p->code);
		for (j = 0; j < i; j++)
			unique &= strcmp(proc_catalog[j].code, p->code) != 0 &&
			    (strcmp(proc_catalog[j].family, p->family) != 0 ||
			        strcmp(proc_catalog[j].slug, p->slug) != 0);
	}
	ok(unique, "codes are unique, and slugs within a family");
	ok(proc_by_code("9.999999") == NULL && proc_by_code(NULL) == NULL,
	    "an unknown code is no procedure");
	is_str(proc_by_code(PROC_PERMANENT)->name_vi, "Đăng ký thường trú",
	    "the permanent registration by its code");

	for (i = 0; i < RP__MAX; i++) {
		const struct procedure *p = rs_procs[i];
		const struct proc_ask *a;
		int keys = 1, n = 0;

		ok(p != NULL && p->info != NULL &&
		        strcmp(p->info->family, "residence") == 0 &&
		        strcmp(p->info->slug, rs_proc_slugs[i]) == 0,
		    "%s: its catalogue row, in the order of the slugs",
		    rs_proc_slugs[i]);
		ok(p->check != NULL && p->effect != NULL &&
		        p->counter_commune != NULL && p->facts != NULL,
		    "%s: check, effect, the counter's commune and the facts",
		    rs_proc_slugs[i]);
		for (a = p->ask; a->key != 0; a++, n++)
			keys &= a->key > RK_NONE && a->key < RK_VCODE &&
			    a->label_vi != NULL && a->label_en != NULL;
		ok(n > 0 && keys,
		    "%s: asks %d fields, all of the module's, with labels",
		    rs_proc_slugs[i], n);
	}
	ok(rs_proc_slugs[RP__MAX] == NULL, "the slugs end the choice list");
	return tap_done();
}
