# Galera drill 1 (MOTCUA_DB=galera): under load, the node every worker
# writes to is killed (SIGKILL), and started again a little later.  The
# modules move to the next node of db_hosts; what was acknowledged is
# there once and only once; the node rejoins (IST) and holds exactly what
# the others hold.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/faults/drill.sh"

galera() { local c=$1; shift; "$top_srcdir/tests/galera" "$c" -d "$GALERA_DIR" "$@"; }
nsql() {	# nsql NODE QUERY
	mariadb --defaults-file="$GALERA_DIR/g$1/my.cnf" -N -B motcua -e "$2"
}
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
for i in 1 2 3; do
	nsql $i "SELECT COUNT(*), COALESCE(SUM(CRC32(CONCAT(idempotency_key, '/', receipt_code))), 0) FROM dossier WHERE id > $D0" > "$T_TMP/node$i"
done
ok "$(cmp -s "$T_TMP/node1" "$T_TMP/node2" && cmp -s "$T_TMP/node2" "$T_TMP/node3"; echo $?)" \
    "every node holds the same dossiers ($(cat "$T_TMP/node1"); $(cat "$T_TMP/node2"); $(cat "$T_TMP/node3"))"
is "$(galera status | awk '{print $2, $4, $5}' | tr '\n' ' ')" \
    "running Synced 3 running Synced 3 running Synced 3 " \
    "the cluster is whole again"
t_done
