/*
 * HTML templates: a logic-less Mustache subset whose values are escaped
 * by where they land, decided when the templates are loaded.
 *
 * One directory holds a module's templates (NAME.html) and its string
 * catalogues (strings.LANG, LANG two lower-case letters: "key = value"
 * lines, '#' comments; strings.vi is required and all have the same
 * keys).  tmpl_load() reads and checks everything once, before the
 * workers fork; tmpl_render() only walks the parsed nodes.  Files are
 * UTF-8 of at most 256 KiB.
 *
 * Tags (NAME is [A-Za-z0-9_.-]+, a dot an ordinary character; spaces
 * around it are allowed; a tag stays on one line):
 *   {{NAME}}       the value NAME from the current row, then the scopes
 *                  outward, then the built-ins (lang: the language
 *                  rendered); unset renders nothing
 *   {{NAME|F}}     one filter F: date (YYYY-MM-DD[ T...] -> dd/mm/yyyy),
 *                  datetime (YYYY-MM-DD HH:MM[:SS], or with 'T' ->
 *                  dd/mm/yyyy HH:MM), group4 (a space after every 4
 *                  characters), upper (ASCII), @PREFIX (the catalogue
 *                  string PREFIX.VALUE, else the value); any other input
 *                  to date or datetime is output unchanged
 *   {{@KEY}}       the catalogue string KEY (which strings.vi must have)
 *   {{#NAME}}...{{/NAME}}  once per row of the list NAME, the row's scope
 *                  pushed; once if NAME is a value other than unset, "",
 *                  "0" and "false"; nesting at most 16 deep
 *   {{^NAME}}...{{/NAME}}  once when {{#NAME}} would render nothing
 *   {{>NAME}}      the template NAME.html (no cycle)
 *   {{!...}}       nothing (may span lines)
 * No literal "{{", no {{{ }}}, no standalone-line trimming.
 *
 * Contexts.  An HTML tokenizer follows the literal text, and a value
 * (or {{@KEY}}) is allowed in:
 *   text, and <title>/<textarea> text: text_html() (a tv_set_html value
 *     is written as is in text only);
 *   a quoted attribute value: text_html();
 *   the start of a quoted URL attribute value (href, src, action,
 *     formaction, cite, poster, data, xlink:href, srcset, ...): "#unsafe"
 *     unless /path (not //), ?query, #frag, http(s)://, mailto:, tel: or
 *     relative (no ':' before the first / ? #), no control byte or '\';
 *     then text_html();
 *   later in a URL attribute value (after any text or tag): every byte
 *     outside [A-Za-z0-9-._~] percent-encoded.
 * Anywhere else it is a load error: tag and attribute names, unquoted
 * values, the values of on*, style, srcdoc and SVG animation attributes
 * (to, from, by, values, attributename), any attribute of <script>,
 * <meta> or <base>, <script>, <style>, <xmp>, <iframe>, <noscript>,
 * <noembed> and <noframes> content, comments, <!DOCTYPE>.  A <script>
 * must have a blank body (our CSP refuses inline script); inside those
 * elements and <title>/<textarea> a '<' must open the end tag; only
 * <!-- --> and <!DOCTYPE> follow "<!"; <plaintext> and <? are refused.
 * The tokenizer is stricter than HTML where HTML is lax: no space
 * before '=', a space after a quoted value, no quote, '<', '=' or '`'
 * where a name or unquoted value is; every template ends in text.
 *
 * Sections may open in text, in <title>/<textarea> text, in a quoted
 * value where a value may go, or inside a tag where an attribute can
 * begin or end (after the tag name, an attribute name, a quoted value or
 * a space).  The close must find the tokenizer in the state the open
 * left it in (state, element, attribute kind), so rendering the body
 * any number of times never changes the context of what follows.
 * Inside a tag the renderer writes a space at the open and after each
 * rendering of the body, and the tokenizer reads those spaces, so
 * <input {{#on}}checked{{/on}}> never glues names (checkedchecked, or
 * "on" + "click").  A partial is included from text and, like every
 * template, starts and ends in text.
 */
#ifndef MOTCUA_TMPL_H
#define MOTCUA_TMPL_H

#include <stddef.h>

struct arena;
struct buf;
struct tmpl_set; /* one directory's templates and strings */
struct tv; /* a scope of values, in a request's arena */

/*
 * Loads every NAME.html and every strings.LANG in dir.  Returns the set
 * (free with tmpl_free), or NULL with "file:line: what" in err.
 */
struct tmpl_set *tmpl_load(const char *dir, char *err, size_t errlen);
/*
 * The same over several directories (at most 4), e.g. the pages every
 * module shares and then the module's own: their templates together (a
 * name in two directories is an error) and each language's strings
 * merged (a key in two directories is an error; the merged catalogues
 * must have the same keys).
 */
struct tmpl_set *
tmpl_load_dirs(const char *const *dirs, size_t ndirs, char *err, size_t errlen);
void tmpl_free(struct tmpl_set *);

/* 1 if the set has a template of this name (the file name less .html). */
int tmpl_has(const struct tmpl_set *, const char *name);

/*
 * The catalogue string key in lang (unknown lang: vi), unescaped, owned
 * by the set; NULL if there is no such key.
 */
const char *
tmpl_string(const struct tmpl_set *, const char *lang, const char *key);

/* 1 if lang (e.g. "en") has a strings file in the set. */
int tmpl_has_lang(const struct tmpl_set *, const char *lang);

/* A new, empty scope allocated from the arena (and its rows too). */
struct tv *tv_new(struct arena *);

/*
 * Sets name to UTF-8 text (NULL: unset, which also hides an outer value
 * of that name), escaped on output by context.  Neither pointer is
 * copied: both must live as long as the arena.  Setting a name again
 * replaces its value.
 */
void tv_set(struct tv *, const char *name, const char *text);

/*
 * Sets name to trusted, complete markup made by our own code (an inline
 * SVG): output as is in text context, escaped like text anywhere else or
 * through a filter.
 */
void tv_set_html(struct tv *, const char *name, const char *html);

/*
 * Appends a row (a child scope, from the same arena) to the list called
 * name, creating the list; returns the row's scope.
 */
struct tv *tv_add_row(struct tv *, const char *name);

/*
 * Renders template name in lang (unknown or NULL: vi) with the values in
 * v (may be NULL), appending to out.  Returns 0, or -1 when there is no
 * such template (nothing appended).
 */
int tmpl_render(const struct tmpl_set *, const char *name, const char *lang,
    const struct tv *v, struct buf *out);

#endif
