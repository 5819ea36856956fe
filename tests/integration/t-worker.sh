# The process model: -h, -n, refusing plain CGI, listening, replacing a
# dead worker, a clean stop on SIGTERM, and 503 when the database is down.
. "$top_srcdir/tests/lib.sh"

BIN=$top_builddir/modules/residence/residence.fcgi
"$BIN" -h > "$T_TMP/h"
ok $? "-h exits 0"
like "$(cat "$T_TMP/h")" 'usage: residence.fcgi' "-h prints usage"
"$BIN" -n -c "$MOTCUA_CNF" > /dev/null
ok $? "-n accepts the stack's settings"
sed 's/^agency = .*/agency = bad agency!/' "$MOTCUA_CNF" > "$T_TMP/bad.cnf"
"$BIN" -n -c "$T_TMP/bad.cnf" > /dev/null 2>&1
is $? 1 "-n refuses a bad agency code"
"$BIN" -n -c "$T_TMP/none.cnf" > /dev/null 2>&1
is $? 1 "-n refuses a missing settings file"
sed '/^\[client-residence\]/,/^$/d' "$MOTCUA_CNF" > "$T_TMP/nodb.cnf"
"$BIN" -n -c "$T_TMP/nodb.cnf" > /dev/null 2> "$T_TMP/nodb.err"
is $? 1 "-n refuses settings without the database group"
like "$(cat "$T_TMP/nodb.err")" 'client-residence' "and names the missing group"
CV=$top_builddir/modules/civil/civil.fcgi
"$CV" -n -c "$MOTCUA_CNF" > /dev/null
ok $? "civil: -n accepts the stack's settings"
sed '/^\[civil\]/,/^$/s/^agency = .*/agency = bad agency!/' "$MOTCUA_CNF" \
    > "$T_TMP/cvbad.cnf"
"$CV" -n -c "$T_TMP/cvbad.cnf" > /dev/null 2> "$T_TMP/cvbad.err"
is $? 1 "civil: -n refuses a bad agency code"
like "$(cat "$T_TMP/cvbad.err")" '\[civil\] agency' "and names the setting"
sed '/^\[civil\]/,/^$/{/^agency = /d}' "$MOTCUA_CNF" > "$T_TMP/cvnone.cnf"
"$CV" -n -c "$T_TMP/cvnone.cnf" > /dev/null 2>&1
is $? 1 "civil: -n refuses settings without an agency"
sed '/^\[client-civil\]/,/^$/d' "$MOTCUA_CNF" > "$T_TMP/cvnodb.cnf"
"$CV" -n -c "$T_TMP/cvnodb.cnf" > /dev/null 2> "$T_TMP/cvnodb.err"
is $? 1 "civil: -n refuses settings without its database group"
like "$(cat "$T_TMP/cvnodb.err")" 'client-civil' "and names the missing group"
"$BIN" -c "$MOTCUA_CNF" < /dev/null > /dev/null 2> "$T_TMP/cgi"
is $? 1 "run as plain CGI: exit 1"
like "$(cat "$T_TMP/cgi")" 'refuses to run as plain CGI' "and says why"

# a private instance to kill workers in
SOCK=$T_TMP/w.sock
"$BIN" -f -c "$MOTCUA_CNF" --listen "$SOCK" --workers 2 2> "$T_TMP/w.log" &
parent=$!
for i in $(seq 50); do [ -S "$SOCK" ] && break; sleep 0.1; done
ok "$([ -S "$SOCK" ]; echo $?)" "listens on a Unix socket"
ask() { env -i REQUEST_METHOD=GET DOCUMENT_URI=/residence/health \
    HTTP_ACCEPT=application/json cgi-fcgi -bind -connect "$SOCK"; }
like "$(ask)" '"status":"ok"' "serves through the socket"
is "$(stat -c %a "$SOCK")" 660 "socket mode 0660"
kids=$(workers_of "$parent")
is "$(echo "$kids" | wc -l)" 2 "two workers"
victim=$(echo "$kids" | head -1)
kill -KILL "$victim"
sleep 1.5
kids2=$(workers_of "$parent")
is "$(echo "$kids2" | wc -l)" 2 "a killed worker is replaced"
unlike "$kids2" "^$victim\$" "by a new process"
like "$(cat "$T_TMP/w.log")" 'died' "the death is logged"
like "$(ask)" '"status":"ok"' "still serves"
kill -TERM "$parent"
wait "$parent"
is $? 0 "SIGTERM: the parent exits 0"
ok "$(pgrep -P "$parent" >/dev/null; [ $? -ne 0 ]; echo $?)" "no worker left"
ok "$([ ! -e "$SOCK" ]; echo $?)" "the socket is removed"

# SIGTERM during a request: the request in hand is finished
"$BIN" -f -c "$MOTCUA_CNF" --listen "$SOCK" --workers 1 2> "$T_TMP/w2.log" &
parent=$!
for i in $(seq 50); do [ -S "$SOCK" ] && break; sleep 0.1; done
# a slow client: announces 20 bytes, sends them after the signal
( sleep 1; printf 'pid=001090123456&pu' ; printf 'r' ) | env -i REQUEST_METHOD=POST \
    DOCUMENT_URI=/residence/official/lookup REMOTE_USER=nobody CONTENT_LENGTH=20 \
    CONTENT_TYPE=application/x-www-form-urlencoded HTTP_ACCEPT=application/json \
    cgi-fcgi -bind -connect "$SOCK" > "$T_TMP/inflight" &
client=$!
sleep 0.5
kill -TERM "$parent"
wait "$client"
like "$(cat "$T_TMP/inflight")" 'Status: (403|422)' "the request in hand got its answer"
wait "$parent"
is $? 0 "then the parent exited 0"

# the parent killed outright tells each worker once (PR_SET_PDEATHSIG):
# every one must end, also one told after its check of the stop flag but
# before its accept(), where the shim (slow-accept.c) holds each worker
# for 3 s; a SIGTERM there used to leave the worker in accept() for ever,
# holding the socket and a database connection
${CC:-cc} -shared -fPIC -o "$T_TMP/slow-accept.so" \
    "$top_srcdir/tests/integration/slow-accept.c" -ldl
ok $? "the accept() shim builds"
rm -f "$SOCK"
LD_PRELOAD=$T_TMP/slow-accept.so MOTCUA_ACCEPT_DELAY_MS=3000 \
    MOTCUA_ACCEPT_MARK=$T_TMP/in-accept \
    ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0 \
    "$BIN" -f -c "$MOTCUA_CNF" --listen "$SOCK" --workers 2 2> "$T_TMP/w5.log" &
parent=$!
for i in $(seq 100); do
	kids=$(workers_of "$parent")
	[ "$(echo "$kids" | wc -w)" = 2 ] && [ -e "$T_TMP/in-accept.${kids%%[^0-9]*}" ] &&
	    [ -e "$T_TMP/in-accept.${kids##*[^0-9]}" ] && break
	sleep 0.05
done
ok "$([ -e "$T_TMP/in-accept.${kids%%[^0-9]*}" ] && [ -e "$T_TMP/in-accept.${kids##*[^0-9]}" ]; echo $?)" \
    "two workers, each held just before its accept()" || sed 's/^/# w5: /' "$T_TMP/w5.log"
children=$(ps -o pid= --ppid "$parent")
kill -KILL "$parent"
wait "$parent" 2> /dev/null
# shellcheck disable=SC2086 # the pids, split
left=$(outliving $children)
is "$left" "" "the parent killed: its workers and prober all ended by themselves"
for c in $left; do kill -KILL "$c" 2> /dev/null; done

# a worker told to stop while the connection it accepted has sent nothing
# yet (libfcgi waits 2 s for its first bytes) ends: with libfcgi's
# shutdown flag set, it used to poll and close that dropped socket for
# ever, at full speed, holding the listening socket
rm -f "$SOCK"
"$BIN" -f -c "$MOTCUA_CNF" --listen "$SOCK" --workers 1 2> "$T_TMP/w6.log" &
parent=$!
for i in $(seq 100); do [ -S "$SOCK" ] && [ -n "$(workers_of "$parent")" ] && break; sleep 0.05; done
w=$(workers_of "$parent")
/usr/bin/python3 -c 'import socket, sys, time
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
time.sleep(8)' "$SOCK" &
silent=$!
sleep 0.7
kill -TERM "$w"
for i in $(seq 50); do kill -0 "$w" 2> /dev/null || break; sleep 0.1; done
ok "$(kill -0 "$w" 2> /dev/null; [ $? -ne 0 ]; echo $?)" \
    "a worker told to stop while a silent connection is accepted ends"
kill -KILL "$w" "$silent" 2> /dev/null
wait "$silent" 2> /dev/null
kill -TERM "$parent"
wait "$parent"

# the server drops the module's connections: the next request reconnects
# and re-prepares, inside a transaction too
ids=$(sql "SELECT id FROM information_schema.processlist WHERE user = 'motcua_residence'" | paste -sd,)
for id in ${ids//,/ }; do
	sql "KILL CONNECTION $id" 2>/dev/null
done
# (the database prober may have connected again meanwhile: a new id)
ok "$([ -n "$ids" ] && [ "$(sql "SELECT COUNT(*) FROM information_schema.processlist WHERE id IN ($ids)")" = 0 ]; echo $?)" \
    "the module's connections were killed"
http GET /residence/health -H 'Accept: application/json'
is "$STATUS" 200 "health after the connection was lost: 200"
for id in $(sql "SELECT id FROM information_schema.processlist WHERE user = 'motcua_residence'"); do
	sql "KILL CONNECTION $id" 2>/dev/null
done
for i in 1 2 3 4 5 6; do
	http POST /residence/citizen/confirmations -u "$(citizen 7):demo" \
	    -H 'Accept: application/json' --data-urlencode "idempotency_key=$(newkey)"
	[ "$STATUS" = 201 ] || break
done
is "$STATUS" 201 "confirmations after the connections were lost: 201"

# the fd-0 path a systemd socket unit or spawn-fcgi uses: spawn-fcgi binds
# the socket, hands it to the binary on fd 0 (the settings come from
# MOTCUA_CONF, as under mod_fcgid) and exits
SSOCK=$T_TMP/spawned.sock
MOTCUA_CONF=$MOTCUA_CNF spawn-fcgi -s "$SSOCK" -M 0660 -F 1 -P "$T_TMP/spawned.pid" \
    -- "$BIN" > /dev/null 2>&1
ok $? "spawn-fcgi starts the module on fd 0"
for i in $(seq 50); do [ -S "$SSOCK" ] && break; sleep 0.1; done
out=$(env -i REQUEST_METHOD=GET DOCUMENT_URI=/residence/health \
    HTTP_ACCEPT=application/json cgi-fcgi -bind -connect "$SSOCK")
like "$out" '"status":"ok"' "the module serves the socket it found on fd 0"
spawned=$(cat "$T_TMP/spawned.pid")
kill -TERM "$spawned"
for i in $(seq 50); do kill -0 "$spawned" 2>/dev/null || break; sleep 0.1; done
ok "$(kill -0 "$spawned" 2>/dev/null; [ $? -ne 0 ]; echo $?)" "and stops on SIGTERM"

# the database is unreachable: 503 with Retry-After, at once
# (db_hosts, on a cluster, would name the servers instead)
sed -e "/^db_hosts = /d" -e "s|^socket = .*|socket = $T_TMP/no-such.sock|" "$MOTCUA_CNF" > "$T_TMP/down.cnf"
rm -f "$SOCK"
"$BIN" -f -c "$T_TMP/down.cnf" --listen "$SOCK" --workers 1 2> "$T_TMP/w3.log" &
parent=$!
for i in $(seq 100); do [ -S "$SOCK" ] && break; sleep 0.1; done
for i in $(seq 20); do
	out=$(env -i REQUEST_METHOD=GET DOCUMENT_URI=/residence/health \
	    HTTP_ACCEPT=application/json cgi-fcgi -bind -connect "$SOCK" 2>&1)
	case $out in *Status:*) break ;; esac
	sleep 0.25
done
like "$out" 'Status: 503' "health with the database down: 503"
case $out in *Status:*) ;; *) sed 's/^/# w3: /' "$T_TMP/w3.log" ;; esac
like "$out" 'Retry-After: [0-9]+' "with Retry-After"
out=$(printf 'idempotency_key=abcdefgh12' | env -i REQUEST_METHOD=POST \
    DOCUMENT_URI=/residence/citizen/confirmations MOTCUA_CITIZEN="$(citizen 1)" \
    CONTENT_LENGTH=26 CONTENT_TYPE=application/x-www-form-urlencoded \
    HTTP_ACCEPT=application/json cgi-fcgi -bind -connect "$SOCK")
like "$out" 'Status: 503' "a confirmation with the database down: 503"
like "$out" '"code":"database_unavailable"' "code database_unavailable"
kill -TERM "$parent"
wait "$parent"
# the socket accepts connections from the moment its path exists: with
# listen() held back for a second (strace delays the call), the path must
# not appear before it can be connected to
rm -f "$SOCK"
strace -qq -o /dev/null -e trace=listen -e inject=listen:delay_enter=1000000 \
    "$BIN" -f -c "$MOTCUA_CNF" --listen "$SOCK" --workers 1 2> "$T_TMP/w4.log" &
tracer=$!
for i in $(seq 200); do [ -e "$SOCK" ] && break; sleep 0.01; done
ok "$([ -S "$SOCK" ]; echo $?)" "the socket appears (listen() delayed by a second)"
like "$(ask 2>&1)" '"status":"ok"' "the first connection, right when the path appears, is served"
ls "$T_TMP" | grep -q '\.tmp$'
ok "$([ $? -ne 0 ]; echo $?)" "no temporary socket name left behind"
# the module is strace's child: stopping it ends strace too
kill -TERM $(pgrep -P "$tracer") 2> /dev/null
for i in $(seq 100); do kill -0 "$tracer" 2> /dev/null || break; sleep 0.1; done
kill -KILL "$tracer" 2> /dev/null
wait "$tracer" 2> /dev/null

# TCP: loopback unless told otherwise, and FCGI_WEB_SERVER_ADDRS honoured
tport=$(unused_port $((PORT + 70)))
# tcp_start ADDR [ENV...]: an instance listening on ADDR (its port is
# $tport); sets parent.  Another test run on the machine may bind the port
# between the check above and ours: then the instance exits at once, and
# the next free port is tried, a few times (ADDR's port follows).
tcp_start() {
	local addr=$1 try host
	shift
	for try in 1 2 3 4 5; do
		host=${addr%:*}
		env "$@" "$BIN" -f -c "$MOTCUA_CNF" --listen "$host:$tport" \
		    --workers 1 2>> "$T_TMP/tcp.log" &
		parent=$!
		for i in $(seq 100); do
			ss -Hltn "sport = :$tport" | grep -q . && return 0
			kill -0 "$parent" 2> /dev/null || break
			sleep 0.05
		done
		kill -0 "$parent" 2> /dev/null && return 0
		wait "$parent" 2> /dev/null
		echo "# port $tport was taken meanwhile; trying another"
		tport=$(unused_port $((tport + 1)))
	done
}
tcp_stop() { kill -TERM "$parent"; wait "$parent"; }
tcp_ask() { env -i REQUEST_METHOD=GET DOCUMENT_URI=/residence/health \
    HTTP_ACCEPT=application/json cgi-fcgi -bind -connect "127.0.0.1:$tport" 2>&1; }
tcp_start ":$tport"
is "$(ss -Hltn "sport = :$tport" | awk '{print $4}')" "127.0.0.1:$tport" \
    "--listen :PORT binds 127.0.0.1 only"
like "$(tcp_ask)" '"status":"ok"' "and serves there"
tcp_stop
"$BIN" -f -c "$MOTCUA_CNF" --listen "0.0.0.0:$tport" --workers 1 > /dev/null 2> "$T_TMP/w6.log"
is $? 1 "--listen on all addresses without FCGI_WEB_SERVER_ADDRS: refused"
like "$(cat "$T_TMP/w6.log")" 'FCGI_WEB_SERVER_ADDRS' "and says what to set"
tcp_start "127.0.0.1:$tport" FCGI_WEB_SERVER_ADDRS=127.0.0.2
unlike "$(tcp_ask)" 'Status:' "a web server not in FCGI_WEB_SERVER_ADDRS gets no answer"
tcp_stop
tcp_start "127.0.0.1:$tport" FCGI_WEB_SERVER_ADDRS=127.0.0.1
like "$(tcp_ask)" '"status":"ok"' "one in the list is served"
tcp_stop

# the citizen's identity parameter is set by the web server, never HTTP_*
# (a client's request header)
sed '/^\[residence\]$/,/^\[/s/^citizen_param = .*/citizen_param = HTTP_X_CITIZEN/' "$MOTCUA_CNF" > "$T_TMP/hdr.cnf"
grep -q '^citizen_param = HTTP_X_CITIZEN' "$T_TMP/hdr.cnf"
ok $? "(a settings file naming an HTTP_* citizen_param)"
"$BIN" -n -c "$T_TMP/hdr.cnf" > /dev/null 2> "$T_TMP/hdr.err"
is $? 1 "-n refuses citizen_param = HTTP_*"
like "$(cat "$T_TMP/hdr.err")" 'citizen_param' "and names the setting"
sed '/^\[residence\]$/a cpu_budget_ms = -5' "$MOTCUA_CNF" > "$T_TMP/budget.cnf"
"$BIN" -n -c "$T_TMP/budget.cnf" > /dev/null 2> "$T_TMP/budget.err"
is $? 1 "-n refuses a CPU budget out of range (any module)"
like "$(cat "$T_TMP/budget.err")" 'cpu_budget_ms' "and names the setting"
# the shared over-budget answer of a module without its own (residence):
# rendered once per format, each request's id put in; a private instance
# with a 1 ms budget, fed a body that costs far more to read
sed -e '/^\[residence\]$/a cpu_budget_ms = 1' \
    -e 's/^max_body = .*/max_body = 67108864/' "$MOTCUA_CNF" > "$T_TMP/b1.cnf"
BSOCK=$T_TMP/b.sock
"$BIN" -f -c "$T_TMP/b1.cnf" --listen "$BSOCK" --workers 1 2> "$T_TMP/b.log" &
bparent=$!
for i in $(seq 50); do [ -S "$BSOCK" ] && break; sleep 0.1; done
head -c 33554432 /dev/zero | tr '\0' a | sed '1s/^/x=/' > "$T_TMP/costly"
# costly ID ACCEPT: the costly body, the answer's headers and body
costly() {
	env -i REQUEST_METHOD=POST DOCUMENT_URI=/residence/official/lookup \
	    REMOTE_USER=nobody REQUEST_ID="$1" HTTP_ACCEPT="$2" \
	    CONTENT_TYPE=application/x-www-form-urlencoded \
	    CONTENT_LENGTH="$(wc -c < "$T_TMP/costly")" \
	    cgi-fcgi -bind -connect "$BSOCK" < "$T_TMP/costly" 2> /dev/null |
	    tr -d '\r'
}
# checks ANSWER ID WHAT OTHER: a 503 whose headers and body carry the id
# ID, and not the mark the shared answer is rendered with, nor OTHER
checks() {
	local head body len
	head=$(printf '%s\n' "$1" | sed '/^$/q')
	body=$(printf '%s\n' "$1" | sed '1,/^$/d')
	len=$(printf '%s\n' "$1" | sed -n 's/^Content-Length: //p')
	like "$head" '^Status: 503' "$3: 503"
	like "$head" "X-Request-Id: $2" "$3: the request's id in the header"
	like "$head" 'Retry-After: 1' "$3: Retry-After"
	like "$body" "$2" "$3: and in the body"
	unlike "$body" "budget0MARK|$4" "$3: no other id"
	is "$(printf '%s\n' "$body" | wc -c)" "$len" "$3: Content-Length is the body's"
}
a=$(costly b-first application/json)
checks "$a" b-first "over budget, JSON" b-second
like "$a" '"code":"busy"' "over budget, JSON: code busy"
a=$(costly b-second text/html)
checks "$a" b-second "over budget again, HTML" b-first
a=$(costly b-third-longer-id application/json)
checks "$a" b-third-longer-id "over budget, JSON again, another id" \
    'b-first|b-second'
is "$(grep -c 'used up its CPU budget of 1 ms' "$T_TMP/b.log")" 3 \
    "each time the worker said why it went"
kill -TERM "$bparent"
wait "$bparent"
# the budget is one-shot and set anew for each request: a worker whose
# requests stay within it is never ended, however many it serves
sed -e '/^\[residence\]$/a cpu_budget_ms = 50' "$MOTCUA_CNF" > "$T_TMP/b2.cnf"
"$BIN" -f -c "$T_TMP/b2.cnf" --listen "$BSOCK" --workers 1 2> "$T_TMP/b2.log" &
bparent=$!
for i in $(seq 50); do [ -S "$BSOCK" ] && break; sleep 0.1; done
# the socket is there before the worker is forked: wait for the worker
bkid=
for i in $(seq 50); do
	bkid=$(workers_of "$bparent") && [ -n "$bkid" ] && break
	sleep 0.1
done
n=0
for i in $(seq 300); do
	env -i REQUEST_METHOD=GET DOCUMENT_URI=/residence/health \
	    HTTP_ACCEPT=application/json cgi-fcgi -bind -connect "$BSOCK" |
	    grep -q '"status":"ok"' && n=$((n + 1))
done
is "$n" 300 "300 requests within a 50 ms budget: all answered"
is "$(workers_of "$bparent")" "$bkid" "by the same worker"
is "$(grep -c 'CPU budget' "$T_TMP/b2.log")" 0 "which never ran out"
kill -TERM "$bparent"
wait "$bparent"
rm -f "$T_TMP/costly"

# stopped the moment it has started (as a service manager may, or a test
# ending at once): a SIGTERM that comes while the parent is between its
# workers' start and its wait for them is not lost
stuck=0
for i in $(seq 20); do
	( "$BIN" -c "$MOTCUA_CNF" --listen "$T_TMP/quick$i.sock" --workers 2 \
	    > /dev/null 2>&1 & echo $! > "$T_TMP/quick$i.pid" )
	qp=$(cat "$T_TMP/quick$i.pid")
	for j in $(seq 100); do [ -S "$T_TMP/quick$i.sock" ] && break; sleep 0.02; done
	kill -TERM "$qp" 2>/dev/null
	for j in $(seq 100); do kill -0 "$qp" 2>/dev/null || break; sleep 0.05; done
	if kill -0 "$qp" 2>/dev/null; then
		stuck=$((stuck + 1))
		kill -KILL "$qp"
	fi
	rm -f "$T_TMP/quick$i.pid"
done
is "$stuck" 0 "a SIGTERM as soon as it listens stops it, 20 times out of 20"
t_done
