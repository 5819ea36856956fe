# BatchVerify with repeated personal numbers: the same person checked
# against several communes is a legitimate request, and so is a list where
# every person comes twice.  Each batch of 10,000 pairs gets one result per
# pair, in order, each the yes/no/kind the database holds for that pair,
# and one access-log row per distinct citizen.  (Under the sanitizer build
# a write past the answer's arrays is a report in the module's log.)
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/integration/exchange-lib.sh"

P='Xét duyệt hồ sơ bảo hiểm y tế'
RUN=$(date +%s)$$
SEQ=0

el() { printf '<%s>%s</%s>' "$1" "$2" "$1"; }

# batch ITEMS: posts a BatchVerifyRequest of ITEMS (STT, pid, commune a
# line) as bhxh; sets ID, STATUS and RESP, and GOT (STT KetQua [kind] a line)
batch() {
	SEQ=$((SEQ + 1))
	ID="bt$RUN-$SEQ"
	REQ=$T_TMP/req.$SEQ GOT=$T_TMP/got.$SEQ
	{
		printf '<?xml version="1.0" encoding="UTF-8"?>\n<BatchVerifyRequest xmlns="%s">' "$NS"
		el MaYeuCau "$ID"; el MucDich "$P"
		awk -F'\t' '{ printf "<Muc><STT>%s</STT><SoDinhDanh>%s</SoDinhDanh><MaXa>%s</MaXa></Muc>", $1, $2, $3 }' "$1"
		printf '</BatchVerifyRequest>\n'
	} > "$REQ"
	ex_post bhxh xml "$REQ"
	xmllint --xpath "//*[local-name()='Muc']" "$RESP" 2>/dev/null | sed -e 's/<Muc>/\n/g' |
	    sed -n 's|^<STT>\([0-9]*\)</STT><KetQua>\([a-z]*\)</KetQua>\(<LoaiCuTru>\([a-z_]*\)</LoaiCuTru>\)\{0,1\}.*|\1 \2 \4|p' |
	    sed 's/ $//' > "$GOT"
}

# expected ITEMS: what the database says of each pair, in order (the
# pairs go into a temporary table of one session)
expected() {
	{
		echo "CREATE TEMPORARY TABLE bt (stt INT PRIMARY KEY, pid VARCHAR(12) CHARACTER SET ascii COLLATE ascii_bin, commune VARCHAR(5));"
		awk -F'\t' 'BEGIN { n = 0 }
		    { if (n % 1000 == 0) printf "%sINSERT INTO bt VALUES ", (n ? ";\n" : "")
		      else printf ","
		      printf "(%d,\"%s\",\"%s\")", $1, $2, $3; n++ }
		    END { print ";" }' "$1"
		echo "SELECT i.stt, IF(c.id IS NULL, 'unknown', IFNULL((SELECT IF(MIN(r.kind) = 'permanent', 'yes thuong_tru', 'yes tam_tru') FROM residence r WHERE r.citizen_id = c.id AND r.commune_code = i.commune AND r.valid_from <= CURDATE() AND (r.valid_to IS NULL OR r.valid_to >= CURDATE()) HAVING COUNT(*) > 0), 'no')) FROM bt i LEFT JOIN citizen c ON c.pid = i.pid ORDER BY i.stt;"
	} | mariadb --defaults-file="$MYCNF" -N -B motcua | tr '\t' ' '
}

# check LABEL ITEMS DISTINCT: one answer per pair, each right, valid,
# one access row per distinct citizen
check() {
	local label=$1 items=$2 distinct=$3 n
	n=$(wc -l < "$items")
	is "$STATUS $(xv SoMuc) $(xc KetQua)" "200 $n $n" "$label: 200, SoMuc $n, $n answers"
	expected "$items" > "$T_TMP/want"
	diff "$T_TMP/want" "$GOT" > "$T_TMP/diff"
	ok $? "$label: each pair's answer, in order, is what the database holds"
	head -5 "$T_TMP/diff" | sed 's/^/# /'
	xmllint --noout --schema "$XSD" "$RESP" > /dev/null 2>&1
	ok $? "$label: the answer is valid against exchange-v1.xsd"
	is "$(sql "SELECT COUNT(*), COUNT(DISTINCT citizen_id) FROM access_log WHERE request_id = '$ID'")" \
	    "$(printf '%s\t%s' "$distinct" "$distinct")" \
	    "$label: one access row per distinct citizen ($distinct)"
}

# --- one person, several communes ----------------------------------------------

# someone with a current permanent residence in one commune and a current
# temporary one in another
IFS=$'\t' read -r PID PC TC < <(sql "
    SELECT c.pid, p.commune_code, t.commune_code FROM citizen c
    JOIN residence p ON p.citizen_id = c.id AND p.kind = 'permanent'
      AND p.valid_from <= CURDATE() AND p.valid_to IS NULL
    JOIN residence t ON t.citizen_id = c.id AND t.kind = 'temporary'
      AND t.valid_from <= CURDATE() AND t.valid_to >= CURDATE()
    WHERE t.commune_code <> p.commune_code
    ORDER BY c.id LIMIT 1")
like "$PID" '^[0-9]{12}$' "a citizen with a permanent and a temporary residence in two communes"
mapfile -t OTHERS < <(sql "SELECT code FROM admin_unit WHERE level = 'commune'
    AND code NOT IN ('$PC', '$TC') ORDER BY code LIMIT 3")
COMMUNES=("$PC" "$TC" "${OTHERS[@]}")
is "${#COMMUNES[@]}" 5 "five communes to ask about"
for i in $(seq 10000); do
	printf '%d\t%s\t%s\n' "$i" "$PID" "${COMMUNES[$((i % 5))]}"
done > "$T_TMP/one"
batch "$T_TMP/one"
check "one person against five communes, 10,000 pairs" "$T_TMP/one" 1
is "$(cut -d' ' -f2- "$GOT" | sort | uniq -c | awk '{ printf "%s %s %s|", $1, $2, $3 }')" \
    "6000 no |2000 yes tam_tru|2000 yes thuong_tru|" \
    "one person, five communes: yes (permanent), yes (temporary), three no, 2,000 each"

# the same with a number nobody holds: every pair unknown, no access row
for i in $(seq 10000); do
	printf '%d\t099000000009\t%s\n' "$i" "${COMMUNES[$((i % 5))]}"
done > "$T_TMP/nobody"
if [ "$(sql "SELECT COUNT(*) FROM citizen_pid WHERE number = '099000000009'")$(sql "SELECT COUNT(*) FROM citizen WHERE pid = '099000000009'")" = 00 ]; then
	batch "$T_TMP/nobody"
	check "a number nobody holds, 10,000 times" "$T_TMP/nobody" 0
fi

# --- every person twice -----------------------------------------------------------

# 5,000 people with a current residence: once with that commune, once
# with another (in either order)
sql "SELECT c.pid, r.commune_code FROM citizen c JOIN residence r ON r.citizen_id = c.id
     WHERE r.valid_from <= CURDATE() AND (r.valid_to IS NULL OR r.valid_to >= CURDATE())
     AND r.id = (SELECT MIN(x.id) FROM residence x WHERE x.citizen_id = c.id)
     ORDER BY c.id LIMIT 5000" > "$T_TMP/people"
people=$(wc -l < "$T_TMP/people")
is "$((people >= 1000))" 1 "people with a current residence ($people)"
awk -F'\t' -v o="${OTHERS[0]}" '{
	if (NR % 2) { print $1 "\t" $2; print $1 "\t" o }
	else { print $1 "\t" o; print $1 "\t" $2 }
}' "$T_TMP/people" | awk -F'\t' '{ print NR "\t" $1 "\t" $2 }' > "$T_TMP/twice"
batch "$T_TMP/twice"
check "every person twice, $((people * 2)) pairs" "$T_TMP/twice" "$people"
is "$(awk '$2 == "yes"' "$GOT" | wc -l)" "$(awk '$2 == "yes"' "$T_TMP/want" | wc -l)" \
    "every person twice: as many yes as the database says"

# the same list shuffled (repeats far apart, across query chunks)
cut -f2,3 "$T_TMP/twice" | awk 'BEGIN { srand(7) } { print rand() "\t" $0 }' |
    sort -k1,1 | cut -f2,3 | awk -F'\t' '{ print NR "\t" $1 "\t" $2 }' > "$T_TMP/shuffled"
batch "$T_TMP/shuffled"
check "every person twice, shuffled" "$T_TMP/shuffled" "$people"

# the gateway survived all of it
pid=$(awk '$1 == "exchange" { print $2 }' "$STACK_DIR/pids")
if [ -n "$pid" ]; then
	kill -0 "$pid" 2> /dev/null && ! grep -q died "$STACK_DIR/log/exchange.log"
	ok $? "exchange: the module is up and no worker died"
fi
t_done
