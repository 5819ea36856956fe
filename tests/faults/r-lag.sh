# Replica drill (MOTCUA_DB=replica): the routes that may lag (verification
# by code, "who read my data") read from a replica while it is within
# db_replica_max_lag of its primary (the age of the newest heartbeat the
# modules' probers wrote on the primary and the replica has applied), and
# from the primary otherwise: when the replica lags, when its replication
# is stopped, and when it is down.
# A confirmation voided on the primary is never shown valid longer than
# that bound after, however far the replica falls behind.  Answers from
# the replica are the primary's once it has caught up.
. "$top_srcdir/tests/lib.sh"

J='Accept: application/json'
rsql() { mariadb --defaults-file="$REPLICA_CNF" -N -B motcua -e "$1"; }
# served WHERE MODULE: the module's count of lag_ok reads served so
served() {
	curl -s "$BASE/$2/metrics" |
	    sed -n "s/^motcua_db_replica_reads_total{served=\"$1\"} //p"
}
# the replica has applied everything the primary wrote
caught_up() {
	local pos
	pos=$(sql "SELECT @@GLOBAL.gtid_binlog_pos")
	[ "$(rsql "SELECT MASTER_GTID_WAIT('$pos', 60)")" = 0 ]
}
behind() {
	mariadb --defaults-file="$REPLICA_CNF" -e 'SHOW SLAVE STATUS\G' |
	    sed -n 's/^ *Seconds_Behind_Master: //p'
}
verify() { http GET "/residence/confirmations/$1" -H "$J"; }
LAG=$(sed -n '/^\[residence\]$/,/^\[/s/^db_replica_max_lag = //p' "$MOTCUA_CNF")
like "$LAG" '^[0-9]+$' "the modules read from a replica within $LAG s of the primary"
is "$(rsql 'SELECT @@GLOBAL.read_only')" 1 "the replica is read-only"
beat() { rsql "SELECT TIMESTAMPDIFF(SECOND, MAX(at), UTC_TIMESTAMP()) FROM heartbeat"; }
is "$(sql "SELECT GROUP_CONCAT(module ORDER BY module) FROM heartbeat")" "civil,residence,tracking" \
    "the modules' probers write their heartbeats on the primary"
b=$(beat)
ok "$([ -n "$b" ] && [ "$b" != NULL ] && [ "$b" -le 2 ]; echo $?)" \
    "and the replica has a fresh one ($b s old)"

# --- replicating: the replica answers --------------------------------------
P=$(citizen 7)
PID_ID=$(sql "SELECT id FROM citizen WHERE pid = '$P'")
CODE=$(curl -s -u "$P:demo" -H "$J" --data-urlencode "idempotency_key=$(newkey)" \
    "$BASE/residence/citizen/confirmations" | json_in - verification_code)
like "$CODE" '^[0-9A-Z]{24}$' "a confirmation issued on the primary"
caught_up
ok $? "the replica has applied it"
r0=$(served replica residence)
verify "$CODE"
is "$STATUS $(json status)" "200 valid" "verified: valid"
is "$(served replica residence)" $((r0 + 1)) "read from the replica"
t0=$(served replica tracking)
http GET /tracking/citizen/reads -u "$P:demo" -H "$J"
is "$STATUS" 200 "who read my data: 200"
is "$(served replica tracking)" $((t0 + 1)) "read from the replica too"
for p in /residence/citizen/confirmations; do
	w0=$(served replica residence)
	http POST $p -u "$P:demo" -H "$J" --data-urlencode "idempotency_key=$(newkey)"
	is "$STATUS $(served replica residence)" "201 $w0" \
	    "a write goes to the primary, never counted as a replica read"
done

# --- lagging: the replica applies the primary's writes 60 s late ------------
rsql "STOP SLAVE; CHANGE MASTER TO MASTER_DELAY = 60; START SLAVE"
ok $? "the replica now applies the primary's writes 60 s late"
sql "UPDATE residence SET address = CONCAT(address, ' (mới)') WHERE citizen_id = $PID_ID AND kind = 'permanent' AND valid_to IS NULL"
# the bound, and a second for the replica's clock to tick past it
sleep $((LAG + 2))
is "$(rsql "SELECT COUNT(*) FROM residence WHERE citizen_id = $PID_ID AND kind = 'permanent' AND valid_to IS NULL AND address LIKE '% (mới)'")" 0 \
    "the replica still has the residence as it was"
b=$(behind)
ok "$([ -n "$b" ] && [ "$b" != NULL ] && [ "$b" -gt "$LAG" ]; echo $?)" \
    "and says it is behind by more than the bound ($b s)"
b=$(beat)
ok "$([ "$b" -gt "$LAG" ]; echo $?)" "its newest heartbeat is older than the bound ($b s)"
l0=$(served primary_replica_lagging residence)
verify "$CODE"
is "$STATUS $(json status)" "200 void" \
    "the bound past, the verification reads the primary: void"
is "$(served primary_replica_lagging residence)" $((l0 + 1)) \
    "counted as a read from the primary, the replica lagging"

# --- replication stopped, then the replica down: the primary answers -----
# (a replication stopped or stalled without a word: Seconds_Behind_Master
# says 0 or nothing, the heartbeat ages)
rsql "STOP SLAVE; CHANGE MASTER TO MASTER_DELAY = 0; START SLAVE"
caught_up
ok $? "the replica caught up again"
rsql "STOP SLAVE"
sleep $((LAG + 2))
l0=$(served primary_replica_lagging residence)
verify "$CODE"
is "$STATUS $(json status)" "200 void" "replication stopped: past the bound, the primary answers, void"
is "$(served primary_replica_lagging residence)" $((l0 + 1)) \
    "counted as the replica lagging (its heartbeat $(beat) s old)"
u0=$(served primary_replica_unavailable residence)
RPID=$(sed -n 's/^replica //p' "$STACK_DIR/pids")
kill -KILL "$RPID"
for i in $(seq 100); do kill -0 "$RPID" 2>/dev/null || break; sleep 0.1; done
ok "$(! kill -0 "$RPID" 2>/dev/null; echo $?)" "the replica killed"
for i in 1 2 3 4 5; do
	verify "$CODE"
	[ "$STATUS $(json status)" = "200 void" ] || break
done
is "$STATUS $(json status)" "200 void" "with the replica down, every verification is the primary's"
ok "$([ "$(served primary_replica_unavailable residence)" -ge $((u0 + 5)) ]; echo $?)" \
    "counted as the replica unavailable"
http GET /tracking/citizen/reads -u "$P:demo" -H "$J"
is "$STATUS" 200 "and who read my data too"

# --- back: the replica started again, caught up, used again ---------------
( mariadbd --defaults-file="$REPLICA_CNF" >> "$STACK_DIR/log/replica.out" 2>&1 &
    echo $! > "$T_TMP/replica.restarted" )
sed -i "s/^replica .*/replica $(cat "$T_TMP/replica.restarted")/" "$STACK_DIR/pids"
for i in $(seq 300); do rsql 'SELECT 1' > /dev/null 2>&1 && break; sleep 0.2; done
rsql "STOP SLAVE; CHANGE MASTER TO MASTER_DELAY = 0; START SLAVE"
ok $? "the replica restarted, replicating without delay"
caught_up
ok $? "and caught up"
# (a replica that did not answer is left alone for 5 s)
r0=$(served replica residence)
for i in $(seq 40); do
	verify "$CODE"
	[ "$(served replica residence)" -gt "$r0" ] && break
	sleep 0.5
done
is "$STATUS $(json status)" "200 void" "verified from the replica: void, as on the primary"
ok "$([ "$(served replica residence)" -gt "$r0" ]; echo $?)" "read from the replica again"
t_done
