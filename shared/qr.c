/*
 * QR codes as inline SVG (qr.h).  libqrencode builds the symbol; each row's
 * horizontal runs of dark modules become one rectangle of a single <path>,
 * which keeps the markup small and draws no seams between modules.  The
 * library picks the mode segment by segment, so the verification URL,
 * printed in upper case, is encoded in alphanumeric mode (5.5 bits a
 * character instead of 8): a smaller symbol, easier to scan from paper.
 * Presentation is attributes only, as the pages' Content-Security-Policy
 * forbids inline styles.
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include <qrencode.h>

#include "buf.h"
#include "qr.h"
#include "text.h"

/* Modules of light margin on each side, as ISO/IEC 18004 requires. */
#define QR_QUIET 4

/* A CSS length as we write it: digits, a dot, a unit or %; nothing that
 * could close the attribute. */
static int
qr_size_valid(const char *s)
{
	if (*s == '\0')
		return 0;
	return s[strspn(s, "0123456789.abcdefghijklmnopqrstuvwxyz%")] == '\0';
}

/* The dark modules of the symbol, one rectangle per run of a row. */
static void
qr_path(struct buf *out, const QRcode *qr)
{
	int x, y, run;

	for (y = 0; y < qr->width; y++) {
		const unsigned char *row = qr->data + (size_t)y * qr->width;

		x = 0;
		while (x < qr->width) {
			if (!(row[x] & 1)) {
				x++;
				continue;
			}
			for (run = 1; x + run < qr->width && (row[x + run] & 1);
			     run++)
				;
			buf_printf(out, "M%d %dh%dv1h-%dz", x + QR_QUIET,
			    y + QR_QUIET, run, run);
			x += run;
		}
	}
}

int
qr_svg(struct buf *out, const char *text, const char *size, const char *label)
{
	QRcode *qr;
	int n;

	if (!qr_size_valid(size))
		return -1;
	/* NULL with errno ERANGE (too long), EINVAL or ENOMEM; hint QR_MODE_8
	 * with case kept lets the library choose the mode of each segment. */
	qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (qr == NULL && errno == ENOMEM)
		xnomem(0); /* as every other library's allocation failure */
	if (qr == NULL)
		return -1;
	n = qr->width + 2 * QR_QUIET;
	buf_printf(out,
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\""
	    " width=\"%s\" height=\"%s\" role=\"img\" aria-label=\"",
	    n, n, size, size);
	text_html(out, label);
	buf_puts(out, "\" shape-rendering=\"crispEdges\"><title>");
	text_html(out, label);
	buf_printf(out,
	    "</title><rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>"
	    "<path fill=\"#000\" d=\"",
	    n, n);
	qr_path(out, qr);
	buf_puts(out, "\"/></svg>");
	QRcode_free(qr);
	return 0;
}
