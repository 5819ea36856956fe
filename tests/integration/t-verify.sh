# Anyone verifies a confirmation by its code: valid, expired, void.
. "$top_srcdir/tests/lib.sh"

issue() {	# issue PID: prints the verification code
	curl -s -u "$1:demo" -H 'Accept: application/json' \
	    --data-urlencode "idempotency_key=$(newkey)" \
	    "$BASE/residence/citizen/confirmations" | json_in - verification_code
}

P=$(citizen 3)
CODE=$(issue "$P")
like "$CODE" '^[0-9A-Z]{24}$' "issued a confirmation to verify"

http GET "/residence/confirmations/$CODE" -H 'Accept: application/json'
is "$STATUS" 200 "verification answers 200"
is "$(json status)" valid "valid"
is "$(json person full_name)" "$(sql "SELECT full_name FROM citizen WHERE pid='$P'")" \
    "shows the name"
masked=$(json person pid)
is "$masked" "${P:0:3}******${P:9:3}" "personal number partly masked"
unlike "$BODY" "$P" "the full personal number never appears"

http GET "/residence/confirmations/$CODE"
like "$BODY" 'Xác nhận thông tin về cư trú' "HTML for a browser"
like "$BODY" 'Còn hiệu lực' "HTML says valid in Vietnamese"
http GET "/residence/confirmations/$CODE" -H 'Accept: application/xml'
like "$BODY" '<status>valid</status>' "XML when asked"
echo "$BODY" | xmllint --noout - 2>/dev/null
ok $? "the XML is well-formed"

# expired: the validity ends (1 year by default)
E=$(citizen 4)
ECODE=$(issue "$E")
sql "UPDATE confirmation SET issued_at = NOW() - INTERVAL 400 DAY, expires_at = NOW() - INTERVAL 35 DAY WHERE code = '$ECODE'"
http GET "/residence/confirmations/$ECODE" -H 'Accept: application/json'
is "$(json status)" expired "past its validity: expired"
is "$(sql "SELECT DATEDIFF(expires_at, issued_at) FROM confirmation WHERE code = '$CODE'")" \
    365 "validity is 365 days by default"

# void: the person's residence changes after issue
V=$(citizen 5)
VCODE=$(issue "$V")
http GET "/residence/confirmations/$VCODE" -H 'Accept: application/json'
is "$(json status)" valid "valid before the change"
VID=$(sql "SELECT id FROM citizen WHERE pid = '$V'")
sql "UPDATE residence SET address = CONCAT(address, ' (mới)') WHERE citizen_id = $VID AND kind = 'permanent'"
http GET "/residence/confirmations/$VCODE" -H 'Accept: application/json'
is "$(json status)" void "void after the residence changed"
like "$(json status_vi)" 'Không còn giá trị' "says so in Vietnamese"
# a new confirmation after the change is valid again
NCODE=$(issue "$V")
http GET "/residence/confirmations/$NCODE" -H 'Accept: application/json'
is "$(json status)" valid "a confirmation issued after the change is valid"

# void too when a residence row is added (a new temporary residence)
V2=$(citizen 6)
V2CODE=$(issue "$V2")
V2ID=$(sql "SELECT id FROM citizen WHERE pid = '$V2'")
sql "INSERT INTO residence (citizen_id, kind, commune_code, address, valid_from, valid_to) VALUES ($V2ID, 'temporary', '00004', 'Số 1, phố Hàng Bài', CURDATE(), CURDATE() + INTERVAL 1 YEAR)"
http GET "/residence/confirmations/$V2CODE" -H 'Accept: application/json'
is "$(json status)" void "void after a new temporary residence"

# unknown and malformed codes: 404, the same answer
http GET "/residence/confirmations/0000000000000000000000AA" -H 'Accept: application/json'
is "$STATUS" 404 "unknown code: 404"
is "$(json code)" not_found "code not_found"
http GET "/residence/confirmations/%27%20OR%201%3D1--" -H 'Accept: application/json'
is "$STATUS" 404 "SQL in the code: 404"
http GET "/residence/confirmations/${CODE,,}" -H 'Accept: application/json'
is "$STATUS" 404 "codes are exact (lower case is not the code)"
t_done
