# What a browser and the logs see: answers negotiated by the Accept
# header's q-values (a browser gets HTML, not the XML it also accepts),
# POST fields taken from the body only, and no secret (a verification code,
# a personal number, a field sent in a body) in any log line.
. "$top_srcdir/tests/lib.sh"

P=$(citizen 3)
http POST /residence/citizen/confirmations -u "$P:demo" \
    -H 'Accept: application/json' --data-urlencode "idempotency_key=$(newkey)"
is "$STATUS" 201 "a confirmation to look at"
CODE=$(json verification_code)

# --- negotiation -------------------------------------------------------
ctype() { printf '%s\n' "$HEADERS" | tr -d '\r' | sed -n 's/^[Cc]ontent-[Tt]ype: *//p' | cut -d';' -f1; }
chromium='text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7'
firefox='text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/png,image/svg+xml,*/*;q=0.8'
safari='text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'
for who in chromium firefox safari; do
	http GET "/residence/confirmations/$CODE" -H "Accept: ${!who}"
	is "$STATUS $(ctype)" "200 text/html" "the verification page in $who: HTML"
	like "$BODY" '<html' "and a page, not an XML tree ($who)"
done
http GET "/residence/confirmations/$CODE" -H 'Accept: */*'
is "$(ctype)" text/html "Accept: */*: HTML"
http GET "/residence/confirmations/$CODE" -H 'Accept: application/json'
is "$(ctype)" application/json "Accept: application/json: JSON"
http GET "/residence/confirmations/$CODE" -H 'Accept: application/xml'
is "$(ctype)" application/xml "Accept: application/xml: XML"
http GET "/residence/confirmations/$CODE" -H 'Accept: application/xml;q=0.5, application/json;q=0.8'
is "$(ctype)" application/json "the higher q-value wins"
http GET /residence/health -H "Accept: $chromium"
is "$(ctype)" text/html "health in a browser: HTML"

# --- POST fields come from the body only --------------------------------
n0=$(sql "SELECT COUNT(*) FROM dossier")
K=$(newkey)
http POST "/residence/citizen/confirmations?idempotency_key=$K" -u "$P:demo" \
    -H 'Accept: application/json' -d x=1
is "$STATUS" 400 "a POST field in the query string: 400"
is "$(json code)" field_in_query "code field_in_query"
like "$BODY" '"fields":\[\{"name":"idempotency_key","reason":"in_query_string"\}\]' \
    "naming the field"
like "$BODY" '"message_vi":"[^"]+".*"message_en":"[^"]+"' "in both languages"
unlike "$BODY" "$K" "without echoing the value"
is "$(sql "SELECT COUNT(*) FROM dossier")" "$n0" "and nothing written"
O=$(official 1)
T=$(sql "SELECT c.pid FROM citizen c JOIN residence r ON r.citizen_id = c.id JOIN official o ON o.commune_code = r.commune_code WHERE o.username = '$O' AND r.kind = 'permanent' LIMIT 1")
http POST "/residence/official/lookup?pid=$T" -u "$O:demo" -H 'Accept: application/json' \
    --data-urlencode "purpose=Kiểm tra hồ sơ"
is "$STATUS $(json code)" "400 field_in_query" "a personal number in the URL: refused, not used"
unlike "$BODY" "$T" "and not echoed"
http POST "/residence/citizen/confirmations?lang=en" -u "$P:demo" \
    -H 'Accept: application/json' --data-urlencode "idempotency_key=$(newkey)"
is "$STATUS" 201 "an undeclared query parameter does not stop a POST"

# --- no secret in the logs ------------------------------------------------
sleep 0.5  # the module's log is line-buffered per request; nginx's too
# motcua's logs: the modules' own and its locations' access log (the
# basic-auth stand-in for the portal's sign-on is nginx's: it writes the
# user name of a failed sign-on to nginx's error log, which the portal's
# own sign-on replaces)
logs=$(grep -H '' "$STACK_DIR"/log/residence.log "$STACK_DIR"/log/exchange.log \
    "$STACK_DIR"/log/tracking.log "$STACK_DIR"/log/motcua-access.log 2> /dev/null
    # under mod_fcgid the modules write to Apache's error log, beside
    # Apache's own basic-auth messages (AH01617, AH01618)
    grep -H -v 'AH0161[78]' "$STACK_DIR"/log/apache-error.log 2> /dev/null)
leak() { printf '%s\n' "$logs" | grep -F -e "$1" | head -5; }
is "$(leak "$CODE")" "" "the verification code is in no log (module, web server)"
like "$(cat "$STACK_DIR"/log/residence.log 2> /dev/null; cat "$STACK_DIR"/log/apache-error.log 2> /dev/null)" \
    'route=confirm.verify method=GET path="/residence/confirmations/\*"' \
    "the request log line shows the route with the code masked"
is "$(leak "$P")" "" "the signed-on citizen's personal number is in no log"
is "$(leak "$T")" "" "nor the personal number an official looked up"
t_done
