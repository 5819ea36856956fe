# A citizen files a residence procedure with the plain form, as a browser
# without script does: the form page shows what the database holds and
# asks only the rest, in labelled fields, carrying a fresh key; the post
# is answered 303 to the citizen's own dossier page, which says the state
# in words in the language of the form; the same form posted twice is one
# dossier.
. "$top_srcdir/tests/lib.sh"

O=$(official 1)
OC=$(sql "SELECT commune_code FROM official WHERE username = '$O'")
P=$(sql "SELECT c.pid FROM citizen c JOIN residence r ON r.citizen_id = c.id WHERE r.kind = 'permanent' AND r.valid_to IS NULL AND r.commune_code = '$OC' AND NOT EXISTS (SELECT 1 FROM residence t WHERE t.citizen_id = c.id AND t.kind = 'temporary') AND c.death_date IS NULL ORDER BY c.id LIMIT 1 OFFSET 2")
can_sign_on "$P"
NAME=$(sql "SELECT full_name FROM citizen WHERE pid = '$P'")
UNTIL=$(date -d '+200 day' +%F)

http GET /residence/citizen/forms/temporary -u "$P:demo"
is "$STATUS" 200 "the form page"
like "$BODY" '<h1>Đăng ký tạm trú</h1>' "named by its procedure, in Vietnamese"
like "$BODY" "<dd>$NAME</dd>" "the name shown, from the database"
unlike "$BODY" 'name="full_name"|name="birth_date"|name="pid"' "and not asked"
like "$BODY" '<form method="post" action="/residence/citizen/dossiers/temporary">' \
    "a plain form to the procedure's route"
like "$BODY" '<label for="f-commune_code">Mã xã/phường nơi tạm trú' "a label for each field"
like "$BODY" '<input id="f-until" name="until" value="" +type="date" +required aria-required="true"' \
    "a date field, required"
like "$BODY" '<input id="f-commune_code" name="commune_code" value="" [^>]*list="communes" autocomplete="off"' \
    "the commune's code: typed, with suggestions"
OCNAME=$(sql "SELECT full_name FROM admin_unit WHERE level = 'commune' AND code = '$OC' AND valid_to IS NULL")
like "$BODY" "<option value=\"$OC\">$OCNAME, " "the citizen's own commune among them, by name"
is "$(printf '%s' "$BODY" | grep -c '^<option value="[0-9]\{5\}">')" \
    "$(sql "SELECT COUNT(*) FROM admin_unit WHERE level = 'commune' AND valid_to IS NULL AND province_code = (SELECT province_code FROM admin_unit WHERE level = 'commune' AND code = '$OC' AND valid_to IS NULL)")" \
    "every commune of the province the citizen lives in, and no other"
K=$(printf '%s' "$BODY" | sed -n 's/.*name="idempotency_key" value="\([0-9A-Z]*\)".*/\1/p')
like "$K" '^[0-9A-HJKMNP-TV-Z]{24}$' "a fresh key in the form"
http GET /residence/citizen/forms/temporary -u "$P:demo"
unlike "$BODY" "value=\"$K\"" "another key each time the form is opened"
http GET /residence/citizen/forms/extension -u "$P:demo"
unlike "$BODY" '<datalist' "a form without a commune suggests none"
http GET /residence/citizen/forms/temporary -u "$P:demo" -H 'Accept: application/json'
is "$STATUS $(json_text communes)" "200 " "nor does the form's JSON"
http GET /residence/citizen/forms/temporary -u "$P:demo" -H 'Accept-Language: en'
like "$BODY" '<h1>Temporary residence registration</h1>' "in English when asked"
like "$BODY" '<label for="f-address">Address of the temporary residence' "with English labels"

n0=$(sql "SELECT COUNT(*) FROM dossier")
post() {
	http POST /residence/citizen/dossiers/temporary -u "$P:demo" -H "Origin: $BASE" \
	    -H 'Accept: text/html,application/xhtml+xml,*/*;q=0.8' \
	    --data-urlencode "idempotency_key=$K" --data-urlencode "lang=en" \
	    -d "commune_code=$OC" --data-urlencode "address=Số 9, ngõ 3, phố Huế" \
	    -d "until=$UNTIL"
}
post
is "$STATUS" 303 "the form's post: 303 See Other"
loc=$(printf '%s\n' "$HEADERS" | tr -d '\r' | sed -n 's/^[Ll]ocation: *//p')
like "$loc" '^/residence/citizen/dossiers/000\.00\.15\.H26-[0-9]{6}-[0-9]{4,}$' \
    "to the citizen's own dossier"
post
is "$(sql "SELECT COUNT(*) FROM dossier") $STATUS" "$((n0 + 1)) 303" "posted twice: one dossier"
http GET "$loc?lang=en" -u "$P:demo"
is "$STATUS" 200 "the dossier page"
like "$BODY" '<p class="state">Received</p>' "its state in words"
like "$BODY" '<h1>Temporary residence registration</h1>' "and its procedure"
like "$BODY" "${loc##*/}" "and its code"
http GET "$loc" -u "$P:demo"
like "$BODY" '<p class="state">Đã tiếp nhận</p>' "in Vietnamese by default"
# refused for its fields: the form again, each field at fault marked, what
# was typed kept, and the same key
K2=$(newkey)
n1=$(sql "SELECT COUNT(*) FROM dossier")
http POST /residence/citizen/dossiers/temporary -u "$P:demo" -H "Origin: $BASE" \
    --data-urlencode "idempotency_key=$K2" -d "commune_code=12" \
    --data-urlencode "address=Số 7, đường Lê Lợi" -d "until="
is "$STATUS" 422 "a form with faults: 422"
like "$BODY" '<form method="post" action="/residence/citizen/dossiers/temporary">' \
    "the form again, not an error page"
like "$BODY" 'role="alert"' "a summary that is announced"
like "$BODY" '<a href="#f-commune_code">Mã xã/phường nơi tạm trú</a>: phải là mã xã/phường gồm 5 chữ số' \
    "naming each field at fault, why, and a link to it"
like "$BODY" '<span class="err-field" id="e-until">chưa được điền</span>' "the empty required field said next to it"
like "$BODY" '<input id="f-commune_code" name="commune_code" value="12" [^>]*aria-invalid="true" aria-describedby="e-commune_code"' \
    "the field keeps what was typed and is tied to its message"
like "$BODY" 'value="Số 7, đường Lê Lợi"' "a right field keeps its value too"
unlike "$BODY" 'id="e-address"' "and is not marked"
like "$BODY" "name=\"idempotency_key\" value=\"$K2\"" "the same key"
is "$(sql "SELECT COUNT(*) FROM dossier")" "$n1" "nothing was filed"
http POST /residence/citizen/dossiers/temporary -H "Origin: $BASE" \
    --data-urlencode "idempotency_key=$K2" -d "commune_code=12"
is "$STATUS" 401 "without a sign-on: no form with anyone's facts, 401"
unlike "$BODY" '<form' "and no form"
# the module itself, reached without the web server's sign-on: the form
# (which shows the citizen's facts) is never shown to nobody
use_module_sock residence
b="idempotency_key=$K2&commune_code=12"
out=$(env -i REQUEST_METHOD=POST DOCUMENT_URI=/residence/citizen/dossiers/temporary \
    HTTP_ACCEPT=text/html CONTENT_TYPE=application/x-www-form-urlencoded \
    CONTENT_LENGTH=${#b} cgi-fcgi -bind -connect "$MODSOCK" <<< "$b")
like "$out" '^Status: 422' "the module without a citizen: the fields' error first, as before"
unlike "$out" '<form|<dl class="facts">' "but not the form: nobody's facts"
http POST /residence/citizen/dossiers/temporary -u "$P:demo" -H "Origin: $BASE" \
    -H 'Accept: application/json' --data-urlencode "idempotency_key=$K2" -d "commune_code=12"
is "$STATUS $(json error code)" "422 invalid_field" "a script still gets the JSON error"
art=$(artifacts pages)
http POST /residence/citizen/dossiers/temporary -u "$P:demo" -H "Origin: $BASE" \
    --data-urlencode "idempotency_key=$K2" -d "commune_code=12" --data-urlencode lang=en \
    --data-urlencode "address=Số 7, đường Lê Lợi" -d "until="
like "$BODY" 'must be a 5-digit commune code' "in English, from the form's language"
printf '%s' "$BODY" > "$art/form-refused-en.html"
browser --accept-lang=vi --screenshot="$art/form-temporary-vi-360.png" --window-size=360,1800 \
    "http://$P:demo@${BASE#http://}/residence/citizen/forms/temporary"
ok $? "a screenshot of the form"
t_done
