# Helpers for the integration tests (sourced).  Each test prints TAP lines
# without a plan; tests/integration/run numbers them and writes the plan.
# The stack's settings come from $STACK_DIR/env.  ok, is, like and unlike
# return 1 when they fail, so that "ok ... || sed ... log" shows why.
# shellcheck shell=bash

. "$STACK_DIR/env"
T_FAILED=0
T_TMP=$(mktemp -d)

ok() {	# ok CONDITION-STATUS DESCRIPTION
	if [ "$1" -eq 0 ]; then
		echo "ok - $2"
	else
		echo "not ok - $2"
		T_FAILED=1
		return 1
	fi
}

is() {	# is GOT WANT DESCRIPTION
	if [ "$1" = "$2" ]; then
		echo "ok - $3"
	else
		echo "not ok - $3"
		echo "# got:  $1"
		echo "# want: $2"
		T_FAILED=1
		return 1
	fi
}

like() {	# like GOT REGEX DESCRIPTION
	if printf '%s' "$1" | grep -Eq -- "$2"; then
		echo "ok - $3"
	else
		echo "not ok - $3"
		echo "# got:  $(printf '%s' "$1" | head -c 600)"
		echo "# want: /$2/"
		T_FAILED=1
		return 1
	fi
}

unlike() {	# unlike GOT REGEX DESCRIPTION
	if printf '%s' "$1" | grep -Eq -- "$2"; then
		echo "not ok - $3"
		echo "# got:  $(printf '%s' "$1" | head -c 600)"
		T_FAILED=1
		return 1
	else
		echo "ok - $3"
	fi
}

sql() {	# sql QUERY: one value per line, tab-separated columns
	mariadb --defaults-file="$MYCNF" -N -B motcua -e "$1"
}

# http METHOD PATH [curl args...]: sets STATUS, BODY and HEADERS
http() {
	local m=$1 p=$2
	shift 2
	STATUS=$(curl -sS -o "$T_TMP/body" -D "$T_TMP/headers" -w '%{http_code}' \
	    -X "$m" "$@" "$BASE$p")
	BODY=$(cat "$T_TMP/body")
	HEADERS=$(cat "$T_TMP/headers")
}

# json_in FILE KEY [KEY2]: a scalar (a string unquoted; a number, true,
# false or null as written) from the JSON in FILE (- for standard input):
# KEY's, or KEY2's inside KEY's object; the last in the document, at any
# depth.  Nothing when there is none, or FILE is not JSON.
json_in() {
	jq -r --arg k "$2" --arg k2 "${3-}" '
	    [paths(scalars) as $p
	     | select(if $k2 == "" then $p[-1] == $k
	              else ($p | length) >= 2 and $p[-1] == $k2 and $p[-2] == $k end)
	     | getpath($p)]
	    | if length > 0 then last else empty end' "$1" 2>/dev/null
}

# json KEY [KEY2]: the same from $BODY
json() { printf '%s' "$BODY" | json_in - "$@"; }

# json_text KEY: the first value of KEY in $BODY (at any depth), as compact
# JSON text; nothing when there is none
json_text() {
	printf '%s' "$BODY" | jq -c --arg k "$1" \
	    'first(.. | objects | select(has($k)) | .[$k])' 2>/dev/null
}

# A demo citizen who can sign on, by position in the htpasswd file.
citizen() { sed -n "${1}p" "$STACK_DIR/nginx/citizens.htpasswd" | cut -d: -f1; }
official() { sed -n "${1}p" "$STACK_DIR/nginx/officials.htpasswd" | cut -d: -f1; }

# Fixtures from the demo families (motcua-gendemo), picked by SQL: the
# Nth (from 1, by id) of the living people who qualify now, printed as
# personal numbers.  Deterministic for a given database: a test that
# changes someone's status (a marriage, a death) changes whom a later call
# picks, so take a different N for each fixture a test must keep apart,
# and call them before the change.  Only the first 2000 citizens can sign
# on at first (citizen N); can_sign_on adds others.
#   married_citizen N    married, in an open marriage
#   married_couple N     HUSBAND WIFE, married to each other
#   single_woman N       single (never married), 18 or older
#   single_man N         single (never married), 20 or older
#   divorced_citizen N   divorced, not married again
#   widowed_citizen N    widowed, not married again
#   unknown_status N     the database does not know their marital status
#   mother_with_child N  MOTHER CHILD, both living, a mother link between them
#   unwed_mother N       MOTHER CHILD: she was not married at the birth
#   deceased_citizen N   deceased (death_date set)
demo_pick() {	# demo_pick N FROM-AND-WHERE: the Nth row of pids, by id
	sql "SELECT $2 LIMIT 1 OFFSET $(($1 - 1))"
}
living_with() {	# living_with N STATUS SEX MIN-AGE
	demo_pick "$1" "c.pid FROM citizen c WHERE c.death_date IS NULL
	    AND c.marital_status ${2:+= '$2'} $([ -z "$2" ] && echo 'IS NULL')
	    ${3:+AND c.sex = '$3'}
	    AND TIMESTAMPDIFF(YEAR, c.birth_date, CURDATE()) >= ${4:-0}
	    AND NOT EXISTS (SELECT 1 FROM marriage m WHERE m.ended_on IS NULL
	    AND c.id IN (m.party_a, m.party_b)) ORDER BY c.id"
}
married_citizen() {
	demo_pick "$1" "c.pid FROM citizen c WHERE c.death_date IS NULL
	    AND c.marital_status = 'married' AND EXISTS (SELECT 1 FROM marriage m
	    WHERE m.ended_on IS NULL AND c.id IN (m.party_a, m.party_b))
	    ORDER BY c.id"
}
married_couple() {
	demo_pick "$1" "CONCAT(IF(a.sex = 'M', a.pid, b.pid), ' ',
	    IF(a.sex = 'M', b.pid, a.pid)) FROM marriage m
	    JOIN citizen a ON a.id = m.party_a JOIN citizen b ON b.id = m.party_b
	    WHERE m.ended_on IS NULL AND a.death_date IS NULL
	    AND b.death_date IS NULL AND a.marital_status = 'married'
	    AND b.marital_status = 'married' ORDER BY m.id"
}
single_woman() { living_with "$1" single F 18; }
single_man() { living_with "$1" single M 20; }
divorced_citizen() { living_with "$1" divorced "" 18; }
widowed_citizen() { living_with "$1" widowed "" 18; }
unknown_status() { living_with "$1" "" "" 18; }
mother_with_child() {
	demo_pick "$1" "CONCAT(m.pid, ' ', k.pid) FROM parent_link l
	    JOIN citizen m ON m.id = l.parent_id JOIN citizen k ON k.id = l.child_id
	    WHERE l.role = 'mother' AND m.death_date IS NULL
	    AND k.death_date IS NULL ORDER BY l.child_id"
}
unwed_mother() {
	demo_pick "$1" "CONCAT(m.pid, ' ', k.pid) FROM parent_link l
	    JOIN citizen m ON m.id = l.parent_id JOIN citizen k ON k.id = l.child_id
	    WHERE l.role = 'mother' AND m.death_date IS NULL
	    AND k.death_date IS NULL AND NOT EXISTS (SELECT 1 FROM marriage x
	    WHERE m.id IN (x.party_a, x.party_b) AND x.married_on <= k.birth_date
	    AND (x.ended_on IS NULL OR x.ended_on > k.birth_date))
	    ORDER BY l.child_id"
}
deceased_citizen() {
	demo_pick "$1" "c.pid FROM citizen c WHERE c.death_date IS NOT NULL
	    ORDER BY c.id"
}
# can_sign_on PID...: the citizens can sign on with the demo password
can_sign_on() {
	local f=$STACK_DIR/nginx/citizens.htpasswd hash p
	hash=$(cut -d: -f2- "$f" | head -1)
	for p in "$@"; do
		grep -q "^$p:" "$f" || echo "$p:$hash" >> "$f"
	done
}

# A fresh idempotency key.
# unused_port N: the first port from N on that no TCP socket on this
# machine has, listening or not: a connection's own (ephemeral) port cannot
# be bound either, and a connect() test does not see it.  Another process
# may still take it before we bind: callers retry.
unused_port() {
	local p=$1
	while [ -n "$(ss -Htan "sport = :$p" 2> /dev/null)" ]; do
		p=$((p + 1))
	done
	echo "$p"
}

# wait_port PORT: until something listens on it (5 s at most)
wait_port() {
	local i
	for i in $(seq 50); do
		[ -n "$(ss -Htln "sport = :$1" 2>/dev/null)" ] && return 0
		sleep 0.1
	done
	return 1
}

newkey() { printf 'k%s%s' "$(date +%s%N)" "$RANDOM"; }

# workers_of PID: the workers of a module's parent, one pid a line, in
# order (not its database prober, the child named "prober")
# outliving PID...: waits up to 10 s for the processes to end; prints the
# ones still alive then
outliving() {
	local i c left
	for i in $(seq 100); do
		left=$(for c in "$@"; do kill -0 "$c" 2> /dev/null && echo "$c"; done)
		[ -z "$left" ] && break
		sleep 0.1
	done
	echo $left
}

workers_of() {
	ps -o pid=,comm= --ppid "$1" 2>/dev/null | awk '$2 != "prober" { print $1 }' | sort -n
}

# use_module_sock MODULE: sets MODSOCK to a FastCGI socket of the module,
# to talk to it without a web server (for what the web server would refuse
# before the module).  Under mod_fcgid Apache owns the stack's processes,
# so a private instance with the stack's settings is started, and stopped
# when the test ends.
use_module_sock() {
	local m=$1 i
	MODSOCK=$STACK_DIR/run/$m.sock
	[ -S "$MODSOCK" ] && return 0
	MODSOCK=$T_TMP/$m.sock
	# started once: a second instance would take the socket's name and
	# the pid file, and the first would outlive the test
	[ -S "$MODSOCK" ] && return 0
	# started outside the job table, so a test's own `wait` does not wait
	# for it
	# (its output to a file: one that held the test's output open would
	# keep the runner reading it)
	( "$top_builddir/modules/$m/$m.fcgi" -c "$MOTCUA_CNF" --listen "$MODSOCK" \
	    --workers 1 > "$T_TMP/$m.log" 2>&1 & echo $! > "$T_TMP/$m.pid" )
	for i in $(seq 50); do [ -S "$MODSOCK" ] && break; sleep 0.1; done
}
faketime_lib() {
	dpkg -L libfaketime | grep -m1 '/libfaketime\.so\.1$'
}

# module_at MODULE TIME: sets ATSOCK to the FastCGI socket of a private
# instance of the module whose clock reads TIME, Vietnam's local time
# ("2027-03-01 14:59:00"), and runs on from there, so a test sees the
# rules of that day and hour; the database keeps its own clock.  Stopped
# when the test ends.  Talk to it with fcgi_at.
module_at() {
	local m=$1 at=$2 n i asan
	n=$(printf '%s' "$at" | tr -c '0-9' '_')
	ATSOCK=$T_TMP/$m-at-$n.sock
	[ -S "$ATSOCK" ] && return 0
	# libfaketime preloaded into the module itself (the faketime
	# command would fork it, and its pid would not be the module's);
	# after the sanitizers' runtime in a sanitizer build, which must
	# come first
	asan=$(ldd "$top_builddir/modules/$m/$m.fcgi" | awk '/libasan/ { print $3 }')
	( TZ=UTC-7 FAKETIME="@$at" FAKETIME_DONT_FAKE_MONOTONIC=1 \
	    LD_PRELOAD="${asan:+$asan }$(faketime_lib)" \
	    "$top_builddir/modules/$m/$m.fcgi" -c "$MOTCUA_CNF" \
	    --listen "$ATSOCK" --workers 1 > "$T_TMP/$m-at-$n.log" 2>&1 &
	    echo $! > "$T_TMP/$m-at-$n.pid" )
	for i in $(seq 100); do [ -S "$ATSOCK" ] && break; sleep 0.1; done
}

# fcgi_at USER METHOD PATH [BODY [PARAM=VALUE...]]: a request to ATSOCK
# as USER (the web server's REMOTE_USER; "" for none), asking for JSON;
# sets STATUS and BODY as http does.
fcgi_at() {
	local u=$1 m=$2 p=$3 b=${4-} out
	shift 3
	[ $# -gt 0 ] && shift
	out=$(env -i REQUEST_METHOD="$m" DOCUMENT_URI="$p" \
	    REQUEST_URI="$p" HTTP_ACCEPT=application/json \
	    ${u:+REMOTE_USER="$u"} \
	    CONTENT_TYPE=application/x-www-form-urlencoded \
	    CONTENT_LENGTH=${#b} "$@" \
	    cgi-fcgi -bind -connect "$ATSOCK" <<< "$b")
	STATUS=$(printf '%s\n' "$out" | sed -n 's/^Status: \([0-9]*\).*/\1/p' | head -1)
	[ -n "$STATUS" ] || STATUS=200
	BODY=$(printf '%s\n' "$out" | sed '1,/^\r\{0,1\}$/d')
	printf '%s' "$BODY" > "$T_TMP/body"
}
trap 'for p in "$T_TMP"/*.pid; do [ -f "$p" ] && kill "$(cat "$p")" 2>/dev/null; done; rm -rf "$T_TMP"' EXIT

# browser ARG...: headless Chromium (Debian's), run as root without its
# sandbox, in a profile of its own, bounded in time; its log (console
# messages too, a Content-Security-Policy refusal among them) is appended
# to $T_TMP/browser.log
browser() {
	timeout 90 chromium --headless --no-sandbox --disable-gpu \
	    --no-first-run --no-default-browser-check --disable-extensions \
	    --user-data-dir="$T_TMP/chromium" --enable-logging=stderr --v=0 \
	    --run-all-compositor-stages-before-draw --virtual-time-budget=5000 \
	    "$@" >> "$T_TMP/browser.log" 2>&1
}
# artifacts NAME: a directory kept after the run (screenshots, PDFs),
# under the build tree's tests/artifacts, per web server
artifacts() {
	local d="$top_builddir/tests/artifacts/$1/${MOTCUA_WEB:-nginx}"
	mkdir -p "$d" && printf '%s' "$d"
}

# t_done: the script's last line; the runner fails a script that does not
# reach it
t_done() {
	echo "# t_done"
	exit "$T_FAILED"
}
