# The civil dossier flow, on death registration: the same working day
# with the 15:00 cut-off (the module's own clock, the holiday table),
# verification extending the time limit to the rule's working half-days
# from receipt, competence tied to residence until 2027-02-28 and not
# from 2027-03-01, the officials' roles and communes (refusals
# recorded), idempotent retries and concurrent decisions.
. "$top_srcdir/tests/lib.sh"

J=(-H 'Accept: application/json')
# the officials' commune with the most people living there: other tests
# register deaths in some
OC=$(sql "SELECT r.commune_code FROM residence r JOIN citizen c ON c.id = r.citizen_id WHERE r.kind = 'permanent' AND r.valid_to IS NULL AND c.death_date IS NULL AND r.commune_code IN (SELECT commune_code FROM official) GROUP BY r.commune_code ORDER BY COUNT(*) DESC, r.commune_code LIMIT 1")
XC=$(sql "SELECT commune_code FROM official WHERE commune_code <> '$OC' ORDER BY id LIMIT 1")
T=cf$RANDOM
for o in "h1 commune_head $OC" "h2 commune_head $OC" "cv commune_officer $OC" \
    "tinh province_officer $OC" "xh commune_head $XC"; do
	set -- $o
	sql "INSERT INTO official (username, full_name, role, commune_code) VALUES ('$T.$1', 'Cán bộ kiểm thử', '$2', '$3')"
done
H1=$T.h1 H2=$T.h2 CV=$T.cv PV=$T.tinh XH=$T.xh
hash=$(cut -d: -f2- "$STACK_DIR/nginx/officials.htpasswd" | head -1)
for o in "$H1" "$H2" "$CV" "$PV" "$XH"; do echo "$o:$hash" >> "$STACK_DIR/nginx/officials.htpasswd"; done
# living people of commune OC with a permanent residence there
mapfile -t P < <(sql "SELECT c.pid FROM citizen c JOIN residence r ON r.citizen_id = c.id WHERE r.kind = 'permanent' AND r.valid_to IS NULL AND r.commune_code = '$OC' AND c.death_date IS NULL ORDER BY c.id LIMIT 16")
hash=$(cut -d: -f2- "$STACK_DIR/nginx/citizens.htpasswd" | head -1)
for p in "${P[@]}"; do echo "$p:$hash" >> "$STACK_DIR/nginx/citizens.htpasswd"; done
is "${#P[@]}" 16 "(people of the commune)"
DECL=${P[0]}	# the declarant throughout
# who declares a death online must be related by the database: one
# father for them all makes the declarant everyone's sibling (their own
# fathers on record are put back at the end)
IN="'$(IFS=,; echo "${P[*]}" | sed "s/,/','/g")'"
FA=$(sql "SELECT id FROM citizen WHERE sex = 'M' AND death_date IS NULL AND pid NOT IN ($IN) ORDER BY id LIMIT 1")
FATHERS=$(sql "SELECT CONCAT('(', child_id, ',', parent_id, ',''father'',', COALESCE(record_id, 'NULL'), ')') FROM parent_link WHERE role = 'father' AND child_id IN (SELECT id FROM citizen WHERE pid IN ($IN))" | paste -sd,)
sql "DELETE FROM parent_link WHERE role = 'father' AND child_id IN (SELECT id FROM citizen WHERE pid IN ($IN))"
sql "INSERT INTO parent_link (child_id, parent_id, role) SELECT id, $FA, 'father' FROM citizen WHERE pid IN ($IN)"
DD=2027-01-10	# a date of death before every clock below

# death FIELDS...: the fields of a death registration, after the key
death() {
	printf 'idempotency_key=%s&relation=sibling&deceased_pid=%s&death_date=%s&death_place=B%%E1%%BB%%87nh+vi%%E1%%BB%%87n+huy%%E1%%BB%%87n&notice_number=GBT-%s%s' \
	    "$(newkey)" "$1" "${2:-$DD}" "$RANDOM" "${3:-}"
}
# online_at TIME DECEASED [EXTRA]: the declarant files online at TIME
online_at() {
	module_at civil "$1"
	fcgi_at "" POST /civil/citizen/dossiers/death "$(death "$2" "$DD" "${3:-}")" \
	    MOTCUA_CITIZEN="$DECL"
}
# counter_at TIME OFFICIAL DECEASED: an official files at TIME
counter_at() {
	module_at civil "$1"
	fcgi_at "$2" POST /civil/official/dossiers/death \
	    "applicant_pid=$DECL&$(death "$3")"
}
due() { sql "SELECT DATE_FORMAT(due_at, '%Y-%m-%d %H:%i') FROM dossier WHERE receipt_code = '$1'"; }
commune() { sql "SELECT commune_code FROM dossier WHERE receipt_code = '$1'"; }
refused() { sql "SELECT COUNT(*) FROM refusal WHERE actor = '$1' AND action = '$2' AND reason = '$3'"; }

# --- the same working day, with the cut-off ------------------------------
online_at "2027-03-05 14:59:00" "${P[1]}" "&commune_code=$OC"
is "$STATUS" 201 "filed online on Friday 2027-03-05 at 14:59"
R=$(json receipt_code)
is "$(due "$R")" "2027-03-05 17:00" "before the cut-off: due the same day"
is "$(json due_at)" "2027-03-05T17:00:00" "and the answer says so"
is "$(sql "SELECT DATE_FORMAT(submitted_at, '%Y-%m-%d %H:%i') FROM dossier WHERE receipt_code = '$R'")" \
    "2027-03-05 14:59" "received by the module's clock"
online_at "2027-03-05 15:01:00" "${P[2]}" "&commune_code=$OC"
R=$(json receipt_code)
is "$STATUS|$(due "$R")" "201|2027-03-08 17:00" \
    "after the cut-off on a Friday: due Monday"
online_at "2027-03-04 15:01:00" "${P[3]}" "&commune_code=$OC"
is "$(due "$(json receipt_code)")" "2027-03-05 17:00" \
    "after the cut-off on a Thursday: due Friday"
# 2027-02-05 to 2027-02-11 are Tết in the holiday table
is "$(sql "SELECT COUNT(*) FROM holiday WHERE day BETWEEN '2027-02-05' AND '2027-02-11'")" 7 \
    "(Tết 2027 in the holiday table)"
online_at "2027-02-04 15:01:00" "${P[4]}"
DD=2027-01-10
R=$(json receipt_code)
is "$STATUS|$(due "$R")" "201|2027-02-12 17:00" \
    "after the cut-off before Tết: due the first working day after it"
online_at "2027-02-04 14:00:00" "${P[5]}"
is "$(due "$(json receipt_code)")" "2027-02-04 17:00" "before it: that day"

# --- verification: 3 working days (death_verify_halves) from receipt -----
online_at "2027-03-04 10:00:00" "${P[6]}" "&commune_code=$OC"
RV=$(json receipt_code)
is "$(due "$RV")" "2027-03-04 17:00" "(a dossier due the same day)"
fcgi_at "$PV" POST "/civil/official/dossiers/$RV/verify" "x=1"
is "$STATUS $(json code)" "403 role_not_allowed" "a province officer may not mark it"
fcgi_at "$CV" POST "/civil/official/dossiers/$RV/verify" \
    "reason=X%C3%A1c+minh+gi%E1%BA%A5y+b%C3%A1o+t%E1%BB%AD"
is "$STATUS $(json state)" "200 submitted" "a commune officer marks it for verification"
is "$(due "$RV")" "2027-03-09 12:00" \
    "due 6 working half-days after receipt (Thursday morning to Tuesday noon)"
is "$(sql "SELECT COUNT(*) FROM civil_verification v JOIN dossier d ON d.id = v.dossier_id WHERE d.receipt_code = '$RV' AND v.official = '$CV'")" 1 \
    "the mark is recorded with who made it"
is "$(sql "SELECT COUNT(*) FROM dossier_event e JOIN dossier d ON d.id = e.dossier_id WHERE d.receipt_code = '$RV' AND e.to_state = 'submitted' AND e.from_state = 'submitted'")" 1 \
    "and is in the dossier's history"
fcgi_at "$H1" POST "/civil/official/dossiers/$RV/verify" "x=1"
is "$STATUS $(json code)" "409 state_conflict" "a dossier is marked once"
fcgi_at "$H1" POST "/civil/official/dossiers/$RV/accept" "x=1"
is "$STATUS $(json state)" "200 accepted" "then accepted"
is "$(due "$RV")" "2027-03-09 12:00" "the extended due date stays"
fcgi_at "$H1" POST "/civil/official/dossiers/$RV/reject" "x=1"
is "$STATUS $(json code)" "422 missing_field" "a rejection needs a reason"
fcgi_at "$H1" POST "/civil/official/dossiers/$RV/reject" "reason=Gi%E1%BA%A5y+b%C3%A1o+t%E1%BB%AD+kh%C3%B4ng+h%E1%BB%A3p+l%E1%BB%87"
is "$STATUS $(json state)" "200 rejected" "and rejected with one"
fcgi_at "$H1" POST "/civil/official/dossiers/$RV/verify" "x=1"
is "$STATUS $(json code)" "409 state_conflict" "a decided dossier is not marked"

# --- competence: tied to residence until 2027-02-28 ----------------------
r0=$(refused "$XH" file_at_counter other_commune)
counter_at "2027-02-28 09:00:00" "$XH" "${P[7]}"
is "$STATUS $(json code)" "403 forbidden" \
    "2027-02-28: another commune's counter may not register a death"
is "$(refused "$XH" file_at_counter other_commune)" "$((r0 + 1))" "the refusal is recorded"
counter_at "2027-02-28 09:00:00" "$XH" 001099999999
is "$STATUS $(json code)" "403 forbidden" "nor learn whether a number exists"
counter_at "2027-03-01 09:00:00" "$XH" "${P[7]}"
is "$STATUS" 201 "2027-03-01: any commune's counter registers it"
is "$(commune "$(json receipt_code)")" "$XC" "and that commune decides it"
is "$(due "$(json receipt_code)")" "2027-03-01 17:00" "the same day"
online_at "2027-02-28 09:00:00" "${P[8]}"
is "$STATUS" 201 "2027-02-28 online: the deceased's residence decides"
is "$(commune "$(json receipt_code)")" "$OC" "(their commune)"
is "$(due "$(json receipt_code)")" "2027-03-01 17:00" "received on a Sunday: due Monday"
online_at "2027-02-28 09:00:00" "${P[9]}" "&commune_code=$XC"
is "$STATUS $(json code)" "422 invalid_field" "naming another commune is refused"
like "$BODY" 'not_competent' "(not competent)"
online_at "2027-03-01 09:00:00" "${P[9]}"
is "$STATUS $(json code)" "422 missing_field" "2027-03-01 online: the commune must be named"
online_at "2027-03-01 09:00:00" "${P[9]}" "&commune_code=99999"
is "$STATUS $(json code)" "422 invalid_field" "a commune that does not exist is refused"
like "$BODY" 'unknown_commune' "(unknown)"
online_at "2027-03-01 09:00:00" "${P[9]}" "&commune_code=$XC"
is "$STATUS|$(commune "$(json receipt_code)")" "201|$XC" "any existing commune may be named"

# --- roles and communes (through the web server, today's clock) ---------
file() {	# file OFFICIAL DECEASED: files at the counter through nginx
	http POST /civil/official/dossiers/death -u "$1:demo" "${J[@]}" \
	    --data "applicant_pid=$DECL&$(death "$2" 2026-11-30)"
}
decide() {	# decide OFFICIAL RECEIPT ACTION [curl args]
	local o=$1 rc=$2 act=$3
	shift 3
	http POST "/civil/official/dossiers/$rc/$act" -u "$o:demo" "${J[@]}" -d x=1 "$@"
}
r0=$(sql "SELECT COUNT(*) FROM refusal WHERE actor = '$PV'")
file "$PV" "${P[10]}"
is "$STATUS $(json code)" "403 role_not_allowed" "a province officer may not file"
is "$(sql "SELECT COUNT(*) FROM refusal WHERE actor = '$PV'")" "$((r0 + 1))" "recorded"
file "$CV" "${P[10]}"
is "$STATUS $(json state)" "201 submitted" "a commune officer files"
R1=$(json receipt_code)
is "$(sql "SELECT CONCAT(channel, '|', filed_by) FROM dossier WHERE receipt_code = '$R1'")" \
    "counter|$CV" "at the counter, by them"
like "$(sql "SELECT payload FROM dossier WHERE receipt_code = '$R1'")" 'relation=sibling' \
    "the declarant's relation is recorded"
decide "$XH" "$R1" accept
is "$STATUS $(json code)" "403 forbidden" "another commune's head may not accept it"
is "$(refused "$XH" accept other_commune)" 1 "recorded"
decide "$CV" "$R1" accept
is "$STATUS" 200 "the officer accepts"
decide "$CV" "$R1" approve
is "$STATUS $(json code)" "403 role_not_allowed" "but may not approve"
decide "$CV" "$R1" reject --data-urlencode "reason=Không đủ"
is "$STATUS $(json code)" "403 role_not_allowed" "nor reject"
# the head who filed does not approve it
file "$H1" "${P[11]}"
R2=$(json receipt_code)
decide "$H1" "$R2" accept
decide "$H1" "$R2" approve
is "$STATUS $(json code)" "403 separation_of_duties" "who filed it does not approve it"
is "$(refused "$H1" approve separation_of_duties)" 1 "recorded"
decide "$H2" "$R2" approve
is "$STATUS $(json state)" "200 result_issued" "another head does"

# --- the declarant's own view --------------------------------------------
http POST /civil/citizen/dossiers/death -u "$DECL:demo" "${J[@]}" \
    --data "$(death "${P[12]}" 2026-11-30)"
is "$STATUS" 201 "online through the web server (tied: no commune needed)"
R3=$(json receipt_code)
http GET "/civil/citizen/dossiers/$R3" -u "$DECL:demo" "${J[@]}"
is "$STATUS $(json receipt_code) $(json state)" "200 $R3 submitted" "the declarant sees it"
is "$(json procedure)" 1.000656 "(death registration)"
http GET "/civil/citizen/dossiers/$R3" -u "${P[13]}:demo" "${J[@]}"
is "$STATUS" 404 "another citizen does not"

# --- idempotent retries ----------------------------------------------------
n0=$(sql "SELECT COUNT(*) FROM dossier WHERE procedure_code = '1.000656'")
K=$(newkey)
body="idempotency_key=$K&relation=sibling&deceased_pid=${P[14]}&death_date=2026-11-30&death_place=Nh%C3%A0+ri%C3%AAng&notice_number=GBT-7"
for i in 1 2 3 4; do
	curl -sS -o "$T_TMP/idem$i" -w '%{http_code}\n' -u "$DECL:demo" "${J[@]}" \
	    --data "$body" "$BASE/civil/citizen/dossiers/death" > "$T_TMP/idem$i.st" &
done
wait
is "$(sql "SELECT COUNT(*) FROM dossier WHERE procedure_code = '1.000656'")" "$((n0 + 1))" \
    "four concurrent retries with one key: one dossier"
is "$(for i in 1 2 3 4; do json_in "$T_TMP/idem$i" receipt_code; done | sort -u | wc -l)" 1 \
    "and one receipt code for all"
http POST /civil/citizen/dossiers/death -u "$DECL:demo" "${J[@]}" --data "$body"
is "$STATUS" 200 "a later retry: 200 with the same dossier"

# --- two decisions at once -------------------------------------------------
file "$CV" "${P[15]}"
R4=$(json receipt_code)
for o in "$H1" "$H2"; do
	curl -sS -o /dev/null -w '%{http_code}\n' -u "$o:demo" "${J[@]}" -d x=1 \
	    "$BASE/civil/official/dossiers/$R4/accept" >> "$T_TMP/race" &
done
wait
is "$(sort "$T_TMP/race" | tr '\n' ' ')" "200 409 " "two concurrent accepts: one 200, one 409"
is "$(sql "SELECT COUNT(*) FROM dossier_event e JOIN dossier d ON d.id = e.dossier_id WHERE d.receipt_code = '$R4' AND e.to_state = 'accepted'")" 1 \
    "one move recorded"
sql "DELETE FROM parent_link WHERE parent_id = $FA AND role = 'father' AND child_id IN (SELECT id FROM citizen WHERE pid IN ($IN))"
[ -z "$FATHERS" ] || sql "INSERT INTO parent_link (child_id, parent_id, role, record_id) VALUES $FATHERS"
t_done
