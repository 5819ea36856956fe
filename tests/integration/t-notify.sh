# Notifications: every state change of a dossier whose applicant chose a
# channel writes an outbox row in the change's transaction.
. "$top_srcdir/tests/lib.sh"

J=(-H 'Accept: application/json')
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
NOTIFY=$top_builddir/modules/tools/motcua-notify
O=$(official 1)
OC=$(sql "SELECT commune_code FROM official WHERE username = '$O'")
# three local citizens no other test uses, without a contact yet
mapfile -t P < <(sql "SELECT c.pid FROM citizen c JOIN residence r ON r.citizen_id = c.id WHERE r.kind = 'permanent' AND r.valid_to IS NULL AND r.commune_code = '$OC' AND NOT EXISTS (SELECT 1 FROM residence t WHERE t.citizen_id = c.id AND t.kind = 'temporary') AND c.death_date IS NULL AND NOT EXISTS (SELECT 1 FROM citizen_contact k WHERE k.citizen_id = c.id) ORDER BY c.id LIMIT 3 OFFSET 3")
is "${#P[@]}" 3 "three local citizens to notify"
PE=${P[0]} PS=${P[1]} PN=${P[2]}
hash=$(cut -d: -f2- "$STACK_DIR/nginx/citizens.htpasswd" | head -1)
for p in "${P[@]}"; do echo "$p:$hash" >> "$STACK_DIR/nginx/citizens.htpasswd"; done
id_of() { sql "SELECT id FROM citizen WHERE pid = '$1'"; }
IE=$(id_of "$PE") IS=$(id_of "$PS") IN=$(id_of "$PN")
sql "INSERT INTO citizen_contact (citizen_id, email, phone, channel) VALUES
    ($IE, 'c$IE@example.org', NULL, 'email'),
    ($IS, NULL, '+8490$IS', 'sms'),
    ($IN, 'c$IN@example.org', '+8490$IN', 'none')"
# rows left pending by anything before this test are not ours to count
sql "UPDATE notification SET state = 'failed' WHERE state = 'pending'"

decide() {	# decide RECEIPT ACTION [curl args]
	local rc=$1 act=$2
	shift 2
	http POST "/residence/official/dossiers/$rc/$act" -u "$O:demo" "${J[@]}" -d x=1 "$@"
}
file() {	# file PID: a temporary registration; sets R
	http POST /residence/citizen/dossiers/temporary -u "$1:demo" "${J[@]}" \
	    --data-urlencode "idempotency_key=$(newkey)" -d "commune_code=$OC" \
	    --data-urlencode "address=Số 7, ngõ 3, phố Huế" \
	    -d "until=$(date -d '+200 day' +%F)"
	R=$(json receipt_code)
}
# changes RECEIPT: its events that changed the state; notes RECEIPT: its
# outbox rows, as "channel address to_state" lines in event order
changes() { sql "SELECT COUNT(*) FROM dossier_event e JOIN dossier d ON d.id = e.dossier_id WHERE d.receipt_code = '$1' AND (e.from_state IS NULL OR e.from_state <> e.to_state)"; }
notes() { sql "SELECT CONCAT_WS(' ', channel, address, to_state) FROM notification WHERE receipt_code = '$1' ORDER BY event_id"; }
nnotes() { sql "SELECT COUNT(*) FROM notification WHERE receipt_code = '$1'"; }

# --- the outbox, written with each change ------------------------------
file "$PE"
is "$STATUS" 201 "the e-mail citizen files"
RE=$R
decide "$RE" accept
is "$STATUS" 200 "accepted"
decide "$RE" supplement --data-urlencode "reason=Thiếu hợp đồng thuê nhà"
is "$STATUS" 200 "a supplement requested"
http POST "/residence/citizen/dossiers/$RE/supplement" -u "$PE:demo" "${J[@]}" \
    --data-urlencode "note=Đã bổ sung"
is "$STATUS" 200 "the citizen answers"
decide "$RE" approve
is "$STATUS" 200 "approved"
is "$(changes "$RE")" 6 "six state changes"
is "$(notes "$RE" | tr '\n' '|')" \
    "email c$IE@example.org submitted|email c$IE@example.org accepted|email c$IE@example.org supplement_requested|email c$IE@example.org accepted|email c$IE@example.org approved|email c$IE@example.org result_issued|" \
    "one e-mail row per state change, with the address and the new state"

file "$PS"
RS=$R
decide "$RS" accept
decide "$RS" approve
is "$STATUS" 200 "the SMS citizen's dossier approved"
file "$PS"
RS2=$R
decide "$RS2" reject --data-urlencode "reason=Địa chỉ không có thật"
is "$STATUS" 200 "another rejected"
is "$(notes "$RS" | tr '\n' '|')" \
    "sms +8490$IS submitted|sms +8490$IS accepted|sms +8490$IS approved|sms +8490$IS result_issued|" \
    "one SMS row per state change"
is "$(notes "$RS2" | tr '\n' '|')" "sms +8490$IS submitted|sms +8490$IS rejected|" \
    "a rejection too"

file "$PN"
RN=$R
decide "$RN" accept
is "$STATUS" 200 "the citizen without a channel: accepted"
is "$(changes "$RN")" 2 "two state changes"
is "$(nnotes "$RN")" 0 "and no notification: channel none"

# a refused decision changes nothing and writes nothing
decide "$RN" approve
decide "$RN" accept
is "$STATUS" 409 "accept twice: 409"
n0=$(sql "SELECT COUNT(*) FROM notification")
decide "$RS2" accept
is "$STATUS" 409 "a rejected dossier cannot be reopened"
is "$(sql "SELECT COUNT(*) FROM notification")" "$n0" "and no notification"

# the same transaction: when the last outbox row of an issue at once
# cannot be written, the whole change rolls back, its first rows with it
sql "CREATE TRIGGER t_notify_refuse BEFORE INSERT ON notification FOR EACH ROW SET NEW.to_state = IF(NEW.to_state = 'result_issued' AND NEW.address = '+8490$IS', NULL, NEW.to_state)"
d0=$(sql "SELECT COUNT(*) FROM dossier WHERE applicant_id = $IS")
n0=$(sql "SELECT COUNT(*) FROM notification")
http POST /residence/citizen/confirmations -u "$PS:demo" "${J[@]}" \
    --data-urlencode "idempotency_key=$(newkey)"
is "$STATUS" 500 "the outbox refuses the last row: the issue fails"
sql "DROP TRIGGER t_notify_refuse"
is "$(sql "SELECT COUNT(*) FROM dossier WHERE applicant_id = $IS")" "$d0" \
    "no dossier remains"
is "$(sql "SELECT COUNT(*) FROM notification")" "$n0" \
    "nor its first three notifications"
http POST /residence/citizen/confirmations -u "$PE:demo" "${J[@]}" \
    --data-urlencode "idempotency_key=$(newkey)"
is "$STATUS" 201 "a confirmation issued at once"
RC=$(json receipt_code)
is "$(notes "$RC" | awk '{print $3}' | tr '\n' ' ')" \
    "submitted accepted approved result_issued " "four rows, one per step"
t_done
