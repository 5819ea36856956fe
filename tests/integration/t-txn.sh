# A transaction is all or nothing, also when its connection drops: the
# module's connection is killed from the server side between two
# statements of an approval (the test holds a lock the second one needs,
# and runs KILL while the module waits for it).  Killed once, the whole
# transaction runs again from its start and completes; killed on every
# attempt, the client gets 503 and nothing of it is committed.
. "$top_srcdir/tests/lib.sh"

J=(-H 'Accept: application/json')
# citizens living (permanent) in a commune whose head may approve, and
# untouched by the other tests: a head of a commune with two of them
FREE="FROM citizen c JOIN residence r ON r.citizen_id = c.id WHERE r.kind = 'permanent' AND r.valid_to IS NULL AND NOT EXISTS (SELECT 1 FROM residence t WHERE t.citizen_id = c.id AND t.kind = 'temporary') AND NOT EXISTS (SELECT 1 FROM dossier d WHERE d.applicant_id = c.id)"
O=$(sql "SELECT o.username FROM official o WHERE o.active = 1 AND o.role = 'commune_head' AND (SELECT COUNT(*) $FREE AND r.commune_code = o.commune_code) >= 2 ORDER BY o.id DESC LIMIT 1")
OC=$(sql "SELECT commune_code FROM official WHERE username = '$O'")
mapfile -t LOCALS < <(sql "SELECT c.pid $FREE AND r.commune_code = '$OC' ORDER BY c.id LIMIT 2")
hash=$(cut -d: -f2- "$STACK_DIR/nginx/citizens.htpasswd" | head -1)
for p in "${LOCALS[@]}"; do echo "$p:$hash" >> "$STACK_DIR/nginx/citizens.htpasswd"; done
TODAY=$(sql "SELECT DATE(CONVERT_TZ(UTC_TIMESTAMP(), '+00:00', '+07:00'))")
UNTIL=$(date -d "$TODAY + 100 day" +%F)

# file PID: an accepted temporary registration; sets R and CID
file() {
	http POST /residence/citizen/dossiers/temporary -u "$1:demo" "${J[@]}" \
	    --data-urlencode "idempotency_key=$(newkey)" -d "commune_code=$OC" \
	    --data-urlencode "address=Số 9, đường Láng" -d "until=$UNTIL"
	R=$(json receipt_code)
	CID=$(sql "SELECT id FROM citizen WHERE pid = '$1'")
	http POST "/residence/official/dossiers/$R/accept" -u "$O:demo" "${J[@]}" -d x=1
}

# hold_citizen CID: a session of the test's own locks the citizen's row
# (the approval's residence insert updates it through a trigger) until
# release is called
hold_citizen() {
	mariadb --defaults-file="$MYCNF" -N -B motcua -e \
	    "BEGIN; SELECT id FROM citizen WHERE id = $1 FOR UPDATE; SELECT 'txn-test-holder', SLEEP(120);" \
	    > /dev/null 2>&1 &
	HOLDER=$!
	for _ in $(seq 100); do
		[ -n "$(holder_id)" ] && return 0
		sleep 0.05
	done
}
holder_id() { sql "SELECT id FROM information_schema.PROCESSLIST WHERE INFO LIKE '%txn-test-holder%' AND id <> CONNECTION_ID()"; }
release() {
	local h
	h=$(holder_id)
	[ -n "$h" ] && sql "KILL $h"
	wait "$HOLDER" 2> /dev/null
}

# kill_waiter: waits (at most 15 s) for a transaction waiting for the
# lock, and kills its connection; 0 if it did.  One server-side loop, so
# the kill comes well within the module's lock wait (5 s), however busy
# the machine is.  The one killed before is skipped.  InnoDB refreshes INNODB_TRX only when it was not read
# for 0.1 s: poll more slowly than that, or it never changes.
KILLED=0
kill_waiter() {
	local t
	t=$(mariadb --defaults-file="$MYCNF" -N -B motcua <<EOF
DELIMITER //
BEGIN NOT ATOMIC
	DECLARE w BIGINT DEFAULT NULL;
	DECLARE i INT DEFAULT 0;
	WHILE w IS NULL AND i < 100 DO
		SELECT MAX(trx_mysql_thread_id) INTO w
		FROM information_schema.INNODB_TRX WHERE trx_state = 'LOCK WAIT'
		AND trx_mysql_thread_id <> $KILLED;
		IF w IS NULL THEN
			DO SLEEP(0.15);
			SET i = i + 1;
		END IF;
	END WHILE;
	IF w IS NOT NULL THEN
		EXECUTE IMMEDIATE CONCAT('KILL ', w);
	END IF;
	SELECT IFNULL(w, 'none');
END //
EOF
)
	[ -n "$t" ] && [ "$t" != none ] && KILLED=$t
}

# snapshot RECEIPT CID: what an approval changes
snapshot() {
	sql "SELECT CONCAT(d.state, ' v', d.version, ' events ', (SELECT COUNT(*) FROM dossier_event e WHERE e.dossier_id = d.id), ' temp ', (SELECT COUNT(*) FROM residence r WHERE r.citizen_id = $2 AND r.kind = 'temporary'), ' rv ', (SELECT residence_version FROM citizen WHERE id = $2)) FROM dossier d WHERE d.receipt_code = '$1'"
}

# retried: the transactions run again, from the module's metrics (under
# mod_fcgid a page shows only the process that answers it: not checked)
RETRY='motcua_db_retries_total{scope="transaction",reason="connection_lost"}'
retried() {
	[ "$WEB" = apache-fcgid ] && return 0
	curl -sS "$BASE/residence/metrics" |
	    awk -v s="$RETRY" '$1 == s { print $2 }'
}
r0=$(retried)

# --- killed once: the whole transaction again, complete ----------------
file "${LOCALS[0]}"
is "$STATUS" 200 "a dossier to approve (accepted)"
before=$(snapshot "$R" "$CID")
hold_citizen "$CID"
curl -s -o "$T_TMP/a1" -w '%{http_code}' -u "$O:demo" "${J[@]}" -d x=1 \
    "$BASE/residence/official/dossiers/$R/approve" > "$T_TMP/a1.status" &
CURL=$!
kill_waiter
ok $? "the approval waits for the test's lock; its connection is killed"
sleep 0.3
release
wait "$CURL"
is "$(cat "$T_TMP/a1.status")" 200 "killed once: the approval runs again from its start and succeeds"
is "$(sql "SELECT state FROM dossier WHERE receipt_code = '$R'")" result_issued \
    "the dossier is approved and its result issued"
is "$(sql "SELECT COUNT(*) FROM residence WHERE citizen_id = $CID AND kind = 'temporary'")" 1 \
    "exactly one temporary residence written"
is "$(sql "SELECT GROUP_CONCAT(e.to_state ORDER BY e.id) FROM dossier_event e JOIN dossier d ON d.id = e.dossier_id WHERE d.receipt_code = '$R'")" \
    "submitted,accepted,approved,result_issued" "each event once, in order"
unlike "$before" "result_issued" "(the snapshot was taken before)"
[ "$WEB" = apache-fcgid ] ||
    is "$(($(retried) - r0))" 1 "the metrics count the transaction run again"

# --- killed on every attempt: 503, nothing of it committed -------------
file "${LOCALS[1]}"
is "$STATUS" 200 "a second dossier to approve (accepted)"
before=$(snapshot "$R" "$CID")
hold_citizen "$CID"
curl -s -o "$T_TMP/a2" -w '%{http_code}' -u "$O:demo" "${J[@]}" -d x=1 \
    "$BASE/residence/official/dossiers/$R/approve" > "$T_TMP/a2.status" &
CURL=$!
kill_waiter
ok $? "first attempt killed"
kill_waiter
ok $? "the attempt run again is killed too"
release
wait "$CURL"
is "$(cat "$T_TMP/a2.status")" 503 "killed on every attempt: 503"
like "$(cat "$T_TMP/a2")" '"code":"database_unavailable"' "the answer says the database is unavailable"
is "$(snapshot "$R" "$CID")" "$before" \
    "nothing of the transaction committed (state, version, events, residence, citizen)"
[ "$WEB" = apache-fcgid ] ||
    is "$(($(retried) - r0))" 2 "run again once more, then given up: one more retry counted"
# and the service answers again at once
http POST "/residence/official/dossiers/$R/approve" -u "$O:demo" "${J[@]}" -d x=1
is "$STATUS" 200 "the same approval afterwards succeeds"
is "$(sql "SELECT COUNT(*) FROM residence WHERE citizen_id = $CID AND kind = 'temporary'")" 1 \
    "and writes its residence once"
t_done
