# Helpers shared by the exchange gateway's integration tests (sourced after
# tests/lib.sh): the namespaces and schema, XPath readers for answers, the
# message and access-log counters, and the two ways a message is sent:
# through the web server's TLS port with a client certificate (ex_curl,
# ex_post), or straight to a module instance as the verified client bhxh,
# as the web server would hand it over (ex_fcgi).
# shellcheck shell=bash

XSD=$top_srcdir/xsd/exchange-v1.xsd
NS=urn:motcua:exchange:v1
SOAP11=http://schemas.xmlsoap.org/soap/envelope/
NRESP=0

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
