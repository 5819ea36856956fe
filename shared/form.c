/*
 * Form decoding.  A pair without '=' is a name with an empty value; empty
 * segments ("a=1&&b=2") are skipped.  Every decoded name and value must be
 * valid UTF-8 without NUL, and no name may appear twice (an ambiguity that
 * differs between frameworks is an attack surface, so it is refused).
 */
#include "config.h"

#include <string.h>

#include "form.h"
#include "text.h"

enum err
form_parse(struct arena *a, const char *s, size_t n,
    const struct form_limits *lim, struct form *f)
{
	size_t i = 0, max = lim->max_fields;

	if (max > FORM_MAXKV)
		max = FORM_MAXKV;
	while (i < n) {
		const char *seg = s + i, *amp, *eq;
		size_t seglen, nlen, j;
		char *name, *val;

		amp = memchr(seg, '&', n - i);
		seglen = amp != NULL ? (size_t)(amp - seg) : n - i;
		i += seglen + 1;
		if (seglen == 0)
			continue;
		if (f->n >= max)
			return ERR_TOO_MANY_FIELDS;
		eq = memchr(seg, '=', seglen);
		nlen = eq != NULL ? (size_t)(eq - seg) : seglen;
		if (nlen > lim->max_len * 3 ||
		    seglen - nlen > lim->max_len * 3 + 1)
			return ERR_FIELD_TOO_LONG;
		name = text_urldecode(a, seg, nlen);
		val = eq != NULL ? text_urldecode(a, eq + 1, seglen - nlen - 1)
		                 : arena_strdup(a, "");
		if (name == NULL || val == NULL)
			return ERR_BAD_ESCAPE;
		if (strlen(name) > lim->max_len || strlen(val) > lim->max_len)
			return ERR_FIELD_TOO_LONG;
		if (!text_utf8_valid(name, strlen(name)) ||
		    !text_utf8_valid(val, strlen(val)))
			return ERR_BAD_UTF8;
		for (j = 0; j < f->n; j++)
			if (strcmp(f->kv[j].name, name) == 0)
				return ERR_DUP_FIELD;
		f->kv[f->n].name = name;
		f->kv[f->n].val = val;
		f->n++;
	}
	return ERR_OK;
}

const char *
form_get(const struct form *f, const char *name)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		if (strcmp(f->kv[i].name, name) == 0)
			return f->kv[i].val;
	return NULL;
}

enum err
form_content_length(const char *cl, size_t max, size_t *len)
{
	size_t v = 0;

	if (cl == NULL || *cl == '\0')
		return ERR_LENGTH_REQUIRED;
	if (strlen(cl) > 19)
		return ERR_BAD_LENGTH;
	for (; *cl != '\0'; cl++) {
		if (*cl < '0' || *cl > '9')
			return ERR_BAD_LENGTH;
		v = v * 10 + (size_t)(*cl - '0');
	}
	if (v > max)
		return ERR_TOO_LARGE;
	*len = v;
	return ERR_OK;
}
