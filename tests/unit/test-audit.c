/*
 * The access log's row hash against the verifier's formula computed by
 * the shell: motcua-audit-verify recomputes each row as
 * SHA2(CONCAT_WS('|', prev_hash, at, actor_kind, actor, citizen_id,
 * fields, purpose, COALESCE(request_id, '')), 256); here the same bytes
 * are joined by printf and digested by sha256sum (the verifier's digest
 * tool) and by openssl dgst, and both must equal audit_row_hash.  The
 * values reach the shell through the environment, never its command line.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "tap.h"

static const char *const shells[] = {
	"sha256sum",
	"openssl dgst -sha256 -r",
};

/*
 * Runs printf over the eight parts, piped to digest; writes the first
 * word of its answer into hex.  Returns 0, or -1 when it gave none.
 */
static int
shell_hash(const char *const parts[8], const char *digest, char hex[65])
{
	char cmd[512], line[256], var[3];
	FILE *p;
	int i, rc;

	for (i = 0; i < 8; i++) {
		var[0] = 'H';
		var[1] = (char)('0' + i);
		var[2] = '\0';
		setenv(var, parts[i], 1);
	}
	snprintf(cmd, sizeof(cmd),
	    "printf '%%s|%%s|%%s|%%s|%%s|%%s|%%s|%%s' \"$H0\" \"$H1\" \"$H2\" "
	    "\"$H3\" \"$H4\" \"$H5\" \"$H6\" \"$H7\" | %s",
	    digest);
	if ((p = popen(cmd, "r")) == NULL)
		return -1;
	rc = fgets(line, sizeof(line), p) != NULL &&
	        strspn(line, "0123456789abcdef") == 64
	    ? 0
	    : -1;
	if (pclose(p) != 0)
		rc = -1;
	if (rc == 0) {
		memcpy(hex, line, 64);
		hex[64] = '\0';
	}
	return rc;
}

static const struct {
	const char *at, *kind, *actor, *cid, *fields, *purpose, *request;
} rows[] = {
	{ "2026-01-02 03:04:05.678000", "official", "cb00004", "42",
	    "identity,residence", "Giải quyết thủ tục đăng ký thường trú",
	    "req-0001" },
	/* no request id: the verifier's COALESCE makes it "" */
	{ "2026-01-02 03:04:05.678000", "exchange", "bo-cong-an", "43",
	    "identity", "Xác minh nhân thân theo yêu cầu", NULL },
	/* bytes a shell or printf could take for syntax */
	{ "2026-12-31 23:59:59.999000", "citizen", "001090123456",
	    "9007199254740993", "a|b", "50% \\n 'q' \"$(x)\" `y`", "-" },
};

int
main(void)
{
	/* the first row's hash, pinned, so both sides cannot drift together */
	static const char first[] =
	    "f05c1faf916f27b6a9394bcb9d6e17cb3e5dba127e32b828d9befc1fa86e0abd";
	char prev[65], hash[65], want[65];
	size_t i, j;

	memset(prev, '0', 64);
	prev[64] = '\0';
	for (i = 0; i < sizeof(rows) / sizeof(*rows); i++) {
		struct audit_read ar = { rows[i].kind, rows[i].actor, 0,
			rows[i].fields, rows[i].purpose, rows[i].request };
		const char *const parts[8] = { prev, rows[i].at, rows[i].kind,
			rows[i].actor, rows[i].cid, rows[i].fields,
			rows[i].purpose,
			rows[i].request != NULL ? rows[i].request : "" };

		audit_row_hash(prev, rows[i].at, &ar, rows[i].cid, hash);
		for (j = 0; j < sizeof(shells) / sizeof(*shells); j++) {
			if (!ok(shell_hash(parts, shells[j], want) == 0,
			        "row %zu: %s answers", i + 1, shells[j]))
				continue;
			is_str(hash, want, "row hash as the shell computes it");
		}
		if (i == 0)
			is_str(hash, first, "the first row's pinned hash");
		memcpy(prev, hash, sizeof(prev));
	}
	return tap_done();
}
