# The fault drills' common part, sourced after tests/lib.sh: a bounded
# load of real submissions and verifications (load.py, every client
# retrying with the same key), then what every drill must show:
#   - every acknowledged (2xx) submission is in the database exactly once,
#     under its key, with the receipt code it was given;
#   - nothing is half-written: every dossier the drill made has its first
#     event, and every key is one dossier;
#   - the access-log chain verifies;
#   - the service answers again, nobody having restarted it;
# and the counts: sent, acknowledged, retried, found, doubled, lost, and
# how long the service did not answer.
#
#   drill_setup            citizens, codes to verify, the marks (D0)
#   drill_load SECONDS N   the load in the background (LOAD_PID)
#   drill_wait             waits for it
#   drill_check NAME       the checks and the counts
#   drill_cnf KEY          a [residence] setting of the option file
#   drill_logged PATTERN   how many residence log lines match it
#   drill_log_wait PATTERN BEFORE TENTHS
#                          waits until more than BEFORE do, at most
#                          TENTHS tenths of a second; false if none came
#   drill_slowest NAME KIND BOUND WHY
#                          no answer of KIND (submit, verify, lookup) in
#                          the load took longer than BOUND seconds
# and on a Galera cluster (MOTCUA_DB=galera):
#   galera CMD [ARG...]    tests/galera CMD on the stack's cluster
#   nsql NODE QUERY        QUERY on node NODE, as root
#   drill_whole NAME       the cluster whole again, every node holding the
#                          same dossiers of the drill
DRILL_CLIENTS=${MOTCUA_DRILL_CLIENTS:-8}
# the answers a drill may see (JSON lists; a drill that kills workers
# adds the web server's 502 for the request in a killed worker's hands)
DRILL_SUBMIT_OK='["200", "201", "503"]'
DRILL_VERIFY_OK='["200", "503"]'
DRILL_LOOKUP_OK='["200", "503"]'

drill_setup() {
	local o oc i
	o=$(official 1)
	oc=$(sql "SELECT commune_code FROM official WHERE username = '$o'")
	DRILL_COMMUNE=$oc
	DRILL_OFFICIAL=$o
	sql "SELECT c.pid FROM citizen c JOIN residence r ON r.citizen_id = c.id WHERE r.kind = 'permanent' AND r.valid_to IS NULL AND r.commune_code = '$oc' AND c.death_date IS NULL ORDER BY c.id DESC LIMIT 24" \
	    > "$T_TMP/citizens"
	# shellcheck disable=SC2046
	can_sign_on $(cat "$T_TMP/citizens")
	DRILL_CODES=()
	for i in 1 2 3; do
		http POST /residence/citizen/confirmations -u "$(sed -n "${i}p" "$T_TMP/citizens"):demo" \
		    -H 'Accept: application/json' --data-urlencode "idempotency_key=$(newkey)"
		DRILL_CODES+=("$(json verification_code)")
	done
	is "${#DRILL_CODES[@]}" 3 "three confirmations to verify under load"
	D0=$(sql "SELECT COALESCE(MAX(id), 0) FROM dossier")
}

drill_load() {	# drill_load SECONDS CLIENTS
	/usr/bin/python3 "$top_srcdir/tests/faults/load.py" "$BASE" "$T_TMP/citizens" \
	    "$DRILL_COMMUNE" "$1" "$2" "$T_TMP/load.json" "${DRILL_CODES[@]}" \
	    2> "$T_TMP/load.err" &
	LOAD_PID=$!
}

drill_wait() {
	wait "$LOAD_PID"
	ok $? "the load ran to its end" || sed 's/^/# /' "$T_TMP/load.err"
}

# drill_count KEY: a count from the load's report
drill_count() { jq -r ".counts.$1" "$T_TMP/load.json"; }

drill_cnf() { sed -n "/^\[residence\]/,/^\[/s/^$1 = //p" "$MOTCUA_CNF" | head -1; }

drill_logged() { grep -c -- "$1" "$STACK_DIR/log/residence.log"; }

drill_log_wait() {	# drill_log_wait PATTERN BEFORE TENTHS
	local i
	for i in $(seq "$3"); do
		[ "$(drill_logged "$1")" -gt "$2" ] && return 0
		sleep 0.1
	done
	[ "$(drill_logged "$1")" -gt "$2" ]
}

drill_slowest() {	# drill_slowest NAME KIND BOUND WHY
	local s
	s=$(jq -r ".counts.slowest_s.$2" "$T_TMP/load.json")
	ok "$(awk -v s="$s" -v l="$3" 'BEGIN { exit !(s <= l) }'; echo $?)" \
	    "$1: no $2 waited longer than $4 ($s s; at most $3 s)"
}

# the service answers a health check and a submission, within 60 s
drill_answers() {
	local i
	for i in $(seq 120); do
		http GET /residence/health
		[ "$STATUS" = 200 ] && break
		sleep 0.5
	done
	is "$STATUS" 200 "$1: the service answers again by itself"
	http POST /residence/citizen/dossiers/temporary -u "$(head -1 "$T_TMP/citizens"):demo" \
	    -H 'Accept: application/json' --data-urlencode "idempotency_key=$(newkey)" \
	    -d "commune_code=$DRILL_COMMUNE" --data-urlencode "address=Số 1, ngõ 1, phố Huế" \
	    -d "until=$(date -d '+200 day' +%F)"
	is "$STATUS" 201 "$1: and takes a submission"
}

galera() { local c=$1; shift; "$top_srcdir/tests/galera" "$c" -d "$GALERA_DIR" "$@"; }

nsql() {	# nsql NODE QUERY
	mariadb --defaults-file="$GALERA_DIR/g$1/my.cnf" -N -B motcua -e "$2"
}

drill_whole() {	# drill_whole NAME
	local i
	for i in 1 2 3; do
		nsql $i "SELECT COUNT(*), COALESCE(SUM(CRC32(CONCAT(idempotency_key, '/', receipt_code))), 0) FROM dossier WHERE id > $D0" > "$T_TMP/node$i"
	done
	ok "$(cmp -s "$T_TMP/node1" "$T_TMP/node2" && cmp -s "$T_TMP/node2" "$T_TMP/node3"; echo $?)" \
	    "$1: every node holds the same dossiers ($(cat "$T_TMP/node1"); $(cat "$T_TMP/node2"); $(cat "$T_TMP/node3"))"
	is "$(galera status | awk '{print $2, $4, $5}' | tr '\n' ' ')" \
	    "running Synced 3 running Synced 3 running Synced 3 " \
	    "$1: the cluster is whole again"
}

drill_check() {	# drill_check NAME
	local name=$1 sent ack found doubled lost half keys wrong
	drill_answers "$name"
	sent=$(drill_count sent)
	ack=$(drill_count acknowledged)
	jq -r '.acked | to_entries[] | "\(.key) \(.value)"' "$T_TMP/load.json" > "$T_TMP/acked"
	is "$(wc -l < "$T_TMP/acked")" "$ack" "$name: the report lists every acknowledged key"
	ok "$([ "$ack" -gt 0 ]; echo $?)" "$name: some submissions were acknowledged ($ack of $sent)"
	# what the database holds of the drill's keys
	sql "SELECT idempotency_key, receipt_code FROM dossier WHERE id > $D0 AND idempotency_key LIKE 'drill-%'" |
	    sort > "$T_TMP/found"
	sort "$T_TMP/acked" > "$T_TMP/acked.s"
	found=$(join "$T_TMP/acked.s" "$T_TMP/found" | awk '$2 == $3' | wc -l)
	wrong=$(join "$T_TMP/acked.s" "$T_TMP/found" | awk '$2 != $3' | wc -l)
	lost=$((ack - found - wrong))
	doubled=$(cut -d' ' -f1 "$T_TMP/found" | uniq -d | wc -l)
	half=$(sql "SELECT COUNT(*) FROM dossier d WHERE d.id > $D0 AND NOT EXISTS (SELECT 1 FROM dossier_event e WHERE e.dossier_id = d.id AND e.to_state = 'submitted')")
	keys=$(sql "SELECT COUNT(*) - COUNT(DISTINCT applicant_id, procedure_code, idempotency_key) FROM dossier WHERE id > $D0")
	echo "# $name: sent $sent, acknowledged $ack, retried $(drill_count retried), refused $(drill_count refused), given up $(drill_count given_up), found $found, doubled $doubled, lost $lost; in the database $(wc -l < "$T_TMP/found") (committed but unanswered: $(($(wc -l < "$T_TMP/found") - found))); verifications $(drill_count verified), not answered 200: $(drill_count verify_failed); look-ups $(drill_count looked_up); unavailable $(drill_count unavailable_s) s; slowest answers (s) $(jq -c .counts.slowest_s "$T_TMP/load.json"); answers $(jq -c .counts.answers "$T_TMP/load.json")"
	is "$lost" 0 "$name: no acknowledged submission lost"
	is "$wrong" 0 "$name: each under the receipt code it was given"
	is "$doubled $keys" "0 0" "$name: none doubled"
	is "$half" 0 "$name: nothing half-written"
	is "$(drill_count refused)" 0 "$name: no submission refused"
	is "$(jq -r ".counts.answers.submit | keys - $DRILL_SUBMIT_OK | join(\" \")" "$T_TMP/load.json")" "" \
	    "$name: a submission is answered only $DRILL_SUBMIT_OK (200: a retry of one committed)"
	is "$(jq -r ".counts.answers.verify | keys - $DRILL_VERIFY_OK | join(\" \")" "$T_TMP/load.json")" "" \
	    "$name: a verification only $DRILL_VERIFY_OK"
	is "$(jq -r ".counts.answers.lookup | keys - $DRILL_LOOKUP_OK | join(\" \")" "$T_TMP/load.json")" "" \
	    "$name: a look-up only $DRILL_LOOKUP_OK"
	out=$("$top_builddir/modules/tools/motcua-audit-verify" -k "$AUDIT_KEY" -- --defaults-file="$AUDIT_CNF" motcua 2>&1)
	ok $? "$name: the access-log chain verifies" || printf '%s\n' "$out" | sed 's/^/# /'
}
