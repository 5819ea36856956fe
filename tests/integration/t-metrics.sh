# GET /<module>/metrics: every module's page passes promtool and is
# served to loopback only, by the shipped snippets and by the module
# itself (metrics_allow); K requests of a route raise its counter and its
# histogram by exactly K, and its statements' count too; the workers'
# counts are summed, and several workers served; no label carries a
# captured value; counts survive a worker's death, which is counted; a
# request in hand shows as a busy worker; a lost connection is counted
# as a database error and a retried statement; a request over its CPU
# budget as a refusal.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/integration/exchange-lib.sh"

# val FILE SERIES: the value of the line for SERIES (name and labels,
# exactly), or "none"
val() { awk -v s="$2" '$1 == s { v = $2 } END { print (v == "" ? "none" : v) }' "$1"; }
# total FILE PREFIX: the sum of the lines whose series starts with PREFIX
total() { awk -v p="$2" 'index($1, p) == 1 { s += $2 } END { print s + 0 }' "$1"; }
# delta OLD NEW SERIES
delta() { echo $(($(val "$2" "$3") - $(val "$1" "$3"))); }
# workers_served OLD NEW: how many worker slots answered between the pages
workers_served() {
	join <(grep '^motcua_worker_requests_total{' "$1" | sort) \
	    <(grep '^motcua_worker_requests_total{' "$2" | sort) |
	    awk '$3 > $2 { n++ } END { print n + 0 }'
}
# the page's own invariant: what the workers answered is what the routes
# answered
sums_agree() {
	[ "$(total "$1" motcua_worker_requests_total)" = \
	    "$(total "$1" 'motcua_requests_total{')" ]
}
H='motcua_requests_total{route="health",code="2xx"}'
HC='motcua_request_duration_seconds_count{route="health"}'
DBC=motcua_db_statement_duration_seconds_count

# --- through the web server ----------------------------------------------
web() {	# web MODULE FILE [curl args]: the page; sets STATUS and CTYPE
	local m=$1 f=$2 base=$BASE
	shift 2
	[ "$m" = exchange ] && base=$TLSBASE
	read -r STATUS CTYPE < <(curl -sS --cacert "$TLS/ca.crt" -o "$f" \
	    -w '%{http_code} %{content_type}\n' "$@" "$base/$m/metrics")
}
for m in $MODULES; do
	web "$m" "$T_TMP/$m.prom"
	is "$STATUS" 200 "$m: the page answers 200 to loopback"
	like "$CTYPE" '^text/plain; version=0\.0\.4' "$m: in the text format 0.0.4"
	promtool check metrics < "$T_TMP/$m.prom" > "$T_TMP/promtool.out" 2>&1
	ok $? "$m: promtool check metrics passes"
	sed 's/^/# /' "$T_TMP/promtool.out" | head -5
	like "$(val "$T_TMP/$m.prom" "motcua_build_info{module=\"$m\",version=\"$(sed -n 's/^AC_INIT(\[motcua\], \[\([^]]*\)\].*/\1/p' "$top_srcdir/configure.ac")\"}")" \
	    '^1$' "$m: names itself and its version"
	web "$m" "$T_TMP/denied" --interface 127.0.0.2
	is "$STATUS" 403 "$m: the shipped snippet refuses another address (127.0.0.2)"
	unlike "$(cat "$T_TMP/denied")" 'motcua_' "$m: and shows it nothing"
done

if [ "$WEB" = apache-fcgid ]; then
	# each process mod_fcgid starts counts for itself: the sums are
	# checked on a private instance below
	echo "# under mod_fcgid a scrape sees one process: sums checked below"
else
	K=40
	web residence "$T_TMP/a.prom"
	: > "$T_TMP/codes"
	for j in $(seq 8); do
		( for i in $(seq $((K / 8))); do
			curl -sS -o /dev/null -w '%{http_code}\n' "$BASE/residence/health"
		done >> "$T_TMP/codes.$j" ) &
	done
	wait
	cat "$T_TMP"/codes.* > "$T_TMP/codes"
	web residence "$T_TMP/b.prom"
	is "$(grep -c '^200$' "$T_TMP/codes")" $K "$K health requests, 8 at a time, each 200"
	is "$(delta "$T_TMP/a.prom" "$T_TMP/b.prom" "$H")" $K \
	    "the health route's 2xx counter rose by exactly $K"
	is "$(delta "$T_TMP/a.prom" "$T_TMP/b.prom" "$HC")" $K \
	    "and its latency histogram's count"
	is "$(delta "$T_TMP/a.prom" "$T_TMP/b.prom" 'motcua_request_duration_seconds_bucket{route="health",le="+Inf"}')" $K \
	    "and its +Inf bucket"
	is "$(delta "$T_TMP/a.prom" "$T_TMP/b.prom" "$DBC")" $K \
	    "the statements timed rose by $K (health runs one)"
	is "$(delta "$T_TMP/a.prom" "$T_TMP/b.prom" 'motcua_requests_total{route="metrics",code="2xx"}')" 1 \
	    "the first page is counted by the second, once"
	n=$(workers_served "$T_TMP/a.prom" "$T_TMP/b.prom")
	is "$(val "$T_TMP/b.prom" motcua_workers)" 4 "the stack runs 4 workers"
	ok "$([ "$n" -ge 2 ]; echo $?)" "several workers served them ($n of 4)"
	is "$(($(total "$T_TMP/b.prom" motcua_worker_requests_total) - $(total "$T_TMP/a.prom" motcua_worker_requests_total)))" \
	    $((K + 1)) "the workers' counts add up to the $K and the first page"
	sums_agree "$T_TMP/b.prom"
	ok $? "the routes' counts are the workers' counts, summed"
	is "$(val "$T_TMP/b.prom" motcua_workers_busy)" 1 "one worker busy: the page's own"
fi

# --- the module itself -------------------------------------------------------
# fget SOCKET PATH [PARAM=VALUE...]: a GET to a module instance, the
# FastCGI answer on stdout
fget() {
	local s=$1 p=$2
	shift 2
	env -i REQUEST_METHOD=GET DOCUMENT_URI="$p" REQUEST_URI="$p" \
	    HTTP_ACCEPT=application/json "$@" cgi-fcgi -bind -connect "$s"
}
status() { sed -n 's/^Status: \([0-9]*\).*/\1/p' | head -1; }
# page SOCKET MODULE FILE: its page, as asked from loopback
page() {
	fget "$1" "/$2/metrics" REMOTE_ADDR=127.0.0.1 |
	    sed '1,/^\r\{0,1\}$/d' > "$3"
}
# start TAG MODULE CONF ARGS...: a private instance on $T_TMP/TAG.sock
# (its parent's pid in $T_TMP/TAG.pid), stopped when the test ends
start() {
	local t=$1 m=$2 c=$3
	shift 3
	( "$top_builddir/modules/$m/$m.fcgi" -f -c "$c" \
	    --listen "$T_TMP/$t.sock" "$@" > "$T_TMP/$t.log" 2>&1 &
	    echo $! > "$T_TMP/$t.pid" )
	for i in $(seq 100); do [ -S "$T_TMP/$t.sock" ] && break; sleep 0.1; done
}
stop() {
	local p
	p=$(cat "$T_TMP/$1.pid")
	kill -TERM "$p"
	for i in $(seq 100); do kill -0 "$p" 2> /dev/null || break; sleep 0.1; done
	rm -f "$T_TMP/$1.pid"
}
# kids TAG: the instance's workers
kids() { workers_of "$(cat "$T_TMP/$1.pid")"; }

start mx residence "$MOTCUA_CNF" --workers 3
S=$T_TMP/mx.sock
is "$(fget "$S" /residence/metrics | status)" 403 \
    "the module: no REMOTE_ADDR, no page (403)"
is "$(fget "$S" /residence/metrics REMOTE_ADDR=10.9.8.7 | status)" 403 \
    "the module: an address metrics_allow does not list, 403"
is "$(fget "$S" /residence/metrics REMOTE_ADDR=127.0.0.1 | status)" 200 \
    "the module: loopback, 200"
is "$(fget "$S" /residence/metrics REMOTE_ADDR=::1 | status)" 200 \
    "the module: ::1, 200"

# K requests, 3 at a time, on a private instance of 3 workers (under
# mod_fcgid too)
K=30
page "$S" residence "$T_TMP/p1"
for j in 1 2 3; do
	( for i in $(seq $((K / 3))); do fget "$S" /residence/health | status; done \
	    > "$T_TMP/st.$j" ) &
done
wait
page "$S" residence "$T_TMP/p2"
is "$(cat "$T_TMP"/st.* | grep -c '^200$')" $K "$K health requests to the instance, each 200"
is "$(delta "$T_TMP/p1" "$T_TMP/p2" "$H")" $K "its health counter rose by exactly $K"
is "$(delta "$T_TMP/p1" "$T_TMP/p2" "$HC")" $K "and its histogram's count"
n=$(workers_served "$T_TMP/p1" "$T_TMP/p2")
ok "$([ "$n" -ge 2 ]; echo $?)" "several of its workers served ($n of 3)"
is "$(($(total "$T_TMP/p2" motcua_worker_requests_total) - $(total "$T_TMP/p1" motcua_worker_requests_total)))" \
    $((K + 1)) "its workers' counts add up to the $K and the first page"
sums_agree "$T_TMP/p2"
ok $? "its routes' counts are its workers' counts, summed"
# the counts of the forbidden pages: 4xx of the metrics route
is "$(val "$T_TMP/p2" 'motcua_requests_total{route="metrics",code="4xx"}')" 2 \
    "the two refused pages are counted as the route's 4xx"

# no captured value in any label: a verification code, a receipt code,
# a personal number sent in paths
CODE=ZXQ7MTRCSECRET4242QQ
fget "$S" "/residence/confirmations/$CODE" > /dev/null
fget "$S" /residence/citizen/dossiers/000.00.15.H26-261202-987654 \
    MOTCUA_CITIZEN="$(citizen 3)" > /dev/null
fget "$S" /residence/nowhere/001099012345 > /dev/null
page "$S" residence "$T_TMP/p3"
is "$(delta "$T_TMP/p2" "$T_TMP/p3" 'motcua_requests_total{route="confirm.verify",code="4xx"}')" 1 \
    "a verification with an unknown code counts under confirm.verify"
is "$(delta "$T_TMP/p2" "$T_TMP/p3" 'motcua_requests_total{route="dossier.view",code="4xx"}')" 1 \
    "a dossier nobody has counts under dossier.view"
is "$(delta "$T_TMP/p2" "$T_TMP/p3" 'motcua_requests_total{route="unmatched",code="4xx"}')" 1 \
    "an unknown path under unmatched"
ok "$(! grep -q -e "$CODE" -e 987654 -e 001099012345 -e "$(citizen 3)" \
    -e nowhere "$T_TMP/p3"; echo $?)" "no code, number or path is on the page"
ok "$(! grep -v '^#' "$T_TMP/p3" | grep -q '/'; echo $?)" "no path at all in a label"

# a request in hand: a slow client announces 20 bytes and sends them
# after the page has been read
( sleep 1.5; printf 'pid=001090123456&pu'; printf 'r' ) | env -i REQUEST_METHOD=POST \
    DOCUMENT_URI=/residence/official/lookup REMOTE_USER=nobody CONTENT_LENGTH=20 \
    CONTENT_TYPE=application/x-www-form-urlencoded HTTP_ACCEPT=application/json \
    cgi-fcgi -bind -connect "$S" > /dev/null &
slow=$!
sleep 0.5
page "$S" residence "$T_TMP/p4"
is "$(val "$T_TMP/p4" motcua_workers_busy)" 2 "a slow request in hand: two workers busy"
is "$(val "$T_TMP/p4" motcua_requests_in_flight)" 2 "two requests in hand"
wait "$slow"
page "$S" residence "$T_TMP/p5"
is "$(val "$T_TMP/p5" motcua_workers_busy)" 1 "once it is answered, only the page's own"

# every worker killed: their counts stay, each restart is counted
before=$(kids mx)
is "$(echo "$before" | wc -l)" 3 "the instance has 3 workers"
page "$S" residence "$T_TMP/p6"
for p in $before; do kill -KILL "$p"; done
for i in $(seq 100); do
	after=$(kids mx)
	[ "$(echo "$after" | wc -l)" = 3 ] && [ -z "$(comm -12 <(echo "$before") <(echo "$after"))" ] && break
	sleep 0.1
done
is "$(comm -12 <(echo "$before") <(echo "$after") | wc -l) $(echo "$after" | wc -l)" "0 3" \
    "the 3 killed workers are replaced"
page "$S" residence "$T_TMP/p7"
is "$(val "$T_TMP/p7" motcua_worker_restarts_total)" 3 "3 restarts counted"
is "$(delta "$T_TMP/p6" "$T_TMP/p7" "$H")" 0 "the health counts made before are all there"
is "$(($(total "$T_TMP/p7" motcua_worker_requests_total) - $(total "$T_TMP/p6" motcua_worker_requests_total)))" \
    1 "the workers' counts too, and the page before the deaths"
is "$(val "$T_TMP/p7" motcua_workers_busy)" 1 "the dead are not busy"
fget "$S" /residence/health > /dev/null
page "$S" residence "$T_TMP/p8"
is "$(delta "$T_TMP/p7" "$T_TMP/p8" "$H")" 1 "the new workers add to the old counts"

# a lost connection: the server drops the module's connections; the next
# statement fails, is counted, and is run again on a new connection
for id in $(sql "SELECT id FROM information_schema.processlist WHERE user = 'motcua_residence'"); do
	sql "KILL CONNECTION $id" 2>/dev/null
done
is "$(fget "$S" /residence/health | status)" 200 "health after the connection was lost"
page "$S" residence "$T_TMP/p9"
is "$(delta "$T_TMP/p8" "$T_TMP/p9" 'motcua_db_errors_total{kind="connection_lost"}')" 1 \
    "the lost connection is counted as a database error"
is "$(delta "$T_TMP/p8" "$T_TMP/p9" 'motcua_db_retries_total{scope="statement",reason="connection_lost"}')" 1 \
    "and the statement run again as a retry"
stop mx

# metrics_allow: a monitoring network; a list that is not one is refused
sed '/^\[residence\]$/a metrics_allow = 127.0.0.1, 10.9.0.0/16' "$MOTCUA_CNF" > "$T_TMP/allow.cnf"
start allow residence "$T_TMP/allow.cnf" --workers 1
is "$(fget "$T_TMP/allow.sock" /residence/metrics REMOTE_ADDR=10.9.8.7 | status)" 200 \
    "metrics_allow 10.9.0.0/16: 10.9.8.7 reads the page"
is "$(fget "$T_TMP/allow.sock" /residence/metrics REMOTE_ADDR=10.10.0.1 | status)" 403 \
    "10.10.0.1 does not"
is "$(fget "$T_TMP/allow.sock" /residence/metrics REMOTE_ADDR=::1 | status)" 403 \
    "nor ::1, which this list leaves out"
stop allow
sed '/^\[residence\]$/a metrics_allow = 10.9.0.0/33' "$MOTCUA_CNF" > "$T_TMP/bad.cnf"
"$top_builddir/modules/residence/residence.fcgi" -n -c "$T_TMP/bad.cnf" > /dev/null 2> "$T_TMP/bad.err"
is $? 1 "-n refuses a metrics_allow that is not a list of addresses"
like "$(cat "$T_TMP/bad.err")" 'metrics_allow' "and names the setting"

# the CPU budget: a message that costs libxml2 seconds, on a gateway with
# a 300 ms budget, is refused; the worker goes, its counts stay
sed -e '/^\[exchange\]/a cpu_budget_ms = 300\nxml_max_attributes = 1000000' \
    "$MOTCUA_CNF" > "$T_TMP/budget.cnf"
start budget exchange "$T_TMP/budget.cnf" --workers 1
fget "$T_TMP/budget.sock" /exchange/health > /dev/null
page "$T_TMP/budget.sock" exchange "$T_TMP/e1"
{
	printf '<?xml version="1.0" encoding="UTF-8"?>\n<VerifyResidenceRequest xmlns="%s"' "$NS"
	LC_ALL=C awk 'BEGIN { for (i = 0; i < 20000; i++) printf " a%d=\"\"", i }'
	printf '><MaYeuCau>x1</MaYeuCau></VerifyResidenceRequest>'
} > "$T_TMP/costly.xml"
is "$(ex_fcgi "$T_TMP/budget.sock" "$T_TMP/costly.xml" | status)" 400 \
    "a message over the CPU budget is answered 400 (request_too_costly)"
for i in $(seq 50); do [ -n "$(kids budget)" ] && break; sleep 0.1; done
page "$T_TMP/budget.sock" exchange "$T_TMP/e2"
is "$(delta "$T_TMP/e1" "$T_TMP/e2" 'motcua_refused_total{reason="cpu_budget"}')" 1 \
    "refused: cpu_budget counted once"
is "$(delta "$T_TMP/e1" "$T_TMP/e2" 'motcua_requests_total{route="xml",code="4xx"}')" 1 \
    "and answered, under its route and status class"
is "$(val "$T_TMP/e2" motcua_worker_restarts_total)" 1 "the worker that went is counted"
is "$(val "$T_TMP/e2" "$H")" 1 "the health answer made before it is still counted"
is "$(delta "$T_TMP/e1" "$T_TMP/e2" 'motcua_refused_total{reason="other"}')" 0 \
    "no other refusal"
stop budget
t_done
