# Drill 7: the database unreachable for 30 s under load: mariadbd
# stopped (SIGSTOP), so a connection neither fails nor answers, as behind
# a cut network.  No request may wait longer than the configured limit
# (db_connect_timeout + db_timeout, then the answer is 503); once the
# database answers again, so does the service, and nothing acknowledged
# is lost.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/faults/drill.sh"

cnf() { sed -n "/^\[residence\]/,/^\[/s/^$1 = //p" "$MOTCUA_CNF" | head -1; }
LIMIT=$(($(cnf db_connect_timeout) + $(cnf db_timeout)))
drill_setup
DB=$(sed -n 's/^mariadbd //p' "$STACK_DIR/pids")
drill_load 50 "$DRILL_CLIENTS"
sleep 5
kill -STOP "$DB"
ok $? "the database stopped answering (SIGSTOP)"
sleep 30
kill -CONT "$DB"
ok $? "and answers again 30 s later (SIGCONT)"
drill_wait
drill_check unreachable
for k in submit verify; do
	s=$(jq -r ".counts.slowest_s.$k" "$T_TMP/load.json")
	ok "$(awk -v s="$s" -v l="$LIMIT" 'BEGIN { exit !(s <= l + 5) }'; echo $?)" \
	    "unreachable: no $k waited longer than the limit ($s s; $LIMIT s + 5 s of slack)"
done
t_done
