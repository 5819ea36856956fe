/*
 * Possible duplicate births: the folded names, the edit distance and its
 * allowance at the boundaries, and the two rules (another child within
 * 270 days; a similar name within 5 days).
 */
#include "config.h"

#include <string.h>

#include "buf.h"
#include "civil.h"
#include "tap.h"

static void
folding(struct arena *a)
{
	is_str(cv_name_fold(a, "Nguyễn Văn An"), "nguyen van an",
	    "diacritics, case and the tone marks folded away");
	is_str(cv_name_fold(a, "ĐẶNG  thị   Ánh "), "dang thi anh",
	    "Đ as d, spaces collapsed");
	/* decomposed input (as from a legacy Windows-1258 source) */
	is_str(cv_name_fold(a, "Nguye\xcc\x82\xcc\x83n"), "nguyen",
	    "combining marks folded too");
	is_str(cv_name_fold(a, "Hoà"), cv_name_fold(a, "Hòa"),
	    "tone placement does not matter");
	ok(cv_name_fold(a, "\xc3") == NULL, "invalid UTF-8: no key");
}

static void
distance(struct arena *a)
{
	ok(cv_edit_distance(cv_name_fold(a, "Nguyen Van An"),
	       cv_name_fold(a, "Nguyễn Văn An")) == 0,
	    "Nguyen Van An and Nguyễn Văn An: 0 edits");
	ok(cv_edit_distance("kitten", "sitting") == 3, "kitten/sitting: 3");
	ok(cv_edit_distance("", "abc") == 3, "from nothing: 3");
	ok(cv_edit_distance("abc", "abc") == 0, "the same: 0");
	ok(cv_edit_distance("lan", "lanh") == 1, "an insertion: 1");
	ok(cv_edit_distance("ăn", "ân") == 1, "code points, not bytes: 1");

	ok(cv_name_allowance(3) == 0, "3 letters: no edit");
	ok(cv_name_allowance(4) == 1, "4 letters: 1 edit");
	ok(cv_name_allowance(6) == 1, "6 letters: 1 edit");
	ok(cv_name_allowance(7) == 2, "7 letters: 2 edits");
	ok(cv_name_allowance(30) == 2, "30 letters: 2 edits");
}

static void
similar(struct arena *a)
{
	/* below 4 letters: only the same folded name */
	ok(cv_name_similar(a, "An", "Ân"), "An/Ân: the same folded");
	ok(!cv_name_similar(a, "Lan", "Lân Y"), "3 letters, 2 edits: no");
	ok(!cv_name_similar(a, "Lan", "Lam"), "3 letters, 1 edit: no");
	/* 4 to 6 letters: 1 edit */
	ok(cv_name_similar(a, "Linh", "Lình"), "Linh/Lình: 0 edits");
	ok(cv_name_similar(a, "Linh", "Lanh"), "4 letters, 1 edit: yes");
	ok(!cv_name_similar(a, "Linh", "Lanb"), "4 letters, 2 edits: no");
	ok(cv_name_similar(a, "Lê Anh", "Lê Anb"), "5 letters, 1 edit: yes");
	ok(cv_name_similar(a, "Mai Lan", "Mai Lam"), "6 letters, 1 edit: yes");
	ok(!cv_name_similar(a, "Mai Lan", "Mai Lmm"), "6 letters, 2 edits: no");
	/* 7 and more: 2 edits */
	ok(cv_name_similar(a, "Mai Lanh", "Mai Lamm"),
	    "7 letters, 2 edits: yes");
	ok(!cv_name_similar(a, "Mai Lanh", "Mai Lmmm"),
	    "7 letters, 3 edits: no");
	ok(cv_name_similar(a, "Nguyễn Văn An", "Nguyen Van Anh"),
	    "Nguyễn Văn An/Nguyen Van Anh: 1 edit of 11 letters");
	ok(!cv_name_similar(a, "Nguyễn Văn An", "Nguyễn Văn Bình"),
	    "Văn An/Văn Bình: not alike");
	/* the shorter name's letters decide */
	ok(!cv_name_similar(a, "Anh", "Anh Thư"),
	    "a short name does not match a long one by its allowance");
}

static void
rules(struct arena *a)
{
	const struct cv_dup_rules r = { 270, 5 };
	const struct cv_sibling sib[] = {
		{ "Trần Thị Mai", "2026-01-10" },
		{ "Trần Văn Hùng", "2024-03-01" },
	};
	size_t which = 99;

	ok(cv_dup_check(a, &r, "Trần Văn Nam", "2026-10-07", sib, 2, &which) ==
	            CV_DUP_SIBLING &&
	        which == 0,
	    "another child 270 days before: a possible duplicate");
	ok(cv_dup_check(a, &r, "Trần Văn Nam", "2026-10-08", sib, 2, &which) ==
	        CV_DUP_NONE,
	    "271 days: none");
	ok(cv_dup_check(a, &r, "Trần Văn Nam", "2025-04-15", sib, 2, &which) ==
	        CV_DUP_SIBLING,
	    "270 days after: one too (either way)");
	ok(cv_dup_check(a, &r, "Tran Thi Mai", "2026-01-15", sib, 2, &which) ==
	            CV_DUP_NAME &&
	        which == 0,
	    "the same name folded, 5 days later: a duplicate");
	ok(cv_dup_check(a, &r, "Trần Thị Mại", "2026-01-05", sib, 2, &which) ==
	        CV_DUP_NAME,
	    "5 days before: one too");
	ok(cv_dup_check(a, &r, "Trần Văn Minh", "2026-01-10", sib, 2, &which) ==
	        CV_DUP_NONE,
	    "a twin with another name, the same day: none");
	ok(cv_dup_check(a, &r, "Trần Thị Mai", "2026-01-16", sib, 2, &which) ==
	        CV_DUP_SIBLING,
	    "the same name 6 days later: a duplicate by the 270 days");
	ok(cv_dup_check(a, &r, "Trần Thị Mai", "2030-01-10", sib, 2, &which) ==
	        CV_DUP_NONE,
	    "years later: none");
	ok(cv_dup_check(a, &r, "Trần Thị Mai", "2026-01-10", NULL, 0, &which) ==
	        CV_DUP_NONE,
	    "no other child: none");
}

int
main(void)
{
	struct arena a;

	arena_init(&a);
	folding(&a);
	distance(&a);
	similar(&a);
	rules(&a);
	arena_free(&a);
	return tap_done();
}
