/*
 * Who may do what with a civil-status dossier.  The roles are the
 * officials' own (official.role, as for residence): the commune officer
 * (công chức tư pháp - hộ tịch) receives, files at the counter, accepts
 * and marks a dossier for verification; the commune's head (chủ tịch Ủy
 * ban nhân dân) also approves and rejects, as the registration is signed
 * in their name; a province officer handles no commune's dossiers.  Apart
 * from roles, the official who filed a dossier at the counter may not
 * approve it when its procedure says so (procedure_setting).  civil.fcgi(8)
 * lists this table.
 */
#include "config.h"

#include <string.h>

#include "civil.h"

static const struct {
	const char *role;
	int may[CV_RIGHT__MAX];
} roles[] = {
	{ "commune_officer",
	    { [CV_FILE] = 1, [CV_ACCEPT] = 1, [CV_VERIFY] = 1 } },
	{ "commune_head",
	    { [CV_FILE] = 1,
	        [CV_ACCEPT] = 1,
	        [CV_VERIFY] = 1,
	        [CV_APPROVE] = 1,
	        [CV_REJECT] = 1 } },
	{ "province_officer", { 0 } },
};

int
cv_may(const char *role, int right)
{
	size_t i;

	if (role == NULL || right <= CV_ANY || right >= CV_RIGHT__MAX)
		return 0;
	for (i = 0; i < sizeof(roles) / sizeof(*roles); i++)
		if (strcmp(roles[i].role, role) == 0)
			return roles[i].may[right];
	return 0;
}
