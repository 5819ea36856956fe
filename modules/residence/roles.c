/*
 * Who may do what with a residence dossier.  An official's role
 * (official.role) decides which actions they may take; the table below is
 * the one place that says so, and residence.fcgi(8) lists it.  Receiving
 * and deciding are apart: a commune officer (cán bộ tiếp nhận) receives
 * and prepares dossiers, the commune's head (lãnh đạo) decides them, and
 * a province officer oversees and handles no commune's dossiers.  Apart
 * from roles, the official who filed a dossier at the counter may not
 * approve it when its procedure says so (procedure_setting, 008).
 */
#include "config.h"

#include <string.h>

#include "db.h"
#include "residence.h"

static const struct {
	const char *role;
	int may[RS_RIGHT__MAX];
} roles[] = {
	{ "commune_officer",
	    { [RS_FILE] = 1, [RS_ACCEPT] = 1, [RS_SUPPLEMENT] = 1 } },
	{ "commune_head",
	    { [RS_FILE] = 1,
	        [RS_ACCEPT] = 1,
	        [RS_SUPPLEMENT] = 1,
	        [RS_APPROVE] = 1,
	        [RS_REJECT] = 1 } },
	{ "province_officer", { 0 } },
};

int
rs_may(const char *role, int right)
{
	size_t i;

	if (role == NULL || right <= RS_ANY || right >= RS_RIGHT__MAX)
		return 0;
	for (i = 0; i < sizeof(roles) / sizeof(*roles); i++)
		if (strcmp(roles[i].role, role) == 0)
			return roles[i].may[right];
	return 0;
}
