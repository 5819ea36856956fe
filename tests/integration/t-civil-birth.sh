# Birth registration (1.001193) through the web server: every refusal,
# the late mark, possible duplicates held (another child within 270 days;
# a similar name, diacritics folded, within 5 days) and cleared or
# rejected, what approval writes (the child with a new personal number,
# the parent links, the record and its facts, the residence bundle and
# the health-insurance card's change), all or nothing, idempotent
# retries, and numbers valid and distinct under 20 concurrent approvals
# and under collisions.
. "$top_srcdir/tests/lib.sh"

J=(-H 'Accept: application/json')
TODAY=$(sql "SELECT DATE(CONVERT_TZ(UTC_TIMESTAMP(), '+00:00', '+07:00'))")
YEAR=${TODAY%%-*}
ago() { date -d "$TODAY - $1 day" +%F; }

# the registering commune and its officials
OC=$(sql "SELECT commune_code FROM official WHERE username = '$(official 12)'")
XC=$(sql "SELECT commune_code FROM official WHERE commune_code <> '$OC' ORDER BY id LIMIT 1")
PP=$(sql "SELECT province_code FROM commune_pre2025 WHERE commune_code = '$OC'")
like "$PP" '^[0-9]{2}$' "(the commune's pre-2025 province: $PP)"
T=cb$RANDOM
for o in "h1 commune_head $OC" "h2 commune_head $OC" "cv commune_officer $OC" \
    "xh commune_head $XC"; do
	set -- $o
	sql "INSERT INTO official (username, full_name, role, commune_code) VALUES ('$T.$1', 'Cán bộ kiểm thử', '$2', '$3')"
done
H1=$T.h1 H2=$T.h2 CV=$T.cv XH=$T.xh
hash=$(cut -d: -f2- "$STACK_DIR/nginx/officials.htpasswd" | head -1)
for o in "$H1" "$H2" "$CV" "$XH"; do echo "$o:$hash" >> "$STACK_DIR/nginx/officials.htpasswd"; done

# living women and men of age with a permanent residence and a household,
# without a recent child, made residents of OC, who can sign on
people() {	# people SEX FROM TO N
	sql "SELECT c.pid FROM citizen c JOIN residence r ON r.citizen_id = c.id
	    AND r.kind = 'permanent' AND r.valid_to IS NULL
	    WHERE c.sex = '$1' AND c.birth_date BETWEEN '$2' AND '$3'
	    AND c.death_date IS NULL AND c.household_id IS NOT NULL
	    AND NOT EXISTS (SELECT 1 FROM parent_link l WHERE l.parent_id = c.id)
	    ORDER BY c.id DESC LIMIT $4"
}
mapfile -t M < <(people F 1988-01-01 2003-12-31 42)
mapfile -t F < <(people M 1985-01-01 2002-12-31 8)
is "${#M[@]} ${#F[@]}" "42 8" "(42 mothers and 8 fathers)"
hash=$(cut -d: -f2- "$STACK_DIR/nginx/citizens.htpasswd" | head -1)
pids=""
for p in "${M[@]}" "${F[@]}"; do
	echo "$p:$hash" >> "$STACK_DIR/nginx/citizens.htpasswd"
	pids="$pids,'$p'"
done
ids=$(sql "SELECT GROUP_CONCAT(id) FROM citizen WHERE pid IN (${pids#,})")
# what the test changes of them, put back when it is done
T_SAVE_R=t_birth_r$$ T_SAVE_C=t_birth_c$$
sql "CREATE TABLE $T_SAVE_R AS SELECT id, commune_code, valid_to FROM residence WHERE citizen_id IN ($ids)"
sql "CREATE TABLE $T_SAVE_C AS SELECT id, ethnicity, nationality, hometown, death_date FROM citizen WHERE id IN ($ids)"
sql "UPDATE residence SET commune_code = '$OC' WHERE kind = 'permanent' AND valid_to IS NULL AND citizen_id IN ($ids)"
sql "UPDATE citizen SET ethnicity = 'Kinh', nationality = 'Việt Nam', hometown = 'xã Kim Sơn, tỉnh Ninh Bình' WHERE id IN ($ids)"
cid() { sql "SELECT id FROM citizen WHERE pid = '$1'"; }

# birth CHILD-NAME SEX DATE [FIELD=VALUE...]: a birth's fields (the
# mother is $MOTHER), as curl arguments in BF
birth() {
	BF=(--data-urlencode "idempotency_key=${KEY:-$(newkey)}"
	    --data-urlencode "relation=${REL:-parent}"
	    --data-urlencode "child_name=$1" -d "child_sex=$2" -d "birth_date=$3"
	    --data-urlencode "birth_place=Bệnh viện Sản Nhi tỉnh"
	    -d birth_place_kind=facility -d "mother_pid=$MOTHER")
	shift 3
	for f in "$@"; do BF+=(--data-urlencode "$f"); done
}
# online WHO CHILD-NAME SEX DATE [FIELD=VALUE...]: WHO files it online
online() {
	local who=$1
	shift
	birth "$@"
	http POST /civil/citizen/dossiers/birth -u "$who:demo" "${J[@]}" "${BF[@]}"
	ANSWER="$STATUS $(json code)"
	R=$(json receipt_code)
}
# counter OFFICIAL DECLARANT CHILD-NAME SEX DATE [FIELD=VALUE...]
counter() {
	local o=$1 decl=$2
	shift 2
	birth "$@"
	http POST /civil/official/dossiers/birth -u "$o:demo" "${J[@]}" \
	    -d "applicant_pid=$decl" "${BF[@]}"
	ANSWER="$STATUS $(json code)"
	R=$(json receipt_code)
}
decide() {	# decide OFFICIAL RECEIPT ACTION [curl args]
	local o=$1 rc=$2 act=$3
	shift 3
	http POST "/civil/official/dossiers/$rc/$act" -u "$o:demo" "${J[@]}" -d x=1 "$@"
	ANSWER="$STATUS $(json code)"
}
# approve OFFICIAL RECEIPT: accepts the dossier (when it was received)
# and approves it
approve() {
	[ "$(state "$2")" = submitted ] && decide "$1" "$2" accept
	decide "$1" "$2" approve
}
view() { http GET "/civil/citizen/dossiers/$2" -u "$1:demo" "${J[@]}"; }
state() { sql "SELECT state FROM dossier WHERE receipt_code = '$1'"; }
did() { sql "SELECT id FROM dossier WHERE receipt_code = '$1'"; }
child_of() {	# child_of RECEIPT: the registered child's id
	sql "SELECT child_id FROM civil_birth_dossier WHERE dossier_id = $(did "$1")"
}
# pid_ok PID SEX YEAR: the project's personal-number rules (valid.c):
# 12 digits, 0 and a pre-2025 province, the century-and-sex digit and the
# year; and the registering commune's province
pid_ok() {
	local pid=$1 sex=$2 year=$3 g
	g=$(( (year / 100 - 19) * 2 ))
	[ "$sex" = F ] && g=$((g + 1))
	[[ $pid =~ ^0[0-9]{11}$ ]] || return 1
	[ "${pid:1:2}" = "$PP" ] || return 1
	[ "$(sql "SELECT COUNT(*) FROM province_pre2025 WHERE code = '${pid:1:2}'")" = 1 ] || return 1
	[ "${pid:3:1}" = "$g" ] && [ "${pid:4:2}" = "${year:2:2}" ]
}
n_dossiers() { sql "SELECT COUNT(*) FROM dossier WHERE procedure_code = '1.001193'"; }

# --- refusals ---------------------------------------------------------------
n0=$(n_dossiers)
while :; do	# a well-formed number nobody has
	UNK=0010$(printf '%02d%06d' $((RANDOM % 100)) $((RANDOM * 30 % 1000000)))
	[ "$(sql "SELECT COUNT(*) FROM citizen WHERE pid = '$UNK'")" = 0 ] && break
done
# online: a parent named files, and the other parent named is their
# spouse; nothing else about anyone is learnt from the answers
MOTHER=${M[0]}
online "${M[2]}" "Lê Văn Tèo" M "$(ago 3)"
is "$ANSWER" "403 not_a_parent" "online, someone who is neither parent named: 403 not_a_parent"
MOTHER=$UNK
online "${F[0]}" "Lê Văn Tèo" M "$(ago 3)" "father_pid=${F[0]}"
a1=$ANSWER
MOTHER=${M[1]}
online "${F[0]}" "Lê Văn Tèo" M "$(ago 3)" "father_pid=${F[0]}"
a2=$ANSWER
MOTHER=${M[0]}
online "${M[0]}" "Lê Văn Tèo" M "$(ago 3)" "father_pid=$UNK"
a3=$ANSWER
online "${M[0]}" "Lê Văn Tèo" M "$(ago 3)" "father_pid=${M[4]}"
a4=$ANSWER
is "$a1|$a2|$a3|$a4" "403 relation_not_found|403 relation_not_found|403 relation_not_found|403 relation_not_found" \
    "online, a mother nobody has, a woman who is not his wife, a father nobody has, a woman as father: the same 403"
like "$(json message_en)" "commune" "which sends them to the commune"
# at the counter, where an official sees the papers
MOTHER=$UNK
REL=grandparent counter "$CV" "${M[3]}" "Lê Văn Tèo" M "$(ago 3)" "father_pid=${F[0]}"
is "$ANSWER" "422 mother_unknown" "a mother the database does not know: 422 mother_unknown"
like "$(json message_en)" "mother" "in words"
MOTHER=${M[1]}
sql "UPDATE citizen SET death_date = '$(ago 1)' WHERE pid = '${M[1]}'"
REL=grandparent counter "$CV" "${M[3]}" "Lê Văn Tèo" M "$(ago 3)"
is "$ANSWER" "409 mother_deceased" "a deceased mother: 409 mother_deceased"
sql "UPDATE citizen SET death_date = NULL WHERE pid = '${M[1]}'"
MOTHER=${M[0]}
online "${M[0]}" "Lê Văn Tèo" M "$(date -d "$TODAY + 1 day" +%F)"
is "$ANSWER" "422 birth_date_in_future" "a birth tomorrow: 422 birth_date_in_future"
online "${M[0]}" "Lê Văn Tèo" M "$(ago 3)" "birth_certificate=12345.GCS.1234.26"
is "$ANSWER" "422 invalid_field" "a birth certificate code of the wrong shape: 422"
is "$(json_text fields)" '[{"name":"birth_certificate","reason":"certificate_format"}]' \
    "naming the field and the shape"
REL=grandparent online "${M[0]}" "Lê Văn Tèo" M "$(ago 3)"
is "$ANSWER|$(json_text fields)" '422 invalid_field|[{"name":"relation","reason":"is_parent"}]' \
    "the mother declaring as someone else: refused"
REL=spouse counter "$CV" "${M[3]}" "Lê Văn Tèo" M "$(ago 3)"
is "$ANSWER|$(json_text fields)" '422 invalid_field|[{"name":"relation","reason":"not_for_birth"}]' \
    "a declarant's relation that makes no sense for a birth: refused"
sql "UPDATE citizen SET ethnicity = 'Tày' WHERE pid = '${F[2]}'"
REL=grandparent counter "$CV" "${M[3]}" "Lê Văn Tèo" M "$(ago 3)" "father_pid=${F[2]}"
is "$ANSWER|$(json_text fields)" '422 invalid_field|[{"name":"takes_from","reason":"parents_differ"}]' \
    "parents of different ethnicity: whose the child takes must be said"
REL=grandparent counter "$CV" "${M[3]}" "Lê Văn Tèo" M "$(ago 3)" "father_pid=${M[4]}"
is "$ANSWER|$(json_text fields)" '422 invalid_field|[{"name":"father_pid","reason":"not_male"}]' \
    "a father who is a woman: refused"
online "${M[0]}" "Lê Văn Tèo" M "$(ago 3)" "mother_pid=${M[0]}" 
is "${ANSWER%% *}" 400 "a field sent twice: 400"
online "${M[0]}" "Lê Văn Tèo" M "$(ago 3)" "applicant_pid=${M[3]}"
is "$ANSWER" "422 invalid_field" "online, the declarant's number is not asked"
REL=grandparent counter "$XH" "${M[3]}" "Lê Văn Tèo" M "$(ago 3)"
is "$ANSWER" "403 forbidden" "at another commune's counter while tied to residence: 403"
is "$(sql "SELECT COUNT(*) FROM refusal WHERE actor = '$XH' AND action = 'file_at_counter' AND reason = 'other_commune'")" 1 \
    "and the refusal is recorded"
is "$(n_dossiers)" "$n0" "no refusal filed a dossier"

# --- the late mark ------------------------------------------------------------
MOTHER=${M[5]}
online "${M[5]}" "Phạm Minh Khôi" M "$(ago 60)"
is "$ANSWER" "201 " "declared 60 days after the birth: filed"
RL0=$R
view "${M[5]}" "$RL0"
is "$(json_text late)|$(json_text fee_exempt)" "false|true" "60 days: in time, no fee"
MOTHER=${M[6]}
online "${M[6]}" "Phạm Minh Khang" M "$(ago 61)"
RL1=$R
is "$ANSWER" "201 " "declared 61 days after: filed all the same"
view "${M[6]}" "$RL1"
is "$(json_text late)|$(json_text fee_exempt)" "true|false" \
    "61 days: late, the fee exemption lost, in the dossier's view"
approve "$H1" "$RL1"
is "$ANSWER" "200 " "the late birth is approved"
is "$(sql "SELECT late FROM civil_record WHERE dossier_id = $(did "$RL1")")" 1 \
    "its record is marked late"
approve "$H1" "$RL0"
is "$(sql "SELECT late FROM civil_record WHERE dossier_id = $(did "$RL0")")" 0 \
    "the one in time is not"

# --- approval's effects, with the bundle --------------------------------------
MOTHER=${M[7]} FA=${F[3]}
MID=$(cid "$MOTHER") FID=$(cid "$FA")
# they are married: the father may file online
sql "INSERT INTO marriage (party_a, party_b, married_on) VALUES ($FID, $MID, '2020-05-01')"
MAR=$(sql "SELECT MAX(id) FROM marriage WHERE party_a = $FID AND party_b = $MID")
pc0=$(sql "SELECT COUNT(*) FROM pid_assignment")
online "$FA" "Nguyễn Thị Thu Hà" F "$(ago 5)" "father_pid=$FA" \
    residence_with=mother health_insurance=yes birth_time=07:45 \
    "birth_certificate=01001.GCS.00123.$((YEAR % 100))"
is "$ANSWER" "201 " "the father files online, with the bundle"
RA=$R
view "$FA" "$RA"
is "$(json birth residence)|$(json birth health_card)|$(json birth hold)" "asked|asked|" \
    "the bundle's parts asked; no hold"
view "$MOTHER" "$RA"
is "$STATUS" 404 "the dossier is the declarant's: the mother's sign-on does not see it"
approve "$CV" "$RA"
is "$ANSWER" "403 role_not_allowed" "a commune officer may not approve"
approve "$H1" "$RA"
is "$ANSWER|$(json state)" "200 |result_issued" "the head approves: registered"
CH=$(child_of "$RA")
like "$CH" '^[0-9]+$' "the child is a citizen"
IFS=$'\t' read -r CPID CNAME CBIRTH CSEX CETH CNAT CHOME CMS < <(sql "SELECT pid, full_name, birth_date, sex, ethnicity, nationality, hometown, marital_status FROM citizen WHERE id = $CH")
is "$CNAME|$CBIRTH|$CSEX|$CMS" "Nguyễn Thị Thu Hà|$(ago 5)|F|single" \
    "with the declared name, date and sex, single"
is "$CETH|$CNAT|$CHOME" "Kinh|Việt Nam|xã Kim Sơn, tỉnh Ninh Bình" \
    "ethnicity, nationality and quê quán from the parents"
pid_ok "$CPID" F "${CBIRTH%%-*}"
ok $? "a new personal number the rules pass: $PP, a girl of ${CBIRTH%%-*} ($CPID)"
is "$(sql "SELECT COUNT(*) FROM citizen WHERE pid = '$CPID'")" 1 "nobody else has it"
is "$(sql "SELECT CONCAT(citizen_id, '|', commune_code) FROM pid_assignment WHERE pid = '$CPID'")" \
    "$CH|$OC" "its assignment, tied to the child and the commune"
is "$(sql "SELECT COUNT(*) FROM pid_assignment")" "$((pc0 + 1))" "one assignment"
is "$(sql "SELECT CONCAT(kind, '|', valid_from) FROM citizen_pid WHERE citizen_id = $CH")" \
    "pid|$TODAY" "the number's history begins"
REC=$(sql "SELECT id FROM civil_record WHERE dossier_id = $(did "$RA")")
is "$(sql "SELECT CONCAT_WS('|', kind, book, number, commune_code, citizen_id, event_date, TIME_FORMAT(event_time, '%H:%i'), declarant_id, declarant_relation, late, locked) FROM civil_record WHERE id = '$REC'")" \
    "birth|KS|$(sql "SELECT last FROM civil_book_seq WHERE commune_code = '$OC' AND book = 'KS' AND year = $YEAR")/$YEAR|$OC|$CH|$(ago 5)|07:45|$FID|parent|0|0" \
    "the record: numbered in the commune's birth book of the year, the declarant the father"
is "$(sql "SELECT GROUP_CONCAT(CONCAT(role, ':', parent_id, ':', record_id) ORDER BY role) FROM parent_link WHERE child_id = $CH")" \
    "mother:$MID:$REC,father:$FID:$REC" "both parent links, from the record"
IFS=$'\t' read -r mname myear meth < <(sql "SELECT full_name, YEAR(birth_date), ethnicity FROM citizen WHERE id = $MID")
is "$(sql "SELECT CONCAT_WS('|', place_kind, certificate, takes_from, mother_name, mother_birth_year, mother_ethnicity, mother_nationality, father_id) FROM civil_birth WHERE record_id = $REC")" \
    "facility|01001.GCS.00123.$((YEAR % 100))|mother|$mname|$myear|$meth|Việt Nam|$FID" \
    "the record's facts: the parents as the database holds them"
is "$(sql "SELECT b.mother_residence = CONCAT(r.address, ', ', u.full_name) FROM civil_birth b JOIN residence r ON r.citizen_id = $MID AND r.kind = 'permanent' AND r.valid_to IS NULL JOIN admin_unit u ON u.level = 'commune' AND u.code = r.commune_code AND u.valid_to IS NULL WHERE b.record_id = $REC")" 1 \
    "with the mother's residence"
IFS=$'\t' read -r mcomm maddr mhh mrole < <(sql "SELECT r.commune_code, r.address, COALESCE(r.household_id, c.household_id), c.household_role FROM residence r JOIN citizen c ON c.id = r.citizen_id WHERE r.citizen_id = $MID AND r.kind = 'permanent' AND r.valid_to IS NULL")
case $mrole in chủ\ hộ|vợ|chồng) crole=con ;; con*) crole=cháu ;; *) crole="thành viên" ;; esac
is "$(sql "SELECT CONCAT_WS('|', r.commune_code, r.address, r.household_id, c.household_id, c.household_role) FROM residence r JOIN citizen c ON c.id = r.citizen_id WHERE r.citizen_id = $CH AND r.kind = 'permanent' AND r.valid_to IS NULL")" \
    "$mcomm|$maddr|$mhh|$mhh|$crole" \
    "the bundle: the child's permanent residence at the mother's, in her household"
is "$(sql "SELECT GROUP_CONCAT(kind ORDER BY kind) FROM change_log WHERE citizen_id = $CH")" \
    "$(sql "SELECT GROUP_CONCAT(k ORDER BY k) FROM (SELECT 'dang_ky_thuong_tru' k UNION ALL SELECT 'the_bhyt' UNION ALL SELECT 'khai_sinh' FROM DUAL WHERE EXISTS (SELECT 1 FROM information_schema.TRIGGERS WHERE EVENT_OBJECT_TABLE = 'civil_record' AND TRIGGER_SCHEMA = DATABASE())) x")" \
    "Changes: the residence registered and the health-insurance card"
is "$(sql "SELECT commune_code FROM change_log WHERE citizen_id = $CH AND kind = 'the_bhyt'")" \
    "$OC" "the card's change under the registering commune"
# the social-insurance system pulls them through the gateway's Changes
. "$top_srcdir/tests/integration/exchange-lib.sh"
sql "INSERT IGNORE INTO exchange_subscription (client_id, commune_code) VALUES (1, '$OC')"
CUR=$(sql "SELECT MIN(id) - 1 FROM change_log WHERE citizen_id = $CH")
call bhxh xml "$(ch_req "cb$RANDOM-$RANDOM" 'Cập nhật danh sách người tham gia bảo hiểm' "$CUR" 50)"
is "$STATUS" 200 "(Changes from before the birth)"
is "$(xmllint --xpath "//*[local-name()='ThayDoi'][*[local-name()='SoDinhDanh'] = '$CPID']/*[local-name()='Loai']/text()" "$RESP" 2>/dev/null | sort | tr '\n' ' ')" \
    "$(sql "SELECT GROUP_CONCAT(kind ORDER BY CONCAT(kind) SEPARATOR ' ') FROM change_log WHERE citizen_id = $CH") " \
    "the social-insurance system pulls the child's changes, the card's among them, through Changes"
view "$FA" "$RA"
is "$(json birth residence)|$(json birth health_card)|$(json birth child_pid)" \
    "registered|sent|$CPID" "the dossier's view shows each part's outcome and the number"
like "$(json birth record_number)" "^KS [0-9]+/$YEAR$" "and the record's number"
approve "$H1" "$RA"
is "$ANSWER" "409 state_conflict" "approved again: 409"
is "$(sql "SELECT COUNT(*) FROM parent_link WHERE parent_id = $MID")" 1 "still one child"

# the residence part not done at approval: the parent's residence ended
MOTHER=${M[8]}
online "$MOTHER" "Hoàng Gia Bảo" M "$(ago 2)" residence_with=mother
RN=$R
is "$ANSWER" "201 " "filed with the child's residence at the mother's"
sql "UPDATE residence SET valid_to = CURDATE() - INTERVAL 1 DAY WHERE citizen_id = $(cid "$MOTHER") AND kind = 'permanent' AND valid_to IS NULL"
approve "$H1" "$RN"
is "$ANSWER" "200 " "her residence ended meanwhile: the birth is registered all the same"
view "$MOTHER" "$RN"
is "$(json birth residence)|$(json birth residence_note)|$(json birth health_card)" \
    "not_registered|no_permanent_residence|not_asked" "and the view says the residence was not"
is "$(sql "SELECT COUNT(*) FROM residence WHERE citizen_id = $(child_of "$RN")")" 0 "no residence for the child"
sql "UPDATE residence SET valid_to = CURDATE() - INTERVAL 1 DAY WHERE citizen_id = $(cid "${F[4]}") AND kind = 'permanent' AND valid_to IS NULL"
MOTHER=${M[0]}
REL=grandparent counter "$CV" "${M[3]}" "Hoàng Gia Huy" M "$(ago 400)" "father_pid=${F[4]}" residence_with=father
is "$ANSWER|$(json_text fields)" '422 invalid_field|[{"name":"residence_with","reason":"no_permanent_residence"}]' \
    "asked with a parent without a permanent residence: refused at once"

# at the counter, for a grandparent
MOTHER=${M[9]} GP=${M[10]}
REL=grandparent counter "$CV" "$GP" "Đỗ Khánh Linh" F "$(ago 9)"
is "$ANSWER" "201 " "an officer files for a grandparent at the counter"
RG=$R
approve "$H1" "$RG"
is "$ANSWER" "200 " "another official approves"
is "$(sql "SELECT CONCAT(declarant_id, '|', declarant_relation) FROM civil_record WHERE dossier_id = $(did "$RG")")" \
    "$(cid "$GP")|grandparent" "the declarant and the relation recorded"
REL=grandparent counter "$H2" "$GP" "Đỗ Khánh Ly" F "$(ago 700)"
approve "$H2" "$R"
is "$ANSWER" "403 separation_of_duties" "who filed it at the counter may not approve it"

# --- possible duplicates --------------------------------------------------------
# another child within 270 days
MOTHER=${M[11]}
online "$MOTHER" "Vũ Minh Anh" F "$(ago 200)"
approve "$H1" "$R"
is "$ANSWER" "200 " "(a first child, 200 days ago)"
online "$MOTHER" "Vũ Quốc Bảo" M "$(ago 2)"
RD=$R
is "$ANSWER" "201 " "a second child 198 days later: filed"
view "$MOTHER" "$RD"
is "$(json birth hold)|$(json_text hold_cleared)" "recent_child|false" "held: another child within 270 days"
is "$(sql "SELECT hold_citizen_id FROM civil_birth_dossier WHERE dossier_id = $(did "$RD")")" \
    "$(sql "SELECT child_id FROM parent_link WHERE parent_id = $(cid "$MOTHER")")" \
    "the hold names the child it matches"
approve "$H1" "$RD"
is "$ANSWER|$(state "$RD")" "409 possible_duplicate|accepted" "approval refused while held"
decide "$CV" "$RD" not-duplicate -d "reason=Đã xác minh hồ sơ"
is "$ANSWER" "403 role_not_allowed" "an officer may not clear the hold"
decide "$H2" "$RD" not-duplicate
is "$ANSWER" "422 missing_field" "clearing needs a reason"
decide "$H2" "$RD" not-duplicate -d "reason=Đã xác minh: trẻ sinh non, không trùng"
is "$ANSWER" "200 " "the head finds it no duplicate"
is "$(sql "SELECT CONCAT(cleared_by, '|', cleared_reason) FROM civil_birth_dossier WHERE dossier_id = $(did "$RD")")" \
    "$H2|Đã xác minh: trẻ sinh non, không trùng" "who and why, kept"
is "$(sql "SELECT COUNT(*) FROM dossier_event WHERE dossier_id = $(did "$RD") AND actor = '$H2' AND reason LIKE 'not a duplicate%'")" 1 \
    "and an event in the dossier's history"
decide "$H2" "$RD" not-duplicate -d "reason=Lần nữa"
is "$ANSWER" "409 state_conflict" "cleared once only"
approve "$H1" "$RD"
is "$ANSWER|$(state "$RD")" "200 |result_issued" "then approved"
online "$MOTHER" "Vũ Quốc Việt" M "$(ago 1)"
is "$(json birth hold)" "recent_child" "another declaration, a day after the second: held"
decide "$H1" "$R" reject -d "reason=Trùng với hồ sơ đã đăng ký"
is "$ANSWER|$(state "$R")" "200 |rejected" "a real duplicate is rejected"

# a similar name within 5 days, diacritics folded; a twin with another name
MOTHER=${M[12]}
online "$MOTHER" "Nguyễn Thị Mai" F "$(ago 10)"
approve "$H1" "$R"
is "$ANSWER" "200 " "(a girl registered 10 days ago)"
online "$MOTHER" "Nguyen Thi Mai" F "$(ago 8)"
is "$ANSWER|$(json birth hold)" "201 |similar_name" \
    "the same name without diacritics two days later: held"
online "$MOTHER" "Nguyễn Thị Mại" F "$(ago 15)"
is "$(json birth hold)" "similar_name" "one tone mark apart, five days before: held"
online "$MOTHER" "Nguyễn Văn Nam" M "$(ago 10)"
is "$ANSWER|$(json birth hold)" "201 |" "her twin brother with his own name, the same day: not held"
approve "$H1" "$R"
is "$ANSWER" "200 " "and registered"
# against a pending declaration
MOTHER=${M[13]}
online "$MOTHER" "Trần Văn An" M "$(ago 4)"
RP=$R
online "$MOTHER" "Tran Van Anh" M "$(ago 3)"
is "$(json birth hold)" "similar_name" "a similar name declared again, pending: held"
is "$(sql "SELECT hold_dossier_id FROM civil_birth_dossier WHERE dossier_id = $(did "$R")")" "$(did "$RP")" \
    "matching the pending dossier"
approve "$H1" "$RP"
is "$ANSWER" "200 " "the first declaration is registered"
# a child registered elsewhere after the declaration
MOTHER=${M[40]}
online "$MOTHER" "Lê Thị Hồng" F "$(ago 12)"
RE=$R
is "$ANSWER|$(json birth hold)" "201 |" "(declared, not held)"
sql "INSERT INTO citizen (pid, full_name, birth_date, sex) VALUES ('0${PP}3${YEAR:2:2}999999', 'Le Thi Hong', '$(ago 11)', 'F')"
sql "INSERT INTO parent_link (child_id, parent_id, role) SELECT id, $(cid "$MOTHER"), 'mother' FROM citizen WHERE pid = '0${PP}3${YEAR:2:2}999999'"
approve "$H1" "$RE"
is "$ANSWER|$(state "$RE")" "409 possible_duplicate|accepted" \
    "a similar child registered since: the approval is refused"
decide "$H2" "$RE" not-duplicate -d "reason=Hai trẻ khác nhau, đã xác minh"
is "$ANSWER" "200 " "the head clears it"
is "$(sql "SELECT CONCAT(hold, '|', hold_citizen_id, '|', cleared_by) FROM civil_birth_dossier WHERE dossier_id = $(did "$RE")")" \
    "similar_name|$(cid "0${PP}3${YEAR:2:2}999999")|$H2" "the hold found then is recorded with its clearing"
approve "$H1" "$RE"
is "$ANSWER" "200 " "then approved"
MOTHER=${M[41]}
online "$MOTHER" "Lê Thị Huyền" F "$(ago 12)"
decide "$H2" "$R" not-duplicate -d "reason=Không có gì trùng"
is "$ANSWER" "409 state_conflict" "nothing to clear on a dossier without a duplicate"

# --- all or nothing ---------------------------------------------------------------
MOTHER=${M[14]}
online "$MOTHER" "Bùi Thanh Tâm" M "$(ago 6)" residence_with=mother health_insurance=yes \
    "birth_certificate=99999.GCS.99999.$((YEAR % 100))"
RF=$R
# the last insert of the approval fails (a NULL where none may be)
sql "CREATE TRIGGER t_birth_fail BEFORE INSERT ON civil_birth FOR EACH ROW
    SET NEW.mother_name = IF(NEW.certificate LIKE '99999.GCS.99999.%',
    NULL, NEW.mother_name)"
snap() { sql "SELECT CONCAT_WS('|', (SELECT COUNT(*) FROM citizen), (SELECT COUNT(*) FROM pid_assignment), (SELECT COUNT(*) FROM citizen_pid), (SELECT COUNT(*) FROM parent_link), (SELECT COUNT(*) FROM civil_record), (SELECT COUNT(*) FROM residence), (SELECT COUNT(*) FROM change_log), (SELECT COALESCE(SUM(last), 0) FROM civil_book_seq))"; }
s0=$(snap)
approve "$H1" "$RF"
is "$ANSWER" "500 internal_error" "the record's facts fail to insert: 500"
is "$(snap)" "$s0" "nothing written: no citizen, number, link, record, residence, change, book number"
is "$(state "$RF")" accepted "the dossier not moved on"
sql "DROP TRIGGER t_birth_fail"
approve "$H1" "$RF"
is "$ANSWER" "200 " "once it can, the approval goes through"
is "$(sql "SELECT COUNT(*) FROM citizen WHERE id = $(child_of "$RF")")" 1 "the child registered once"

# --- idempotent retries -------------------------------------------------------------
MOTHER=${M[15]}
KEY=$(newkey)
online "$MOTHER" "Lý Gia Hân" F "$(ago 7)"
R1=$R A1=$ANSWER
online "$MOTHER" "Lý Gia Hân" F "$(ago 7)"
is "$A1|$ANSWER|$R" "201 |200 |$R1" "the same key twice: one dossier, the second answer 200"
is "$(sql "SELECT COUNT(*) FROM civil_birth_dossier WHERE mother_id = $(cid "$MOTHER")")" 1 \
    "and one birth dossier"
is "$(sql "SELECT COUNT(*) FROM civil_birth_dossier WHERE mother_id = $(cid "$MOTHER") AND hold IS NULL")" 1 \
    "which the retry does not hold as its own duplicate"
unset KEY

# --- numbers valid and unique: 20 concurrent approvals ----------------------------------
GIVEN=(Hoa Lan Mai Cúc Đào Huệ Hồng Nhung Thảo Trang Ngọc Linh Hương Yến Vân
    Hạnh Thu Hằng Loan Quyên Phương Dung Nga Oanh)
mapfile -t Q < <(for i in $(seq 16 35); do
	MOTHER=${M[$i]}
	online "$MOTHER" "Đặng Thị ${GIVEN[$((i - 16))]}" F "$(ago 3)" >/dev/null
	echo "$R"
done)
is "$(printf '%s\n' "${Q[@]}" | grep -c -- '-')" 20 "(20 births declared)"
for i in "${!Q[@]}"; do
	decide "$CV" "${Q[$i]}" accept
done
for i in "${!Q[@]}"; do
	o=$H1; [ $((i % 2)) = 1 ] && o=$H2
	curl -sS -o "$T_TMP/c$i" -w '%{http_code}\n' -X POST -u "$o:demo" "${J[@]}" \
	    -d x=1 "$BASE/civil/official/dossiers/${Q[$i]}/approve" > "$T_TMP/s$i" &
done
wait
is "$(cat "$T_TMP"/s* | sort | uniq -c | tr -s ' ')" " 20 200" "20 approvals at once: all 200"
list=$(printf "'%s'," "${Q[@]}")
mapfile -t PIDS < <(sql "SELECT c.pid FROM dossier d JOIN civil_birth_dossier b ON b.dossier_id = d.id JOIN citizen c ON c.id = b.child_id WHERE d.receipt_code IN (${list%,})")
is "${#PIDS[@]}" 20 "20 children"
is "$(printf '%s\n' "${PIDS[@]}" | sort -u | wc -l)" 20 "20 distinct numbers"
bad=0
for p in "${PIDS[@]}"; do pid_ok "$p" F "$(ago 3 | cut -c1-4)" || bad=$((bad + 1)); done
is "$bad" 0 "every one valid"
is "$(sql "SELECT COUNT(*) FROM pid_assignment a JOIN citizen c ON c.id = a.citizen_id AND c.pid = a.pid WHERE a.pid IN ($(printf "'%s'," "${PIDS[@]}" | sed 's/,$//'))")" 20 \
    "each assigned and tied to its child"
is "$(sql "SELECT COUNT(DISTINCT r.number) FROM civil_record r JOIN dossier d ON d.id = r.dossier_id WHERE d.receipt_code IN (${list%,})")" 20 \
    "and 20 distinct record numbers"

# --- collisions: half of the numbers of the bucket taken --------------------------------
Y2=$(ago 3 | cut -c3-4)
sql "INSERT INTO pid_assignment (pid, citizen_id, assigned_at, commune_code)
    SELECT CONCAT('0$PP', '3', '$Y2', LPAD(seq, 6, '0')), NULL, NOW(), '$OC'
    FROM seq_0_to_999998_step_2 s
    WHERE NOT EXISTS (SELECT 1 FROM pid_assignment a WHERE a.pid = CONCAT('0$PP', '3', '$Y2', LPAD(s.seq, 6, '0')))"
is "$(sql "SELECT COUNT(*) >= 500000 FROM pid_assignment WHERE pid LIKE '0${PP}3${Y2}%'")" 1 \
    "(half of the girls' numbers of the year taken)"
mapfile -t Q < <(for i in $(seq 36 39); do
	MOTHER=${M[$i]}
	online "$MOTHER" "Mai Thị ${GIVEN[$((i - 16))]}" F "$(ago 3)" >/dev/null
	echo "$R"
done)
codes=""
for r in "${Q[@]}"; do
	approve "$H1" "$r"
	codes="$codes$STATUS "
done
is "$codes" "200 200 200 200 " "four approvals, each drawing again past the taken numbers"
bad=0
for r in "${Q[@]}"; do
	p=$(sql "SELECT c.pid FROM citizen c WHERE c.id = $(child_of "$r")")
	pid_ok "$p" F "$(ago 3 | cut -c1-4)" || bad=$((bad + 1))
	[ $((10#${p:6:6} % 2)) = 1 ] || bad=$((bad + 1))
done
is "$bad" 0 "valid, and none of the taken ones"
sql "DELETE FROM pid_assignment WHERE citizen_id IS NULL AND pid LIKE '0${PP}3${Y2}%'"

# the people the test borrowed as they were
sql "DELETE FROM marriage WHERE id = $MAR"
sql "UPDATE residence r JOIN $T_SAVE_R s ON s.id = r.id SET r.commune_code = s.commune_code, r.valid_to = s.valid_to; DROP TABLE $T_SAVE_R"
sql "UPDATE citizen c JOIN $T_SAVE_C s ON s.id = c.id SET c.ethnicity = s.ethnicity, c.nationality = s.nationality, c.hometown = s.hometown, c.death_date = s.death_date; DROP TABLE $T_SAVE_C"

t_done
