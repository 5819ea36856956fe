/*
 * The procedure catalogue.  Codes and names are those of the national
 * catalogue of administrative procedures (Cơ sở dữ liệu quốc gia về thủ
 * tục hành chính); the time limits are the legal ones, in working
 * half-days, or the civil family's same working day.
 */
#include "config.h"

#include <string.h>

#include "procedure.h"

/* clang-format off */
const struct proc_info proc_catalog[PROC_ID__MAX] = {
	[PROC_ID_RESIDENCE_CONFIRMATION] = { "residence", "confirmation",
	    PROC_RESIDENCE_CONFIRMATION,
	    "Xác nhận thông tin về cư trú",
	    "Confirmation of residence information", 1 },
	[PROC_ID_PERMANENT] = { "residence", "permanent", PROC_PERMANENT,
	    "Đăng ký thường trú", "Permanent residence registration", 14 },
	[PROC_ID_TEMPORARY] = { "residence", "temporary", PROC_TEMPORARY,
	    "Đăng ký tạm trú", "Temporary residence registration", 6 },
	[PROC_ID_EXTENSION] = { "residence", "extension", PROC_EXTENSION,
	    "Gia hạn tạm trú", "Extension of temporary residence", 6 },
	[PROC_ID_ABSENCE] = { "residence", "absence", PROC_ABSENCE,
	    "Khai báo tạm vắng", "Notice of temporary absence", 2 },
	/* civil status: the same working day (a death that needs verifying
	 * 3 working days, a marriage 5: civil_rule) */
	[PROC_ID_BIRTH] = { "civil", "birth", PROC_BIRTH,
	    "Đăng ký khai sinh", "Birth registration", 0, 1 },
	[PROC_ID_DEATH] = { "civil", "death", PROC_DEATH,
	    "Đăng ký khai tử", "Death registration", 0, 1 },
	[PROC_ID_MARRIAGE] = { "civil", "marriage", PROC_MARRIAGE,
	    "Đăng ký kết hôn", "Marriage registration", 0, 1 },
	[PROC_ID_MARITAL_CONFIRMATION] = { "civil", "marital-status",
	    PROC_MARITAL_CONFIRMATION, "Cấp Giấy xác nhận tình trạng hôn nhân",
	    "Confirmation of marital status", 0, 1 },
	[PROC_ID_EXTRACT] = { "civil", "extract", PROC_EXTRACT,
	    "Cấp bản sao trích lục hộ tịch",
	    "Copy extract of a civil-status record", 0, 1 },
};
/* clang-format on */

const struct proc_info *
proc_by_code(const char *code)
{
	int i;

	for (i = 0; code != NULL && i < PROC_ID__MAX; i++)
		if (strcmp(proc_catalog[i].code, code) == 0)
			return &proc_catalog[i];
	return NULL;
}
