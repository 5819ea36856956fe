# A citizen's flows in a real browser, with script on and off, in
# Vietnamese and English (tests/browser/flows.py): a confirmation asked
# for and opened; a temporary residence registration filed with a field
# wrong, corrected and filed (told by e-mail, as chosen on the contact
# page); the official accepts and approves it from
# the queue; the citizen sees the result and tracks it; then the e-mails
# of each step arrive (motcua-notify, a real SMTP server).  axe-core
# checks every page seen, and the public pages below, for serious or
# critical WCAG violations.  Screenshots and axe's findings are kept as
# artifacts.
. "$top_srcdir/tests/lib.sh"

art=$(artifacts browser)
O=$(official 2)
OC=$(sql "SELECT commune_code FROM official WHERE username = '$O'")
P=$(sql "SELECT c.pid FROM citizen c JOIN residence r ON r.citizen_id = c.id WHERE r.kind = 'permanent' AND r.valid_to IS NULL AND r.commune_code = '$OC' AND NOT EXISTS (SELECT 1 FROM residence t WHERE t.citizen_id = c.id AND t.kind = 'temporary') AND c.death_date IS NULL ORDER BY c.id LIMIT 1 OFFSET 3")
can_sign_on "$P"
PID_ID=$(sql "SELECT id FROM citizen WHERE pid = '$P'")
http POST /residence/official/lookup -u "$O:demo" -H 'Accept: application/json' \
    -d "pid=$P" --data-urlencode "purpose=Kiểm tra thông tin cư trú"
is "$STATUS" 200 "the official looks the citizen up (for who read my data)"
axe=${MOTCUA_AXE:-/opt/motcua-tests/node_modules/axe-core/axe.min.js}
ok "$([ -s "$axe" ]; echo $?)" "axe-core is installed (tests/install-deps)"

# public pages to check too: an expired confirmation, a void one, an
# error, a civil confirmation and extract, the tracking form
E=$(citizen 11)
http POST /residence/citizen/confirmations -u "$E:demo" -H 'Accept: application/json' \
    --data-urlencode "idempotency_key=$(newkey)"
EC=$(json verification_code)
sql "UPDATE confirmation SET expires_at = NOW() - INTERVAL 1 DAY WHERE code = '$EC'"
W=$(living_with 41 single M 20)
can_sign_on "$W"
http POST /civil/citizen/confirmations -u "$W:demo" -H 'Accept: application/json' \
    --data-urlencode "idempotency_key=$(newkey)" --data-urlencode "purpose=employment"
MC=$(json verification_code)
extra=("$BASE/residence/confirmations/$EC" "$BASE/residence/confirmations/NOPE"
    "$BASE/civil/confirmations/$MC" "$BASE/tracking/dossiers/000.00.15.H26-010101-0001"
    "http://$O:demo@${BASE#http://}/residence/official/lookup" "$BASE/" "$BASE/en/")

MOTCUA_EMAIL=b$PID_ID@example.org \
MOTCUA_BIRTH_YEAR=$(sql "SELECT YEAR(birth_date) FROM citizen WHERE pid = '$P'") \
    timeout 900 /usr/bin/python3 "$top_srcdir/tests/browser/flows.py" "$BASE" "$P" "$O" demo \
    "$OC" "$axe" "$art" "${extra[@]}" 2> "$T_TMP/flows.err"
rc=$?
ok "$rc" "the flows ran to their end"
[ "$rc" = 0 ] || sed 's/^/# /' "$T_TMP/flows.err" | tail -20
is "$(sql "SELECT COUNT(*) FROM dossier d JOIN citizen c ON c.id = d.applicant_id WHERE c.pid = '$P' AND d.procedure_code = '1.004194'")" 4 \
    "one temporary registration per flow, none for the refused posts"
mapfile -t R < "$art/receipts"
is "${#R[@]}" 4 "four receipts filed"
is "$(sql "SELECT COUNT(*) FROM dossier WHERE state = 'result_issued' AND receipt_code IN ('$(IFS=,; echo "${R[*]}" | sed "s/,/','/g")')")" 4 \
    "each one decided in the browser: result issued"

# --- the notifications of each step arrive, once each
SP=$(unused_port 25350)
: > "$T_TMP/mails"
/usr/bin/python3 "$top_srcdir/tests/smtp-sink.py" "$SP" "$T_TMP/mails" 2> "$T_TMP/smtp.err" &
SMTP_PID=$!
wait_port "$SP"
ok $? "the SMTP server listens"
sed -e "s|^smtp_port = .*|smtp_port = $SP|" "$MOTCUA_CNF" > "$T_TMP/motcua.cnf"
chmod 0600 "$T_TMP/motcua.cnf"
"$top_builddir/modules/tools/motcua-notify" -c "$T_TMP/motcua.cnf" --once 2> "$T_TMP/notify.log"
ok $? "motcua-notify --once"
kill "$SMTP_PID"
wait "$SMTP_PID" 2> /dev/null
for r in "${R[@]}"; do
	got=$(jq -r "select(.to[0] == \"b$PID_ID@example.org\") | .subject" "$T_TMP/mails" |
	    grep -F "$r" | sed "s/.*: //" | LC_ALL=C sort | tr '\n' '|')
	is "$got" "Đang giải quyết|Đã phê duyệt|Đã tiếp nhận|Đã trả kết quả|" \
	    "$r: one e-mail for each step, in words"
done
t_done
