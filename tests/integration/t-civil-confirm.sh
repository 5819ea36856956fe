# A citizen asks for a confirmation of marital status (1.004873): issued
# at once from the database when it holds their status, with a purpose
# from a list, idempotent by key, valid for the months the civil rule
# gives on the day of issue, void the moment their status changes, and
# verifiable by anyone holding the code with the personal number masked.
. "$top_srcdir/tests/lib.sh"

J='Accept: application/json'
URL=/civil/citizen/confirmations

# demo citizens of their own, each with a current residence
pick() {	# pick N: a signed-on citizen with a residence, from 1600 + 10 N on
	local i p
	for i in $(seq $((1600 + 10 * $1)) $((1609 + 10 * $1))); do
		p=$(citizen $i)
		[ -n "$(sql "SELECT 1 FROM citizen c JOIN residence r ON r.citizen_id = c.id WHERE c.pid = '$p' AND r.valid_from <= CURDATE() AND (r.valid_to IS NULL OR r.valid_to >= CURDATE()) LIMIT 1")" ] && break
	done
	echo "$p"
}
P=$(pick 1)
ID=$(sql "SELECT id FROM citizen WHERE pid = '$P'")
# (by id: a statement that reads citizen may not fire its trigger)
sql "UPDATE citizen SET marital_status = 'single', death_date = NULL WHERE id = $ID"

K=$(newkey)
dossiers=$(sql "SELECT COUNT(*) FROM dossier")
http POST $URL -u "$P:demo" -H "$J" --data-urlencode "idempotency_key=$K" \
    --data-urlencode "purpose=bank_loan"
is "$STATUS" 201 "confirmation issued: 201"
is "$(json status)" valid "it is valid"
CODE=$(json verification_code)
like "$CODE" '^[0-9A-HJKMNP-TV-Z]{24}$' "24-character verification code"
like "$(json receipt_code)" '^000\.00\.15\.H26-[0-9]{6}-[0-9]{4,}$' \
    "receipt code agency-YYMMDD-NNNN"
is "$(json person full_name)" "$(sql "SELECT full_name FROM citizen WHERE id = $ID")" \
    "the name comes from the database"
is "$(json person birth_date)" "$(sql "SELECT birth_date FROM citizen WHERE id = $ID")" \
    "so does the birth date"
is "$(json person marital_status)" single "the status as the database holds it"
is "$(json person marital_status_vi)" "Chưa đăng ký kết hôn" "in Vietnamese words"
is "$(json person marital_status_en)" "Single (never married)" "and in English"
is "$(json purpose)" bank_loan "the purpose's slug"
is "$(json purpose_vi)" "Vay vốn, giao dịch ngân hàng" "and its words"
like "$(json person pid)" '^[0-9]{3}\*{6}[0-9]{3}$' "personal number masked"
unlike "$BODY" "$P" "the full personal number is not in the answer"
home=$(sql "SELECT r.commune_code FROM residence r WHERE r.citizen_id = $ID AND r.valid_from <= CURDATE() AND (r.valid_to IS NULL OR r.valid_to >= CURDATE()) ORDER BY r.kind, r.valid_from DESC LIMIT 1")
is "$(json issuer commune_code)" "$home" "issued by the commune of residence"
is "$(json issuer commune)" "$(sql "SELECT full_name FROM admin_unit WHERE level = 'commune' AND code = '$home' AND valid_to IS NULL")" \
    "with its name of the day"
is "$(sql "SELECT d.state, d.procedure_code, d.commune_code FROM dossier d JOIN civil_confirmation c ON c.dossier_id = d.id WHERE c.code = '$CODE'")" \
    "$(printf 'result_issued\t1.004873\t%s' "$home")" \
    "one dossier of 1.004873, completed in the same transaction"
is "$(sql "SELECT GROUP_CONCAT(e.to_state ORDER BY e.id) FROM dossier_event e JOIN civil_confirmation c ON c.dossier_id = e.dossier_id WHERE c.code = '$CODE'")" \
    "submitted,accepted,approved,result_issued" "the shared lifecycle's events"
is "$(sql "SELECT TIMESTAMPDIFF(MONTH, issued_at, expires_at), expires_at = issued_at + INTERVAL 6 MONTH FROM civil_confirmation WHERE code = '$CODE'")" \
    "$(printf '6\t1')" "valid six months, the rule of the day"
is "$(sql "SELECT civil_version = (SELECT civil_version FROM citizen WHERE id = $ID) FROM civil_confirmation WHERE code = '$CODE'")" \
    1 "it records the civil version it describes"

# the same request again: the same confirmation, no second dossier
http POST $URL -u "$P:demo" -H "$J" --data-urlencode "idempotency_key=$K" \
    --data-urlencode "purpose=bank_loan"
is "$STATUS" 200 "retry answers 200"
is "$(json verification_code)" "$CODE" "retry returns the same confirmation"
is "$(sql "SELECT COUNT(*) FROM dossier")" $((dossiers + 1)) \
    "exactly one dossier for two requests"

# ten concurrent requests with one key: still one dossier
K2=$(newkey)
for i in 1 2 3 4 5 6 7 8 9 10; do
	curl -s -o "$T_TMP/c$i" -u "$P:demo" -H "$J" \
	    --data-urlencode "idempotency_key=$K2" \
	    --data-urlencode "purpose=employment" "$BASE$URL" &
done
wait
codes=$(for i in 1 2 3 4 5 6 7 8 9 10; do json_in "$T_TMP/c$i" verification_code; done | sort -u)
is "$(printf '%s\n' "$codes" | grep -c .)" 1 "ten concurrent requests: one code"
is "$(sql "SELECT COUNT(*) FROM dossier WHERE idempotency_key = '$K2'")" 1 \
    "ten concurrent requests: one dossier"
is "$(sql "SELECT COUNT(*) FROM civil_confirmation c JOIN dossier d ON d.id = c.dossier_id WHERE d.idempotency_key = '$K2'")" 1 \
    "and one confirmation"

# anyone verifies it by code, without signing on
http GET /civil/confirmations/$CODE -H "$J"
is "$STATUS" 200 "verification answers 200 without identity"
is "$(json status)" valid "valid"
like "$(json person pid)" '^[0-9]{3}\*{6}[0-9]{3}$' "personal number masked"
unlike "$BODY" "$P" "no full personal number"
is "$(json purpose)" bank_loan "the purpose"
like "$(json issued_at)" '^[0-9]{4}-[0-9]{2}-[0-9]{2}T' "issued at"
like "$(json expires_at)" '^[0-9]{4}-[0-9]{2}-[0-9]{2}T' "valid until"
http GET /civil/confirmations/$CODE
like "$BODY" 'Chưa đăng ký kết hôn' "the HTML page shows the status in words"

# malformed and unknown codes are alike
http GET /civil/confirmations/abc -H "$J"
s1=$STATUS c1=$(json code)
http GET /civil/confirmations/0000000000000000000000AB -H "$J"
is "$s1/$c1" "404/not_found" "a malformed code: 404 not_found"
is "$STATUS/$(json code)" "404/not_found" "an unknown one: the same"

# the purpose is required, from the list; "other" says what in words
n=$(sql "SELECT COUNT(*) FROM dossier")
http POST $URL -u "$P:demo" -H "$J" --data-urlencode "idempotency_key=$(newkey)"
is "$STATUS/$(json code)" "422/missing_field" "no purpose: 422 missing_field"
like "$BODY" '"purpose"' "naming the field"
http POST $URL -u "$P:demo" -H "$J" --data-urlencode "idempotency_key=$(newkey)" \
    --data-urlencode "purpose=gambling"
is "$STATUS/$(json code)" "422/invalid_field" "a purpose not in the list: 422"
http POST $URL -u "$P:demo" -H "$J" --data-urlencode "idempotency_key=$(newkey)" \
    --data-urlencode "purpose=other"
is "$STATUS/$(json code)" "422/missing_field" "other without words: 422"
like "$BODY" '"purpose_text"' "naming purpose_text"
is "$(sql "SELECT COUNT(*) FROM dossier")" "$n" "nothing written for a refused purpose"
http POST $URL -u "$P:demo" -H "$J" --data-urlencode "idempotency_key=$(newkey)" \
    --data-urlencode "purpose=other" \
    --data-urlencode "purpose_text=Bổ sung hồ sơ du học"
is "$STATUS" 201 "other with words: issued"
is "$(json purpose)/$(json purpose_text)" "other/Bổ sung hồ sơ du học" \
    "the purpose and its words on the paper"
http POST $URL -u "$P:demo" -H "$J" --data-urlencode "idempotency_key=$(newkey)" \
    --data-urlencode "purpose=land_property" \
    --data-urlencode "purpose_text=Chuyển nhượng thửa đất số 12"
is "$STATUS/$(json purpose_text)" "201/Chuyển nhượng thửa đất số 12" \
    "words may go with a listed purpose too"

# a plain form post is answered 303 See Other to the verification page
http POST $URL -u "$P:demo" --data-urlencode "idempotency_key=$(newkey)" \
    --data-urlencode "purpose=marriage_abroad"
is "$STATUS" 303 "form post answered 303"
like "$HEADERS" 'Location: http://127\.0\.0\.1:[0-9]+/civil/confirmations/[0-9A-Z]{24}' \
    "Location is the verification page"

# a marriage happened (marriage registration sets the status): void
sql "UPDATE citizen SET marital_status = 'married' WHERE id = $ID"
http GET /civil/confirmations/$CODE -H "$J"
is "$STATUS" 200 "a void confirmation still answers 200"
is "$(json status)/$(json void_reason)" "void/marital_status_changed" \
    "void the moment the status changes"
like "$(json status_vi)" 'tình trạng hôn nhân đã thay đổi' "said in Vietnamese"
http POST $URL -u "$P:demo" -H "$J" --data-urlencode "idempotency_key=$K" \
    --data-urlencode "purpose=bank_loan"
is "$STATUS/$(json verification_code)/$(json status)" "200/$CODE/void" \
    "a retry of the first key: the same, now void, confirmation"
http POST $URL -u "$P:demo" -H "$J" --data-urlencode "idempotency_key=$(newkey)" \
    --data-urlencode "purpose=bank_loan"
is "$STATUS/$(json person marital_status)/$(json status)" "201/married/valid" \
    "a new one states the new status"
is "$(json person marital_status_vi)" "Đang có vợ/chồng" "in words"
NEW=$(json verification_code)
# a death voids it too (death registration sets the date)
sql "UPDATE citizen SET death_date = CURDATE() WHERE id = $ID"
http GET /civil/confirmations/$NEW -H "$J"
is "$(json status)/$(json void_reason)" "void/deceased" "void after a death"
n=$(sql "SELECT COUNT(*) FROM dossier")
http POST $URL -u "$P:demo" -H "$J" --data-urlencode "idempotency_key=$(newkey)" \
    --data-urlencode "purpose=bank_loan"
is "$STATUS/$(json code)" "409/person_deceased" "a deceased person: 409 person_deceased"
like "$(json message_en)" 'death' "with a message in English"
is "$(sql "SELECT COUNT(*) FROM dossier")" "$n" "nothing written"
sql "UPDATE citizen SET death_date = NULL WHERE id = $ID"

# the database does not hold the status: refused, nothing written
U=$(pick 2)
sql "UPDATE citizen SET marital_status = NULL, death_date = NULL WHERE pid = '$U'"
http POST $URL -u "$U:demo" -H "$J" --data-urlencode "idempotency_key=$(newkey)" \
    --data-urlencode "purpose=bank_loan"
is "$STATUS/$(json code)" "409/marital_status_unknown" \
    "unknown status: 409 marital_status_unknown"
like "$BODY" 'tình trạng hôn nhân' "the message says so in Vietnamese"
like "$BODY" 'marital status' "and in English"
is "$(sql "SELECT COUNT(*) FROM dossier")" "$n" "nothing written"

# identity only from the web server's sign-on
http POST $URL -H "$J" --data-urlencode "idempotency_key=$(newkey)" \
    --data-urlencode "purpose=bank_loan"
is "$STATUS" 401 "no sign-on: 401"

# a death registered through the civil flow voids the deceased's
# confirmation, and the spouse's too (widowed: their status changed)
# (a commune of the demo officials' with living residents, that neither
# the gateway's subscriptions nor the flow's test use)
OC=$(sql "SELECT o.commune_code FROM official o WHERE o.commune_code NOT IN
    (SELECT commune_code FROM exchange_subscription) AND o.commune_code <>
    (SELECT commune_code FROM official WHERE username = '$(official 12)')
    AND (SELECT COUNT(*) FROM residence r JOIN citizen c ON c.id = r.citizen_id
    WHERE r.commune_code = o.commune_code AND r.kind = 'permanent'
    AND r.valid_to IS NULL AND c.death_date IS NULL) >= 2
    ORDER BY o.id DESC LIMIT 1")
like "$OC" '^[0-9]{5}$' "(a commune with residents)"
T=cc$RANDOM
sql "INSERT INTO official (username, full_name, role, commune_code) VALUES
    ('$T.o', 'Cán bộ kiểm thử', 'commune_officer', '$OC'),
    ('$T.h', 'Cán bộ kiểm thử', 'commune_head', '$OC')"
hash=$(cut -d: -f2- "$STACK_DIR/nginx/officials.htpasswd" | head -1)
printf '%s:%s\n' "$T.o" "$hash" "$T.h" "$hash" >> "$STACK_DIR/nginx/officials.htpasswd"
# two living people of that commune
mapfile -t W < <(sql "SELECT c.pid FROM citizen c JOIN residence r ON r.citizen_id = c.id WHERE r.kind = 'permanent' AND r.valid_to IS NULL AND r.commune_code = '$OC' AND c.death_date IS NULL ORDER BY c.id DESC LIMIT 2")
hash=$(cut -d: -f2- "$STACK_DIR/nginx/citizens.htpasswd" | head -1)
printf '%s:%s\n' "${W[0]}" "$hash" "${W[1]}" "$hash" >> "$STACK_DIR/nginx/citizens.htpasswd"
is "${#W[@]}" 2 "(two residents)"
D=${W[0]} Q=${W[1]}
DI=$(sql "SELECT id FROM citizen WHERE pid = '$D'") QI=$(sql "SELECT id FROM citizen WHERE pid = '$Q'")
sql "UPDATE citizen SET marital_status = 'married' WHERE id IN ($DI, $QI);
    INSERT INTO marriage (party_a, party_b, married_on) VALUES ($DI, $QI, '2000-05-05')"
for w in D Q; do
	http POST $URL -u "${!w}:demo" -H "$J" --data-urlencode "idempotency_key=$(newkey)" \
	    --data-urlencode "purpose=bank_loan"
	is "$STATUS/$(json status)" "201/valid" "($w's confirmation)"
	eval "C$w=\$(json verification_code)"
done
http POST /civil/official/dossiers/death -u "$T.o:demo" -H "$J" \
    --data-urlencode "idempotency_key=$(newkey)" --data-urlencode "applicant_pid=$Q" \
    --data-urlencode "relation=spouse" --data-urlencode "deceased_pid=$D" \
    --data-urlencode "death_date=$(date -d yesterday +%F)" \
    --data-urlencode "death_place=Bệnh viện huyện" \
    --data-urlencode "notice_number=GBT-$RANDOM"
is "$STATUS" 201 "(the death filed at the counter by the spouse)"
R=$(json receipt_code)
http POST /civil/official/dossiers/$R/accept -u "$T.o:demo" -H "$J" -d x=1
http POST /civil/official/dossiers/$R/approve -u "$T.h:demo" -H "$J" -d x=1
is "$STATUS" 200 "(and approved)"
http GET /civil/confirmations/$CD -H "$J"
is "$(json status)/$(json void_reason)" "void/deceased" \
    "a registered death voids the deceased's confirmation"
http GET /civil/confirmations/$CQ -H "$J"
is "$(json status)/$(json void_reason)" "void/marital_status_changed" \
    "and the widowed spouse's"
http POST $URL -u "$Q:demo" -H "$J" --data-urlencode "idempotency_key=$(newkey)" \
    --data-urlencode "purpose=marriage_abroad"
is "$STATUS/$(json person marital_status_vi)" "201/Vợ/chồng đã chết, chưa kết hôn lại" \
    "a new one for the spouse says widowed"

# expiry by the module's clock: issued on 2027-02-28 10:00, valid six
# months, to 2027-08-28 10:00
E=$(pick 3)
sql "UPDATE citizen SET marital_status = 'divorced', death_date = NULL WHERE pid = '$E'"
module_at civil "2027-02-28 10:00:00"
fcgi_at "" POST $URL "idempotency_key=$(newkey)&purpose=employment" \
    MOTCUA_CITIZEN="$E"
is "$STATUS" 201 "issued by a module whose clock reads 2027-02-28"
OLD=$(json verification_code)
like "$(json issued_at)" '^2027-02-28T10:00' "issued at the module's time"
like "$(json expires_at)" '^2027-08-28T10:00' "valid to six months on"
is "$(json person marital_status_en)" "Divorced, not remarried" "divorced, in English"
module_at civil "2027-08-28 09:00:00"
fcgi_at "" GET /civil/confirmations/$OLD
is "$STATUS/$(json status)" "200/valid" "valid on its last morning"
module_at civil "2027-08-28 11:00:00"
fcgi_at "" GET /civil/confirmations/$OLD
is "$STATUS/$(json status)" "200/expired" "expired after its time"
like "$(json status_vi)" 'hết thời hạn' "said in Vietnamese"
t_done
