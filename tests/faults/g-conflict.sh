# Galera drill 3 (MOTCUA_DB=galera): certification conflicts.  Two
# instances of the residence module, one writing to node 1 and one to
# node 2, receive the same submissions at the same moment: the same
# citizen, the same kind, the same idempotency key, as a portal that
# retries on another server before the first answer came.  Each pair is
# one dossier, both answers are success with its receipt code (the
# loser's transaction, refused at certification or by the unique key,
# is run again and finds the winner's), and nothing is half-written.
. "$top_srcdir/tests/lib.sh"

fcgi=$top_builddir/modules/residence/residence.fcgi
URL=/residence/citizen/dossiers/temporary
N=${MOTCUA_CONFLICT_PAIRS:-40}
# an instance on node I alone: ATSOCK names it
on_node() {
	local i=$1
	sed -e '/^db_hosts = /d' \
	    -e "/^\[residence\]$/a db_hosts = $GALERA_DIR/g$i/mysqld.sock" \
	    "$MOTCUA_CNF" > "$T_TMP/node$i.cnf"
	ATSOCK=$T_TMP/node$i.sock
	( "$fcgi" -f -c "$T_TMP/node$i.cnf" --listen "$ATSOCK" --workers 2 \
	    > "$T_TMP/node$i.log" 2>&1 & echo $! > "$T_TMP/node$i.pid" )
	for k in $(seq 100); do [ -S "$ATSOCK" ] && break; sleep 0.1; done
}
deadlock_retries() {	# on the instance at ATSOCK
	env -i REQUEST_METHOD=GET DOCUMENT_URI=/residence/metrics \
	    REQUEST_URI=/residence/metrics REMOTE_ADDR=127.0.0.1 \
	    cgi-fcgi -bind -connect "$ATSOCK" < /dev/null |
	    sed -n 's/^motcua_db_retries_total{scope="transaction",reason="deadlock"} //p'
}
on_node 1; A=$ATSOCK
on_node 2; B=$ATSOCK
o=$(official 1)
C=$(sql "SELECT commune_code FROM official WHERE username = '$o'")
mapfile -t CZ < <(sql "SELECT c.pid FROM citizen c JOIN residence r ON r.citizen_id = c.id WHERE r.kind = 'permanent' AND r.valid_to IS NULL AND r.commune_code <> '$C' AND c.death_date IS NULL ORDER BY c.id DESC LIMIT 8")
is "${#CZ[@]}" 8 "eight citizens to file for"
D0=$(sql "SELECT COALESCE(MAX(id), 0) FROM dossier")
until=$(date -d '+200 day' +%F)
for i in $(seq "$N"); do
	key=$(newkey)c$i
	P=${CZ[$((i % 8))]}
	body="idempotency_key=$key&commune_code=$C&address=S%E1%BB%91+$i%2C+ph%E1%BB%91+Hu%E1%BA%BF&until=$until"
	for s in A B; do
		( ATSOCK=${!s}
		  fcgi_at "" POST $URL "$body" MOTCUA_CITIZEN="$P"
		  printf '%s %s %s\n' "$key" "$STATUS" "$(json receipt_code)" > "$T_TMP/ans-$i-$s" ) &
	done
	wait
done
cat "$T_TMP"/ans-* > "$T_TMP/answers"
is "$(cut -d' ' -f2 "$T_TMP/answers" | sort | uniq -c | awk '$2 !~ /^20[01]$/' | wc -l)" 0 \
    "every one of the $((2 * N)) answers is 201 or 200 ($(cut -d' ' -f2 "$T_TMP/answers" | sort | uniq -c | tr -s ' ' | paste -sd,))"
is "$(sort -u -k1,1 -k3,3 "$T_TMP/answers" | awk '{print $1}' | uniq -d | wc -l)" 0 \
    "the two answers of a pair give the same receipt code"
is "$(sql "SELECT COUNT(*), COUNT(DISTINCT idempotency_key) FROM dossier WHERE id > $D0")" "$N	$N" \
    "each pair is one dossier"
is "$(sql "SELECT COUNT(*) FROM dossier d WHERE d.id > $D0 AND NOT EXISTS (SELECT 1 FROM dossier_event e WHERE e.dossier_id = d.id AND e.to_state = 'submitted')")" 0 \
    "nothing half-written"
for s in A B; do
	ATSOCK=${!s}
	r=$(deadlock_retries)
	echo "# conflict: the instance on node $([ $s = A ] && echo 1 || echo 2) ran $r transactions again after a deadlock or a certification conflict"
	total=$((${total:-0} + ${r:-0}))
done
ok "$([ "$total" -gt 0 ]; echo $?)" \
    "conflicts happened, and were run again ($total transactions)"
t_done
