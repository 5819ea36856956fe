# Overload: past what the stack can serve, every request is answered, and
# at once: 2xx, or 503 (429 for one client's excess) with Retry-After and a
# short body in Vietnamese and English; never the web server's 502 or 504,
# a timeout or a broken connection; and nothing is half-written: every
# submission answered 2xx is in the database exactly once, every refused
# one is absent.  A request that waited for a worker longer than
# max_wait_ms (the web server's X-Request-Start stamp) is refused with
# 503 before the database.  Behaviour only: the load is bounded (a few
# seconds of hey) and nothing here measures speed (tests/bench/overload
# does).
. "$top_srcdir/tests/lib.sh"

# refusal_ok STATUS HEADERS BODY: whether a refusal is as it must be: 503
# or 429, one Retry-After, a body in both languages
refusal_ok() {
	case $1 in 503 | 429) ;; *) return 1 ;; esac
	grep -qi '^Retry-After: *[1-9][0-9]*' "$2" || return 1
	[ "$(grep -ci '^Retry-After:' "$2")" = 1 ] || return 1
	# Vietnamese and English (the module's JSON, the web server's page)
	grep -Eq 'bận|Quá nhiều|&#7853;|&#7873;' "$3" || return 1
	grep -Eiq 'busy|too many' "$3" || return 1
}

# --- a request that waited too long: refused before the database ------------
use_module_sock residence
ATSOCK=$MODSOCK
P=$(citizen 3)
# fcgi_stamped STAMP KEY: a citizen's confirmation straight to the module,
# as the web server would hand it on after taking it at STAMP; sets
# STATUS, HDRS (a file) and BODY (a file)
fcgi_stamped() {
	local b="idempotency_key=$2" out
	out=$(env -i REQUEST_METHOD=POST DOCUMENT_URI=/residence/citizen/confirmations \
	    REQUEST_URI=/residence/citizen/confirmations HTTP_ACCEPT=application/json \
	    MOTCUA_CITIZEN="$P" ${1:+HTTP_X_REQUEST_START="$1"} \
	    CONTENT_TYPE=application/x-www-form-urlencoded CONTENT_LENGTH=${#b} \
	    cgi-fcgi -bind -connect "$MODSOCK" <<< "$b")
	printf '%s\n' "$out" | sed '/^\r\{0,1\}$/,$d' > "$T_TMP/stamped.h"
	printf '%s\n' "$out" | sed '1,/^\r\{0,1\}$/d' > "$T_TMP/stamped.b"
	STATUS=$(sed -n 's/^Status: \([0-9]*\).*/\1/p' "$T_TMP/stamped.h")
	HDRS=$T_TMP/stamped.h BODY=$T_TMP/stamped.b
}
in_db() { sql "SELECT COUNT(*) FROM dossier WHERE idempotency_key = '$1'"; }

# refusals the module counted for overload, from its metrics page
refused_overload() {
	curl -s "$BASE/residence/metrics" |
	    sed -n 's/^motcua_refused_total{reason="overload"} //p'
}
r0=$(refused_overload)
now=$(date +%s)
K=$(newkey)
fcgi_stamped "t=$((now - 5)).250" "$K"
is "$STATUS" 503 "taken up 5 s after nginx's stamp (t=seconds.ms): 503"
ok "$(refusal_ok "$STATUS" "$HDRS" "$BODY"; echo $?)" \
    "with Retry-After and the bilingual body"
is "$(json_in "$BODY" code)" busy \
    "the module's error code busy"
is "$(in_db "$K")" 0 "nothing written: no dossier with its key"
# (under mod_fcgid the refusal was a private instance's, which counts for
# itself: see motcua-fcgid.conf)
if [ "$WEB" != apache-fcgid ]; then
	is "$(refused_overload)" "$((${r0:-0} + 1))" \
	    "counted: motcua_refused_total{reason=\"overload\"} + 1"
fi
K=$(newkey)
fcgi_stamped "t=$(((now - 5) * 1000000 + 250000))" "$K"
is "$STATUS" 503 "5 s after Apache's stamp (t=microseconds): 503"
is "$(in_db "$K")" 0 "nothing written"
K=$(newkey)
fcgi_stamped "t=$(date +%s.%3N)" "$K"
is "$STATUS" 201 "a fresh stamp: served (201)"
is "$(in_db "$K")" 1 "and written once"
K=$(newkey)
fcgi_stamped "" "$K"
is "$STATUS" 201 "no stamp: served"
K=$(newkey)
fcgi_stamped "t=$((now + 60)).000" "$K"
is "$STATUS" 201 "a stamp in the future (another clock): served"

# the web server sets the stamp: a client's own, however old, is replaced
K=$(newkey)
http POST /residence/citizen/confirmations -u "$P:demo" -H 'X-Request-Start: t=1' \
    -H 'Accept: application/json' --data-urlencode "idempotency_key=$K"
is "$STATUS" 201 "a client's own X-Request-Start of 1970 is not the web server's: served"

# --- the web server past its limits ---------------------------------------
# hey floods a cheap GET; meanwhile citizens submit (each with a new
# idempotency key) and a probe samples the GET; every answer is kept.
mkdir -p "$T_TMP/sub" "$T_TMP/probe"
hey -z 4s -c 600 -t 20 "$BASE/residence/health" > "$T_TMP/hey.out" 2>&1 &
hey_pid=$!
sleep 0.5
for s in $(seq 1 24); do
	(
		p=$(citizen $((s + 10)))
		for i in 1 2 3 4 5 6; do
			k="ov$$-$s-$i"
			st=$(curl -sS -m 30 -o "$T_TMP/sub/$k.b" -D "$T_TMP/sub/$k.h" \
			    -w '%{http_code}' -u "$p:demo" -H 'Accept: application/json' \
			    --data-urlencode "idempotency_key=$k" \
			    "$BASE/residence/citizen/confirmations" 2> "$T_TMP/sub/$k.err") ||
			    st="curl-failed-$?"
			echo "$k $st"
		done > "$T_TMP/sub/list.$s"
	) &
done
for i in $(seq 1 40); do
	curl -sS -m 30 -o "$T_TMP/probe/$i.b" -D "$T_TMP/probe/$i.h" -w '%{http_code}\n' \
	    "$BASE/residence/health" 2> /dev/null > "$T_TMP/probe/$i.s" ||
	    echo "curl-failed" > "$T_TMP/probe/$i.s"
	sleep 0.05
done
wait
cat "$T_TMP"/sub/list.* > "$T_TMP/sub.all"

# what hey got
statuses=$(awk '/^Status code distribution/ { s = 1; next }
    s && /\[[0-9]+\]/ { gsub(/[][]/, "", $1); printf "%s ", $1; next }
    s && /^$/ { s = 0 }' "$T_TMP/hey.out")
echo "# hey: $(grep -A6 '^Status code distribution' "$T_TMP/hey.out" | grep responses | tr -s ' \t' ' ' | tr '\n' ';')"
like "$statuses" '^(200|503|429)( (200|503|429))* ?$' \
    "the flood's answers are all 200, 503 or 429 (got: $statuses)"
if grep -q '^Error distribution' "$T_TMP/hey.out"; then
	ok 1 "no connection error, reset or timeout in the flood"
	grep -A5 '^Error distribution' "$T_TMP/hey.out" | sed 's/^/# /'
else
	ok 0 "no connection error, reset or timeout in the flood"
fi

# the probe's answers
bad=0 nref=0
for i in $(seq 1 40); do
	st=$(cat "$T_TMP/probe/$i.s")
	[ "$st" = 200 ] && continue
	nref=$((nref + 1))
	refusal_ok "$st" "$T_TMP/probe/$i.h" "$T_TMP/probe/$i.b" ||
	    { bad=$((bad + 1)); echo "# probe $i: $st $(head -c 300 "$T_TMP/probe/$i.b")"; }
done
is "$bad" 0 "every probe answered 200, or refused with Retry-After and the bilingual body ($nref refused)"

# the submissions' answers, and the database
bad=0 n2xx=0 nref=0 dup=0 lost=0 ghost=0
while read -r k st; do
	case $st in
	2??)
		n2xx=$((n2xx + 1))
		[ "$(in_db "$k")" = 1 ] || { dup=$((dup + 1)); echo "# $k answered $st, in the database $(in_db "$k") times"; }
		;;
	*)
		if refusal_ok "$st" "$T_TMP/sub/$k.h" "$T_TMP/sub/$k.b"; then
			nref=$((nref + 1))
			[ "$(in_db "$k")" = 0 ] || { ghost=$((ghost + 1)); echo "# $k refused ($st) yet written"; }
		else
			bad=$((bad + 1))
			echo "# $k: $st $(head -c 300 "$T_TMP/sub/$k.b" 2> /dev/null) $(cat "$T_TMP/sub/$k.err" 2> /dev/null)"
		fi
		;;
	esac
done < "$T_TMP/sub.all"
is "$(wc -l < "$T_TMP/sub.all")" 144 "every submission was answered"
is "$bad" 0 "each submission answered 2xx, or refused with Retry-After and the bilingual body ($n2xx 2xx, $nref refused)"
is "$dup" 0 "every submission answered 2xx is in the database exactly once"
is "$ghost" 0 "no refused submission is in the database"
ok "$([ "$n2xx" -gt 0 ]; echo $?)" "some submissions went through meanwhile"

# the module survived it: it answers, and no worker died
http GET /residence/health
is "$STATUS" 200 "after the flood the module answers 200"

# --- nginx's own refusals, one by one (nginx only) ---------------------------
if [ "$WEB" = nginx ]; then
	# a private nginx with the shipped snippets whose modules are gone
	# (502 inside nginx) or do not answer (a stand-in stopped with
	# SIGSTOP: the request in hand holds the module's one slot)
	N=$T_TMP/nginx
	mkdir -p "$N/run" "$N/log" "$N/tmp"
	cp "$STACK_DIR/nginx/fastcgi_params" "$top_srcdir/conf/nginx/motcua-http.conf" \
	    "$top_srcdir/conf/nginx/motcua-monitoring.conf" "$N/"
	# the residence module's limit at 1 request at once, to reach it
	sed -e 's/^limit_conn motcua_module [0-9]*;/limit_conn motcua_module 1;/' \
	    "$top_srcdir/conf/nginx/motcua-fastcgi.conf" > "$N/motcua-fastcgi.conf"
	for f in motcua.conf motcua-exchange.conf; do
		sed -e "s|unix:/run/motcua/residence\.sock|unix:$N/run/stopped.sock|" \
		    -e "s|unix:/run/motcua/[a-z]*\.sock|unix:$N/run/none.sock|" \
		    -e "s|/etc/motcua/|$STACK_DIR/nginx/|g" -e "s|/var/log/nginx/|$N/log/|g" \
		    "$top_srcdir/conf/nginx/$f" > "$N/$f"
	done
	"$top_builddir/tests/fcgi-params" "$N/run/stopped.sock" 2> "$N/log/params.log" &
	echo $! > "$T_TMP/stopped.pid"
	for _ in $(seq 50); do [ -S "$N/run/stopped.sock" ] && break; sleep 0.1; done
	kill -STOP "$(cat "$T_TMP/stopped.pid")"
	nport=$(unused_port $((PORT + 70)))
	cat > "$N/nginx.conf" <<EOF
daemon off;
master_process off;
pid $N/nginx.pid;
error_log $N/log/error.log warn;
events { worker_connections 64; }
http {
	access_log off;
	client_body_temp_path $N/tmp;
	fastcgi_temp_path $N/tmp;
	proxy_temp_path $N/tmp;
	uwsgi_temp_path $N/tmp;
	scgi_temp_path $N/tmp;
	include $N/motcua-http.conf;
	server {
		listen 127.0.0.1:$nport;
		include $N/motcua.conf;
		include $N/motcua-exchange.conf;
	}
}
EOF
	nginx -p "$N/" -c "$N/nginx.conf" > "$N/log/nginx.out" 2>&1 &
	echo $! > "$T_TMP/nginx.pid"
	for _ in $(seq 50); do ss -Hltn "sport = :$nport" | grep -q . && break; sleep 0.1; done
	nget() {	# nget PATH [curl args]: sets STATUS, and the files
		STATUS=$(curl -sS -m 10 -o "$T_TMP/n.b" -D "$T_TMP/n.h" -w '%{http_code}' \
		    "${@:2}" "http://127.0.0.1:$nport$1")
	}

	nget /civil/health
	is "$STATUS" 503 "a module that is gone (nginx's 502): 503"
	ok "$(refusal_ok "$STATUS" "$T_TMP/n.h" "$T_TMP/n.b"; echo $?)" \
	    "with Retry-After and the bilingual page"
	like "$(cat "$T_TMP/n.h")" 'Content-Type: text/html; charset=utf-8' "an HTML page in UTF-8"
	unlike "$(cat "$T_TMP/n.b")" 'nginx' "not nginx's own page"
	nget /exchange/health
	is "$STATUS" 503 "the exchange gateway gone: 503"
	like "$(cat "$T_TMP/n.b")" '<soap:Fault>.*bận.*busy' "a SOAP fault in both languages"
	grep -qi '^Retry-After: *2' "$T_TMP/n.h"
	ok $? "with Retry-After"

	# the one slot taken by a request the stopped stand-in never answers
	curl -s -m 8 -o /dev/null "http://127.0.0.1:$nport/residence/health" &
	held=$!
	sleep 1
	nget /residence/health -H 'Accept: application/json'
	is "$STATUS" 503 "the module at its limit of requests at once: 503 at once"
	ok "$(refusal_ok "$STATUS" "$T_TMP/n.h" "$T_TMP/n.b"; echo $?)" \
	    "with Retry-After and the bilingual page"
	kill "$held" 2> /dev/null; wait "$held" 2> /dev/null
	kill -CONT "$(cat "$T_TMP/stopped.pid")"

	# one client past the tracking lookup's rate (20 a second, bursts of
	# 40): 100 requests on one connection, then one more, answered 429
	# (the module itself is gone here: the others are 503)
	u="http://127.0.0.1:$nport/tracking/dossiers/X"
	rates=$(curl -s -w '%{http_code}\n' $(for _ in $(seq 100); do echo "-o /dev/null $u"; done) |
	    sort | uniq -c | awk '{ printf "%s:%s ", $2, $1 }')
	nget /tracking/dossiers/X
	is "$STATUS" 429 "a client past its rate: 429 (before: $rates)"
	ok "$(refusal_ok "$STATUS" "$T_TMP/n.h" "$T_TMP/n.b"; echo $?)" \
	    "with Retry-After and the bilingual page"
fi

t_done
