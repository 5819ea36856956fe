# A citizen asks for a confirmation of residence: issued at once from the
# database, idempotent by key, one dossier with a daily receipt code.
. "$top_srcdir/tests/lib.sh"
use_module_sock residence

P=$(citizen 1)
K=$(newkey)
dossiers_before=$(sql "SELECT COUNT(*) FROM dossier")
http POST /residence/citizen/confirmations -u "$P:demo" \
    -H 'Accept: application/json' --data-urlencode "idempotency_key=$K"
is "$STATUS" 201 "confirmation issued: 201"
is "$(json status)" valid "it is valid"
CODE=$(json verification_code)
like "$CODE" '^[0-9A-HJKMNP-TV-Z]{24}$' "24-character verification code"
like "$(json receipt_code)" '^000\.00\.15\.H26-[0-9]{6}-[0-9]{4,}$' \
    "receipt code agency-YYMMDD-NNNN"
want_name=$(sql "SELECT full_name FROM citizen WHERE pid='$P'")
is "$(json person full_name)" "$want_name" "facts come from the database"
want_commune=$(sql "SELECT commune_code FROM residence r JOIN citizen c ON c.id=r.citizen_id WHERE c.pid='$P' AND r.kind='permanent'")
is "$(json permanent commune_code)" "$want_commune" "permanent residence commune"
is "$(json permanent commune)" "$(sql "SELECT full_name FROM admin_unit WHERE level = 'commune' AND code = '$want_commune' AND valid_to IS NULL")" \
    "with the commune's name of the day"
like "$(json person pid)" '^[0-9]{3}\*{6}[0-9]{3}$' "personal number masked"
is "$(sql "SELECT state FROM dossier d JOIN confirmation c ON c.dossier_id=d.id WHERE c.code='$CODE'")" \
    result_issued "dossier completed in the same transaction"
is "$(sql "SELECT GROUP_CONCAT(e.to_state ORDER BY e.id) FROM dossier_event e JOIN confirmation c ON c.dossier_id=e.dossier_id WHERE c.code='$CODE'")" \
    "submitted,accepted,approved,result_issued" "the shared lifecycle's events, all at once"

# the same request again: the same confirmation, no second dossier
http POST /residence/citizen/confirmations -u "$P:demo" \
    -H 'Accept: application/json' --data-urlencode "idempotency_key=$K"
is "$STATUS" 200 "retry answers 200"
is "$(json verification_code)" "$CODE" "retry returns the same confirmation"
is "$(sql "SELECT COUNT(*) FROM dossier")" $((dossiers_before + 1)) \
    "exactly one dossier for two requests"

# ten concurrent requests with one key: still one dossier
K2=$(newkey)
for i in 1 2 3 4 5 6 7 8 9 10; do
	curl -s -o "$T_TMP/c$i" -u "$P:demo" -H 'Accept: application/json' \
	    --data-urlencode "idempotency_key=$K2" \
	    "$BASE/residence/citizen/confirmations" &
done
wait
codes=$(for i in 1 2 3 4 5 6 7 8 9 10; do json_in "$T_TMP/c$i" verification_code; done | sort -u)
is "$(printf '%s\n' "$codes" | grep -c .)" 1 "ten concurrent retries: one code"
is "$(sql "SELECT COUNT(*) FROM dossier WHERE idempotency_key='$K2'")" 1 \
    "ten concurrent retries: one dossier"

# a second key is a second confirmation, with another daily number (not
# necessarily a higher one: each worker takes its numbers in blocks)
http POST /residence/citizen/confirmations -u "$P:demo" \
    -H 'Accept: application/json' --data-urlencode "idempotency_key=$(newkey)"
R1=$(sql "SELECT receipt_code FROM dossier WHERE idempotency_key='$K'")
R3=$(json receipt_code)
is "$([ "${R3%-*}" = "${R1%-*}" ] && [ "$((10#${R3##*-}))" != "$((10#${R1##*-}))" ] && echo 1)" 1 \
    "the same day's receipt prefix, another number"

# a plain form post is answered 303 See Other to the verification page
http POST /residence/citizen/confirmations -u "$P:demo" \
    --data-urlencode "idempotency_key=$(newkey)"
is "$STATUS" 303 "form post answered 303"
like "$HEADERS" 'Location: http://127\.0\.0\.1:[0-9]+/residence/confirmations/[0-9A-Z]{24}' \
    "Location is the verification page"

# identity only from the web server's sign-on
http POST /residence/citizen/confirmations -H 'Accept: application/json' \
    --data-urlencode "idempotency_key=$(newkey)"
is "$STATUS" 401 "no sign-on: 401 from the web server"
http POST /residence/citizen/confirmations -u "$P:wrong" \
    -H 'Accept: application/json' --data-urlencode "idempotency_key=$(newkey)"
is "$STATUS" 401 "wrong password: 401"
n=$(sql "SELECT COUNT(*) FROM dossier")
http POST /residence/confirmations/x -H "Motcua-Citizen: $P" \
    -H 'Accept: application/json' --data-urlencode "idempotency_key=$(newkey)"
is "$STATUS" 405 "a header cannot stand in for sign-on (public path)"
env -i REQUEST_METHOD=POST DOCUMENT_URI=/residence/citizen/confirmations \
    CONTENT_LENGTH=24 CONTENT_TYPE=application/x-www-form-urlencoded \
    HTTP_ACCEPT=application/json HTTP_MOTCUA_CITIZEN="$P" \
    cgi-fcgi -bind -connect "$MODSOCK" \
    <<< "idempotency_key=abcdefgh" > "$T_TMP/out"
like "$(cat "$T_TMP/out")" 'Status: 401' "HTTP_MOTCUA_CITIZEN header is not identity"
is "$(sql "SELECT COUNT(*) FROM dossier")" "$n" "nothing written without identity"

# a missing key is refused, nothing written
http POST /residence/citizen/confirmations -u "$P:demo" \
    -H 'Accept: application/json' -d 'x=1'
is "$STATUS" 422 "missing idempotency key: 422"
is "$(json code)" missing_field "code missing_field"
is "$(sql "SELECT COUNT(*) FROM dossier")" "$n" "nothing written"

# a citizen the database has no current residence for
NR=$(citizen 2)
# (by id: a statement that reads citizen may not fire the trigger that
# bumps citizen.residence_version)
NRID=$(sql "SELECT id FROM citizen WHERE pid = '$NR'")
sql "UPDATE residence SET valid_to = '2020-01-01' WHERE citizen_id = $NRID"
http POST /residence/citizen/confirmations -u "$NR:demo" \
    -H 'Accept: application/json' --data-urlencode "idempotency_key=$(newkey)"
is "$STATUS" 409 "no current residence: 409"
is "$(json code)" residence_unknown "code residence_unknown"
is "$(sql "SELECT COUNT(*) FROM dossier")" "$n" "nothing written"
t_done
