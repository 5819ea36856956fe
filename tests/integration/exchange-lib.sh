# Helpers shared by the exchange gateway's integration tests (sourced after
# tests/lib.sh): the namespaces and schema, XPath readers for answers, the
# message and access-log counters, requests and the checks of their
# answers (valid against the schema, a fault), and the ways a message is
# sent:
# through the web server's TLS port with a client certificate (ex_curl,
# ex_post), or straight to a module instance as the verified client bhxh,
# as the web server would hand it over (ex_fcgi).
# shellcheck shell=bash

XSD=$top_srcdir/xsd/exchange-v1.xsd
NS=urn:motcua:exchange:v1
SOAP11=http://schemas.xmlsoap.org/soap/envelope/
NRESP=0 NREQ=0

# xv NAME [FILE]: text of the first element named NAME (any namespace)
xv() { xmllint --xpath "string((//*[local-name()='$1'])[1])" "${2:-$RESP}" 2>/dev/null; }
# xc NAME [FILE]: how many elements named NAME
xc() { xmllint --xpath "count(//*[local-name()='$1'])" "${2:-$RESP}" 2>/dev/null; }
sha() { sha256sum < "$1" | cut -d' ' -f1; }
alog() { sql "SELECT COUNT(*) FROM access_log"; }
mlog() { sql "SELECT COUNT(*) FROM exchange_message"; }

# ex_curl WHO [curl args...]: curl trusting the stack's CA, with client
# WHO's certificate (bhxh, gddt, unknown, rogue; none: without one)
ex_curl() {
	local who=$1 cert=()
	shift
	[ "$who" = none ] || cert=(--cert "$TLS/$who.crt" --key "$TLS/$who.key")
	curl -sS --cacert "$TLS/ca.crt" "${cert[@]}" "$@"
}

# ex_post WHO ENDPOINT FILE [curl args]: FILE as client WHO to
# /exchange/v1/ENDPOINT ($CT the content type, text/xml by default).
# Sets STATUS and RESP (a new file holding the answer's bytes).
ex_post() {
	local who=$1 ep=$2 file=$3
	shift 3
	NRESP=$((NRESP + 1))
	RESP=$T_TMP/resp.$NRESP
	: > "$RESP"
	STATUS=$(ex_curl "$who" -o "$RESP" -w '%{http_code}' \
	    -H "Content-Type: ${CT:-text/xml}" "$@" \
	    --data-binary "@$file" "$TLSBASE/exchange/v1/$ep" 2> "$T_TMP/curl.err")
}

# el NAME TEXT: the element, unless TEXT is empty
el() { [ -z "$2" ] || printf '<%s>%s</%s>' "$1" "$2" "$1"; }

# requests of GetCitizen and Changes
gc_req() {	# gc_req ID PURPOSE PID [GROUP...]
	printf '<GetCitizenRequest xmlns="%s">' "$NS"
	el MaYeuCau "$1"; el MucDich "$2"; el MaCanBo canbo.kiemthu
	el SoDinhDanh "$3"
	shift 3
	for g in "$@"; do el NhomTruong "$g"; done
	printf '</GetCitizenRequest>'
}
ch_req() {	# ch_req ID PURPOSE CURSOR [LIMIT]
	printf '<ChangesRequest xmlns="%s">' "$NS"
	el MaYeuCau "$1"; el MucDich "$2"; el ConTro "$3"
	el SoLuongToiDa "${4:-}"
	printf '</ChangesRequest>'
}

# mkreq WIRE PAYLOAD: the request document for the wire, in a new file REQ
mkreq() {
	NREQ=$((NREQ + 1))
	REQ=$T_TMP/req.$NREQ
	if [ "$1" = soap ]; then
		printf '<?xml version="1.0" encoding="UTF-8"?>\n<soap:Envelope xmlns:soap="%s"><soap:Header/><soap:Body>%s</soap:Body></soap:Envelope>\n' \
		    "$SOAP11" "$2"
	else
		printf '<?xml version="1.0" encoding="UTF-8"?>\n%s\n' "$2"
	fi > "$REQ"
}

# call WHO WIRE PAYLOAD [curl args]: the payload as a plain POST (xml) or
# in a SOAP 1.1 envelope with its SOAPAction (soap)
call() {
	local who=$1 wire=$2 op
	op=$(printf '%s' "$3" | sed -n 's/^<\([A-Za-z]*\)Request .*/\1/p')
	mkreq "$wire" "$3"
	shift 3
	if [ "$wire" = soap ]; then
		ex_post "$who" soap "$REQ" -H "SOAPAction: \"$NS/$op\"" "$@"
	else
		ex_post "$who" xml "$REQ" "$@"
	fi
}

# valid LABEL: the answer (for SOAP: the Body's child, or the Loi in a
# fault's detail) is valid against xsd/exchange-v1.xsd
valid() {
	local doc=$RESP xp
	if grep -q "$SOAP11" "$RESP"; then
		doc=$T_TMP/payload.xml
		xp="/*[local-name()='Envelope']/*[local-name()='Body']/*"
		[ "$(xc Fault)" = 0 ] || xp="//*[local-name()='Loi']"
		xmllint --xpath "$xp" "$RESP" > "$doc" 2>/dev/null
	fi
	xmllint --noout --schema "$XSD" "$doc" > /dev/null 2> "$T_TMP/xsd.err"
	ok $? "$1: the answer is valid against exchange-v1.xsd"
	[ -s "$T_TMP/xsd.err" ] && grep -v validates "$T_TMP/xsd.err" | head -3 | sed 's/^/# /'
	return 0
}

# fault LABEL WIRE CODE [HTTP]: the answer is a fault with MaLoi CODE and a
# Vietnamese and an English message; HTTP status HTTP for a plain POST,
# 500 with soap:Client for SOAP
fault() {
	local got want vi en
	vi=$(xv ThongBaoVi | LC_ALL=C grep -c '[^ -~]')
	en=$(xv ThongBaoEn | LC_ALL=C grep -c '^[ -~][ -~]*$')
	got="$STATUS $(xv MaLoi) vi=$vi en=$en"
	want="${4:-400} $3 vi=1 en=1"
	if [ "$2" = soap ]; then
		got="$got $(xv faultcode)"
		want="500 $3 vi=1 en=1 soap:Client"
	fi
	is "$got" "$want" "$1: fault $3"
	valid "$1"
}

# accessed LABEL ACTOR PURPOSE FIELDS PID...: the access-log rows of $ID,
# by personal number
accessed() {
	local label=$1 actor=$2 purpose=$3 fields=$4 want="" p
	shift 4
	for p in "$@"; do
		want="$want$(printf 'exchange\t%s\t%s\t%s\t%s' "$actor" "$p" "$fields" "$purpose")
"
	done
	is "$(sql "SELECT a.actor_kind, a.actor, c.pid, a.fields, a.purpose FROM access_log a JOIN citizen c ON c.id = a.citizen_id WHERE a.request_id = '$ID' ORDER BY c.pid")" \
	    "${want%
}" "$label: access_log: exchange, $actor, the purpose"
}

# ex_fcgi SOCKET FILE [NAME=VALUE...]: FILE as a plain POST to the module
# instance listening on SOCKET, from the verified client bhxh, with the
# extra parameters given; the FastCGI answer (headers, body) on stdout
ex_fcgi() {
	local sock=$1 file=$2
	shift 2
	env -i REQUEST_METHOD=POST DOCUMENT_URI=/exchange/v1/xml \
	    CONTENT_TYPE=text/xml CONTENT_LENGTH="$(wc -c < "$file")" \
	    SSL_CLIENT_VERIFY=SUCCESS SSL_CLIENT_S_DN="$(cat "$TLS/bhxh.dn")" \
	    SSL_CLIENT_I_DN="$(cat "$TLS/bhxh.issuer")" "$@" \
	    cgi-fcgi -bind -connect "$sock" < "$file"
}
