# Civil status through the exchange gateway, by the web server with TLS
# client certificates: VerifyCivilStatus in both wire forms (alive or
# not, the marital status today and on a past day, unknown where the
# database does not know), its rights, purposes, replays, message log and
# access log; GetCitizen's civil field groups (the parents, the marital
# status); births, deaths, marriages and divorces in the Changes feed of
# the subscribed communes only; and a VerifyCivilStatus read in the
# citizen's own "who read my data".  The people are demo citizens whose
# civil facts are set here by SQL.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/integration/exchange-lib.sh"

P_BHXH='Xét duyệt hồ sơ bảo hiểm y tế'
P_FEED='Cập nhật danh sách người tham gia bảo hiểm'
P_CHILD='Cấp thẻ bảo hiểm y tế cho trẻ em'
P_GDDT='Tuyển sinh đầu cấp'
P_PLAIN='Kiểm thử hộ tịch không nhóm trường'
N_BHXH=$(sql "SELECT name FROM exchange_client WHERE id = 1")
RUN=$(date +%s)$$
SEQ=0 NREQ=0
# today in Vietnam (UTC+7, no daylight saving), and two days later
vn_day() { date -u -d "@$(($(date +%s) + 7 * 3600 + $1 * 86400))" +%F; }
TODAY=$(vn_day 0)

newid() { SEQ=$((SEQ + 1)); ID="hc$RUN-$SEQ"; }
vc_req() {	# vc_req ID PURPOSE PID [DAY [NAME [BIRTH]]]
	printf '<VerifyCivilStatusRequest xmlns="%s">' "$NS"
	el MaYeuCau "$1"; el MucDich "$2"; el SoDinhDanh "$3"
	el HoVaTen "${5:-}"; el NgaySinh "${6:-}"; el NgayKiemTra "${4:-}"
	printf '</VerifyCivilStatusRequest>'
}
# texts XPATH: the texts of the elements XPATH selects (and of theirs),
# one space between
texts() {
	xmllint --xpath "$1" "$RESP" 2>/dev/null | sed -e 's/<[^>]*>/ /g' |
	    tr -s ' \n' '  ' | sed -e 's/^ //' -e 's/ $//'
}
# answer: KetQua LyDo NgayKiemTra NgayMat TinhTrangHonNhan TuNgay, "-"
# for an element not there
answer() {
	local e v out=""
	for e in KetQua LyDo NgayKiemTra NgayMat TinhTrangHonNhan TuNgay; do
		v=$(xv "$e")
		[ "$(xc "$e")" = 0 ] && v=-
		out="$out $v"
	done
	printf '%s' "${out# }"
}
# read_by LABEL FIELDS PID...: the access-log rows of $ID, bhxh's for the
# purpose in hand
read_by() {
	local label=$1 fields=$2
	shift 2
	# shellcheck disable=SC2046 # numbers, in the order SQL sorts them
	accessed "$label" "$N_BHXH" "$CUR_PURPOSE" "$fields" $(printf '%s\n' "$@" | sort)
}

# --- the people ---------------------------------------------------------------

# demo citizens who can sign on (the first 2000), born before 1975, alive
pick() {	# pick SEX OFFSET: id and number
	sql "SELECT id, pid FROM (SELECT id, pid, sex, birth_date FROM citizen ORDER BY id LIMIT 2000) c
	    WHERE sex = '$1' AND birth_date < '1975-01-01' ORDER BY id DESC LIMIT 1 OFFSET $2"
}
read -r L_ID L < <(pick M 0)	# married twice: divorced, then married again
read -r D_ID D < <(pick M 1)	# died, widowing W
read -r S_ID S < <(pick F 0)	# L's wife now
read -r X_ID X < <(pick F 1)	# L's first wife
read -r W_ID W < <(pick F 2)	# D's widow
read -r U_ID U < <(pick M 2)	# marital status not known
read -r M_ID M < <(pick M 3)	# married, the marriage not held
read -r G_ID G < <(pick F 3)	# never married
K_ID=$(sql "SELECT id FROM citizen WHERE birth_date > '2000-01-01' ORDER BY id DESC LIMIT 1")
K=$(sql "SELECT pid FROM citizen WHERE id = $K_ID")
ALL="$L_ID,$D_ID,$S_ID,$X_ID,$W_ID,$U_ID,$M_ID,$G_ID,$K_ID"
is "$(sql "SELECT COUNT(DISTINCT id) FROM citizen WHERE id IN ($ALL)")" 9 "nine distinct people"
# what the demo data held of them, put back at the end
KEEP=hc_keep_$RUN
sql "CREATE TABLE ${KEEP}_c AS SELECT id, death_date, marital_status FROM citizen WHERE id IN ($ALL);
    CREATE TABLE ${KEEP}_m AS SELECT * FROM marriage WHERE party_a IN ($ALL) OR party_b IN ($ALL);
    CREATE TABLE ${KEEP}_p AS SELECT * FROM parent_link WHERE child_id IN ($ALL)"
sql "DELETE FROM marriage WHERE party_a IN ($ALL) OR party_b IN ($ALL)"
sql "DELETE FROM parent_link WHERE child_id IN ($ALL)"
sql "UPDATE citizen SET death_date = NULL, marital_status = NULL WHERE id IN ($ALL)"
sql "UPDATE citizen SET marital_status = 'married' WHERE id IN ($L_ID, $S_ID, $M_ID)"
sql "UPDATE citizen SET marital_status = 'divorced' WHERE id = $X_ID"
sql "UPDATE citizen SET marital_status = 'widowed' WHERE id = $W_ID"
sql "UPDATE citizen SET marital_status = 'single' WHERE id IN ($G_ID, $K_ID)"
sql "UPDATE citizen SET death_date = '2020-02-02', marital_status = 'married' WHERE id = $D_ID"
sql "INSERT INTO marriage (party_a, party_b, married_on, ended_on, end_reason) VALUES
    ($L_ID, $X_ID, '1995-03-10', '2010-07-01', 'divorce'),
    ($S_ID, $L_ID, '2015-06-01', NULL, NULL),
    ($D_ID, $W_ID, '1990-05-05', '2020-02-02', 'death')"
sql "INSERT INTO parent_link (child_id, parent_id, role) VALUES ($K_ID, $S_ID, 'mother'), ($K_ID, $L_ID, 'father')"
IFS=$'\t' read -r L_NAME L_BIRTH < <(sql "SELECT full_name, birth_date FROM citizen WHERE id = $L_ID")
NOBODY=
for n in 099000000011 099000000012 099123456788; do
	if [ "$(sql "SELECT (SELECT COUNT(*) FROM citizen WHERE pid = '$n') + (SELECT COUNT(*) FROM citizen_pid WHERE number = '$n')")" = 0 ]; then
		NOBODY=$n
		break
	fi
done

# --- VerifyCivilStatus: alive, married today and on past days, both wires -----

CUR_PURPOSE=$P_BHXH
for w in xml soap; do
	newid
	call bhxh $w "$(vc_req "$ID" "$P_BHXH" "$L" "" "$L_NAME" "${L_BIRTH%%-*}")"
	is "$STATUS" 200 "VerifyCivilStatus ($w): 200"
	is "$(answer)" "yes - $TODAY - dang_co_vo_chong 2015-06-01" \
	    "VerifyCivilStatus ($w): alive today, married since the marriage"
	is "$(xv KhopHoTen) $(xv KhopNgaySinh)" "match match" \
	    "VerifyCivilStatus ($w): the name and the birth year match"
	is "$(xv MaYeuCau)" "$ID" "VerifyCivilStatus ($w): echoes MaYeuCau"
	valid "VerifyCivilStatus ($w)"
	is "$(sql "SELECT client_id, service, wire, request_sha256, response_sha256, outcome, http_status FROM exchange_message WHERE client_id = 1 AND message_id = '$ID'")" \
	    "$(printf '1\tVerifyCivilStatus\t%s\t%s\t%s\tanswered\t200' $w "$(sha "$REQ")" "$(sha "$RESP")")" \
	    "VerifyCivilStatus ($w): the message log row"
	read_by "VerifyCivilStatus ($w)" civil_status "$L"
done
for c in "2012-01-01|yes - 2012-01-01 - da_ly_hon 2010-07-01|divorced after the first marriage" \
    "01/01/2000|yes - 2000-01-01 - dang_co_vo_chong 1995-03-10|married the first time" \
    "2010-07-01|yes - 2010-07-01 - da_ly_hon 2010-07-01|the day of the divorce" \
    "1994|yes - 1994-12-31 - chua_ket_hon -|before the first marriage: single" \
    "01061975|yes - 1975-06-01 - chua_ket_hon -|as a child"; do
	IFS='|' read -r day want what <<< "$c"
	newid
	call bhxh xml "$(vc_req "$ID" "$P_BHXH" "$L" "$day")"
	is "$(answer)" "$want" "L on $day: $what"
done
valid "past days"
newid
call bhxh xml "$(vc_req "$ID" "$P_BHXH" "$L" "1900-01-01")"
is "$(answer)" "unknown before_birth 1900-01-01 - - -" "a day before the birth: unknown, before_birth"
newid
call bhxh xml "$(vc_req "$ID" "$P_BHXH" "$L" "${TODAY%%-*}")"
is "$(answer)" "yes - $TODAY - dang_co_vo_chong 2015-06-01" "this year alone: as of today"
for c in "$S||dang_co_vo_chong 2015-06-01|L's wife" \
    "$X||da_ly_hon 2010-07-01|divorced" "$X|2000-06-01|dang_co_vo_chong 1995-03-10|married then" \
    "$W||vo_chong_da_chet 2020-02-02|widowed when the husband died" \
    "$W|2019-12-31|dang_co_vo_chong 1990-05-05|married before" \
    "$G||chua_ket_hon -|never married" "$G|1999-01-01|chua_ket_hon -|never married, then too" \
    "$U||khong_ro -|not known: unknown, no guess" "$U|2001-01-01|khong_ro -|not known on a past day either" \
    "$M||dang_co_vo_chong -|married, the marriage not held: no date" \
    "$M|2001-01-01|khong_ro -|married now, the past not held: unknown"; do
	IFS='|' read -r who day want what <<< "$c"
	newid
	call bhxh xml "$(vc_req "$ID" "$P_BHXH" "$who" "$day")"
	is "$(xv KetQua) $(xv TinhTrangHonNhan) $( [ "$(xc TuNgay)" = 0 ] && echo - || xv TuNgay)" \
	    "yes $want" "$what${day:+ ($day)}"
done
valid "marital status"
is "$(sql "SELECT marital_status IS NULL FROM citizen WHERE id = $U_ID")" 1 \
    "(the database holds no status for U)"

# deceased
for w in xml soap; do
	newid
	call bhxh $w "$(vc_req "$ID" "$P_BHXH" "$D")"
	is "$(answer)" "no - $TODAY 2020-02-02 - -" "VerifyCivilStatus ($w): deceased, with the date of death"
	valid "deceased ($w)"
	read_by "deceased ($w)" civil_status "$D"
done
newid
call bhxh xml "$(vc_req "$ID" "$P_BHXH" "$D" "2020-02-01")"
is "$(answer)" "yes - 2020-02-01 - dang_co_vo_chong 1990-05-05" "the day before the death: alive and married"
newid
call bhxh xml "$(vc_req "$ID" "$P_BHXH" "$D" "2020-02-02")"
is "$(xv KetQua) $(xc TinhTrangHonNhan)" "no 0" "the day of the death: no, and no marital status"

# not found, identity mismatch
for w in xml soap; do
	newid
	n=$(alog)
	call bhxh $w "$(vc_req "$ID" "$P_BHXH" "$NOBODY")"
	is "$STATUS $(answer)" "200 unknown not_found $TODAY - - -" "VerifyCivilStatus ($w): nobody holds the number"
	is "$(alog)" "$n" "VerifyCivilStatus ($w): nobody found, no access row"
	valid "not found ($w)"
	newid
	call bhxh $w "$(vc_req "$ID" "$P_BHXH" "$L" "" "Nguyễn Văn Không Phải")"
	is "$(answer) $(xv KhopHoTen)" "unknown identity_mismatch $TODAY - - - mismatch" \
	    "VerifyCivilStatus ($w): another name: identity_mismatch, nothing more"
	valid "identity mismatch ($w)"
done
newid
call bhxh xml "$(vc_req "$ID" "$P_BHXH" "$L" "" "" "1901-01-01")"
is "$(xv KetQua) $(xv LyDo) $(xv KhopNgaySinh) $(xc TinhTrangHonNhan)" "unknown identity_mismatch mismatch 0" \
    "another birth date: identity_mismatch"

# bad input: the schema's faults, and a day after today
for w in xml soap; do
	newid
	call bhxh $w "$(vc_req "$ID" "$P_BHXH" "${L:0:11}")"
	fault "an 11-digit number ($w)" $w schema_invalid
	newid
	call bhxh $w "$(vc_req "$ID" "$P_BHXH" "${L:0:11}x")"
	fault "a number with a letter ($w)" $w schema_invalid
	newid
	call bhxh $w "$(vc_req "$ID" "$P_BHXH" "$L" "31/02/2020")"
	fault "an impossible NgayKiemTra ($w)" $w schema_invalid
	newid
	call bhxh $w "$(vc_req "$ID" "$P_BHXH" "$L" "2020/02/01")"
	fault "a NgayKiemTra in no accepted form ($w)" $w schema_invalid
	newid
	n=$(alog)
	call bhxh $w "$(vc_req "$ID" "$P_BHXH" "$L" "$(vn_day 2)")"
	fault "a NgayKiemTra after today ($w)" $w date_in_future
	is "$(alog)" "$n" "a refused question reads nobody ($w)"
	is "$(sql "SELECT outcome FROM exchange_message WHERE request_sha256 = '$(sha "$REQ")'")" \
	    date_in_future "the refusal is logged ($w)"
done

# rights and purposes
for w in xml soap; do
	newid
	n=$(alog)
	call gddt $w "$(vc_req "$ID" "$P_GDDT" "$L")"
	fault "gddt without a VerifyCivilStatus right ($w)" $w not_permitted 403
	is "$(sql "SELECT client_id, service, outcome FROM exchange_message WHERE request_sha256 = '$(sha "$REQ")'")" \
	    "$(printf '2\tVerifyCivilStatus\tnot_permitted')" "the refusal is logged ($w)"
	newid
	call bhxh $w "$(vc_req "$ID" "$P_FEED" "$L")"
	fault "bhxh for a purpose not declared for it ($w)" $w not_permitted 403
	is "$(alog)" "$n" "refusals read nobody ($w)"
done
# a right without the ho_tich group: the answer, not the dates
sql "INSERT INTO exchange_right (client_id, service, field_groups, purpose) VALUES (1, 'VerifyCivilStatus', 'cu_tru', '$P_PLAIN'), (1, 'Changes', 'cu_tru', '$P_PLAIN')"
newid
call bhxh xml "$(vc_req "$ID" "$P_PLAIN" "$D")"
is "$(answer)" "no - $TODAY - - -" "without ho_tich: deceased, without the date"
valid "without ho_tich, deceased"
newid
call bhxh xml "$(vc_req "$ID" "$P_PLAIN" "$L")"
is "$(answer)" "yes - $TODAY - dang_co_vo_chong -" "without ho_tich: married, without since when"
CUR_PURPOSE=$P_PLAIN
read_by "without ho_tich" civil_status "$L"
CUR_PURPOSE=$P_BHXH

# replays
newid
call bhxh soap "$(vc_req "$ID" "$P_BHXH" "$W" "2019-12-31")"
first=$RESP req1=$REQ
ex_post bhxh soap "$req1" -H "SOAPAction: \"$NS/VerifyCivilStatus\""
cmp -s "$first" "$RESP"
ok $? "the same message again: a byte-identical answer"
is "$STATUS $(sql "SELECT COUNT(*) FROM access_log WHERE request_id = '$ID'")" "200 1" \
    "the replay answers 200 and reads nobody again"
is "$(sql "SELECT outcome FROM exchange_message WHERE client_id = 1 AND message_id = '$ID' ORDER BY id" | tr '\n' ' ')" \
    "answered replayed " "the replay is logged as replayed"
# the status changes; the replay still answers as first answered
sql "UPDATE citizen SET marital_status = 'married' WHERE id = $W_ID"
ex_post bhxh soap "$req1" -H "SOAPAction: \"$NS/VerifyCivilStatus\""
cmp -s "$first" "$RESP"
ok $? "a replay after the data changed: the answer first given"
sql "UPDATE citizen SET marital_status = 'widowed' WHERE id = $W_ID"
call bhxh soap "$(vc_req "$ID" "$P_BHXH" "$W")"
fault "the same MaYeuCau for another question" soap message_id_reused 409

# --- GetCitizen: the parents and the marital status ---------------------------

CUR_PURPOSE=$P_CHILD
IFS=$'\t' read -r S_NAME < <(sql "SELECT full_name FROM citizen WHERE id = $S_ID")
for w in xml soap; do
	newid
	call bhxh $w "$(gc_req "$ID" "$P_CHILD" "$K")"
	is "$STATUS $(xv KetQua) $(texts "//*[local-name()='NhomTruong']")" \
	    "200 found co_ban cha_me ho_tich" "GetCitizen ($w): the groups granted for the purpose"
	is "$(xmllint --xpath "string(//*[local-name()='ThongTinCha']/*[local-name()='SoDinhDanh'])" "$RESP") $(xmllint --xpath "string(//*[local-name()='ThongTinMe']/*[local-name()='SoDinhDanh'])" "$RESP")" \
	    "$L $S" "GetCitizen ($w): the father's and the mother's numbers"
	is "$(texts "//*[local-name()='ThongTinMe']/*[local-name()='HoVaTen']")" \
	    "$S_NAME" "GetCitizen ($w): the mother's name, in its parts"
	is "$(xv TinhTrangHonNhan) $(xc NgayMat) $(xc ThuongTru)" "chua_ket_hon 0 0" \
	    "GetCitizen ($w): the marital status; no residence group"
	valid "GetCitizen civil ($w)"
	is "$(sql "SELECT c.pid, a.fields FROM access_log a JOIN citizen c ON c.id = a.citizen_id WHERE a.request_id = '$ID' ORDER BY a.id" | tr '\t\n' ' |')" \
	    "$K co_ban,cha_me,ho_tich|$L pid,full_name|$S pid,full_name|" \
	    "GetCitizen ($w): the child read, and each parent's number and name"
done
newid
call bhxh xml "$(gc_req "$ID" "$P_CHILD" "$K" ho_tich)"
is "$(xv NhomTruong) $(xc ThongTinCha)$(xc ThongTinMe)$(xc HoVaTen) $(xv TinhTrangHonNhan)" \
    "ho_tich 000 chua_ket_hon" "GetCitizen: only ho_tich asked: no parents read"
is "$(sql "SELECT COUNT(*) FROM access_log WHERE request_id = '$ID'")" 1 "one access row, the child's"
newid
call bhxh xml "$(gc_req "$ID" "$P_CHILD" "$D" ho_tich)"
is "$(xc TinhTrangHonNhan) $(xv NgayMat)" "0 2020-02-02" "GetCitizen ho_tich of the deceased: the date of death"
valid "GetCitizen deceased"
newid
call bhxh xml "$(gc_req "$ID" "$P_CHILD" "$U" ho_tich)"
is "$(xv TinhTrangHonNhan)" "khong_ro" "GetCitizen: a status not known is khong_ro"
newid
call bhxh xml "$(gc_req "$ID" "$P_CHILD" "$L" cha_me)"
is "$(xc ThongTinCha)$(xc ThongTinMe) $(sql "SELECT COUNT(*) FROM access_log WHERE request_id = '$ID'")" \
    "00 1" "GetCitizen cha_me of someone without parents held: none, one access row"
# a right without the civil groups: asked for, not given
newid
call bhxh xml "$(gc_req "$ID" "$P_BHXH" "$K" cha_me ho_tich co_ban)"
is "$(xv NhomTruong) $(xc NhomTruong) $(xc ThongTinCha)$(xc ThongTinMe)$(xc TinhTrangHonNhan)" \
    "co_ban 1 000" "GetCitizen, civil groups not granted: not given"
is "$(sql "SELECT COUNT(*), MIN(fields) FROM access_log WHERE request_id = '$ID'" | tr '\t' ' ')" \
    "1 co_ban" "and nobody else read"
newid
call gddt xml "$(gc_req "$ID" "$P_GDDT" "$K" cha_me)"
is "$(xc NhomTruong) $(xc ThongTinCha)" "0 0" "gddt (co_ban only) asking cha_me: nothing"

# --- Changes: births, deaths, marriages and divorces -----------------------------

SUB=$(sql "SELECT commune_code FROM exchange_subscription WHERE client_id = 1 ORDER BY commune_code LIMIT 1")
NOSUB=$(sql "SELECT code FROM admin_unit WHERE level = 'commune' AND valid_to IS NULL AND code NOT IN (SELECT commune_code FROM exchange_subscription WHERE client_id = 1) ORDER BY code LIMIT 1")
like "$SUB/$NOSUB" '^[0-9]{5}/[0-9]{5}$' "a subscribed commune ($SUB) and another ($NOSUB)"
BEFORE=$(sql "SELECT COALESCE(MAX(id), 0) FROM change_log")
rec() {	# rec COMMUNE KIND NUMBER CITIZEN [OTHER]
	sql "INSERT INTO civil_record (kind, book, number, commune_code, citizen_id, other_id, event_date, registered_at) VALUES ('$2', 'TEST-$RUN', '$3', '$1', $4, ${5:-NULL}, CURDATE(), NOW())"
}
rec "$SUB" birth 1 "$K_ID"
rec "$SUB" death 2 "$D_ID"
rec "$SUB" marriage 3 "$L_ID" "$S_ID"
rec "$NOSUB" birth 4 "$G_ID"
rec "$SUB" divorce 5 "$X_ID" "$L_ID"
# a bulk load of demo records is not a change
sql "SET @motcua_bulk_load = 1; INSERT INTO civil_record (kind, book, number, commune_code, citizen_id, event_date, registered_at) VALUES ('death', 'TEST-$RUN', '6', '$SUB', $U_ID, CURDATE(), NOW())"
is "$(sql "SELECT kind, citizen_id, commune_code FROM change_log WHERE id > $BEFORE ORDER BY id" | tr '\t\n' ' |')" \
    "khai_sinh $K_ID $SUB|khai_tu $D_ID $SUB|ket_hon $L_ID $SUB|ket_hon $S_ID $SUB|khai_sinh $G_ID $NOSUB|ly_hon $X_ID $SUB|ly_hon $L_ID $SUB|" \
    "each record feeds the change log: a birth, a death, both parties of a marriage and a divorce; not a bulk load"
CUR_PURPOSE=$P_FEED
for w in xml soap; do
	newid
	call bhxh $w "$(ch_req "$ID" "$P_FEED" "$BEFORE")"
	is "$STATUS $(xv ConNua)" "200 false" "Changes ($w): 200, all on one page"
	got=""
	for i in $(seq "$(xc ThayDoi)"); do
		got="$got|$(texts "(//*[local-name()='ThayDoi'])[$i]/*[local-name()='Loai' or local-name()='SoDinhDanh' or local-name()='MaXa']")"
	done
	is "$got|" "|khai_sinh $K $SUB|khai_tu $D $SUB|ket_hon $L $SUB|ket_hon $S $SUB|ly_hon $X $SUB|ly_hon $L $SUB|" \
	    "Changes ($w): what each change is, whom and where; not the commune not subscribed to"
	valid "Changes civil ($w)"
	read_by "Changes ($w)" pid,civil_change "$K" "$D" "$L" "$S" "$X" "$L"
done
newid
call bhxh xml "$(ch_req "$ID" "$P_PLAIN" "$BEFORE")"
is "$STATUS $(xc ThayDoi) $(xv ConNua)" "200 0 false" \
    "Changes with a right without ho_tich: no civil-status change shown"
is "$(sql "SELECT COUNT(*) FROM access_log WHERE request_id = '$ID'")" 0 "and nobody read"
sql "DELETE FROM exchange_right WHERE purpose = '$P_PLAIN'"

# --- who read my data: the ministry's civil-status read ---------------------------

CUR_PURPOSE=$P_BHXH
newid
call bhxh xml "$(vc_req "$ID" "$P_BHXH" "$L")"
http GET /tracking/citizen/reads -u "$L:demo" -H 'Accept: application/json'
is "$STATUS" 200 "L's own record of who read their data"
first=$(printf '%s' "$BODY" | jq -c '.reads[0]')
is "$(printf '%s' "$first" | jq -r '[.actor_kind, .actor, .fields, .purpose] | join("|")')" \
    "exchange|$N_BHXH|civil_status|$P_BHXH" "the civil-status read is listed, newest first"
is "$(json total)" "$(sql "SELECT COUNT(*) FROM access_log WHERE citizen_id = $L_ID")" \
    "every read of L counted, the civil ones with them"
http GET /tracking/citizen/reads -u "$S:demo" -H 'Accept: application/json'
is "$(printf '%s' "$BODY" | jq -r '[.reads[] | select(.purpose == "'"$P_CHILD"'") | .fields] | unique | join(",")')" \
    "pid,full_name" "the mother sees the reads of her number and name as a parent"

# --- a death registered through civil.fcgi, end to end ---------------------------

# officials of the subscribed commune, and two of its living residents
T=hc$RANDOM
sql "INSERT INTO official (username, full_name, role, commune_code) VALUES
    ('$T.cv', 'Cán bộ kiểm thử', 'commune_officer', '$SUB'),
    ('$T.ct', 'Cán bộ kiểm thử', 'commune_head', '$SUB')"
hash=$(cut -d: -f2- "$STACK_DIR/nginx/officials.htpasswd" | head -1)
printf '%s:%s\n' "$T.cv" "$hash" "$T.ct" "$hash" >> "$STACK_DIR/nginx/officials.htpasswd"
mapfile -t Z < <(sql "SELECT c.id, c.pid FROM citizen c JOIN residence r ON r.citizen_id = c.id
    WHERE r.kind = 'permanent' AND r.valid_to IS NULL AND r.commune_code = '$SUB'
    AND c.death_date IS NULL AND c.id NOT IN ($ALL) ORDER BY c.id DESC LIMIT 2" | tr '\t' ' ')
read -r Z_ID ZP <<< "${Z[0]}"
read -r DECL_ID DECL <<< "${Z[1]}"
DDAY=$(vn_day -1)
BEFORE=$(sql "SELECT COALESCE(MAX(id), 0) FROM change_log")
http POST /civil/official/dossiers/death -u "$T.cv:demo" -H 'Accept: application/json' \
    --data "applicant_pid=$DECL&idempotency_key=$(newkey)&relation=child&deceased_pid=$ZP&death_date=$DDAY&death_place=Nh%C3%A0+ri%C3%AAng&notice_number=GBT-$RUN"
is "$STATUS $(json state)" "201 submitted" "a death is filed at the counter of the subscribed commune"
RC=$(json receipt_code)
http GET '/tracking/official/queue?family=civil' -u "$T.cv:demo" -H 'Accept: application/json'
like "$(printf '%s' "$BODY" | jq -c --arg r "$RC" '.dossiers[] | select(.receipt_code == $r)')" \
    '"procedure_code":"1.000656","procedure":"Đăng ký khai tử","family":"civil"' \
    "the dossier is in the commune's civil-status queue"
http POST "/civil/official/dossiers/$RC/accept" -u "$T.cv:demo" -H 'Accept: application/json' -d x=1
http POST "/civil/official/dossiers/$RC/approve" -u "$T.ct:demo" -H 'Accept: application/json' -d x=1
is "$STATUS $(json state)" "200 result_issued" "and registered"
http POST "/tracking/dossiers/$RC" -H 'Accept: application/json' \
    --data-urlencode "birth_year=$(sql "SELECT YEAR(birth_date) FROM citizen WHERE id = $DECL_ID")"
is "$STATUS $(json procedure) | $(json state_vi)" "200 Đăng ký khai tử | Đã trả kết quả" \
    "tracked by its receipt code"
is "$(sql "SELECT GROUP_CONCAT(DISTINCT kind ORDER BY kind) FROM change_log WHERE id > $BEFORE AND citizen_id = $Z_ID AND commune_code = '$SUB'")" \
    "cham_dut_cu_tru,khai_tu" "the registration feeds the change log: the death, and the residence it ends"
CUR_PURPOSE=$P_FEED
newid
call bhxh soap "$(ch_req "$ID" "$P_FEED" "$BEFORE")"
like "$(texts "//*[local-name()='ThayDoi'][*[local-name()='SoDinhDanh'] = '$ZP']/*[local-name()='Loai']")" \
    'khai_tu' "Changes carries the registered death to the subscribed client"
valid "Changes after a registered death"
CUR_PURPOSE=$P_BHXH
newid
call bhxh xml "$(vc_req "$ID" "$P_BHXH" "$ZP")"
is "$(answer)" "no - $TODAY $DDAY - -" "VerifyCivilStatus: deceased since the registered date"

# the people as they were (the change log keeps its rows: a feed is history)
sql "DELETE FROM civil_record WHERE book = 'TEST-$RUN';
    DELETE FROM marriage WHERE party_a IN ($ALL) OR party_b IN ($ALL);
    DELETE FROM parent_link WHERE child_id IN ($ALL);
    INSERT INTO marriage SELECT * FROM ${KEEP}_m;
    INSERT INTO parent_link SELECT * FROM ${KEEP}_p;
    UPDATE citizen c JOIN ${KEEP}_c k ON k.id = c.id
        SET c.death_date = k.death_date, c.marital_status = k.marital_status;
    DROP TABLE ${KEEP}_c, ${KEEP}_m, ${KEEP}_p"

# --- the access log is still one unbroken chain -----------------------------------

out=$("$top_builddir/modules/tools/motcua-audit-verify" -k "$AUDIT_KEY" -- --defaults-file="$AUDIT_CNF" motcua)
is "$?" 0 "the access-log chain verifies"
like "$out" 'chain intact' "the verifier says the chain is intact"
t_done
