/*
 * Possible duplicate births (OpenCRVS's rules, a good model): a birth
 * declared for a mother who already has a child born close to it is held
 * for an official instead of being registered.
 *
 * Another child of the same mother born at most dup_days (270) apart
 * cannot be a second pregnancy: a possible duplicate.  Within twin_days
 * (5) of each other two children may be a multiple birth, so there only
 * a similar name makes them one: names are compared on a key folded to no
 * diacritics (text_name_key's NFC, case-folded form without its marks,
 * đ as d), so "Nguyen" and "Nguyễn" are 0 edits apart, and are similar
 * within 0 edits below 4 letters, 1 for 4 to 6 letters and 2 for 7 or
 * more (the shorter name's letters, spaces not counted).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "buf.h"
#include "civil.h"
#include "text.h"
#include "valid.h"

/* The longest name in code points (citizen.full_name VARCHAR(100)). */
#define NAME_MAX_CP 100

char *
cv_name_fold(struct arena *a, const char *name)
{
	const utf8proc_uint8_t *s;
	utf8proc_int32_t c;
	utf8proc_ssize_t n;
	struct buf out;
	char *key, *r;

	if ((key = text_name_key(a, name)) == NULL)
		return NULL;
	buf_init(&out);
	for (s = (const utf8proc_uint8_t *)key; *s != '\0'; s += n) {
		n = utf8proc_iterate(s, -1, &c);
		if (n <= 0)
			break;
		/* the key is decomposed: a letter's marks follow it */
		if (utf8proc_category(c) == UTF8PROC_CATEGORY_MN)
			continue;
		if (c == 0x111) /* đ (the key is case-folded) */
			c = 'd';
		{
			utf8proc_uint8_t tmp[4];
			utf8proc_ssize_t k = utf8proc_encode_char(c, tmp);

			buf_add(&out, tmp, (size_t)k);
		}
	}
	r = arena_strdup(a, out.s != NULL ? out.s : "");
	buf_free(&out);
	return r;
}

/* Decodes up to max code points of s into cp; returns their number. */
static size_t
cps(const char *s, utf8proc_int32_t *cp, size_t max)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_ssize_t n;
	size_t k = 0;

	while (*p != '\0' && k < max) {
		n = utf8proc_iterate(p, -1, &cp[k]);
		if (n <= 0)
			break;
		p += n;
		k++;
	}
	return k;
}

int
cv_edit_distance(const char *a, const char *b)
{
	utf8proc_int32_t x[NAME_MAX_CP], y[NAME_MAX_CP];
	int prev[NAME_MAX_CP + 1], cur[NAME_MAX_CP + 1];
	size_t m = cps(a, x, NAME_MAX_CP), n = cps(b, y, NAME_MAX_CP), i, j;

	for (j = 0; j <= n; j++)
		prev[j] = (int)j;
	for (i = 1; i <= m; i++) {
		cur[0] = (int)i;
		for (j = 1; j <= n; j++) {
			int sub = prev[j - 1] + (x[i - 1] != y[j - 1]);
			int del = prev[j] + 1, ins = cur[j - 1] + 1;

			cur[j] = sub < del ? sub : del;
			if (ins < cur[j])
				cur[j] = ins;
		}
		memcpy(prev, cur, (n + 1) * sizeof(*prev));
	}
	return prev[n];
}

int
cv_name_allowance(size_t letters)
{
	if (letters >= 7)
		return 2;
	if (letters >= 4)
		return 1;
	return 0;
}

/* The letters of a folded key: its code points but the spaces. */
static size_t
letters(const char *key)
{
	size_t n = 0;

	for (; *key != '\0'; key++)
		n += ((unsigned char)*key & 0xc0) != 0x80 && *key != ' ';
	return n;
}

int
cv_name_similar(struct arena *a, const char *x, const char *y)
{
	const char *fx = cv_name_fold(a, x), *fy = cv_name_fold(a, y);
	size_t lx, ly;

	if (fx == NULL || fy == NULL)
		return 0;
	lx = letters(fx);
	ly = letters(fy);
	return cv_edit_distance(fx, fy) <= cv_name_allowance(lx < ly ? lx : ly);
}

enum cv_dup
cv_dup_check(struct arena *a, const struct cv_dup_rules *rules,
    const char *name, const char *birth, const struct cv_sibling *sib,
    size_t nsib, size_t *which)
{
	long long day = valid_days(birth), apart;
	size_t i;

	/* a similar name near the date first: the stronger match */
	for (i = 0; i < nsib; i++) {
		apart = llabs(valid_days(sib[i].birth) - day);
		if (apart <= rules->twin_days &&
		    cv_name_similar(a, name, sib[i].name)) {
			*which = i;
			return CV_DUP_NAME;
		}
	}
	for (i = 0; i < nsib; i++) {
		apart = llabs(valid_days(sib[i].birth) - day);
		if (apart > rules->twin_days && apart <= rules->dup_days) {
			*which = i;
			return CV_DUP_SIBLING;
		}
	}
	return CV_DUP_NONE;
}
