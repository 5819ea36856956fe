/*
 * log_escape: what request data becomes in a log line.  Nothing that
 * leaves it can end the line, close a quoted value, or read as anything
 * but printable ASCII; a value too long is cut between escapes, never
 * inside one, and never past the buffer.
 *
 * The syslog datagrams (MOTCUA_SYSLOG names the socket): a line as
 * syslog(3) sends it, and a daemon that restarts gets the next line on
 * a new connection at once.
 */
#include "config.h"

#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>

#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "tap.h"

static const char *
esc(const char *s)
{
	static char out[256];

	return log_escape(out, sizeof(out), s);
}

/* Whether s is printable ASCII without a double quote. */
static int
printable(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e ||
		    *s == '"')
			return 0;
	return 1;
}

static void
bytes(void)
{
	char in[2] = { 0, 0 }, out[8], want[8];
	int c, kept = 0, hexed = 0, bad = 0;

	for (c = 1; c < 256; c++) {
		in[0] = (char)c;
		log_escape(out, sizeof(out), in);
		if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
			kept += strcmp(out, in) == 0;
			continue;
		}
		snprintf(want, sizeof(want), "\\x%02x", c);
		hexed += strcmp(out, want) == 0;
		bad += !printable(out);
	}
	ok(kept == 0x7f - 0x20 - 2, "printable ASCII but \" and \\ is kept");
	ok(hexed == 255 - (0x7f - 0x20 - 2),
	    "every other byte becomes \\xNN, lower-case hex");
	ok(bad == 0, "no escaped byte leaves anything but printable ASCII");
}

static void
values(void)
{
	char out[16];

	is_str(esc("GET /residence/health"), "GET /residence/health",
	    "plain text unchanged");
	is_str(esc("a\nb"), "a\\x0ab", "newline");
	is_str(esc("a\r\nforged=1"), "a\\x0d\\x0aforged=1",
	    "CR LF: no second log line");
	is_str(esc("\t\x1b[31m"), "\\x09\\x1b[31m", "tab and terminal escape");
	is_str(esc("\x7f"), "\\x7f", "DEL");
	is_str(esc("x\" status=200 y=\""), "x\\x22 status=200 y=\\x22",
	    "a quote cannot close the quoted value");
	is_str(esc("\\x0a"), "\\x5cx0a",
	    "a backslash is escaped: an escape in the input stays visible");
	is_str(esc("Nguy\xe1\xbb\x85n"), "Nguy\\xe1\\xbb\\x85n",
	    "UTF-8 is escaped byte by byte");
	is_str(esc("\xff\xfe\xc3("), "\\xff\\xfe\\xc3(", "invalid UTF-8 too");
	is_str(esc(""), "", "empty");
	is_str(esc(NULL), "", "NULL reads as empty");
	ok(log_escape(out, sizeof(out), "x") == out, "returns dst");
}

static void
limits(void)
{
	static const char src[] = "ab\ncd\"e";
	static const char full[] = "ab\\x0acd\\x22e";
	char out[32], longv[300];
	size_t sz, i, bad = 0;

	memset(out, '#', sizeof(out));
	log_escape(out, 0, "abc");
	ok(out[0] == '#', "size 0: nothing written");
	log_escape(out, 1, "abc");
	ok(out[0] == '\0' && out[1] == '#', "size 1: just the NUL");

	/* every size: a prefix of the whole escape that ends between two
	 * escapes, NUL-terminated within the size, nothing written past it */
	for (sz = 1; sz <= sizeof(full); sz++) {
		size_t n;

		memset(out, '#', sizeof(out));
		log_escape(out, sz, src);
		n = strlen(out);
		if (n >= sz || strncmp(out, full, n) != 0 || out[sz] != '#' ||
		    (n > 0 && out[n - 1] == '\\') ||
		    (n > 1 && out[n - 2] == '\\') ||
		    (n > 2 && out[n - 3] == '\\' && out[n - 2] == 'x'))
			bad++;
	}
	ok(bad == 0, "a cut falls between escapes, inside the buffer");
	log_escape(out, 6, "ab\n");
	is_str(out, "ab", "an escape that does not fit is left out whole");
	log_escape(out, 7, "ab\n");
	is_str(out, "ab\\x0a", "and one that fits exactly is kept");

	memset(longv, 'a', sizeof(longv) - 1);
	longv[sizeof(longv) - 1] = '\0';
	{
		char small[128];

		memset(small, '#', sizeof(small));
		log_escape(small, sizeof(small), longv);
		ok(strlen(small) == sizeof(small) - 1,
		    "a long value fills the buffer to its last byte");
		for (i = 0; i < sizeof(small) - 1; i++)
			bad += small[i] != 'a';
		ok(bad == 0, "with the value's first bytes");
	}
	memset(longv, '\n', sizeof(longv) - 1);
	{
		char small[128];

		log_escape(small, sizeof(small), longv);
		ok(strlen(small) == 124,
		    "a long value of escapes: whole escapes only (31 of them)");
		ok(printable(small), "still printable");
	}
}

/* A datagram socket bound at path, reads timing out after a second. */
static int
listener(const char *path)
{
	struct sockaddr_un sa;
	struct timeval tv = { 1, 0 };
	int fd = socket(AF_UNIX, SOCK_DGRAM, 0);

	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
	unlink(path);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	return fd;
}

static const char *
datagram(int fd)
{
	static char got[2048];
	ssize_t n = fd >= 0 ? recv(fd, got, sizeof(got) - 1, 0) : -1;

	got[n > 0 ? n : 0] = '\0';
	return got;
}

static int
matches(const char *s, const char *re)
{
	regex_t rx;
	int m;

	if (regcomp(&rx, re, REG_EXTENDED | REG_NOSUB) != 0)
		return 0;
	m = regexec(&rx, s, 0, NULL, 0) == 0;
	regfree(&rx);
	return m;
}

static void
to_syslog(void)
{
	char dir[] = "/tmp/test-log.XXXXXX", path[128], want[160];
	const char *got;
	int fd;

	if (mkdtemp(dir) == NULL) {
		ok(0, "a temporary directory");
		return;
	}
	snprintf(path, sizeof(path), "%s/log", dir);
	fd = listener(path);
	ok(fd >= 0, "a syslog socket to listen on");
	setenv("MOTCUA_SYSLOG", path, 1);
	log_init("test-log", 0);
	log_info("line %d", 1);
	got = datagram(fd);
	snprintf(want, sizeof(want),
	    "^<30>[A-Z][a-z]{2} [ 1-3][0-9] [0-9]{2}:[0-9]{2}:[0-9]{2} "
	    "test-log\\[%d\\]: to_syslog: line 1$",
	    (int)getpid());
	if (!ok(matches(got, want), "a line as syslog(3) sends it"))
		printf("# got \"%s\"\n", got);
	log_access("req=%s status=%d", "x-1", 200);
	got = datagram(fd);
	if (!ok(matches(
	            got, "^<30>.* test-log\\[[0-9]+\\]: req=x-1 status=200$"),
	        "an access line, without a function name"))
		printf("# got \"%s\"\n", got);
	/* the daemon restarts: a new socket at the same path */
	close(fd);
	fd = listener(path);
	log_warnx("after %s", "restart");
	got = datagram(fd);
	if (!ok(matches(got, "^<28>.*: to_syslog: after restart$"),
	        "the next line reaches the new socket at once"))
		printf("# got \"%s\"\n", got);
	close(fd);
	unlink(path);
	rmdir(dir);
	unsetenv("MOTCUA_SYSLOG");
}

int
main(void)
{
	bytes();
	values();
	limits();
	to_syslog();
	return tap_done();
}
