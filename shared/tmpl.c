/*
 * The template engine (tmpl.h).  Loading reads each file whole, checks it
 * is UTF-8, and cuts it in place into nodes: literal spans, values,
 * catalogue strings, section opens and closes (each knowing the other's
 * index) and partials (the index of the template).  Names are
 * NUL-terminated inside the file's own buffer (no allocation per
 * name).  While cutting, an HTML tokenizer, one step function per
 * state, runs over the literal text; each tag is checked against the
 * state it falls in, and a value's escaping is fixed then.  Rendering
 * only walks nodes and scopes: no parsing per request, and no allocation
 * but the output's growth and one scratch buffer for filters.
 *
 * Catalogues are sorted by key and all have the same keys, so a {{@key}}
 * resolves at load to an index valid in every language.
 */
#include "config.h"

#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "text.h"
#include "tmpl.h"

#define TMPL_MAXFILE (256 * 1024)
#define TMPL_MAXDIRS 4
#define TMPL_MAXDEPTH 16
#define TMPL_TAGNAME 16 /* enough for "script" and "style" */
#define TMPL_ATTRNAME 32 /* the longest URL attribute, and "on" */

/* --- the parsed form ------------------------------------------------ */

enum node_kind {
	NODE_TEXT,
	NODE_VALUE,
	NODE_STRING,
	NODE_SECTION,
	NODE_INVERTED,
	NODE_CLOSE,
	NODE_PARTIAL,
	NODE__MAX
};

enum ctx {
	CTX_TEXT,
	CTX_ATTR,
	CTX_RCDATA, /* in <title> or <textarea>: no markup, even trusted */
	CTX_URL, /* at the start of a URL attribute value */
	CTX_URL_PART, /* later in one */
	CTX__MAX
};

enum filter {
	FILTER_NONE,
	FILTER_DATE,
	FILTER_DATETIME,
	FILTER_GROUP4,
	FILTER_UPPER,
	FILTER_CATALOGUE, /* @prefix */
	FILTER__MAX
};

/*
 * s is the literal of a TEXT (len bytes), else the name or key.  ref is
 * a SECTION's or INVERTED's CLOSE, a CLOSE's open, a STRING's index in
 * every catalogue, a PARTIAL's template.  intag: a section between
 * attributes.
 */
struct node {
	enum node_kind kind;
	enum ctx ctx; /* VALUE, STRING */
	enum filter filter; /* VALUE */
	int intag;
	int line;
	const char *s;
	size_t len;
	const char *arg; /* FILTER_CATALOGUE: the prefix */
	size_t ref;
};

struct tmpl {
	char *name;
	size_t dir; /* of the directories given, the one it is in */
	char *src;
	struct node *nodes;
	size_t n, cap;
	int mark; /* cycle search: 0 unseen, 1 on the path, 2 done */
};

struct kv {
	const char *key;
	const char *val;
	int line;
	size_t dir; /* of the file the line is in */
};

/* A language's strings: every directory's strings.LANG, merged. */
struct cat {
	char lang[3];
	unsigned in; /* bit d: directory d has a strings.LANG */
	char *src[TMPL_MAXDIRS];
	struct kv *kv;
	size_t n, cap;
};

struct tmpl_set {
	char *dirs[TMPL_MAXDIRS];
	size_t ndirs;
	struct tmpl *t; /* sorted by name */
	size_t nt;
	struct cat *cat;
	size_t ncat;
	size_t vi; /* index of the required catalogue */
};

/* --- scopes --------------------------------------------------------- */

enum tv_kind { TV_UNSET, TV_TEXT, TV_HTML, TV_LIST, TV__MAX };

struct tv_entry {
	const char *name;
	enum tv_kind kind;
	const char *text;
	struct tv *first, *last; /* TV_LIST */
	struct tv_entry *next;
};

struct tv {
	struct arena *a;
	struct tv_entry *head;
	struct tv *next; /* the next row of the list holding this one */
};

struct tv *
tv_new(struct arena *a)
{
	struct tv *v = arena_alloc(a, sizeof(*v));

	v->a = a;
	v->head = NULL;
	v->next = NULL;
	return v;
}

static struct tv_entry *
tv_entry(struct tv *v, const char *name)
{
	struct tv_entry *e;

	for (e = v->head; e != NULL; e = e->next)
		if (strcmp(e->name, name) == 0)
			return e;
	e = arena_alloc(v->a, sizeof(*e));
	e->name = name;
	e->kind = TV_UNSET;
	e->text = NULL;
	e->first = e->last = NULL;
	e->next = v->head;
	v->head = e;
	return e;
}

static void
tv_put(struct tv *v, const char *name, enum tv_kind kind, const char *text)
{
	struct tv_entry *e = tv_entry(v, name);

	e->kind = text != NULL ? kind : TV_UNSET;
	e->text = text;
	e->first = e->last = NULL;
}

void
tv_set(struct tv *v, const char *name, const char *text)
{
	tv_put(v, name, TV_TEXT, text);
}

void
tv_set_html(struct tv *v, const char *name, const char *html)
{
	tv_put(v, name, TV_HTML, html);
}

struct tv *
tv_add_row(struct tv *v, const char *name)
{
	struct tv_entry *e = tv_entry(v, name);
	struct tv *row = tv_new(v->a);

	if (e->kind != TV_LIST) {
		e->kind = TV_LIST;
		e->text = NULL;
		e->first = e->last = NULL;
	}
	if (e->last != NULL)
		e->last->next = row;
	else
		e->first = row;
	e->last = row;
	return row;
}

/* --- catalogue lookups ---------------------------------------------- */

static int
kv_cmp(const void *a, const void *b)
{
	return strcmp(((const struct kv *)a)->key, ((const struct kv *)b)->key);
}

static const struct kv *
cat_find(const struct cat *c, const char *key)
{
	struct kv k = { key, NULL, 0, 0 };

	if (c->n == 0)
		return NULL;
	return bsearch(&k, c->kv, c->n, sizeof(k), kv_cmp);
}

static const struct cat *
cat_lang(const struct tmpl_set *set, const char *lang)
{
	size_t i;

	for (i = 0; lang != NULL && i < set->ncat; i++)
		if (strcmp(set->cat[i].lang, lang) == 0)
			return &set->cat[i];
	return NULL;
}

static const struct cat *
cat_or_vi(const struct tmpl_set *set, const char *lang)
{
	const struct cat *c = cat_lang(set, lang);

	return c != NULL ? c : &set->cat[set->vi];
}

int
tmpl_has_lang(const struct tmpl_set *set, const char *lang)
{
	return cat_lang(set, lang) != NULL;
}

const char *
tmpl_string(const struct tmpl_set *set, const char *lang, const char *key)
{
	const struct kv *kv = cat_find(cat_or_vi(set, lang), key);

	return kv != NULL ? kv->val : NULL;
}

static int
tmpl_cmp(const void *a, const void *b)
{
	return strcmp(
	    ((const struct tmpl *)a)->name, ((const struct tmpl *)b)->name);
}

static int
tmpl_key_cmp(const void *key, const void *t)
{
	return strcmp(key, ((const struct tmpl *)t)->name);
}

static const struct tmpl *
tmpl_find(const struct tmpl_set *set, const char *name)
{
	if (set->nt == 0)
		return NULL;
	return bsearch(name, set->t, set->nt, sizeof(*set->t), tmpl_key_cmp);
}

int
tmpl_has(const struct tmpl_set *set, const char *name)
{
	return tmpl_find(set, name) != NULL;
}

/* --- output: filters and escapers ----------------------------------- */

struct rs {
	const struct tmpl_set *set;
	const struct cat *cat;
	struct buf *out;
	struct buf tmp; /* a filter's result */
};

/* ASCII classes, whatever the locale (ctype's vary with it) */
static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int
is_lower(char c)
{
	return c >= 'a' && c <= 'z';
}

static int
is_alpha(char c)
{
	return is_lower(c) || (c >= 'A' && c <= 'Z');
}

static int
is_alnum(char c)
{
	return is_alpha(c) || is_digit(c);
}

static int
digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!is_digit(s[i]))
			return 0;
	return 1;
}

/* YYYY-MM-DD at s (the shape only: the database made the value) */
static int
is_date(const char *s)
{
	return digits(s, 4) && s[4] == '-' && digits(s + 5, 2) && s[7] == '-' &&
	    digits(s + 8, 2);
}

static const char *
f_none(struct rs *rs, const char *v, const char *arg)
{
	return v;
}

static const char *
f_date(struct rs *rs, const char *v, const char *arg)
{
	if (!is_date(v) || (v[10] != '\0' && v[10] != ' ' && v[10] != 'T'))
		return v;
	buf_reset(&rs->tmp);
	buf_printf(&rs->tmp, "%.2s/%.2s/%.4s", v + 8, v + 5, v);
	return rs->tmp.s;
}

/* HH:MM, then the end, or :SS and the end or a fraction */
static int
is_time(const char *s)
{
	if (!digits(s, 2) || s[2] != ':' || !digits(s + 3, 2))
		return 0;
	if (s[5] == '\0')
		return 1;
	return s[5] == ':' && digits(s + 6, 2) && (s[8] == '\0' || s[8] == '.');
}

/* Viet Nam's time: UTC+7 all year (no summer time) */
#define TMPL_VN_OFFSET (7 * 3600)

/* A time in UTC ("...T08:05:59Z", as the access log keeps it), shown in
 * Viet Nam's time like the others; 0 if v is not one. */
static int
utc_datetime(struct rs *rs, const char *v)
{
	struct tm tm;
	time_t t;

	if (!is_date(v) || v[10] != 'T' || !digits(v + 11, 2) || v[13] != ':' ||
	    !digits(v + 14, 2) || v[16] != ':' || !digits(v + 17, 2) ||
	    strcmp(v + 19, "Z") != 0)
		return 0;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = atoi(v) - 1900;
	tm.tm_mon = atoi(v + 5) - 1;
	tm.tm_mday = atoi(v + 8);
	tm.tm_hour = atoi(v + 11);
	tm.tm_min = atoi(v + 14);
	tm.tm_sec = atoi(v + 17);
	t = timegm(&tm) + TMPL_VN_OFFSET;
	if (gmtime_r(&t, &tm) == NULL)
		return 0;
	buf_reset(&rs->tmp);
	buf_printf(&rs->tmp, "%02d/%02d/%04d %02d:%02d", tm.tm_mday,
	    tm.tm_mon + 1, tm.tm_year + 1900, tm.tm_hour, tm.tm_min);
	return 1;
}

static const char *
f_datetime(struct rs *rs, const char *v, const char *arg)
{
	if (utc_datetime(rs, v))
		return rs->tmp.s;
	if (!is_date(v) || (v[10] != ' ' && v[10] != 'T') || !is_time(v + 11))
		return v;
	buf_reset(&rs->tmp);
	buf_printf(&rs->tmp, "%.2s/%.2s/%.4s %.5s", v + 8, v + 5, v, v + 11);
	return rs->tmp.s;
}

/* counts characters, not bytes, so a letter is never split */
static const char *
f_group4(struct rs *rs, const char *v, const char *arg)
{
	size_t nchar = 0;

	buf_reset(&rs->tmp);
	for (; *v != '\0'; v++) {
		if (((unsigned char)*v & 0xc0) != 0x80 && nchar++ > 0 &&
		    (nchar - 1) % 4 == 0)
			buf_putc(&rs->tmp, ' ');
		buf_putc(&rs->tmp, *v);
	}
	return rs->tmp.s != NULL ? rs->tmp.s : "";
}

static const char *
f_upper(struct rs *rs, const char *v, const char *arg)
{
	buf_reset(&rs->tmp);
	for (; *v != '\0'; v++)
		buf_putc(&rs->tmp, is_lower(*v) ? (char)(*v - 'a' + 'A') : *v);
	return rs->tmp.s != NULL ? rs->tmp.s : "";
}

/* A value in words: the catalogue's prefix.VALUE, else the value.  A
 * list (a,b,c) is put in words item by item, joined by ", ". */
static const char *
f_catalogue(struct rs *rs, const char *v, const char *prefix)
{
	const struct kv *kv;
	char key[128];
	size_t n;
	int len;

	if (strchr(v, ',') == NULL) {
		buf_reset(&rs->tmp);
		buf_printf(&rs->tmp, "%s.%s", prefix, v);
		kv = cat_find(rs->cat, rs->tmp.s);
		return kv != NULL ? kv->val : v;
	}
	buf_reset(&rs->tmp);
	for (;;) {
		n = strcspn(v, ",");
		len = snprintf(key, sizeof(key), "%s.%.*s", prefix, (int)n, v);
		kv = len > 0 && (size_t)len < sizeof(key)
		    ? cat_find(rs->cat, key)
		    : NULL;
		if (kv != NULL)
			buf_puts(&rs->tmp, kv->val);
		else
			buf_add(&rs->tmp, v, n);
		if (v[n] == '\0')
			break;
		buf_puts(&rs->tmp, ", ");
		v += n + 1;
	}
	return rs->tmp.s != NULL ? rs->tmp.s : "";
}

static const struct {
	const char *name; /* "@" stands for any @prefix */
	const char *(*apply)(struct rs *, const char *v, const char *arg);
} filters[FILTER__MAX] = {
	[FILTER_NONE] = { "", f_none },
	[FILTER_DATE] = { "date", f_date },
	[FILTER_DATETIME] = { "datetime", f_datetime },
	[FILTER_GROUP4] = { "group4", f_group4 },
	[FILTER_UPPER] = { "upper", f_upper },
	[FILTER_CATALOGUE] = { "@", f_catalogue },
};

static const char *const url_safe_prefixes[] = { "https://", "http://",
	"mailto:", "tel:" };

/*
 * A URL we let a value start: ours (/path but not //host), a query or a
 * fragment, a listed scheme, or relative (no ':' before the first / ? #).
 * Browsers drop tabs and newlines and read '\' as '/', so /\t/host and
 * /\host are //host: any control byte or backslash is refused outright.
 */
static int
url_safe(const char *s)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f || s[i] == '\\')
			return 0;
	if (s[0] == '/')
		return s[1] != '/';
	if (s[0] == '?' || s[0] == '#')
		return 1;
	for (i = 0; i < sizeof(url_safe_prefixes) / sizeof(*url_safe_prefixes);
	     i++)
		if (strncasecmp(s, url_safe_prefixes[i],
		        strlen(url_safe_prefixes[i])) == 0)
			return 1;
	return s[strcspn(s, ":/?#")] != ':';
}

static void
put_url(struct buf *out, const char *s)
{
	if (url_safe(s))
		text_html(out, s);
	else
		buf_puts(out, "#unsafe");
}

/* component encoding: a value cannot leave its path segment or query
 * parameter, nor bring a scheme */
static void
put_url_part(struct buf *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (is_alnum((char)c) || c == '-' || c == '.' || c == '_' ||
		    c == '~') {
			buf_putc(out, (char)c);
			continue;
		}
		buf_putc(out, '%');
		buf_putc(out, hex[c >> 4]);
		buf_putc(out, hex[c & 15]);
	}
}

/* how a value is written in each context */
static void (*const escapers[CTX__MAX])(struct buf *, const char *) = {
	[CTX_TEXT] = text_html,
	[CTX_ATTR] = text_html,
	[CTX_RCDATA] = text_html,
	[CTX_URL] = put_url,
	[CTX_URL_PART] = put_url_part,
};

/* --- rendering ------------------------------------------------------ */

/* the context stack, innermost first, on the C stack */
struct frame {
	const struct tv *tv;
	const struct frame *up;
};

struct val {
	enum tv_kind kind;
	const char *text;
	const struct tv *rows;
};

static struct val
lookup(const struct rs *rs, const struct frame *f, const char *name)
{
	struct val v = { TV_UNSET, NULL, NULL };
	const struct tv_entry *e;

	for (; f != NULL; f = f->up)
		for (e = f->tv != NULL ? f->tv->head : NULL; e != NULL;
		     e = e->next)
			if (strcmp(e->name, name) == 0) {
				v.kind = e->kind;
				v.text = e->text;
				v.rows = e->first;
				return v;
			}
	if (strcmp(name, "lang") == 0) {
		v.kind = TV_TEXT;
		v.text = rs->cat->lang;
	}
	return v;
}

static int
truthy(const struct val *v)
{
	if (v->kind == TV_LIST)
		return v->rows != NULL;
	return v->text != NULL && *v->text != '\0' &&
	    strcmp(v->text, "0") != 0 && strcmp(v->text, "false") != 0;
}

static void render_range(struct rs *, const struct tmpl *, size_t from,
    size_t to, const struct frame *);

static size_t
r_text(struct rs *rs, const struct tmpl *t, size_t i, const struct frame *f)
{
	buf_add(rs->out, t->nodes[i].s, t->nodes[i].len);
	return i + 1;
}

static size_t
r_value(struct rs *rs, const struct tmpl *t, size_t i, const struct frame *f)
{
	const struct node *n = &t->nodes[i];
	struct val v = lookup(rs, f, n->s);
	const char *s;

	if (v.kind != TV_TEXT && v.kind != TV_HTML)
		return i + 1;
	s = filters[n->filter].apply(rs, v.text, n->arg);
	if (v.kind == TV_HTML && n->ctx == CTX_TEXT && n->filter == FILTER_NONE)
		buf_puts(rs->out, s);
	else
		escapers[n->ctx](rs->out, s);
	return i + 1;
}

static size_t
r_string(struct rs *rs, const struct tmpl *t, size_t i, const struct frame *f)
{
	const struct node *n = &t->nodes[i];

	escapers[n->ctx](rs->out, rs->cat->kv[n->ref].val);
	return i + 1;
}

/* the body once more; inside a tag followed by a space (see tmpl.h) */
static void
r_body(struct rs *rs, const struct tmpl *t, size_t i, const struct frame *f)
{
	render_range(rs, t, i + 1, t->nodes[i].ref, f);
	if (t->nodes[i].intag)
		buf_putc(rs->out, ' ');
}

static size_t
r_section(struct rs *rs, const struct tmpl *t, size_t i, const struct frame *f)
{
	const struct node *n = &t->nodes[i];
	struct val v = lookup(rs, f, n->s);
	const struct tv *row;

	if (n->intag)
		buf_putc(rs->out, ' ');
	if (v.kind == TV_LIST)
		for (row = v.rows; row != NULL; row = row->next) {
			struct frame in = { row, f };

			r_body(rs, t, i, &in);
		}
	else if (truthy(&v))
		r_body(rs, t, i, f);
	return n->ref + 1;
}

static size_t
r_inverted(struct rs *rs, const struct tmpl *t, size_t i, const struct frame *f)
{
	const struct node *n = &t->nodes[i];
	struct val v = lookup(rs, f, n->s);

	if (n->intag)
		buf_putc(rs->out, ' ');
	if (!truthy(&v))
		r_body(rs, t, i, f);
	return n->ref + 1;
}

/* not reached: a range ends before its close */
static size_t
r_close(struct rs *rs, const struct tmpl *t, size_t i, const struct frame *f)
{
	return i + 1;
}

static size_t
r_partial(struct rs *rs, const struct tmpl *t, size_t i, const struct frame *f)
{
	const struct tmpl *p = &rs->set->t[t->nodes[i].ref];

	render_range(rs, p, 0, p->n, f);
	return i + 1;
}

/* each returns the index of the next node to render */
static size_t (*const renderers[NODE__MAX])(
    struct rs *, const struct tmpl *, size_t, const struct frame *) = {
	[NODE_TEXT] = r_text,
	[NODE_VALUE] = r_value,
	[NODE_STRING] = r_string,
	[NODE_SECTION] = r_section,
	[NODE_INVERTED] = r_inverted,
	[NODE_CLOSE] = r_close,
	[NODE_PARTIAL] = r_partial,
};

static void
render_range(struct rs *rs, const struct tmpl *t, size_t from, size_t to,
    const struct frame *f)
{
	size_t i = from;

	while (i < to)
		i = renderers[t->nodes[i].kind](rs, t, i, f);
}

int
tmpl_render(const struct tmpl_set *set, const char *name, const char *lang,
    const struct tv *v, struct buf *out)
{
	const struct tmpl *t = tmpl_find(set, name);
	struct frame top = { v, NULL };
	struct rs rs;

	if (t == NULL)
		return -1;
	rs.set = set;
	rs.cat = cat_or_vi(set, lang);
	rs.out = out;
	buf_init(&rs.tmp);
	render_range(&rs, t, 0, t->n, &top);
	buf_free(&rs.tmp);
	return 0;
}

/* --- loading: errors and files -------------------------------------- */

struct loader {
	struct tmpl_set *set;
	size_t dir; /* of the file in hand */
	char path[PATH_MAX]; /* of the file in hand, for messages */
	int line;
	char *err;
	size_t errlen;
};

static int lerr(struct loader *, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* "path:line: what" (no line when 0); returns -1 */
static int
lerr(struct loader *L, int line, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (L->errlen == 0)
		return -1;
	if (line > 0)
		n = snprintf(L->err, L->errlen, "%s:%d: ", L->path, line);
	else
		n = snprintf(L->err, L->errlen, "%s: ", L->path);
	if (n < 0 || (size_t)n >= L->errlen)
		return -1;
	va_start(ap, fmt);
	vsnprintf(L->err + n, L->errlen - (size_t)n, fmt, ap);
	va_end(ap);
	return -1;
}

static int
set_path(struct loader *L, const char *name)
{
	int n = snprintf(
	    L->path, sizeof(L->path), "%s/%s", L->set->dirs[L->dir], name);

	if (n < 0 || (size_t)n >= sizeof(L->path))
		return lerr(L, 0, "path too long");
	return 0;
}

/* Valid UTF-8, checked line by line to name the line (a multi-byte
 * sequence never holds a '\n'). */
static int
check_utf8(struct loader *L, const char *s, size_t n)
{
	const char *end = s + n, *nl;
	int line = 1;

	for (; s < end; s = nl + 1, line++) {
		nl = memchr(s, '\n', (size_t)(end - s));
		if (nl == NULL)
			nl = end;
		if (!text_utf8_valid(s, (size_t)(nl - s)))
			return lerr(L, line, "not valid UTF-8");
	}
	return 0;
}

static int
read_fd(struct loader *L, int fd, char **out)
{
	struct stat st;
	char *s;
	size_t len = 0;
	ssize_t r;

	if (fstat(fd, &st) == -1)
		return lerr(L, 0, "%s", strerror(errno));
	if (!S_ISREG(st.st_mode))
		return lerr(L, 0, "not a regular file");
	if (st.st_size > TMPL_MAXFILE)
		return lerr(L, 0, "larger than %d bytes", TMPL_MAXFILE);
	s = xmalloc((size_t)st.st_size + 1);
	while (len < (size_t)st.st_size &&
	    (r = read(fd, s + len, (size_t)st.st_size - len)) > 0)
		len += (size_t)r;
	s[len] = '\0';
	*out = s;
	if (len != (size_t)st.st_size)
		return lerr(L, 0, "short read");
	return check_utf8(L, s, len);
}

/* The file at L->path, NUL-terminated, into *out (freed by the caller
 * even on failure). */
static int
read_file(struct loader *L, char **out)
{
	int fd = open(L->path, O_RDONLY | O_CLOEXEC), rc;

	*out = NULL;
	if (fd == -1)
		return lerr(L, 0, "%s", strerror(errno));
	rc = read_fd(L, fd, out);
	close(fd);
	return rc;
}

static int
name_char(char c)
{
	return is_alnum(c) || c == '_' || c == '.' || c == '-';
}

static int
valid_name(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!name_char(s[i]))
			return 0;
	return n > 0;
}

/* --- loading: catalogues -------------------------------------------- */

static char *
trim(char *s, char *end)
{
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	while (
	    end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
		end--;
	*end = '\0';
	return s;
}

static int
cat_line(struct loader *L, struct cat *c, char *s, char *end)
{
	char *eq, *key;
	struct kv *kv;

	s = trim(s, end);
	if (*s == '\0' || *s == '#')
		return 0;
	if ((eq = strchr(s, '=')) == NULL)
		return lerr(L, L->line, "expected key = value");
	*eq = '\0';
	key = trim(s, eq);
	if (!valid_name(key, strlen(key)))
		return lerr(L, L->line, "bad key \"%s\"", key);
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		c->kv = xrealloc(c->kv, c->cap * sizeof(*c->kv));
	}
	kv = &c->kv[c->n++];
	kv->key = key;
	kv->val = trim(eq + 1, eq + 1 + strlen(eq + 1));
	kv->line = L->line;
	kv->dir = L->dir;
	return 0;
}

static int
cat_path(struct loader *L, const struct cat *c)
{
	char file[16];

	snprintf(file, sizeof(file), "strings.%s", c->lang);
	return set_path(L, file);
}

static int
cat_sort(struct loader *L, struct cat *c)
{
	size_t i;

	if (c->n > 0)
		qsort(c->kv, c->n, sizeof(*c->kv), kv_cmp);
	for (i = 1; i < c->n; i++)
		if (strcmp(c->kv[i - 1].key, c->kv[i].key) == 0) {
			const struct kv *x = &c->kv[i - 1], *y = &c->kv[i];

			if (x->dir != y->dir) {
				L->dir = y->dir;
				cat_path(L, c);
				return lerr(L, y->line,
				    "key \"%s\" is also in %s/strings.%s",
				    y->key, L->set->dirs[x->dir], c->lang);
			}
			L->dir = x->dir;
			cat_path(L, c);
			return lerr(L, x->line > y->line ? x->line : y->line,
			    "duplicate key \"%s\" (also on line %d)", y->key,
			    x->line > y->line ? y->line : x->line);
		}
	return 0;
}

/* One directory's strings.LANG into the language's catalogue. */
static int
cat_load_dir(struct loader *L, struct cat *c, size_t d)
{
	char *s, *nl;
	int last;

	L->dir = d;
	if (cat_path(L, c) == -1 || read_file(L, &c->src[d]) == -1)
		return -1;
	L->line = 1;
	for (s = c->src[d]; *s != '\0'; s = nl + 1, L->line++) {
		nl = strchr(s, '\n');
		if ((last = nl == NULL))
			nl = s + strlen(s);
		if (cat_line(L, c, s, nl) == -1)
			return -1;
		if (last)
			break;
	}
	return 0;
}

static int
cat_load(struct loader *L, struct cat *c)
{
	size_t d;

	for (d = 0; d < L->set->ndirs; d++)
		if ((c->in & (1u << d)) && cat_load_dir(L, c, d) == -1)
			return -1;
	return cat_sort(L, c);
}

/* Every key of a is in b, or an error at a's line. */
static int
cat_covers(struct loader *L, const struct cat *a, const struct cat *b)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		if (cat_find(b, a->kv[i].key) == NULL) {
			L->dir = a->kv[i].dir;
			cat_path(L, a);
			return lerr(L, a->kv[i].line,
			    "key \"%s\" is missing from strings.%s",
			    a->kv[i].key, b->lang);
		}
	return 0;
}

static int
cats_load(struct loader *L)
{
	struct tmpl_set *set = L->set;
	const struct cat *vi;
	size_t i;

	for (i = 0; i < set->ncat; i++)
		if (cat_load(L, &set->cat[i]) == -1)
			return -1;
	if ((vi = cat_lang(set, "vi")) == NULL) {
		L->dir = set->ndirs - 1;
		set_path(L, "strings.vi");
		return lerr(L, 0, "missing (it is required)");
	}
	set->vi = (size_t)(vi - set->cat);
	for (i = 0; i < set->ncat; i++)
		if (cat_covers(L, vi, &set->cat[i]) == -1 ||
		    cat_covers(L, &set->cat[i], vi) == -1)
			return -1;
	return 0;
}

/* --- loading: the HTML tokenizer ------------------------------------ */

enum hstate {
	HS_TEXT,
	HS_TAG_OPEN, /* after '<' */
	HS_TAG_NAME,
	HS_END_TAG_OPEN, /* after "</" */
	HS_END_TAG,
	HS_IN_TAG, /* between attributes */
	HS_ATTR_NAME,
	HS_BEFORE_VALUE, /* after '=' */
	HS_VALUE_DQ,
	HS_VALUE_SQ,
	HS_VALUE_UNQ,
	HS_AFTER_VALUE, /* after a closing quote */
	HS_SELF_CLOSE, /* after '/' in a tag */
	HS_COMMENT,
	HS_DOCTYPE,
	HS_RAWTEXT, /* <script>, <style>, <xmp>... content */
	HS_RCDATA, /* <title> or <textarea> content */
	HS__MAX
};

enum htag {
	HTAG_OTHER,
	HTAG_SCRIPT,
	HTAG_STYLE,
	HTAG_TITLE,
	HTAG_TEXTAREA,
	HTAG_XMP,
	HTAG_IFRAME,
	HTAG_NOEMBED,
	HTAG_NOFRAMES,
	HTAG_NOSCRIPT,
	HTAG_PLAINTEXT,
	HTAG_META,
	HTAG_BASE,
	HTAG__MAX
};

/* what an element holds until its end tag */
enum hbody {
	HBODY_HTML,
	HBODY_BLANK, /* raw text that must be blank: a script */
	HBODY_RAW, /* raw text, no value */
	HBODY_TEXT, /* text, values escaped */
	HBODY_REFUSED, /* the element is refused */
	HBODY__MAX
};
enum hattr { HATTR_PLAIN, HATTR_URL, HATTR_FORBIDDEN, HATTR__MAX };

/* The tokenizer's position.  Only st, tag, attr and started say where a
 * tag falls (hpos_same); the names are scratch, and tag, attr and
 * started are reset when they stop applying, so they compare. */
struct hpos {
	enum hstate st;
	enum htag tag; /* of the tag in hand, or of the content */
	enum hattr attr; /* of the value in hand */
	int started; /* the value in hand has had something */
	char name[TMPL_TAGNAME];
	size_t nlen;
	char aname[TMPL_ATTRNAME];
	size_t alen;
};

/*
 * The elements whose content HTML does not parse as markup.  Inside one,
 * a '<' is refused unless it opens the end tag: then the tokenizer and
 * any browser agree on where the content ends, even inside <svg> where
 * <title> and <style> hold markup.  Values may not go into the attributes
 * of <script> (its src), <meta> (a refresh's URL) or <base>.
 */
static const struct {
	const char *name;
	enum hbody body;
	int attr_values;
} htags[HTAG__MAX] = {
	[HTAG_OTHER] = { "", HBODY_HTML, 1 },
	[HTAG_SCRIPT] = { "script", HBODY_BLANK, 0 },
	[HTAG_STYLE] = { "style", HBODY_RAW, 1 },
	[HTAG_TITLE] = { "title", HBODY_TEXT, 1 },
	[HTAG_TEXTAREA] = { "textarea", HBODY_TEXT, 1 },
	[HTAG_XMP] = { "xmp", HBODY_RAW, 1 },
	[HTAG_IFRAME] = { "iframe", HBODY_RAW, 1 },
	[HTAG_NOEMBED] = { "noembed", HBODY_RAW, 1 },
	[HTAG_NOFRAMES] = { "noframes", HBODY_RAW, 1 },
	[HTAG_NOSCRIPT] = { "noscript", HBODY_RAW, 1 },
	[HTAG_PLAINTEXT] = { "plaintext", HBODY_REFUSED, 1 },
	[HTAG_META] = { "meta", HBODY_HTML, 0 },
	[HTAG_BASE] = { "base", HBODY_HTML, 0 },
};

static const char *const url_attrs[] = { "href", "src", "action", "formaction",
	"cite", "poster", "data", "xlink:href", "srcset", "background", "ping",
	"manifest", "longdesc", "usemap", "codebase" };

/* whose value is script, style or a document (srcdoc), or which an SVG
 * animation writes into another attribute, an href perhaps: no value may
 * go there (nor into on*) */
static const char *const forbidden_attrs[] = { "style", "srcdoc", "to", "from",
	"by", "values", "attributename" };

static int
in_list(const char *s, const char *const *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(s, list[i]) == 0)
			return 1;
	return 0;
}

static void
classify_attr(struct hpos *h)
{
	h->aname[h->alen] = '\0';
	h->started = 0;
	if (strncmp(h->aname, "on", 2) == 0 ||
	    in_list(h->aname, forbidden_attrs,
	        sizeof(forbidden_attrs) / sizeof(*forbidden_attrs)))
		h->attr = HATTR_FORBIDDEN;
	else if (h->alen < sizeof(h->aname) - 1 &&
	    in_list(
	        h->aname, url_attrs, sizeof(url_attrs) / sizeof(*url_attrs)))
		h->attr = HATTR_URL;
	else
		h->attr = HATTR_PLAIN;
}

static int
classify_tag(struct loader *L, struct hpos *h)
{
	int i;

	h->name[h->nlen] = '\0';
	h->tag = HTAG_OTHER;
	for (i = HTAG_SCRIPT; i < HTAG__MAX; i++)
		if (h->nlen < sizeof(h->name) - 1 &&
		    strcmp(h->name, htags[i].name) == 0)
			h->tag = (enum htag)i;
	if (htags[h->tag].body == HBODY_REFUSED)
		return lerr(L, L->line, "<%s> is refused", h->name);
	return 0;
}

/* keeps a lower-case prefix: enough to tell the names we look for */
static void
keep(char *dst, size_t *len, size_t size, char c)
{
	if (*len < size - 1)
		dst[(*len)++] =
		    c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static void
tag_end(struct hpos *h)
{
	if (htags[h->tag].body == HBODY_HTML) {
		h->st = HS_TEXT;
		h->tag = HTAG_OTHER;
	} else
		h->st =
		    htags[h->tag].body == HBODY_TEXT ? HS_RCDATA : HS_RAWTEXT;
	h->attr = HATTR_PLAIN;
	h->started = 0;
}

/* Where HTML would read a name but a quote, '<' or '=' is odd enough to
 * mean a mistake (or an attack on a lax parser): refused. */
static int
odd(char c)
{
	return c == '"' || c == '\'' || c == '<' || c == '=' || c == '`';
}

static int
lookahead(const char *s, size_t n, size_t i, const char *want)
{
	size_t k = strlen(want);

	return i <= n && n - i >= k && strncasecmp(s + i, want, k) == 0;
}

/* A step reads s[*i] (and may read on and move *i) in state h->st. */
typedef int (*step_fn)(
    struct loader *, struct hpos *, const char *s, size_t n, size_t *i);

static int
st_text(struct loader *L, struct hpos *h, const char *s, size_t n, size_t *i)
{
	if (s[*i] == '<')
		h->st = HS_TAG_OPEN;
	return 0;
}

static int
st_markup(struct loader *L, struct hpos *h, const char *s, size_t n, size_t *i)
{
	if (lookahead(s, n, *i, "!--")) {
		*i += 2;
		if (lookahead(s, n, *i + 1, ">") ||
		    lookahead(s, n, *i + 1, "->"))
			return lerr(L, L->line, "comment closed abruptly");
		h->st = HS_COMMENT;
	} else if (lookahead(s, n, *i, "!doctype")) {
		*i += 7;
		h->st = HS_DOCTYPE;
	} else
		return lerr(
		    L, L->line, "only <!-- and <!DOCTYPE may follow <!");
	return 0;
}

static int
st_tag_open(
    struct loader *L, struct hpos *h, const char *s, size_t n, size_t *i)
{
	char c = s[*i];

	if (is_alpha(c)) {
		h->st = HS_TAG_NAME;
		h->nlen = 0;
		keep(h->name, &h->nlen, sizeof(h->name), c);
	} else if (c == '/')
		h->st = HS_END_TAG_OPEN;
	else if (c == '!')
		return st_markup(L, h, s, n, i);
	else if (c == '?')
		return lerr(L, L->line, "<? is not HTML");
	else {
		h->st = HS_TEXT; /* "a < b" */
		return st_text(L, h, s, n, i);
	}
	return 0;
}

static int
st_tag_name(
    struct loader *L, struct hpos *h, const char *s, size_t n, size_t *i)
{
	char c = s[*i];

	if (odd(c))
		return lerr(L, L->line, "'%c' in a tag name", c);
	if ((is_space(c) || c == '/' || c == '>') && classify_tag(L, h) == -1)
		return -1;
	if (is_space(c))
		h->st = HS_IN_TAG;
	else if (c == '/')
		h->st = HS_SELF_CLOSE;
	else if (c == '>')
		tag_end(h);
	else
		keep(h->name, &h->nlen, sizeof(h->name), c);
	return 0;
}

static int
st_end_tag_open(
    struct loader *L, struct hpos *h, const char *s, size_t n, size_t *i)
{
	if (!is_alpha(s[*i]))
		return lerr(L, L->line, "</ not followed by a tag name");
	h->st = HS_END_TAG;
	return 0;
}

/* no attributes in an end tag: a quote there could hide its '>' */
static int
st_end_tag(struct loader *L, struct hpos *h, const char *s, size_t n, size_t *i)
{
	if (odd(s[*i]))
		return lerr(L, L->line, "'%c' in an end tag", s[*i]);
	if (s[*i] == '>') {
		h->st = HS_TEXT;
		h->tag = HTAG_OTHER;
	}
	return 0;
}

static int
st_in_tag(struct loader *L, struct hpos *h, const char *s, size_t n, size_t *i)
{
	char c = s[*i];

	if (odd(c))
		return lerr(
		    L, L->line, "'%c' where an attribute name belongs", c);
	if (c == '/')
		h->st = HS_SELF_CLOSE;
	else if (c == '>')
		tag_end(h);
	else if (!is_space(c)) {
		h->st = HS_ATTR_NAME;
		h->alen = 0;
		keep(h->aname, &h->alen, sizeof(h->aname), c);
	}
	return 0;
}

static int
st_attr_name(
    struct loader *L, struct hpos *h, const char *s, size_t n, size_t *i)
{
	char c = s[*i];

	if (c == '=') {
		classify_attr(h);
		h->st = HS_BEFORE_VALUE;
	} else if (odd(c))
		return lerr(L, L->line, "'%c' in an attribute name", c);
	else if (is_space(c))
		h->st = HS_IN_TAG; /* so no space may precede '=' */
	else if (c == '/')
		h->st = HS_SELF_CLOSE;
	else if (c == '>')
		tag_end(h);
	else
		keep(h->aname, &h->alen, sizeof(h->aname), c);
	return 0;
}

static int
st_before_value(
    struct loader *L, struct hpos *h, const char *s, size_t n, size_t *i)
{
	char c = s[*i];

	if (c == '"')
		h->st = HS_VALUE_DQ;
	else if (c == '\'')
		h->st = HS_VALUE_SQ;
	else if (odd(c) || c == '>')
		return lerr(L, L->line, "'%c' where a value belongs", c);
	else if (!is_space(c))
		h->st = HS_VALUE_UNQ;
	return 0;
}

static int
st_value_q(struct loader *L, struct hpos *h, char quote, char c)
{
	if (c == quote) {
		h->st = HS_AFTER_VALUE;
		h->attr = HATTR_PLAIN;
		h->started = 0;
	} else
		h->started = 1;
	return 0;
}

static int
st_value_dq(
    struct loader *L, struct hpos *h, const char *s, size_t n, size_t *i)
{
	return st_value_q(L, h, '"', s[*i]);
}

static int
st_value_sq(
    struct loader *L, struct hpos *h, const char *s, size_t n, size_t *i)
{
	return st_value_q(L, h, '\'', s[*i]);
}

static int
st_value_unq(
    struct loader *L, struct hpos *h, const char *s, size_t n, size_t *i)
{
	char c = s[*i];

	if (odd(c))
		return lerr(L, L->line, "'%c' in an unquoted value", c);
	if (is_space(c))
		h->st = HS_IN_TAG;
	else if (c == '>')
		tag_end(h);
	if (h->st != HS_VALUE_UNQ) {
		h->attr = HATTR_PLAIN;
		h->started = 0;
	}
	return 0;
}

static int
st_after_value(
    struct loader *L, struct hpos *h, const char *s, size_t n, size_t *i)
{
	char c = s[*i];

	if (is_space(c))
		h->st = HS_IN_TAG;
	else if (c == '/')
		h->st = HS_SELF_CLOSE;
	else if (c == '>')
		tag_end(h);
	else
		return lerr(L, L->line, "a space must follow a quoted value");
	return 0;
}

static int
st_self_close(
    struct loader *L, struct hpos *h, const char *s, size_t n, size_t *i)
{
	if (s[*i] != '>')
		return lerr(L, L->line, "'/' not followed by '>' in a tag");
	tag_end(h); /* <script/> opens a script all the same */
	return 0;
}

static int
st_comment(struct loader *L, struct hpos *h, const char *s, size_t n, size_t *i)
{
	if (lookahead(s, n, *i, "-->")) {
		*i += 2;
		h->st = HS_TEXT;
	} else if (lookahead(s, n, *i, "--!>")) {
		*i += 3;
		h->st = HS_TEXT;
	}
	return 0;
}

static int
st_doctype(struct loader *L, struct hpos *h, const char *s, size_t n, size_t *i)
{
	if (odd(s[*i]))
		return lerr(L, L->line, "'%c' in <!DOCTYPE>", s[*i]);
	if (s[*i] == '>')
		h->st = HS_TEXT;
	return 0;
}

/* The length of the end tag of h's element at s[i], or 0. */
static size_t
end_tag_at(const struct hpos *h, const char *s, size_t n, size_t i)
{
	const char *name = htags[h->tag].name;
	size_t k = strlen(name) + 2;
	char c;

	if (!lookahead(s, n, i, "</") || !lookahead(s, n, i + 2, name) ||
	    n - i <= k)
		return 0;
	c = s[i + k];
	return is_space(c) || c == '>' || c == '/' ? k : 0;
}

/* Until the end tag; a script may only be blank (our CSP refuses inline
 * script anyway), a '<' is refused (see htags). */
static int
st_rawtext(struct loader *L, struct hpos *h, const char *s, size_t n, size_t *i)
{
	size_t k = end_tag_at(h, s, n, *i);

	if (k > 0) {
		*i += k - 1;
		h->st = HS_END_TAG;
		return 0;
	}
	if (htags[h->tag].body == HBODY_BLANK && !is_space(s[*i]))
		return lerr(L, L->line, "inline script (only <script src>)");
	if (s[*i] == '<')
		return lerr(L, L->line, "'<' inside <%s>", htags[h->tag].name);
	return 0;
}

static const struct {
	const char *where; /* for "may not be placed here" */
	step_fn step;
} hstates[HS__MAX] = {
	[HS_TEXT] = { "in text", st_text },
	[HS_TAG_OPEN] = { "just after '<'", st_tag_open },
	[HS_TAG_NAME] = { "in a tag name", st_tag_name },
	[HS_END_TAG_OPEN] = { "in an end tag", st_end_tag_open },
	[HS_END_TAG] = { "in an end tag", st_end_tag },
	[HS_IN_TAG] = { "between attributes", st_in_tag },
	[HS_ATTR_NAME] = { "in an attribute name", st_attr_name },
	[HS_BEFORE_VALUE] = { "in an unquoted value", st_before_value },
	[HS_VALUE_DQ] = { "in an attribute value", st_value_dq },
	[HS_VALUE_SQ] = { "in an attribute value", st_value_sq },
	[HS_VALUE_UNQ] = { "in an unquoted value", st_value_unq },
	[HS_AFTER_VALUE] = { "after an attribute value", st_after_value },
	[HS_SELF_CLOSE] = { "in a tag", st_self_close },
	[HS_COMMENT] = { "in an HTML comment", st_comment },
	[HS_DOCTYPE] = { "in <!DOCTYPE>", st_doctype },
	[HS_RAWTEXT] = { "in a script, style or other raw text element",
	    st_rawtext },
	[HS_RCDATA] = { "in <title> or <textarea>", st_rawtext },
};

/* Runs the tokenizer over s[0..n), counting lines. */
static int
track(struct loader *L, struct hpos *h, const char *s, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		j = i;
		if (hstates[h->st].step(L, h, s, n, &i) == -1)
			return -1;
		for (; j <= i; j++)
			if (s[j] == '\n')
				L->line++;
	}
	return 0;
}

static int
hpos_same(const struct hpos *a, const struct hpos *b)
{
	return a->st == b->st && a->tag == b->tag && a->attr == b->attr &&
	    a->started == b->started;
}

/* A quoted value a value may go into: not script, style or a handler. */
static int
value_ok(const struct hpos *h)
{
	return (h->st == HS_VALUE_DQ || h->st == HS_VALUE_SQ) &&
	    h->attr != HATTR_FORBIDDEN && htags[h->tag].attr_values;
}

static const char *
where(const struct hpos *h)
{
	if (h->st == HS_VALUE_DQ || h->st == HS_VALUE_SQ) {
		if (!htags[h->tag].attr_values)
			return "in an attribute of <script>, <meta> or <base>";
		return "in an on*, style, srcdoc or SVG animation attribute";
	}
	return hstates[h->st].where;
}

/* The context of a value at h, or -1. */
static int
value_ctx(struct loader *L, struct hpos *h, enum ctx *ctx)
{
	if (h->st == HS_TEXT || h->st == HS_RCDATA) {
		*ctx = h->st == HS_TEXT ? CTX_TEXT : CTX_RCDATA;
		return 0;
	}
	if (!value_ok(h))
		return lerr(L, L->line, "a value may not be placed here (%s)",
		    where(h));
	if (h->attr == HATTR_URL)
		*ctx = h->started ? CTX_URL_PART : CTX_URL;
	else
		*ctx = CTX_ATTR;
	h->started = 1;
	return 0;
}

/*
 * Where a section tag may go: 0 in text or a value, 1 between attributes
 * (where the renderer writes a space, so the tokenizer reads one), -1.
 * In a URL value it counts as content: a value after it may follow
 * content, so it is encoded as a part.
 */
static int
section_place(struct loader *L, struct hpos *h)
{
	switch (h->st) {
	case HS_TEXT:
	case HS_RCDATA:
		return 0;
	case HS_TAG_NAME:
	case HS_IN_TAG:
	case HS_ATTR_NAME:
	case HS_AFTER_VALUE:
		return track(L, h, " ", 1) == -1 ? -1 : 1;
	default:
		if (!value_ok(h))
			return lerr(L, L->line,
			    "a section may not be placed here (%s)", where(h));
		h->started = 1;
		return 0;
	}
}

/* --- loading: tags -------------------------------------------------- */

struct parse {
	struct tmpl *t;
	struct hpos h;
	size_t open[TMPL_MAXDEPTH]; /* the open sections' nodes */
	struct hpos at[TMPL_MAXDEPTH]; /* the tokenizer after each open */
	size_t depth;
};

static struct node *
add_node(struct loader *L, struct tmpl *t, enum node_kind kind)
{
	struct node *n;

	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->nodes = xrealloc(t->nodes, t->cap * sizeof(*t->nodes));
	}
	n = &t->nodes[t->n++];
	memset(n, 0, sizeof(*n));
	n->kind = kind;
	n->line = L->line;
	return n;
}

static int
add_text(struct loader *L, struct parse *P, const char *s, size_t len)
{
	struct node *n;

	if (len == 0)
		return 0;
	n = add_node(L, P->t, NODE_TEXT);
	n->s = s;
	n->len = len;
	return track(L, &P->h, s, len);
}

static int
find_filter(struct loader *L, const char *f, enum filter *out)
{
	int i;

	if (f[0] == '@') {
		if (!valid_name(f + 1, strlen(f + 1)))
			return lerr(L, L->line, "bad filter \"%s\"", f);
		*out = FILTER_CATALOGUE;
		return 0;
	}
	for (i = FILTER_DATE; i < FILTER__MAX; i++)
		if (i != FILTER_CATALOGUE && strcmp(filters[i].name, f) == 0) {
			*out = (enum filter)i;
			return 0;
		}
	return lerr(L, L->line, "unknown filter \"%s\"", f);
}

static int
tag_value(struct loader *L, struct parse *P, char *name, char *filter)
{
	enum filter fi = FILTER_NONE;
	enum ctx ctx;
	struct node *n;

	if (filter != NULL && find_filter(L, filter, &fi) == -1)
		return -1;
	if (value_ctx(L, &P->h, &ctx) == -1)
		return -1;
	n = add_node(L, P->t, NODE_VALUE);
	n->s = name;
	n->ctx = ctx;
	n->filter = fi;
	n->arg = fi == FILTER_CATALOGUE ? filter + 1 : NULL;
	return 0;
}

static int
tag_string(struct loader *L, struct parse *P, char *key, char *filter)
{
	const struct cat *vi = &L->set->cat[L->set->vi];
	const struct kv *kv = cat_find(vi, key);
	enum ctx ctx;
	struct node *n;

	if (kv == NULL)
		return lerr(L, L->line, "no key \"%s\" in strings.vi", key);
	if (value_ctx(L, &P->h, &ctx) == -1)
		return -1;
	n = add_node(L, P->t, NODE_STRING);
	n->s = key;
	n->ctx = ctx;
	n->ref = (size_t)(kv - vi->kv);
	return 0;
}

static int
tag_open(struct loader *L, struct parse *P, char *name, enum node_kind kind)
{
	struct node *n;
	int intag;

	if (P->depth == TMPL_MAXDEPTH)
		return lerr(L, L->line, "sections nested deeper than %d",
		    TMPL_MAXDEPTH);
	if ((intag = section_place(L, &P->h)) == -1)
		return -1;
	n = add_node(L, P->t, kind);
	n->s = name;
	n->intag = intag;
	P->open[P->depth] = P->t->n - 1;
	P->at[P->depth++] = P->h;
	return 0;
}

static int
tag_section(struct loader *L, struct parse *P, char *name, char *filter)
{
	return tag_open(L, P, name, NODE_SECTION);
}

static int
tag_inverted(struct loader *L, struct parse *P, char *name, char *filter)
{
	return tag_open(L, P, name, NODE_INVERTED);
}

static int
tag_close(struct loader *L, struct parse *P, char *name, char *filter)
{
	struct node *open, *n;
	int intag;

	if (P->depth == 0)
		return lerr(L, L->line, "{{/%s}} closes no section", name);
	open = &P->t->nodes[P->open[P->depth - 1]];
	if (strcmp(open->s, name) != 0)
		return lerr(L, L->line, "{{/%s}} closes {{#%s}} of line %d",
		    name, open->s, open->line);
	if ((intag = section_place(L, &P->h)) == -1)
		return -1;
	if (!hpos_same(&P->h, &P->at[P->depth - 1]))
		return lerr(L, L->line,
		    "{{/%s}} is %s but its section (line %d) opened %s", name,
		    hstates[P->h.st].where, open->line,
		    hstates[P->at[P->depth - 1].st].where);
	n = add_node(L, P->t, NODE_CLOSE);
	n->s = name;
	n->intag = intag;
	n->ref = P->open[--P->depth];
	P->t->nodes[n->ref].ref = P->t->n - 1;
	return 0;
}

static int
tag_partial(struct loader *L, struct parse *P, char *name, char *filter)
{
	struct node *n;

	if (P->h.st != HS_TEXT)
		return lerr(L, L->line,
		    "a partial may only be included in text, not %s",
		    hstates[P->h.st].where);
	n = add_node(L, P->t, NODE_PARTIAL);
	n->s = name;
	return 0;
}

static const struct {
	char sigil;
	int filter_ok;
	int (*parse)(struct loader *, struct parse *, char *name, char *filter);
} tags[] = {
	{ '\0', 1, tag_value },
	{ '@', 0, tag_string },
	{ '#', 0, tag_section },
	{ '^', 0, tag_inverted },
	{ '/', 0, tag_close },
	{ '>', 0, tag_partial },
};

/* Cuts "sigil name|filter" in s[0..n) (spaces around), in place. */
static int
tag_parse(struct loader *L, struct parse *P, char *s, size_t n)
{
	char *end = s + n, *bar, *name;
	size_t i;

	for (i = 1; i < sizeof(tags) / sizeof(*tags); i++)
		if (n > 0 && s[0] == tags[i].sigil)
			break;
	if (i == sizeof(tags) / sizeof(*tags))
		i = 0;
	else
		s++;
	name = trim(s, end);
	if ((bar = strchr(name, '|')) != NULL) {
		*bar = '\0';
		trim(name, bar);
	}
	if (!valid_name(name, strlen(name)))
		return lerr(L, L->line, "bad tag {{%s}}", s);
	if (bar != NULL && !tags[i].filter_ok)
		return lerr(
		    L, L->line, "a filter on {{%c%s}}", tags[i].sigil, name);
	return tags[i].parse(
	    L, P, name, bar != NULL ? trim(bar + 1, end) : NULL);
}

/* The tag at s ("{{"); *next is set after it. */
static int
tag(struct loader *L, struct parse *P, char *s, char **next)
{
	char *close = strstr(s + 2, "}}"), *p;
	int line = L->line;

	if (close == NULL)
		return lerr(L, L->line, "{{ without }}");
	*next = close + 2;
	for (p = s; p < close; p++)
		if (*p == '\n')
			L->line++;
	if (s[2] == '!')
		return 0;
	if (L->line != line)
		return lerr(L, line, "a tag across lines");
	*close = '\0';
	return tag_parse(L, P, s + 2, (size_t)(close - s - 2));
}

static int
tmpl_parse(struct loader *L, struct tmpl *t)
{
	struct parse P;
	char *s = t->src, *open;

	memset(&P, 0, sizeof(P));
	P.t = t;
	P.h.st = HS_TEXT;
	L->line = 1;
	while ((open = strstr(s, "{{")) != NULL) {
		if (add_text(L, &P, s, (size_t)(open - s)) == -1 ||
		    tag(L, &P, open, &s) == -1)
			return -1;
	}
	if (add_text(L, &P, s, strlen(s)) == -1)
		return -1;
	if (P.depth > 0)
		return lerr(L, t->nodes[P.open[P.depth - 1]].line,
		    "{{#%s}} is not closed", t->nodes[P.open[P.depth - 1]].s);
	if (P.h.st != HS_TEXT)
		return lerr(
		    L, L->line, "the template ends %s", hstates[P.h.st].where);
	return 0;
}

/* --- loading: the directory ----------------------------------------- */

static int
tmpl_path(struct loader *L, const struct tmpl *t)
{
	char file[NAME_MAX + 1];

	snprintf(file, sizeof(file), "%s.html", t->name);
	L->dir = t->dir;
	return set_path(L, file);
}

/* Resolves each partial, and refuses a cycle (depth first). */
static int
tmpl_link(struct loader *L, struct tmpl *t)
{
	struct tmpl_set *set = L->set;
	const struct tmpl *p;
	size_t i;

	t->mark = 1;
	for (i = 0; i < t->n; i++) {
		struct node *n = &t->nodes[i];

		if (n->kind != NODE_PARTIAL)
			continue;
		if ((p = tmpl_find(set, n->s)) == NULL) {
			tmpl_path(L, t);
			return lerr(L, n->line, "no template %s.html", n->s);
		}
		n->ref = (size_t)(p - set->t);
		if (p->mark == 1) {
			tmpl_path(L, t);
			return lerr(L, n->line, "{{>%s}} makes a cycle", n->s);
		}
		if (p->mark == 0 && tmpl_link(L, &set->t[n->ref]) == -1)
			return -1;
	}
	t->mark = 2;
	return 0;
}

/* Notes a file of directory d: a catalogue or a template.  A template
 * name in two directories is refused: which one is meant would depend on
 * the order given. */
static int
add_entry(struct loader *L, size_t d, const char *file)
{
	struct tmpl_set *set = L->set;
	size_t n = strlen(file), i;

	if (n == 10 && strncmp(file, "strings.", 8) == 0 && is_lower(file[8]) &&
	    is_lower(file[9])) {
		struct cat *c = NULL;

		for (i = 0; i < set->ncat; i++)
			if (strcmp(set->cat[i].lang, file + 8) == 0)
				c = &set->cat[i];
		if (c == NULL) {
			set->cat =
			    xrealloc(set->cat, (set->ncat + 1) * sizeof(*c));
			c = &set->cat[set->ncat++];
			memset(c, 0, sizeof(*c));
			memcpy(c->lang, file + 8, 3);
		}
		c->in |= 1u << d;
	} else if (n > 5 && strcmp(file + n - 5, ".html") == 0 &&
	    file[0] != '.') {
		struct tmpl *t;

		for (i = 0; i < set->nt; i++)
			if (strncmp(set->t[i].name, file, n - 5) == 0 &&
			    set->t[i].name[n - 5] == '\0')
				return lerr(L, 0, "%s is also in %s", file,
				    set->dirs[set->t[i].dir]);
		set->t = xrealloc(set->t, (set->nt + 1) * sizeof(*t));
		t = &set->t[set->nt++];
		memset(t, 0, sizeof(*t));
		t->name = xstrdup(file);
		t->name[n - 5] = '\0';
		t->dir = d;
	}
	return 0;
}

static int
scan_dir(struct loader *L, size_t d)
{
	DIR *dp;
	struct dirent *e;
	int rc = 0;

	L->dir = d;
	snprintf(L->path, sizeof(L->path), "%s", L->set->dirs[d]);
	if ((dp = opendir(L->set->dirs[d])) == NULL)
		return lerr(L, 0, "%s", strerror(errno));
	while (rc == 0 && (e = readdir(dp)) != NULL)
		rc = add_entry(L, d, e->d_name);
	closedir(dp);
	return rc;
}

static int
scan_dirs(struct loader *L)
{
	size_t d;

	for (d = 0; d < L->set->ndirs; d++)
		if (scan_dir(L, d) == -1)
			return -1;
	if (L->set->nt > 0)
		qsort(L->set->t, L->set->nt, sizeof(*L->set->t), tmpl_cmp);
	return 0;
}

static int
tmpls_load(struct loader *L)
{
	struct tmpl_set *set = L->set;
	size_t i;

	for (i = 0; i < set->nt; i++) {
		struct tmpl *t = &set->t[i];

		if (tmpl_path(L, t) == -1)
			return -1;
		if (!valid_name(t->name, strlen(t->name)))
			return lerr(L, 0, "not a template name");
		if (read_file(L, &t->src) == -1 || tmpl_parse(L, t) == -1)
			return -1;
	}
	for (i = 0; i < set->nt; i++)
		if (set->t[i].mark == 0 && tmpl_link(L, &set->t[i]) == -1)
			return -1;
	return 0;
}

struct tmpl_set *
tmpl_load(const char *dir, char *err, size_t errlen)
{
	return tmpl_load_dirs(&dir, 1, err, errlen);
}

struct tmpl_set *
tmpl_load_dirs(const char *const *dirs, size_t ndirs, char *err, size_t errlen)
{
	struct loader L;
	struct tmpl_set *set = xmalloc(sizeof(*set));
	size_t d;

	memset(set, 0, sizeof(*set));
	if (ndirs == 0 || ndirs > TMPL_MAXDIRS) {
		snprintf(err, errlen, "templates: 1 to %d directories",
		    TMPL_MAXDIRS);
		free(set);
		return NULL;
	}
	for (d = 0; d < ndirs; d++)
		set->dirs[d] = xstrdup(dirs[d]);
	set->ndirs = ndirs;
	memset(&L, 0, sizeof(L));
	L.set = set;
	L.err = err;
	L.errlen = errlen;
	if (errlen > 0)
		err[0] = '\0';
	if (scan_dirs(&L) == -1 || cats_load(&L) == -1 ||
	    tmpls_load(&L) == -1) {
		tmpl_free(set);
		return NULL;
	}
	return set;
}

void
tmpl_free(struct tmpl_set *set)
{
	size_t i, d;

	if (set == NULL)
		return;
	for (i = 0; i < set->nt; i++) {
		free(set->t[i].name);
		free(set->t[i].src);
		free(set->t[i].nodes);
	}
	for (i = 0; i < set->ncat; i++) {
		for (d = 0; d < set->ndirs; d++)
			free(set->cat[i].src[d]);
		free(set->cat[i].kv);
	}
	free(set->t);
	free(set->cat);
	for (d = 0; d < set->ndirs; d++)
		free(set->dirs[d]);
	free(set);
}
