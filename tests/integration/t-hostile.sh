# Hostile XML and SOAP at the exchange gateway:
# DOCTYPEs, external entities and DTDs (file:// and http:// to a loopback
# listener that counts connections), entity expansion, deep nesting,
# oversized bodies, schema locations, XInclude, invalid UTF-8, duplicated
# elements, SOAP 1.2, mustUnderstand, SOAPAction and envelope mistakes.
# Each gets a fault with its stable code and messages in Vietnamese and
# English, reads nothing from disk or network, writes no access-log row, and
# the gateway keeps answering.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/integration/exchange-lib.sh"

SOAP12=http://www.w3.org/2003/05/soap-envelope
P='Xét duyệt hồ sơ bảo hiểm y tế'

IFS=$'\t' read -r A A_COMMUNE < <(sql "
    SELECT c.pid, r.commune_code FROM citizen c
    JOIN residence r ON r.citizen_id = c.id
    WHERE r.kind = 'permanent' AND r.valid_to IS NULL AND c.id > 2000
    ORDER BY c.id LIMIT 1 OFFSET 77")

# --- what would show a read from disk or network ----------------------------

# a file only this test knows, with a marker that must never come back
MARK="motcua-secret-$(date +%s%N)"
echo "$MARK" > "$T_TMP/secret.txt"
SECRET=file://$T_TMP/secret.txt
# a FIFO: whoever opens it for reading lets the writer run, which leaves
# a flag behind
mkfifo "$T_TMP/fifo"
( exec 3> "$T_TMP/fifo"; : > "$T_TMP/fifo.opened"; echo "$MARK" >&3 ) &
FIFO_PID=$!
FIFO=file://$T_TMP/fifo
# a loopback listener that counts connections
SINK=$top_builddir/tests/tcp-sink
[ -x "$SINK" ] || make -C "$top_builddir" -s tests/tcp-sink > /dev/null 2>&1
ok "$([ -x "$SINK" ]; echo $?)" "tests/tcp-sink is built"
"$SINK" "$T_TMP/port" 300 > "$T_TMP/sink.count" &
SINK_PID=$!
for i in $(seq 50); do [ -s "$T_TMP/port" ] && break; sleep 0.1; done
LPORT=$(cat "$T_TMP/port" 2>/dev/null)
like "$LPORT" '^[0-9]+$' "the loopback listener is up"
NET=http://127.0.0.1:$LPORT
# the control: one connection of our own, so the count is known to work
(echo > "/dev/tcp/127.0.0.1/$LPORT") 2>/dev/null

# --- helpers ------------------------------------------------------------------

# vr [HOVATEN-CONTENT] [ROOT-ATTRIBUTES] [SODINHDANH-ELEMENTS]: a request
vr() {
	printf '<VerifyResidenceRequest xmlns="%s"%s><MaYeuCau>h%s</MaYeuCau><MucDich>%s</MucDich>%s' \
	    "$NS" "${2:-}" "$(date +%s%N)" "$P" "${3-<SoDinhDanh>$A</SoDinhDanh>}"
	[ -z "${1:-}" ] || printf '<HoVaTen>%s</HoVaTen>' "$1"
	printf '<MaXa>%s</MaXa></VerifyResidenceRequest>' "$A_COMMUNE"
}
# doc WIRE PAYLOAD [PROLOG]: the document, in a SOAP 1.1 envelope for soap
doc() {
	printf '<?xml version="1.0" encoding="UTF-8"?>\n%s' "${3:-}"
	if [ "$1" = soap ]; then
		printf '<soap:Envelope xmlns:soap="%s"><soap:Body>%s</soap:Body></soap:Envelope>' \
		    "$SOAP11" "$2"
	else
		printf '%s' "$2"
	fi
}
# post ENDPOINT FILE [curl args]: as bhxh; sets STATUS and RESP (the answer).
# $CT is the content type (text/xml), $SA the SOAPAction for soap.
post() {
	local ep=$1 file=$2 sa=()
	shift 2
	[ "$ep" = soap ] && sa=(-H "SOAPAction: ${SA-\"$NS/VerifyResidence\"}")
	ex_post bhxh "$ep" "$file" "${sa[@]}" "$@"
}

# normal: a good request still gets its answer (prints "STATUS KetQua")
normal() {
	doc xml "$(vr)" > "$T_TMP/normal.xml"
	ex_curl bhxh -o "$T_TMP/normal.out" -w '%{http_code} ' -H 'Content-Type: text/xml' \
	    --data-binary "@$T_TMP/normal.xml" "$TLSBASE/exchange/v1/xml"
	xv KetQua "$T_TMP/normal.out"
}

# hostile LABEL WIRE CODE FILE [HTTP [FAULTCODE]]: FILE is answered with
# fault CODE (HTTP status for a plain POST; SOAP: 500 and FAULTCODE,
# soap:Client by default) carrying messages in Vietnamese and English and
# valid against the schema; nothing leaks or is written; still serving
hostile() {
	local label="$1 ($2)" wire=$2 code=$3 file=$4 st=${5:-400}
	local fc=${6:-soap:Client} before got want vi en after
	before=$(alog)
	post "$wire" "$file"
	vi=$(xv ThongBaoVi | LC_ALL=C grep -c '[^ -~]')
	en=$(xv ThongBaoEn | LC_ALL=C grep -c '^[ -~][ -~]*$')
	got="$STATUS $(xv MaLoi) vi=$vi en=$en"
	want="$st $code vi=1 en=1"
	if [ "$wire" = soap ]; then
		got="$got $(xv faultcode)"
		want="500 $code vi=1 en=1 $fc"
	fi
	is "$got" "$want" "$label: fault $code, messages in Vietnamese and English"
	xmllint --xpath "//*[local-name()='Loi']" "$RESP" > "$T_TMP/loi.xml" 2>/dev/null
	xmllint --noout --schema "$XSD" "$T_TMP/loi.xml" > /dev/null 2>&1
	ok $? "$label: the Loi is valid against exchange-v1.xsd"
	after=$(alog)
	is "$(grep -c "$MARK" "$RESP") $after $(normal)" "0 $before 200 yes" \
	    "$label: nothing leaked, no access row, the gateway still answers"
}

# --- DOCTYPE, entities, external DTDs -------------------------------------------

for w in xml soap; do
	[ $w = soap ] && root=soap:Envelope || root=VerifyResidenceRequest
	doc $w "$(vr)" "<!DOCTYPE $root>" > "$T_TMP/d1"
	hostile "a bare DOCTYPE" $w xml_doctype_forbidden "$T_TMP/d1"
	doc $w "$(vr '&n;')" "<!DOCTYPE $root [<!ENTITY n \"Nguyễn Văn An\">]>" > "$T_TMP/d2"
	hostile "an internal entity" $w xml_doctype_forbidden "$T_TMP/d2"
	doc $w "$(vr '&x;')" "<!DOCTYPE $root [<!ENTITY x SYSTEM \"$SECRET\">]>" > "$T_TMP/d3"
	hostile "an external entity to a local file" $w xml_doctype_forbidden "$T_TMP/d3"
	doc $w "$(vr '&x;')" "<!DOCTYPE $root [<!ENTITY x SYSTEM \"$T_TMP/secret.txt\">]>" > "$T_TMP/d3b"
	hostile "an external entity to a local path" $w xml_doctype_forbidden "$T_TMP/d3b"
	doc $w "$(vr '&x;')" "<!DOCTYPE $root [<!ENTITY x SYSTEM \"$FIFO\">]>" > "$T_TMP/d4"
	hostile "an external entity to a FIFO" $w xml_doctype_forbidden "$T_TMP/d4"
	doc $w "$(vr '&x;')" "<!DOCTYPE $root [<!ENTITY x SYSTEM \"$NET/entity\">]>" > "$T_TMP/d5"
	hostile "an external entity over http" $w xml_doctype_forbidden "$T_TMP/d5"
	doc $w "$(vr)" "<!DOCTYPE $root SYSTEM \"$NET/dtd\">" > "$T_TMP/d6"
	hostile "an external DTD over http" $w xml_doctype_forbidden "$T_TMP/d6"
	doc $w "$(vr)" "<!DOCTYPE $root PUBLIC \"-//motcua//x\" \"$SECRET\">" > "$T_TMP/d7"
	hostile "an external DTD from a file" $w xml_doctype_forbidden "$T_TMP/d7"
	doc $w "$(vr)" "<!DOCTYPE $root [<!ENTITY % p SYSTEM \"$NET/pe\"> %p;]>" > "$T_TMP/d8"
	hostile "an external parameter entity" $w xml_doctype_forbidden "$T_TMP/d8"
	{
		printf '<!DOCTYPE %s [<!ENTITY lol "lol">' "$root"
		prev=lol
		for i in 1 2 3 4 5 6 7 8 9; do
			printf '<!ENTITY lol%d "%s">' $i "$(printf "&$prev;%.0s" 1 2 3 4 5 6 7 8 9 10)"
			prev=lol$i
		done
		printf ']>'
	} > "$T_TMP/lol.dtd"
	doc $w "$(vr '&lol9;')" "$(cat "$T_TMP/lol.dtd")" > "$T_TMP/d9"
	hostile "billion laughs" $w xml_doctype_forbidden "$T_TMP/d9"
	t0=$(date +%s%N)
	post $w "$T_TMP/d9"
	ms=$((($(date +%s%N) - t0) / 1000000))
	# the fault is the DOCTYPE's, raised before any entity is expanded;
	# the time is told, not judged (the machine may be busy)
	is "$(xv MaLoi)" "xml_doctype_forbidden" \
	    "billion laughs ($w): refused for its DOCTYPE, nothing expanded (${ms} ms)"
done

# --- nesting --------------------------------------------------------------------

deep() { for i in $(seq "$1"); do printf '<a>'; done; for i in $(seq "$1"); do printf '</a>'; done; }
deep 5000 > "$T_TMP/deep"
doc xml "$(cat "$T_TMP/deep")" > "$T_TMP/n1"
hostile "5000 levels of nesting" xml xml_too_deep "$T_TMP/n1"
doc soap "$(cat "$T_TMP/deep")" > "$T_TMP/n1s"
hostile "5000 levels of nesting" soap xml_too_deep "$T_TMP/n1s"
for w in xml soap; do
	doc $w "$(vr "$(deep 40)")" > "$T_TMP/n2"
	hostile "40 levels inside a valid request" $w xml_too_deep "$T_TMP/n2"
done

# --- size -----------------------------------------------------------------------

big() {	# big BYTES: a well-formed request whose name is BYTES long
	printf '<?xml version="1.0" encoding="UTF-8"?>\n'
	vr "@@" | sed 's/@@.*//'
	head -c "$1" /dev/zero | tr '\0' a
	vr "@@" | sed 's/.*@@//'
}
big 9000000 > "$T_TMP/big9"
hostile "9 MB, over the module's max_body of 8 MiB" xml body_too_large "$T_TMP/big9" 413
hostile "9 MB, over the module's max_body of 8 MiB" soap body_too_large "$T_TMP/big9"
big 17000000 > "$T_TMP/big17"
for w in xml soap; do
	m=$(mlog)
	post $w "$T_TMP/big17"
	if [ "${WEB:-nginx}" = nginx ]; then
		is "$STATUS" 413 "17 MB, over nginx's client_max_body_size ($w): 413 from nginx"
		is "$(grep -c MaLoi "$RESP") $(mlog) $(normal)" "0 $m 200 yes" \
		    "17 MB ($w): nothing reaches the module, the gateway still answers"
	else
		# Apache hands the request on before it enforces LimitRequestBody:
		# the module refuses it by its Content-Length, unread
		like "$STATUS $(xv MaLoi)" '^(413 |413 body_too_large|500 body_too_large)$' \
		    "17 MB ($w): refused by $WEB or by the module"
		is "$(normal)" "200 yes" "17 MB ($w): the gateway still answers"
	fi
done

# --- schema locations, XInclude, processing instructions ---------------------------

XSI='xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
for w in xml soap; do
	doc $w "$(vr "" " $XSI xsi:schemaLocation=\"$NS $NET/evil.xsd\"" "<SoDinhDanh>12345</SoDinhDanh>")" > "$T_TMP/s1"
	hostile "xsi:schemaLocation to the listener, bad SoDinhDanh" $w schema_invalid "$T_TMP/s1"
	doc $w "$(vr "" " $XSI xsi:noNamespaceSchemaLocation=\"$SECRET\"" "<SoDinhDanh>x</SoDinhDanh>")" > "$T_TMP/s2"
	hostile "xsi:noNamespaceSchemaLocation to a file, bad SoDinhDanh" $w schema_invalid "$T_TMP/s2"
	doc $w "$(vr "" " $XSI xsi:schemaLocation=\"$NS $NET/evil.xsd\"")" > "$T_TMP/s3"
	post $w "$T_TMP/s3"
	is "$STATUS $(xv KetQua)" "200 yes" \
	    "xsi:schemaLocation to the listener, valid request ($w): answered from our schema"
	doc $w "$(vr)" "<?xml-stylesheet type=\"text/xsl\" href=\"$NET/x.xsl\"?>" > "$T_TMP/s4"
	post $w "$T_TMP/s4"
	is "$STATUS $(xv KetQua)" "200 yes" "an xml-stylesheet instruction to the listener ($w): ignored"
	XI='xmlns:xi="http://www.w3.org/2001/XInclude"'
	doc $w "$(vr "<xi:include $XI href=\"$SECRET\" parse=\"text\"/>")" > "$T_TMP/x1"
	hostile "XInclude of a local file" $w schema_invalid "$T_TMP/x1"
	doc $w "$(vr "" "" "<SoDinhDanh><xi:include $XI href=\"$FIFO\" parse=\"text\"/></SoDinhDanh>")" > "$T_TMP/x2"
	hostile "XInclude of a FIFO" $w schema_invalid "$T_TMP/x2"
	doc $w "$(vr "<xi:include $XI href=\"$NET/xi\"/>")" > "$T_TMP/x3"
	hostile "XInclude over http" $w schema_invalid "$T_TMP/x3"
done

# --- bytes and structure --------------------------------------------------------------

for w in xml soap; do
	for b in 'ff' '80' 'c0af' 'eda080' 'e1ba' 'f4908080'; do
		doc $w "$(vr "Nguy$(printf "$(printf '%s' "$b" | sed 's/../\\x&/g')")n")" > "$T_TMP/u"
		hostile "invalid UTF-8 (bytes $b)" $w xml_invalid_encoding "$T_TMP/u"
	done
	doc $w "$(vr "" "" "<SoDinhDanh>$A</SoDinhDanh><SoDinhDanh>$A</SoDinhDanh>")" > "$T_TMP/dup"
	hostile "SoDinhDanh twice" $w schema_invalid "$T_TMP/dup"
	doc $w "$(vr "" "" "")" > "$T_TMP/miss"
	hostile "SoDinhDanh missing" $w schema_invalid "$T_TMP/miss"
	doc $w "<VerifyResidenceRequest xmlns=\"$NS\"><MaYeuCau>x</MaYeuCau>" > "$T_TMP/trunc"
	hostile "a truncated document" $w xml_malformed "$T_TMP/trunc"
done
doc xml '<Loi xmlns="urn:motcua:exchange:v1"><MaLoi>x</MaLoi><ThongBaoVi>x</ThongBaoVi><ThongBaoEn>x</ThongBaoEn></Loi>' > "$T_TMP/unk"
hostile "not a request element" xml unknown_service "$T_TMP/unk"

# --- SOAP ---------------------------------------------------------------------------

printf '<?xml version="1.0" encoding="UTF-8"?>\n<env:Envelope xmlns:env="%s"><env:Body>%s</env:Body></env:Envelope>' \
    "$SOAP12" "$(vr)" > "$T_TMP/soap12"
CT='application/soap+xml; charset=utf-8; action="urn:motcua:exchange:v1/VerifyResidence"' \
    SA='' hostile "a SOAP 1.2 envelope as application/soap+xml" soap soap_version_mismatch \
    "$T_TMP/soap12" 500 soap:VersionMismatch
hostile "a SOAP 1.2 envelope as text/xml" soap soap_version_mismatch "$T_TMP/soap12" 500 soap:VersionMismatch
# SOAP 1.1 fault children are unqualified
is "$(xmllint --xpath "count(//*[local-name()='Fault']/*[namespace-uri()=''])" "$RESP") $(xmllint --xpath "count(//*[local-name()='Fault']/*)" "$RESP")" \
    "3 3" "a SOAP 1.1 Fault's faultcode, faultstring and detail are unqualified"

printf '<?xml version="1.0" encoding="UTF-8"?>\n<soap:Envelope xmlns:soap="%s"><soap:Header><t:Giao xmlns:t="urn:x-khac" soap:mustUnderstand="1">1</t:Giao></soap:Header><soap:Body>%s</soap:Body></soap:Envelope>' \
    "$SOAP11" "$(vr)" > "$T_TMP/mu"
hostile "a mustUnderstand=\"1\" header" soap soap_must_understand "$T_TMP/mu" 500 soap:MustUnderstand
printf '<?xml version="1.0" encoding="UTF-8"?>\n<soap:Envelope xmlns:soap="%s"><soap:Header><t:Giao xmlns:t="urn:x-khac" soap:mustUnderstand="0">1</t:Giao></soap:Header><soap:Body>%s</soap:Body></soap:Envelope>' \
    "$SOAP11" "$(vr)" > "$T_TMP/mu0"
post soap "$T_TMP/mu0"
is "$STATUS $(xv KetQua)" "200 yes" "a mustUnderstand=\"0\" header is ignored"

doc soap "$(vr)" > "$T_TMP/act"
SA="\"$NS/GetCitizen\"" hostile "SOAPAction of another operation" soap soap_action_mismatch "$T_TMP/act"
SA='"http://127.0.0.1/x"' hostile "a foreign SOAPAction" soap soap_action_mismatch "$T_TMP/act"

printf '<?xml version="1.0" encoding="UTF-8"?>\n<soap:Envelope xmlns:soap="%s"><soap:Header/></soap:Envelope>' "$SOAP11" > "$T_TMP/e1"
hostile "an envelope without a Body" soap soap_envelope_invalid "$T_TMP/e1"
printf '<?xml version="1.0" encoding="UTF-8"?>\n<soap:Envelope xmlns:soap="%s"><soap:Body/></soap:Envelope>' "$SOAP11" > "$T_TMP/e2"
hostile "an empty Body" soap soap_envelope_invalid "$T_TMP/e2"
doc soap "$(vr)$(vr)" > "$T_TMP/e3"
hostile "two requests in the Body" soap soap_envelope_invalid "$T_TMP/e3"
printf '<?xml version="1.0" encoding="UTF-8"?>\n<soap:Envelope xmlns:soap="%s"><soap:Body>%s</soap:Body><soap:Body>%s</soap:Body></soap:Envelope>' \
    "$SOAP11" "$(vr)" "$(vr)" > "$T_TMP/e4"
hostile "two Body elements" soap soap_envelope_invalid "$T_TMP/e4"
printf '<?xml version="1.0" encoding="UTF-8"?>\n<soap:Envelope xmlns:soap="%s"><soap:Body>%s</soap:Body><soap:Header/></soap:Envelope>' \
    "$SOAP11" "$(vr)" > "$T_TMP/e5"
hostile "a Header after the Body" soap soap_envelope_invalid "$T_TMP/e5"
doc xml "$(vr)" > "$T_TMP/e6"
hostile "a bare request on the SOAP endpoint" soap soap_envelope_invalid "$T_TMP/e6"

# --- nothing was read from disk or network ------------------------------------------

[ -e "$T_TMP/fifo.opened" ]
is $? 1 "nobody opened the FIFO"
# let the FIFO's writer go: open it ourselves
timeout 5 cat "$T_TMP/fifo" > /dev/null
wait "$FIFO_PID" 2> /dev/null
kill -TERM "$SINK_PID" 2> /dev/null
wait "$SINK_PID"
is "$(cat "$T_TMP/sink.count")" 1 \
    "the loopback listener saw only the test's own control connection"
is "$(normal)" "200 yes" "the gateway still answers at the end"
# (the runner checks every module at the end; this names the culprit)
pid=$(awk '$1 == "exchange" { print $2 }' "$STACK_DIR/pids")
if [ -n "$pid" ]; then
	kill -0 "$pid" 2> /dev/null && ! grep -q died "$STACK_DIR/log/exchange.log"
	ok $? "exchange: the module is up and no worker died"
fi
t_done
