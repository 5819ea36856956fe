# A citizen files a civil-status procedure with the plain form, as a
# browser without script does: the form page shows what the database
# holds about the declarant and asks only the rest, in labelled fields
# (a choice as a list, a date and a time with the browser's pickers),
# carrying a fresh key; the post is answered 303 to the declarant's own
# dossier page; the same form posted twice is one dossier; a post refused
# for its fields shows the form again, each field at fault marked, what
# was typed kept, nothing filed.  The other party to a marriage sees what
# waits for their consent and consents with a button.
. "$top_srcdir/tests/lib.sh"

# every civil template loads: the module's settings check reads them, and
# refuses to start on one that does not
"$top_builddir/modules/civil/civil.fcgi" -n -c "$MOTCUA_CNF" > /dev/null 2> "$T_TMP/n.err"
is $? 0 "the civil module's settings and templates load"
tdir=$(sed -n '/^\[civil\]$/,/^\[/s/^templates_dir = //p' "$MOTCUA_CNF")
cp -R "$tdir" "$T_TMP/templates"
sed -i 's/{{\/fields}}/{{\/field}}/' "$T_TMP/templates/civil/form.html"
sed "/^\[civil\]$/,/^\[/s|^templates_dir = .*|templates_dir = $T_TMP/templates|" \
    "$MOTCUA_CNF" > "$T_TMP/bad.cnf"
"$top_builddir/modules/civil/civil.fcgi" -n -c "$T_TMP/bad.cnf" > /dev/null 2> "$T_TMP/bad.err"
is $? 1 "a broken form template: the module refuses to start"
like "$(cat "$T_TMP/bad.err")" 'form\.html' "and names the file"

# a single man and a single woman of age, each with a permanent residence,
# in different communes (not kin); the test marries them on paper only
age_ok="TIMESTAMPDIFF(YEAR, c.birth_date, CURDATE())"
single() {	# single SEX MIN-AGE OFFSET [NOT-IN-COMMUNE]
	sql "SELECT c.pid FROM citizen c JOIN residence r ON r.citizen_id = c.id
	    AND r.kind = 'permanent' AND r.valid_to IS NULL
	    WHERE c.death_date IS NULL AND c.marital_status = 'single'
	    AND c.sex = '$1' AND $age_ok BETWEEN $2 AND 60
	    ${4:+AND r.commune_code <> '$4'}
	    AND NOT EXISTS (SELECT 1 FROM marriage m WHERE c.id IN (m.party_a, m.party_b))
	    AND NOT EXISTS (SELECT 1 FROM dossier d WHERE d.applicant_id = c.id)
	    ORDER BY c.id LIMIT 1 OFFSET $3"
}
A=$(single M 21 70)
AC=$(sql "SELECT commune_code FROM residence WHERE kind = 'permanent' AND valid_to IS NULL AND citizen_id = (SELECT id FROM citizen WHERE pid = '$A')")
B=$(single F 19 230 "$AC")
like "$A $B" '^[0-9]{12} [0-9]{12}$' "(two single people)"
can_sign_on "$A" "$B"
NAME=$(sql "SELECT full_name FROM citizen WHERE pid = '$A'")
BIRTH=$(sql "SELECT DATE_FORMAT(birth_date, '%d/%m/%Y') FROM citizen WHERE pid = '$A'")
BNAME=$(sql "SELECT full_name FROM citizen WHERE pid = '$B'")

http GET /civil/citizen/forms/marriage -u "$A:demo"
is "$STATUS" 200 "the marriage form"
like "$(printf '%s\n' "$HEADERS" | tr -d '\r' | sed -n 's/^[Cc]ontent-[Tt]ype: *//p')" '^text/html' \
    "a page"
like "$BODY" '<html lang="vi">' "in Vietnamese first"
like "$BODY" '<h1>Đăng ký kết hôn</h1>' "named by its procedure"
like "$BODY" "<dd>$NAME</dd>" "the declarant's name, from the database"
like "$BODY" "<dd>$BIRTH</dd>" "their date of birth"
like "$BODY" "<dd class=\"code\">$A</dd>" "their personal number"
like "$BODY" '<dd>Chưa đăng ký kết hôn với ai</dd>' "their marital status, in words"
unlike "$BODY" 'name="(full_name|birth_date|sex|pid|applicant_pid|relation)"' \
    "none of it asked, nor the relation of a party"
like "$BODY" '<form method="post" action="/civil/citizen/dossiers/marriage">' \
    "a plain form to the procedure's route"
like "$BODY" '<label for="f-other_pid">Số định danh cá nhân của bên kia <span class="small">\(bắt buộc\)</span>' \
    "the other party's number, labelled and marked required"
like "$BODY" '<input id="f-other_pid" name="other_pid" value="" +inputmode="numeric" autocomplete="off" +required aria-required="true"' \
    "a required text field for digits"
unlike "$BODY" 'name="commune_code"' "where to register not asked while residence decides it"
like "$BODY" '<input type="hidden" name="lang" value="vi">' "the page's language, carried"
K=$(printf '%s' "$BODY" | sed -n 's/.*name="idempotency_key" value="\([0-9A-Z]*\)".*/\1/p')
like "$K" '^[0-9A-HJKMNP-TV-Z]{24}$' "a fresh key in the form"
http GET /civil/citizen/forms/marriage -u "$A:demo"
unlike "$BODY" "value=\"$K\"" "another key each time the form is opened"
http GET /civil/citizen/forms/marriage -u "$A:demo" -H 'Accept-Language: en'
like "$BODY" '<html lang="en">' "in English when asked"
like "$BODY" '<h1>Marriage registration</h1>' "named in English"
like "$BODY" '<label for="f-other_pid">Personal number of the other party <span class="small">\(required\)</span>' \
    "with English labels"
like "$BODY" '<dd>Single \(never married\)</dd>' "and the facts in English"
http GET /civil/citizen/forms/marriage -u "$A:demo" -H 'Accept: application/json'
is "$STATUS $(json known full_name) $(json_text residence_tied) $(json_text fields | jq -r '[.[].name] | join(",")')" \
    "200 $NAME true other_pid" "a script gets the same facts and fields as JSON"
http GET /civil/citizen/forms/divorce -u "$A:demo"
is "$STATUS" 404 "a procedure without a form: 404"

# the other forms: a choice is a list, a date and a time have pickers
http GET /civil/citizen/forms/birth -u "$A:demo"
is "$STATUS" 200 "the birth form"
like "$BODY" '<h1>Đăng ký khai sinh</h1>' "named by its procedure"
like "$BODY" '<select id="f-relation" name="relation" +required aria-required="true"' \
    "the declarant's relation: a required list"
like "$BODY" '<option value="grandparent" *>Ông/bà</option>' "its choices in words"
like "$BODY" '<select id="f-child_sex" name="child_sex" ' "the child's sex: a list"
like "$BODY" '<option value="F" *>Nữ</option>' "in words"
like "$BODY" '<input id="f-birth_date" name="birth_date" value="" +type="date" +required aria-required="true"' \
    "the date of birth: a required date"
like "$BODY" '<input id="f-birth_time" name="birth_time" value="" +type="time" ' "the hour: a time"
unlike "$BODY" '<input id="f-birth_time"[^>]*required' "and not required"
like "$BODY" '<input id="f-child_name" name="child_name" value="" +required' "the child's name: text"
http GET /civil/citizen/forms/death -u "$A:demo" -H 'Accept-Language: en'
is "$STATUS" 200 "the death form"
like "$BODY" '<label for="f-deceased_pid">Personal number of the deceased' "labelled in English"
like "$BODY" '<input id="f-death_date" name="death_date" value="" +type="date"' "the date of death: a date"
like "$BODY" '<option value="spouse" *>Spouse</option>' "the relations, in English"

# filed from the form, as a browser posts it
n0=$(sql "SELECT COUNT(*) FROM dossier")
post() {
	http POST /civil/citizen/dossiers/marriage -u "$A:demo" -H "Origin: $BASE" \
	    -H 'Accept: text/html,application/xhtml+xml,*/*;q=0.8' \
	    --data-urlencode "idempotency_key=$K" --data-urlencode "lang=vi" \
	    -d "other_pid=$B"
}
post
is "$STATUS" 303 "the form's post: 303 See Other"
loc=$(printf '%s\n' "$HEADERS" | tr -d '\r' | sed -n 's/^[Ll]ocation: *//p')
like "$loc" '^/civil/citizen/dossiers/000\.00\.15\.H26-[0-9]{6}-[0-9]{4,}$' \
    "to the declarant's own dossier"
R=${loc##*/}
is "$(sql "SELECT CONCAT_WS('|', d.procedure_code, d.channel, c.pid) FROM dossier d JOIN citizen c ON c.id = d.applicant_id WHERE d.receipt_code = '$R'")" \
    "1.000894|online|$A" "one marriage dossier, filed online by the declarant"
post
is "$(sql "SELECT COUNT(*) FROM dossier") $STATUS" "$((n0 + 1)) 303" "posted twice: one dossier"
is "$(printf '%s\n' "$HEADERS" | tr -d '\r' | sed -n 's/^[Ll]ocation: *//p')" "$loc" \
    "the same dossier's page"
http GET "$loc" -u "$A:demo"
is "$STATUS" 200 "the dossier page"
like "$BODY" '<h1>Đăng ký kết hôn</h1>' "its procedure"
like "$BODY" '<p class="state">Đã tiếp nhận</p>' "its state in words"
like "$BODY" "<strong class=\"code\">$R</strong>" "its code"
like "$BODY" '<ol class="history">' "and what happened so far"
http GET "$loc?lang=en" -u "$A:demo"
like "$BODY" '<p class="state">Received</p>' "in English when asked"
http GET "$loc" -u "$B:demo"
is "$STATUS" 404 "another citizen's dossier: not found"
http GET "$loc" -u "$A:demo" -H 'Accept: application/json'
is "$STATUS $(json receipt_code) $(json state)" "200 $R submitted" "its JSON answer as before"

# the other party: what waits for their consent, and a button to give it
http GET /civil/citizen/consents -u "$B:demo"
is "$STATUS" 200 "the consents page"
like "$BODY" '<h1>Hồ sơ đăng ký kết hôn chờ bạn xác nhận</h1>' "titled in Vietnamese"
like "$BODY" "<dd>$NAME</dd>" "who asks"
like "$BODY" "<dd class=\"code\">$R</dd>" "the dossier"
like "$BODY" "<form method=\"post\" action=\"/civil/citizen/dossiers/$R/consent\">" \
    "a plain form to consent"
http GET /civil/citizen/consents -u "$A:demo"
like "$BODY" 'Không có hồ sơ nào chờ bạn xác nhận' "nothing waits for the declarant"
http POST "/civil/citizen/dossiers/$R/consent" -u "$B:demo" -H "Origin: $BASE" \
    -H 'Accept: text/html' -d "lang=en"
is "$STATUS" 201 "consented from the page: 201"
like "$BODY" '<p class="state">Your consent is recorded.</p>' "said in the form's language"
like "$BODY" "<strong class=\"code\">$R</strong>" "for the dossier"
is "$(sql "SELECT COUNT(*) FROM marriage_consent m JOIN dossier d ON d.id = m.dossier_id WHERE d.receipt_code = '$R' AND m.confirmed_at IS NOT NULL AND m.how = 'online'")" 1 \
    "recorded"
http GET /civil/citizen/consents -u "$B:demo" -H 'Accept-Language: en'
like "$BODY" 'No dossier is waiting for your consent' "and no longer waiting"

# refused for its fields: the form again, each field at fault marked, what
# was typed kept, the same key, nothing filed
K2=$(newkey)
n1=$(sql "SELECT COUNT(*) FROM dossier")
bad() {
	http POST /civil/citizen/dossiers/birth -u "$A:demo" -H "Origin: $BASE" "$@" \
	    --data-urlencode "idempotency_key=$K2" -d relation=grandparent \
	    --data-urlencode "child_name=Nguyễn Thị Mai" -d child_sex=F -d birth_date= \
	    -d birth_time=25:00 --data-urlencode "birth_place=Bệnh viện huyện" \
	    -d birth_place_kind=facility -d mother_pid=12
}
bad
is "$STATUS" 422 "a form with faults: 422"
like "$BODY" '<form method="post" action="/civil/citizen/dossiers/birth">' \
    "the form again, not an error page"
like "$BODY" 'role="alert"' "a summary that is announced"
like "$BODY" '<a href="#f-mother_pid">Số định danh cá nhân của mẹ</a>: phải gồm đúng 12 chữ số' \
    "naming each field at fault, why, and a link to it"
like "$BODY" '<span class="err-field" id="e-birth_date">chưa được điền</span>' \
    "the empty required field said next to it"
like "$BODY" '<input id="f-mother_pid" name="mother_pid" value="12" [^>]*aria-invalid="true" aria-describedby="e-mother_pid"' \
    "the field keeps what was typed and is tied to its message"
like "$BODY" '<input id="f-birth_time" name="birth_time" value="25:00" [^>]*aria-invalid="true"' \
    "a time that is none marked too"
like "$BODY" 'value="Nguyễn Thị Mai"' "a right field keeps its value"
like "$BODY" '<option value="grandparent" +selected *>' "a list keeps its choice"
like "$BODY" '<option value="facility" +selected *>' "every list"
unlike "$BODY" 'id="e-child_name"' "a right field is not marked"
like "$BODY" "<dd>$NAME</dd>" "the known facts shown again"
like "$BODY" "name=\"idempotency_key\" value=\"$K2\"" "the same key"
is "$(sql "SELECT COUNT(*) FROM dossier")" "$n1" "nothing was filed"
bad --data-urlencode lang=en
like "$BODY" '<a href="#f-mother_pid">Mother&#39;s personal number</a>: must be exactly 12 digits' \
    "in English, from the form's language"
bad -H 'Accept: application/json'
is "$STATUS $(json error code)" "422 invalid_field" "a script still gets the JSON error"
http POST /civil/citizen/dossiers/marriage -u "$A:demo" -H "Origin: $BASE" \
    --data-urlencode "idempotency_key=$(newkey)" -d "other_pid=$A"
is "$STATUS" 422 "a refusal the database decides: the form again too"
like "$BODY" '<span class="err-field" id="e-other_pid">là số định danh của chính bạn</span>' \
    "the reason beside the field"
like "$BODY" "<input id=\"f-other_pid\" name=\"other_pid\" value=\"$A\"" "the value kept"
is "$(sql "SELECT COUNT(*) FROM dossier")" "$n1" "nothing was filed"
http POST /civil/citizen/dossiers/birth -H "Origin: $BASE" \
    --data-urlencode "idempotency_key=$K2" -d mother_pid=12
is "$STATUS" 401 "without a sign-on: 401"
unlike "$BODY" '<form' "and no form"
# the module itself, reached without the web server's sign-on: the form
# (which shows the citizen's facts) is never shown to nobody
use_module_sock civil
out=$(env -i REQUEST_METHOD=GET DOCUMENT_URI=/civil/citizen/forms/birth \
    HTTP_ACCEPT=text/html cgi-fcgi -bind -connect "$MODSOCK")
like "$out" '^Status: 401' "the form without a citizen: 401"
unlike "$out" '<form|<dl class="facts">' "and nobody's facts"
b="idempotency_key=$K2&mother_pid=12"
out=$(env -i REQUEST_METHOD=POST DOCUMENT_URI=/civil/citizen/dossiers/birth \
    HTTP_ACCEPT=text/html CONTENT_TYPE=application/x-www-form-urlencoded \
    CONTENT_LENGTH=${#b} cgi-fcgi -bind -connect "$MODSOCK" <<< "$b")
like "$out" '^Status: 422' "a post without a citizen: the fields' error first, as before"
unlike "$out" '<form|<dl class="facts">' "but not the form"
# once residence no longer decides where to register (2027-03-01), the
# form asks which commune, as required, and a post without it is refused
# beside the field
module_at civil "2027-03-02 10:00:00"
fcgi_at "" GET /civil/citizen/forms/marriage "" MOTCUA_CITIZEN="$A"
is "$STATUS $(json_text residence_tied) $(json_text fields | jq -r '[.[] | .name + ":" + (.required | tostring)] | join(",")')" \
    "200 false other_pid:true,commune_code:true" "from 2027-03-01 the form asks where to register"
fcgi_at "" GET /civil/citizen/forms/marriage "" MOTCUA_CITIZEN="$A" HTTP_ACCEPT=text/html
like "$BODY" '<input id="f-commune_code" name="commune_code" value="" +inputmode="numeric" autocomplete="off" +required aria-required="true"' \
    "as a required code"
n2=$(sql "SELECT COUNT(*) FROM dossier")
fcgi_at "" POST /civil/citizen/dossiers/marriage "idempotency_key=$(newkey)&other_pid=$B" \
    MOTCUA_CITIZEN="$A" HTTP_ACCEPT=text/html
is "$STATUS" 422 "posted without it: the form again"
like "$BODY" '<span class="err-field" id="e-commune_code">chưa được điền</span>' "saying so beside it"
like "$BODY" "<input id=\"f-other_pid\" name=\"other_pid\" value=\"$B\"" "the other party's number kept"
is "$(sql "SELECT COUNT(*) FROM dossier")" "$n2" "nothing was filed"
art=$(artifacts pages)
bad --data-urlencode lang=en
printf '%s' "$BODY" > "$art/civil-form-refused-en.html"
browser --accept-lang=vi --screenshot="$art/civil-form-birth-vi-360.png" --window-size=360,2400 \
    "http://$A:demo@${BASE#http://}/civil/citizen/forms/birth"
ok $? "a screenshot of the birth form"

# the papers' pages: what the paper is for, or which record; a fresh key
W=$(living_with 43 single F 20)
can_sign_on "$W"
http GET /civil/citizen/confirmations -u "$W:demo"
is "$STATUS" 200 "the page to ask for a confirmation of marital status"
like "$BODY" '<select id="f-purpose" name="purpose" required' "the purpose, a choice"
like "$BODY" '<option value="employment" *>Tuyển dụng, lao động</option>' "in words"
KP=$(printf '%s' "$BODY" | sed -n 's/.*name="idempotency_key" value="\([0-9A-Z]*\)".*/\1/p')
like "$KP" '^[0-9A-HJKMNP-TV-Z]{24}$' "with a fresh key"
http POST /civil/citizen/confirmations -u "$W:demo" -H "Origin: $BASE" \
    -d "idempotency_key=$KP" -d purpose=holiday -d lang=vi
is "$STATUS" 422 "a purpose we do not have: the page again, 422"
like "$BODY" "name=\"idempotency_key\" value=\"$KP\"" "with the same key"
like "$BODY" 'id="f-purpose" name="purpose" required aria-required="true" +aria-invalid="true"' "the field marked"
http POST /civil/citizen/confirmations -u "$W:demo" -H "Origin: $BASE" \
    -d "idempotency_key=$KP" -d purpose=employment -d lang=vi
is "$STATUS" 303 "posted: 303"
like "$(printf '%s\n' "$HEADERS" | tr -d '\r' | sed -n 's/^[Ll]ocation: *//p')" \
    '/civil/confirmations/[0-9A-HJKMNP-TV-Z]{24}$' "to the paper itself"
n=$(sql "SELECT COUNT(*) FROM dossier d JOIN citizen c ON c.id = d.applicant_id WHERE c.pid = '$W' AND d.idempotency_key = '$KP'")
http POST /civil/citizen/confirmations -u "$W:demo" -H "Origin: $BASE" \
    -d "idempotency_key=$KP" -d purpose=employment -d lang=vi
is "$n $(sql "SELECT COUNT(*) FROM dossier d JOIN citizen c ON c.id = d.applicant_id WHERE c.pid = '$W' AND d.idempotency_key = '$KP'")" "1 1" \
    "posted twice: one paper"
http GET /civil/citizen/extracts -u "$W:demo" -H 'Accept-Language: en'
is "$STATUS" 200 "the page to ask for a copy extract"
like "$BODY" '<option value="birth" *>My birth</option>' "which record, in words"
like "$BODY" '<label for="f-pid">Personal number of the person who died' "whose, for a death"
http POST /civil/citizen/extracts -u "$W:demo" -H "Origin: $BASE" \
    --data-urlencode "idempotency_key=$(newkey)" -d kind=birth -d pid=123 -d lang=en
is "$STATUS" 422 "a wrong number: 422"
like "$BODY" 'id="f-pid" name="pid" value="123"' "keeping what was typed"
like "$BODY" '<option value="birth" +selected *>My birth</option>' "and the choice"
t_done
