# Residence procedures end to end: forms that ask only what the database
# cannot know, submissions (idempotent), officials' decisions, the
# supplement pause, effects on approval, the counter, concurrency, and
# legal due dates in working days.
. "$top_srcdir/tests/lib.sh"

J=(-H 'Accept: application/json')
O=$(official 1)
OC=$(sql "SELECT commune_code FROM official WHERE username = '$O'")
O2=$(official 2)
# citizens living (permanent) in the official's commune, not used elsewhere
mapfile -t LOCALS < <(sql "SELECT c.pid FROM citizen c JOIN residence r ON r.citizen_id = c.id WHERE r.kind = 'permanent' AND r.valid_to IS NULL AND r.commune_code = '$OC' AND NOT EXISTS (SELECT 1 FROM residence t WHERE t.citizen_id = c.id AND t.kind = 'temporary') ORDER BY c.id DESC LIMIT 12")
# give them passwords: the launcher only lists the first 2000 citizens
hash=$(cut -d: -f2- "$STACK_DIR/nginx/citizens.htpasswd" | head -1)
for p in "${LOCALS[@]}"; do echo "$p:$hash" >> "$STACK_DIR/nginx/citizens.htpasswd"; done
vn_today() { sql "SELECT DATE(CONVERT_TZ(UTC_TIMESTAMP(), '+00:00', '+07:00'))"; }
TODAY=$(vn_today)
plus_days() { date -d "$1 + $2 day" +%F; }
state_of() { sql "SELECT state FROM dossier WHERE receipt_code = '$1'"; }
decide() {	# decide OFFICIAL RECEIPT ACTION [curl args]
	local o=$1 rc=$2 act=$3
	shift 3
	http POST "/residence/official/dossiers/$rc/$act" -u "$o:demo" "${J[@]}" -d x=1 "$@"
}

# --- the form: known facts prefilled, the rest asked -------------------
P=${LOCALS[0]}
http GET /residence/citizen/forms/temporary -u "$P:demo" "${J[@]}"
is "$STATUS" 200 "form description: 200"
is "$(json known full_name)" "$(sql "SELECT full_name FROM citizen WHERE pid = '$P'")" \
    "the name is known, not asked"
is "$(json known permanent_commune)" "$OC" "the permanent residence is known"
like "$BODY" '"ask":\{"commune_code":[^}]*"address":[^}]*"until"' "asks commune, address, until"
unlike "$(json_text ask)" '"full_name"|"birth_date"' \
    "never asks for the name or birth date"
http GET /residence/citizen/forms/extension -u "$P:demo" "${J[@]}"
like "$BODY" '"ask":\{"until":"[^"]*"\}' "extension asks only the new end date"
http GET /residence/citizen/forms/nonsense -u "$P:demo" "${J[@]}"
is "$STATUS" 404 "unknown procedure: 404"

# --- temporary registration: submit, idempotent, decided ---------------
K=$(newkey)
UNTIL=$(plus_days "$TODAY" 200)
n0=$(sql "SELECT COUNT(*) FROM dossier")
http POST /residence/citizen/dossiers/temporary -u "$P:demo" "${J[@]}" \
    --data-urlencode "idempotency_key=$K" -d "commune_code=$OC" \
    --data-urlencode "address=Số 5, ngõ 10, phố Huế" -d "until=$UNTIL"
is "$STATUS" 201 "temporary registration submitted: 201"
R=$(json receipt_code)
like "$R" '^000\.00\.15\.H26-[0-9]{6}-[0-9]{4,}$' "receipt code"
is "$(json state)" submitted "state submitted"
http POST /residence/citizen/dossiers/temporary -u "$P:demo" "${J[@]}" \
    --data-urlencode "idempotency_key=$K" -d "commune_code=$OC" \
    --data-urlencode "address=Số 5, ngõ 10, phố Huế" -d "until=$UNTIL"
is "$STATUS" 200 "the same key again: 200"
is "$(json receipt_code)" "$R" "the same dossier"
is "$(sql "SELECT COUNT(*) FROM dossier")" $((n0 + 1)) "one dossier for two submissions"
is "$(sql "SELECT CONCAT(channel, ' ', commune_code, ' ', IFNULL(filed_by, '-')) FROM dossier WHERE receipt_code = '$R'")" \
    "online $OC -" "online, handled by the commune of the new residence"

# a double click: ten at once, one dossier
K2=$(newkey)
P2=${LOCALS[1]}
for i in 1 2 3 4 5 6 7 8 9 10; do
	curl -s -o "$T_TMP/d$i" -u "$P2:demo" "${J[@]}" --data-urlencode "idempotency_key=$K2" \
	    -d "commune_code=$OC" --data-urlencode "address=Thôn 2" -d "until=$UNTIL" \
	    "$BASE/residence/citizen/dossiers/temporary" &
done
wait
is "$(for f in "$T_TMP"/d*; do json_in "$f" receipt_code; done | sort -u | wc -l)" 1 \
    "ten concurrent submissions: one receipt code"
is "$(sql "SELECT COUNT(*) FROM dossier WHERE idempotency_key = '$K2'")" 1 \
    "ten concurrent submissions: one dossier"

# known facts re-sent: must agree with the database
NAME=$(sql "SELECT full_name FROM citizen WHERE pid = '$P2'")
http POST /residence/citizen/dossiers/temporary -u "$P2:demo" "${J[@]}" \
    --data-urlencode "idempotency_key=$(newkey)" -d "commune_code=$OC" \
    --data-urlencode "address=Thôn 2" -d "until=$UNTIL" --data-urlencode "full_name=Nguyễn Văn Khác"
is "$STATUS" 422 "a known fact that differs: 422"
is "$(json code)" known_fact_mismatch "code known_fact_mismatch"
like "$BODY" '"name":"full_name","reason":"differs_from_database"' "names the fact"
http POST /residence/citizen/dossiers/temporary -u "$P2:demo" "${J[@]}" \
    --data-urlencode "idempotency_key=$(newkey)" -d "commune_code=$OC" \
    --data-urlencode "address=Thôn 2" -d "until=$UNTIL" --data-urlencode "full_name=$NAME" \
    -d "birth_date=$(sql "SELECT birth_date FROM citizen WHERE pid = '$P2'")"
is "$STATUS" 201 "known facts that agree are accepted"
http POST /residence/citizen/dossiers/temporary -u "$P2:demo" "${J[@]}" \
    --data-urlencode "idempotency_key=$(newkey)" -d "commune_code=$OC" \
    --data-urlencode "address=Thôn 2" -d "until=$(plus_days "$TODAY" 800)"
is "$STATUS" 422 "a term over 2 years: 422"
like "$BODY" '"reason":"term_over_2_years"' "reason term_over_2_years"
http POST /residence/citizen/dossiers/temporary -u "$P2:demo" "${J[@]}" \
    --data-urlencode "idempotency_key=$(newkey)" -d "commune_code=99999" \
    --data-urlencode "address=Thôn 2" -d "until=$UNTIL"
like "$BODY" '"reason":"unknown_commune"' "an unknown commune is refused"

# --- decisions ------------------------------------------------------------
decide "$O2" "$R" accept
is "$STATUS" 403 "an official of another commune is refused"
is "$(sql "SELECT COUNT(*) FROM refusal WHERE actor = '$O2' AND object = '$R' AND reason = 'other_commune'")" \
    1 "and the refusal is recorded"
is "$(state_of "$R")" submitted "nothing changed"
# the citizen answers only a request for a supplement: never accepts alone
answer() {	# answer CITIZEN RECEIPT: the citizen's supplement answer
	http POST "/residence/citizen/dossiers/$2/supplement" -u "$1:demo" "${J[@]}" \
	    --data-urlencode "note=Tôi tự tiếp nhận hồ sơ"
}
answer "$P" "$R"
is "$STATUS" 409 "a supplement answer to a submitted dossier: 409"
is "$(json code)" state_conflict "code state_conflict"
is "$(state_of "$R")" submitted "the citizen did not accept their own dossier"
is "$(sql "SELECT COUNT(*) FROM dossier_event e JOIN dossier d ON d.id = e.dossier_id WHERE d.receipt_code = '$R'")" \
    1 "and no event was written"
decide "$O" "$R" approve
is "$STATUS" 409 "approve before accept: 409"
decide "$O" "$R" accept
is "$STATUS" 200 "accept: 200"
is "$(state_of "$R")" accepted "accepted"
answer "$P" "$R"
is "$STATUS" 409 "a supplement answer to an accepted dossier: 409"
is "$(state_of "$R") $(sql "SELECT paused_at IS NULL FROM dossier WHERE receipt_code = '$R'")" \
    "accepted 1" "nothing changed"

# the supplement pause
decide "$O" "$R" supplement
is "$STATUS" 422 "a supplement request needs a reason"
due0=$(sql "SELECT due_at FROM dossier WHERE receipt_code = '$R'")
decide "$O" "$R" supplement --data-urlencode "reason=Thiếu hợp đồng thuê nhà"
is "$STATUS" 200 "supplement requested"
is "$(sql "SELECT paused_at IS NOT NULL AND remaining_halves IS NOT NULL FROM dossier WHERE receipt_code = '$R'")" \
    1 "the clock stopped, with what was left"
http GET "/residence/citizen/dossiers/$R" -u "$P:demo" "${J[@]}"
is "$(json paused)" true "the citizen sees the pause"
like "$BODY" '"reason":"Thiếu hợp đồng thuê nhà"' "and the reason"
http GET "/residence/citizen/dossiers/$R" -u "$P2:demo" "${J[@]}"
is "$STATUS" 404 "another citizen cannot see it"
decide "$O" "$R" approve
is "$STATUS" 409 "no approval while waiting for the supplement"
# pretend the pause kept 20 half-days: the restarted clock must use them
sql "UPDATE dossier SET remaining_halves = 20 WHERE receipt_code = '$R'"
http POST "/residence/citizen/dossiers/$R/supplement" -u "$P:demo" "${J[@]}" \
    --data-urlencode "note=Đã bổ sung hợp đồng thuê nhà"
is "$STATUS" 200 "the citizen answers"
is "$(json state)" accepted "back to accepted"
is "$(sql "SELECT paused_at IS NULL AND remaining_halves IS NULL FROM dossier WHERE receipt_code = '$R'")" \
    1 "the clock runs again"
is "$(sql "SELECT due_at > '$due0' + INTERVAL 7 DAY FROM dossier WHERE receipt_code = '$R'")" \
    1 "the due date moved by what was left (20 half-days)"

# approval: the effect, in the same transaction, voids confirmations
CODE=$(curl -s -u "$P:demo" "${J[@]}" --data-urlencode "idempotency_key=$(newkey)" \
    "$BASE/residence/citizen/confirmations" | json_in - verification_code)
http GET "/residence/confirmations/$CODE" "${J[@]}"
is "$(json status)" valid "a confirmation issued before the decision is valid"
# two officials at once: exactly one succeeds
curl -s -o "$T_TMP/a1" -w '%{http_code}\n' -u "$O:demo" "${J[@]}" -d x=1 \
    "$BASE/residence/official/dossiers/$R/approve" > "$T_TMP/s1" &
curl -s -o "$T_TMP/a2" -w '%{http_code}\n' -u "$O:demo" "${J[@]}" -d x=1 \
    "$BASE/residence/official/dossiers/$R/approve" > "$T_TMP/s2" &
wait
is "$(cat "$T_TMP/s1" "$T_TMP/s2" | sort | tr '\n' ' ')" "200 409 " \
    "two approvals at once: one 200, one 409"
is "$(state_of "$R")" result_issued "approved and the result issued"
is "$(sql "SELECT COUNT(*) FROM residence r JOIN citizen c ON c.id = r.citizen_id WHERE c.pid = '$P' AND r.kind = 'temporary' AND r.commune_code = '$OC' AND r.valid_to = '$UNTIL'")" \
    1 "the temporary residence is registered"
http GET "/residence/confirmations/$CODE" "${J[@]}"
is "$(json status)" void "the earlier confirmation is void"
is "$(sql "SELECT COUNT(*) FROM dossier_event e JOIN dossier d ON d.id = e.dossier_id WHERE d.receipt_code = '$R'")" \
    6 "every step is an event: submitted, accepted, supplement, accepted, approved, issued"
is "$(sql "SELECT COUNT(*) FROM dossier_event e JOIN dossier d ON d.id = e.dossier_id WHERE d.receipt_code = '$R' AND e.actor = '$O'")" \
    3 "the official's three decisions carry their name"

# rejection needs a reason
R2=$(sql "SELECT receipt_code FROM dossier WHERE idempotency_key = '$K2'")
decide "$O" "$R2" reject
is "$STATUS" 422 "a rejection needs a reason"
decide "$O" "$R2" reject --data-urlencode "reason=Địa chỉ không có thật"
is "$STATUS" 200 "rejected with a reason"
is "$(sql "SELECT CONCAT(state, '|', decided_by, '|', decision_reason, '|', completed_at IS NOT NULL) FROM dossier WHERE receipt_code = '$R2'")" \
    "rejected|$O|Địa chỉ không có thật|1" "the rejection is recorded"
decide "$O" "$R2" accept
is "$STATUS" 409 "a rejected dossier cannot be reopened"

# --- permanent registration with a new household -------------------------
P3=${LOCALS[2]}
CODE3=$(curl -s -u "$P3:demo" "${J[@]}" --data-urlencode "idempotency_key=$(newkey)" \
    "$BASE/residence/citizen/confirmations" | json_in - verification_code)
http POST /residence/citizen/dossiers/permanent -u "$P3:demo" "${J[@]}" \
    --data-urlencode "idempotency_key=$(newkey)" -d "commune_code=$OC" \
    --data-urlencode "address=Số 9, đường Trần Phú" -d basis=own_home
is "$STATUS" 201 "permanent registration submitted"
R3=$(json receipt_code)
decide "$O" "$R3" accept
decide "$O" "$R3" approve
is "$STATUS" 200 "approved"
is "$(sql "SELECT COUNT(*) FROM residence r JOIN citizen c ON c.id = r.citizen_id WHERE c.pid = '$P3' AND r.kind = 'permanent' AND (r.valid_to IS NULL OR r.valid_to >= CURDATE())")" \
    1 "one current permanent residence"
is "$(sql "SELECT r.address FROM residence r JOIN citizen c ON c.id = r.citizen_id WHERE c.pid = '$P3' AND r.kind = 'permanent' AND r.valid_to IS NULL")" \
    "Số 9, đường Trần Phú" "at the new address"
is "$(sql "SELECT CONCAT(h.address, '|', c.household_role) FROM citizen c JOIN household h ON h.id = c.household_id WHERE c.pid = '$P3'")" \
    "Số 9, đường Trần Phú|chủ hộ" "head of a new household there"
http GET "/residence/confirmations/$CODE3" "${J[@]}"
is "$(json status)" void "their confirmation is void"

# --- extension: only in the 15 days before expiry -------------------------
P4=${LOCALS[3]}
P4ID=$(sql "SELECT id FROM citizen WHERE pid = '$P4'")
sql "INSERT INTO residence (citizen_id, kind, commune_code, address, valid_from, valid_to) VALUES ($P4ID, 'temporary', '$OC', 'Phòng 3, nhà trọ Hoa Mai', CURDATE() - INTERVAL 300 DAY, CURDATE() + INTERVAL 40 DAY)"
http POST /residence/citizen/dossiers/extension -u "$P4:demo" "${J[@]}" \
    --data-urlencode "idempotency_key=$(newkey)" -d "until=$(plus_days "$TODAY" 400)"
is "$STATUS" 409 "extension 40 days before expiry: 409"
is "$(json code)" not_eligible "code not_eligible"
sql "UPDATE residence SET valid_to = CURDATE() + INTERVAL 10 DAY WHERE citizen_id = $P4ID AND kind = 'temporary'"
NEWEND=$(plus_days "$TODAY" 400)
http POST /residence/citizen/dossiers/extension -u "$P4:demo" "${J[@]}" \
    --data-urlencode "idempotency_key=$(newkey)" -d "until=$NEWEND"
is "$STATUS" 201 "extension 10 days before expiry: accepted"
R4=$(json receipt_code)
decide "$O" "$R4" accept
decide "$O" "$R4" approve
is "$(sql "SELECT valid_to FROM residence WHERE citizen_id = $P4ID AND kind = 'temporary'")" \
    "$NEWEND" "approval extends the term"

# --- notice of temporary absence ----------------------------------------
P5=${LOCALS[4]}
http POST /residence/citizen/dossiers/absence -u "$P5:demo" "${J[@]}" \
    --data-urlencode "idempotency_key=$(newkey)" -d "from=$(plus_days "$TODAY" 3)" \
    -d "until=$(plus_days "$TODAY" 90)" --data-urlencode "destination=Thành phố Hồ Chí Minh" \
    --data-urlencode "reason=Đi làm việc"
is "$STATUS" 201 "notice of temporary absence submitted"
R5=$(json receipt_code)
is "$(sql "SELECT commune_code FROM dossier WHERE receipt_code = '$R5'")" "$OC" \
    "handled by the commune of permanent residence"
decide "$O" "$R5" accept
decide "$O" "$R5" approve
is "$(sql "SELECT CONCAT(a.destination, '|', a.valid_to) FROM absence a JOIN citizen c ON c.id = a.citizen_id WHERE c.pid = '$P5'")" \
    "Thành phố Hồ Chí Minh|$(plus_days "$TODAY" 90)" "the absence is recorded"

# --- filing at the counter ------------------------------------------------
P6=${LOCALS[5]}
http POST /residence/official/dossiers/temporary -u "$O:demo" "${J[@]}" \
    -d "applicant_pid=$P6" --data-urlencode "idempotency_key=$(newkey)" -d "commune_code=$OC" \
    --data-urlencode "address=Số 1, phố Tràng Tiền" -d "until=$UNTIL"
is "$STATUS" 201 "an official files at the counter"
R6=$(json receipt_code)
is "$(sql "SELECT CONCAT(d.channel, '|', d.filed_by, '|', c.pid) FROM dossier d JOIN citizen c ON c.id = d.applicant_id WHERE d.receipt_code = '$R6'")" \
    "counter|$O|$P6" "the dossier records the channel, the official and the applicant"
is "$(sql "SELECT actor FROM dossier_event e JOIN dossier d ON d.id = e.dossier_id WHERE d.receipt_code = '$R6' ORDER BY e.id LIMIT 1")" \
    "$O" "the first event names the official"
http POST /residence/official/dossiers/temporary -u "$O:demo" "${J[@]}" \
    --data-urlencode "idempotency_key=$(newkey)" -d "commune_code=$OC" \
    --data-urlencode "address=Số 1, phố Tràng Tiền" -d "until=$UNTIL"
is "$STATUS" 422 "the counter needs the applicant's number"
like "$BODY" '"name":"applicant_pid","reason":"required"' "and says so"
http POST /residence/citizen/dossiers/temporary -u "$P6:demo" "${J[@]}" \
    -d "applicant_pid=$P" --data-urlencode "idempotency_key=$(newkey)" -d "commune_code=$OC" \
    --data-urlencode "address=Số 1, phố Tràng Tiền" -d "until=$UNTIL"
is "$STATUS" 422 "a citizen cannot file for someone else online"
like "$BODY" '"name":"applicant_pid","reason":"not_allowed"' "applicant_pid not allowed online"
http POST /residence/official/dossiers/temporary -u "$O2:demo" "${J[@]}" \
    -d "applicant_pid=$P6" --data-urlencode "idempotency_key=$(newkey)" -d "commune_code=$OC" \
    --data-urlencode "address=Số 1, phố Tràng Tiền" -d "until=$UNTIL"
is "$STATUS" 403 "not at another commune's counter"
is "$(sql "SELECT COUNT(*) FROM refusal WHERE actor = '$O2' AND action = 'file_at_counter'")" 1 \
    "that refusal is recorded too"

# --- due dates in working days, across a break like Tết ------------------
# Ten days from today are made holidays; a 3-day procedure filed now is due
# at 17:00 on the third working day after the break.
for i in $(seq 0 9); do
	sql "INSERT IGNORE INTO holiday (day, name, confirmed, source) VALUES ('$(plus_days "$TODAY" "$i")', 'kiểm thử', 1, 'test')"
done
mapfile -t HOL < <(sql "SELECT day FROM holiday")
working() {	# working DAY: not a weekend, not in the holiday table
	local d=$1 h
	[ "$(date -d "$d" +%u)" -ge 6 ] && return 1
	for h in "${HOL[@]}"; do [ "$h" = "$d" ] && return 1; done
	return 0
}
d=$(plus_days "$TODAY" 10)
n=0
while :; do
	if working "$d"; then n=$((n + 1)); [ $n -eq 3 ] && break; fi
	d=$(plus_days "$d" 1)
done
P7=${LOCALS[6]}
http POST /residence/citizen/dossiers/temporary -u "$P7:demo" "${J[@]}" \
    --data-urlencode "idempotency_key=$(newkey)" -d "commune_code=$OC" \
    --data-urlencode "address=Thôn 4" -d "until=$UNTIL"
is "$(json due_at)" "${d}T17:00:00" "3 working days counted after the break: $d 17:00"
sql "DELETE FROM holiday WHERE source = 'test'"
# and the holiday table carries Tết 2026 and 2027
is "$(sql "SELECT COUNT(*) FROM holiday WHERE day BETWEEN '2026-02-14' AND '2026-02-22'")" 9 \
    "Tết 2026: nine days off"
is "$(sql "SELECT COUNT(*) FROM holiday WHERE YEAR(day) = 2027 AND name LIKE 'Tết Nguyên đán%'")" 5 \
    "Tết 2027 is listed"
t_done
