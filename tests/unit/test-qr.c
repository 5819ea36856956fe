/*
 * QR codes as SVG: the markup's shape, and a real decoding.  Each drawing
 * is parsed back into modules (the test's own reader of the M/h/v/z path),
 * written as a PGM image at 8 pixels a module and read by zbarimg, which
 * must give back the text exactly.  zbarimg is required (tests/install-deps
 * brings it): without it the decoding points fail.  It runs with
 * -Sbinary: without it, even with --raw, zbar guesses a charset for 8-bit
 * data that has no ECI designator and reads UTF-8 Vietnamese as Big5; with
 * it zbar prints the symbol's bytes as they are, with no newline after.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "qr.h"
#include "tap.h"

#define SCALE 8 /* pixels a module in the image given to zbarimg */

static char pgm[4096];

/* The viewBox's side, or -1. */
static int
svg_side(const char *svg)
{
	int a, b;

	if (sscanf(svg,
	        "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	        "viewBox=\"0 0 %d %d\"",
	        &a, &b) != 2 ||
	    a != b)
		return -1;
	return a;
}

/*
 * Reads the path's d attribute of svg into dark[n * n]: every subpath
 * (M, then h/v, then z) must be a rectangle inside the symbol (not in the
 * quiet zone) and must not overlap another.  Returns 0, or -1.
 */
static int
svg_modules(const char *svg, int n, unsigned char *dark)
{
	const char *p = strstr(svg, "<path fill=\"#000\" d=\"");
	int x = 0, y = 0, x0 = 0, y0 = 0, x1 = 0, y1 = 0, open = 0;
	int i, j, v, used;

	if (p == NULL)
		return -1;
	p += strlen("<path fill=\"#000\" d=\"");
	memset(dark, 0, (size_t)n * n);
	for (; *p != '"'; p += used) {
		char c = *p++;

		used = 0;
		if (c == 'M' && !open) {
			if (sscanf(p, "%d %d%n", &x, &y, &used) != 2)
				return -1;
			x0 = x1 = x;
			y0 = y1 = y;
			open = 1;
		} else if ((c == 'h' || c == 'v') && open) {
			if (sscanf(p, "%d%n", &v, &used) != 1)
				return -1;
			if (c == 'h')
				x += v;
			else
				y += v;
			x0 = x < x0 ? x : x0;
			x1 = x > x1 ? x : x1;
			y0 = y < y0 ? y : y0;
			y1 = y > y1 ? y : y1;
		} else if (c == 'z' && open) {
			if (x0 < 4 || y0 < 4 || x1 > n - 4 || y1 > n - 4 ||
			    x0 == x1 || y0 == y1)
				return -1;
			for (j = y0; j < y1; j++)
				for (i = x0; i < x1; i++) {
					if (dark[j * n + i])
						return -1;
					dark[j * n + i] = 1;
				}
			open = 0;
		} else
			return -1;
	}
	return open ? -1 : 0;
}

/* Writes the modules as a binary PGM, SCALE pixels a module. */
static int
write_pgm(const char *path, int n, const unsigned char *dark)
{
	FILE *f = fopen(path, "wb");
	int i, j, k, w = n * SCALE;

	if (f == NULL)
		return -1;
	fprintf(f, "P5\n%d %d\n255\n", w, w);
	for (j = 0; j < w; j++)
		for (i = 0; i < n; i++)
			for (k = 0; k < SCALE; k++)
				putc(dark[(j / SCALE) * n + i] ? 0 : 255, f);
	return fclose(f) == 0 ? 0 : -1;
}

/* The bytes zbarimg reads in the image at path, in out; -1 when it fails
 * (no symbol found, or no zbarimg). */
static int
zbar_read(const char *path, struct buf *out)
{
	char cmd[4200], chunk[1024];
	size_t got;
	FILE *p;

	snprintf(
	    cmd, sizeof(cmd), "zbarimg --nodbus --raw -q -Sbinary '%s'", path);
	if ((p = popen(cmd, "r")) == NULL)
		return -1;
	while ((got = fread(chunk, 1, sizeof(chunk), p)) > 0)
		buf_add(out, chunk, got);
	return pclose(p) == 0 ? 0 : -1;
}

/* Renders text, checks the markup and decodes it; returns the side N. */
static int
roundtrip(const char *what, const char *text)
{
	struct buf svg, got;
	unsigned char *dark;
	int n, rc;

	buf_init(&svg);
	buf_init(&got);
	rc = qr_svg(&svg, text, "36mm", "Mã QR");
	ok(rc == 0, "%s: rendered", what);
	n = rc == 0 ? svg_side(svg.s) : -1;
	ok(n >= 21 + 8 && n <= 177 + 8 && (n - 8 - 17) % 4 == 0,
	    "%s: a viewBox of a QR symbol and its quiet zone (%d)", what, n);
	ok(rc == 0 && strstr(svg.s, "style") == NULL, "%s: no style", what);
	if (n < 0) {
		ok(0, "%s: decoded", what);
		goto out;
	}
	dark = xmalloc((size_t)n * n);
	rc = svg_modules(svg.s, n, dark);
	ok(rc == 0, "%s: the path is rectangles inside the symbol", what);
	if (rc == 0)
		rc = write_pgm(pgm, n, dark);
	free(dark);
	if (rc == 0)
		rc = zbar_read(pgm, &got);
	if (!ok(rc == 0 && got.len == strlen(text) &&
	            memcmp(got.s, text, got.len) == 0,
	        "%s: zbarimg reads the text back", what))
		printf("# zbarimg: %.200s\n", got.len > 0 ? got.s : "");
out:
	buf_free(&svg);
	buf_free(&got);
	return n;
}

#define URL_PATH "://dichvu.example.vn/residence/confirmations/abcdefgh23456789"
#define URL_UPPER \
	"HTTPS://DICHVU.EXAMPLE.VN/RESIDENCE/CONFIRMATIONS/ABCDEFGH23456789"

static void
decoding(void)
{
	char *long_text = xmalloc(1001);
	int i, upper, lower;

	/* Mixed text: lower case, digits and punctuation. */
	for (i = 0; i < 1000; i++)
		long_text[i] =
		    "abcdefghijklmnopqrstuvwxyz0123456789 -,."[i % 40];
	long_text[1000] = '\0';
	upper = roundtrip("upper-case URL", URL_UPPER);
	lower = roundtrip("lower-case URL", "https" URL_PATH);
	roundtrip("Vietnamese", "Xác nhận cư trú");
	roundtrip("one character", "7");
	roundtrip("1000 characters", long_text);
	free(long_text);
	/* 66 characters at level M: alphanumeric fits version 4 (90), bytes
	 * need version 5 (62 < 66 <= 84); either would change at L or Q. */
	printf("# upper-case URL %d modules, lower-case %d\n", upper, lower);
	ok(upper > 0 && upper < lower,
	    "the upper-case URL gives a smaller symbol (alphanumeric mode)");
	ok(upper == 33 + 8, "upper-case URL: version 4 at level M");
	ok(lower == 37 + 8, "lower-case URL: version 5 at level M");
}

static void
markup(void)
{
	struct buf b;

	buf_init(&b);
	ok(qr_svg(&b, "HELLO", "36mm", "Mã <xác nhận> & \"kiểm tra\"") == 0,
	    "a label with markup");
	ok(strncmp(b.s, "<svg ", 5) == 0, "starts with <svg");
	ok(strstr(b.s, " width=\"36mm\" height=\"36mm\"") != NULL,
	    "the size on width and height");
	ok(strstr(b.s,
	       " role=\"img\" aria-label=\"Mã &lt;xác nhận&gt; &amp; "
	       "&quot;kiểm tra&quot;\"") != NULL,
	    "aria-label escaped");
	ok(strstr(b.s,
	       "<title>Mã &lt;xác nhận&gt; &amp; &quot;kiểm "
	       "tra&quot;</title>") != NULL,
	    "title escaped");
	ok(strstr(b.s, "<rect width=\"29\" height=\"29\" fill=\"#fff\"/>") !=
	            NULL &&
	        strstr(b.s, "viewBox=\"0 0 29 29\"") != NULL,
	    "version 1 and the quiet zone: 29 modules");
	ok(strlen(b.s) > 6 && strcmp(b.s + strlen(b.s) - 6, "</svg>") == 0,
	    "ends with </svg>");
	ok(strstr(b.s, "style") == NULL, "no style");
	buf_free(&b);
}

static void
refusals(void)
{
	struct buf b;
	char *big = xmalloc(8001);

	memset(big, 'a', 8000);
	big[8000] = '\0';
	buf_init(&b);
	buf_puts(&b, "before");
	ok(qr_svg(&b, big, "36mm", "x") == -1, "8000 bytes: too long");
	is_str(b.s, "before", "8000 bytes: nothing appended");
	ok(qr_svg(&b, "HELLO", "1;x", "x") == -1, "size 1;x refused");
	ok(qr_svg(&b, "HELLO", "36MM\"", "x") == -1, "size with a quote");
	ok(qr_svg(&b, "HELLO", "", "x") == -1, "empty size refused");
	ok(qr_svg(&b, "", "36mm", "x") == -1, "empty text refused");
	is_str(b.s, "before", "refusals: nothing appended");
	ok(qr_svg(&b, "HELLO", "100%", "x") == 0, "size 100%% accepted");
	buf_free(&b);
	free(big);
}

int
main(void)
{
	const char *tmp = getenv("TMPDIR");
	int fd;

	ok(system("command -v zbarimg >/dev/null") == 0,
	    "zbarimg is installed (tests/install-deps)");
	snprintf(pgm, sizeof(pgm), "%s/test-qr.XXXXXX.pgm",
	    tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
	if ((fd = mkstemps(pgm, 4)) < 0) {
		perror(pgm);
		return 1;
	}
	close(fd);
	markup();
	refusals();
	decoding();
	unlink(pgm);
	return tap_done();
}
