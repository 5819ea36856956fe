/*
 * A small reader for MariaDB option-file syntax: "[group]" headers,
 * "key = value" or "key" lines, '#' and ';' comments, "!include" lines
 * ignored.  Only the requested group is kept.  The file is read whole and
 * parsed from memory (conf_parse).  A line longer than the reader's line
 * buffer is refused as malformed: cut in two, its tail would read as a
 * line of its own; so is a line holding a NUL byte.  Read at start-up only: out of memory is fatal.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "conf.h"
#include "log.h"

struct conf_kv {
	char *key;
	char *val;
};

struct conf {
	char *path;
	struct conf_kv *kv;
	size_t n;
};

static char *
trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

struct conf *
conf_parse(const char *name, const char *text, size_t n, const char *group)
{
	struct conf *c;
	const char *p = text, *end = text + n, *nl;
	char line[1024];
	size_t len;
	int in = 0, lineno = 0;

	c = xmalloc(sizeof(*c));
	memset(c, 0, sizeof(*c));
	c->path = xstrdup(name);
	for (; p < end; p = nl != NULL ? nl + 1 : end) {
		char *s, *eq, *k, *v;

		lineno++;
		nl = memchr(p, '\n', (size_t)(end - p));
		len = (size_t)((nl != NULL ? nl : end) - p);
		if (len >= sizeof(line)) {
			log_warnx("%s:%d: line longer than %zu bytes", name,
			    lineno, sizeof(line) - 1);
			goto fail;
		}
		if (memchr(p, '\0', len) != NULL) {
			log_warnx("%s:%d: a NUL byte", name, lineno);
			goto fail;
		}
		memcpy(line, p, len);
		line[len] = '\0';
		s = trim(line);
		if (*s == '\0' || *s == '#' || *s == ';' || *s == '!')
			continue;
		if (*s == '[') {
			char *e = strchr(s, ']');

			if (e == NULL) {
				log_warnx(
				    "%s:%d: bad group header", name, lineno);
				goto fail;
			}
			*e = '\0';
			in = strcmp(trim(s + 1), group) == 0;
			continue;
		}
		if (!in)
			continue;
		if ((eq = strchr(s, '=')) != NULL) {
			*eq = '\0';
			k = trim(s);
			v = trim(eq + 1);
			if (*v == '"' && strlen(v) >= 2 &&
			    v[strlen(v) - 1] == '"') {
				v[strlen(v) - 1] = '\0';
				v++;
			}
		} else {
			k = s;
			v = "1";
		}
		c->kv = xrealloc(c->kv, (c->n + 1) * sizeof(*c->kv));
		c->kv[c->n].key = xstrdup(k);
		c->kv[c->n].val = xstrdup(v);
		c->n++;
	}
	return c;
fail:
	conf_free(c);
	return NULL;
}

struct conf *
conf_load(const char *path, const char *group)
{
	struct conf *c;
	struct buf b;
	FILE *f;
	char chunk[4096];
	size_t k;
	int bad;

	if ((f = fopen(path, "r")) == NULL) {
		log_warnx("%s: cannot open", path);
		return NULL;
	}
	buf_init(&b);
	while ((k = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&b, chunk, k);
	bad = ferror(f);
	fclose(f);
	if (bad) {
		log_warnx("%s: cannot read", path);
		buf_free(&b);
		return NULL;
	}
	c = conf_parse(path, b.s != NULL ? b.s : "", b.len, group);
	buf_free(&b);
	return c;
}

void
conf_free(struct conf *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->n; i++) {
		free(c->kv[i].key);
		free(c->kv[i].val);
	}
	free(c->kv);
	free(c->path);
	free(c);
}

const char *
conf_path(const struct conf *c)
{
	return c->path;
}

const char *
conf_get(const struct conf *c, const char *key, const char *dflt)
{
	size_t i;

	for (i = c->n; i > 0; i--) { /* the last setting wins */
		const char *k = c->kv[i - 1].key;

		/* option files treat '-' and '_' alike */
		size_t j;
		for (j = 0; k[j] != '\0' && key[j] != '\0'; j++) {
			char a = k[j] == '-' ? '_' : k[j];
			char b = key[j] == '-' ? '_' : key[j];
			if (a != b)
				break;
		}
		if (k[j] == '\0' && key[j] == '\0')
			return c->kv[i - 1].val;
	}
	return dflt;
}

long
conf_int(const struct conf *c, const char *key, long dflt, long min, long max)
{
	const char *v = conf_get(c, key, NULL);
	char *end;
	long n;

	if (v == NULL)
		return dflt;
	errno = 0;
	n = strtol(v, &end, 10);
	if (*v == '\0' || *end != '\0' || errno == ERANGE || n < min || n > max)
		return -1;
	return n;
}
