# Drill 1: MariaDB restarted cleanly under load.  The modules see their
# connections go; the requests in hand fail and are retried with their
# keys; once the database is back the service answers by itself.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/faults/drill.sh"

drill_setup
drill_load 20 "$DRILL_CLIENTS"
sleep 6
"$top_srcdir/tests/stack" db-stop -d "$STACK_DIR" 2> "$T_TMP/stack.err"
ok $? "the database stopped cleanly under load" || sed 's/^/# /' "$T_TMP/stack.err"
sleep 3
"$top_srcdir/tests/stack" db-start -d "$STACK_DIR" 2>> "$T_TMP/stack.err"
ok $? "and started again" || sed 's/^/# /' "$T_TMP/stack.err"
drill_wait
drill_check restart
t_done
