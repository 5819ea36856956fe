# What one message may cost the gateway, whatever its shape.  Messages just
# under the module's max_body (8 MiB here) shaped to be expensive to parse
# (many attributes on one element, many namespace declarations, very long
# names, a huge text node, very many elements, deep nesting) are each
# answered with a fault in under 2 s (curl's time_total, the issue's
# bound), and the gateway answers a normal VerifyResidence right after.
# Then the CPU budget itself: a private instance with a low budget and the
# attribute limit lifted gets a normal-sized message that costs libxml2
# seconds; it is answered with request_too_costly at once, the worker is
# replaced, and the next message is served.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/integration/exchange-lib.sh"

P='Xét duyệt hồ sơ bảo hiểm y tế'
MAX=$(sed -n '/^\[exchange\]/,/^\[/s/^max_body = //p' "$MOTCUA_CNF")
like "$MAX" '^[0-9]+$' "the gateway's max_body ($MAX)"
SIZE=$((MAX - 4096))

IFS=$'\t' read -r A A_COMMUNE < <(sql "
    SELECT c.pid, r.commune_code FROM citizen c
    JOIN residence r ON r.citizen_id = c.id
    WHERE r.kind = 'permanent' AND r.valid_to IS NULL AND c.id > 1000
    ORDER BY c.id LIMIT 1 OFFSET 11")

# head, tail of a VerifyResidenceRequest; the root's start tag left open
# in head so attributes can follow it
HEAD="<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<VerifyResidenceRequest xmlns=\"$NS\""
body() { printf '><MaYeuCau>x%s</MaYeuCau><MucDich>%s</MucDich><SoDinhDanh>%s</SoDinhDanh>' \
    "$(date +%s%N)" "$P" "$A"; }
TAIL="<MaXa>$A_COMMUNE</MaXa></VerifyResidenceRequest>"

# fill BYTES PRINTF-FORMAT: the format with a counter, repeated to BYTES
fill() { LC_ALL=C awk -v n="$1" -v f="$2" 'BEGIN { for (i = 0; t < n; i++) { s = sprintf(f, i); printf "%s", s; t += length(s) } }'; }
# rep BYTES STRING: the string repeated to at most BYTES, whole copies
rep() { LC_ALL=C awk -v n="$1" -v s="$2" 'BEGIN { r = s; while (2 * length(r) <= n) r = r r
	for (t = 0; t + length(r) <= n; t += length(r)) printf "%s", r
	k = int((n - t) / length(s)); printf "%s", substr(r, 1, k * length(s)) }'; }

normal() {
	{ printf '%s' "$HEAD"; body; printf '%s' "$TAIL"; } > "$T_TMP/normal.xml"
	ex_curl bhxh -o "$T_TMP/normal.out" -w '%{http_code} ' -H 'Content-Type: text/xml' \
	    --data-binary "@$T_TMP/normal.xml" "$TLSBASE/exchange/v1/xml"
	xv KetQua "$T_TMP/normal.out"
}

# costly LABEL CODE FILE: FILE (a plain document) as a plain POST and in a
# SOAP envelope: a fault CODE in under 2 s, the gateway answering after
costly() {
	local label=$1 code=$2 file=$3 w st t ep sa
	is "$(( $(wc -c < "$file") <= MAX ))" 1 "$label: the message is within max_body ($(wc -c < "$file") bytes)"
	{
		printf '<?xml version="1.0" encoding="UTF-8"?>\n<soap:Envelope xmlns:soap="%s"><soap:Body>' "$SOAP11"
		sed '1{/^<?xml/d}' "$file"
		printf '</soap:Body></soap:Envelope>'
	} | head -c "$MAX" > "$T_TMP/soap.xml"
	for w in xml soap; do
		RESP=$T_TMP/resp.$w
		if [ $w = soap ]; then
			f=$T_TMP/soap.xml ep=soap sa=(-H "SOAPAction: \"$NS/VerifyResidence\"")
		else
			f=$file ep=xml sa=()
		fi
		read -r st t < <(ex_curl bhxh -o "$RESP" -w '%{http_code} %{time_total}\n' \
		    -H 'Content-Type: text/xml' "${sa[@]}" --data-binary "@$f" \
		    "$TLSBASE/exchange/v1/$ep" 2> "$T_TMP/curl.err")
		[ $w = soap ] && want=500 || want=400
		is "$st $(xv MaLoi)" "$want $code" "$label ($w): fault $code"
		is "$(awk -v t="$t" 'BEGIN { print (t < 2.0) ? "fast" : "slow" }')" fast \
		    "$label ($w): answered in under 2 s (${t} s)"
		is "$(normal)" "200 yes" "$label ($w): the gateway answers a normal VerifyResidence right after"
	done
}

# many attributes on one element (the request's root)
{ printf '%s' "$HEAD"; fill "$SIZE" ' a%d=""'; body; printf '%s' "$TAIL"; } > "$T_TMP/attrs"
costly "many attributes on one element" xml_limit_exceeded "$T_TMP/attrs"
# many namespace declarations on one element
{ printf '%s' "$HEAD"; fill "$SIZE" ' xmlns:p%d="urn:x"'; body; printf '%s' "$TAIL"; } > "$T_TMP/ns"
costly "many namespace declarations on one element" xml_limit_exceeded "$T_TMP/ns"
# a very long element name, and a very long attribute name
{ printf '%s' "$HEAD"; body; printf '<'; rep "$SIZE" abcdefghij; printf '/>%s' "$TAIL"; } > "$T_TMP/ename"
costly "an element name of 8 MiB" xml_limit_exceeded "$T_TMP/ename"
{ printf '%s ' "$HEAD"; rep "$SIZE" abcdefghij; printf '=""'; body; printf '%s' "$TAIL"; } > "$T_TMP/aname"
costly "an attribute name of 8 MiB" xml_limit_exceeded "$T_TMP/aname"
# a huge text node, and a huge attribute value
{ printf '%s' "$HEAD"; body; printf '<HoVaTen>'; rep "$SIZE" 'Nguyễn Văn '; printf '</HoVaTen>%s' "$TAIL"; } > "$T_TMP/text"
costly "a text node of 8 MiB" xml_limit_exceeded "$T_TMP/text"
{ printf '%s a="' "$HEAD"; rep "$SIZE" 'xxxxxxxxxx'; printf '"'; body; printf '%s' "$TAIL"; } > "$T_TMP/value"
costly "an attribute value of 8 MiB" xml_limit_exceeded "$T_TMP/value"
# very many elements
{ printf '%s' "$HEAD"; body; rep "$SIZE" '<a/>'; printf '%s' "$TAIL"; } > "$T_TMP/elems"
costly "two million elements" xml_limit_exceeded "$T_TMP/elems"
# deep nesting
n=$((SIZE / 7))
{ printf '%s' "$HEAD"; body; rep $((n * 3)) '<a>'; rep $((n * 4)) '</a>'; printf '%s' "$TAIL"; } > "$T_TMP/deep"
costly "a million levels of nesting" xml_too_deep "$T_TMP/deep"
# a million comments, and a million processing instructions
{ printf '%s' "$HEAD"; body; rep "$SIZE" '<!---->'; printf '%s' "$TAIL"; } > "$T_TMP/comments"
costly "a million comments" xml_limit_exceeded "$T_TMP/comments"
{ printf '%s' "$HEAD"; body; rep "$SIZE" '<?p?>'; printf '%s' "$TAIL"; } > "$T_TMP/pis"
costly "a million processing instructions" xml_limit_exceeded "$T_TMP/pis"

# --- the CPU budget ------------------------------------------------------------

# a private instance: a 300 ms budget, and the attribute limit lifted so
# that a message of 20,000 attributes (200 kB) reaches libxml2, where it
# costs seconds of CPU
SOCK=$T_TMP/budget.sock
sed -e '/^\[exchange\]/a cpu_budget_ms = 300\nxml_max_attributes = 1000000' \
    "$MOTCUA_CNF" > "$T_TMP/budget.cnf"
BIN=$top_builddir/modules/exchange/exchange.fcgi
"$BIN" -n -c "$T_TMP/budget.cnf" > /dev/null 2>&1
ok $? "-n accepts cpu_budget_ms and the xml_max_* settings"
sed -e '/^\[exchange\]/a cpu_budget_ms = -1' "$MOTCUA_CNF" > "$T_TMP/bad.cnf"
"$BIN" -n -c "$T_TMP/bad.cnf" > /dev/null 2>&1
is $? 1 "-n refuses a negative cpu_budget_ms"
sed -e '/^\[exchange\]/a xml_max_attributes = 0' "$MOTCUA_CNF" > "$T_TMP/bad.cnf"
"$BIN" -n -c "$T_TMP/bad.cnf" > /dev/null 2>&1
is $? 1 "-n refuses xml_max_attributes = 0"
"$BIN" -f -c "$T_TMP/budget.cnf" --listen "$SOCK" --workers 1 2> "$T_TMP/budget.log" &
echo $! > "$T_TMP/budget.pid"
for i in $(seq 100); do [ -S "$SOCK" ] && break; sleep 0.1; done
# ask FILE: FILE to the private instance as bhxh, the answer in $T_TMP/ask.out
ask() {
	ex_fcgi "$SOCK" "$1" > "$T_TMP/ask.out" 2>&1
	sed '1,/^\r\{0,1\}$/d' "$T_TMP/ask.out" > "$T_TMP/ask.xml"
}
{ printf '%s' "$HEAD"; body; printf '%s' "$TAIL"; } > "$T_TMP/ok.xml"
ask "$T_TMP/ok.xml"
is "$(sed -n 's/^Status: \([0-9]*\).*/\1/p' "$T_TMP/ask.out" | tr -d '\r') $(xv KetQua "$T_TMP/ask.xml")" \
    "200 yes" "budget 300 ms: a normal message is answered"
{ printf '%s' "$HEAD"; fill 200000 ' a%d=""'; body; printf '%s' "$TAIL"; } > "$T_TMP/costly.xml"
kids=$(workers_of "$(cat "$T_TMP/budget.pid")")
t0=$(date +%s%N)
ask "$T_TMP/costly.xml"
ms=$((($(date +%s%N) - t0) / 1000000))
is "$(sed -n 's/^Status: \([0-9]*\).*/\1/p' "$T_TMP/ask.out" | tr -d '\r') $(xv MaLoi "$T_TMP/ask.xml")" \
    "400 request_too_costly" "budget 300 ms: 20,000 attributes are answered with request_too_costly"
is "$(xv ThongBaoVi "$T_TMP/ask.xml" | LC_ALL=C grep -c '[^ -~]') $(xv ThongBaoEn "$T_TMP/ask.xml" | grep -c 'processing time')" \
    "1 1" "budget 300 ms: the fault's messages in Vietnamese and English"
# how long it took is told, not judged (the machine may be busy): the
# budget's own log line and the new worker below show what stopped it
echo "# budget 300 ms: the costly message was answered in ${ms} ms"
ask "$T_TMP/ok.xml"
is "$(sed -n 's/^Status: \([0-9]*\).*/\1/p' "$T_TMP/ask.out" | tr -d '\r') $(xv KetQua "$T_TMP/ask.xml")" \
    "200 yes" "budget 300 ms: the next message is served"
unlike "$(workers_of "$(cat "$T_TMP/budget.pid")")" "^$kids\$" "budget 300 ms: by a new worker"
like "$(cat "$T_TMP/budget.log")" 'CPU budget of 300 ms' "budget 300 ms: the worker said why it went"
kill -TERM "$(cat "$T_TMP/budget.pid")"
wait "$(cat "$T_TMP/budget.pid")" 2> /dev/null
rm -f "$T_TMP/budget.pid"

# the stack's gateway never needed its budget
[ -f "$STACK_DIR/log/exchange.log" ] &&
    is "$(grep -c "CPU budget" "$STACK_DIR/log/exchange.log")" 0 \
    "the stack's gateway: no message used up the default budget"
t_done
