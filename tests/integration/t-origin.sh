# A browser's form post from another site's page is refused before
# anything is read or written (the citizen's and the official's sign-on
# travel with it); every answer carries the headers that keep a page from
# being framed, sniffed, scripted or leaking its URL onward; an HTML
# answer is in the language the person asked for.
. "$top_srcdir/tests/lib.sh"

P=$(citizen 5)
O=$(official 1)
hdr() { printf '%s\n' "$HEADERS" | tr -d '\r' | sed -n "s/^$1: *//Ip" | head -1; }
host=${BASE#http://}

# --- cross-site posts ---------------------------------------------------
n0=$(sql "SELECT COUNT(*) FROM dossier")
K=$(newkey)
http POST /residence/citizen/confirmations -u "$P:demo" \
    -H 'Origin: https://evil.example' --data-urlencode "idempotency_key=$K"
is "$STATUS" 403 "a citizen's post from another site: 403"
like "$BODY" 'cross_site_request' "with its code"
like "$BODY" 'trang web khác' "said in Vietnamese"
like "$BODY" "another web site" "and in English"
http POST /residence/citizen/confirmations -u "$P:demo" -H 'Accept: application/json' \
    -H 'Origin: null' --data-urlencode "idempotency_key=$K"
is "$STATUS $(json code)" "403 cross_site_request" "Origin: null is not ours"
http POST /residence/citizen/confirmations -u "$P:demo" -H 'Accept: application/json' \
    -H 'Sec-Fetch-Site: cross-site' --data-urlencode "idempotency_key=$K"
is "$STATUS $(json code)" "403 cross_site_request" "no Origin but Sec-Fetch-Site cross-site"
http POST /residence/citizen/confirmations -u "$P:demo" -H 'Accept: application/json' \
    -H "Origin: http://$host.evil.example" --data-urlencode "idempotency_key=$K"
is "$STATUS" 403 "a name that begins with ours is not ours"
is "$(sql "SELECT COUNT(*) FROM dossier")" "$n0" "nothing was written"
is "$(sql "SELECT COUNT(*) FROM dossier WHERE idempotency_key = '$K'")" 0 \
    "and the key is still free"
T=$(sql "SELECT c.pid FROM citizen c JOIN residence r ON r.citizen_id = c.id JOIN official o ON o.commune_code = r.commune_code WHERE o.username = '$O' AND r.kind = 'permanent' LIMIT 1")
a0=$(sql "SELECT COUNT(*) FROM access_log")
http POST /residence/official/lookup -u "$O:demo" -H 'Accept: application/json' \
    -H 'Origin: https://evil.example' --data-urlencode "pid=$T" \
    --data-urlencode "purpose=Kiểm tra hồ sơ"
is "$STATUS $(json code)" "403 cross_site_request" "an official's post from another site"
is "$(sql "SELECT COUNT(*) FROM access_log")" "$a0" "and no read was made or recorded"
http POST /tracking/dossiers/000.00.15.H26-010101-0001 -H 'Accept: application/json' \
    -H 'Origin: https://evil.example' -d birth_year=1990
is "$STATUS $(json code)" "403 cross_site_request" "a tracking post from another site"
http POST /tracking/dossiers/000.00.15.H26-010101-0001 -H 'Accept: application/json' \
    -H "Origin: $BASE" -d birth_year=1990
is "$STATUS $(json code)" "404 not_found" \
    "the same from our own page (a module without public_url) is taken: no such dossier"

http POST /residence/citizen/confirmations -u "$P:demo" -H 'Accept: application/json' \
    -H "Origin: $BASE" -H 'Sec-Fetch-Site: same-origin' --data-urlencode "idempotency_key=$K"
is "$STATUS" 201 "the same post from our own page is taken"
http POST /residence/citizen/confirmations -u "$P:demo" -H 'Accept: application/json' \
    --data-urlencode "idempotency_key=$(newkey)"
is "$STATUS" 201 "a client with neither header (not a browser) is taken"
CODE=$(json verification_code)

# --- headers ------------------------------------------------------------
for fmt in text/html application/json; do
	http GET "/residence/confirmations/$CODE" -H "Accept: $fmt"
	csp=$(hdr Content-Security-Policy)
	like "$csp" "^default-src 'none'; " "$fmt: a Content-Security-Policy that allows nothing by default"
	unlike "$csp" "unsafe-inline|script-src|\\*" "$fmt: no inline script, no script source, no wildcard"
	like "$csp" "frame-ancestors 'none'" "$fmt: not framed"
	like "$csp" "form-action 'self'" "$fmt: forms post here only"
	is "$(hdr Referrer-Policy)" same-origin "$fmt: the code in the URL is not sent to another site"
	is "$(hdr X-Content-Type-Options)" nosniff "$fmt: nosniff"
done
http GET "/residence/confirmations/$CODE"
is "$(hdr Content-Language)" vi "a page is in Vietnamese by default"
like "$BODY" '<html lang="vi"' "and says so"
http GET "/residence/confirmations/$CODE" -H 'Accept-Language: en-GB,en;q=0.9'
is "$(hdr Content-Language)" en "Accept-Language: English"
http GET "/residence/confirmations/$CODE?lang=en" -H 'Accept-Language: vi'
is "$(hdr Content-Language)" en "the page's switch outranks Accept-Language"
like "$(hdr Vary)" 'Accept-Language' "caches keep the languages apart"
http GET "/residence/confirmations/NOPE" -H 'Accept-Language: en'
is "$(hdr Content-Language) $STATUS" "en 404" "an error page in the language asked"
t_done
