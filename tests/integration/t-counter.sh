# Filing at the counter: an official's right to file for a commune is
# decided before anything about the citizen is looked at, so an official
# of another commune learns nothing (whether the number exists, whether a
# guessed birth date is right) and every refusal is recorded.
. "$top_srcdir/tests/lib.sh"

J=(-H 'Accept: application/json')
A=$(official 5)
AC=$(sql "SELECT commune_code FROM official WHERE username = '$A'")
B=$(official 9)
BC=$(sql "SELECT commune_code FROM official WHERE username = '$B'")
TODAY=$(sql "SELECT DATE(CONVERT_TZ(UTC_TIMESTAMP(), '+00:00', '+07:00'))")
plus_days() { date -d "$1 + $2 day" +%F; }
UNTIL=$(plus_days "$TODAY" 200)

# a citizen of commune B, with a temporary residence there ending soon
C=$(sql "SELECT c.pid FROM citizen c JOIN residence r ON r.citizen_id = c.id WHERE r.kind = 'permanent' AND r.valid_to IS NULL AND r.commune_code = '$BC' AND NOT EXISTS (SELECT 1 FROM residence t WHERE t.citizen_id = c.id AND t.kind = 'temporary') ORDER BY c.id LIMIT 1")
CID=$(sql "SELECT id FROM citizen WHERE pid = '$C'")
sql "INSERT INTO residence (citizen_id, kind, commune_code, address, valid_from, valid_to) VALUES ($CID, 'temporary', '$BC', 'Phòng 2, nhà trọ Sen Vàng', CURDATE() - INTERVAL 300 DAY, CURDATE() + INTERVAL 10 DAY)"
BIRTH=$(sql "SELECT birth_date FROM citizen WHERE pid = '$C'")
WRONG=$(date -d "$BIRTH + 1 day" +%F)
# a well-formed number nobody has
while :; do
	U=0010$(printf '%02d%06d' $((RANDOM % 100)) $((RANDOM * 30 % 1000000)))
	[ "$(sql "SELECT COUNT(*) FROM citizen WHERE pid = '$U'")" = 0 ] && break
done
like "$U" '^[0-9]{12}$' "an unknown but well-formed number"

TO=$BC	# the commune a permanent or temporary registration is for
fields() {	# fields PROCEDURE: what the procedure asks
	case $1 in
	permanent) echo "-d commune_code=$TO -d address=Thôn -d basis=rented" ;;
	temporary) echo "-d commune_code=$TO -d address=Thôn -d until=$UNTIL" ;;
	extension) echo "-d until=$(plus_days "$TODAY" 300)" ;;
	absence) echo "-d from=$(plus_days "$TODAY" 2) -d until=$(plus_days "$TODAY" 30)" ;;
	esac
}
file() {	# file OFFICIAL PROCEDURE PID [curl args]: files at the counter
	local o=$1 proc=$2 pid=$3
	shift 3
	# shellcheck disable=SC2046
	http POST "/residence/official/dossiers/$proc" -u "$o:demo" "${J[@]}" \
	    -d "applicant_pid=$pid" --data-urlencode "idempotency_key=$(newkey)" \
	    $(fields "$proc") "$@"
	ANSWER="$STATUS $(json code)"
}
refusals() { sql "SELECT COUNT(*) FROM refusal WHERE actor = '$A' AND action = 'file_at_counter' AND reason = 'other_commune'"; }

n0=$(sql "SELECT COUNT(*) FROM dossier")
for proc in permanent temporary extension absence; do
	r0=$(refusals)
	file "$A" "$proc" "$U"
	a=$ANSWER ra=$(refusals)
	file "$A" "$proc" "$C" -d "birth_date=$WRONG"
	b=$ANSWER rb=$(refusals)
	file "$A" "$proc" "$C" -d "birth_date=$BIRTH"
	c=$ANSWER rc=$(refusals)
	is "$a" "403 forbidden" "$proc, another commune's counter, unknown number: 403 forbidden"
	is "$b" "$a" "$proc: a wrong birth date gets the same answer"
	is "$c" "$a" "$proc: the right birth date gets the same answer"
	is "$((ra - r0)) $((rb - ra)) $((rc - rb))" "1 1 1" "$proc: each refusal is recorded"
done
is "$(sql "SELECT COUNT(*) FROM dossier")" "$n0" "nothing was filed"

# the citizen's own commune may file, and only then are the facts compared
file "$B" absence "$C" -d "birth_date=$WRONG"
is "$ANSWER" "422 known_fact_mismatch" \
    "at the citizen's own commune, a wrong birth date: known_fact_mismatch"
file "$B" extension "$C" -d "birth_date=$BIRTH"
is "$ANSWER" "201 " "and the right one files the extension"
is "$(sql "SELECT CONCAT(commune_code, '|', filed_by) FROM dossier WHERE receipt_code = '$(json receipt_code)'")" \
    "$BC|$B" "handled by the citizen's commune, filed by its official"
# a newcomer to the official's own commune may come from anywhere
TO=$AC
file "$A" temporary "$C"
is "$ANSWER" "201 " "a temporary registration into the official's own commune: 201"
t_done
