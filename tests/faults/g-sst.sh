# Galera drill 4 (MOTCUA_DB=galera): under load, a node is rebuilt from
# nothing, its data sent whole (rsync state transfer) by the node the
# workers use.  rsync holds the donor's tables locked while it copies
# them: the workers' statements on the donor wait for the lock (a new
# connection is refused there, as the node is not Synced), bounded by the
# statement limit.  Nothing acknowledged is lost or doubled, no answer
# waits longer than the configured limit, and once the new node is Synced
# every node holds the same dossiers.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/faults/drill.sh"

# conns NODE: the modules' connections to node NODE
conns() {
	nsql "$1" "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE USER IN ('motcua_residence', 'motcua_tracking', 'motcua_civil', 'motcua_exchange')"
}
logs() { cat "$STACK_DIR"/log/residence.log "$STACK_DIR"/log/tracking.log 2>/dev/null; }
LIMIT=$(($(drill_cnf db_connect_timeout) + $(drill_cnf db_timeout)))

is "$(galera status | awk '{print $2, $4, $5}' | tr '\n' ' ')" \
    "running Synced 3 running Synced 3 running Synced 3 " \
    "three nodes, Synced, in one cluster"
drill_setup
drill_load 40 "$DRILL_CLIENTS"
sleep 4
# the donor: the node most of the modules' connections are on; the new
# node: one of the two others
donor=1 most=-1
for i in 1 2 3; do
	n=$(conns "$i")
	echo "# sst: node $i holds $n of the modules' connections"
	[ "$n" -gt "$most" ] && { donor=$i most=$n; }
done
new=$((donor % 3 + 1))
ok "$([ "$most" -gt 0 ]; echo $?)" "the workers are on node $donor ($most connections)"
moved0=$(logs | grep -c 'database: now on host')
# the servers' logs from here on
since() { tail -n +$(($2 + 1)) "$GALERA_DIR/g$1/mariadbd.err"; }
d0=$(wc -l < "$GALERA_DIR/g$donor/mariadbd.err")
n0=$(wc -l < "$GALERA_DIR/g$new/mariadbd.err")
galera kill-node "$new" 2> "$T_TMP/galera.err"
ok $? "node $new killed under load" || sed 's/^/# /' "$T_TMP/galera.err"
# until the two others have dropped it (a node back under a new identity
# before that leaves the cluster without a primary component)
galera wait-size 2 2>> "$T_TMP/galera.err"
ok $? "the two others go on as a cluster of two" || sed 's/^/# /' "$T_TMP/galera.err"
t0=$SECONDS
galera rebuild-node "$new" "$donor" 2>> "$T_TMP/galera.err"
ok $? "node $new rebuilt from nothing, node $donor sending it everything ($((SECONDS - t0)) s)" ||
    { sed 's/^/# /' "$T_TMP/galera.err"; since "$donor" "$d0" | tail -n 30 | sed 's/^/# donor: /'; }
like "$(since "$donor" "$d0")" "Shifting SYNCED -> DONOR" \
    "node $donor was the donor of a state transfer"
like "$(since "$new" "$n0")" "wsrep_sst_rsync --role 'joiner'" \
    "node $new received it by rsync"
echo "# sst: the transfer took $((SECONDS - t0)) s; the workers moved $(($(logs | grep -c 'database: now on host') - moved0)) times; node $donor holds $(conns "$donor") of their connections"
drill_wait
drill_check sst
drill_slowest sst submit $((LIMIT + 5)) "the limit ($LIMIT s) and 5 s of slack"
drill_slowest sst verify $((LIMIT + 5)) "the limit ($LIMIT s) and 5 s of slack"
drill_whole sst
t_done
