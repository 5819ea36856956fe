# What the gateway keeps of messages.  A POST without a client certificate
# is refused with client_unverified before its body is read, and leaves no
# exchange_message row (only a log line with nothing from the request).
# Messages and their stored answers are deleted after
# message_retention_days; a replay within the retention still gets the
# stored answer.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/integration/exchange-lib.sh"

P='Xét duyệt hồ sơ bảo hiểm y tế'
RUN=$(date +%s)$$
SEQ=0
IFS=$'\t' read -r A A_COMMUNE < <(sql "
    SELECT c.pid, r.commune_code FROM citizen c
    JOIN residence r ON r.citizen_id = c.id
    WHERE r.kind = 'permanent' AND r.valid_to IS NULL AND c.id > 1000
    ORDER BY c.id LIMIT 1 OFFSET 23")
# vr ID [NAME-BYTES]: a VerifyResidenceRequest, its HoVaTen NAME-BYTES long
vr() {
	printf '<?xml version="1.0" encoding="UTF-8"?>\n<VerifyResidenceRequest xmlns="%s"><MaYeuCau>%s</MaYeuCau><MucDich>%s</MucDich><SoDinhDanh>%s</SoDinhDanh>' \
	    "$NS" "$1" "$P" "$A"
	[ -z "${2:-}" ] || { printf '<HoVaTen>'; head -c "$2" /dev/zero | tr '\0' a; printf '</HoVaTen>'; }
	printf '<MaXa>%s</MaXa></VerifyResidenceRequest>\n' "$A_COMMUNE"
}
newid() { SEQ=$((SEQ + 1)); ID="ms$RUN-$SEQ"; }

# --- no client certificate ----------------------------------------------------

newid
vr "$ID" 8000000 > "$T_TMP/big.xml"
for ep in xml soap; do
	m=$(mlog)
	STATUS=$(ex_curl none -o "$T_TMP/anon.$ep" -w '%{http_code}' \
	    -H 'Content-Type: text/xml' --data-binary "@$T_TMP/big.xml" \
	    "$TLSBASE/exchange/v1/$ep")
	RESP=$T_TMP/anon.$ep
	[ $ep = soap ] && want=500 || want=403
	is "$STATUS $(xv MaLoi)" "$want client_unverified" \
	    "no certificate, 8 MB body ($ep): refused with client_unverified"
	is "$(mlog)" "$m" "no certificate ($ep): no exchange_message row"
done
is "$(sql "SELECT COUNT(*) FROM exchange_message WHERE message_id = '$ID'")" 0 \
    "no certificate: the message id appears nowhere in exchange_message"

# the module itself, without a web server: the refusal comes while the
# client still withholds the body it announced
use_module_sock exchange
mkfifo "$T_TMP/body"
( exec 3> "$T_TMP/body"; printf '<VerifyResidenceRequest' >&3; sleep 30 ) &
writer=$!
for v in "" NONE "FAILED:certificate has expired"; do
	# (the FIFO is opened under the timeout too: with the writer gone,
	# opening it would block)
	V=$v timeout 20 sh -c 'exec env -i REQUEST_METHOD=POST \
	    DOCUMENT_URI=/exchange/v1/xml CONTENT_TYPE=text/xml \
	    CONTENT_LENGTH=8000000 ${V:+SSL_CLIENT_VERIFY="$V"} \
	    cgi-fcgi -bind -connect "$1" < "$2"' sh "$MODSOCK" "$T_TMP/body" \
	    > "$T_TMP/early" 2>&1
	sed '1,/^\r\{0,1\}$/d' "$T_TMP/early" > "$T_TMP/early.xml"
	is "$(sed -n 's/^Status: \([0-9]*\).*/\1/p' "$T_TMP/early" | tr -d '\r') $(xv MaLoi "$T_TMP/early.xml")" \
	    "403 client_unverified" \
	    "module, verdict '${v:-unset}', 8 MB announced, 23 bytes sent: refused without waiting for the body"
done
kill -0 "$writer" 2> /dev/null
ok $? "the client was still withholding the body when the answers came"
kill "$writer" 2> /dev/null
wait "$writer" 2> /dev/null
# a verified client is still read and answered
newid
vr "$ID" > "$T_TMP/ok.xml"
out=$(ex_fcgi "$MODSOCK" "$T_TMP/ok.xml")
like "$out" 'KetQua>yes<' "module: a verified client's message is read and answered"

# --- retention ------------------------------------------------------------------

# a private instance, so that its first message purges at once
SOCK=$T_TMP/ret.sock
sed -e '/^\[exchange\]/a message_retention_days = 30' "$MOTCUA_CNF" > "$T_TMP/ret.cnf"
BIN=$top_builddir/modules/exchange/exchange.fcgi
"$BIN" -n -c "$T_TMP/ret.cnf" > /dev/null 2>&1
ok $? "-n accepts message_retention_days"
sed -e '/^\[exchange\]/a message_retention_days = 0' "$MOTCUA_CNF" > "$T_TMP/bad.cnf"
"$BIN" -n -c "$T_TMP/bad.cnf" > /dev/null 2>&1
is $? 1 "-n refuses message_retention_days = 0"
ask() {	# ask FILE: as bhxh to the private instance; the answer's body in $T_TMP/ask.xml
	ex_fcgi "$SOCK" "$1" | sed '1,/^\r\{0,1\}$/d' > "$T_TMP/ask.xml"
}
# messages answered now, then aged: 31 days (past), 29 days (within)
newid; OLD=$ID; vr "$OLD" > "$T_TMP/old.xml"
newid; YOUNG=$ID; vr "$YOUNG" > "$T_TMP/young.xml"
newid; NOW=$ID; vr "$NOW" > "$T_TMP/now.xml"
for f in old young; do
	ex_curl bhxh -o "$T_TMP/$f.first" -H 'Content-Type: text/xml' \
	    --data-binary "@$T_TMP/$f.xml" "$TLSBASE/exchange/v1/xml"
done
# a refusal's row too (another purpose), and a backlog of old rows
sql "UPDATE exchange_message SET received_at = NOW(3) - INTERVAL 31 DAY WHERE message_id = '$OLD'"
sql "UPDATE exchange_message SET received_at = NOW(3) - INTERVAL 29 DAY WHERE message_id = '$YOUNG'"
sql "INSERT INTO exchange_message (client_id, subject_dn, service, message_id, wire, received_at, request_sha256, outcome, http_status, response)
     SELECT 1, 'CN=x', 'VerifyResidence', CONCAT('$RUN-aged-', seq), 'xml', NOW(3) - INTERVAL 40 DAY, REPEAT('0', 64), 'answered', 200, 'stored answer'
     FROM seq_1_to_1200"
is "$(sql "SELECT COUNT(*) FROM exchange_message WHERE received_at < NOW(3) - INTERVAL 30 DAY")" \
    "$(sql "SELECT 1201 + 0")" "1,201 messages older than 30 days (one answered, 1,200 aged)"
before_young=$(sql "SELECT COUNT(*) FROM exchange_message WHERE received_at >= NOW(3) - INTERVAL 30 DAY")
"$BIN" -f -c "$T_TMP/ret.cnf" --listen "$SOCK" --workers 1 2> "$T_TMP/ret.log" &
echo $! > "$T_TMP/ret.pid"
for i in $(seq 100); do [ -S "$SOCK" ] && break; sleep 0.1; done
# each message purges a slice of 500 while a backlog remains: three do it
for i in 1 2 3; do
	newid; vr "$ID" > "$T_TMP/m$i.xml"; ask "$T_TMP/m$i.xml"
done
is "$(sql "SELECT COUNT(*) FROM exchange_message WHERE received_at < NOW(3) - INTERVAL 30 DAY")" 0 \
    "after three messages: no message older than the retention is left"
is "$(sql "SELECT COUNT(*) FROM exchange_message WHERE message_id = '$OLD'")" 0 \
    "the 31-day-old message and its stored answer are gone"
is "$(sql "SELECT COUNT(*), SUM(response IS NOT NULL) FROM exchange_message WHERE message_id = '$YOUNG'")" \
    "$(printf '1\t1')" "the 29-day-old message and its stored answer stay"
is "$(sql "SELECT COUNT(*) FROM exchange_message WHERE received_at >= NOW(3) - INTERVAL 30 DAY")" \
    "$((before_young + 3))" "every message within the retention stays"
# a replay within the retention: the stored answer, byte for byte
ask "$T_TMP/young.xml"
cmp -s "$T_TMP/young.first" "$T_TMP/ask.xml"
ok $? "a replay of the 29-day-old message: the stored answer"
is "$(sql "SELECT outcome FROM exchange_message WHERE message_id = '$YOUNG' ORDER BY id" | tr '\n' ' ')" \
    "answered replayed " "the replay is logged as replayed"
# past the retention the message id is free again: answered anew
ask "$T_TMP/old.xml"
is "$(xv KetQua "$T_TMP/ask.xml") $(sql "SELECT outcome FROM exchange_message WHERE message_id = '$OLD'")" \
    "yes answered" "the purged message's id, sent again: answered as a new message"
# the purge again, with nothing to do: nothing else goes
n=$(mlog)
newid; vr "$ID" > "$T_TMP/m4.xml"; ask "$T_TMP/m4.xml"
is "$(mlog)" $((n + 1)) "with nothing past the retention, a message deletes nothing"
kill -TERM "$(cat "$T_TMP/ret.pid")"
wait "$(cat "$T_TMP/ret.pid")" 2> /dev/null
rm -f "$T_TMP/ret.pid"
unlike "$(cat "$T_TMP/ret.log")" 'purge failed' "the purge never failed"
t_done
