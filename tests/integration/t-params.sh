# What the shipped nginx snippets hand a module, location by location: a
# private nginx with conf/nginx/ as a province includes it, with every
# module's socket replaced by fcgi-params, which answers with the FastCGI
# parameters it received.  REMOTE_USER reaches a module only from the
# officials' auth, MOTCUA_CITIZEN only from the citizens', and a client's
# "Authorization: Basic" header never becomes either (nginx-specific: the
# stock fastcgi_params is the trap).
. "$top_srcdir/tests/lib.sh"

P=$T_TMP/params
mkdir -p "$P/run" "$P/log" "$P/tmp"
"$top_builddir/tests/fcgi-params" "$P/run/params.sock" 2> "$P/log/params.log" &
echo $! > "$T_TMP/params.pid"
for _ in $(seq 50); do [ -S "$P/run/params.sock" ] && break; sleep 0.1; done

cp "$STACK_DIR/nginx/fastcgi_params" "$top_srcdir/conf/nginx/motcua-fastcgi.conf" \
    "$top_srcdir/conf/nginx/motcua-monitoring.conf" \
    "$top_srcdir/conf/nginx/motcua-http.conf" "$P/"
for f in motcua.conf motcua-exchange.conf; do
	sed -e "s|unix:/run/motcua/[a-z]*\.sock|unix:$P/run/params.sock|" \
	    -e "s|/etc/motcua/|$STACK_DIR/nginx/|g" -e "s|/var/log/nginx/|$P/log/|g" \
	    "$top_srcdir/conf/nginx/$f" > "$P/$f"
done
# nginx_up PORT: this private nginx on PORT; 1 when it could not bind it
nginx_up() {
	local port=$1
	cat > "$P/nginx.conf" <<EOF
daemon off;
master_process off;
pid $P/nginx.pid;
error_log $P/log/error.log warn;
events { worker_connections 64; }
http {
	access_log off;
	client_body_temp_path $P/tmp;
	fastcgi_temp_path $P/tmp;
	proxy_temp_path $P/tmp;
	uwsgi_temp_path $P/tmp;
	scgi_temp_path $P/tmp;
	include $P/motcua-http.conf;
	server {
		listen 127.0.0.1:$port;
		include $P/motcua.conf;
		include $P/motcua-exchange.conf;
	}
}
EOF
	nginx -p "$P/" -c "$P/nginx.conf" > "$P/log/nginx.out" 2>&1 &
	echo $! > "$T_TMP/nginx.pid"
	for _ in $(seq 50); do
		ss -Hltn "sport = :$port" | grep -q . && return 0
		kill -0 "$(cat "$T_TMP/nginx.pid")" 2> /dev/null || return 1
		sleep 0.1
	done
	return 0
}
# another process may take the port between the choice and the bind
port=$(unused_port $((PORT + 50)))
for _ in 1 2 3 4 5; do
	nginx_up "$port" && break
	echo "# port $port was taken meanwhile; trying another"
	port=$(unused_port $((port + 1)))
done

C=$(citizen 1)
O=$(official 1)
# params PATH [curl args]: the parameters a module gets for this request
params() {
	local p=$1
	shift
	curl -sS "$@" "http://127.0.0.1:$port$p"
}
# only NAME PARAMS: the values of NAME, one per line
only() { printf '%s\n' "$2" | sed -n "s/^$1=//p"; }

forged=(-H "Authorization: Basic $(printf '%s:%s' "$O" demo | base64)")
for loc in /residence/confirmations/X /residence/health /residence/x \
    /tracking/dossiers/X /tracking/x /civil/health /civil/x \
    /exchange/v1/xml /exchange/health; do
	got=$(params "$loc" "${forged[@]}")
	like "$got" '^REQUEST_METHOD=' "$loc: the request reaches the stand-in"
	is "$(only REMOTE_USER "$got")" "" "$loc: a forged Basic header gives no REMOTE_USER"
	is "$(only MOTCUA_CITIZEN "$got")" "" "$loc: nor a citizen"
	is "$(only HTTP_AUTHORIZATION "$got" | tr -d '\n')" "" "$loc: the credentials are not handed on"
done
for loc in /residence/official/lookup /tracking/official/queue \
    /civil/official/x; do
	got=$(params "$loc" -u "$O:demo")
	is "$(only REMOTE_USER "$got")" "$O" "$loc: REMOTE_USER once, the official nginx authenticated"
	is "$(only MOTCUA_CITIZEN "$got")" "" "$loc: no citizen"
	is "$(only HTTP_AUTHORIZATION "$got" | tr -d '\n')" "" "$loc: the password is not handed on"
done
for loc in /residence/citizen/forms/temporary /tracking/citizen/reads \
    /civil/citizen/x; do
	got=$(params "$loc" -u "$C:demo")
	is "$(only MOTCUA_CITIZEN "$got")" "$C" "$loc: MOTCUA_CITIZEN once, the citizen nginx authenticated"
	is "$(only REMOTE_USER "$got")" "" "$loc: no REMOTE_USER"
done
# a header named like the identity parameters arrives as HTTP_* only
got=$(params /residence/confirmations/X -H "Remote-User: $O" -H "Motcua-Citizen: $C")
is "$(only REMOTE_USER "$got")$(only MOTCUA_CITIZEN "$got")" "" \
    "identity headers from the client are never identity parameters"
# the gateway's location is rate-limited per client address: 300 requests
# at once from one address, far above 50/s with bursts of 100
urls=()
for i in $(seq 300); do urls+=(-o /dev/null "http://127.0.0.1:$port/exchange/health"); done
codes=$(curl -s --no-progress-meter --parallel --parallel-max 20 -w '%{http_code}\n' "${urls[@]}")
n429=$(printf '%s\n' "$codes" | grep -c '^429$')
n200=$(printf '%s\n' "$codes" | grep -c '^200$')
ok "$([ "$n429" -gt 0 ] && [ "$n200" -ge 100 ]; echo $?)" \
    "the gateway: a flood from one address gets 429 beyond the burst ($n200 served, $n429 refused)"
is "$(printf '%s\n' "$codes" | grep -v '^200$' | grep -v '^429$' | sort | uniq -c)" "" \
    "and nothing else"
t_done
