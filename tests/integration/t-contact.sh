# The signed-on citizen chooses how they are told of their dossiers: an
# e-mail address, a phone number and the channel, on a plain form.  Only
# their own row is read or written; a channel without its address is
# refused and the form kept; the choice is what the outbox then uses.
. "$top_srcdir/tests/lib.sh"

O=$(official 4)
OC=$(sql "SELECT commune_code FROM official WHERE username = '$O'")
mapfile -t P < <(sql "SELECT c.pid FROM citizen c JOIN residence r ON r.citizen_id = c.id WHERE r.kind = 'permanent' AND r.valid_to IS NULL AND r.commune_code = '$OC' AND NOT EXISTS (SELECT 1 FROM residence t WHERE t.citizen_id = c.id AND t.kind = 'temporary') AND c.death_date IS NULL AND NOT EXISTS (SELECT 1 FROM citizen_contact k WHERE k.citizen_id = c.id) ORDER BY c.id LIMIT 2 OFFSET 7")
is "${#P[@]}" 2 "two citizens without a contact"
A=${P[0]} B=${P[1]}
can_sign_on "$A"
can_sign_on "$B"
ID=$(sql "SELECT id FROM citizen WHERE pid = '$A'")
HTML=(-H 'Accept: text/html,application/xhtml+xml,*/*;q=0.8' -H "Origin: $BASE")
J=(-H 'Accept: application/json')
row() { sql "SELECT CONCAT_WS('|', channel, IFNULL(email, '-'), IFNULL(phone, '-')) FROM citizen_contact WHERE citizen_id = $ID"; }

http GET /tracking/citizen/contact -u "$A:demo"
is "$STATUS" 200 "the contact page"
like "$BODY" '<h1>Nhận thông báo về hồ sơ</h1>' "in Vietnamese"
like "$BODY" 'value="none" +checked' "no channel chosen yet: none"
like "$BODY" '<label for="f-email">Địa chỉ thư điện tử' "each field labelled"
like "$BODY" '<legend>Bạn muốn được báo tin bằng cách nào\?</legend>' "the choice in a fieldset"
http GET /tracking/citizen/contact -H 'Accept: application/json'
is "$STATUS" 401 "nobody signed on: 401"

http POST /tracking/citizen/contact -u "$A:demo" "${HTML[@]}" -d channel=email -d email= -d phone=0912345678
is "$STATUS" 422 "e-mail without an address: 422"
like "$BODY" 'role="alert"' "said at the top"
like "$BODY" '<a href="#f-email">Địa chỉ thư điện tử</a>: chưa được điền' "naming the field"
like "$BODY" 'id="f-email" name="email" type="email" value="" [^>]*aria-invalid="true"' "the field marked"
like "$BODY" 'name="phone" type="tel" value="0912345678"' "what was typed kept"
like "$BODY" 'value="email" +checked' "and the channel chosen"
is "$(row)" "" "nothing written"
http POST /tracking/citizen/contact -u "$A:demo" "${HTML[@]}" -d channel=sms --data-urlencode 'email=a b@c' -d phone=12345 -d lang=en
is "$STATUS" 422 "a wrong address and number: 422"
like "$BODY" 'is not an e-mail address' "why, in the form's language"
like "$BODY" 'must be a Vietnamese phone number' "for each"
http POST /tracking/citizen/contact -u "$A:demo" "${HTML[@]}" -d channel=fax -d email=a@example.vn
is "$STATUS" 422 "a channel we do not have: 422"
like "$BODY" 'value="none" +checked' "not shown as chosen"
http POST /tracking/citizen/contact -u "$A:demo" "${J[@]}" -d channel=sms
is "$STATUS $(json error code) $(json name)" "422 missing_field phone" "a script gets JSON naming the field"
is "$(row)" "" "still nothing written"

http POST /tracking/citizen/contact -u "$A:demo" "${HTML[@]}" -d channel=email \
    -d "email=a$ID@example.vn" -d phone=
is "$STATUS" 200 "saved"
like "$BODY" 'role="status"><p class="big">Đã lưu' "said so"
like "$BODY" 'value="email" +checked' "the choice shown"
is "$(row)" "email|a$ID@example.vn|-" "written, for that citizen"
http POST /tracking/citizen/contact -u "$A:demo" "${HTML[@]}" -d channel=sms \
    -d "email=a$ID@example.vn" --data-urlencode phone=+84912345678
is "$(row)" "sms|a$ID@example.vn|+84912345678" "changed: one row still"
is "$(sql "SELECT COUNT(*) FROM citizen_contact WHERE citizen_id = $ID")" 1 "one row"
http GET /tracking/citizen/contact -u "$B:demo" -H 'Accept: application/json'
is "$(json channel)|$(json email)" "none|" "the other citizen sees only their own"
http GET /tracking/citizen/contact -u "$A:demo" -H 'Accept: application/json'
is "$(json channel) $(json phone)" "sms +84912345678" "and the first theirs"
http POST /tracking/citizen/contact -u "$A:demo" -H 'Origin: http://evil.example' -d channel=none
is "$STATUS" 403 "a post from another site: 403"
is "$(row)" "sms|a$ID@example.vn|+84912345678" "changes nothing"

# the choice is what the outbox uses
http POST /residence/citizen/dossiers/temporary -u "$A:demo" "${J[@]}" \
    --data-urlencode "idempotency_key=$(newkey)" -d "commune_code=$OC" \
    --data-urlencode "address=Số 3, ngõ 1, phố Huế" -d "until=$(date -d '+200 day' +%F)"
is "$STATUS" 201 "the citizen files"
is "$(sql "SELECT CONCAT(channel, ' ', address, ' ', to_state) FROM notification WHERE receipt_code = '$(json receipt_code)'")" \
    "sms +84912345678 submitted" "told by SMS, at the number chosen"
http POST /tracking/citizen/contact -u "$A:demo" "${HTML[@]}" -d channel=none -d email= -d phone=
is "$(row)" "none|-|-" "cleared"
unlike "$(cat "$STACK_DIR"/log/tracking*.log 2>/dev/null)" "a$ID@example|0912345678|84912345678" \
    "no address or number in the module's log"
t_done
