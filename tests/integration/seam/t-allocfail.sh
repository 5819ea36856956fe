# Allocation failures: needs a build configured with --enable-alloc-seam
# (tests/check-all builds one, with ASan + UBSan), so it lives apart from
# the suite's t-*.sh.  For each request below, a module instance counts the
# request's allocations (MOTCUA_FAIL_ALLOC=0), then a fresh instance per N
# fails its Nth allocation, for every N up to that count.  Every failure
# must be answered cleanly: 503 with the module's busy answer in both
# languages, the worker ending by exit (never a signal), and no sanitizer
# or leak report.  One past the count, the request succeeds again: the walk
# covered every allocation.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/integration/exchange-lib.sh"

seam=0
grep -q '^#define MOTCUA_ALLOC_SEAM 1' "$top_builddir/config.h" || seam=1
ok $seam "the build has the allocation seam (--enable-alloc-seam)"
[ $seam -eq 0 ] || t_done
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
SOCK=$T_TMP/af.sock

# start MODULE N: a private instance, one worker, failing allocation N
start() {
	rm -f "$SOCK"
	MOTCUA_FAIL_ALLOC=$2 "$top_builddir/modules/$1/$1.fcgi" -f \
	    -c "$MOTCUA_CNF" --listen "$SOCK" --workers 1 2> "$T_TMP/af.log" &
	APID=$!
	for i in $(seq 100); do [ -S "$SOCK" ] && break; sleep 0.05; done
}
stop() { kill -TERM "$APID" 2>/dev/null; wait "$APID" 2>/dev/null; }

# ask REQUEST: sends the request (a function setting the environment and
# the body) to the instance; ANS holds the answer, AST its status, ABODY
# its body
ask() {
	"$1" > "$T_TMP/af.out" 2>&1
	AST=$(sed -n 's/^Status: \([0-9]*\).*/\1/p' "$T_TMP/af.out" | head -1)
	sed '1,/^\r\{0,1\}$/d' "$T_TMP/af.out" > "$T_TMP/af.body"
	ABODY=$(cat "$T_TMP/af.body")
}

# busy_json / busy_xml: the body is the busy answer with both messages
busy_json() {
	jq -e '.error.code == "busy" and .error.status == 503 and
	    (.error.message_vi | test("[^ -~]")) and
	    (.error.message_en | test("^[ -~]+$"))' "$T_TMP/af.body" > /dev/null 2>&1
}
busy_xml() {
	[ "$(xv MaLoi "$T_TMP/af.body")" = busy ] &&
	    xv ThongBaoVi "$T_TMP/af.body" | LC_ALL=C grep -q '[^ -~]' &&
	    xv ThongBaoEn "$T_TMP/af.body" | LC_ALL=C grep -q '^[ -~][ -~]*$'
}

# walk LABEL MODULE REQUEST OK-STATUS BUSY-CHECK
walk() {
	local label=$1 m=$2 req=$3 want=$4 check=$5 n k bad=0 notfired=0 dirty=0 t0
	t0=$(date +%s)
	start "$m" 0
	ask "$req"
	k=$(sed -n 's/.*alloc seam: the request made \([0-9]*\) allocations.*/\1/p' "$T_TMP/af.log" | tail -1)
	stop
	is "$AST" "$want" "$label: answered $want with no failure"
	like "$k" '^[1-9][0-9]*$' "$label: the seam counted its allocations ($k)"
	[ -n "$k" ] || return 0
	for n in $(seq "$k"); do
		start "$m" "$n"
		ask "$req"
		# the worker has exited once it answered; the parent replaces it
		for i in $(seq 40); do grep -q 'died' "$T_TMP/af.log" && break; sleep 0.05; done
		stop
		if [ "$AST" != 503 ] || ! "$check"; then
			bad=$((bad + 1))
			[ $bad -le 3 ] && echo "# $label, allocation $n: status '$AST': $(head -c 300 "$T_TMP/af.body")"
		fi
		grep -q "alloc seam: failing allocation $n\$" "$T_TMP/af.log" &&
		    grep -q 'out of memory .* answered, the worker exits' "$T_TMP/af.log" ||
		    notfired=$((notfired + 1))
		if grep -q 'ERROR: AddressSanitizer\|ERROR: LeakSanitizer\|runtime error:\|(signal ' "$T_TMP/af.log" ||
		    ! grep -q 'died (status 4)' "$T_TMP/af.log"; then
			dirty=$((dirty + 1))
			[ $dirty -le 2 ] && grep -A12 'Sanitizer\|runtime error\|died' "$T_TMP/af.log" | head -30 | sed "s/^/# $label, allocation $n: /"
		fi
	done
	is "$bad" 0 "$label: each of the $k failures answered 503 busy, in Vietnamese and English"
	is "$notfired" 0 "$label: each failure was the seam's, met by the out-of-memory answer"
	is "$dirty" 0 "$label: each worker exited (status 4), no crash, no sanitizer or leak report"
	start "$m" $((k + 1))
	ask "$req"
	stop
	is "$AST" "$want" "$label: failing allocation $((k + 1)) (none): $want again"
	echo "# $label: $k allocations walked in $(($(date +%s) - t0)) s"
}

# --- the requests -------------------------------------------------------

# a confirmation to verify
V=$(citizen 3)
curl -s -u "$V:demo" -H 'Accept: application/json' \
    --data-urlencode "idempotency_key=$(newkey)" \
    "$BASE/residence/citizen/confirmations" > "$T_TMP/conf.json"
CODE=$(jq -r '.verification_code // empty' "$T_TMP/conf.json")
like "$CODE" '^[0-9A-Z]{24}$' "a confirmation to verify"
verify_get() {
	env -i REQUEST_METHOD=GET DOCUMENT_URI="/residence/confirmations/$CODE" \
	    HTTP_ACCEPT=application/json cgi-fcgi -bind -connect "$SOCK" < /dev/null
}

# a temporary residence registration by a citizen of the commune
IFS=$'\t' read -r S SC < <(sql "SELECT c.pid, r.commune_code FROM citizen c
    JOIN residence r ON r.citizen_id = c.id
    WHERE r.kind = 'permanent' AND r.valid_to IS NULL AND NOT EXISTS
    (SELECT 1 FROM residence t WHERE t.citizen_id = c.id AND t.kind = 'temporary')
    ORDER BY c.id LIMIT 1 OFFSET 40")
UNTIL=$(date -d '+200 day' +%F)
submit_post() {
	local b
	b="idempotency_key=$(newkey)&commune_code=$SC&address=S%E1%BB%91+5%2C+ph%E1%BB%91+Hu%E1%BA%BF&until=$UNTIL"
	printf '%s' "$b" | env -i REQUEST_METHOD=POST \
	    DOCUMENT_URI=/residence/citizen/dossiers/temporary \
	    CONTENT_TYPE=application/x-www-form-urlencoded \
	    CONTENT_LENGTH=${#b} HTTP_ACCEPT=application/json \
	    MOTCUA_CITIZEN="$S" cgi-fcgi -bind -connect "$SOCK"
}

# an exchange VerifyResidence from a verified client
IFS=$'\t' read -r X XC < <(sql "SELECT c.pid, r.commune_code FROM citizen c
    JOIN residence r ON r.citizen_id = c.id
    WHERE r.kind = 'permanent' AND r.valid_to IS NULL
    ORDER BY c.id LIMIT 1 OFFSET 41")
SEQ=0
exchange_verify() {
	SEQ=$((SEQ + 1))
	printf '<?xml version="1.0" encoding="UTF-8"?>\n<VerifyResidenceRequest xmlns="urn:motcua:exchange:v1"><MaYeuCau>af%s-%s</MaYeuCau><MucDich>Xét duyệt hồ sơ bảo hiểm y tế</MucDich><SoDinhDanh>%s</SoDinhDanh><MaXa>%s</MaXa></VerifyResidenceRequest>\n' \
	    "$$" "$SEQ" "$X" "$XC" > "$T_TMP/vr.xml"
	ex_fcgi "$SOCK" "$T_TMP/vr.xml"
}

walk "verify GET" residence verify_get 200 busy_json
walk "submission POST" residence submit_post 201 busy_json
walk "exchange VerifyResidence" exchange exchange_verify 200 busy_xml
t_done
