/*
 * The civil family's descriptors and roles: each procedure of cv_procs
 * points at a civil catalogue row with the same-day time limit, has every
 * function and asks fields among the module's keys, and its form's path
 * names it; the relations end their choice list; the roles keep deciding
 * apart from receiving.
 */
#include "config.h"

#include <string.h>

#include "procedure.h"
#include "civil.h"
#include "tap.h"

int
main(void)
{
	int i;

	for (i = 0; i < CP__MAX; i++) {
		const struct procedure *p = cv_procs[i];
		const struct proc_ask *a;
		int keys = 1, n = 0;

		ok(p != NULL && p->info != NULL &&
		        strcmp(p->info->family, "civil") == 0 &&
		        p->info->same_day,
		    "%s: a civil catalogue row, due the same day",
		    p->info->slug);
		ok(p->check != NULL && p->effect != NULL &&
		        p->counter_commune != NULL && p->facts != NULL,
		    "%s: check, effect, the counter's commune and the facts",
		    p->info->slug);
		for (a = p->ask; a->key != 0; a++, n++)
			keys &= a->key > CK_NONE && a->key < CK__MAX &&
			    a->key != CK_RECEIPT && a->label_vi != NULL &&
			    a->label_en != NULL;
		ok(n > 0 && keys,
		    "%s: asks %d fields, all of the module's, with labels",
		    p->info->slug, n);
		ok(cv_proc_slugs[i] != NULL &&
		        strcmp(cv_proc_slugs[i], p->info->slug) == 0,
		    "%s: its form's path names it", p->info->slug);
	}
	is_str(cv_verify_rule[CP_DEATH], "death_verify_halves",
	    "a death's verification time limit is its rule's");
	ok(cv_proc_slugs[CP__MAX] == NULL, "the forms' slugs end their list");
	ok(cv_relations[CR__MAX] == NULL && cv_relations[CR_SPOUSE] != NULL,
	    "the relations end the choice list");
	ok(cv_may("commune_officer", CV_FILE) &&
	        cv_may("commune_officer", CV_VERIFY) &&
	        !cv_may("commune_officer", CV_APPROVE) &&
	        !cv_may("commune_officer", CV_REJECT),
	    "a commune officer receives and verifies, and does not decide");
	ok(cv_may("commune_head", CV_APPROVE) &&
	        cv_may("commune_head", CV_REJECT),
	    "the commune's head decides");
	ok(!cv_may("province_officer", CV_FILE) &&
	        !cv_may("province_officer", CV_ACCEPT) &&
	        !cv_may("nobody", CV_ACCEPT) && !cv_may(NULL, CV_ACCEPT) &&
	        !cv_may("commune_head", CV_ANY) &&
	        !cv_may("commune_head", CV_RIGHT__MAX),
	    "no one else, and no right out of range");
	return tap_done();
}
