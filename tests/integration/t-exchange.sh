# The exchange gateway through the web server (nginx, or the Apache that
# MOTCUA_WEB picks) with TLS client certificates: every service in both wire
# forms (plain XML POST and SOAP 1.1), answers checked against the database
# and against the schema; rights and purposes; replays; the message log and
# the access log; encodings; batches; the change feed.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/integration/exchange-lib.sh"

P_BHXH='Xét duyệt hồ sơ bảo hiểm y tế'
P_FEED='Cập nhật danh sách người tham gia bảo hiểm'
P_GDDT='Tuyển sinh đầu cấp'
N_BHXH=$(sql "SELECT name FROM exchange_client WHERE id = 1")
N_GDDT=$(sql "SELECT name FROM exchange_client WHERE id = 2")
RUN=$(date +%s)$$
SEQ=0 NREQ=0

# --- helpers --------------------------------------------------------------

newid() { SEQ=$((SEQ + 1)); ID="ex$RUN-$SEQ"; }
vr_req() {	# vr_req ID PURPOSE PID COMMUNE [NAME [BIRTH [DAY]]]
	printf '<VerifyResidenceRequest xmlns="%s">' "$NS"
	el MaYeuCau "$1"; el MucDich "$2"; el SoDinhDanh "$3"
	el HoVaTen "${5:-}"; el NgaySinh "${6:-}"; el MaXa "$4"
	el NgayKiemTra "${7:-}"
	printf '</VerifyResidenceRequest>'
}
bv_req() {	# bv_req ID PURPOSE DAY ITEMS (a file: STT, pid, commune a line)
	printf '<BatchVerifyRequest xmlns="%s">' "$NS"
	el MaYeuCau "$1"; el MucDich "$2"; el NgayKiemTra "$3"
	awk -F'\t' '{ printf "<Muc><STT>%s</STT><SoDinhDanh>%s</SoDinhDanh><MaXa>%s</MaXa></Muc>", $1, $2, $3 }' "$4"
	printf '</BatchVerifyRequest>'
}
# post WHO ENDPOINT FILE [curl args]: FILE as client WHO (exchange-lib.sh)
post() { ex_post "$@"; }

# fullname: Ho, ChuDem and Ten of a CongDan, joined
fullname() { printf '%s %s %s' "$(xv Ho)" "$(xv ChuDem)" "$(xv Ten)" | tr -s ' '; }

# logged LABEL WHO CLIENT SERVICE WIRE: the answered message's row
logged() {
	is "$(sql "SELECT client_id, subject_dn, service, wire, request_sha256, response_sha256, outcome, http_status FROM exchange_message WHERE client_id = $3 AND message_id = '$ID'")" \
	    "$(printf '%s\t%s\t%s\t%s\t%s\t%s\tanswered\t200' "$3" "$(cat "$TLS/$2.dn")" "$4" "$5" "$(sha "$REQ")" "$(sha "$RESP")")" \
	    "$1: exchange_message row: client, service, id, digests, outcome"
}

# expect PID COMMUNE DAY: what the database says (yes/no, and the kind)
expect() {
	sql "SELECT IF(COUNT(*) = 0, 'no', CONCAT('yes ', IF(MIN(r.kind) = 'permanent', 'thuong_tru', 'tam_tru'))) FROM residence r JOIN citizen c ON c.id = r.citizen_id WHERE c.pid = '$1' AND r.commune_code = '$2' AND r.valid_from <= '$3' AND (r.valid_to IS NULL OR r.valid_to >= '$3')"
}

# --- the people -------------------------------------------------------------

# A: one permanent residence, no temporary one, a name with diacritics
IFS=$'\t' read -r A_ID A A_NAME A_BIRTH A_SEX A_ETH A_COMMUNE A_FROM A_ADDR < <(sql "
    SELECT c.id, c.pid, c.full_name, c.birth_date, c.sex, c.ethnicity,
           r.commune_code, r.valid_from, r.address
    FROM citizen c JOIN residence r ON r.citizen_id = c.id
    WHERE r.kind = 'permanent' AND r.valid_to IS NULL
      AND r.valid_from > '1990-01-01' AND DAY(r.valid_from) > 1
      AND r.valid_from <> c.birth_date
      AND c.household_id IS NOT NULL
      AND LENGTH(c.full_name) > CHAR_LENGTH(c.full_name) + 2
      AND (SELECT COUNT(*) FROM residence x WHERE x.citizen_id = c.id) = 1
    ORDER BY c.id LIMIT 1 OFFSET 500")
like "$A" '^[0-9]{12}$' "found a citizen with one permanent residence"
OTHER=$(sql "SELECT code FROM admin_unit WHERE level = 'commune' AND code <> '$A_COMMUNE' ORDER BY code LIMIT 1")
# a valid-format number nobody holds
NOBODY=
for n in 099000000001 099000000002 099123456789 098765432109; do
	if [ "$(sql "SELECT (SELECT COUNT(*) FROM citizen WHERE pid = '$n') + (SELECT COUNT(*) FROM citizen_pid WHERE number = '$n')")" = 0 ]; then
		NOBODY=$n
		break
	fi
done
like "$NOBODY" '^[0-9]{12}$' "a valid-format number nobody holds"
# T: a current temporary residence
IFS=$'\t' read -r T T_COMMUNE T_FROM T_TO < <(sql "
    SELECT c.pid, r.commune_code, r.valid_from, r.valid_to
    FROM citizen c JOIN residence r ON r.citizen_id = c.id
    WHERE r.kind = 'temporary' AND r.valid_from <= CURDATE()
      AND r.valid_to > CURDATE() + INTERVAL 7 DAY
      AND NOT EXISTS (SELECT 1 FROM residence p WHERE p.citizen_id = c.id
          AND p.kind = 'permanent' AND p.commune_code = r.commune_code)
    ORDER BY c.id LIMIT 1 OFFSET 50")

# --- VerifyResidence, both wires ------------------------------------------

for w in xml soap; do
	newid
	call bhxh $w "$(vr_req "$ID" "$P_BHXH" "$A" "$A_COMMUNE" "$A_NAME" "$A_BIRTH")"
	is "$STATUS" 200 "VerifyResidence ($w): 200"
	is "$(xv KetQua) $(xv LoaiCuTru) $(xv TuNgay)" "yes thuong_tru $A_FROM" \
	    "VerifyResidence ($w): yes in the real commune, thuong_tru since $A_FROM"
	is "$(xv DiaChi)|$(xv KhopHoTen)|$(xv KhopNgaySinh)|$(xc DenNgay)" \
	    "$A_ADDR|match|match|0" "VerifyResidence ($w): address from the database, name and birth match"
	is "$(xv MaYeuCau)" "$ID" "VerifyResidence ($w): echoes MaYeuCau"
	valid "VerifyResidence ($w)"
	logged "VerifyResidence ($w)" bhxh 1 VerifyResidence $w
	accessed "VerifyResidence ($w)" "$N_BHXH" "$P_BHXH" residence "$A"

	newid
	call bhxh $w "$(vr_req "$ID" "$P_BHXH" "$A" "$OTHER")"
	is "$(xv KetQua) $(xv LyDo) $(xc LoaiCuTru)" "no no_residence_in_commune 0" \
	    "VerifyResidence ($w): no for another commune, no details"
	valid "VerifyResidence ($w) no"

	newid
	n=$(alog)
	call bhxh $w "$(vr_req "$ID" "$P_BHXH" "$NOBODY" "$A_COMMUNE")"
	is "$STATUS $(xv KetQua) $(xv LyDo)" "200 unknown not_found" \
	    "VerifyResidence ($w): unknown/not_found for a number nobody holds"
	valid "VerifyResidence ($w) not found"
	is "$(alog)" "$n" "VerifyResidence ($w): nobody found, no access row"

	newid
	call bhxh $w "$(vr_req "$ID" "$P_BHXH" "$A" "$A_COMMUNE" "Nguyễn Văn Không Phải" "$A_BIRTH")"
	is "$(xv KetQua) $(xv LyDo) $(xv KhopHoTen) $(xv KhopNgaySinh) $(xc LoaiCuTru)$(xc DiaChi)" \
	    "unknown identity_mismatch mismatch match 00" \
	    "VerifyResidence ($w): another name: identity_mismatch, nothing more said"
	valid "VerifyResidence ($w) name mismatch"
	newid
	call bhxh $w "$(vr_req "$ID" "$P_BHXH" "$A" "$A_COMMUNE" "$A_NAME" "1901-01-01")"
	is "$(xv KetQua) $(xv LyDo) $(xv KhopHoTen) $(xv KhopNgaySinh) $(xc LoaiCuTru)$(xc DiaChi)" \
	    "unknown identity_mismatch match mismatch 00" \
	    "VerifyResidence ($w): another birth date: identity_mismatch"
	valid "VerifyResidence ($w) birth mismatch"

	newid
	call bhxh $w "$(vr_req "$ID" "$P_BHXH" "$T" "$T_COMMUNE")"
	is "$(xv KetQua) $(xv LoaiCuTru) $(xv TuNgay) $(xv DenNgay)" \
	    "yes tam_tru $T_FROM $T_TO" "VerifyResidence ($w): a temporary residence: tam_tru with its end"
	valid "VerifyResidence ($w) temporary"
done

# dates: NgaySinh and NgayKiemTra in every form the schema allows
y=${A_FROM%%-*} m=${A_FROM:5:2} d=${A_FROM:8:2}
by=${A_BIRTH%%-*} bm=${A_BIRTH:5:2} bd=${A_BIRTH:8:2}
prev=$(sql "SELECT '$A_FROM' - INTERVAL 1 DAY")
py=${prev%%-*} pm=${prev:5:2} pd=${prev:8:2}
for c in "$A_BIRTH|$A_FROM|yes" "$bd/$bm/$by|$d/$m/$y|yes" "$bd$bm$by|$d$m$y|yes" \
    "$by|$y|yes" "$A_BIRTH|$prev|no" "$bd/$bm/$by|$pd/$pm/$py|no" \
    "$bd$bm$by|$pd$pm$py|no" "$by|$((y - 1))|no"; do
	IFS='|' read -r birth day want <<< "$c"
	newid
	call bhxh xml "$(vr_req "$ID" "$P_BHXH" "$A" "$A_COMMUNE" "" "$birth" "$day")"
	is "$(xv KetQua) $(xv KhopNgaySinh)" "$want match" \
	    "NgaySinh $birth, NgayKiemTra $day: $want (residence since $A_FROM)"
done
valid "dates"
is "$(expect "$A" "$A_COMMUNE" "$prev")" no "the database agrees: no residence the day before"
newid
call bhxh xml "$(vr_req "$ID" "$P_BHXH" "$A" "$A_COMMUNE" "" "" "1975-04-30")"
is "$(xv KetQua) $(xv LyDo)" "no no_residence_in_commune" "NgayKiemTra long before the residence began: no"
newid
call bhxh soap "$(vr_req "$ID" "$P_BHXH" "$A" "$A_COMMUNE" "" "" "31/02/2020")"
fault "an impossible NgayKiemTra" soap schema_invalid

# tone marks placed differently, decomposed, upper case
IFS=$'\t' read -r H H_NAME H_COMMUNE < <(sql "
    SELECT c.pid, c.full_name, r.commune_code FROM citizen c
    JOIN residence r ON r.citizen_id = c.id AND r.kind = 'permanent' AND r.valid_to IS NULL
    WHERE c.full_name LIKE BINARY '% Hòa' ORDER BY c.id LIMIT 1")
if [ -z "$H" ]; then
	IFS=$'\t' read -r hid H H_COMMUNE < <(sql "
	    SELECT c.id, c.pid, r.commune_code FROM citizen c
	    JOIN residence r ON r.citizen_id = c.id AND r.kind = 'permanent' AND r.valid_to IS NULL
	    ORDER BY c.id DESC LIMIT 1")
	sql "UPDATE citizen SET full_name = 'Nguyễn Thị Hòa' WHERE id = $hid"
	H_NAME='Nguyễn Thị Hòa'
fi
is "$(sql "SELECT full_name LIKE BINARY '%Hòa' FROM citizen WHERE pid = '$H'")" 1 \
    "the database holds the name with the mark on o (Hòa)"
alt=${H_NAME%Hòa}Hoà
nfd=${H_NAME%Hòa}$(printf 'Ho\xcc\x80a')
upper=$(printf '%s' "${H_NAME%Hòa}" | LC_ALL=C.UTF-8 sed 's/.*/\U&/')HOÀ
for c in "$alt|the mark on a" "$nfd|decomposed (NFD)" "$upper|in capitals"; do
	newid
	call bhxh xml "$(vr_req "$ID" "$P_BHXH" "$H" "$H_COMMUNE" "${c%%|*}")"
	is "$(xv KetQua) $(xv KhopHoTen)" "yes match" "'$H_NAME' sent ${c#*|} ('${c%%|*}'): yes, the name matches"
done
valid "tone marks"

# --- GetCitizen, both wires ------------------------------------------------

IFS=$'\t' read -r A_HEAD A_ROLE < <(sql "
    SELECT h.pid, c.household_role FROM citizen c
    JOIN citizen h ON h.household_id = c.household_id AND h.household_role = 'chủ hộ'
    WHERE c.id = $A_ID LIMIT 1")
[ "$A_SEX" = M ] && A_GT=1 || A_GT=2
for w in xml soap; do
	newid
	call bhxh $w "$(gc_req "$ID" "$P_BHXH" "$A")"
	is "$STATUS $(xv KetQua) $(xc NhomTruong)" "200 found 4" "GetCitizen ($w): found, all four groups"
	is "$(fullname)" "$A_NAME" "GetCitizen ($w): the name from the database"
	is "$(xv GioiTinh) $(xv DanToc) $(xv NgayThangNam)" "$A_GT $A_ETH $A_BIRTH" \
	    "GetCitizen ($w): sex, ethnicity, birth date"
	is "$(xv MaDonViHanhChinh)|$(xv ChiTiet)" "$A_COMMUNE|$A_ADDR" \
	    "GetCitizen ($w): ThuongTru from the database"
	is "$(xmllint --xpath "string(//*[local-name()='ChuHo']/*[local-name()='SoDinhDanh'])" "$RESP") $(xmllint --xpath "string(//*[local-name()='QuanHe'])" "$RESP")" \
	    "$A_HEAD $A_ROLE" "GetCitizen ($w): household head and relation"
	valid "GetCitizen ($w)"
	logged "GetCitizen ($w)" bhxh 1 GetCitizen $w
	accessed "GetCitizen ($w)" "$N_BHXH" "$P_BHXH" co_ban,nhan_than,cu_tru,ho_gia_dinh "$A"

	newid
	n=$(alog)
	call bhxh $w "$(gc_req "$ID" "$P_BHXH" "$NOBODY")"
	is "$STATUS $(xv KetQua) $(xc CongDan)" "200 not_found 0" "GetCitizen ($w): not_found"
	valid "GetCitizen ($w) not found"
	is "$(alog)" "$n" "GetCitizen ($w): nobody found, no access row"
done
# an old identity card number, for nhan_than
IFS=$'\t' read -r C_PID C_CMND < <(sql "
    SELECT c.pid, p.number FROM citizen_pid p JOIN citizen c ON c.id = p.citizen_id
    WHERE p.kind = 'cmnd' ORDER BY p.id LIMIT 1")
newid
call bhxh xml "$(gc_req "$ID" "$P_BHXH" "$C_PID" nhan_than)"
is "$(xv NhomTruong) $(xv SoCMND) $(xc HoVaTen)$(xc ThuongTru)" "nhan_than $C_CMND 00" \
    "GetCitizen: only the group asked for (nhan_than: the old CMND number)"
valid "GetCitizen nhan_than"
accessed "GetCitizen nhan_than" "$N_BHXH" "$P_BHXH" nhan_than "$C_PID"

# --- BatchVerify, both wires ------------------------------------------------

printf '1\t%s\t%s\n2\t%s\t%s\n3\t%s\t%s\n4\t%s\t%s\n' "$A" "$A_COMMUNE" "$A" "$OTHER" \
    "$NOBODY" "$A_COMMUNE" "$T" "$T_COMMUNE" > "$T_TMP/small"
for w in xml soap; do
	newid
	call bhxh $w "$(bv_req "$ID" "$P_BHXH" "" "$T_TMP/small")"
	is "$STATUS $(xv SoMuc)" "200 4" "BatchVerify ($w): 200, SoMuc 4"
	is "$(xmllint --xpath "//*[local-name()='Muc']" "$RESP" | tr -d '\n' | sed -e 's/<[^>]*Muc[^>]*>/|/g' -e 's/<[^>]*>/ /g' -e 's/  */ /g')" \
	    "| 1 yes thuong_tru || 2 no || 3 unknown || 4 yes tam_tru |" \
	    "BatchVerify ($w): yes, no, unknown, temporary"
	valid "BatchVerify ($w)"
	logged "BatchVerify ($w)" bhxh 1 BatchVerify $w
	# shellcheck disable=SC2046 # two numbers, in the order SQL sorts them
	accessed "BatchVerify ($w)" "$N_BHXH" "$P_BHXH" residence $(printf '%s\n' "$A" "$T" | sort)
done

# the day asked about, in a batch too
printf '1\t%s\t%s\n' "$A" "$A_COMMUNE" > "$T_TMP/one"
for c in "$pd$pm$py|no" "$d/$m/$y|yes thuong_tru" "$((y - 1))|no" "$y|yes thuong_tru"; do
	newid
	call bhxh xml "$(bv_req "$ID" "$P_BHXH" "${c%%|*}" "$T_TMP/one")"
	is "$(printf '%s %s' "$(xv KetQua)" "$(xv LoaiCuTru)" | sed 's/ $//')" "${c#*|}" \
	    "BatchVerify with NgayKiemTra ${c%%|*}: ${c#*|}"
done

# a number that was replaced still finds its holder, in every service
OLD=
for n in $(seq 99000000700 99000000799); do
	n=0$n
	if [ "$(sql "SELECT (SELECT COUNT(*) FROM citizen WHERE pid = '$n') + (SELECT COUNT(*) FROM citizen_pid WHERE number = '$n')")" = 0 ]; then
		OLD=$n
		break
	fi
done
sql "INSERT INTO citizen_pid (citizen_id, number, kind, valid_from, valid_to, reason) VALUES ($A_ID, '$OLD', 'pid', '$A_BIRTH', '$A_FROM', 'kiểm thử: số đã thay')"
newid
call bhxh xml "$(vr_req "$ID" "$P_BHXH" "$OLD" "$A_COMMUNE")"
is "$(xv KetQua) $(xv LoaiCuTru)" "yes thuong_tru" "VerifyResidence by a replaced number: its holder's residence"
newid
call bhxh xml "$(gc_req "$ID" "$P_BHXH" "$OLD" co_ban)"
is "$(xv KetQua) $(xv SoDinhDanh)" "found $A" "GetCitizen by a replaced number: its holder, under the current number"
printf '1\t%s\t%s\n' "$OLD" "$A_COMMUNE" > "$T_TMP/old"
newid
call bhxh xml "$(bv_req "$ID" "$P_BHXH" "" "$T_TMP/old")"
is "$(xv KetQua) $(xv LoaiCuTru)" "yes thuong_tru" "BatchVerify by a replaced number: the same answer as VerifyResidence"

# 500 pairs: yes, no and unknown, checked against the database
sql "SELECT c.pid, r.commune_code FROM citizen c JOIN residence r ON r.citizen_id = c.id
     WHERE r.kind = 'permanent' AND r.valid_to IS NULL AND c.id % 7 = 3
     ORDER BY c.id LIMIT 200" > "$T_TMP/yes"
sql "SELECT c.pid, r.commune_code FROM citizen c JOIN residence r ON r.citizen_id = c.id
     WHERE r.kind = 'temporary' AND r.valid_from <= CURDATE() AND r.valid_to >= CURDATE()
     ORDER BY c.id LIMIT 50" >> "$T_TMP/yes"
sql "SELECT c.pid, '$OTHER' FROM citizen c WHERE c.id % 7 = 5
     AND NOT EXISTS (SELECT 1 FROM residence r WHERE r.citizen_id = c.id AND r.commune_code = '$OTHER')
     ORDER BY c.id LIMIT 149" > "$T_TMP/no"
for i in $(seq 1 100); do printf '0990%08d\t%s\n' "$i" "$A_COMMUNE"; done > "$T_TMP/unknown"
# the same person twice: still one access row
head -1 "$T_TMP/yes" >> "$T_TMP/unknown"
paste -d '\n' "$T_TMP/yes" "$T_TMP/no" "$T_TMP/unknown" | grep . |
    awk -F'\t' '{ print NR "\t" $1 "\t" $2 }' > "$T_TMP/items"
is "$(wc -l < "$T_TMP/items")" 500 "500 pairs to verify"
{
	echo "SELECT i.stt, IF(c.id IS NULL, 'unknown', IFNULL((SELECT IF(MIN(r.kind) = 'permanent', 'yes thuong_tru', 'yes tam_tru') FROM residence r WHERE r.citizen_id = c.id AND r.commune_code = i.commune AND r.valid_from <= CURDATE() AND (r.valid_to IS NULL OR r.valid_to >= CURDATE()) HAVING COUNT(*) > 0), 'no')) FROM ("
	awk -F'\t' '{ printf "%sSELECT %d AS stt, _ascii \"%s\" COLLATE ascii_bin AS pid, \"%s\" AS commune\n", (NR > 1 ? "UNION ALL " : ""), $1, $2, $3 }' "$T_TMP/items"
	echo ") i LEFT JOIN citizen c ON c.pid = i.pid ORDER BY i.stt"
} > "$T_TMP/expect.sql"
mariadb --defaults-file="$MYCNF" -N -B motcua < "$T_TMP/expect.sql" | tr '\t' ' ' > "$T_TMP/expected"
distinct=$(cut -f2 "$T_TMP/items" | sort -u | grep -vc '^0990')
newid
n=$(alog)
call bhxh xml "$(bv_req "$ID" "$P_BHXH" "" "$T_TMP/items")"
is "$STATUS $(xv SoMuc) $(xc KetQua)" "200 500 500" "BatchVerify of 500: SoMuc 500, 500 answers"
xmllint --xpath "//*[local-name()='Muc']" "$RESP" | sed -e 's/<Muc>/\n/g' |
    sed -n 's|^<STT>\([0-9]*\)</STT><KetQua>\([a-z]*\)</KetQua>\(<LoaiCuTru>\([a-z_]*\)</LoaiCuTru>\)\{0,1\}.*|\1 \2 \4|p' |
    sed 's/ $//' > "$T_TMP/got"
diff "$T_TMP/expected" "$T_TMP/got" > "$T_TMP/diff"
ok $? "BatchVerify of 500: every answer matches the database"
head -5 "$T_TMP/diff" | sed 's/^/# /'
is "$(cut -d' ' -f2 "$T_TMP/got" | sort | uniq -c | awk '{ printf "%s=%s ", $2, $1 }')" \
    "no=149 unknown=100 yes=251 " "BatchVerify of 500: 251 yes, 149 no, 100 unknown"
valid "BatchVerify of 500"
is "$(sql "SELECT COUNT(*), COUNT(DISTINCT citizen_id) FROM access_log WHERE request_id = '$ID'")" \
    "$(printf '%s\t%s' "$distinct" "$distinct")" \
    "BatchVerify of 500: one access row per distinct citizen found ($distinct)"
is "$(alog)" $((n + distinct)) "BatchVerify of 500: no other access row"

# 10,000 pairs are answered; 10,001 are refused as a whole, nothing read
for i in $(seq 21); do cut -f2,3 "$T_TMP/items"; done | head -10001 |
    awk -F'\t' '{ print NR "\t" $1 "\t" $2 }' > "$T_TMP/huge"
head -10000 "$T_TMP/huge" > "$T_TMP/10k"
newid
n=$(alog)
call bhxh xml "$(bv_req "$ID" "$P_BHXH" "" "$T_TMP/10k")"
is "$STATUS $(xv SoMuc) $(xc KetQua)" "200 10000 10000" "BatchVerify of 10,000: answered, SoMuc 10000"
valid "BatchVerify of 10,000"
is "$(alog)" $((n + distinct)) "BatchVerify of 10,000: one access row per distinct citizen ($distinct)"
n=$(alog)
for w in xml soap; do
	newid
	call bhxh $w "$(bv_req "$ID" "$P_BHXH" "" "$T_TMP/huge")"
	fault "BatchVerify of 10,001 ($w)" $w batch_too_large
done
is "$(alog)" "$n" "BatchVerify of 10,001: nothing read, no access row"

# --- rights and purposes -----------------------------------------------------

for w in xml soap; do
	newid
	call gddt $w "$(vr_req "$ID" "$P_GDDT" "$A" "$A_COMMUNE")"
	is "$STATUS $(xv KetQua) $(xc LoaiCuTru)$(xc TuNgay)$(xc DiaChi)" "200 yes 000" \
	    "gddt VerifyResidence ($w): yes, and nothing more"
	valid "gddt VerifyResidence ($w)"
	logged "gddt VerifyResidence ($w)" gddt 2 VerifyResidence $w
	accessed "gddt VerifyResidence ($w)" "$N_GDDT" "$P_GDDT" residence "$A"

	newid
	call gddt $w "$(gc_req "$ID" "$P_GDDT" "$A")"
	is "$STATUS $(xv KetQua) $(xv NhomTruong) $(xc NhomTruong)" "200 found co_ban 1" \
	    "gddt GetCitizen ($w): found, co_ban only"
	is "$(fullname)|$(xv NgayThangNam)" "$A_NAME|$A_BIRTH" \
	    "gddt GetCitizen ($w): name and birth date"
	is "$(xc ThuongTru) $(xc NoiOHienTai) $(xc DanToc) $(xc SoCMND) $(xc ChuHo)" "0 0 0 0 0" \
	    "gddt GetCitizen ($w): no ThuongTru, NoiOHienTai, DanToc, SoCMND, ChuHo"
	valid "gddt GetCitizen ($w)"
	accessed "gddt GetCitizen ($w)" "$N_GDDT" "$P_GDDT" co_ban "$A"

	newid
	n=$(alog)
	call gddt $w "$(bv_req "$ID" "$P_GDDT" "" "$T_TMP/small")"
	[ $w = xml ] && st=403 || st=500
	fault "gddt BatchVerify ($w)" $w not_permitted 403
	is "$(sql "SELECT client_id, service, wire, request_sha256, outcome, http_status FROM exchange_message WHERE request_sha256 = '$(sha "$REQ")'")" \
	    "$(printf '2\tBatchVerify\t%s\t%s\tnot_permitted\t%s' $w "$(sha "$REQ")" "$st")" \
	    "gddt BatchVerify ($w): the refusal is logged"
	is "$(sql "SELECT message_id FROM exchange_message WHERE request_sha256 = '$(sha "$REQ")'")" "$ID" \
	    "gddt BatchVerify ($w): the refusal's row carries the message id"
	is "$(alog)" "$n" "gddt BatchVerify ($w): nothing read"

	newid
	call gddt $w "$(ch_req "$ID" "$P_GDDT" 0)"
	fault "gddt Changes ($w)" $w not_permitted 403

	newid
	call bhxh $w "$(vr_req "$ID" "Tra cứu cho vui" "$A" "$A_COMMUNE")"
	fault "bhxh with an undeclared purpose ($w)" $w not_permitted 403
	is "$(sql "SELECT outcome FROM exchange_message WHERE request_sha256 = '$(sha "$REQ")'")" \
	    not_permitted "bhxh with an undeclared purpose ($w): logged"
	newid
	call bhxh $w "$(gc_req "$ID" "$P_FEED" "$A")"
	fault "bhxh GetCitizen with the Changes purpose ($w)" $w not_permitted 403
	is "$(alog)" "$n" "refusals ($w): no access row"

	newid
	call unknown $w "$(vr_req "$ID" "$P_BHXH" "$A" "$A_COMMUNE")"
	fault "unregistered client certificate ($w)" $w client_unknown 403
	newid
	call none $w "$(vr_req "$ID" "$P_BHXH" "$A" "$A_COMMUNE")"
	fault "no client certificate ($w)" $w client_unverified 403
	m=$(mlog)
	newid
	call rogue $w "$(vr_req "$ID" "$P_BHXH" "$A" "$A_COMMUNE")"
	if [ "${WEB:-nginx}" = nginx ]; then
		is "$STATUS" 400 "certificate from another CA ($w): nginx answers 400"
	else
		like "$STATUS" '^(000|4[0-9][0-9])$' "certificate from another CA ($w): $WEB refuses it"
	fi
	is "$(grep -c MaLoi "$RESP") $(mlog)" "0 $m" "certificate from another CA ($w): nothing reaches the module"
	is "$(alog)" "$n" "unverified clients ($w): no access row"
	# the issuer is part of the identity when it is recorded
	sql "UPDATE exchange_client SET issuer_dn = 'CN=another CA,C=VN' WHERE id = 1"
	newid
	call bhxh $w "$(vr_req "$ID" "$P_BHXH" "$A" "$A_COMMUNE")"
	fault "the right subject from another issuer ($w)" $w client_unknown 403
	sql "UPDATE exchange_client SET issuer_dn = '$(cat "$TLS/bhxh.issuer")' WHERE id = 1"
	newid
	call bhxh $w "$(vr_req "$ID" "$P_BHXH" "$A" "$A_COMMUNE")"
	is "$STATUS" 200 "the recorded issuer matches ($w)"
done

# --- replays ------------------------------------------------------------------

newid
R1=$ID
call bhxh xml "$(vr_req "$ID" "$P_BHXH" "$A" "$A_COMMUNE" "$A_NAME")"
first=$RESP req1=$REQ
post bhxh xml "$req1"
cmp -s "$first" "$RESP"
ok $? "the same message again: a byte-identical answer"
is "$STATUS" 200 "the replay answers 200"
is "$(sql "SELECT COUNT(*) FROM access_log WHERE request_id = '$R1'")" 1 "the replay: one access row, not two"
is "$(sql "SELECT outcome FROM exchange_message WHERE request_sha256 = '$(sha "$req1")' ORDER BY id")" \
    "$(printf 'answered\nreplayed')" "the replay is logged as replayed"
is "$(sql "SELECT COUNT(*) FROM exchange_message WHERE message_id = '$R1' AND client_id = 1")" 2 \
    "the replayed copy's row carries the message id too"
for w in xml soap; do
	newid
	call bhxh $w "$(vr_req "$ID" "$P_BHXH" "$A" "$A_COMMUNE")"
	n=$(alog)
	call bhxh $w "$(vr_req "$ID" "$P_BHXH" "$A" "$OTHER")"
	fault "the same MaYeuCau with another body ($w)" $w message_id_reused 409
	is "$(alog)" "$n" "message_id_reused ($w): nothing read"
done
# another client's message with the same id is its own message
ID=$R1
call gddt xml "$(vr_req "$ID" "$P_GDDT" "$A" "$A_COMMUNE")"
is "$STATUS $(xv KetQua) $(xc LoaiCuTru)" "200 yes 0" "the same MaYeuCau from gddt: answered for gddt"
is "$(sql "SELECT client_id, outcome FROM exchange_message WHERE message_id = '$R1' AND outcome = 'answered' ORDER BY client_id" | tr '\t\n' ' ')" \
    "1 answered 2 answered " "the same MaYeuCau from two clients: two messages"

# ten concurrent copies
newid
mkreq soap "$(vr_req "$ID" "$P_BHXH" "$A" "$A_COMMUNE" "$A_NAME" "$A_BIRTH")"
for i in 1 2 3 4 5 6 7 8 9 10; do
	curl -sS --cacert "$TLS/ca.crt" --cert "$TLS/bhxh.crt" --key "$TLS/bhxh.key" \
	    -o "$T_TMP/c$i" -w '%{http_code}\n' -H 'Content-Type: text/xml' \
	    -H "SOAPAction: \"$NS/VerifyResidence\"" --data-binary "@$REQ" \
	    "$TLSBASE/exchange/v1/soap" > "$T_TMP/s$i" &
done
wait
is "$(for i in 1 2 3 4 5 6 7 8 9 10; do cat "$T_TMP/s$i"; done | sort | uniq -c | awk '{ print $1, $2 }')" \
    "10 200" "ten concurrent copies: all answered 200"
is "$(for i in 1 2 3 4 5 6 7 8 9 10; do sha "$T_TMP/c$i"; done | sort -u | wc -l) $(wc -c < "$T_TMP/c1")" \
    "1 $(wc -c < "$T_TMP/c1" | grep -v '^0$')" "ten concurrent copies: identical answers"
RESP=$T_TMP/c1
is "$(xv KetQua)" yes "ten concurrent copies: the answer is the real one"
is "$(sql "SELECT COUNT(*) FROM exchange_message WHERE client_id = 1 AND message_id = '$ID' AND outcome = 'answered'")" \
    1 "ten concurrent copies: one answered message"
is "$(sql "SELECT outcome, COUNT(*) FROM exchange_message WHERE request_sha256 = '$(sha "$REQ")' GROUP BY outcome ORDER BY outcome" | tr '\t\n' ' ')" \
    "answered 1 replayed 9 " "ten concurrent copies: nine logged as replays"
is "$(sql "SELECT COUNT(*) FROM access_log WHERE request_id = '$ID'")" 1 \
    "ten concurrent copies: one access row"

# --- encodings -----------------------------------------------------------------

# enc LABEL DECLARED ICONV-TARGET [BOM]: the same question, encoded
ENC_IDS="''"
enc() {
	newid
	ENC_IDS="$ENC_IDS,'$ID'"
	{
		[ -n "${4:-}" ] && printf '\xef\xbb\xbf'
		if [ -n "$2" ]; then
			printf '<?xml version="1.0" encoding="%s"?>\n' "$2"
		else
			printf '<?xml version="1.0"?>\n'
		fi
		vr_req "$ID" "$P_BHXH" "$A" "$A_COMMUNE" "$A_NAME"
	} | iconv -f UTF-8 -t "$3" > "$T_TMP/enc"
	REQ=$T_TMP/enc
	post bhxh xml "$REQ"
}
enc "UTF-8 with BOM" UTF-8 UTF-8 bom
is "$STATUS $(xv KetQua) $(xv KhopHoTen)" "200 yes match" "UTF-8 with a BOM: the name matches"
valid "UTF-8 with BOM"
enc "UTF-16" UTF-16 UTF-16
is "$(head -c 2 "$REQ" | od -An -tx1 | tr -d ' ')" fffe "the UTF-16 body is little-endian with a BOM"
is "$STATUS $(xv KetQua) $(xv KhopHoTen)" "200 yes match" "UTF-16: the name matches"
valid "UTF-16"
logged "UTF-16" bhxh 1 VerifyResidence xml
enc "windows-1258" windows-1258 CP1258
is "$STATUS $(xv KetQua) $(xv KhopHoTen)" "200 yes match" "windows-1258 (declared): the name matches"
valid "windows-1258"
for e in TCVN5712-1 TCVN; do
	enc "$e" "$e" TCVN5712-1
	is "$STATUS $(xv KetQua) $(xv KhopHoTen)" "200 yes match" "TCVN3 declared as $e: the name matches"
done
valid "TCVN3"
is "$(sql "SELECT COUNT(DISTINCT purpose), MIN(purpose) FROM access_log WHERE request_id IN ($ENC_IDS)")" \
    "$(printf '1\t%s' "$P_BHXH")" "every encoding logged the same purpose, in UTF-8"
enc "windows-1258 undeclared" "" CP1258
fault "windows-1258 bytes, no encoding declared" xml xml_invalid_encoding
enc "unknown encoding" x-motcua-unknown UTF-8
fault "an unknown declared encoding" xml xml_encoding_unsupported

# --- Changes ----------------------------------------------------------------------

SUBS=$(sql "SELECT GROUP_CONCAT(CONCAT('''', commune_code, '''')) FROM exchange_subscription WHERE client_id = 1")
like "$SUBS" "^'[0-9]{5}'" "client 1 subscribes to communes ($SUBS)"
# residences to change: three in subscribed communes, one elsewhere
mapfile -t SUBR < <(sql "SELECT r.id FROM residence r WHERE r.commune_code IN ($SUBS)
    AND r.valid_to IS NULL AND r.citizen_id > 2000 ORDER BY r.id DESC LIMIT 3")
NOSUB=$(sql "SELECT r.id FROM residence r WHERE r.commune_code NOT IN ($SUBS)
    AND r.valid_to IS NULL AND r.citizen_id > 2000 ORDER BY r.id DESC LIMIT 1")
for r in "${SUBR[0]}" "$NOSUB" "${SUBR[1]}" "${SUBR[2]}"; do
	sql "UPDATE residence SET address = CONCAT(address, ' (đã sửa)') WHERE id = $r"
done
NOSUB_ID=$(sql "SELECT MAX(id) FROM change_log WHERE commune_code NOT IN ($SUBS)")
SUB_ID=$(sql "SELECT MAX(id) FROM change_log WHERE commune_code IN ($SUBS)")
IFS=$'\t' read -r SUB_PID SUB_COMMUNE < <(sql "SELECT c.pid, r.commune_code FROM residence r JOIN citizen c ON c.id = r.citizen_id WHERE r.id = ${SUBR[2]}")
sql "SELECT cl.id FROM change_log cl JOIN exchange_subscription s ON s.commune_code = cl.commune_code AND s.client_id = 1 ORDER BY cl.id" > "$T_TMP/feed.want"
total=$(wc -l < "$T_TMP/feed.want")
is "$((total >= 3))" 1 "the change log holds at least three changes for client 1 ($total)"
cursor=0 pages=0 bad=""
: > "$T_TMP/feed.got"
while [ $pages -lt 500 ]; do
	newid
	call bhxh xml "$(ch_req "$ID" "$P_FEED" "$cursor" 2)"
	[ "$STATUS" = 200 ] || { bad="$bad status $STATUS;"; break; }
	pages=$((pages + 1))
	xmllint --xpath "//*[local-name()='ThayDoi']/*[local-name()='ConTro']/text()" "$RESP" 2>/dev/null |
	    tr -s ' \n' '\n' | grep . > "$T_TMP/page"
	cat "$T_TMP/page" >> "$T_TMP/feed.got"
	n=$(wc -l < "$T_TMP/page")
	next=$(xv ConTroTiepTheo) more=$(xv ConNua)
	seen=$(wc -l < "$T_TMP/feed.got")
	[ "$n" -le 2 ] || bad="$bad page $pages has $n;"
	[ "$n" = 0 ] || [ "$next" = "$(tail -1 "$T_TMP/page")" ] || bad="$bad page $pages ConTroTiepTheo $next;"
	[ "$n" = 0 ] || [ "$next" -gt "$cursor" ] || bad="$bad page $pages does not advance;"
	if [ "$seen" -lt "$total" ]; then w=true; else w=false; fi
	[ "$more" = "$w" ] || bad="$bad page $pages ConNua $more, want $w;"
	# (civil-status changes other tests registered may share the page)
	[ "$(sql "SELECT COUNT(*) FROM access_log WHERE request_id = '$ID' AND purpose = '$P_FEED' AND fields IN ('pid,residence_change', 'pid,civil_change', 'pid,residence_change,civil_change')")" = "$n" ] ||
	    bad="$bad page $pages access rows;"
	if [ $pages = 1 ]; then
		valid "Changes page 1"
		logged "Changes page 1" bhxh 1 Changes xml
	fi
	cursor=$next
	[ "$more" = true ] || break
done
is "$pages" $(((total + 1) / 2)) "Changes: $total changes in $(((total + 1) / 2)) pages of 2"
is "$bad" "" "Changes: each page: at most 2, ConTroTiepTheo its last, ConNua right, one access row a change"
diff "$T_TMP/feed.want" "$T_TMP/feed.got" > /dev/null
ok $? "Changes: every change in a subscribed commune, in order"
grep -qx "$NOSUB_ID" "$T_TMP/feed.got"
is $? 1 "Changes: the change in a commune not subscribed to is not shown"
grep -qx "$SUB_ID" "$T_TMP/feed.got"
ok $? "Changes: the latest change in a subscribed commune is shown"
valid "Changes last page"
newid
call bhxh soap "$(ch_req "$ID" "$P_FEED" "$cursor")"
is "$STATUS $(xc ThayDoi) $(xv ConNua) $(xv ConTroTiepTheo)" "200 0 false $cursor" \
    "Changes (soap) from the last cursor: nothing more, the cursor stays"
valid "Changes (soap) at the end"
logged "Changes (soap)" bhxh 1 Changes soap
newid
call bhxh soap "$(ch_req "$ID" "$P_FEED" $(($(sed -n "$((total - 1))p" "$T_TMP/feed.want"))) 1)"
is "$(xc ThayDoi) $(xv ConNua)" "1 false" "Changes (soap): the last change alone"
is "$(xv Loai) $(xv SoDinhDanh) $(xv MaXa) $(xv ConTro)" "thay_doi_cu_tru $SUB_PID $SUB_COMMUNE $SUB_ID" \
    "Changes (soap): kind, person and commune of the change"
like "$(xv ThoiDiem)" '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$' "Changes (soap): ThoiDiem in UTC"
valid "Changes (soap) last change"
accessed "Changes (soap)" "$N_BHXH" "$P_FEED" pid,residence_change "$SUB_PID"

# --- field groups as the right stores them --------------------------------------

# a comma list: only a whole name grants its group; a name no group has, a
# part of one, one with a space or in capitals, grants nothing
P_ODD='Kiểm thử nhóm trường'
sql "INSERT INTO exchange_right (client_id, service, field_groups, purpose) VALUES
    (1, 'GetCitizen', 'co_ba,CO_BAN, cu_tru,ho_gia_dinh_x,,nhan_than,khong_ro', '$P_ODD'),
    (1, 'VerifyResidence', 'cu_tru_x,cu_tr,cu_tru ', '$P_ODD'),
    (1, 'BatchVerify', 'khong_ro,cu_tru', '$P_ODD')"
newid
call bhxh xml "$(gc_req "$ID" "$P_ODD" "$A")"
is "$STATUS $(xv KetQua) $(xc NhomTruong) $(xv NhomTruong)" "200 found 1 nhan_than" \
    "GetCitizen, odd names in the right: only the whole name nhan_than grants"
is "$(xc HoVaTen)$(xc ThuongTru)$(xc ChuHo)$(xc DanToc)" "0001" \
    "GetCitizen, odd names in the right: no name, residence or household"
valid "GetCitizen, odd names in the right"
accessed "GetCitizen, odd names in the right" "$N_BHXH" "$P_ODD" nhan_than "$A"
newid
call bhxh xml "$(gc_req "$ID" "$P_ODD" "$A" co_ban cu_tru)"
is "$STATUS $(xv KetQua) $(xc NhomTruong) $(xc CongDan)" "200 found 0 1" \
    "GetCitizen, odd names in the right: groups asked for but not granted, none"
newid
call bhxh xml "$(vr_req "$ID" "$P_ODD" "$A" "$A_COMMUNE")"
is "$STATUS $(xv KetQua) $(xc LoaiCuTru)$(xc TuNgay)$(xc DiaChi)" "200 yes 000" \
    "VerifyResidence, only near names for cu_tru: yes, without the facts"
printf '1\t%s\t%s\n' "$A" "$A_COMMUNE" > "$T_TMP/odd"
newid
call bhxh xml "$(bv_req "$ID" "$P_ODD" "" "$T_TMP/odd")"
is "$STATUS $(xv KetQua) $(xv LoaiCuTru)" "200 yes thuong_tru" \
    "BatchVerify, cu_tru after an unknown name: granted, the kind shown"
sql "DELETE FROM exchange_right WHERE purpose = '$P_ODD'"

# --- the access log is still one unbroken chain ----------------------------------

out=$("$top_builddir/modules/tools/motcua-audit-verify" -k "$AUDIT_KEY" -- --defaults-file="$AUDIT_CNF" motcua)
is "$?" 0 "the access-log chain verifies"
like "$out" 'chain intact' "the verifier says the chain is intact"
t_done
