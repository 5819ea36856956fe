/*
 * Text handling: UTF-8 validity, NFC normalisation, percent-decoding and
 * escaping for JSON, HTML and XML output.
 */
#ifndef MOTCUA_TEXT_H
#define MOTCUA_TEXT_H

#include <stddef.h>

struct arena;
struct buf;

/* Returns 1 when s[0..n) is well-formed UTF-8 without NUL bytes, else 0. */
int text_utf8_valid(const char *s, size_t n);

/*
 * Returns the NFC form of the UTF-8 string s, allocated from the arena, or
 * NULL when s is not valid UTF-8.
 */
char *text_nfc(struct arena *, const char *s);

/*
 * Percent-decodes s[0..n) ('+' is a space) into a NUL-terminated string
 * from the arena.  Returns NULL for a malformed escape or a decoded NUL.
 */
char *text_urldecode(struct arena *, const char *s, size_t n);

/*
 * A comparison key for Vietnamese names: case-folded, and in each word the
 * tone mark moved after the letters, so "Hòa" and "Hoà" (tone placement
 * varies between sources) give the same key while "Hùng" and "Hưng" do
 * not.  Words are separated by one space.  NULL for invalid UTF-8.
 */
char *text_name_key(struct arena *, const char *s);

/*
 * A personal number masked for display to a third party, as a verifier
 * of a paper sees it: 001******789 (the first and last three digits).
 */
const char *text_mask_pid(struct arena *, const char *pid);

void text_json(struct buf *, const char *); /* with the quotes */
void text_html(struct buf *, const char *);
void text_xml(struct buf *, const char *);

#endif
