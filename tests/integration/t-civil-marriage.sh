# Marriage registration (1.000894) on the civil flow: every condition
# refused with its own code on the registration date (the ages in
# completed years, 29 February included; married; deceased; the direct
# line through parent links; kin within three generations; the same
# sex), the second party's consent (theirs only, within the window), the
# counter with both present, the approval's effects in one transaction,
# the conditions checked again at approval, idempotent retries,
# concurrent approvals, and the due dates.
. "$top_srcdir/tests/lib.sh"

J=(-H 'Accept: application/json')
# the commune with the most residents: its people file while registration
# is tied to residence (2026, and the web server's own clock)
OC=$(sql "SELECT commune_code FROM residence WHERE kind = 'permanent' AND valid_to IS NULL GROUP BY commune_code ORDER BY COUNT(*) DESC, commune_code LIMIT 1")
T=km$RANDOM
XC=$(sql "SELECT code FROM admin_unit WHERE level = 'commune' AND valid_to IS NULL AND code <> '$OC' ORDER BY code LIMIT 1")
for o in "h1 commune_head $OC" "h2 commune_head $OC" "cv commune_officer $OC" \
    "xv commune_officer $XC"; do
	set -- $o
	sql "INSERT INTO official (username, full_name, role, commune_code) VALUES ('$T.$1', 'Cán bộ kiểm thử', '$2', '$3')"
done
H1=$T.h1 H2=$T.h2 CV=$T.cv XV=$T.xv
hash=$(cut -d: -f2- "$STACK_DIR/nginx/officials.htpasswd" | head -1)
for o in "$H1" "$H2" "$CV" "$XV"; do echo "$o:$hash" >> "$STACK_DIR/nginx/officials.htpasswd"; done
# 60 people who sign on, whose facts the test sets: 0-39 from anywhere,
# 40-59 living in commune OC
mapfile -t P < <(sql "SELECT pid FROM citizen WHERE id NOT IN (SELECT citizen_id FROM residence WHERE commune_code = '$OC') ORDER BY id DESC LIMIT 40")
mapfile -t -O 40 P < <(sql "SELECT c.pid FROM citizen c JOIN residence r ON r.citizen_id = c.id WHERE r.kind = 'permanent' AND r.valid_to IS NULL AND r.commune_code = '$OC' ORDER BY c.id DESC LIMIT 20")
hash=$(cut -d: -f2- "$STACK_DIR/nginx/citizens.htpasswd" | head -1)
for p in "${P[@]}"; do echo "$p:$hash" >> "$STACK_DIR/nginx/citizens.htpasswd"; done
is "${#P[@]}" 60 "(60 people, 20 of them in the commune with the most)"
# their civil facts as the demo has them, put back when the test ends
IDS=$(printf "'%s'," "${P[@]}")
IDS=$(sql "SELECT GROUP_CONCAT(id) FROM citizen WHERE pid IN (${IDS%,})")
sql "CREATE TABLE ${T}_citizen AS SELECT id, sex, birth_date, death_date,
        marital_status FROM citizen WHERE id IN ($IDS);
    CREATE TABLE ${T}_parent AS SELECT * FROM parent_link
        WHERE child_id IN ($IDS);
    CREATE TABLE ${T}_marriage AS SELECT * FROM marriage
        WHERE party_a IN ($IDS) OR party_b IN ($IDS)"
facts() {
	sql "SELECT MD5(CONCAT(
	    (SELECT GROUP_CONCAT(CONCAT_WS('|', id, sex, birth_date,
	        COALESCE(death_date, '-'), COALESCE(marital_status, '-'))
	        ORDER BY id) FROM citizen WHERE id IN ($IDS)),
	    (SELECT COALESCE(GROUP_CONCAT(CONCAT_WS('|', child_id, parent_id,
	        role) ORDER BY child_id, role), '') FROM parent_link
	        WHERE child_id IN ($IDS)),
	    (SELECT COALESCE(GROUP_CONCAT(id ORDER BY id), '') FROM marriage
	        WHERE party_a IN ($IDS) OR party_b IN ($IDS))))"
}
F0=$(facts)
restore() {
	sql "UPDATE citizen c JOIN ${T}_citizen s ON s.id = c.id SET
	        c.sex = s.sex, c.birth_date = s.birth_date,
	        c.death_date = s.death_date, c.marital_status = s.marital_status;
	    DELETE FROM parent_link WHERE child_id IN ($IDS);
	    INSERT INTO parent_link SELECT * FROM ${T}_parent;
	    DELETE FROM marriage WHERE party_a IN ($IDS) OR party_b IN ($IDS);
	    INSERT INTO marriage SELECT * FROM ${T}_marriage;
	    DROP TABLE ${T}_citizen, ${T}_parent, ${T}_marriage"
}

ID() { sql "SELECT id FROM citizen WHERE pid = '${P[$1]}'"; }
# person N SEX BIRTH: alive, single, no parents, no marriage
person() {
	local id
	id=$(ID "$1")
	sql "UPDATE citizen SET sex = '$2', birth_date = '$3', death_date = NULL,
	    marital_status = 'single' WHERE id = $id;
	    DELETE FROM parent_link WHERE child_id = $id;
	    DELETE FROM marriage WHERE party_a = $id OR party_b = $id"
}
# parent CHILD PARENT ROLE
parent() {
	sql "INSERT INTO parent_link (child_id, parent_id, role)
	    VALUES ($(ID "$1"), $(ID "$2"), '$3')"
}
# online_at TIME A B [FIELDS]: A files online at TIME, naming B
online_at() {
	module_at civil "$1"
	fcgi_at "" POST /civil/citizen/dossiers/marriage \
	    "idempotency_key=${KEY:-$(newkey)}&other_pid=${P[$3]}&commune_code=$OC${4:-}" \
	    MOTCUA_CITIZEN="${P[$2]}"
	ANSWER="$STATUS $(json code)"
}
# try_at TIME A B [FIELDS]: A files online naming B and, once filed, B
# consents at the same time: ANSWER is the first refusal, or the consent's
# answer.  Online, the filer is told only about themself: the conditions
# on B and on the pair refuse B's consent (and close the dossier).
try_at() {
	online_at "$@"
	FILED=$ANSWER TRIED=
	[ "$STATUS" = 201 ] || return 0
	TRIED=$(json receipt_code)
	consent_at "$1" "${P[$3]}" "$TRIED"
}
# consent_at TIME WHO RECEIPT: WHO (a personal number) consents at TIME
consent_at() {
	module_at civil "$1"
	fcgi_at "" POST "/civil/citizen/dossiers/$3/consent" "" \
	    MOTCUA_CITIZEN="$2"
	ANSWER="$STATUS $(json code)"
}
# decide_at TIME OFFICIAL RECEIPT ACTION
decide_at() {
	module_at civil "$1"
	fcgi_at "$2" POST "/civil/official/dossiers/$3/$4" "x=1"
	ANSWER="$STATUS $(json code)"
}
due() { sql "SELECT DATE_FORMAT(due_at, '%Y-%m-%d %H:%i') FROM dossier WHERE receipt_code = '$1'"; }
state() { sql "SELECT state FROM dossier WHERE receipt_code = '$1'"; }
marriages() { sql "SELECT COUNT(*) FROM marriage WHERE party_a = $1 OR party_b = $1"; }

D=2027-03-16	# a Tuesday: registration no longer tied to residence
AT="$D 09:00:00"

# --- the ages, in completed years on the registration date ---------------
person 0 M 2007-03-17; person 1 F 1999-01-01
try_at "$AT" 0 1
is "$ANSWER" "409 marriage_underage" "a man one day short of 20: refused"
like "$BODY" 'nam từ đủ 20 tuổi' "(the message says why, in Vietnamese)"
sql "UPDATE citizen SET birth_date = '2007-03-16' WHERE id = $(ID 0)"
try_at "$AT" 0 1
is "$STATUS" 201 "on his 20th birthday: filed"
person 2 M 1995-05-05; person 3 F 2009-03-17
try_at "$AT" 2 3
is "$ANSWER" "409 marriage_underage" "a woman one day short of 18: refused"
sql "UPDATE citizen SET birth_date = '2009-03-16' WHERE id = $(ID 3)"
try_at "$AT" 2 3
is "$STATUS" 201 "on her 18th birthday: filed"
# born on 29 February: 18 on 28 February of a common year (2026, while
# registration is tied to residence: no commune is named)
person 56 M 1995-05-05; person 57 F 2008-02-29
module_at civil "2026-02-27 10:00:00"
fcgi_at "" POST /civil/citizen/dossiers/marriage \
    "idempotency_key=$(newkey)&other_pid=${P[57]}" MOTCUA_CITIZEN="${P[56]}"
consent_at "2026-02-27 10:00:00" "${P[57]}" "$(json receipt_code)"
is "$STATUS $(json code)" "409 marriage_underage" "born 2008-02-29: under age on 2026-02-27"
module_at civil "2026-02-28 10:00:00"
fcgi_at "" POST /civil/citizen/dossiers/marriage \
    "idempotency_key=$(newkey)&other_pid=${P[57]}" MOTCUA_CITIZEN="${P[56]}"
is "$STATUS" 201 "and of age on 2026-02-28, the month's last day"
is "$(sql "SELECT commune_code FROM dossier WHERE receipt_code = '$(json receipt_code)'")" "$OC" \
    "(tied to residence: the parties' commune decides)"

# --- married, deceased -----------------------------------------------------
person 6 M 1990-01-01; person 7 F 1992-01-01
sql "UPDATE citizen SET marital_status = 'married' WHERE id = $(ID 7)"
try_at "$AT" 6 7
is "$ANSWER" "409 marriage_party_married" "the other party is married (marital status)"
try_at "$AT" 7 6
is "$ANSWER" "409 marriage_party_married" "the filer is married"
person 7 F 1992-01-01; person 8 M 1980-01-01
sql "INSERT INTO marriage (party_a, party_b, married_on) VALUES ($(ID 8), $(ID 7), '2015-01-01')"
try_at "$AT" 6 7
is "$ANSWER" "409 marriage_party_married" "a marriage not ended, whatever the status says"
sql "UPDATE marriage SET ended_on = '2020-01-01', end_reason = 'divorce' WHERE party_b = $(ID 7)"
sql "UPDATE citizen SET marital_status = 'divorced' WHERE id = $(ID 7)"
try_at "$AT" 6 7
is "$STATUS" 201 "once divorced: filed"
person 9 M 1990-01-01; person 10 F 1992-01-01
sql "UPDATE citizen SET death_date = '2027-01-05' WHERE id = $(ID 10)"
try_at "$AT" 9 10
is "$ANSWER" "409 person_deceased" "the other party is deceased"

# --- relatives, from parent links ------------------------------------------
person 11 M 1965-01-01; person 12 F 1990-01-01; parent 12 11 father
try_at "$AT" 11 12
is "$ANSWER" "409 marriage_direct_line" "father and daughter"
try_at "$AT" 12 11
is "$ANSWER" "409 marriage_direct_line" "daughter and father"
person 13 M 1940-01-01; person 14 F 1965-01-01; person 15 F 1990-01-01
parent 15 14 mother; parent 14 13 father
try_at "$AT" 13 15
is "$ANSWER" "409 marriage_direct_line" "grandfather and granddaughter"
person 16 M 1960-01-01; person 17 F 1962-01-01
person 18 M 1990-01-01; person 19 F 1992-01-01
parent 18 16 father; parent 18 17 mother; parent 19 16 father; parent 19 17 mother
try_at "$AT" 18 19
is "$ANSWER" "409 marriage_close_kin" "brother and sister"
person 18 M 1990-01-01; person 19 F 1992-01-01; person 20 M 1961-01-01
parent 18 16 father; parent 18 17 mother; parent 19 20 father; parent 19 17 mother
try_at "$AT" 18 19
is "$ANSWER" "409 marriage_close_kin" "half-brother and half-sister (the same mother)"
# first cousins: 18's father 16 and 19's mother 22 are children of 21
person 18 M 1990-01-01; person 19 F 1992-01-01
person 16 M 1960-01-01; person 21 M 1935-01-01; person 22 F 1963-01-01
parent 18 16 father; parent 19 22 mother; parent 16 21 father; parent 22 21 father
try_at "$AT" 18 19
is "$ANSWER" "409 marriage_close_kin" "first cousins (a common grandfather)"
# second cousins: a common great-grandfather is beyond three generations
person 16 M 1960-01-01; person 22 F 1963-01-01; person 23 M 1962-01-01
parent 16 21 father; parent 22 23 father; parent 23 24 father; parent 21 24 father
try_at "$AT" 18 19
is "$STATUS" 201 "second cousins: filed"
person 25 M 1990-01-01; person 26 M 1991-01-01
try_at "$AT" 25 26
is "$ANSWER" "409 marriage_same_sex" "two men: not recognised (rule marriage_same_sex)"
is "$(sql "SELECT value FROM civil_rule WHERE rule = 'marriage_same_sex' AND valid_to IS NULL")" 0 \
    "(a rule by date, 0 today)"
# the rule is data by date: were the law to change on 2028-01-01, the
# module would follow it from that day
sql "UPDATE civil_rule SET valid_to = '2027-12-31' WHERE rule = 'marriage_same_sex' AND valid_to IS NULL;
    INSERT INTO civil_rule (rule, valid_from, value, basis) VALUES ('marriage_same_sex', '2028-01-01', '1', 'a test')"
try_at "2027-12-31 09:00:00" 25 26
is "$ANSWER" "409 marriage_same_sex" "a rule recognising it from 2028-01-01: still refused on 2027-12-31"
try_at "2028-01-03 09:00:00" 25 26
is "$STATUS" 201 "and filed on 2028-01-03"
sql "DELETE FROM civil_rule WHERE rule = 'marriage_same_sex' AND valid_from = '2028-01-01';
    UPDATE civil_rule SET valid_to = NULL WHERE rule = 'marriage_same_sex'"
try_at "$AT" 25 25
is "$ANSWER" "422 invalid_field" "oneself as the other party: refused"
like "$BODY" 'is_applicant' "(the field says why)"
while :; do
	U=0010$(printf '%02d%06d' $((RANDOM % 100)) $((RANDOM * 30 % 1000000)))
	[ "$(sql "SELECT COUNT(*) FROM citizen WHERE pid = '$U'")" = 0 ] && break
done
module_at civil "$AT"
fcgi_at "" POST /civil/citizen/dossiers/marriage \
    "idempotency_key=$(newkey)&other_pid=$U&commune_code=$OC" MOTCUA_CITIZEN="${P[25]}"
is "$STATUS $(json code)" "201 " "an unknown other party: filed, as for anyone"
unlike "$BODY" "$U" "(the number is not echoed)"
is "$(sql "SELECT m.party_id FROM marriage_consent m JOIN dossier d ON d.id = m.dossier_id WHERE d.receipt_code = '$(json receipt_code)'")" 0 \
    "(whose consent nobody can give)"

# --- online, naming a person tells nothing about them -------------------
# the filing's answer is the same whoever is named: single, married,
# deceased, of one's kin, of one's sex, or nobody; each refusal is told
# to the other party on consenting, and the dossier closes for a reason
# that names no condition
person 27 M 1990-01-01; person 28 F 1992-01-01; person 29 F 1991-01-01
sql "UPDATE citizen SET marital_status = 'married' WHERE id = $(ID 29)"
answers=
for b in 28 29 10 26; do
	online_at "$AT" 27 "$b"
	answers="$answers$STATUS:$(json code):$(json state);"
done
module_at civil "$AT"
fcgi_at "" POST /civil/citizen/dossiers/marriage \
    "idempotency_key=$(newkey)&other_pid=$U&commune_code=$OC" MOTCUA_CITIZEN="${P[27]}"
answers="$answers$STATUS:$(json code):$(json state);"
is "$answers" "$(printf '201::submitted;%.0s' 1 2 3 4 5)" \
    "single, married, deceased, the same sex, nobody: one answer to the filer"
try_at "$AT" 27 29
is "$FILED|$ANSWER" "201 |409 marriage_party_married" \
    "the married woman is told why, on consenting"
is "$(state "$TRIED")" rejected "and the dossier is closed"
reason=$(sql "SELECT reason FROM dossier_event e JOIN dossier d ON d.id = e.dossier_id WHERE d.receipt_code = '$TRIED' AND e.to_state = 'rejected'")
like "$reason" 'conditions of marriage are not met' "(for the conditions, in general)"
unlike "$reason" 'married|deceased|under age|kinship|same sex|tuổi|chết|huyết thống' "(naming none of them)"

# --- the second party's consent ----------------------------------------------
person 30 M 1995-05-05; person 31 F 1997-07-07; person 32 F 1990-01-01
A=$(ID 30) B=$(ID 31)
KEY0=$(newkey)
KEY=$KEY0 online_at "$D 08:30:00" 30 31
is "$STATUS" 201 "filed online by the man, naming the woman"
R=$(json receipt_code)
is "$(due "$R")" "$D 17:00" "due the same day as filed"
is "$(sql "SELECT CONCAT(c.pid, '|', DATE_FORMAT(m.expires_at, '%Y-%m-%d %H:%i'), '|', COALESCE(m.confirmed_at, '-')) FROM marriage_consent m JOIN citizen c ON c.id = m.party_id JOIN dossier d ON d.id = m.dossier_id WHERE d.receipt_code = '$R'")" \
    "${P[31]}|2027-04-15 08:30|-" "her consent is asked, within 30 days (marriage_consent_days)"
KEY=$KEY0 online_at "$D 08:30:00" 30 31
is "$STATUS $(json receipt_code)" "200 $R" "a retry with the same key: the same dossier"
is "$(sql "SELECT payload FROM dossier WHERE receipt_code = '$R'")" \
    "party_a=${P[30]}&party_b=${P[31]}" "the payload: the two parties, nothing asked of the database's"
is "$(sql "SELECT COUNT(*) FROM marriage_consent m JOIN dossier d ON d.id = m.dossier_id WHERE d.receipt_code = '$R'")" 1 \
    "and one consent asked"
decide_at "$D 10:00:00" "$H1" "$R" accept
is "$STATUS" 200 "an official may receive it meanwhile"
decide_at "$D 10:00:00" "$H2" "$R" approve
is "$ANSWER" "409 marriage_consent_pending" "but not approve it before she consents"
is "$(state "$R")" accepted "(nothing changed)"
module_at civil "$D 10:30:00"
fcgi_at "" GET /civil/citizen/consents "" MOTCUA_CITIZEN="${P[31]}"
is "$STATUS $(printf '%s' "$BODY" | jq -r --arg r "$R" '[.consents[] | select(.receipt_code == $r)] | length')" \
    "200 1" "she finds the dossier among the consents asked of her"
is "$(printf '%s' "$BODY" | jq -r --arg r "$R" '.consents[] | select(.receipt_code == $r) | .filed_by + "|" + .expires_at[0:16]')" \
    "$(sql "SELECT full_name FROM citizen WHERE id = $A")|2027-04-15 08:30" \
    "with who asks, and until when"
fcgi_at "" GET /civil/citizen/consents "" MOTCUA_CITIZEN="${P[30]}"
is "$STATUS $(json count)" "200 0" "the filer is asked nothing"
consent_at "$D 11:00:00" "${P[30]}" "$R"
a=$ANSWER
consent_at "$D 11:00:00" "${P[32]}" "$R"
b=$ANSWER
consent_at "$D 11:00:00" "${P[31]}" "000.00.15.H26-270316-9999"
c=$ANSWER
is "$a" "404 not_found" "the filer may not consent for her"
is "$b" "$a" "nor anyone else"
is "$c" "$a" "and an unknown receipt answers alike"
consent_at "2027-03-18 15:30:00" "${P[31]}" "$R"
is "$STATUS $(json consent)" "201 given" "she consents with her own sign-on (Thursday 15:30)"
is "$(due "$R")" "2027-03-19 17:00" "complete after the cut-off: due the next working day"
is "$(sql "SELECT CONCAT(how, '|', DATE_FORMAT(confirmed_at, '%Y-%m-%d %H:%i')) FROM marriage_consent m JOIN dossier d ON d.id = m.dossier_id WHERE d.receipt_code = '$R'")" \
    "online|2027-03-18 15:30" "recorded: online, when"
fcgi_at "" GET /civil/citizen/consents "" MOTCUA_CITIZEN="${P[31]}"
is "$(printf '%s' "$BODY" | jq -r --arg r "$R" '[.consents[] | select(.receipt_code == $r)] | length')" \
    0 "once given, it is no longer listed"
consent_at "2027-03-18 16:00:00" "${P[31]}" "$R"
c=$(json confirmed_at)
is "$STATUS ${c:0:16}" "200 2027-03-18 15:30" "again: 200, the first consent"

# --- approval: everything in one transaction ----------------------------
va=$(sql "SELECT civil_version FROM citizen WHERE id = $A")
vb=$(sql "SELECT civil_version FROM citizen WHERE id = $B")
n0=$(sql "SELECT COALESCE(MAX(last), 0) FROM civil_book_seq WHERE commune_code = '$OC' AND book = 'KH' AND year = 2027")
c0=$(sql "SELECT COALESCE(MAX(id), 0) FROM change_log")
decide_at "2027-03-19 10:00:00" "$H2" "$R" approve
is "$STATUS $(json state)" "200 result_issued" "approved: the result is issued"
is "$(sql "SELECT citizen_id FROM change_log WHERE id > $c0 AND kind = 'ket_hon' AND commune_code = '$OC'" | sort -n | tr '\n' ' ')" \
    "$(printf '%s\n' "$A" "$B" | sort -n | tr '\n' ' ')" "the change feed carries the marriage, for each party (ket_hon)"
is "$(sql "SELECT CONCAT(party_a, '|', party_b, '|', married_on, '|', ended_on IS NULL) FROM marriage WHERE party_a = $A")" \
    "$A|$B|2027-03-19|1" "the marriage, from the day of registration"
rec=$(sql "SELECT record_id FROM marriage WHERE party_a = $A")
is "$(sql "SELECT CONCAT(kind, '|', citizen_id, '|', other_id, '|', book, '|', number, '|', r.commune_code, '|', event_date) FROM civil_record r JOIN dossier d ON d.id = r.dossier_id WHERE d.receipt_code = '$R' AND r.id = $rec")" \
    "marriage|$A|$B|KH|$((n0 + 1))/2027|$OC|2027-03-19" \
    "its record: kind, both parties, the next number of the commune's marriage book"
is "$(sql "SELECT marital_status FROM citizen WHERE id IN ($A, $B)" | sort -u)" married \
    "both are married"
is "$(sql "SELECT civil_version FROM citizen WHERE id = $A")/$(sql "SELECT civil_version FROM citizen WHERE id = $B")" \
    "$((va + 1))/$((vb + 1))" "both civil versions changed (earlier marital-status papers void)"
is "$(sql "SELECT CONCAT(paper, '|', law, '|', registered_on, '|', a_pid, '|', b_pid) FROM marriage_certificate WHERE record_id = $rec")" \
    "Giấy chứng nhận kết hôn|Luật Hộ tịch số 03/2026/QH16|2027-03-19|${P[30]}|${P[31]}" \
    "the certificate's facts: the paper and the law of the day, the parties"
is "$(sql "SELECT COUNT(*) FROM marriage_certificate m JOIN citizen a ON a.pid = m.a_pid JOIN citizen b ON b.pid = m.b_pid WHERE m.record_id = $rec AND m.a_name = a.full_name AND m.b_name = b.full_name AND m.a_birth_date = a.birth_date AND m.b_birth_date = b.birth_date")" 1 \
    "their names and birth dates, from the database"
module_at civil "2027-03-19 10:30:00"
fcgi_at "" POST /civil/citizen/extracts "idempotency_key=$(newkey)&kind=marriage" \
    MOTCUA_CITIZEN="${P[31]}"
is "$STATUS $(json paper)" "201 Giấy chứng nhận kết hôn" "she asks for an extract of the marriage"
is "$(json spouse full_name)|$(json record number)" \
    "$(sql "SELECT full_name FROM citizen WHERE id = $A")|$((n0 + 1))/2027" \
    "which names him, under the record's number"
decide_at "2027-03-19 10:05:00" "$H1" "$R" approve
is "$ANSWER" "409 state_conflict" "approved again: 409"
is "$(marriages "$A")" 1 "one marriage"
KEY=$(newkey) online_at "2027-03-19 11:00:00" 31 30
is "$ANSWER" "409 marriage_party_married" "and married people do not file again"

# --- the window: 30 days, then refused and closed ---------------------------
person 33 M 1995-05-05; person 34 F 1997-07-07
online_at "$AT" 33 34
RX=$(json receipt_code)
consent_at "2027-04-15 10:00:00" "${P[34]}" "$RX"
is "$ANSWER" "409 marriage_consent_expired" "30 days and an hour on: the consent is refused"
is "$(state "$RX")" rejected "and the dossier is closed"
is "$(sql "SELECT reason FROM dossier_event e JOIN dossier d ON d.id = e.dossier_id WHERE d.receipt_code = '$RX' AND e.to_state = 'rejected'")" \
    "the other party did not consent in time" "with its reason in the history"
consent_at "2027-04-15 11:00:00" "${P[34]}" "$RX"
is "$ANSWER" "409 marriage_consent_expired" "asked again: the same"
person 35 M 1995-05-05; person 36 F 1997-07-07
online_at "$AT" 35 36
RY=$(json receipt_code)
consent_at "2027-04-14 16:00:00" "${P[36]}" "$RY"
is "$STATUS" 201 "29 days on: in time"
is "$(due "$RY")" "2027-04-15 17:00" "(after the cut-off: due the next working day)"
person 37 M 1995-05-05; person 38 F 1997-07-07
online_at "$AT" 37 38
RZ=$(json receipt_code)
decide_at "2027-04-19 09:00:00" "$H1" "$RZ" accept
decide_at "2027-04-19 09:00:00" "$H2" "$RZ" approve
is "$ANSWER" "409 marriage_consent_expired" "never consented: approval refused as expired"
is "$(marriages "$(ID 37)")" 0 "(no marriage)"

# --- the counter: both present ------------------------------------------
person 40 M 1995-05-05; person 41 F 1997-07-07
module_at civil "$D 14:00:00"
fcgi_at "$CV" POST /civil/official/dossiers/marriage \
    "applicant_pid=${P[40]}&other_pid=${P[41]}&idempotency_key=$(newkey)"
is "$STATUS" 201 "an officer files at the counter with both present"
RC=$(json receipt_code)
is "$(sql "SELECT CONCAT(channel, '|', filed_by, '|', commune_code) FROM dossier WHERE receipt_code = '$RC'")" \
    "counter|$CV|$OC" "at the counter, by them, for their commune"
is "$(due "$RC")" "$D 17:00" "due the same day"
is "$(sql "SELECT CONCAT(how, '|', DATE_FORMAT(confirmed_at, '%H:%i')) FROM marriage_consent m JOIN dossier d ON d.id = m.dossier_id WHERE d.receipt_code = '$RC'")" \
    "in_person|14:00" "the consent is given in person"
consent_at "$D 14:10:00" "${P[41]}" "$RC"
is "$STATUS $(json consent)" "200 given" "(her consent online is the same one)"
# each asked for a confirmation of their marital status for a bank
for m in 40 41; do
	module_at civil "$D 14:05:00"
	fcgi_at "" POST /civil/citizen/confirmations \
	    "idempotency_key=$(newkey)&purpose=bank_loan" MOTCUA_CITIZEN="${P[$m]}"
	is "$STATUS $(json status)" "201 valid" "($m: a confirmation of their status, single)"
	echo "$(json verification_code)" >> "$T_TMP/papers"
done
decide_at "$D 14:30:00" "$CV" "$RC" approve
is "$ANSWER" "403 role_not_allowed" "the officer may not approve"
decide_at "$D 14:30:00" "$H1" "$RC" accept
decide_at "$D 14:30:00" "$H1" "$RC" approve
is "$STATUS $(json state)" "200 result_issued" "the head approves"
is "$(sql "SELECT COUNT(*) FROM marriage WHERE party_a = $(ID 40) AND party_b = $(ID 41) AND ended_on IS NULL")" 1 \
    "the marriage is registered"
for code in $(cat "$T_TMP/papers"); do
	fcgi_at "" GET "/civil/confirmations/$code"
	echo "$STATUS $(json status)/$(json void_reason)" >> "$T_TMP/voided"
done
is "$(sort -u "$T_TMP/voided")" "200 void/marital_status_changed" \
    "both parties' earlier confirmations are void"

# while registration is tied to residence, only a commune where one of
# them lives registers it
person 58 M 1995-05-05; person 59 F 1997-07-07
r0=$(sql "SELECT COUNT(*) FROM refusal WHERE actor = '$XV' AND reason = 'other_commune'")
module_at civil "2027-02-25 09:00:00"
fcgi_at "$XV" POST /civil/official/dossiers/marriage \
    "applicant_pid=${P[58]}&other_pid=${P[59]}&idempotency_key=$(newkey)"
is "$STATUS $(json code)" "403 forbidden" "2027-02-25: another commune's counter is refused"
is "$(sql "SELECT COUNT(*) FROM refusal WHERE actor = '$XV' AND reason = 'other_commune'")" \
    "$((r0 + 1))" "(recorded)"
fcgi_at "$CV" POST /civil/official/dossiers/marriage \
    "applicant_pid=${P[58]}&other_pid=${P[59]}&idempotency_key=$(newkey)"
is "$STATUS" 201 "their own commune's counter files it"
module_at civil "2027-03-02 09:00:00"
fcgi_at "$XV" POST /civil/official/dossiers/marriage \
    "applicant_pid=${P[58]}&other_pid=${P[59]}&idempotency_key=$(newkey)"
is "$STATUS $(sql "SELECT commune_code FROM dossier WHERE receipt_code = '$(json receipt_code)'")" \
    "201 $XC" "2027-03-02: any commune's counter, which then decides it"

# --- verification: 5 working days from receipt --------------------------
person 42 M 1995-05-05; person 43 F 1997-07-07
online_at "$AT" 42 43
RV=$(json receipt_code)
decide_at "$D 09:30:00" "$CV" "$RV" verify
is "$STATUS" 200 "an officer marks it for verification"
is "$(due "$RV")" "2027-03-23 12:00" \
    "due 10 working half-days from Tuesday morning's receipt (marriage_verify_halves)"
consent_at "$D 10:00:00" "${P[43]}" "$RV"
is "$STATUS|$(due "$RV")" "201|2027-03-23 12:00" "the consent leaves that limit alone"

# --- the conditions again at approval -------------------------------------
person 44 M 1995-05-05; person 45 F 1997-07-07; person 46 M 1993-01-01
online_at "$AT" 44 45
RM=$(json receipt_code)
consent_at "$D 10:00:00" "${P[45]}" "$RM"
decide_at "$D 10:30:00" "$H1" "$RM" accept
# meanwhile she marries someone else (another registry's record)
sql "INSERT INTO marriage (party_a, party_b, married_on) VALUES ($(ID 46), $(ID 45), '2027-03-16');
    UPDATE citizen SET marital_status = 'married' WHERE id IN ($(ID 45), $(ID 46))"
decide_at "$D 11:00:00" "$H2" "$RM" approve
is "$ANSWER" "409 marriage_party_married" "approval checks again: she is married now"
is "$(state "$RM")|$(marriages "$(ID 44)")" "accepted|0" "nothing was written"
person 47 M 1995-05-05; person 48 F 1997-07-07
online_at "$AT" 47 48
RD=$(json receipt_code)
consent_at "$D 10:00:00" "${P[48]}" "$RD"
decide_at "$D 10:30:00" "$H1" "$RD" accept
sql "UPDATE citizen SET death_date = '2027-03-16' WHERE id = $(ID 47)"
decide_at "$D 11:00:00" "$H2" "$RD" approve
is "$ANSWER" "409 person_deceased" "or the filer has died"

# --- through the web server: consent, and two approvals at once ------------
person 50 M 1990-05-05; person 51 F 1992-07-07
http POST /civil/citizen/dossiers/marriage -u "${P[50]}:demo" "${J[@]}" \
    --data "idempotency_key=$(newkey)&other_pid=${P[51]}"
is "$STATUS" 201 "filed online through the web server"
RW=$(json receipt_code)
http POST "/civil/citizen/dossiers/$RW/consent" -u "${P[52]}:demo" "${J[@]}" -d x=1
is "$STATUS" 404 "another citizen: not found"
http POST "/civil/citizen/dossiers/$RW/consent" -u "${P[51]}:demo" "${J[@]}" -d x=1
is "$STATUS $(json consent)" "201 given" "she consents"
http POST "/civil/official/dossiers/$RW/accept" -u "$H1:demo" "${J[@]}" -d x=1
for o in "$H1" "$H2"; do
	curl -sS -o /dev/null -w '%{http_code}\n' -u "$o:demo" "${J[@]}" -d x=1 \
	    "$BASE/civil/official/dossiers/$RW/approve" >> "$T_TMP/race" &
done
wait
is "$(sort "$T_TMP/race" | tr '\n' ' ')" "200 409 " "two approvals at once: one 200, one 409"
is "$(marriages "$(ID 50)")" 1 "one marriage"
# two dossiers naming the same woman, approved at once: one marriage
person 53 M 1990-05-05; person 54 F 1992-07-07; person 55 M 1991-05-05
for m in 53 55; do
	http POST /civil/citizen/dossiers/marriage -u "${P[$m]}:demo" "${J[@]}" \
	    --data "idempotency_key=$(newkey)&other_pid=${P[54]}"
	r=$(json receipt_code)
	http POST "/civil/citizen/dossiers/$r/consent" -u "${P[54]}:demo" "${J[@]}" -d x=1
	http POST "/civil/official/dossiers/$r/accept" -u "$H1:demo" "${J[@]}" -d x=1
	echo "$r" >> "$T_TMP/two"
done
is "$(sort -u "$T_TMP/two" | wc -l)" 2 "(two dossiers, both accepted)"
for r in $(cat "$T_TMP/two"); do
	curl -sS -o "$T_TMP/two-$r" -w '%{http_code}\n' -u "$H2:demo" "${J[@]}" -d x=1 \
	    "$BASE/civil/official/dossiers/$r/approve" >> "$T_TMP/race2" &
done
wait
is "$(sort "$T_TMP/race2" | tr '\n' ' ')" "200 409 " "approved at once: one 200, one 409"
is "$(cat "$T_TMP"/two-* | grep -c marriage_party_married)" 1 "(the other: she is married)"
is "$(marriages "$(ID 54)")" 1 "she has one marriage"
# the civil role's rights on what marriage registration writes, no more
tab() {	# tab TABLE: the civil role's privileges on the whole table
	sql "SELECT GROUP_CONCAT(PRIVILEGE_TYPE ORDER BY PRIVILEGE_TYPE)
	    FROM information_schema.TABLE_PRIVILEGES WHERE TABLE_NAME = '$1'
	    AND GRANTEE LIKE '%motcua_civil_role%'"
}
is "$(tab marriage_consent)" "INSERT,SELECT,UPDATE" "the consent: asked, read, given; never deleted"
is "$(tab marriage_certificate)" "INSERT" "the certificate's facts: written once"
restore
is "$(facts)" "$F0" "(the demo's civil facts of these people are back)"
t_done
