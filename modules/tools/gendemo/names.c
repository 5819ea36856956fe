/*
 * Names, ethnicities and addresses: the tables are data, weighted where
 * the real distribution is far from uniform (Nguyễn is nearly four family
 * names in ten, Kinh most of the population), and the functions that
 * draw from them.  Every string is UTF-8 in normalisation form C
 * (precomposed), as the validators store names.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "gendemo.h"

struct weighted {
	const char *s;
	unsigned w;
};

#define PICK(r, a) ((a)[gd_rng_below((r), (uint32_t)NELEM(a))])

static const struct weighted family_names[] = {
	{ "Nguyễn", 380 },
	{ "Trần", 110 },
	{ "Lê", 95 },
	{ "Phạm", 70 },
	{ "Hoàng", 30 },
	{ "Huỳnh", 20 },
	{ "Phan", 45 },
	{ "Vũ", 25 },
	{ "Võ", 15 },
	{ "Đặng", 21 },
	{ "Bùi", 20 },
	{ "Đỗ", 14 },
	{ "Hồ", 13 },
	{ "Ngô", 13 },
	{ "Dương", 10 },
	{ "Lý", 5 },
	{ "Đinh", 8 },
	{ "Trương", 10 },
	{ "Lâm", 5 },
	{ "Mai", 5 },
	{ "Trịnh", 5 },
	{ "Đào", 5 },
	{ "Cao", 4 },
	{ "Lương", 4 },
	{ "Hà", 5 },
	{ "Lưu", 3 },
	{ "Tạ", 3 },
	{ "Châu", 3 },
	{ "Tô", 2 },
	{ "Quách", 2 },
	{ "Kiều", 2 },
	{ "Thái", 2 },
};

static const char *const middle_m[] = {
	"Văn",
	"Hữu",
	"Đức",
	"Minh",
	"Quang",
	"Công",
	"Thành",
	"Xuân",
	"Ngọc",
	"Anh",
	"Gia",
	"Trọng",
	"Đình",
	"Mạnh",
	"Tiến",
	"Bảo",
	"Quốc",
	"Huy",
	"Thanh",
	"Nhật",
};

static const char *const middle_f[] = {
	"Thị",
	"Ngọc",
	"Thu",
	"Thanh",
	"Phương",
	"Minh",
	"Hồng",
	"Kim",
	"Bảo",
	"Khánh",
	"Mai",
	"Thùy",
	"Hoài",
	"Diệu",
	"Quỳnh",
	"Thảo",
	"Lan",
	"Hải",
	"Tuyết",
	"Bích",
};

static const char *const given_m[] = {
	"Hùng",
	"Dũng",
	"Tuấn",
	"Nam",
	"Long",
	"Khoa",
	"Minh",
	"Đức",
	"Hải",
	"Sơn",
	"Thắng",
	"Cường",
	"Phúc",
	"Huy",
	"Quân",
	"Bình",
	"Tùng",
	"Trung",
	"Hiếu",
	"Việt",
	"Thành",
	"Khánh",
	"Phong",
	"Hưng",
	"Toàn",
	"Kiên",
	"Vinh",
	"Lâm",
	"An",
	"Bảo",
	"Đạt",
	"Duy",
	"Hoàng",
	"Quang",
	"Tài",
	"Nghĩa",
	"Thịnh",
	"Lộc",
	"Hòa",
	"Hậu",
	"Khải",
	"Tâm",
	"Thái",
	"Trí",
	"Vũ",
	"Hiển",
	"Đông",
	"Lực",
};

static const char *const given_f[] = {
	"Lan",
	"Hương",
	"Mai",
	"Linh",
	"Trang",
	"Thảo",
	"Ngọc",
	"Hà",
	"Anh",
	"Hằng",
	"Hạnh",
	"Hoa",
	"Huyền",
	"Loan",
	"Nga",
	"Nhung",
	"Oanh",
	"Phương",
	"Quỳnh",
	"Thủy",
	"Tâm",
	"Trinh",
	"Uyên",
	"Vân",
	"Yến",
	"Chi",
	"Giang",
	"Hiền",
	"Nhi",
	"Thư",
	"Vy",
	"My",
	"Diệp",
	"Hồng",
	"Dung",
	"Liên",
	"Châu",
	"Thúy",
	"Xuân",
	"Ánh",
	"Tuyết",
	"Hậu",
	"Lý",
	"Trâm",
	"Nhàn",
	"Duyên",
	"Thanh",
	"Khánh",
};

static const struct weighted ethnicities[] = {
	{ "Kinh", 8530 },
	{ "Tày", 190 },
	{ "Thái", 185 },
	{ "Mường", 150 },
	{ "Khmer", 135 },
	{ "Mông", 140 },
	{ "Nùng", 110 },
	{ "Hoa", 80 },
	{ "Dao", 90 },
	{ "Gia Rai", 55 },
	{ "Ê Đê", 40 },
	{ "Ba Na", 30 },
	{ "Sán Chay", 20 },
	{ "Chăm", 18 },
	{ "Cơ Ho", 20 },
	{ "Xơ Đăng", 20 },
	{ "Sán Dìu", 18 },
	{ "Hrê", 15 },
	{ "Ra Glai", 14 },
	{ "Mnông", 13 },
};

static const char *
pick_w(struct gd_rng *r, const struct weighted *t, size_t n)
{
	unsigned total = 0, x;
	size_t i;

	for (i = 0; i < n; i++)
		total += t[i].w;
	x = gd_rng_below(r, total);
	for (i = 0; i < n; i++) {
		if (x < t[i].w)
			return t[i].s;
		x -= t[i].w;
	}
	return t[n - 1].s;
}

const char *
gd_pick_family(struct gd_rng *r)
{
	return pick_w(r, family_names, NELEM(family_names));
}

const char *
gd_pick_ethnicity(struct gd_rng *r)
{
	return pick_w(r, ethnicities, NELEM(ethnicities));
}

/* Full name into buf: family, middle (by sex, "Văn"/"Thị" more common for
 * older people), given. */
void
gd_make_name(struct gd_rng *r, char *buf, size_t n, const char *family,
    int female, int birth_year)
{
	unsigned classic = birth_year < 1970 ? 700
	    : birth_year < 1990              ? 450
	    : birth_year < 2005              ? 200
	                                     : 80;
	const char *mid, *given;

	if (female)
		mid = gd_rng_pm(r, classic) ? "Thị" : PICK(r, middle_f);
	else
		mid = gd_rng_pm(r, classic) ? "Văn" : PICK(r, middle_m);
	do
		given = female ? PICK(r, given_f) : PICK(r, given_m);
	while (strcmp(given, mid) == 0 || strcmp(given, family) == 0);
	snprintf(buf, n, "%s %s %s", family, mid, given);
}

static const char *const streets[] = {
	"Lê Lợi",
	"Trần Hưng Đạo",
	"Nguyễn Huệ",
	"Hai Bà Trưng",
	"Lý Thường Kiệt",
	"Quang Trung",
	"Trần Phú",
	"Phan Chu Trinh",
	"Nguyễn Trãi",
	"Hùng Vương",
	"Lê Duẩn",
	"Điện Biên Phủ",
	"Võ Thị Sáu",
	"Nguyễn Du",
	"Bà Triệu",
	"Hoàng Diệu",
	"Phan Đình Phùng",
	"Nguyễn Thị Minh Khai",
	"Cách Mạng Tháng Tám",
	"Lê Thánh Tông",
	"Ngô Quyền",
	"Đinh Tiên Hoàng",
	"Nguyễn Văn Cừ",
	"Võ Văn Kiệt",
	"Tôn Đức Thắng",
	"Lê Hồng Phong",
	"Trường Chinh",
	"Phạm Văn Đồng",
	"Nguyễn Chí Thanh",
	"Lạc Long Quân",
	"Âu Cơ",
	"Hoàng Hoa Thám",
	"Xô Viết Nghệ Tĩnh",
	"Bạch Đằng",
	"Chu Văn An",
	"Pasteur",
	"Yersin",
	"Nguyễn Đình Chiểu",
};

static const char *const hamlets[] = {
	"Đông",
	"Tây",
	"Nam",
	"Bắc",
	"Trung",
	"Thượng",
	"Hạ",
	"Tân Lập",
	"Đồng Tâm",
	"Hòa Bình",
	"Phú Mỹ",
	"An Lạc",
	"Bình An",
	"Tân Thành",
	"Quyết Tiến",
	"Thắng Lợi",
	"Đoàn Kết",
	"Hưng Thịnh",
};

void
gd_make_address(
    struct gd_rng *r, char *buf, size_t n, const struct gd_commune *c)
{
	unsigned x = gd_rng_below(r, 100);

	if (c->urban) {
		if (x < 45)
			snprintf(buf, n, "Số %d, ngõ %d, đường %s",
			    gd_rng_range(r, 1, 199), gd_rng_range(r, 1, 350),
			    PICK(r, streets));
		else if (x < 60)
			snprintf(buf, n, "Số %d/%d, đường %s",
			    gd_rng_range(r, 1, 120), gd_rng_range(r, 1, 60),
			    PICK(r, streets));
		else if (x < 85)
			snprintf(buf, n, "Số %d, đường %s",
			    gd_rng_range(r, 1, 450), PICK(r, streets));
		else
			snprintf(buf, n, "Tổ %d, khu phố %d",
			    gd_rng_range(r, 1, 40), gd_rng_range(r, 1, 12));
	} else {
		/* Hamlets are "ấp" in the South, "thôn"/"xóm"/"bản" north
		 * and centre. */
		int south = c->province >= 75;

		if (x < 40)
			snprintf(buf, n, "%s %d", south ? "Ấp" : "Thôn",
			    gd_rng_range(r, 1, 15));
		else if (x < 55)
			snprintf(buf, n, "%s %s", south ? "Ấp" : "Thôn",
			    PICK(r, hamlets));
		else if (x < 70)
			snprintf(buf, n, "Số nhà %d, %s %d",
			    gd_rng_range(r, 1, 250), south ? "ấp" : "thôn",
			    gd_rng_range(r, 1, 15));
		else if (x < 85)
			snprintf(buf, n, "%s %d", south ? "Tổ" : "Xóm",
			    gd_rng_range(r, 1, 20));
		else
			snprintf(buf, n, "Tổ %d", gd_rng_range(r, 1, 30));
	}
}

/* Rented rooms for temporary residence. */
void
gd_make_temp_address(
    struct gd_rng *r, char *buf, size_t n, const struct gd_commune *c)
{
	if (c->urban && gd_rng_pm(r, 600))
		snprintf(buf, n, "Phòng %d, số %d, ngõ %d, đường %s",
		    gd_rng_range(r, 1, 5) * 100 + gd_rng_range(r, 1, 12),
		    gd_rng_range(r, 1, 199), gd_rng_range(r, 1, 350),
		    PICK(r, streets));
	else
		gd_make_address(r, buf, n, c);
}
