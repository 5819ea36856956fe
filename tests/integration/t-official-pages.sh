# An official decides from the queue's page with plain forms, as a
# browser without script does: each dossier shows the decisions its state
# allows and no other; a decision answers a page with the new state in
# words, in the form's language; a refused one says why and changes
# nothing.  The citizen's page of who read their data says who, what in
# words, why and when in Viet Nam's time.
. "$top_srcdir/tests/lib.sh"

O=$(official 3)
OC=$(sql "SELECT commune_code FROM official WHERE username = '$O'")
P=$(sql "SELECT c.pid FROM citizen c JOIN residence r ON r.citizen_id = c.id WHERE r.kind = 'permanent' AND r.valid_to IS NULL AND r.commune_code = '$OC' AND NOT EXISTS (SELECT 1 FROM residence t WHERE t.citizen_id = c.id AND t.kind = 'temporary') AND c.death_date IS NULL ORDER BY c.id LIMIT 1 OFFSET 5")
can_sign_on "$P"
HTML=(-H 'Accept: text/html,application/xhtml+xml,*/*;q=0.8' -H "Origin: $BASE")

http POST /residence/citizen/dossiers/temporary -u "$P:demo" -H 'Accept: application/json' \
    --data-urlencode "idempotency_key=$(newkey)" -d "commune_code=$OC" \
    --data-urlencode "address=Số 2, ngõ 5, phố Huế" -d "until=$(date -d '+200 day' +%F)"
is "$STATUS" 201 "a dossier filed in the official's commune"
R=$(json receipt_code)

# row: the queue's entry of dossier R, from the first page that has it
row() {
	local page=1 pages=1
	ROW=
	while [ "$page" -le "$pages" ]; do
		http GET "/tracking/official/queue?family=residence&page=$page" -u "$O:demo" "$@"
		pages=$(printf '%s' "$BODY" | sed -n 's/.*name="page" type="number" min="1" max="\([0-9]*\)".*/\1/p')
		ROW=$(printf '%s\n' "$BODY" | sed -n "\|<h3 class=\"code\">$R</h3>|,\|</li>|p")
		[ -n "$ROW" ] && return 0
		page=$((page + 1))
	done
	return 1
}
row
ok $? "the dossier is in the queue's page"
is "$STATUS" 200 "the queue: 200"
like "$BODY" '<html lang="vi">' "in Vietnamese by default"
like "$BODY" '<h1>Hồ sơ đang giải quyết</h1>' "titled"
like "$BODY" "<option value=\"residence\" +selected *>Cư trú</option>" "the family chosen is selected"
like "$ROW" '<dd><strong>Đã tiếp nhận</strong></dd>' "its state in words"
like "$ROW" "<form method=\"post\" action=\"/residence/official/dossiers/$R/accept\"" "it may be accepted"
like "$ROW" "action=\"/residence/official/dossiers/$R/reject\"" "or rejected"
unlike "$ROW" '/approve"|/supplement"' "not approved before it is accepted"
like "$ROW" "<label for=\"r-$R\">Lý do" "the reason asked with a label"
unlike "$BODY" "$P|$(sql "SELECT full_name FROM citizen WHERE pid = '$P'")" \
    "no applicant named in the queue"
row -H 'Accept-Language: en'
like "$ROW" '<button type="submit">Accept the dossier</button>' "in English when asked"

# the decisions, as the page's forms post them
http POST "/residence/official/dossiers/$R/accept" -u "$O:demo" "${HTML[@]}" -d lang=vi
is "$STATUS" 200 "accepted from the form: 200"
like "$BODY" '<p class="state">Đang giải quyết</p>' "the decision page says the new state"
like "$BODY" '<p class="big">Tiếp nhận hồ sơ</p>' "and what was done"
like "$BODY" '<a class="button" href="/tracking/official/queue\?lang=vi">' "with the way back to the queue"
row
like "$ROW" "/approve\"" "accepted: now it may be approved"
like "$ROW" "/supplement\"" "or a supplement asked"
unlike "$ROW" "/accept\"" "but not accepted again"
http POST "/residence/official/dossiers/$R/reject" -u "$O:demo" "${HTML[@]}" -d lang=en -d reason=
is "$STATUS" 422 "a rejection without a reason: 422"
like "$BODY" '<html lang="en">' "in the form's language"
like "$BODY" 'Reason' "naming the field"
is "$(sql "SELECT state FROM dossier WHERE receipt_code = '$R'")" accepted "and nothing changed"
http POST "/residence/official/dossiers/$R/approve" -u "$O:demo" "${HTML[@]}" -d lang=en
is "$STATUS" 200 "approved"
like "$BODY" '<p class="state">Result issued</p>' "the result issued at once, in English"
like "$(printf '%s\n' "$HEADERS" | tr -d '\r')" 'Content-Language: en' "said in the headers"
http POST "/residence/official/dossiers/$R/approve" -u "$O:demo" "${HTML[@]}" -d lang=vi
is "$STATUS" 409 "the form sent again: 409"
like "$BODY" 'Mở lại danh sách hồ sơ' "saying to open the queue again"
http POST "/residence/official/dossiers/$R/approve" -u "$O:demo" -H 'Accept: application/json' -d lang=vi
is "$STATUS $(json error code)" "409 state_conflict" "a script still gets JSON"
row
ok "$([ -z "$ROW" ]; echo $?)" "finished: no longer in the queue"

# a supplement asked from the queue's form, answered from the dossier's
# page
http POST /residence/citizen/dossiers/temporary -u "$P:demo" -H 'Accept: application/json' \
    --data-urlencode "idempotency_key=$(newkey)" -d "commune_code=$OC" \
    --data-urlencode "address=Số 6, ngõ 5, phố Huế" -d "until=$(date -d '+200 day' +%F)"
R2=$(json receipt_code)
http POST "/residence/official/dossiers/$R2/accept" -u "$O:demo" "${HTML[@]}" -d lang=vi
http POST "/residence/official/dossiers/$R2/supplement" -u "$O:demo" "${HTML[@]}" -d lang=vi \
    --data-urlencode "reason=Thiếu hợp đồng thuê nhà"
like "$BODY" '<p class="state">Chờ bổ sung hồ sơ</p>' "a supplement asked from the form"
http GET "/residence/citizen/dossiers/$R2" -u "$P:demo"
like "$BODY" "<form method=\"post\" action=\"/residence/citizen/dossiers/$R2/supplement\">" \
    "the citizen's page has the form to answer it"
like "$BODY" 'Thiếu hợp đồng thuê nhà' "and says why it was asked"
like "$BODY" '<label for="f-note">Nội dung bổ sung' "the answer asked with a label"
http POST "/residence/citizen/dossiers/$R2/supplement" -u "$P:demo" "${HTML[@]}" -d lang=vi \
    --data-urlencode "note=Đã có hợp đồng thuê nhà, nộp bản giấy tại bộ phận một cửa"
is "$STATUS" 303 "answered: 303 to the dossier's page"
http GET "/residence/citizen/dossiers/$R2" -u "$P:demo"
like "$BODY" '<p class="state">Đang giải quyết</p>' "which says it is being processed again"
unlike "$BODY" '/supplement">' "without the form"

# the look-up, as its form posts it
http GET /residence/official/lookup -u "$O:demo"
is "$STATUS" 200 "the look-up form"
like "$BODY" '<form method="post" action="/residence/official/lookup">' "a plain form, posted"
like "$BODY" '<label for="f-pid">Số định danh cá nhân' "the number asked with a label"
like "$BODY" 'Mỗi lần tra cứu đều được ghi lại' "saying that each look-up is recorded"
n0=$(sql "SELECT COUNT(*) FROM access_log")
http POST /residence/official/lookup -u "$O:demo" "${HTML[@]}" -d "pid=12345" \
    --data-urlencode "purpose=Giải quyết hồ sơ tạm trú"
is "$STATUS" 422 "a wrong number: 422"
like "$BODY" 'id="f-pid" name="pid" value="12345" [^>]*aria-invalid="true"' "the form again, marked, keeping it"
like "$BODY" 'value="Giải quyết hồ sơ tạm trú"' "and the purpose"
is "$(sql "SELECT COUNT(*) FROM access_log")" "$n0" "nothing read, nothing recorded"
http POST /residence/official/lookup -u "$O:demo" "${HTML[@]}" -d "pid=$P" \
    --data-urlencode "purpose=Giải quyết hồ sơ tạm trú"
is "$STATUS" 200 "the official looks the citizen up"
like "$BODY" "<dd>$(sql "SELECT full_name FROM citizen WHERE pid = '$P'")</dd>" "the name"
like "$BODY" "<dd>$(sql "SELECT DATE_FORMAT(birth_date, '%d/%m/%Y') FROM citizen WHERE pid = '$P'")</dd>" "the birth date, day first"
like "$BODY" "<dd>$(sql "SELECT address FROM residence r JOIN citizen c ON c.id = r.citizen_id WHERE c.pid = '$P' AND r.kind = 'permanent' AND r.valid_to IS NULL")</dd>" "the permanent address"
like "$BODY" 'Lần tra cứu này đã được ghi lại' "and that it was recorded"
is "$(sql "SELECT COUNT(*) FROM access_log")" "$((n0 + 1))" "one access-log row"

# who read my data
AT=$(sql "SELECT DATE_FORMAT(at + INTERVAL 7 HOUR, '%d/%m/%Y %H:%i') FROM access_log a JOIN citizen c ON c.id = a.citizen_id WHERE c.pid = '$P' ORDER BY a.id DESC LIMIT 1")
http GET /tracking/citizen/reads -u "$P:demo"
is "$STATUS" 200 "the citizen's record of reads"
like "$BODY" '<h1>Ai đã xem thông tin của tôi</h1>' "titled"
like "$BODY" "<h3>$AT <span class=\"small\">\\(giờ Việt Nam, UTC\\+7\\)</span></h3>" \
    "the time of the read in Viet Nam's time"
like "$BODY" "<dd>Cán bộ: <span class=\"code\">$O</span>" "who read"
like "$BODY" '<dd>Họ, chữ đệm và tên, Ngày sinh, Giới tính, Nơi cư trú</dd>' "what, in words"
like "$BODY" '<dd>Giải quyết hồ sơ tạm trú</dd>' "and why"
http GET "/tracking/citizen/reads?lang=en" -u "$P:demo"
like "$BODY" '<dd>Full name, Date of birth, Sex, Place of residence</dd>' "in English"
art=$(artifacts pages)
browser --accept-lang=vi --screenshot="$art/queue-vi-360.png" --window-size=360,2400 \
    "http://$O:demo@${BASE#http://}/tracking/official/queue?family=residence"
ok $? "a screenshot of the queue"
browser --accept-lang=vi --screenshot="$art/lookup-form-vi-360.png" --window-size=360,1600 \
    "http://$O:demo@${BASE#http://}/residence/official/lookup"
ok $? "a screenshot of the look-up form"
browser --accept-lang=en --screenshot="$art/reads-en-360.png" --window-size=360,1800 \
    "http://$P:demo@${BASE#http://}/tracking/citizen/reads"
ok $? "a screenshot of who read my data"
t_done
