# Drill 5: lock waits and deadlocks provoked on the hot tables under a
# load that includes officials' look-ups (each writes an access-log row
# at the head of its worker's chain).  First another session holds every
# chain's head for 8 s: the look-ups wait innodb_lock_wait_timeout, then
# are answered 503 (busy), never hang; then, again and again, another
# session takes the gap after the last access row and then the chain
# heads, a cycle with a look-up in between: InnoDB rolls one back, and
# the module retries its transaction whole, a bounded number of times.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/faults/drill.sh"

WAIT=$(drill_cnf db_lock_wait_timeout)
WAIT=${WAIT:-5}
drill_setup
log0=$(drill_logged 'deadlock, retrying')
MOTCUA_DRILL_OFFICIAL=$DRILL_OFFICIAL drill_load 30 "$DRILL_CLIENTS"
sleep 3
# lock waits: every head held for 8 s
sql "SET SESSION innodb_lock_wait_timeout = 30; START TRANSACTION; SELECT COUNT(head) FROM access_chain FOR UPDATE; DO SLEEP(8); ROLLBACK" > /dev/null
ok $? "every chain's head held for 8 s under load"
sleep 2
# deadlocks: the gap after the last access row, then the heads
cycles=0
end=$((SECONDS + 12))
while [ "$SECONDS" -lt "$end" ]; do
	sql "SET SESSION innodb_lock_wait_timeout = 10; START TRANSACTION; INSERT INTO holiday (day, name, confirmed, source) VALUES ('2098-01-01', 'x', 0, 'drill'), ('2098-01-02', 'x', 0, 'drill'), ('2098-01-03', 'x', 0, 'drill'), ('2098-01-04', 'x', 0, 'drill'), ('2098-01-05', 'x', 0, 'drill'), ('2098-01-06', 'x', 0, 'drill'); SELECT COUNT(*) FROM access_log WHERE id > (SELECT MAX(id) FROM access_log) FOR UPDATE; DO SLEEP(0.3); SELECT COUNT(head) FROM access_chain FOR UPDATE; ROLLBACK" > /dev/null 2>&1
	cycles=$((cycles + 1))
done
echo "# $cycles lock cycles"
drill_wait
log1=$(drill_logged 'deadlock, retrying')
echo "# the module retried $((log1 - log0)) transactions caught in a deadlock"
ok "$([ $((log1 - log0)) -gt 0 ]; echo $?)" "locks: deadlocks happened, and the module retried ($((log1 - log0)))"
drill_check locks
# the bound: three attempts (db.c), each waiting at most the lock wait
drill_slowest locks lookup $((3 * WAIT + 5)) "three lock waits ($WAIT s each) and 5 s"
is "$(jq -r '.counts.answers.lookup["503"] // 0' "$T_TMP/load.json" | awk '{ print ($1 > 0) }')" 1 \
    "locks: the look-ups that waited too long were answered 503"
t_done
