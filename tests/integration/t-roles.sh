# Officials' roles decide who may file at the counter, accept, ask for a
# supplement, approve and reject; the official who filed a dossier at the
# counter may not approve it (separation of duties, set per procedure).
# Every refusal is a 403 with a stable code, and is recorded.
. "$top_srcdir/tests/lib.sh"

J=(-H 'Accept: application/json')
OC=$(sql "SELECT commune_code FROM official WHERE username = '$(official 12)'")
# the commune's officials for this test: two heads, an officer, and a
# province officer
T=kt$RANDOM
for o in "h1 commune_head" "h2 commune_head" "cv commune_officer" "tinh province_officer"; do
	set -- $o
	sql "INSERT INTO official (username, full_name, role, commune_code) VALUES ('$T.$1', 'Cán bộ kiểm thử', '$2', '$OC')"
done
H1=$T.h1 H2=$T.h2 CV=$T.cv PV=$T.tinh
hash=$(cut -d: -f2- "$STACK_DIR/nginx/officials.htpasswd" | head -1)
for o in "$H1" "$H2" "$CV" "$PV"; do echo "$o:$hash" >> "$STACK_DIR/nginx/officials.htpasswd"; done
mapfile -t LOCALS < <(sql "SELECT c.pid FROM citizen c JOIN residence r ON r.citizen_id = c.id WHERE r.kind = 'permanent' AND r.valid_to IS NULL AND r.commune_code = '$OC' AND NOT EXISTS (SELECT 1 FROM residence t WHERE t.citizen_id = c.id AND t.kind = 'temporary') ORDER BY c.id LIMIT 6")
hash=$(cut -d: -f2- "$STACK_DIR/nginx/citizens.htpasswd" | head -1)
for p in "${LOCALS[@]}"; do echo "$p:$hash" >> "$STACK_DIR/nginx/citizens.htpasswd"; done
TODAY=$(sql "SELECT DATE(CONVERT_TZ(UTC_TIMESTAMP(), '+00:00', '+07:00'))")
plus_days() { date -d "$1 + $2 day" +%F; }
UNTIL=$(plus_days "$TODAY" 200)

state_of() { sql "SELECT state FROM dossier WHERE receipt_code = '$1'"; }
decide() {	# decide OFFICIAL RECEIPT ACTION [curl args]
	local o=$1 rc=$2 act=$3
	shift 3
	http POST "/residence/official/dossiers/$rc/$act" -u "$o:demo" "${J[@]}" -d x=1 "$@"
}
counter() {	# counter OFFICIAL PROCEDURE PID: files at the counter
	local o=$1 proc=$2 pid=$3 f
	case $proc in
	temporary) f=(-d "commune_code=$OC" --data-urlencode "address=Số 3, phố Hàng Bạc" -d "until=$UNTIL") ;;
	absence) f=(-d "from=$(plus_days "$TODAY" 2)" -d "until=$(plus_days "$TODAY" 30)") ;;
	esac
	http POST "/residence/official/dossiers/$proc" -u "$o:demo" "${J[@]}" \
	    -d "applicant_pid=$pid" --data-urlencode "idempotency_key=$(newkey)" "${f[@]}"
}
refused() {	# refused OFFICIAL ACTION REASON: how many such refusals
	sql "SELECT COUNT(*) FROM refusal WHERE actor = '$1' AND action = '$2' AND reason = '$3'"
}
# denied CODE DESCRIPTION: the last answer was a 403 with this code
denied() {
	is "$STATUS $(json code)" "403 $1" "$2: 403 $1"
}

# --- an officer files, accepts and asks for a supplement, never decides --
counter "$CV" temporary "${LOCALS[0]}"
is "$STATUS" 201 "a commune officer files at the counter"
R1=$(json receipt_code)
decide "$CV" "$R1" accept
is "$STATUS" 200 "and accepts"
decide "$CV" "$R1" supplement --data-urlencode "reason=Thiếu hợp đồng thuê nhà"
is "$STATUS" 200 "and asks for a supplement"
http POST "/residence/citizen/dossiers/$R1/supplement" -u "${LOCALS[0]}:demo" "${J[@]}" \
    --data-urlencode "note=Đã bổ sung"
is "$STATUS" 200 "the citizen answers"
for act in approve reject; do
	n=$(refused "$CV" "$act" role_not_allowed)
	decide "$CV" "$R1" "$act" --data-urlencode "reason=Không đủ điều kiện"
	denied role_not_allowed "a commune officer may not $act"
	is "$(refused "$CV" "$act" role_not_allowed)" $((n + 1)) "that refusal is recorded"
done
is "$(state_of "$R1")" accepted "nothing changed"
decide "$H1" "$R1" approve
is "$STATUS" 200 "the commune head approves the officer's dossier"

# --- a province officer does none of these for a commune ----------------
n=$(refused "$PV" file_at_counter role_not_allowed)
counter "$PV" temporary "${LOCALS[1]}"
denied role_not_allowed "a province officer may not file at the counter"
is "$(refused "$PV" file_at_counter role_not_allowed)" $((n + 1)) "that refusal is recorded"
counter "$CV" temporary "${LOCALS[1]}"
R2=$(json receipt_code)
for act in accept supplement approve reject; do
	n=$(refused "$PV" "$act" role_not_allowed)
	decide "$PV" "$R2" "$act" --data-urlencode "reason=Không đủ điều kiện"
	denied role_not_allowed "a province officer may not $act"
	is "$(refused "$PV" "$act" role_not_allowed)" $((n + 1)) "that refusal is recorded"
done
is "$(state_of "$R2")" submitted "nothing changed"

# --- separation of duties: who filed does not approve --------------------
counter "$H1" temporary "${LOCALS[2]}"
is "$STATUS" 201 "a commune head files at the counter"
R3=$(json receipt_code)
decide "$H1" "$R3" accept
is "$STATUS" 200 "and accepts"
n=$(refused "$H1" approve separation_of_duties)
decide "$H1" "$R3" approve
denied separation_of_duties "but may not approve the dossier they filed"
is "$(refused "$H1" approve separation_of_duties)" $((n + 1)) "that refusal is recorded"
is "$(state_of "$R3")" accepted "the dossier is still accepted"
decide "$H2" "$R3" approve
is "$STATUS" 200 "another commune head approves it"
is "$(state_of "$R3")" result_issued "and the result is issued"
is "$(sql "SELECT CONCAT(filed_by, '|', decided_by) FROM dossier WHERE receipt_code = '$R3'")" \
    "$H1|$H2" "filed by one, decided by another"

# --- the switch, per procedure -------------------------------------------
is "$(sql "SELECT GROUP_CONCAT(procedure_code, '=', separate_duties ORDER BY procedure_code) FROM procedure_setting")" \
    "1.000656=1,1.000894=1,1.001193=1,1.003677=1,1.004194=1,1.004197=1,1.004222=1" \
    "on for the four residence procedures, death, marriage and birth registration"
sql "UPDATE procedure_setting SET separate_duties = 0 WHERE procedure_code = '1.004194'"
counter "$H1" temporary "${LOCALS[3]}"
R4=$(json receipt_code)
counter "$H1" absence "${LOCALS[4]}"
R5=$(json receipt_code)
decide "$H1" "$R4" accept
decide "$H1" "$R4" approve
is "$STATUS" 200 "switched off for temporary residence: the filer may approve"
decide "$H1" "$R5" accept
decide "$H1" "$R5" approve
denied separation_of_duties "still on for the notice of absence"
sql "UPDATE procedure_setting SET separate_duties = 1 WHERE procedure_code = '1.004194'"
t_done
