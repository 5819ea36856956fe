# Notifications: every state change of a dossier whose applicant chose a
# channel writes an outbox row in the change's transaction;
# motcua-notify --once delivers them to a real local SMTP server
# (aiosmtpd) and an HTTP sink that fails its first requests, exactly once
# each, and a relay that is down loses nothing.
. "$top_srcdir/tests/lib.sh"

J=(-H 'Accept: application/json')
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
NOTIFY=$top_builddir/modules/tools/motcua-notify
O=$(official 1)
OC=$(sql "SELECT commune_code FROM official WHERE username = '$O'")
# three citizens living elsewhere (their temporary registrations here
# must not take anyone from the pool of the official's own residents
# that other tests pick from), far from the numbered ones the tests sign
# on as, without a contact yet
mapfile -t P < <(sql "SELECT c.pid FROM citizen c JOIN residence r ON r.citizen_id = c.id WHERE r.kind = 'permanent' AND r.valid_to IS NULL AND r.commune_code <> '$OC' AND NOT EXISTS (SELECT 1 FROM residence t WHERE t.citizen_id = c.id AND t.kind = 'temporary') AND c.death_date IS NULL AND NOT EXISTS (SELECT 1 FROM citizen_contact k WHERE k.citizen_id = c.id) ORDER BY c.id LIMIT 3 OFFSET 900")
is "${#P[@]}" 3 "three citizens to notify"
PE=${P[0]} PS=${P[1]} PN=${P[2]}
hash=$(cut -d: -f2- "$STACK_DIR/nginx/citizens.htpasswd" | head -1)
for p in "${P[@]}"; do echo "$p:$hash" >> "$STACK_DIR/nginx/citizens.htpasswd"; done
id_of() { sql "SELECT id FROM citizen WHERE pid = '$1'"; }
IE=$(id_of "$PE") IS=$(id_of "$PS") IN=$(id_of "$PN")
sql "INSERT INTO citizen_contact (citizen_id, email, phone, channel) VALUES
    ($IE, 'c$IE@example.org', NULL, 'email'),
    ($IS, NULL, '+8490$IS', 'sms'),
    ($IN, 'c$IN@example.org', '+8490$IN', 'none')"
# rows left pending by anything before this test are not ours to count;
# the counts below are of rows from here on (N0)
sql "UPDATE notification SET state = 'failed' WHERE state = 'pending'"
N0=$(sql "SELECT COALESCE(MAX(id), 0) FROM notification")

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
# a row to an address the relay refuses for good (as root: the schema
# allows any address; the relay decides)
DE=$(sql "SELECT id FROM dossier WHERE receipt_code = '$RE'")
sql "INSERT INTO notification (dossier_id, event_id, channel, address, receipt_code, to_state) VALUES ($DE, 0, 'email', 'nobody@example.org', '$RE', 'approved')"
BAD=$(sql "SELECT id FROM notification WHERE address = 'nobody@example.org'")

# --- the sinks ---------------------------------------------------------
cat > "$T_TMP/sink-http.py" <<'EOF'
# An SMS gateway that answers 503 to its first N requests, then 200,
# appending each body it accepts with its Idempotency-Key (JSON lines).
import json, sys
from http.server import HTTPServer, BaseHTTPRequestHandler

fail = int(sys.argv[2])
class H(BaseHTTPRequestHandler):
    def do_POST(self):
        global fail
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if fail > 0:
            fail -= 1
            self.send_response(503)
        else:
            with open(sys.argv[3], "a") as f:
                f.write(json.dumps({"key": self.headers["Idempotency-Key"],
                    "ctype": self.headers["Content-Type"],
                    "body": json.loads(body)}, ensure_ascii=False) + "\n")
            self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()
    def log_message(self, *a):
        pass

HTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
EOF
start_smtp() {
	"$PY" "$top_srcdir/tests/smtp-sink.py" "$SP" "$T_TMP/mails" 2>"$T_TMP/smtp.err" &
	SMTP_PID=$!
	wait_port "$SP"
}
SP=$(unused_port 25250)
HP=$(unused_port $((SP + 1)))
: > "$T_TMP/mails"
: > "$T_TMP/sms"
start_smtp
ok $? "the SMTP server listens"
"$PY" "$T_TMP/sink-http.py" "$HP" 2 "$T_TMP/sms" 2>"$T_TMP/http.err" &
HTTP_PID=$!
wait_port "$HP"
ok $? "the SMS sink listens" || sed 's/^/# /' "$T_TMP/http.err"
sed -e "s|^smtp_port = .*|smtp_port = $SP|" \
    -e "s|^sms_url = .*|sms_url = http://127.0.0.1:$HP/sms|" \
    -e "s|^\[notify\]|[notify]\ntimeout = 3|" "$MOTCUA_CNF" > "$T_TMP/motcua.cnf"
chmod 0600 "$T_TMP/motcua.cnf"
notify() { "$NOTIFY" -c "$T_TMP/motcua.cnf" --once 2>>"$T_TMP/notify.log"; }

"$NOTIFY" -c "$T_TMP/motcua.cnf" -n > "$T_TMP/check" 2>&1
ok $? "-n: the settings and statements check"
like "$(cat "$T_TMP/check")" "prepared and checked" "-n prepared the statements"
as_notify() { mariadb --defaults-file="$T_TMP/motcua.cnf" --defaults-group-suffix=-notify -N -B -e "$1" 2>&1; }
is "$(as_notify "SELECT COUNT(*) > 0 FROM notification")" 1 "the notifier's account reads the outbox"
like "$(as_notify "SELECT COUNT(*) FROM citizen_contact")" "denied" "but not the contacts"
like "$(as_notify "SELECT COUNT(*) FROM citizen")" "denied" "nor the citizens"
like "$(as_notify "DELETE FROM notification")" "denied" "and may not delete a notification"
like "$(as_notify "UPDATE notification_delivery SET detail = ''")" "denied" "nor change a delivery record"

# --- delivery ----------------------------------------------------------
NE=$(sql "SELECT COUNT(*) FROM notification WHERE id > $N0 AND state = 'pending' AND channel = 'email' AND id <> $BAD")
NS=$(sql "SELECT COUNT(*) FROM notification WHERE id > $N0 AND state = 'pending' AND channel = 'sms'")
is "$NE $NS" "10 6" "ten e-mails and six SMS due"
notify
ok $? "motcua-notify --once"
mids() { jq -r .mid "$T_TMP/mails" | sort; }
want_mids() { sql "SELECT CONCAT('<notification-', id, '@motcua>') FROM notification WHERE id > $N0 AND channel = 'email' AND state = 'sent'" | sort; }
is "$(wc -l < "$T_TMP/mails")" "$NE" "every e-mail arrived"
is "$(mids | uniq | wc -l)" "$NE" "each once"
is "$(mids | tr '\n' ' ')" "$(want_mids | tr '\n' ' ')" "the ones marked sent, by Message-ID"
is "$(sql "SELECT CONCAT(state, ' ', attempts) FROM notification WHERE id = $BAD")" "failed 1" \
    "a 5xx to RCPT: failed at once"
is "$(sql "SELECT CONCAT(result, ' ', detail) FROM notification_delivery WHERE notification_id = $BAD")" \
    "permanent_failure smtp rcpt: 550" "recorded as a permanent failure"
# the content
ID1=$(sql "SELECT id FROM notification WHERE receipt_code = '$RE' AND to_state = 'supplement_requested'")
M=$(jq -c "select(.mid == \"<notification-$ID1@motcua>\")" "$T_TMP/mails")
is "$(printf '%s' "$M" | jq -r '.to[0]')" "c$IE@example.org" "to the citizen's address"
is "$(printf '%s' "$M" | jq -r .subject)" "Hồ sơ $RE: Chờ bổ sung hồ sơ" \
    "the subject, decoded from its encoded-word"
like "$(printf '%s' "$M" | jq -r .ctype)" 'text/plain; charset="?utf-8' "plain UTF-8 text"
BODYT=$(printf '%s' "$M" | jq -r .body)
like "$BODYT" "^Hồ sơ $RE đã chuyển sang trạng thái: Chờ bổ sung hồ sơ\. Xem tại: $BASE/tracking/dossiers/$RE" \
    "the text: receipt code, the state in words, the link"
like "$BODYT" "Dossier $RE has moved to the state: waiting for a supplement\. See: $BASE/tracking/dossiers/$RE" \
    "and in English below"
NAME=$(sql "SELECT full_name FROM citizen WHERE id = $IE")
unlike "$(cat "$T_TMP/mails")" "$NAME|$PE|phố Huế" "no name, personal number or address in any e-mail"
for s in submitted accepted approved result_issued; do
	i=$(sql "SELECT id FROM notification WHERE receipt_code = '$RC' AND to_state = '$s'")
	w=$(jq -r "select(.mid == \"<notification-$i@motcua>\") | .body" "$T_TMP/mails" | head -1)
	like "$w" "^Hồ sơ $RC đã chuyển sang trạng thái: [^.]+\. Xem" "the $s text"
done
# the SMS: the sink failed twice
is "$(sql "SELECT COUNT(*) FROM notification WHERE channel = 'sms' AND state = 'pending' AND attempts = 1 AND next_at > NOW()")" \
    2 "two SMS refused for now: pending, tried once, due later"
is "$(wc -l < "$T_TMP/sms")" $((NS - 2)) "the others arrived"
sql "UPDATE notification SET next_at = NOW() WHERE state = 'pending'"
notify
is "$(wc -l < "$T_TMP/sms")" "$NS" "after the wait, all of them"
is "$(jq -r .key "$T_TMP/sms" | sort -u | wc -l)" "$NS" "each once (by Idempotency-Key)"
is "$(jq -r .key "$T_TMP/sms" | sort | tr '\n' ' ')" \
    "$(sql "SELECT CONCAT('notification-', id) FROM notification WHERE id > $N0 AND channel = 'sms'" | sort | tr '\n' ' ')" \
    "the keys are the notifications'"
is "$(sql "SELECT GROUP_CONCAT(CONCAT(d.result, ':', d.detail) ORDER BY d.id SEPARATOR ' ') FROM notification_delivery d JOIN notification n ON n.id = d.notification_id WHERE n.id > $N0 AND n.channel = 'sms' GROUP BY d.result = 'sent' ORDER BY d.result = 'sent'" | head -1)" \
    "temporary_failure:http 503 temporary_failure:http 503" "the delivery table: two temporary failures"
is "$(sql "SELECT COUNT(*) FROM notification_delivery d JOIN notification n ON n.id = d.notification_id WHERE n.id > $N0 AND n.channel = 'sms' AND d.result = 'sent' AND d.detail = 'http 200'")" \
    "$NS" "and one sent per SMS"
is "$(sql "SELECT COUNT(*) FROM notification WHERE id > $N0 AND state = 'sent' AND sent_at IS NOT NULL")" \
    $((NE + NS)) "every row marked sent"
S1=$(jq -c "select(.key == \"notification-$(sql "SELECT id FROM notification WHERE receipt_code = '$RS2' AND to_state = 'rejected'")\")" "$T_TMP/sms")
is "$(printf '%s' "$S1" | jq -r .body.to)" "+8490$IS" "the SMS goes to the phone"
like "$(printf '%s' "$S1" | jq -r .body.text)" "^Hồ sơ $RS2 đã chuyển sang trạng thái: Từ chối giải quyết\. Xem tại: $BASE/tracking/dossiers/$RS2" \
    "its text, JSON-escaped in the template"
is "$(printf '%s' "$S1" | jq -r .ctype)" "application/json" "as JSON"
unlike "$(cat "$T_TMP/sms")" "$(sql "SELECT full_name FROM citizen WHERE id = $IS")|$PS|Địa chỉ không" \
    "no name, personal number or reason in any SMS"

# --- two notifiers at once: SKIP LOCKED keeps them apart ---------------
sql "INSERT INTO notification (dossier_id, event_id, channel, address, receipt_code, to_state)
    SELECT $DE, 1000000 + seq, 'email', 'c$IE@example.org', '$RE', 'accepted' FROM seq_1_to_40"
n_before=$(wc -l < "$T_TMP/mails")
sed -e "s|^\[notify\]|[notify]\nbatch = 5|" "$T_TMP/motcua.cnf" > "$T_TMP/small.cnf"
"$NOTIFY" -c "$T_TMP/small.cnf" --once 2> "$T_TMP/n1.log" &
N1=$!
"$NOTIFY" -c "$T_TMP/small.cnf" --once 2> "$T_TMP/n2.log" &
N2=$!
wait "$N1" "$N2"
is "$(wc -l < "$T_TMP/mails")" $((n_before + 40)) "two notifiers, batches of 5: forty e-mails arrived"
is "$(mids | uniq -d)" "" "none twice"
is "$(sql "SELECT COUNT(*) FROM notification WHERE event_id > 1000000 AND state = 'sent' AND attempts = 1")" \
    40 "each sent at its first attempt"
is "$(sql "SELECT COUNT(*) FROM notification_delivery d JOIN notification n ON n.id = d.notification_id WHERE n.event_id > 1000000")" \
    40 "one delivery row each"
echo "# the notifiers sent $(grep -c ': sent' "$T_TMP/n1.log") and $(grep -c ': sent' "$T_TMP/n2.log")"

# --- a list of database servers: the first down, the next used ---------
DEAD=$(unused_port $((HP + 1)))
NSOCK=$(sed -n '/^\[client-notify\]/,/^\[/s/^socket = //p' "$T_TMP/motcua.cnf")
hosts_cnf() {	# hosts_cnf LIST [CLIENT-LINE]: the settings with db_hosts = LIST
	sed -e '/^db_hosts = /d' -e "s|^\[notify\]|[notify]\ndb_hosts = $1|" \
	    -e "s|^\[client-notify\]|[client-notify]${2:+\\n$2}|" "$T_TMP/motcua.cnf" > "$T_TMP/hosts.cnf"
	chmod 0600 "$T_TMP/hosts.cnf"
}
hosts_cnf "127.0.0.1:$DEAD, $NSOCK"
sql "INSERT INTO notification (dossier_id, event_id, channel, address, receipt_code, to_state)
    VALUES ($DE, 2000001, 'email', 'c$IE@example.org', '$RE', 'accepted')"
n_before=$(wc -l < "$T_TMP/mails")
"$NOTIFY" -c "$T_TMP/hosts.cnf" --once 2> "$T_TMP/hosts.log"
ok $? "db_hosts, the first server down: motcua-notify --once" || sed 's/^/# /' "$T_TMP/hosts.log"
like "$(cat "$T_TMP/hosts.log")" "connect to 127\.0\.0\.1:$DEAD: " "it tried the first server"
like "$(cat "$T_TMP/hosts.log")" "now on host 2 of 2" "and moved to the next"
is "$(wc -l < "$T_TMP/mails")" $((n_before + 1)) "the e-mail arrived through the next server"
is "$(sql "SELECT CONCAT(state, ' ', attempts) FROM notification WHERE event_id = 2000001")" "sent 1" \
    "marked sent, once"
for bad in "db1;DROP" "db1:0" "a,,b"; do
	hosts_cnf "$bad"
	out=$("$NOTIFY" -c "$T_TMP/hosts.cnf" -n 2>&1)
	is "$?" 1 "db_hosts = $bad: refused at start-up"
	like "$out" "\[notify\] db_hosts: " "and -n says why"
done
hosts_cnf "$NSOCK" "protocol = tcp"
out=$("$NOTIFY" -c "$T_TMP/hosts.cnf" -n 2>&1)
is "$?" 1 "db_hosts with a protocol in [client-notify]: refused"
like "$out" "\[client-notify\] protocol: not with db_hosts" "and -n says why"

# --- the relay down: nothing lost, nothing sent twice ------------------
kill "$SMTP_PID"
wait "$SMTP_PID" 2>/dev/null
file "$PE"
R2=$R
decide "$R2" accept
is "$(nnotes "$R2")" 2 "two more e-mails due"
notify
is "$(sql "SELECT COUNT(*) FROM notification WHERE receipt_code = '$R2' AND state = 'pending' AND attempts = 1 AND next_at > NOW()")" \
    2 "the relay down: both pending, tried once, due later"
is "$(sql "SELECT COUNT(*) FROM notification_delivery d JOIN notification n ON n.id = d.notification_id WHERE n.receipt_code = '$R2' AND d.result = 'temporary_failure' AND d.detail = 'smtp connect'")" \
    2 "each attempt recorded"
sql "UPDATE notification SET next_at = NOW() WHERE state = 'pending'"
notify
is "$(sql "SELECT GROUP_CONCAT(attempts) FROM notification WHERE receipt_code = '$R2' AND state = 'pending'")" \
    "2,2" "still down: tried twice, still pending"
n_before=$(wc -l < "$T_TMP/mails")
start_smtp
ok $? "the relay is back"
sql "UPDATE notification SET next_at = NOW() WHERE state = 'pending'"
notify
is "$(wc -l < "$T_TMP/mails")" $((n_before + 2)) "both arrived"
is "$(mids | uniq -d)" "" "no e-mail twice"
is "$(sql "SELECT GROUP_CONCAT(CONCAT(state, ' ', attempts)) FROM notification WHERE receipt_code = '$R2'")" \
    "sent 3,sent 3" "marked sent on the third attempt"
sql "UPDATE notification SET next_at = NOW() WHERE state = 'pending'"
notify
is "$(wc -l < "$T_TMP/mails") $(wc -l < "$T_TMP/sms")" "$((n_before + 2)) $NS" \
    "a second run sends nothing more"
is "$(sql "SELECT COUNT(*) FROM notification WHERE state = 'pending'")" 0 "nothing left pending"
unlike "$(cat "$T_TMP/notify.log")" "@example|\+8490|$PE|$PS" "the log names no address or person"
like "$(cat "$T_TMP/notify.log")" "notification $ID1 email: sent" "one line per delivery"

kill "$SMTP_PID" "$HTTP_PID"
wait "$SMTP_PID" "$HTTP_PID" 2>/dev/null
t_done
