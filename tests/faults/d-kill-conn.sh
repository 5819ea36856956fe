# Drill 3: the modules' connections killed from the server side (KILL),
# mid-transaction, again and again under load.  A transaction cut short
# is rolled back whole by the server; the module answers 503 and the
# client retries with the same key.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/faults/drill.sh"

drill_setup
drill_load 20 "$DRILL_CLIENTS"
kills=0
end=$((SECONDS + 16))
sleep 2
while [ "$SECONDS" -lt "$end" ]; do
	for id in $(sql "SELECT id FROM information_schema.processlist WHERE user LIKE 'motcua\\_residence%'"); do
		sql "KILL $id" 2> /dev/null && kills=$((kills + 1))
	done
	sleep 0.3
done
echo "# $kills connections killed"
ok "$([ "$kills" -gt 10 ]; echo $?)" "connections killed under load, repeatedly ($kills)"
drill_wait
drill_check kill-connections
t_done
