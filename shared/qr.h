/*
 * QR codes drawn as inline SVG, for the verification link printed on a
 * paper: a thin layer over libqrencode that gives markup a strict
 * Content-Security-Policy accepts (no inline style).
 */
#ifndef MOTCUA_QR_H
#define MOTCUA_QR_H

struct buf;

/*
 * Appends to out an inline SVG drawing of the QR code of text (UTF-8),
 * error-correction level M, with the standard 4-module quiet zone.
 * An upper-case string of the QR alphanumeric set (0-9 A-Z space $%*+-./:)
 * is encoded in alphanumeric mode, which is smaller; anything else in
 * 8-bit mode.  size is the CSS length given to width and height (e.g.
 * "36mm"); label is the accessible name (role="img", aria-label, and a
 * <title>), escaped.  Returns 0, or -1 (nothing appended) when the text is
 * too long for a QR code or libqrencode fails.
 */
int
qr_svg(struct buf *out, const char *text, const char *size, const char *label);

#endif
