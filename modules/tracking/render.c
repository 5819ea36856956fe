/*
 * How tracking answers read: the Vietnamese names of procedures, dossier
 * states and readers.  (The lists in its answers are the shared
 * renderer's, resp.h.)
 */
#include "config.h"

#include <string.h>

#include "tracking.h"

static const struct {
	const char *code;
	const char *name;
} procedures[] = {
	{ "1.010041", "Xác nhận thông tin về cư trú" },
	{ "1.004222", "Đăng ký thường trú" },
	{ "1.004194", "Đăng ký tạm trú" },
	{ "1.004197", "Gia hạn tạm trú" },
	{ "1.003677", "Khai báo tạm vắng" },
};

static const struct {
	const char *code;
	const char *label;
} states[] = {
	{ "submitted", "Đã tiếp nhận" },
	{ "accepted", "Đang giải quyết" },
	{ "supplement_requested", "Chờ bổ sung hồ sơ" },
	{ "approved", "Đã phê duyệt" },
	{ "rejected", "Từ chối giải quyết" },
	{ "result_issued", "Đã trả kết quả" },
}, actors[] = {
	{ "official", "Cán bộ" },
	{ "exchange", "Hệ thống của bộ, ngành" },
	{ "citizen", "Công dân" },
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

const char *
tr_procedure_name(const char *code)
{
	size_t i;

	for (i = 0; code != NULL && i < NELEM(procedures); i++)
		if (strcmp(procedures[i].code, code) == 0)
			return procedures[i].name;
	return NULL;
}

const char *
tr_state_label(const char *state)
{
	size_t i;

	for (i = 0; state != NULL && i < NELEM(states); i++)
		if (strcmp(states[i].code, state) == 0)
			return states[i].label;
	return state;
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
tr_bool(const char *v)
{
	return v != NULL && strcmp(v, "1") == 0 ? "true" : "false";
}
