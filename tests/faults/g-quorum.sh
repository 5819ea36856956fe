# Galera drill 2 (MOTCUA_DB=galera): under load, two nodes of three are
# killed, so the one left has no quorum.  While it has none the service
# answers 503 with Retry-After at once (no request waits longer than the
# configured limit), never a stale or a wrong answer; once the nodes are
# back and quorum returns, so does the service, by itself, and nothing
# acknowledged is lost or doubled.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/faults/drill.sh"

LIMIT=$(($(drill_cnf db_connect_timeout) + $(drill_cnf db_timeout)))
J='Accept: application/json'
# a 503 saying so (KEY's value in the answer is WANT) with a Retry-After,
# and the seconds it took
unavailable() {	# unavailable WHAT KEY WANT curl-args...
	local what=$1 key=$2 want=$3 t0 t1
	shift 3
	t0=$(date +%s.%N)
	http "$@" -H "$J"
	t1=$(date +%s.%N)
	is "$STATUS $(json "$key")" "503 $want" "no quorum: $what is 503, $key $want"
	like "$HEADERS" 'Retry-After: [0-9]+' "with a Retry-After"
	took=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
	ok "$(awk -v s="$took" -v l="$LIMIT" 'BEGIN { exit !(s <= l) }'; echo $?)" \
	    "answered within the limit ($took s; $LIMIT s)"
	echo "# quorum: $what answered 503 in $took s"
}

drill_setup
CODE=${DRILL_CODES[0]}
drill_load 40 "$DRILL_CLIENTS"
sleep 6
galera kill-node 2 2> "$T_TMP/galera.err" && galera kill-node 3 2>> "$T_TMP/galera.err"
ok $? "nodes 2 and 3 killed under load" || sed 's/^/# /' "$T_TMP/galera.err"
# until node 1 knows it is alone (failure detection takes seconds)
for i in $(seq 150); do
	[ "$(mariadb --defaults-file="$GALERA_DIR/g1/my.cnf" -N -e "SHOW STATUS LIKE 'wsrep_ready'" | cut -f2)" = OFF ] && break
	sleep 0.2
done
is "$(mariadb --defaults-file="$GALERA_DIR/g1/my.cnf" -N -e "SHOW STATUS LIKE 'wsrep_ready'" | cut -f2)" OFF \
    "node 1, alone, is not ready (no quorum)"
unavailable "a verification" code database_unavailable GET "/residence/confirmations/$CODE"
unavailable "a submission" code database_unavailable POST /residence/citizen/dossiers/temporary \
    -u "$(head -1 "$T_TMP/citizens"):demo" --data-urlencode "idempotency_key=$(newkey)" \
    -d "commune_code=$DRILL_COMMUNE" --data-urlencode "address=Số 2, ngõ 2, phố Huế" \
    -d "until=$(date -d '+200 day' +%F)"
unavailable "the health check" status unavailable GET /residence/health
unavailable "who read my data" code database_unavailable GET /tracking/citizen/reads -u "$(head -1 "$T_TMP/citizens"):demo"
sleep 5
galera start-node 2 2>> "$T_TMP/galera.err"
ok $? "node 2 started again: quorum regained" || sed 's/^/# /' "$T_TMP/galera.err"
galera start-node 3 2>> "$T_TMP/galera.err"
ok $? "node 3 too" || sed 's/^/# /' "$T_TMP/galera.err"
drill_wait
drill_check quorum
http GET "/residence/confirmations/$CODE" -H "$J"
is "$STATUS $(json status)" "200 valid" "quorum back: the verification is answered, valid"
for k in submit verify; do
	drill_slowest quorum $k $((LIMIT + 5)) "the limit ($LIMIT s) and 5 s of slack"
done
t_done
