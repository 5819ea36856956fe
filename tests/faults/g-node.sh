# Galera drill 1 (MOTCUA_DB=galera): under load, the node every worker
# writes to is killed (SIGKILL), and started again a little later.  The
# modules move to the next node of db_hosts; what was acknowledged is
# there once and only once; the node rejoins (IST) and holds exactly what
# the others hold.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/faults/drill.sh"

logs() { cat "$STACK_DIR"/log/residence.log "$STACK_DIR"/log/tracking.log 2>/dev/null; }

is "$(galera status | awk '{print $2, $4, $5}' | tr '\n' ' ')" \
    "running Synced 3 running Synced 3 running Synced 3 " \
    "three nodes, Synced, in one cluster"
moved0=$(logs | grep -c 'database: now on host 2 of 3')
drill_setup
drill_load 30 "$DRILL_CLIENTS"
sleep 6
galera kill-node 1 2> "$T_TMP/galera.err"
ok $? "node 1, where every worker writes, killed under load" ||
    sed 's/^/# /' "$T_TMP/galera.err"
galera wait-size 2 2>> "$T_TMP/galera.err"
ok $? "the two others go on as a cluster of two" ||
    sed 's/^/# /' "$T_TMP/galera.err"
sleep 8
galera start-node 1 2>> "$T_TMP/galera.err"
ok $? "node 1 started again, and Synced" || sed 's/^/# /' "$T_TMP/galera.err"
drill_wait
ok "$([ "$(logs | grep -c 'database: now on host 2 of 3')" -gt "$moved0" ]; echo $?)" \
    "the workers moved to node 2"
drill_check node-killed
# every node has the same dossiers, node 1 (which rejoined) too
drill_whole node-killed
t_done
