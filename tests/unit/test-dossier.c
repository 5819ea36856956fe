/*
 * The dossier lifecycle's table: every move dossier.h draws is allowed
 * (with a reason where one is required) and no other; every state has a
 * name and labels, and names read back as their state.
 */
#include "config.h"

#include "dossier.h"
#include "tap.h"

struct move {
	enum dossier_state from, to;
	int reason;
};

/* submitted -> accepted -> (supplement_requested <-> accepted)
 *           -> approved -> result_issued;
 * submitted | accepted -> rejected */
static const struct move drawn[] = {
	{ DS_SUBMITTED, DS_ACCEPTED, 0 },
	{ DS_SUBMITTED, DS_REJECTED, 1 },
	{ DS_ACCEPTED, DS_SUPPLEMENT_REQUESTED, 1 },
	{ DS_SUPPLEMENT_REQUESTED, DS_ACCEPTED, 0 },
	{ DS_ACCEPTED, DS_APPROVED, 0 },
	{ DS_ACCEPTED, DS_REJECTED, 1 },
	{ DS_APPROVED, DS_RESULT_ISSUED, 0 },
};

#define NDRAWN (sizeof(drawn) / sizeof(drawn[0]))

int
main(void)
{
	int from, to, allowed = 0, extra = 0, named = 1, back = 1;
	size_t i;

	for (i = 0; i < NDRAWN; i++) {
		int reason = -1;

		ok(dossier_may_move(drawn[i].from, drawn[i].to, &reason),
		    "%s -> %s is allowed", dossier_state_name[drawn[i].from],
		    dossier_state_name[drawn[i].to]);
		ok(reason == drawn[i].reason, "%s -> %s %s a reason",
		    dossier_state_name[drawn[i].from],
		    dossier_state_name[drawn[i].to],
		    drawn[i].reason ? "needs" : "needs no");
	}
	for (from = 0; from < DS__MAX; from++)
		for (to = 0; to < DS__MAX; to++) {
			int is_drawn = 0;

			for (i = 0; i < NDRAWN; i++)
				is_drawn |=
				    drawn[i].from == (enum dossier_state)from &&
				    drawn[i].to == (enum dossier_state)to;
			if (dossier_may_move(from, to, NULL)) {
				allowed++;
				extra += !is_drawn;
			}
		}
	ok(allowed == (int)NDRAWN && extra == 0,
	    "no move but the drawn ones (%d allowed, %d not drawn)", allowed,
	    extra);
	ok(!dossier_may_move(DS__MAX, DS_ACCEPTED, NULL) &&
	        !dossier_may_move(DS_SUBMITTED, DS__MAX, NULL) &&
	        !dossier_may_move((enum dossier_state) - 1, DS_ACCEPTED, NULL),
	    "states out of range move nowhere");
	ok(!dossier_may_move(DS_RESULT_ISSUED, DS_ACCEPTED, NULL) &&
	        !dossier_may_move(DS_REJECTED, DS_ACCEPTED, NULL),
	    "a finished dossier stays finished");
	for (from = 0; from < DS__MAX; from++) {
		named &= dossier_state_name[from] != NULL &&
		    dossier_state_vi[from] != NULL &&
		    dossier_state_en[from] != NULL;
		back &= dossier_state_of(dossier_state_name[from]) == from;
	}
	ok(named, "every state has a name and labels in both languages");
	ok(back, "every name reads back as its state");
	ok(dossier_state_of("closed") == -1 && dossier_state_of(NULL) == -1,
	    "an unknown name is no state");
	is_str(dossier_state_name[DS_SUPPLEMENT_REQUESTED],
	    "supplement_requested", "names are the stored ones");
	return tap_done();
}
