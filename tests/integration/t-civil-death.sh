# Death registration (khai tử, 1.000656): each refusal with its own code;
# approval's whole effect in one transaction (the person deceased, the
# death numbered in the commune's book and recorded, their records
# locked, their residences ended so every residence confirmation about
# them is void and the change feed says so, their marriage ended and the
# spouse widowed); a later registration about them refused; and nothing
# written when any part of the approval fails.
. "$top_srcdir/tests/lib.sh"

J=(-H 'Accept: application/json')
OC=$(sql "SELECT commune_code FROM official WHERE username = '$(official 12)'")
T=ct$RANDOM
for o in "h1 commune_head" "h2 commune_head" "cv commune_officer"; do
	set -- $o
	sql "INSERT INTO official (username, full_name, role, commune_code) VALUES ('$T.$1', 'Cán bộ kiểm thử', '$2', '$OC')"
done
H1=$T.h1 H2=$T.h2 CV=$T.cv
hash=$(cut -d: -f2- "$STACK_DIR/nginx/officials.htpasswd" | head -1)
for o in "$H1" "$H2" "$CV"; do echo "$o:$hash" >> "$STACK_DIR/nginx/officials.htpasswd"; done
# living, unmarried people of commune OC with a permanent residence there
# and no civil records but their birth (the demo families)
mapfile -t P < <(sql "SELECT c.pid FROM citizen c JOIN residence r ON r.citizen_id = c.id WHERE r.kind = 'permanent' AND r.valid_to IS NULL AND r.commune_code = '$OC' AND c.death_date IS NULL AND NOT EXISTS (SELECT 1 FROM marriage m WHERE c.id IN (m.party_a, m.party_b)) AND NOT EXISTS (SELECT 1 FROM civil_record x WHERE (x.citizen_id = c.id OR x.other_id = c.id) AND (x.kind <> 'birth' OR x.locked)) ORDER BY c.id DESC LIMIT 12")
hash=$(cut -d: -f2- "$STACK_DIR/nginx/citizens.htpasswd" | head -1)
for p in "${P[@]}"; do echo "$p:$hash" >> "$STACK_DIR/nginx/citizens.htpasswd"; done
is "${#P[@]}" 12 "(people of the commune)"
id() { sql "SELECT id FROM citizen WHERE pid = '$1'"; }
TODAY=$(date -d '+7 hours' -u +%F)	# the module's clock: Vietnam's day
YEAR=${TODAY%%-*}
DD=$(date -d "$TODAY - 3 day" +%F)

# marry A B: an open marriage between two of them
marry() {
	sql "INSERT INTO marriage (party_a, party_b, married_on) VALUES ($(id "$1"), $(id "$2"), '2010-05-01')"
	sql "UPDATE citizen SET marital_status = 'married' WHERE pid IN ('$1', '$2')"
}
# declare DECLARANT DECEASED [curl args]: a death declared online
declare_death() {
	local who=$1 dead=$2
	shift 2
	http POST /civil/citizen/dossiers/death -u "$who:demo" "${J[@]}" \
	    --data-urlencode "idempotency_key=$(newkey)" -d "relation=${REL:-spouse}" \
	    -d "deceased_pid=$dead" --data-urlencode "death_place=Bệnh viện huyện" \
	    -d "notice_number=GBT-$RANDOM/$YEAR" "$@"
	ANSWER="$STATUS $(json code)"
}
# counter_death DECLARANT DECEASED [curl args]: the same at the counter
counter_death() {
	local who=$1 dead=$2
	shift 2
	http POST /civil/official/dossiers/death -u "$CV:demo" "${J[@]}" \
	    --data-urlencode "idempotency_key=$(newkey)" -d "applicant_pid=$who" \
	    -d "relation=${REL:-other_relative}" -d "deceased_pid=$dead" \
	    --data-urlencode "death_place=Tại nhà" -d "notice_number=GBT-$RANDOM/$YEAR" "$@"
	ANSWER="$STATUS $(json code)"
}
decide() {	# decide OFFICIAL RECEIPT ACTION [curl args]
	local o=$1 r=$2 act=$3
	shift 3
	http POST "/civil/official/dossiers/$r/$act" -u "$o:demo" "${J[@]}" -d x=1 "$@"
}
count() { sql "SELECT COUNT(*) FROM $1"; }
current() {	# current PID: their current residences
	sql "SELECT COUNT(*) FROM residence WHERE citizen_id = $(id "$1") AND (valid_to IS NULL OR valid_to >= CURDATE())"
}

D=${P[0]} S=${P[1]}	# the deceased and their spouse, who declares
marry "$D" "$S"
sql "INSERT INTO residence (citizen_id, kind, commune_code, address, valid_from, valid_to) VALUES ($(id "$D"), 'temporary', '$OC', 'Phòng 4, nhà trọ Hoa Mai', CURDATE() - INTERVAL 30 DAY, CURDATE() + INTERVAL 200 DAY)"
BIRTH=$(sql "SELECT birth_date FROM citizen WHERE pid = '$D'")

# --- the refusals ----------------------------------------------------------
n0=$(count dossier)
while :; do
	U=0010$(printf '%02d%06d' $((RANDOM % 100)) $((RANDOM * 30 % 1000000)))
	[ "$(sql "SELECT COUNT(*) FROM citizen WHERE pid = '$U'")" = 0 ] && break
done
declare_death "$S" "$U" -d "death_date=$DD"
is "$ANSWER" "403 relation_not_found" "online, a person the database does not know"
like "$(json message_vi)" 'Ủy ban nhân dân cấp xã' "(go to the commune, in Vietnamese)"
# a stranger to a person who exists gets the very same answer, before
# anything about the person is compared (alive, born before a date)
for dd in "$DD" "$(date -d "$BIRTH - 1 day" +%F)"; do
	declare_death "${P[9]}" "$D" -d "death_date=$dd"
	is "$ANSWER" "403 relation_not_found" "a stranger's declaration: the same answer ($dd)"
done
REL=child declare_death "$S" "$D" -d "death_date=$DD"
is "$ANSWER" "403 relation_not_found" "a relation other than the one the database holds"
REL=other_relative declare_death "$S" "$D" -d "death_date=$DD"
is "$ANSWER" "403 relation_not_found" "another relative declares at the counter, not online"
declare_death "$S" "$D" -d "death_date=$(date -d "$TODAY + 1 day" +%F)"
is "$ANSWER" "422 death_date_in_future" "a date of death after today"
like "$(json message_vi)" 'Ngày chết' "(said in Vietnamese)"
declare_death "$S" "$D" -d "death_date=$(date -d "$BIRTH - 1 day" +%F)"
is "$ANSWER" "422 death_date_before_birth" "a date of death before the birth"
counter_death "$D" "$D" -d "death_date=$DD"
is "$ANSWER" "422 invalid_field" "one does not declare one's own death"
like "$BODY" 'is_declarant' "(the declarant)"
X=${P[2]}
sql "UPDATE citizen SET death_date = '2020-01-01' WHERE pid = '$X'"
counter_death "$S" "$X" -d "death_date=$DD"
is "$ANSWER" "409 person_deceased" "a person already deceased"
like "$(json message_en)" 'locked' "(their records are locked)"
sql "UPDATE citizen SET death_date = NULL WHERE pid = '$X'"	# (put back)
Y=${P[3]}
sql "INSERT INTO civil_record (kind, book, number, commune_code, citizen_id, event_date, registered_at, locked) VALUES ('birth', 'KS', 'T$RANDOM/1990', '$OC', $(id "$Y"), '1990-01-01', NOW(), 1)"
counter_death "$S" "$Y" -d "death_date=$DD"
is "$ANSWER" "409 person_deceased" "a person whose records are locked"
sql "DELETE FROM civil_record WHERE citizen_id = $(id "$Y") AND number LIKE 'T%/1990'"
declare_death "$S" "$D" -d "death_date=$DD" -d "death_time=25:00"
is "$ANSWER" "422 invalid_field" "a time of death that is no time"
is "$(count dossier)" "$n0" "no refusal wrote a dossier"

# online, a child the database links to the parent, and a sibling by a
# parent in common, may declare (the dossiers are then rejected)
read -r KID PAR SIB <<< "$(sql "SELECT k.pid, p.pid, s.pid FROM parent_link l JOIN citizen k ON k.id = l.child_id JOIN citizen p ON p.id = l.parent_id JOIN residence r ON r.citizen_id = p.id AND r.kind = 'permanent' AND r.valid_to IS NULL AND r.commune_code = '$OC' JOIN parent_link m ON m.parent_id = l.parent_id AND m.child_id <> l.child_id JOIN citizen s ON s.id = m.child_id WHERE p.death_date IS NULL AND k.death_date IS NULL AND s.death_date IS NULL AND k.birth_date <= CURDATE() - INTERVAL 18 YEAR ORDER BY l.child_id LIMIT 1" | tr '\t' ' ')"
for p in "$KID" "$SIB"; do echo "$p:$hash" >> "$STACK_DIR/nginx/citizens.htpasswd"; done
REL=child declare_death "$KID" "$PAR" -d "death_date=$DD"
is "$ANSWER" "201 " "a child the database links to the parent declares online"
decide "$H1" "$(json receipt_code)" reject -d "reason=Kiểm thử"
REL=parent declare_death "$PAR" "$KID" -d "death_date=$DD"
is "$ANSWER" "201 " "and a parent, their child's"
decide "$H1" "$(json receipt_code)" reject -d "reason=Kiểm thử"
REL=sibling declare_death "$SIB" "$KID" -d "death_date=$DD"
is "$ANSWER" "201 " "and a sibling by a parent in common"
decide "$H1" "$(json receipt_code)" reject -d "reason=Kiểm thử"
n0=$(count dossier)

# --- approval: the whole effect -------------------------------------------
http POST /residence/citizen/confirmations -u "$D:demo" "${J[@]}" \
    --data-urlencode "idempotency_key=$(newkey)"
CODE=$(json verification_code)
http GET "/residence/confirmations/$CODE" "${J[@]}"
is "$(json status)" valid "(a residence confirmation of the deceased, valid)"
is "$(current "$D")" 2 "(a permanent and a temporary residence)"
is "$(sql "SELECT household_id IS NOT NULL FROM citizen WHERE pid = '$D'")" 1 "(in a household)"
feed0=$(sql "SELECT COUNT(*) FROM change_log WHERE citizen_id = $(id "$D") AND kind = 'cham_dut_cu_tru'")
cv0=$(sql "SELECT civil_version FROM citizen WHERE pid = '$S'")

declare_death "$S" "$D" -d "death_date=$DD" -d "death_time=08:30" \
    --data-urlencode "cause=Bệnh tim"
is "$ANSWER" "201 " "the spouse declares the death online"
R=$(json receipt_code)
is "$(sql "SELECT commune_code FROM dossier WHERE receipt_code = '$R'")" "$OC" \
    "decided by the commune of the deceased's residence"
decide "$CV" "$R" accept
is "$STATUS" 200 "accepted"
is "$(sql "SELECT death_date IS NULL FROM citizen WHERE pid = '$D'")" 1 "(nothing happens before approval)"
decide "$H1" "$R" approve
is "$STATUS $(json state)" "200 result_issued" "approved: the result is issued"
is "$(sql "SELECT death_date FROM citizen WHERE pid = '$D'")" "$DD" "the person is deceased, with the date"
rec=$(sql "SELECT CONCAT_WS('|', r.kind, r.book, r.commune_code, r.event_date, r.event_time, r.event_place, r.declarant_id, r.declarant_relation, r.locked, d.notice_number LIKE 'GBT-%', d.cause) FROM civil_record r JOIN civil_death d ON d.record_id = r.id JOIN dossier x ON x.id = r.dossier_id WHERE r.citizen_id = $(id "$D") AND x.receipt_code = '$R'")
is "$rec" "death|KT|$OC|$DD|08:30:00|Bệnh viện huyện|$(id "$S")|spouse|1|1|Bệnh tim" \
    "the death is recorded: book, commune, date, time, place, declarant, notice, cause"
N1=$(sql "SELECT number FROM civil_record WHERE citizen_id = $(id "$D") AND kind = 'death'")
like "$N1" "^[0-9]+/$YEAR\$" "numbered in the commune's death book of the year"
is "$(sql "SELECT COUNT(*) FROM civil_record WHERE citizen_id = $(id "$D") AND locked = 0")" 0 \
    "every record of theirs is locked"
is "$(current "$D")" 0 "their permanent and temporary residences end"
is "$(sql "SELECT COUNT(*) FROM change_log WHERE citizen_id = $(id "$D") AND kind = 'cham_dut_cu_tru'")" \
    "$((feed0 + 2))" "the change feed carries both ends of residence"
http GET "/residence/confirmations/$CODE" "${J[@]}"
is "$(json status)" void "the residence confirmation issued before is void"
is "$(sql "SELECT CONCAT(ended_on, '|', end_reason) FROM marriage WHERE party_a = $(id "$D")")" \
    "$DD|death" "the marriage ends by death, on the day"
is "$(sql "SELECT marital_status FROM citizen WHERE pid = '$S'")" widowed "the spouse is widowed"
is "$(sql "SELECT CONCAT_WS('|', household_id, household_role, 'out') FROM citizen WHERE pid = '$D'")" out \
    "the deceased leaves their household's register"
is "$(sql "SELECT civil_version FROM citizen WHERE pid = '$S'")" "$((cv0 + 1))" \
    "(so their marital-status confirmations turn void)"

declare_death "$S" "$D" -d "death_date=$DD"
is "$ANSWER" "409 person_deceased" "a second registration of the death is refused"
http POST /civil/official/dossiers/death -u "$CV:demo" "${J[@]}" \
    --data-urlencode "idempotency_key=$(newkey)" -d "applicant_pid=$S" \
    -d relation=spouse -d "deceased_pid=$D" -d "death_date=$DD" \
    -d death_place=Nha -d notice_number=GBT-9
is "$STATUS $(json code)" "403 forbidden" \
    "at the counter too (they no longer live anywhere: no commune may)"

# two dossiers about one person: the second approval is refused
E=${P[4]}
REL=child counter_death "${P[5]}" "$E" -d "death_date=$DD"
R1=$(json receipt_code)
REL=sibling counter_death "${P[6]}" "$E" -d "death_date=$DD"
R2=$(json receipt_code)
decide "$CV" "$R1" accept
decide "$CV" "$R2" accept
decide "$H1" "$R1" approve
is "$STATUS" 200 "one of two dossiers about one death is approved"
N2=$(sql "SELECT number FROM civil_record WHERE citizen_id = $(id "$E") AND kind = 'death'")
is "${N2%%/*}" "$((${N1%%/*} + 1))" "the next number of the book"
decide "$H1" "$R2" approve
is "$STATUS $(json code)" "409 person_deceased" "the other is refused at approval"
is "$(sql "SELECT state FROM dossier WHERE receipt_code = '$R2'")" accepted "and stays as it was"
is "$(sql "SELECT COUNT(*) FROM civil_record WHERE citizen_id = $(id "$E") AND kind = 'death'")" 1 \
    "one death record"

# --- all or nothing --------------------------------------------------------
F=${P[7]} G=${P[8]}
marry "$F" "$G"
declare_death "$G" "$F" -d "death_date=$DD"
RF=$(json receipt_code)
decide "$CV" "$RF" accept
# the number the approval will draw is taken already: its record's
# insert fails after the person was marked deceased
last=$(sql "SELECT COALESCE(MAX(last), 0) FROM civil_book_seq WHERE commune_code = '$OC' AND book = 'KT' AND year = $YEAR")
sql "INSERT INTO civil_record (kind, book, number, commune_code, citizen_id, event_date, registered_at) VALUES ('death', 'KT', '$((last + 1))/$YEAR', '$OC', $(id "${P[9]}"), '$DD', NOW())"
feed0=$(sql "SELECT COUNT(*) FROM change_log WHERE citizen_id = $(id "$F")")
before=$(sql "SELECT CONCAT_WS('|', c.death_date, c.marital_status, g.marital_status, m.ended_on, (SELECT COUNT(*) FROM residence r WHERE r.citizen_id = c.id AND r.valid_to IS NULL), (SELECT COUNT(*) FROM civil_record x WHERE x.citizen_id = c.id)) FROM citizen c JOIN marriage m ON m.party_a = c.id JOIN citizen g ON g.id = m.party_b WHERE c.pid = '$F'")
decide "$H1" "$RF" approve
[ "$STATUS" != 200 ]
ok $? "an approval whose record cannot be written fails ($STATUS)"
after=$(sql "SELECT CONCAT_WS('|', c.death_date, c.marital_status, g.marital_status, m.ended_on, (SELECT COUNT(*) FROM residence r WHERE r.citizen_id = c.id AND r.valid_to IS NULL), (SELECT COUNT(*) FROM civil_record x WHERE x.citizen_id = c.id)) FROM citizen c JOIN marriage m ON m.party_a = c.id JOIN citizen g ON g.id = m.party_b WHERE c.pid = '$F'")
is "$after" "$before" "nothing of it was written: alive, married, residences, no record"
is "$(sql "SELECT COUNT(*) FROM change_log WHERE citizen_id = $(id "$F")")" "$feed0" "nothing fed"
is "$(sql "SELECT state FROM dossier WHERE receipt_code = '$RF'")" accepted "the dossier stays accepted"
is "$(sql "SELECT COALESCE(MAX(last), 0) FROM civil_book_seq WHERE commune_code = '$OC' AND book = 'KT' AND year = $YEAR")" \
    "$last" "no number drawn"
sql "DELETE FROM civil_record WHERE commune_code = '$OC' AND book = 'KT' AND number = '$((last + 1))/$YEAR' AND citizen_id = $(id "${P[9]}")"
decide "$H1" "$RF" approve
is "$STATUS" 200 "once the number is free, the approval goes through"
is "$(sql "SELECT CONCAT(c.death_date, '|', g.marital_status) FROM citizen c JOIN marriage m ON m.party_a = c.id JOIN citizen g ON g.id = m.party_b WHERE c.pid = '$F'")" \
    "$DD|widowed" "with all of its effect"

# the last statement fails (a fixture trigger on the marriage's end):
# everything before it is undone too
K=${P[10]} L=${P[11]}
marry "$K" "$L"
REL=spouse declare_death "$L" "$K" -d "death_date=$DD"
RK=$(json receipt_code)
decide "$CV" "$RK" accept
http POST /residence/citizen/confirmations -u "$K:demo" "${J[@]}" \
    --data-urlencode "idempotency_key=$(newkey)"
KCODE=$(json verification_code)
printf 'DELIMITER //\nCREATE TRIGGER test_marriage_fails BEFORE UPDATE ON marriage FOR EACH ROW IF NEW.party_a = %s THEN SIGNAL SQLSTATE '"'45000'"'; END IF//\n' \
    "$(id "$K")" | mariadb --defaults-file="$MYCNF" motcua
state() {
	sql "SELECT CONCAT_WS('|', c.death_date, g.marital_status, m.ended_on,
	    c.residence_version, (SELECT COUNT(*) FROM civil_record x
	    WHERE x.citizen_id = c.id), (SELECT COUNT(*) FROM change_log f
	    WHERE f.citizen_id = c.id)) FROM citizen c JOIN marriage m
	    ON m.party_a = c.id JOIN citizen g ON g.id = m.party_b
	    WHERE c.pid = '$K'"
}
before=$(state) runs=$(current "$K")
decide "$H1" "$RK" approve
[ "$STATUS" != 200 ]
ok $? "an approval whose last statement fails fails ($STATUS)"
is "$(state)" "$before" \
    "the death, the record, the residence ends and the widowing are undone"
is "$(current "$K")" "$runs" "the residences still run"
http GET "/residence/confirmations/$KCODE" "${J[@]}"
is "$(json status)" valid "and the residence confirmation still holds"
sql "DROP TRIGGER test_marriage_fails"
decide "$H1" "$RK" approve
is "$STATUS $(current "$K")" "200 0" "without the fixture it goes through"

# --- least privilege (018) -------------------------------------------------
cols() {	# cols TABLE PRIVILEGE: the civil role's columns with it
	sql "SELECT GROUP_CONCAT(COLUMN_NAME ORDER BY COLUMN_NAME)
	    FROM information_schema.COLUMN_PRIVILEGES WHERE TABLE_NAME = '$1'
	    AND PRIVILEGE_TYPE = '$2' AND GRANTEE LIKE '%motcua_civil_role%'"
}
tab() {	# tab TABLE: the civil role's privileges on the whole table
	sql "SELECT GROUP_CONCAT(PRIVILEGE_TYPE ORDER BY PRIVILEGE_TYPE)
	    FROM information_schema.TABLE_PRIVILEGES WHERE TABLE_NAME = '$1'
	    AND GRANTEE LIKE '%motcua_civil_role%'"
}
# (birth registration, 023, adds a newborn citizen and their permanent
# residence)
is "$(cols citizen UPDATE)|$(tab citizen)" \
    "death_date,household_id,household_role,marital_status|INSERT,SELECT" \
    "the civil role changes a person's death date, household and marital status only (and adds a newborn)"
is "$(cols residence UPDATE)|$(tab residence)" "valid_to|INSERT,SELECT" \
    "ends a residence, and changes nothing else of it (and begins a newborn's)"
is "$(cols marriage UPDATE)|$(tab marriage)" "ended_on,end_reason|INSERT,SELECT" \
    "ends a marriage, and changes nothing else of it (registration adds one)"
is "$(cols civil_record UPDATE)|$(tab civil_record)" "locked|INSERT,SELECT" \
    "records, and locks a record"
is "$(tab civil_death)" INSERT "writes a death's details once"
t_done
