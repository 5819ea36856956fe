# db_hosts: a module given a list of database servers tries each in turn
# and serves from the first that answers; one that cannot reach any
# answers 503 with Retry-After, and says which hosts it tried; a list it
# cannot read is refused before anything starts.  (Failover between the
# nodes of a Galera cluster: tests/faults/, with MOTCUA_DB=galera.)
. "$top_srcdir/tests/lib.sh"

fcgi=$top_builddir/modules/residence/residence.fcgi
# the stack's settings, with db_hosts added to [residence]
with_hosts() {	# with_hosts FILE LIST
	sed -e "/^db_hosts = /d" -e "/^\[residence\]$/a db_hosts = $2" "$MOTCUA_CNF" > "$1"
}
# start NAME CNF: a private instance on $T_TMP/NAME.sock; ATSOCK names it
start() {
	ATSOCK=$T_TMP/$1.sock
	( "$fcgi" -f -c "$2" --listen "$ATSOCK" --workers 1 > "$T_TMP/$1.log" 2>&1 &
	    echo $! > "$T_TMP/$1.pid" )
	for i in $(seq 100); do [ -S "$ATSOCK" ] && break; sleep 0.1; done
}
db=$STACK_DIR/run/mysqld.sock
[ -S "$db" ] || db=$(sed -n 's/^socket = //p' "$STACK_DIR/my.cnf" | head -1)

# two that do not answer (a socket nobody has, a TCP port nobody listens
# on), then the stack's own server
with_hosts "$T_TMP/three.cnf" "$T_TMP/nowhere.sock, 127.0.0.1:1 ,$db"
out=$("$fcgi" -c "$T_TMP/three.cnf" -n 2>&1)
ok $? "-n with three hosts, the third answering"
like "$out" "statements prepared and checked" \
    "-n prepared its statements on the host that answered"
start three "$T_TMP/three.cnf"
fcgi_at "" GET /residence/health
is "$STATUS" 200 "the module serves from the third host"

is "$(json database)" true "and its health check reached the database"
log=$(cat "$T_TMP/three.log")
like "$log" "connect to $T_TMP/nowhere.sock: " "it tried the missing socket first"
like "$log" "connect to 127.0.0.1:1: " "then the TCP host"
like "$log" "database: now on host 3 of 3" "and says where it serves from"
unlike "$log" "demo|password" "the log names hosts, never a secret"

# none answers: 503 with Retry-After, promptly, the worker still there
with_hosts "$T_TMP/none.cnf" "$T_TMP/nowhere.sock,127.0.0.1:1"
out=$("$fcgi" -c "$T_TMP/none.cnf" -n 2>&1)
ok $? "-n with no host answering checks the settings alone"
like "$out" "the database does not answer" "and says the statements were not checked"
start none "$T_TMP/none.cnf"
out=$(env -i REQUEST_METHOD=GET DOCUMENT_URI=/residence/health \
    REQUEST_URI=/residence/health HTTP_ACCEPT=application/json \
    cgi-fcgi -bind -connect "$ATSOCK" < /dev/null)
like "$out" "Status: 503" "with no host answering, health is 503"
like "$out" "Retry-After: [0-9]" "with a Retry-After"
ok "$(kill -0 "$(cat "$T_TMP/none.pid")"; echo $?)" "and the module is still up"

# lists it cannot read: refused before anything starts
for bad in "db1:0" "$T_TMP/nowhere.sock,,$db" "fe80::1" "db1;drop"; do
	with_hosts "$T_TMP/bad.cnf" "$bad"
	out=$("$fcgi" -c "$T_TMP/bad.cnf" -n 2>&1)
	st=$?
	ok "$([ $st = 1 ] && printf '%s' "$out" | grep -q 'db_hosts: '; echo $?)" \
	    "db_hosts \"$bad\" is refused ($(printf '%s' "$out" | grep -o 'db_hosts: .*' | head -1))"
done
# the option file's protocol would send an entry elsewhere: refused with
# a list
with_hosts "$T_TMP/proto.cnf" "$db"
sed -i '/^\[client-residence\]$/a protocol = tcp' "$T_TMP/proto.cnf"
out=$("$fcgi" -c "$T_TMP/proto.cnf" -n 2>&1)
st=$?
ok "$([ $st = 1 ] && printf '%s' "$out" | grep -q 'protocol: not with db_hosts'; echo $?)" \
    "a protocol in [client-residence] beside db_hosts is refused"

# db_replica: one server, and a bound of 0 to 3600 s
for bad in "db_replica = $db, $db" "db_replica = db1:0" "db_replica_max_lag = 3601" \
    "db_replica_max_lag = -1"; do
	sed -e "/^db_replica/d" -e "/^\[residence\]$/a $bad" "$MOTCUA_CNF" > "$T_TMP/bad.cnf"
	out=$("$fcgi" -c "$T_TMP/bad.cnf" -n 2>&1)
	st=$?
	ok "$([ $st = 1 ] && printf '%s' "$out" | grep -q "${bad%% *}: "; echo $?)" \
	    "$bad is refused ($(printf '%s' "$out" | grep -o "${bad%% *}: .*" | head -1))"
done
t_done
