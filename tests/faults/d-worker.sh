# Drill 4: residence.fcgi's workers killed with SIGKILL under load, one
# after another, and then its parent.  The parent replaces a dead
# worker; the service manager (here tests/faults/supervise, standing in
# for systemd's Restart=on-failure) starts a killed parent again, whose
# workers end with it (PR_SET_PDEATHSIG).  A request in a killed
# worker's hands fails cleanly: the web server answers 502, the client
# retries with its key, and nothing is lost or doubled.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/faults/drill.sh"

RUN=("$top_builddir/modules/residence/residence.fcgi" -f -c "$MOTCUA_CNF"
    --listen "$STACK_DIR/run/residence.sock" --workers 4)
# set_pid PID: the stack's record of the module's parent
set_pid() { sed -i "s/^residence .*/residence $1/" "$STACK_DIR/pids"; }
workers() { workers_of "$1"; }
wait_gone() { local i; for i in $(seq 100); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done; return 1; }
wait_sock() { local i; for i in $(seq 100); do [ -S "$STACK_DIR/run/residence.sock" ] && [ -n "$(workers "$(cat "$STACK_DIR/run/residence.super")" 2>/dev/null)" ] && return 0; sleep 0.1; done; return 1; }

# the module under the service manager's stand-in
old=$(sed -n 's/^residence //p' "$STACK_DIR/pids")
kill -TERM "$old"
wait_gone "$old"
ok $? "the stack's residence.fcgi stopped"
"$top_srcdir/tests/faults/supervise" "$STACK_DIR/run/residence.super" \
    "${RUN[@]}" >> "$STACK_DIR/log/residence.log" 2>&1 &
SUP=$!
wait_sock
ok $? "residence.fcgi runs under the service manager"
PARENT=$(cat "$STACK_DIR/run/residence.super")
set_pid "$PARENT"

drill_setup
drill_load 25 "$DRILL_CLIENTS"
killed=0
for i in 1 2 3 4; do
	sleep 3
	w=$(workers "$PARENT" | head -1)
	[ -n "$w" ] && kill -KILL "$w" && { killed=$((killed + 1)); echo "worker $w died" >> "$STACK_DIR/drill-killed"; }
done
is "$killed" 4 "four workers killed under load"
sleep 2
children=$(ps -o pid= --ppid "$PARENT")
kill -KILL "$PARENT"
ok $? "and the parent"
for w in $(workers "$PARENT"); do echo "worker $w died" >> "$STACK_DIR/drill-killed"; done
wait_gone "$PARENT"
# its workers and prober, told once, end by themselves (a worker left in
# accept() would hold the old socket, where the web server's requests
# wait out its read timeout)
# shellcheck disable=SC2086 # the pids, split
left=$(outliving $children)
is "$left" "" "the parent's workers and prober all ended with it"
for c in $left; do kill -KILL "$c" 2> /dev/null; done
for i in $(seq 100); do
	NEW=$(cat "$STACK_DIR/run/residence.super")
	[ "$NEW" != "$PARENT" ] && break
	sleep 0.1
done
ok "$([ "$NEW" != "$PARENT" ]; echo $?)" "the service manager started it again"
set_pid "$NEW"
DRILL_SUBMIT_OK='["200", "201", "502", "503"]'
DRILL_VERIFY_OK='["200", "502", "503"]'
drill_wait
drill_check workers
like "$(cat "$STACK_DIR/log/residence.log")" "worker [0-9]+ died \\(signal 9\\); replacing" \
    "workers: the parent replaced the killed workers"

# the stack's own residence.fcgi again, as it started it
kill -TERM "$SUP"
wait "$SUP"
"${RUN[@]}" >> "$STACK_DIR/log/residence.log" 2>&1 &
set_pid $!
for i in $(seq 100); do [ -S "$STACK_DIR/run/residence.sock" ] && break; sleep 0.1; done
drill_answers "workers (the stack's own again)"
t_done
