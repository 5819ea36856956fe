/*
 * UTF-8 checks (RFC 3629: no overlongs, no surrogates, nothing above
 * U+10FFFF), NFC through utf8proc, percent-decoding, and the three output
 * escapers.  Escapers assume valid UTF-8: every request field is checked
 * before it reaches a handler.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "buf.h"
#include "text.h"

int
text_utf8_valid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < n) {
		unsigned char c = s[i];
		size_t len, k;
		unsigned long cp;

		if (c == 0)
			return 0;
		if (c < 0x80) {
			i++;
			continue;
		} else if (c >= 0xc2 && c <= 0xdf) {
			len = 2;
			cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			len = 3;
			cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			len = 4;
			cp = c & 0x07;
		} else
			return 0;
		if (n - i < len)
			return 0;
		for (k = 1; k < len; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return 0;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
		    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
			return 0;
		i += len;
	}
	return 1;
}

char *
text_nfc(struct arena *a, const char *s)
{
	utf8proc_uint8_t *n;
	char *r;

	if (!text_utf8_valid(s, strlen(s)))
		return NULL;
	n = utf8proc_NFC((const utf8proc_uint8_t *)s);
	if (n == NULL)
		return NULL;
	r = arena_strdup(a, (const char *)n);
	free(n);
	return r;
}

static int
is_tone(utf8proc_int32_t c)
{
	/* grave, acute, tilde, hook above, dot below */
	return c == 0x300 || c == 0x301 || c == 0x303 || c == 0x309 ||
	    c == 0x323;
}

static void
put_cp(struct buf *b, utf8proc_int32_t c)
{
	utf8proc_uint8_t tmp[4];
	utf8proc_ssize_t n = utf8proc_encode_char(c, tmp);

	buf_add(b, tmp, (size_t)n);
}

char *
text_name_key(struct arena *a, const char *s)
{
	utf8proc_uint8_t *nfd;
	utf8proc_int32_t c, tones[8];
	utf8proc_ssize_t i = 0, n, len;
	struct buf out;
	size_t ntones = 0, k;
	char *r;

	if (!text_utf8_valid(s, strlen(s)))
		return NULL;
	len = utf8proc_map((const utf8proc_uint8_t *)s, 0, &nfd,
	    UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_DECOMPOSE |
	        UTF8PROC_CASEFOLD);
	if (len < 0)
		return NULL;
	buf_init(&out);
	for (;;) {
		n = i < len ? utf8proc_iterate(nfd + i, len - i, &c) : 0;
		if (n <= 0 || c == ' ' || c == '\t') {
			/* end of a word: its tone marks go last */
			for (k = 0; k < ntones; k++)
				put_cp(&out, tones[k]);
			ntones = 0;
			if (n <= 0)
				break;
			if (out.len > 0 && out.s[out.len - 1] != ' ')
				buf_putc(&out, ' ');
		} else if (is_tone(c)) {
			if (ntones < sizeof(tones) / sizeof(*tones))
				tones[ntones++] = c;
		} else
			put_cp(&out, c);
		i += n;
	}
	free(nfd);
	while (out.len > 0 && out.s[out.len - 1] == ' ')
		out.s[--out.len] = '\0';
	r = arena_strdup(a, out.s != NULL ? out.s : "");
	buf_free(&out);
	return r;
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *
text_urldecode(struct arena *a, const char *s, size_t n)
{
	char *out = arena_alloc(a, n + 1);
	size_t i, o = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == '+')
			out[o++] = ' ';
		else if (s[i] == '%') {
			int hi, lo;

			if (n - i < 3)
				return NULL;
			hi = hexval(s[i + 1]);
			lo = hexval(s[i + 2]);
			if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
				return NULL;
			out[o++] = (char)(hi << 4 | lo);
			i += 2;
		} else
			out[o++] = s[i];
	}
	out[o] = '\0';
	return out;
}

void
text_json(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";

	buf_putc(b, '"');
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		switch (c) {
		case '"':
			buf_puts(b, "\\\"");
			break;
		case '\\':
			buf_puts(b, "\\\\");
			break;
		case '\n':
			buf_puts(b, "\\n");
			break;
		case '\r':
			buf_puts(b, "\\r");
			break;
		case '\t':
			buf_puts(b, "\\t");
			break;
		case '<': /* never let "</script>" close an inline script */
			buf_puts(b, "\\u003c");
			break;
		default:
			if (c < 0x20) {
				buf_puts(b, "\\u00");
				buf_putc(b, hex[c >> 4]);
				buf_putc(b, hex[c & 15]);
			} else
				buf_putc(b, (char)c);
		}
	}
	buf_putc(b, '"');
}

static void
markup_escape(struct buf *b, const char *s, int xml)
{
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		switch (c) {
		case '&':
			buf_puts(b, "&amp;");
			break;
		case '<':
			buf_puts(b, "&lt;");
			break;
		case '>':
			buf_puts(b, "&gt;");
			break;
		case '"':
			buf_puts(b, "&quot;");
			break;
		case '\'':
			buf_puts(b, xml ? "&apos;" : "&#39;");
			break;
		default:
			/* XML 1.0 forbids most C0 controls even escaped. */
			if (c < 0x20 && c != '\n' && c != '\t' && c != '\r')
				buf_puts(b, "\xef\xbf\xbd");
			else
				buf_putc(b, (char)c);
		}
	}
}

void
text_html(struct buf *b, const char *s)
{
	markup_escape(b, s, 0);
}

void
text_xml(struct buf *b, const char *s)
{
	markup_escape(b, s, 1);
}

const char *
text_mask_pid(struct arena *a, const char *pid)
{
	size_t n = strlen(pid);

	if (n < 7)
		return arena_strdup(a, "******");
	return arena_printf(
	    a, "%.3s%.*s%s", pid, (int)(n - 6), "************", pid + n - 3);
}
