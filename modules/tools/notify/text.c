/*
 * The messages' texts: one line in Vietnamese, the same in English below
 * it, naming the receipt code, the new state in words and the link to the
 * dossier's tracking page.  Nothing else about the person: no name, no
 * personal number, no address.  Every state of the lifecycle (dossier.h)
 * has its words here, in one table.
 */
#include "config.h"

#include <stddef.h>

#include "buf.h"
#include "dossier.h"
#include "notify.h"

static const struct {
	const char *vi, *en;
} words[DS__MAX] = {
	[DS_SUBMITTED] = { "Đã tiếp nhận", "received" },
	[DS_ACCEPTED] = { "Đang giải quyết", "being processed" },
	[DS_SUPPLEMENT_REQUESTED] = { "Chờ bổ sung hồ sơ",
	    "waiting for a supplement" },
	[DS_APPROVED] = { "Đã phê duyệt", "approved" },
	[DS_REJECTED] = { "Từ chối giải quyết", "rejected" },
	[DS_RESULT_ISSUED] = { "Đã trả kết quả", "result issued" },
};

int
nt_text(struct arena *a, const struct nt_settings *set,
    const struct nt_message *m, const char **subject, const char **body)
{
	int st = dossier_state_of(m->state);

	if (st < 0 || words[st].vi == NULL)
		return -1;
	*subject = arena_printf(a, "Hồ sơ %s: %s", m->receipt, words[st].vi);
	*body = arena_printf(a,
	    "Hồ sơ %s đã chuyển sang trạng thái: %s. "
	    "Xem tại: %s/tracking/dossiers/%s\n"
	    "\n"
	    "Dossier %s has moved to the state: %s. "
	    "See: %s/tracking/dossiers/%s\n",
	    m->receipt, words[st].vi, set->public_url, m->receipt, m->receipt,
	    words[st].en, set->public_url, m->receipt);
	return 0;
}
