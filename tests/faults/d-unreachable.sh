# Drill 7: the database unreachable for 30 s under load: mariadbd
# stopped (SIGSTOP), so a connection neither fails nor answers, as behind
# a cut network.  The module's prober opens the breaker within seconds:
# from then on every request is answered 503 at once, and the requests
# the workers had in hand are cut rather than left to wait.  No request
# waits longer than the configured limit (db_connect_timeout +
# db_timeout); once the database answers again the breaker closes, the
# service answers by itself, and nothing acknowledged is lost.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/faults/drill.sh"

LIMIT=$(($(drill_cnf db_connect_timeout) + $(drill_cnf db_timeout)))
OPENED='the database does not answer: every request'
CLOSED='the database answers again: the breaker is closed'
drill_setup
DB=$(sed -n 's/^mariadbd //p' "$STACK_DIR/pids")
drill_load 50 "$DRILL_CLIENTS"
sleep 5
opened0=$(drill_logged "$OPENED")
closed0=$(drill_logged "$CLOSED")
refused() {
	curl -s "$BASE/residence/metrics" |
	    sed -n 's/^motcua_refused_total{reason="database_unavailable"} //p'
}
r0=$(refused)
kill -STOP "$DB"
ok $? "the database stopped answering (SIGSTOP)"
t0=$SECONDS
# the breaker's prober notices (two probes of 2 s without an answer)
drill_log_wait "$OPENED" "$opened0" 150
ok $? "the breaker opened ($((SECONDS - t0)) s after the database stopped)"
# while it is open, answers come at once, from no worker waiting on the
# database: a verification, a submission, the health check.  (The first
# may still find every worker busy: one that was opening a connection
# when the breaker opened waits out its connect timeout, which no cut
# reaches; a request that waited longer than max_wait_ms for a worker is
# then refused 503 busy, as under overload.)
for what in verify submit health; do
	a=$(date +%s.%N)
	case $what in
	verify) http GET "/residence/confirmations/${DRILL_CODES[0]}" -H 'Accept: application/json'
		want="503 database_unavailable"; got="$STATUS $(json code)"
		[ "$got" = "503 busy" ] && got=$want ;;
	submit) http POST /residence/citizen/dossiers/temporary -u "$(head -1 "$T_TMP/citizens"):demo" \
		    -H 'Accept: application/json' --data-urlencode "idempotency_key=$(newkey)" \
		    -d "commune_code=$DRILL_COMMUNE" --data-urlencode "address=Số 3, ngõ 3, phố Huế" \
		    -d "until=$(date -d '+200 day' +%F)"
		want="503 database_unavailable"; got="$STATUS $(json code)"
		[ "$got" = "503 busy" ] && got=$want ;;
	health) http GET /residence/health -H 'Accept: application/json'
		want="503 unavailable"; got="$STATUS $(json status)"
		[ "$STATUS $(json code)" = "503 busy" ] && got=$want ;;
	esac
	took=$(awk -v a="$a" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
	is "$got" "$want" "breaker open: the $what is answered $want (or busy) ($took s)"
	like "$HEADERS" 'Retry-After: [0-9]+' "with a Retry-After"
	echo "# unreachable: breaker open, the $what answered in $took s"
done
ok "$([ "$(refused)" -gt "${r0:-0}" ]; echo $?)" \
    "counted as refused: motcua_refused_total{reason=\"database_unavailable\"}"
sleep $((30 - (SECONDS - t0) > 0 ? 30 - (SECONDS - t0) : 0))
kill -CONT "$DB"
ok $? "and answers again 30 s later (SIGCONT)"
drill_wait
drill_log_wait "$CLOSED" "$closed0" 100
ok $? "the breaker closed once the database answered"
drill_check unreachable
for k in submit verify; do
	drill_slowest unreachable $k $((LIMIT + 5)) "the limit ($LIMIT s) and 5 s of slack"
done
t_done
