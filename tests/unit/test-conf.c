/*
 * The option-file reader: groups, values, comments, malformed lines, the
 * line-length limit, and conf_int's ranges.
 */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"
#include "tap.h"

static char path[4096];

/* Writes text to the test's option file and reads group from it. */
static struct conf *
load(const char *text, const char *group)
{
	FILE *f;

	if ((f = fopen(path, "w")) == NULL || fputs(text, f) == EOF ||
	    fclose(f) != 0) {
		perror(path);
		exit(1);
	}
	return conf_load(path, group);
}

static void
groups(void)
{
	struct conf *c;

	c = load("# a comment\n"
	         "; another\n"
	         "!include /nowhere/else.cnf\n"
	         "[client-residence]\n"
	         "user = motcua_residence\n"
	         "agency = from-the-client-group\n"
	         "[residence]\n"
	         "agency = 000.00.15.H26\n"
	         "  public_url   =   https://example.org/x  \n"
	         "quoted = \"a b \"\n"
	         "half = \"open\n"
	         "flag\n"
	         "empty =\n"
	         "max-body = 100\n"
	         "[exchange]\n"
	         "endpoint_url = https://gw.example.org\n"
	         "[ residence ]\n"
	         "agency = 000.00.15.H27\n",
	    "residence");
	if (!ok(c != NULL, "a well-formed file loads"))
		return;
	is_str(conf_path(c), path, "conf_path is the file read");
	is_str(conf_get(c, "agency", NULL), "000.00.15.H27",
	    "a group opened twice: the last setting wins");
	is_str(conf_get(c, "public_url", NULL), "https://example.org/x",
	    "space around key and value is trimmed");
	is_str(conf_get(c, "quoted", NULL), "a b ",
	    "double quotes are stripped, the space inside kept");
	is_str(conf_get(c, "half", NULL), "\"open",
	    "an unclosed quote is kept as it is");
	is_str(conf_get(c, "flag", NULL), "1", "a bare key reads as 1");
	is_str(conf_get(c, "empty", "dflt"), "",
	    "an empty value is empty, not the default");
	is_str(conf_get(c, "max_body", NULL), "100",
	    "'-' in the file matches '_' in the key");
	is_str(conf_get(c, "max-body", NULL), "100", "and '-' matches '-'");
	is_str(conf_get(c, "user", "none"), "none",
	    "another group's keys are not read");
	is_str(conf_get(c, "endpoint_url", NULL), NULL,
	    "a later group's keys are not read");
	is_str(conf_get(c, "max", "dflt"), "dflt", "a key's prefix is no key");
	is_str(conf_get(c, "max_body_x", "dflt"), "dflt",
	    "a longer key is no key");
	is_str(conf_get(c, "# a comment", NULL), NULL,
	    "comment lines are not keys");
	is_str(conf_get(c, "!include /nowhere/else.cnf", NULL), NULL,
	    "!include lines are not keys");
	conf_free(c);

	c = load("[client-residence]\nuser = x\n", "residence");
	ok(c != NULL && conf_get(c, "user", NULL) == NULL,
	    "a file without the group loads empty");
	conf_free(c);

	c = load("[residence]\r\nagency = A\r\n", "residence");
	is_str(c != NULL ? conf_get(c, "agency", NULL) : NULL, "A",
	    "CRLF line ends are trimmed");
	conf_free(c);

	c = load("[residence]\nagency = A", "residence");
	is_str(c != NULL ? conf_get(c, "agency", NULL) : NULL, "A",
	    "a last line without a newline is read");
	conf_free(c);
}

static void
malformed(void)
{
	char *big;
	size_t n;

	ok(conf_load("/nonexistent/motcua.cnf", "residence") == NULL,
	    "a missing file: NULL");
	ok(load("[residence]\nagency = A\n[exchange\n", "residence") == NULL,
	    "an unclosed group header: NULL");
	ok(load("[other\n[residence]\nagency = A\n", "residence") == NULL,
	    "an unclosed header in another group: NULL too");

	/* a line longer than the reader's buffer is refused, not cut: the
	 * cut-off tail would otherwise read as a line of its own */
	n = 3000;
	big = malloc(n + 64);
	strcpy(big, "[residence]\nagency = ");
	memset(big + strlen(big), 'x', 1100);
	strcpy(
	    big + strlen("[residence]\nagency = ") + 1100, " max_body = 1\n");
	ok(load(big, "residence") == NULL, "a line over 1023 bytes: NULL");

	/* the limit itself: 1023 bytes of line fit */
	strcpy(big, "[residence]\nk=");
	memset(big + 14, 'y', 1021);
	strcpy(big + 14 + 1021, "\n");
	{
		struct conf *c = load(big, "residence");
		const char *v = c != NULL ? conf_get(c, "k", NULL) : NULL;

		ok(v != NULL && strlen(v) == 1021,
		    "a line of 1023 bytes is read whole");
		conf_free(c);
	}
	strcpy(big + 14 + 1021, "z\n");
	ok(load(big, "residence") == NULL, "one byte more: NULL");
	strcpy(big + 14 + 1021, "z");
	ok(load(big, "residence") == NULL,
	    "and at the end of the file without a newline too");
	free(big);

	{
		struct conf *c = load("[residence]\nagency = A\n", "residence");

		ok(c != NULL &&
		        conf_parse("m", "[residence]\nagency = A\0x\n", 24,
		            "residence") == NULL,
		    "a NUL byte in a line: NULL");
		conf_free(c);
	}
}

static void
memory(void)
{
	static const char text[] = "[residence]\nagency = A\nx = 1";
	struct conf *c;

	/* the last byte is not given: "x = " is the last line */
	c = conf_parse("mem", text, sizeof(text) - 2, "residence");
	is_str(c != NULL ? conf_path(c) : NULL, "mem",
	    "conf_parse: the name stands for the file");
	is_str(c != NULL ? conf_get(c, "agency", NULL) : NULL, "A",
	    "conf_parse reads a buffer");
	is_str(c != NULL ? conf_get(c, "x", NULL) : NULL, "",
	    "and not past its length");
	conf_free(c);
	c = conf_parse("mem", "", 0, "residence");
	ok(c != NULL && conf_get(c, "agency", NULL) == NULL,
	    "an empty buffer: an empty conf");
	conf_free(c);
}

static void
ints(void)
{
	struct conf *c;

	c = load("[m]\n"
	         "n = 42\n"
	         "lo = 1\n"
	         "hi = 10\n"
	         "under = 0\n"
	         "over = 11\n"
	         "neg = -5\n"
	         "junk = 12a\n"
	         "hex = 0x10\n"
	         "empty =\n"
	         "space = 4 2\n"
	         "huge = 99999999999999999999999\n"
	         "nhuge = -99999999999999999999999\n"
	         "max = 9223372036854775807\n",
	    "m");
	if (!ok(c != NULL, "the integers file loads"))
		return;
	ok(conf_int(c, "n", 7, 0, 100) == 42, "a value in range");
	ok(conf_int(c, "absent", 7, 0, 100) == 7, "absent: the default");
	ok(conf_int(c, "absent", 700, 0, 100) == 700,
	    "the default is not range-checked");
	ok(conf_int(c, "lo", 7, 1, 10) == 1, "the minimum is in range");
	ok(conf_int(c, "hi", 7, 1, 10) == 10, "the maximum is in range");
	ok(conf_int(c, "under", 7, 1, 10) == -1, "below the minimum: -1");
	ok(conf_int(c, "over", 7, 1, 10) == -1, "above the maximum: -1");
	ok(conf_int(c, "neg", 7, 0, 10) == -1, "negative below 0: -1");
	ok(conf_int(c, "neg", 7, -10, 10) == -5, "negative when allowed");
	ok(conf_int(c, "junk", 7, 0, 100) == -1, "trailing junk: -1");
	ok(conf_int(c, "hex", 7, 0, 100) == -1, "hexadecimal: -1");
	ok(conf_int(c, "empty", 7, 0, 100) == -1, "an empty value: -1");
	ok(conf_int(c, "space", 7, 0, 100) == -1, "space inside: -1");
	ok(conf_int(c, "huge", 7, 0, LONG_MAX) == -1,
	    "overflow is out of range, even up to LONG_MAX");
	ok(conf_int(c, "nhuge", 7, LONG_MIN, 0) == -1,
	    "negative overflow likewise");
	ok(conf_int(c, "max", 7, 0, LONG_MAX) == LONG_MAX,
	    "LONG_MAX itself is a value");
	conf_free(c);
}

int
main(void)
{
	const char *tmp = getenv("TMPDIR");
	int fd;

	snprintf(path, sizeof(path), "%s/test-conf.XXXXXX",
	    tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
	if ((fd = mkstemp(path)) < 0) {
		perror(path);
		return 1;
	}
	close(fd);
	groups();
	malformed();
	memory();
	ints();
	unlink(path);
	return tap_done();
}
