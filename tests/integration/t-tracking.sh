# Tracking (tra cứu): dossier status by receipt code and birth year (or
# full birth date), posted in a form body, with its throttle; an
# official's queue and figures; the citizen's own record of who read
# their data.
. "$top_srcdir/tests/lib.sh"

J='Accept: application/json'
# strip_id JSON: the answer without its request ids (compact; not JSON:
# the text itself, marked)
strip_id() {
	printf '%s' "$1" | jq -c 'del(.. | .request_id?)' 2>/dev/null ||
	    printf 'not JSON: %s' "$1"
}
# item KEY VALUE: the first entry of $BODY that starts with KEY and whose
# KEY is VALUE (a queue entry starts with its receipt code, a figure with
# its procedure code), compact
item() {
	printf '%s' "$BODY" | jq -c --arg k "$1" --arg v "$2" \
	    'first(.. | objects | select(keys_unsorted[0] == $k and .[$k] == $v))' \
	    2>/dev/null
}
# field NAME OBJECT: a scalar of the JSON object OBJECT, unquoted
field() {
	printf '%s' "$2" | jq -r --arg k "$1" \
	    'if has($k) then .[$k] | scalars else empty end' 2>/dev/null
}
# nkeys KEY: how many objects of $BODY have KEY
nkeys() {
	printf '%s' "$BODY" | jq --arg k "$1" '[.. | objects | select(has($k))] | length'
}
# track N RECEIPT [curl args...]: POST to the status of RECEIPT from the
# client address 127.0.0.N (the web server's REMOTE_ADDR), JSON unless an
# Accept is given; the factor goes in with --data-urlencode
track() {
	local a=$1 r=$2
	shift 2
	case "$*" in *Accept:*) ;; *) set -- -H "$J" "$@" ;; esac
	http POST "/tracking/dossiers/$r" --interface "127.0.0.$a" "$@"
}
# fails RECEIPT FACTOR CLIENT: the failures counted ('' for all clients)
fails() {
	sql "SELECT failures FROM tracking_failure WHERE receipt_code = '$1' AND factor = '$2' AND client = '$3'"
}
retry_after() { printf '%s' "$HEADERS" | sed -n 's/^Retry-After: \([0-9]*\).*/\1/p'; }

# --- status of a confirmation issued through the residence module ------
P=$(citizen 101)
http POST /residence/citizen/confirmations -u "$P:demo" -H "$J" \
    --data-urlencode "idempotency_key=$(newkey)"
is "$STATUS" 201 "a confirmation of residence is issued"
R=$(json receipt_code)
Y=$(sql "SELECT YEAR(birth_date) FROM citizen WHERE pid = '$P'")
D=$(sql "SELECT birth_date FROM citizen WHERE pid = '$P'")
NAME=$(sql "SELECT full_name FROM citizen WHERE pid = '$P'")
track 1 "$R" --data-urlencode "birth_year=$Y"
is "$STATUS" 200 "status with the right birth year: 200"
is "$(json receipt_code)" "$R" "the receipt code"
is "$(json procedure_code)" 1.010041 "the procedure code"
is "$(json procedure)" "Xác nhận thông tin về cư trú" "the procedure's name"
is "$(json state)" result_issued "the state"
is "$(json state_vi)" "Đã trả kết quả" "the state in Vietnamese"
like "$(json completed_at)" '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}$' \
    "completed_at"
like "$BODY" '"overdue":false' "not overdue"
like "$BODY" '"history":\[\{"at":"[^"]*","to_state":"submitted".*\},\{"at":"[^"]*","from_state":"submitted",[^]]*"to_state":"result_issued"' \
    "the history, oldest first"
unlike "$BODY" "$P" "no personal number"
unlike "$BODY" "$NAME" "no applicant's name"
unlike "$BODY" 'birth|address|commune|actor|"system"|citizen|online request' \
    "no residence data, actors or internal reasons"
json_year=$BODY
track 1 "$R" -H 'Accept: text/html' --data-urlencode "birth_year=$Y"
like "$BODY" '<h1>Tình trạng hồ sơ</h1>' "HTML for a browser"
like "$BODY" '<h2>Quá trình xử lý</h2>' "with the history as a table"
track 1 "$R" -H 'Accept: application/xml' --data-urlencode "birth_year=$Y"
printf '%s' "$BODY" | xmllint --noout - 2>/dev/null
ok $? "the XML answer is well-formed"
like "$BODY" '<history><event><at>' "XML history"
track 1 "$R" --data-urlencode "birth_date=$D"
is "$STATUS" 200 "the full birth date instead of the year: 200"
is "$(strip_id "$BODY")" "$(strip_id "$json_year")" "the same answer"
track 1 "$R" --data-urlencode "birth_date=$D" --data-urlencode "birth_year=$Y"
is "$STATUS" 200 "both, agreeing: 200"
is "$(sql "SELECT COUNT(*) FROM tracking_failure WHERE receipt_code = '$R'")" 0 \
    "right factors, no failure counted: read without a lock row written"
track 1 "$R" --data-urlencode "birth_date=$D" \
    --data-urlencode "birth_year=$((Y + 1))"
is "$STATUS" 422 "a year that contradicts the date: 422"
like "$BODY" '"name":"birth_year","reason":"birth_year_date_mismatch"' \
    "birth_year_date_mismatch"

# --- the factor travels in a body, never in a URL -----------------------
http GET "/tracking/dossiers/$R"
is "$STATUS" 200 "the form page: 200"
like "$BODY" "<form method=\"post\" action=\"/tracking/dossiers/$R\">" \
    "a plain form that posts to the status"
like "$BODY" 'name="birth_year"' "asking the birth year"
like "$BODY" 'name="birth_date"' "or the full birth date"
unlike "$BODY" '<script' "no script needed"
http GET "/tracking/dossiers/$R" -H "$J"
is "$(json method)" POST "a script is told to POST"
is "$(json action)" "/tracking/dossiers/$R" "and where"
before=$(sql "SELECT COALESCE(SUM(failures), 0) FROM tracking_failure WHERE receipt_code = '$R'")
http GET "/tracking/dossiers/$R?birth_year=$Y" -H "$J"
is "$STATUS" 400 "the birth year in the query string is refused: 400"
is "$(json error code)" secret_in_query "code secret_in_query"
like "$BODY" '"message_en":"[^"]*POST' "telling the caller to POST it"
like "$BODY" '"message_vi":"[^"]*POST' "in Vietnamese too"
like "$BODY" '"fields":\[\{"name":"birth_year","reason":"use_post"\}\]' \
    "naming the field"
unlike "$BODY" '"state"|result_issued' "and no status"
http GET "/tracking/dossiers/$R?birth_date=$D"
is "$STATUS" 400 "the birth date in the query string, HTML: 400"
like "$BODY" 'POST' "the page says to POST it"
unlike "$BODY" 'Quá trình xử lý' "and shows no status"
http GET "/tracking/dossiers/$R?birth_year=$((Y + 1))" -H "$J"
is "$STATUS" 400 "a wrong year in the query string: the same 400"
is "$(sql "SELECT COALESCE(SUM(failures), 0) FROM tracking_failure WHERE receipt_code = '$R'")" \
    "$before" "a refused query string is not looked at, nor counted"

# --- wrong factor, unknown code: one and the same 404 ----------------------
track 1 "$R" --data-urlencode "birth_year=$((Y + 1))"
is "$STATUS" 404 "wrong birth year: 404"
wrong=$(strip_id "$BODY")
UNKNOWN=000.00.15.H26-991231-$((RANDOM % 90000 + 10000))
track 1 "$UNKNOWN" --data-urlencode "birth_year=$Y"
is "$STATUS" 404 "unknown receipt code: 404"
is "$(strip_id "$BODY")" "$wrong" "the same answer for both"
track 1 not-a-code --data-urlencode "birth_year=$Y"
is "$STATUS" 404 "malformed receipt code: 404"
is "$(strip_id "$BODY")" "$wrong" "the same answer again"
track 1 "$R" --data-urlencode "birth_date=$(date -d "$D + 1 day" +%F)"
is "$STATUS" 404 "wrong birth date: 404"
is "$(strip_id "$BODY")" "$wrong" "the same answer once more"
track 1 "$R" -d ''
is "$STATUS" 422 "no birth year: 422"
for y in 19x3 1899 2101 "$Y'--" 019830; do
	track 1 "$R" --data-urlencode "birth_year=$y"
	is "$STATUS" 422 "birth year '$y' refused: 422"
done
track 1 "$R" --data-urlencode "birth_date=$Y-02-30"
is "$STATUS" 422 "a birth date that is no date: 422"
is "$(fails "$R" year 127.0.0.1) $(fails "$R" year '')" "1 1" \
    "a wrong year counts against the address and the code"
is "$(fails "$R" date '')" 1 "a wrong date against the code, apart"
track 1 "$R" --data-urlencode "birth_year=$Y"
is "$STATUS" 200 "the right year after one wrong: 200"
is "$(fails "$R" year 127.0.0.1) $(fails "$R" year '')" "0 0" \
    "and the count is reset"

# --- throttle: one address guessing slows itself only -----------------------
P2=$(citizen 102)
http POST /residence/citizen/confirmations -u "$P2:demo" -H "$J" \
    --data-urlencode "idempotency_key=$(newkey)"
R2=$(json receipt_code)
Y2=$(sql "SELECT YEAR(birth_date) FROM citizen WHERE pid = '$P2'")
D2=$(sql "SELECT birth_date FROM citizen WHERE pid = '$P2'")
for i in 1 2 3; do
	track 1 "$R2" --data-urlencode "birth_year=$((Y2 - i))"
	is "$STATUS" 404 "wrong year $i: 404"
done
is "$(fails "$R2" year 127.0.0.1)" 3 "three failures counted"
track 1 "$R2" --data-urlencode "birth_year=$((Y2 - 4))"
is "$STATUS" 429 "then the guesser gets 429"
like "$HEADERS" 'Retry-After: [12]' "with Retry-After"
is "$(json error code)" too_many_attempts "code too_many_attempts"
is "$(fails "$R2" year 127.0.0.1)" 3 "an attempt while waiting is not counted"
# while an address waits its years are not looked at: a right one
# answered there would tell the guesser what a 404 tells
track 1 "$R2" --data-urlencode "birth_year=$Y2"
is "$STATUS" 429 "the waiting address's years are not looked at: 429"
track 2 "$R2" --data-urlencode "birth_year=$Y2"
is "$STATUS" 200 "the right year from another address: 200, not locked out"
track 1 "$R2" --data-urlencode "birth_date=$D2"
is "$STATUS" 200 "the same address is still served with the full birth date"
# the wait has passed; a fourth wrong year doubles it
sql "UPDATE tracking_failure SET last_at = NOW() - INTERVAL 10 SECOND WHERE receipt_code = '$R2'"
track 1 "$R2" --data-urlencode "birth_year=$((Y2 - 4))"
is "$STATUS" 404 "after the wait a wrong year is answered again: 404"
track 1 "$R2" --data-urlencode "birth_year=$Y2"
is "$STATUS" 429 "then the wait is longer"
like "$HEADERS" 'Retry-After: [23]' "2 seconds after four failures"
# at most five minutes
sql "UPDATE tracking_failure SET failures = 40, last_at = NOW() WHERE receipt_code = '$R2' AND client = '127.0.0.1'"
track 1 "$R2" --data-urlencode "birth_year=$Y2"
ra=$(retry_after)
is "$((ra >= 299 && ra <= 301))" 1 "the wait is capped at five minutes ($ra s)"
track 2 "$R2" --data-urlencode "birth_year=$Y2"
is "$STATUS" 200 "meanwhile another address is served"
sql "UPDATE tracking_failure SET last_at = NOW() - INTERVAL 302 SECOND WHERE receipt_code = '$R2'"
track 1 "$R2" --data-urlencode "birth_year=$Y2"
is "$STATUS" 200 "after the wait, the right year: 200"
is "$(fails "$R2" year 127.0.0.1)" 0 "the count is reset"
track 1 "$R2" --data-urlencode "birth_year=$((Y2 - 1))"
is "$STATUS" 404 "counting starts again from one"
is "$(fails "$R2" year 127.0.0.1)" 1 "one"
# day-old rows are purged as new failures come, so guesses cannot grow the
# table without bound
sql "INSERT INTO tracking_failure (receipt_code, factor, client, failures, last_at) VALUES ('X-000101-0001', 'year', '', 9, NOW() - INTERVAL 2 DAY), ('X-000101-0001', 'year', '192.0.2.7', 9, NOW() - INTERVAL 25 HOUR), ('X-000101-0003', 'date', '', 9, NOW() - INTERVAL 2 DAY), ('X-000101-0002', 'year', '192.0.2.7', 9, NOW() - INTERVAL 2 HOUR)"
track 1 "$R2" --data-urlencode "birth_year=$((Y2 - 2))"
is "$(sql "SELECT GROUP_CONCAT(receipt_code ORDER BY receipt_code) FROM tracking_failure WHERE receipt_code LIKE 'X-%'")" \
    "X-000101-0002" "a failure purges day-old rows and keeps recent ones"
# unknown codes are throttled alike, so the throttle tells nothing either
U2=000.00.15.H26-991230-$((RANDOM % 90000 + 10000))
for i in 1 2 3; do
	track 1 "$U2" --data-urlencode "birth_year=$Y2"
done
track 1 "$U2" --data-urlencode "birth_year=$Y2"
is "$STATUS" 429 "an unknown code is throttled like a known one"

# --- throttle: attempts per code are bounded across all addresses -----------
P3=$(citizen 103)
http POST /residence/citizen/confirmations -u "$P3:demo" -H "$J" \
    --data-urlencode "idempotency_key=$(newkey)"
R3=$(json receipt_code)
Y3=$(sql "SELECT YEAR(birth_date) FROM citizen WHERE pid = '$P3'")
D3=$(sql "SELECT birth_date FROM citizen WHERE pid = '$P3'")
# ten wrong years from four addresses (each below its own limit of three
# but the last)
n=0
for a in 11 12 13 14; do
	for i in 1 2 3; do
		[ $n -ge 10 ] && break
		n=$((n + 1))
		track "$a" "$R3" --data-urlencode "birth_year=$((Y3 - n))"
		[ "$STATUS" = 404 ] || echo "# guess $n from 127.0.0.$a: $STATUS"
	done
done
is "$(fails "$R3" year '')" 10 "ten wrong years from four addresses"
track 20 "$R3" --data-urlencode "birth_year=$((Y3 + 1))"
is "$STATUS" 429 "then a fresh address's guess is not looked at: 429"
ra=$(retry_after)
is "$((ra >= 1 && ra <= 300))" 1 "with Retry-After of minutes at most ($ra s)"
track 20 "$R3" --data-urlencode "birth_year=$Y3"
is "$STATUS" 429 "nor the right year: the year is closed for the code"
is "$(fails "$R3" year '')" 10 "attempts while closed are not counted"
track 20 "$R3" --data-urlencode "birth_date=$D3"
is "$STATUS" 200 "the applicant is still served with the full birth date"
# the date has its own bound across addresses
for i in $(seq 1 10); do
	track $((20 + i)) "$R3" \
	    --data-urlencode "birth_date=$(date -d "$D3 + $i day" +%F)"
done
is "$(fails "$R3" date '')" 10 "ten wrong dates from ten addresses"
track 40 "$R3" --data-urlencode "birth_date=$D3"
is "$STATUS" 429 "then the date too is closed for the code"
ra=$(retry_after)
is "$((ra >= 1 && ra <= 300))" 1 "for minutes at most ($ra s)"
sql "UPDATE tracking_failure SET last_at = NOW() - INTERVAL 302 SECOND WHERE receipt_code = '$R3'"
track 40 "$R3" --data-urlencode "birth_year=$Y3"
is "$STATUS" 200 "after the wait the right year is served again"
is "$(fails "$R3" year '')" 0 "and the code's count is reset"
# a code guessed at for long waits five minutes between guesses from all
# addresses together: about 30 evaluated wrong years in the first hour
# (10 free, 9 as the wait doubles to 256 s, then one per 300 s), 12 an
# hour after; checked against the rule, not the clock
sql "UPDATE tracking_failure SET failures = 22, last_at = NOW() WHERE receipt_code = '$R3' AND factor = 'year' AND client = ''"
track 41 "$R3" --data-urlencode "birth_year=$Y3"
ra=$(retry_after)
is "$((ra >= 299 && ra <= 301))" 1 "a long-guessed code waits five minutes per guess ($ra s)"
sql "UPDATE tracking_failure SET failures = 0 WHERE receipt_code = '$R3'"

# a burst of parallel guesses from thirty addresses: they queue on the
# code's count, so no more are looked at than it allows
P4=$(citizen 104)
http POST /residence/citizen/confirmations -u "$P4:demo" -H "$J" \
    --data-urlencode "idempotency_key=$(newkey)"
R4=$(json receipt_code)
Y4=$(sql "SELECT YEAR(birth_date) FROM citizen WHERE pid = '$P4'")
for a in $(seq 50 79); do
	curl -s -o /dev/null -w '%{http_code}\n' --interface "127.0.0.$a" \
	    -H "$J" --data-urlencode "birth_year=$((1900 + (Y4 - 1900 + a - 49) % 201))" \
	    "$BASE/tracking/dossiers/$R4" > "$T_TMP/burst.$a" &
done
wait
codes=$(cat "$T_TMP"/burst.* | sort | uniq -c | awk '{print $2 "x" $1}' | tr '\n' ' ')
n404=$(cat "$T_TMP"/burst.* | grep -c '^404$')
n429=$(cat "$T_TMP"/burst.* | grep -c '^429$')
is "$((n404 + n429))" 30 "every guess of the burst is answered 404 or 429 ($codes)"
is "$(fails "$R4" year '')" "$n404" "each one looked at is counted, none slips through"
# ten free, and at most a wait or two ending while the burst lasts
is "$((n404 >= 10 && n404 <= 12))" 1 "about ten looked at of thirty ($n404)"
track 90 "$R4" --data-urlencode "birth_year=$Y4"
is "$STATUS" 429 "the year is then closed for the code"

# --- no log line holds the factor ---------------------------------------
# (everything about $R2 and $R3 went in bodies; the refused query strings
# above were about $R)
# motcua's own access log (nginx or Apache) shows the receipt codes
f=$STACK_DIR/log/motcua-access.log
lines=$(grep -E -e "$R2|$R3" "$f" 2> /dev/null)
like "$lines" "dossiers/($R2|$R3)" "$(basename "$f") has lines about the codes"
# what of a line comes from the request: its method and path, and the user
# agent (the time, status, sizes, duration and request id are the server's
# own numbers, and one may equal a year by chance)
said=$(printf '%s\n' "$lines" | sed -E 's/^[^"]*("[^"]*")[^"]*("[^"]*").*/\1 \2/')
like "$said" '^"POST /tracking/dossiers/' "(the request's part of each line)"
unlike "$said" "birth_|$D2|$D3|(^|[^0-9])($Y2|$Y3)([^0-9]|$)" \
    "$(basename "$f") holds no birth year or date sent in a body"
# the module's request log masks the path's captures altogether
# (under mod_fcgid the module writes to Apache's error log)
modlog=$STACK_DIR/log/tracking.log
[ -f "$modlog" ] || modlog=$STACK_DIR/log/apache-error.log
lines=$(grep -F 'path="/tracking/dossiers/*"' "$modlog" 2> /dev/null |
    sed 's/req=[^ ]*//')
like "$lines" 'route=[a-z.]+ method=POST' "tracking.log has lines about status requests"
unlike "$lines" "birth_|$D2|$D3|(^|[^0-9])($Y2|$Y3)([^0-9]|$)|$R2|$R3" \
    "tracking.log holds no birth year or date, nor the codes"

# --- dossiers in various states, in the official's commune -----------------
O=$(official 1)
C=$(sql "SELECT commune_code FROM official WHERE username = '$O'")
OTHER=$(sql "SELECT code FROM admin_unit WHERE level = 'commune' AND valid_to IS NULL AND code <> '$C' ORDER BY code LIMIT 1")
A=$(sql "SELECT id FROM citizen ORDER BY id LIMIT 1 OFFSET 110")
AY=$(sql "SELECT YEAR(birth_date) FROM citizen WHERE id = $A")
APID=$(sql "SELECT pid FROM citizen WHERE id = $A")
ANAME=$(sql "SELECT full_name FROM citizen WHERE id = $A")
T=TRK.TEST-$(date +%y%m%d)
dossier() {	# dossier N PROCEDURE STATE COMMUNE DUE COMPLETED PAUSED
	sql "INSERT INTO dossier (receipt_code, agency, procedure_code, commune_code, applicant_id, channel, state, idempotency_key, submitted_at, due_at, completed_at, paused_at) VALUES ('$T-$1', 'TRK.TEST', '$2', '$4', $A, 'online', '$3', 'trk-$1', NOW() - INTERVAL 10 DAY, $5, $6, $7)"
}
event() {	# event N FROM TO ACTOR REASON
	sql "INSERT INTO dossier_event (dossier_id, from_state, to_state, actor, at, reason) SELECT id, $2, '$3', '$4', NOW(3) - INTERVAL 10 DAY + INTERVAL (SELECT COUNT(*) FROM dossier_event e WHERE e.dossier_id = d.id) HOUR, $5 FROM dossier d WHERE receipt_code = '$T-$1'"
}
stats() {	# stats [PROCEDURE]: open finished on_time rate, as the module must
	local where="commune_code = '$C'"
	[ $# -gt 0 ] && where="$where AND procedure_code = '$1'"
	sql "SELECT SUM(state IN ('submitted', 'accepted', 'supplement_requested')), SUM(completed_at IS NOT NULL), SUM(completed_at IS NOT NULL AND completed_at <= due_at), COALESCE(ROUND(100 * SUM(completed_at IS NOT NULL AND completed_at <= due_at) / NULLIF(SUM(completed_at IS NOT NULL), 0), 1), '-') FROM dossier WHERE $where" | tr '\t' ' '
}
# other tests may have dossiers in this commune: count from what was there
add() {	# add "O F T" "dO dF dT": the sums
	set -- $1 $2
	echo "$(($1 + $4)) $(($2 + $5)) $(($3 + $6))"
}
counts() { stats "$@" | cut -d' ' -f1-3 | sed 's/NULL/0/g'; }
B222=$(counts 1.004222)
B194=$(counts 1.004194)
B197=$(counts 1.004197)
SUPP='Thiếu giấy tờ chứng minh chỗ ở hợp pháp'
REJ='Không đủ điều kiện đăng ký thường trú tại chỗ ở này'
dossier 0001 1.004222 supplement_requested "$C" 'NOW() - INTERVAL 2 DAY' NULL 'NOW() - INTERVAL 3 DAY'
event 0001 NULL submitted citizen "'online request'"
event 0001 "'submitted'" accepted canbo.kin "'tiếp nhận tại quầy'"
event 0001 "'accepted'" supplement_requested canbo.kin "'$SUPP'"
dossier 0002 1.004194 accepted "$C" 'NOW() - INTERVAL 1 DAY' NULL NULL
dossier 0003 1.004222 submitted "$C" 'NOW() + INTERVAL 3 DAY' NULL NULL
dossier 0004 1.004222 rejected "$C" 'NOW() - INTERVAL 5 DAY' 'NOW() - INTERVAL 6 DAY' NULL
event 0004 NULL submitted citizen NULL
event 0004 "'submitted'" rejected canbo.kin "'$REJ'"
dossier 0005 1.004194 result_issued "$C" 'NOW() - INTERVAL 5 DAY' 'NOW() - INTERVAL 4 DAY' NULL
dossier 0006 1.003677 result_issued "$C" 'NOW() - INTERVAL 5 DAY' 'NOW() - INTERVAL 5 DAY' NULL
dossier 0007 1.004197 approved "$C" 'NOW() + INTERVAL 1 DAY' NULL NULL
dossier 0008 1.004222 submitted "$OTHER" 'NOW() - INTERVAL 9 DAY' NULL NULL

track 1 "$T-0001" --data-urlencode "birth_year=$AY"
is "$STATUS" 200 "status of a dossier awaiting a supplement"
is "$(json procedure)" "Đăng ký thường trú" "permanent residence registration"
is "$(json state_vi)" "Chờ bổ sung hồ sơ" "waiting for a supplement"
like "$BODY" '"paused":true,"overdue":false' "paused, so not overdue"
like "$BODY" "\"to_state\":\"supplement_requested\",[^}]*\"reason\":\"$SUPP\"" \
    "what to supplement is shown"
unlike "$BODY" 'canbo|online request|tiếp nhận tại quầy' \
    "no actor, no other event's reason"
unlike "$BODY" "$APID|$ANAME" "no applicant's number or name"
track 1 "$T-0002" --data-urlencode "birth_year=$AY"
like "$BODY" '"paused":false,"overdue":true' "past its due date: overdue"
track 1 "$T-0004" --data-urlencode "birth_year=$AY"
is "$(json state)" rejected "a rejected dossier"
like "$BODY" "\"to_state\":\"rejected\",[^}]*\"reason\":\"$REJ\"" \
    "the reason for the refusal is shown"
like "$BODY" '"overdue":false' "decided in time"
track 1 "$T-0005" --data-urlencode "birth_year=$AY"
like "$BODY" '"overdue":true' "finished late: overdue"
is "$(json procedure)" "Đăng ký tạm trú" "temporary residence registration"

# --- the official's queue ----------------------------------------------------
http GET /tracking/official/queue -u "$O:demo" -H "$J"
is "$STATUS" 200 "the queue: 200"
is "$(json commune_code)" "$C" "of the official's commune"
is "$(json commune)" "$(sql "SELECT full_name FROM admin_unit WHERE level = 'commune' AND code = '$C' AND valid_to IS NULL")" \
    "with its name"
got=$(printf '%s' "$BODY" | jq -r '.. | objects | .receipt_code? // empty' | tr '\n' ' ')
want=$(sql "SELECT receipt_code FROM dossier WHERE commune_code = '$C' AND state IN ('submitted', 'accepted', 'supplement_requested') ORDER BY due_at, id LIMIT 50" | tr '\n' ' ')
is "$got" "$want" "the open dossiers, soonest due first"
like "$got" "$T-0001 " "supplement requested: in the queue"
unlike "$got" "$T-000[45678]" "finished, approved and other communes' dossiers are not"
d2=$(item receipt_code "$T-0002")
like "$d2" '"state":"accepted".*"paused":false,"overdue":true' "overdue flagged"
like "$(item receipt_code "$T-0001")" '"paused":true,"overdue":false' \
    "paused flagged, not overdue"
like "$(item receipt_code "$T-0003")" '"overdue":false' "not yet due"
unlike "$BODY" "$APID|$ANAME" "the queue names no applicant"
shown() {	# shown OBJECT: open finished on_time rate, as answered
	local r
	r=$(field on_time_rate "$1")
	echo "$(field open "$1") $(field finished "$1") $(field on_time "$1") ${r:--}"
}
# the rate as a number: jq reads the answer's 100.0 as 100, and SQL's
# ROUND(.., 1) writes 100.0
rates() { awk '{ if ($4 != "-") $4 += 0; print }'; }
tot=$(json_text total)
is "$(shown "$tot")" "$(stats | rates)" "the commune's totals and on-time rate"
for p in 1.004222 1.004194 1.003677 1.004197; do
	is "$(shown "$(item procedure_code "$p")")" "$(stats "$p" | rates)" \
	    "figures for $p"
done
is "$(counts 1.004222)" "$(add "$B222" "2 1 1")" \
    "1.004222: two more open, one more finished on time"
is "$(counts 1.004194)" "$(add "$B194" "1 1 0")" \
    "1.004194: one more open, one more finished late"
is "$(counts 1.004197)" "$B197" \
    "an approved dossier is neither open nor finished"
http GET /tracking/official/queue -u "$O:demo"
like "$BODY" '<h1>Hồ sơ đang giải quyết</h1>' "HTML queue"
like "$BODY" '<dt>Hạn giải quyết</dt>' "each dossier with its due date"
like "$BODY" '<th scope="col">Giải quyết đúng hạn</th>' "the figures as a table"
http GET /tracking/official/queue -u "$O:demo" -H 'Accept: application/xml'
printf '%s' "$BODY" | xmllint --noout - 2>/dev/null
ok $? "the XML queue is well-formed"

# paging: 50 per page
sql "INSERT INTO dossier (receipt_code, agency, procedure_code, commune_code, applicant_id, channel, state, idempotency_key, submitted_at, due_at) SELECT CONCAT('$T-', 1000 + seq), 'TRK.TEST', '1.004194', '$C', $A, 'online', 'submitted', CONCAT('trk-p', seq), NOW(), NOW() + INTERVAL 30 DAY + INTERVAL seq MINUTE FROM seq_1_to_55"
open=$(sql "SELECT COUNT(*) FROM dossier WHERE commune_code = '$C' AND state IN ('submitted', 'accepted', 'supplement_requested')")
http GET /tracking/official/queue -u "$O:demo" -H "$J"
is "$(nkeys receipt_code)" 50 "50 on the first page"
is "$(json pages)" $(((open + 49) / 50)) "the number of pages"
http GET '/tracking/official/queue?page=2' -u "$O:demo" -H "$J"
is "$(json page)" 2 "page 2"
is "$(nkeys receipt_code)" $((open - 50)) \
    "the rest on the second page"
like "$BODY" "\"receipt_code\":\"$T-1055\"" "the latest due is last"
http GET '/tracking/official/queue?page=9' -u "$O:demo" -H "$J"
like "$BODY" '"dossiers":\[\]' "past the end: an empty page"
for pg in 0 -1 abc 1000001 01; do
	http GET "/tracking/official/queue?page=$pg" -u "$O:demo" -H "$J"
	is "$STATUS" 422 "page '$pg' refused: 422"
done

# only officials, only active ones
O2=$(official 2)
sql "UPDATE official SET active = 0 WHERE username = '$O2'"
http GET /tracking/official/queue -u "$O2:demo" -H "$J"
is "$STATUS" 403 "an inactive official: 403"
sql "UPDATE official SET active = 1 WHERE username = '$O2'"
http GET /tracking/official/queue -u "$O2:demo" -H "$J"
is "$STATUS" 200 "active again: 200"
is "$(json commune_code)" "$(sql "SELECT commune_code FROM official WHERE username = '$O2'")" \
    "another official sees their own commune"
unlike "$BODY" "$T-" "and none of the first commune's dossiers"
http GET /tracking/official/queue -u "$P:demo" -H "$J"
is "$STATUS" 401 "a citizen's sign-on is not an official's"
http GET /tracking/official/queue -H "$J"
is "$STATUS" 401 "no sign-on: 401"

# --- who read my data ----------------------------------------------------
# a citizen who can sign on and lives in the official's commune
V=$(sql "SELECT c.pid FROM (SELECT id, pid FROM citizen ORDER BY id LIMIT 2000) c JOIN residence r ON r.citizen_id = c.id WHERE r.commune_code = '$C' AND r.kind = 'permanent' AND r.valid_to IS NULL ORDER BY c.id LIMIT 1")
W=$(sql "SELECT c.pid FROM (SELECT id, pid FROM citizen ORDER BY id LIMIT 2000) c WHERE c.pid <> '$V' ORDER BY c.id DESC LIMIT 1")
like "$V" '^[0-9]{12}$' "a citizen living in the official's commune"
vid=$(sql "SELECT id FROM citizen WHERE pid = '$V'")
wid=$(sql "SELECT id FROM citizen WHERE pid = '$W'")
http GET /tracking/citizen/reads -u "$V:demo" -H "$J"
is "$STATUS" 200 "the reads list: 200"
n0=$(sql "SELECT COUNT(*) FROM access_log WHERE citizen_id = $vid")
is "$(json total)" "$n0" "counts every access-log row about them"
wn0=$(sql "SELECT COUNT(*) FROM access_log WHERE citizen_id = $wid")
all0=$(sql "SELECT COUNT(*) FROM access_log")
http GET /tracking/citizen/reads -u "$V:demo" -H "$J"
is "$(sql "SELECT COUNT(*) FROM access_log")" "$all0" \
    "reading one's own record is not logged"

PURPOSE="Giải quyết hồ sơ đăng ký tạm trú số $RANDOM$RANDOM"
http POST /residence/official/lookup -u "$O:demo" -H "$J" \
    --data-urlencode "pid=$V" --data-urlencode "purpose=$PURPOSE"
is "$STATUS" 200 "an official reads the citizen's residence"
MSG=TRK$(date +%s%N)
curl -s -o "$T_TMP/ex" --cacert "$TLS/ca.crt" --cert "$TLS/bhxh.crt" \
    --key "$TLS/bhxh.key" -H 'Content-Type: text/xml' --data-binary \
    "<VerifyResidenceRequest xmlns=\"urn:motcua:exchange:v1\"><MaYeuCau>$MSG</MaYeuCau><MucDich>Xét duyệt hồ sơ bảo hiểm y tế</MucDich><SoDinhDanh>$V</SoDinhDanh><MaXa>$C</MaXa></VerifyResidenceRequest>" \
    "$TLSBASE/exchange/v1/xml"
like "$(cat "$T_TMP/ex")" 'VerifyResidenceResponse' "a ministry verifies the residence"

http GET /tracking/citizen/reads -u "$V:demo" -H "$J"
is "$(json total)" $((n0 + 2)) "two more reads listed"
first=$(printf '%s' "$BODY" | jq -c '.reads[0]')
like "$first" '"actor_kind":"exchange"' "newest first: the ministry"
is "$(field actor "$first")" "BHXH Việt Nam" "named by its system's name"
is "$(field purpose "$first")" "Xét duyệt hồ sơ bảo hiểm y tế" "with its purpose"
like "$(field at "$first")" '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z$' "and when"
second=$(printf '%s' "$BODY" | jq -c '.reads[1]')
like "$second" '"actor_kind":"official"' "then the official"
is "$(field actor "$second")" "$O" "by username"
is "$(field office "$second")" "$(sql "SELECT full_name FROM admin_unit WHERE level = 'commune' AND code = '$C' AND valid_to IS NULL")" \
    "with their office"
is "$(field purpose "$second")" "$PURPOSE" "and the purpose they declared"
is "$(field fields "$second")" "full_name,birth_date,sex,residence" \
    "and what they read"
http GET /tracking/citizen/reads -u "$V:demo"
like "$BODY" '<h1>Ai đã xem thông tin của tôi</h1>' "HTML list"
like "$BODY" "<dd>$PURPOSE</dd>" "with the purpose declared"
like "$BODY" 'BHXH Việt Nam' "naming the ministry"

http GET /tracking/citizen/reads -u "$W:demo" -H "$J"
is "$STATUS" 200 "another citizen's list"
is "$(json total)" "$wn0" "unchanged by reads of someone else"
unlike "$BODY" "$PURPOSE|$V" "and without them"

# paging: 20 per page, newest first
for i in $(seq 1 20); do
	curl -s -o /dev/null -u "$O:demo" --data-urlencode "pid=$V" \
	    --data-urlencode "purpose=Kiểm tra lần $i" \
	    "$BASE/residence/official/lookup"
done
n=$(sql "SELECT COUNT(*) FROM access_log WHERE citizen_id = $vid")
http GET /tracking/citizen/reads -u "$V:demo" -H "$J"
is "$(nkeys actor_kind)" 20 "20 on a page"
is "$(field purpose "$(printf '%s' "$BODY" | jq -c '.reads[0]')")" \
    "Kiểm tra lần 20" "the latest first"
http GET '/tracking/citizen/reads?page=2' -u "$V:demo" -H "$J"
is "$(nkeys actor_kind)" \
    $((n - 20 > 20 ? 20 : n - 20)) "the next ones on page 2"
is "$(json pages)" $(((n + 19) / 20)) "the number of pages"
like "$BODY" 'BHXH Việt Nam' "with the older reads"
http GET '/tracking/citizen/reads?page=x' -u "$V:demo" -H "$J"
is "$STATUS" 422 "a malformed page: 422"

# identity from the sign-on only
http GET /tracking/citizen/reads -H "$J"
is "$STATUS" 401 "no sign-on: 401"
http GET /tracking/citizen/reads -u "$O:demo" -H "$J"
is "$STATUS" 401 "an official's login is not a citizen's sign-on"
use_module_sock tracking
fcgi_tracking() {
	env -i REQUEST_METHOD=GET DOCUMENT_URI=/tracking/citizen/reads \
	    HTTP_ACCEPT=application/json "$@" \
	    cgi-fcgi -bind -connect "$MODSOCK" < /dev/null
}
like "$(fcgi_tracking HTTP_MOTCUA_CITIZEN="$V")" 'Status: 401' \
    "a header is not identity"
like "$(fcgi_tracking MOTCUA_CITIZEN=12345)" 'Status: 401' \
    "a malformed personal number from the sign-on: 401"
ghost=${V:0:6}000000
while [ "$(sql "SELECT COUNT(*) FROM citizen WHERE pid = '$ghost'")" != 0 ]; do
	ghost=${V:0:6}$(printf '%06d' $((RANDOM * 30 % 1000000)))
done
out=$(fcgi_tracking MOTCUA_CITIZEN="$ghost")
like "$out" 'Status: 404' "a citizen not in the database: 404"
like "$out" '"code":"citizen_unknown"' "citizen_unknown"

# --- civil-status dossiers: tracked, queued and counted like the others ------
dossier 2001 1.001193 submitted "$C" 'NOW() + INTERVAL 5 HOUR' NULL NULL
event 2001 NULL submitted citizen NULL
dossier 2002 1.000656 result_issued "$C" 'NOW() - INTERVAL 3 DAY' 'NOW() - INTERVAL 4 DAY' NULL
dossier 2003 1.000894 result_issued "$C" 'NOW() - INTERVAL 3 DAY' 'NOW() - INTERVAL 2 DAY' NULL
dossier 2004 1.004873 accepted "$C" 'NOW() - INTERVAL 1 HOUR' NULL NULL
track 1 "$T-2001" --data-urlencode "birth_year=$AY"
is "$STATUS $(json procedure_code)" "200 1.001193" "a birth registration's status by its receipt code"
is "$(json procedure) | $(json state_vi) | $(json timing_vi)" \
    "Đăng ký khai sinh | Đã tiếp nhận | Trong hạn" "its name, state and timing"
unlike "$BODY" "$APID|$ANAME" "naming no applicant"
track 1 "$T-2003" --data-urlencode "birth_year=$AY"
is "$(json procedure) | $(json timing_vi)" "Đăng ký kết hôn | Hoàn thành quá hạn" \
    "a marriage registration finished late"
http GET /tracking/official/queue -u "$O:demo" -H "$J"
like "$(item receipt_code "$T-2001")" '"procedure":"Đăng ký khai sinh","family":"civil","family_vi":"Hộ tịch"' \
    "the civil dossier in the queue, its family named"
like "$(item receipt_code "$T-2004")" '"procedure":"Cấp Giấy xác nhận tình trạng hôn nhân".*"overdue":true' \
    "a marital-status confirmation past its due: overdue"
like "$(item receipt_code "$T-0002")" '"family":"residence","family_vi":"Cư trú"' \
    "a residence dossier's family"
for p in 1.001193 1.000656 1.000894 1.004873; do
	is "$(shown "$(item procedure_code "$p")")" "$(stats "$p" | rates)" \
	    "figures for the civil procedure $p"
done
CIVIL="'1.001193','1.000656','1.000894','1.004873','2.000635'"
http GET '/tracking/official/queue?family=civil' -u "$O:demo" -H "$J"
is "$STATUS $(json family) $(json family_vi)" "200 civil Hộ tịch" "the civil-status queue alone"
got=$(printf '%s' "$BODY" | jq -r '.. | objects | .receipt_code? // empty' | tr '\n' ' ')
want=$(sql "SELECT receipt_code FROM dossier WHERE commune_code = '$C' AND procedure_code IN ($CIVIL) AND state IN ('submitted', 'accepted', 'supplement_requested') ORDER BY due_at, id LIMIT 50" | tr '\n' ' ')
is "$got" "$want" "only civil-status dossiers, soonest due first"
like "$got" "$T-2001 " "the birth registration among them"
is "$(printf '%s' "$BODY" | jq -r '[.procedures[].procedure_code] | unique | map(select(IN("1.001193", "1.000656", "1.000894", "1.004873", "2.000635") | not)) | length')" \
    0 "figures for civil-status procedures only"
is "$(shown "$(json_text total)")" \
    "$(sql "SELECT SUM(state IN ('submitted', 'accepted', 'supplement_requested')), SUM(completed_at IS NOT NULL), SUM(completed_at IS NOT NULL AND completed_at <= due_at), COALESCE(ROUND(100 * SUM(completed_at IS NOT NULL AND completed_at <= due_at) / NULLIF(SUM(completed_at IS NOT NULL), 0), 1), '-') FROM dossier WHERE commune_code = '$C' AND procedure_code IN ($CIVIL)" | tr '\t' ' ' | rates)" \
    "the civil-status totals and on-time rate"
http GET '/tracking/official/queue?family=residence' -u "$O:demo" -H "$J"
got=$(printf '%s' "$BODY" | jq -r '.. | objects | .receipt_code? // empty' | tr '\n' ' ')
unlike "$got" "$T-200[1-4]" "the residence queue has no civil-status dossier"
like "$got" "$T-0001 " "and has the residence ones"
http GET '/tracking/official/queue?family=civil&page=2' -u "$O:demo" -H "$J"
is "$STATUS $(json page)" "200 2" "a family and a page together"
http GET '/tracking/official/queue?family=ho_tich' -u "$O:demo" -H "$J"
is "$STATUS" 422 "an unknown family: 422"

# a history comes out of the index in the order it is shown, not sorted
# per read (migration 026)
d=$(sql "SELECT dossier_id FROM dossier_event GROUP BY dossier_id ORDER BY COUNT(*) DESC LIMIT 1")
plan=$(sql "EXPLAIN SELECT at, from_state, to_state FROM dossier_event WHERE dossier_id = $d ORDER BY at, id LIMIT 200")
like "$plan" 'dossier_event_dossier' "a history is read by its dossier's index"
unlike "$plan" 'filesort' "in its order, without a sort"

sql "DELETE FROM dossier_event WHERE dossier_id IN (SELECT id FROM dossier WHERE agency = 'TRK.TEST')"
sql "DELETE FROM dossier WHERE agency = 'TRK.TEST'"
t_done
