# Drill 2: mariadbd killed with SIGKILL under load; it recovers from its
# redo log on the next start.  What was acknowledged was committed
# durably (innodb_flush_log_at_trx_commit = 1), so it is still there.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/faults/drill.sh"

drill_setup
drill_load 20 "$DRILL_CLIENTS"
sleep 6
"$top_srcdir/tests/stack" db-kill -d "$STACK_DIR" 2> "$T_TMP/stack.err"
ok $? "mariadbd killed under load" || sed 's/^/# /' "$T_TMP/stack.err"
sleep 2
"$top_srcdir/tests/stack" db-start -d "$STACK_DIR" 2>> "$T_TMP/stack.err"
ok $? "and started again: crash recovery" || sed 's/^/# /' "$T_TMP/stack.err"
drill_wait
drill_check crash
t_done
