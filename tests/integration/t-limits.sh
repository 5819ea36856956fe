# Every text field the residence module stores is accepted up to the
# length of the column it lands in, counted in characters (Vietnamese
# letters take two or three bytes), and goes through submission and
# approval intact; one character more is refused with 422 invalid_field
# and nothing is written.
. "$top_srcdir/tests/lib.sh"
export LC_ALL=C.UTF-8

J=(-H 'Accept: application/json')
O=$(official 3)
OC=$(sql "SELECT commune_code FROM official WHERE username = '$O'")
mapfile -t LOCALS < <(sql "SELECT c.pid FROM citizen c JOIN residence r ON r.citizen_id = c.id WHERE r.kind = 'permanent' AND r.valid_to IS NULL AND r.commune_code = '$OC' AND NOT EXISTS (SELECT 1 FROM residence t WHERE t.citizen_id = c.id AND t.kind = 'temporary') ORDER BY c.id LIMIT 8")
hash=$(cut -d: -f2- "$STACK_DIR/nginx/citizens.htpasswd" | head -1)
for p in "${LOCALS[@]}"; do echo "$p:$hash" >> "$STACK_DIR/nginx/citizens.htpasswd"; done
TODAY=$(sql "SELECT DATE(CONVERT_TZ(UTC_TIMESTAMP(), '+00:00', '+07:00'))")
plus_days() { date -d "$1 + $2 day" +%F; }
UNTIL=$(plus_days "$TODAY" 200)

# mk UNIT N: N characters of UNIT repeated, ending in a three-byte letter
mk() {
	local out=
	while [ ${#out} -lt "$2" ]; do out+=$1; done
	printf '%sệ' "${out:0:$(($2 - 1))}"
}
ADDR=$(mk "Số 7, ngõ Hoà Bình, phường Đông Ngạc " 255)	# residence.address
RELATION=$(mk "con dâu " 30)	# citizen.household_role
DEST=$(mk "Thành phố Hồ Chí Minh, quận Bình Thạnh " 255)	# absence.destination
WHY=$(mk "Đi học nghề, chăm sóc người thân; " 255)	# absence.reason
DECISION=$(mk "Thiếu hợp đồng thuê nhà, bổ sung trước ngày 5/12; " 500)	# dossier_event.reason
NAME=$(mk "Nguyễn Thị Phương Thảo " 100)	# citizen.full_name
PURPOSE=$(mk "Giải quyết hồ sơ đăng ký thường trú " 200)	# access_log.purpose
is "${#ADDR} ${#RELATION} ${#DEST} ${#WHY} ${#DECISION} ${#NAME} ${#PURPOSE}" \
    "255 30 255 255 500 100 200" "the values are as long as their columns"
ok "$([ "$(printf "%s" "$ADDR" | wc -c)" -gt 255 ]; echo $?)" "and longer in bytes than in characters"

state_of() { sql "SELECT state FROM dossier WHERE receipt_code = '$1'"; }
events_of() { sql "SELECT COUNT(*) FROM dossier_event e JOIN dossier d ON d.id = e.dossier_id WHERE d.receipt_code = '$1'"; }
decide() {	# decide RECEIPT ACTION [curl args]
	local rc=$1 act=$2
	shift 2
	http POST "/residence/official/dossiers/$rc/$act" -u "$O:demo" "${J[@]}" -d x=1 "$@"
}
submit() {	# submit CITIZEN PROCEDURE [curl args]
	local p=$1 proc=$2
	shift 2
	http POST "/residence/citizen/dossiers/$proc" -u "$p:demo" "${J[@]}" \
	    --data-urlencode "idempotency_key=$(newkey)" "$@"
}
# over FIELD DESCRIPTION: the last answer refused FIELD as invalid
over() {
	is "$STATUS" 422 "$2: 422"
	is "$(json code)" invalid_field "$2: invalid_field"
	like "$BODY" "\"name\":\"$1\"" "$2: names the field"
}
ndossiers() { sql "SELECT COUNT(*) FROM dossier"; }

# --- permanent registration, joining a household: address and relation --
P=${LOCALS[0]}
HEAD=$(sql "SELECT pid FROM citizen WHERE household_id IS NOT NULL AND pid <> '$P' ORDER BY id LIMIT 1")
n0=$(ndossiers)
submit "$P" permanent -d "commune_code=$OC" --data-urlencode "address=${ADDR}x" \
    -d basis=family -d "household_head=$HEAD" --data-urlencode "relation=$RELATION"
over address "an address of 256 characters"
submit "$P" permanent -d "commune_code=$OC" --data-urlencode "address=$ADDR" \
    -d basis=family -d "household_head=$HEAD" --data-urlencode "relation=${RELATION}x"
over relation "a relation of 31 characters"
is "$(ndossiers)" "$n0" "nothing filed for the values one character over"
submit "$P" permanent -d "commune_code=$OC" --data-urlencode "address=$ADDR" \
    -d basis=family -d "household_head=$HEAD" --data-urlencode "relation=$RELATION"
is "$STATUS" 201 "permanent registration at the maximum lengths: 201"
R=$(json receipt_code)
decide "$R" accept
decide "$R" approve
is "$STATUS" 200 "and its approval: 200"
is "$(state_of "$R")" result_issued "the result is issued"
is "$(sql "SELECT r.address FROM residence r JOIN citizen c ON c.id = r.citizen_id WHERE c.pid = '$P' AND r.kind = 'permanent' AND r.valid_to IS NULL")" \
    "$ADDR" "the 255-character address is stored intact"
is "$(sql "SELECT household_role FROM citizen WHERE pid = '$P'")" "$RELATION" \
    "the 30-character relation is stored intact"

# --- permanent registration, a new household: its address ---------------
P=${LOCALS[1]}
submit "$P" permanent -d "commune_code=$OC" --data-urlencode "address=$ADDR" -d basis=own_home
R=$(json receipt_code)
decide "$R" accept
decide "$R" approve
is "$STATUS" 200 "a new household at a 255-character address: approved"
is "$(sql "SELECT h.address FROM household h JOIN citizen c ON c.household_id = h.id WHERE c.pid = '$P'")" \
    "$ADDR" "the household's address is stored intact"

# --- temporary registration; the officials' reasons and the citizen's note
P=${LOCALS[2]}
submit "$P" temporary -d "commune_code=$OC" --data-urlencode "address=${ADDR}x" -d "until=$UNTIL"
over address "a temporary address of 256 characters"
submit "$P" temporary -d "commune_code=$OC" --data-urlencode "address=$ADDR" -d "until=$UNTIL"
is "$STATUS" 201 "temporary registration at the maximum length: 201"
R=$(json receipt_code)
decide "$R" accept
e0=$(events_of "$R")
decide "$R" supplement --data-urlencode "reason=${DECISION}x"
over reason "a supplement reason of 501 characters"
is "$(state_of "$R") $(events_of "$R")" "accepted $e0" "nothing changed"
decide "$R" supplement --data-urlencode "reason=$DECISION"
is "$STATUS" 200 "a supplement reason of 500 characters: 200"
http POST "/residence/citizen/dossiers/$R/supplement" -u "$P:demo" "${J[@]}" \
    --data-urlencode "note=${DECISION}x"
over note "a note of 501 characters"
is "$(state_of "$R")" supplement_requested "the note one character over changed nothing"
http POST "/residence/citizen/dossiers/$R/supplement" -u "$P:demo" "${J[@]}" \
    --data-urlencode "note=$DECISION"
is "$STATUS" 200 "a note of 500 characters: 200"
decide "$R" approve --data-urlencode "reason=${DECISION}x"
over reason "an approval reason of 501 characters"
is "$(state_of "$R")" accepted "not approved"
decide "$R" approve --data-urlencode "reason=$DECISION"
is "$STATUS" 200 "an approval with a 500-character reason: 200"
is "$(sql "SELECT COUNT(*) FROM dossier_event e JOIN dossier d ON d.id = e.dossier_id WHERE d.receipt_code = '$R' AND e.reason = '$DECISION'")" \
    3 "the reasons and the note are stored intact"
is "$(sql "SELECT decision_reason FROM dossier WHERE receipt_code = '$R'")" "$DECISION" \
    "so is the decision's"
is "$(sql "SELECT r.address FROM residence r JOIN citizen c ON c.id = r.citizen_id WHERE c.pid = '$P' AND r.kind = 'temporary'")" \
    "$ADDR" "the temporary address is stored intact"

# --- notice of temporary absence: destination and reason ----------------
P=${LOCALS[3]}
FROM=$(plus_days "$TODAY" 3)
TO=$(plus_days "$TODAY" 60)
n0=$(ndossiers)
submit "$P" absence -d "from=$FROM" -d "until=$TO" \
    --data-urlencode "destination=${DEST}x" --data-urlencode "reason=$WHY"
over destination "a destination of 256 characters"
submit "$P" absence -d "from=$FROM" -d "until=$TO" \
    --data-urlencode "destination=$DEST" --data-urlencode "reason=${WHY}x"
over reason "a reason for the absence of 256 characters"
is "$(ndossiers)" "$n0" "nothing filed"
submit "$P" absence -d "from=$FROM" -d "until=$TO" \
    --data-urlencode "destination=$DEST" --data-urlencode "reason=$WHY"
is "$STATUS" 201 "absence at the maximum lengths: 201"
R=$(json receipt_code)
decide "$R" accept
decide "$R" approve
is "$STATUS" 200 "and its approval: 200"
is "$(sql "SELECT a.destination FROM absence a JOIN citizen c ON c.id = a.citizen_id WHERE c.pid = '$P'")" \
    "$DEST" "the destination is stored intact"
is "$(sql "SELECT a.reason FROM absence a JOIN citizen c ON c.id = a.citizen_id WHERE c.pid = '$P'")" \
    "$WHY" "the reason is stored intact"

# --- a rejection's reason --------------------------------------------------
P=${LOCALS[4]}
submit "$P" temporary -d "commune_code=$OC" --data-urlencode "address=Thôn 5" -d "until=$UNTIL"
R=$(json receipt_code)
decide "$R" reject --data-urlencode "reason=${DECISION}x"
over reason "a rejection reason of 501 characters"
is "$(state_of "$R")" submitted "not rejected"
decide "$R" reject --data-urlencode "reason=$DECISION"
is "$STATUS" 200 "a rejection with a 500-character reason: 200"
is "$(sql "SELECT decision_reason FROM dossier WHERE receipt_code = '$R'")" "$DECISION" \
    "the rejection's reason is stored intact"

# --- a re-sent name as long as the column ---------------------------------
P=${LOCALS[5]}
sql "UPDATE citizen SET full_name = '$NAME' WHERE pid = '$P'"
submit "$P" temporary -d "commune_code=$OC" --data-urlencode "address=Thôn 6" \
    -d "until=$UNTIL" --data-urlencode "full_name=${NAME}x"
over full_name "a name of 101 characters"
submit "$P" temporary -d "commune_code=$OC" --data-urlencode "address=Thôn 6" \
    -d "until=$UNTIL" --data-urlencode "full_name=$NAME"
is "$STATUS" 201 "a name of 100 characters agrees with the database"

# --- an official's declared purpose ---------------------------------------
a0=$(sql "SELECT COUNT(*) FROM access_log")
http POST /residence/official/lookup -u "$O:demo" "${J[@]}" \
    --data-urlencode "pid=$P" --data-urlencode "purpose=${PURPOSE}x"
over purpose "a purpose of 201 characters"
is "$(sql "SELECT COUNT(*) FROM access_log")" "$a0" "no read, no access-log row"
http POST /residence/official/lookup -u "$O:demo" "${J[@]}" \
    --data-urlencode "pid=$P" --data-urlencode "purpose=$PURPOSE"
is "$STATUS" 200 "a purpose of 200 characters: 200"
is "$(sql "SELECT purpose FROM access_log ORDER BY id DESC LIMIT 1")" "$PURPOSE" \
    "the purpose is logged intact"
t_done
