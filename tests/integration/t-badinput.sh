# Bad input: the right status and stable code, nothing written, and the
# workers keep serving.
. "$top_srcdir/tests/lib.sh"
use_module_sock residence

O=$(official 1)
P=$(citizen 1)
counts() { sql "SELECT (SELECT COUNT(*) FROM dossier), (SELECT COUNT(*) FROM access_log), (SELECT COUNT(*) FROM confirmation)"; }
before=$(counts)

lookup() {	# lookup CURL-ARGS...: an official's lookup with a raw body
	http POST /residence/official/lookup -u "$O:demo" \
	    -H 'Accept: application/json' "$@"
}
expect() {	# expect STATUS CODE WHAT
	is "$STATUS" "$1" "$3: $1"
	is "$(json code)" "$2" "$3: code $2"
	like "$(json message_vi)" '.' "$3: a Vietnamese message"
	like "$(json message_en)" '.' "$3: an English message"
}

# personal numbers that cannot exist
lookup --data-urlencode 'pid=001590123456' --data-urlencode 'purpose=Kiểm tra thông tin'
expect 422 invalid_field "century digit 5 (born in the 2100s)"
like "$BODY" '"name":"pid","reason":"pid_century"' "names the field and the reason"
unlike "$BODY" '001590123456' "the value is not echoed"
lookup --data-urlencode 'pid=003090123456' --data-urlencode 'purpose=Kiểm tra thông tin'
expect 422 invalid_field "unknown province 03"
like "$BODY" '"reason":"pid_province"' "reason pid_province"
lookup --data-urlencode 'pid=097090123456' --data-urlencode 'purpose=Kiểm tra thông tin'
like "$BODY" '"reason":"pid_province"' "province 97 unknown"
lookup --data-urlencode "pid=001090123456' OR '1'='1" --data-urlencode 'purpose=Kiểm tra thông tin'
expect 422 invalid_field "SQL metacharacters in a personal number"

# encoding
lookup -H 'Content-Type: application/x-www-form-urlencoded' \
    --data-binary "pid=$P&purpose=Ki%E1%BB%83m+tra+%C3%28"
expect 400 invalid_utf8 "invalid UTF-8 in a field"
lookup --data-binary $'pid=001090123456&purpose=Ki\xff\xfem tra'
expect 400 invalid_utf8 "raw invalid UTF-8 bytes"
lookup --data-binary "pid=$P&purpose=abc%zz"
expect 400 malformed_escape "malformed percent-escape"
lookup --data-binary "pid=$P&purpose=abc%0"
expect 400 malformed_escape "truncated percent-escape"
lookup --data-binary "pid=$P&pid=$P&purpose=Kiểm tra thông tin"
expect 400 duplicate_field "duplicate field"
http GET "/residence/official/lookup?pid=$P&purpose=abc" -u "$O:demo" -H 'Accept: application/json'
is "$STATUS $(json error code)" "400 secret_in_query" "the look-up's form page refuses a number in the query: POST it"
unlike "$BODY" "$P" "without echoing it"
http GET "/residence/citizen/dossiers/temporary?until=2030-01-01" -u "$P:demo" -H 'Accept: application/json'
is "$STATUS" 405 "GET on a POST route: 405"
like "$HEADERS" 'Allow: POST' "405 names POST"
lookup --data-binary "$(for i in $(seq 1 40); do printf 'f%d=1&' "$i"; done)"
expect 400 too_many_fields "40 fields"
lookup --data-binary "pid=$P&purpose=$(head -c 3000 /dev/zero | tr '\0' a)"
expect 400 field_too_long "a 3000-byte field"
lookup -H 'Content-Type: application/json' --data-binary '{"pid":"1"}'
expect 415 unsupported_media_type "a JSON body"

# body size: the module's limit (64 KiB) is below nginx's (1 MiB)
head -c 70000 /dev/zero | tr '\0' a > "$T_TMP/big"
lookup --data-binary "@$T_TMP/big"
expect 413 body_too_large "a 70,000-byte body"
head -c 2000000 /dev/zero | tr '\0' a > "$T_TMP/huge"
lookup --data-binary "@$T_TMP/huge"
is "$STATUS" 413 "a 2 MB body stops at the web server: 413"

# Content-Length
http POST /residence/official/lookup -u "$O:demo" -H 'Accept: application/json'
if [ "$WEB" = apache-fcgid ]; then
	# mod_fcgid declares a missing body as CONTENT_LENGTH 0: an empty form
	expect 422 missing_field "POST without a body (mod_fcgid: length 0)"
else
	expect 411 length_required "POST without a body or Content-Length"
fi
# nginx refuses a malformed Content-Length itself; the module's own parse
# is shown by talking FastCGI to it directly
http POST /residence/official/lookup -u "$O:demo" -H 'Content-Length: -5' -d ''
is "$STATUS" 400 "the web server: a negative Content-Length is 400"
for cl in -5 abc 1e3 " 12" 99999999999999999999999; do
	out=$(printf 'x' | env -i REQUEST_METHOD=POST \
	    DOCUMENT_URI=/residence/official/lookup REMOTE_USER="$O" \
	    CONTENT_LENGTH="$cl" CONTENT_TYPE=application/x-www-form-urlencoded \
	    HTTP_ACCEPT=application/json \
	    cgi-fcgi -bind -connect "$MODSOCK")
	like "$out" 'Status: 400' "module: CONTENT_LENGTH '$cl' is 400"
	like "$out" '"code":"invalid_content_length"' "module: code invalid_content_length for '$cl'"
done
out=$(printf 'pid=1' | env -i REQUEST_METHOD=POST \
    DOCUMENT_URI=/residence/official/lookup REMOTE_USER="$O" \
    CONTENT_TYPE=application/x-www-form-urlencoded HTTP_ACCEPT=application/json \
    cgi-fcgi -bind -connect "$MODSOCK")
like "$out" 'Status: 411' "module: no CONTENT_LENGTH is 411"
out=$(printf 'abc' | env -i REQUEST_METHOD=POST \
    DOCUMENT_URI=/residence/official/lookup REMOTE_USER="$O" CONTENT_LENGTH=900 \
    CONTENT_TYPE=application/x-www-form-urlencoded HTTP_ACCEPT=application/json \
    cgi-fcgi -bind -connect "$MODSOCK")
like "$out" '"code":"invalid_content_length"' "module: a body shorter than CONTENT_LENGTH"
out=$(printf 'a' | env -i REQUEST_METHOD=POST \
    DOCUMENT_URI=/residence/official/lookup REMOTE_USER="$O" CONTENT_LENGTH=99999999 \
    CONTENT_TYPE=application/x-www-form-urlencoded HTTP_ACCEPT=application/json \
    cgi-fcgi -bind -connect "$MODSOCK")
like "$out" 'Status: 413' "module: 413 before reading an oversized body"

# the citizen door with bad input
http POST /residence/citizen/confirmations -u "$P:demo" -H 'Accept: application/json' \
    --data-binary "idempotency_key=a'%3B+DROP+TABLE+dossier%3B--"
expect 422 invalid_field "SQL in an idempotency key"
http POST /residence/citizen/confirmations -u "$P:demo" -H 'Accept: application/json' \
    --data-binary "idempotency_key=abcdefgh12&idempotency_key=abcdefgh13"
expect 400 duplicate_field "duplicate idempotency keys"
# errors come in the format asked for, HTML for a browser
http POST /residence/citizen/confirmations -u "$P:demo" --data-binary "x=%zz"
like "$BODY" 'malformed_escape' "HTML error carries the code"
like "$BODY" 'lang="vi"' "HTML error page in Vietnamese"
http POST /residence/citizen/confirmations -u "$P:demo" -H 'Accept: application/xml' --data-binary "x=%zz"
like "$BODY" '<code>malformed_escape</code>' "XML error carries the code"

is "$(counts)" "$before" "nothing was written by any of the above"
is "$(sql "SELECT COUNT(*) FROM citizen")" "$(wc -l < "$STACK_DIR/data/citizen.tsv")" \
    "the citizen table is intact"
http GET /residence/health -H 'Accept: application/json'
is "$STATUS" 200 "the module still serves"
t_done
