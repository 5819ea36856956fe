# The demo population's families (motcua-gendemo), as loaded: parent
# links within the age gaps, marriages at lawful ages between a man and a
# woman, nobody in two open marriages, marital status agreeing with the
# marriages, the deceased with their residences ended and their spouses
# widowed, civil-status records numbered uniquely per commune and book;
# some of every kind of person; the same output for the same seed; and a
# load that feeds no trigger's per-row work.
#
# Other tests register births, deaths and marriages on the same database
# and set fixtures by SQL before this one may run: the families are
# checked in a copy of the loaded tables, loaded again from the same
# files by the same load.sql into a database of this test's own.
. "$top_srcdir/tests/lib.sh"

data=$STACK_DIR/data
last_id() { tail -n 1 "$data/$1.tsv" | cut -f1; }
N=$(last_id citizen)
NM=$(last_id marriage)
NR=$(last_id civil_record)
like "$N/$NM/$NR" '^[0-9]+/[0-9]+/[0-9]+$' "(the generated files are there)"

# the same count and seed give the same files; a run's first citizens do
# not depend on the count
gd=$top_builddir/modules/tools/motcua-gendemo
csv=$top_srcdir/conf/admin-units/communes.csv
"$gd" -n 3000 -s 1 -c "$csv" -o "$T_TMP/a" &&
    "$gd" -n 3000 -s 1 -c "$csv" -o "$T_TMP/b"
same=0
for f in household citizen citizen_pid residence parent_link marriage \
    civil_record civil_book_seq official; do
	cmp -s "$T_TMP/a/$f.tsv" "$T_TMP/b/$f.tsv" || same=1
done
ok $same "the same count and seed give the same files"
is "$(head -n 2000 "$T_TMP/a/citizen.tsv" | md5sum)" \
    "$(head -n 2000 "$data/citizen.tsv" | md5sum)" \
    "the first citizens are the same whatever the count"
"$gd" -n 3000 -s 2 -c "$csv" -o "$T_TMP/c"
cmp -s "$T_TMP/a/marriage.tsv" "$T_TMP/c/marriage.tsv"
ok $((! $?)) "another seed, other families"

# the load: every insert trigger on a table it fills skips a bulk load
tables="'household','citizen','citizen_pid','residence','parent_link',"
tables="$tables'marriage','civil_record','civil_book_seq','official'"
is "$(sql "SELECT COUNT(*) FROM information_schema.TRIGGERS
    WHERE TRIGGER_SCHEMA = 'motcua' AND EVENT_MANIPULATION = 'INSERT'
    AND EVENT_OBJECT_TABLE IN ($tables)
    AND ACTION_STATEMENT NOT LIKE '%@motcua_bulk_load IS NULL%'")" 0 \
    "every insert trigger on the loaded tables skips the bulk load"
grep -q '^SET @motcua_bulk_load = 1;' "$data/load.sql"
ok $? "and load.sql sets it"
is "$(grep -c 'LOAD DATA LOCAL INFILE' "$data/load.sql")" 9 \
    "load.sql loads the nine files"

# the families as loaded: the stack's files and load.sql, into empty
# tables of the schema's own definition (dropped at the end)
C=motcua_loaded_$$
sql "CREATE DATABASE $C"
for t in household citizen citizen_pid residence parent_link marriage \
    civil_record civil_book_seq official; do
	sql "CREATE TABLE $C.$t LIKE motcua.$t"
done
mariadb --defaults-file="$MYCNF" --local-infile=1 "$C" < "$data/load.sql"
ok $? "(the files loaded again, into a copy of the tables)"
sql() { mariadb --defaults-file="$MYCNF" -N -B "$C" -e "$1"; }

# the people who sign on in the tests (citizen N) live, at home (as
# generated: unless a test registered a change for them)
is "$(sql "SELECT COUNT(*) FROM citizen c WHERE c.id <= 2000
    AND c.civil_version = 1 AND c.residence_version = 1
    AND (c.death_date IS NOT NULL OR NOT EXISTS (SELECT 1 FROM residence r
    WHERE r.citizen_id = c.id AND r.kind = 'permanent'
    AND r.valid_to IS NULL))")" 0 \
    "the first 2000 citizens are alive with a permanent residence"

# parent links
is "$(sql "SELECT COUNT(*) FROM parent_link l
    JOIN citizen k ON k.id = l.child_id JOIN citizen p ON p.id = l.parent_id
    WHERE l.child_id <= $N AND NOT (
    (l.role = 'mother' AND p.sex = 'F' AND
     TIMESTAMPDIFF(YEAR, p.birth_date, k.birth_date) BETWEEN 18 AND 45) OR
    (l.role = 'father' AND p.sex = 'M' AND
     TIMESTAMPDIFF(YEAR, p.birth_date, k.birth_date) BETWEEN 20 AND 55))")" 0 \
    "every parent is older, a mother by 18 to 45 years, a father by 20 to 55"
is "$(sql "SELECT COUNT(*) FROM parent_link l
    JOIN civil_record r ON r.id = l.record_id
    WHERE l.child_id <= $N AND (r.kind <> 'birth' OR r.citizen_id <> l.child_id)")" 0 \
    "a link's record is the child's birth"

# marriages
is "$(sql "SELECT COUNT(*) FROM marriage m
    JOIN citizen a ON a.id = m.party_a JOIN citizen b ON b.id = m.party_b
    WHERE m.id <= $NM AND NOT (a.sex <> b.sex AND
    TIMESTAMPDIFF(YEAR, IF(a.sex = 'M', a.birth_date, b.birth_date),
        m.married_on) >= 20 AND
    TIMESTAMPDIFF(YEAR, IF(a.sex = 'F', a.birth_date, b.birth_date),
        m.married_on) >= 18 AND
    (m.ended_on IS NULL) = (m.end_reason IS NULL) AND
    (m.ended_on IS NULL OR m.ended_on > m.married_on))")" 0 \
    "marriages: a man of 20 or more and a woman of 18 or more, ended after they began"
is "$(sql "SELECT COUNT(*) FROM (SELECT p FROM (
    SELECT party_a p FROM marriage WHERE ended_on IS NULL UNION ALL
    SELECT party_b FROM marriage WHERE ended_on IS NULL) o
    GROUP BY p HAVING COUNT(*) > 1) x")" 0 "nobody is in two open marriages"
is "$(sql "SELECT COUNT(*) FROM marriage m1 JOIN marriage m2
    ON m1.id < m2.id AND (m1.party_a IN (m2.party_a, m2.party_b) OR
        m1.party_b IN (m2.party_a, m2.party_b))
    WHERE m2.id <= $NM AND
    m1.married_on < COALESCE(m2.ended_on, '9999-12-31') AND
    m2.married_on < COALESCE(m1.ended_on, '9999-12-31')")" 0 \
    "nobody's marriages overlap"
is "$(sql "SELECT COUNT(*) FROM marriage m JOIN civil_record r
    ON r.id = m.record_id WHERE m.id <= $NM AND NOT (r.kind = 'marriage'
    AND r.event_date = m.married_on
    AND r.citizen_id IN (m.party_a, m.party_b)
    AND r.other_id IN (m.party_a, m.party_b))")" 0 \
    "a marriage's record is of that marriage"

# marital status, from the marriages: married while a marriage is open
# (or ended by one's own death), else as the last one ended; single or
# unknown (NULL) without any
status_check="
WITH pm AS (SELECT party_a p, married_on, ended_on, end_reason
    FROM marriage WHERE id <= $NM UNION ALL
    SELECT party_b, married_on, ended_on, end_reason
    FROM marriage WHERE id <= $NM),
d AS (SELECT c.id, c.marital_status s,
    COUNT(pm.p) n,
    SUM(pm.ended_on IS NULL OR (pm.end_reason = 'death' AND
        pm.ended_on = c.death_date)) open_,
    SUBSTRING_INDEX(GROUP_CONCAT(pm.end_reason ORDER BY pm.ended_on DESC),
        ',', 1) last_end
    FROM citizen c LEFT JOIN pm ON pm.p = c.id
    WHERE c.id <= $N AND c.civil_version = 1 GROUP BY c.id, c.marital_status)
SELECT COUNT(*) FROM d WHERE NOT (
    (open_ > 0 AND s = 'married') OR
    (open_ = 0 AND n > 0 AND last_end = 'divorce' AND s = 'divorced') OR
    (open_ = 0 AND n > 0 AND last_end = 'death' AND s = 'widowed') OR
    (n = 0 AND (s = 'single' OR s IS NULL)))"
is "$(sql "$status_check")" 0 "every marital status agrees with the marriages"
is "$(sql "SELECT COUNT(*) FROM citizen WHERE id <= $N AND civil_version = 1
    AND marital_status IS NOT NULL AND marital_status <> 'single'
    AND TIMESTAMPDIFF(YEAR, birth_date, '2026-01-01') < 18")" 0 \
    "children are single"

# the deceased
is "$(sql "SELECT COUNT(*) FROM citizen WHERE death_date < birth_date")" 0 \
    "nobody died before they were born"
is "$(sql "SELECT COUNT(*) FROM citizen c JOIN residence r
    ON r.citizen_id = c.id WHERE c.id <= $N AND c.civil_version = 1
    AND c.death_date IS NOT NULL
    AND (r.valid_to IS NULL OR r.valid_to > c.death_date)")" 0 \
    "a death ends the deceased's residences"
is "$(sql "SELECT COUNT(*) FROM citizen WHERE id <= $N AND civil_version = 1
    AND death_date IS NOT NULL AND household_id IS NOT NULL")" 0 \
    "and their place in a household"
is "$(sql "SELECT COUNT(*) FROM marriage m
    JOIN citizen a ON a.id = m.party_a JOIN citizen b ON b.id = m.party_b
    WHERE m.id <= $NM AND m.end_reason = 'death' AND NOT
    (m.ended_on = a.death_date OR m.ended_on = b.death_date)")" 0 \
    "a marriage ended by a death ends on a party's death"
is "$(sql "SELECT COUNT(*) FROM marriage m JOIN citizen s
    ON s.id IN (m.party_a, m.party_b) AND s.death_date IS NULL
    WHERE m.id <= $NM AND m.end_reason = 'death' AND s.civil_version = 1
    AND s.marital_status <> 'widowed' AND NOT EXISTS (SELECT 1 FROM marriage l
    WHERE s.id IN (l.party_a, l.party_b) AND l.married_on > m.ended_on)")" 0 \
    "the surviving spouse is widowed"
is "$(sql "SELECT COUNT(*) FROM citizen c WHERE c.id <= $N
    AND c.death_date IS NOT NULL AND NOT EXISTS (SELECT 1 FROM civil_record r
    WHERE r.citizen_id = c.id AND r.kind = 'death'
    AND r.event_date = c.death_date AND r.locked = 1)")" 0 \
    "every death is registered, its record locked"

# civil-status records
is "$(sql "SELECT COUNT(*) FROM (SELECT 1 FROM civil_record
    GROUP BY commune_code, book, number HAVING COUNT(*) > 1) x")" 0 \
    "a record's number is unique in its commune's book"
is "$(sql "SELECT COUNT(*) FROM civil_record
    WHERE DATE(registered_at) < event_date")" 0 \
    "nothing is registered before it happened"
is "$(sql "SELECT COUNT(*) FROM civil_record WHERE id <= $NR AND NOT (
    book = ELT(FIELD(kind, 'birth', 'marriage', 'death'), 'KS', 'KH', 'KT')
    AND number = CONCAT(SUBSTRING_INDEX(number, '/', 1) + 0, '/',
        YEAR(registered_at)))")" 0 \
    "numbered N/YEAR in the book of its kind (KS, KH, KT), as the module numbers"
is "$(sql "SELECT COUNT(*) FROM civil_record r WHERE r.id <= $NR
    AND NOT EXISTS (SELECT 1 FROM civil_book_seq s
    WHERE s.commune_code = r.commune_code AND s.book = r.book
    AND s.year = YEAR(r.registered_at)
    AND s.last >= SUBSTRING_INDEX(r.number, '/', 1) + 0)")" 0 \
    "the books' last numbers cover the records, so registrations go on from there"
is "$(sql "SELECT COUNT(*) FROM civil_record r JOIN citizen c
    ON c.id = r.citizen_id WHERE r.id <= $NR AND r.kind = 'birth'
    AND (r.event_date <> c.birth_date OR
    r.late <> (DATEDIFF(r.registered_at, r.event_date) > 60))")" 0 \
    "a birth record is on the birth date, late after 60 days"

# some of each kind, counted from the data
count_of() {	# count_of WHAT SQL
	local n
	n=$(sql "$2")
	like "$n" '^[1-9][0-9]*$' "there are $1 ($n)"
}
alive="death_date IS NULL AND id <= $N"
count_of "married people" \
    "SELECT COUNT(*) FROM citizen WHERE $alive AND marital_status = 'married'"
count_of "divorced people" \
    "SELECT COUNT(*) FROM citizen WHERE $alive AND marital_status = 'divorced'"
count_of "widowed people" \
    "SELECT COUNT(*) FROM citizen WHERE $alive AND marital_status = 'widowed'"
count_of "single adults" "SELECT COUNT(*) FROM citizen WHERE $alive
    AND marital_status = 'single' AND birth_date < '2008-01-01'"
count_of "people whose status is unknown" \
    "SELECT COUNT(*) FROM citizen WHERE $alive AND marital_status IS NULL"
count_of "deceased people" \
    "SELECT COUNT(*) FROM citizen WHERE id <= $N AND death_date IS NOT NULL"
count_of "remarried people" "SELECT COUNT(*) FROM (SELECT p FROM (
    SELECT party_a p FROM marriage WHERE id <= $NM UNION ALL
    SELECT party_b FROM marriage WHERE id <= $NM) x
    GROUP BY p HAVING COUNT(*) > 1) y"
count_of "marriages ended by divorce" \
    "SELECT COUNT(*) FROM marriage WHERE id <= $NM AND end_reason = 'divorce'"
count_of "marriages ended by a death" \
    "SELECT COUNT(*) FROM marriage WHERE id <= $NM AND end_reason = 'death'"
count_of "children of married mothers" "SELECT COUNT(*) FROM parent_link l
    JOIN citizen k ON k.id = l.child_id WHERE l.role = 'mother'
    AND l.child_id <= $N AND EXISTS (SELECT 1 FROM marriage m
    WHERE m.party_b = l.parent_id AND m.married_on <= k.birth_date
    AND (m.ended_on IS NULL OR m.ended_on > k.birth_date))"
unwed="SELECT COUNT(*) FROM parent_link l JOIN citizen k ON k.id = l.child_id
    WHERE l.role = 'mother' AND l.child_id <= $N AND NOT EXISTS (SELECT 1
    FROM marriage m WHERE l.parent_id IN (m.party_a, m.party_b)
    AND m.married_on <= k.birth_date
    AND (m.ended_on IS NULL OR m.ended_on > k.birth_date))"
count_of "children of unmarried mothers" "$unwed"
count_of "of them, without a father link" "$unwed AND NOT EXISTS
    (SELECT 1 FROM parent_link f WHERE f.child_id = l.child_id
    AND f.role = 'father')"
count_of "of them, with a father not married to the mother" "$unwed AND
    EXISTS (SELECT 1 FROM parent_link f WHERE f.child_id = l.child_id
    AND f.role = 'father')"
for k in birth marriage death; do
	count_of "$k records" \
	    "SELECT COUNT(*) FROM civil_record WHERE id <= $NR AND kind = '$k'"
done
count_of "late birth registrations" \
    "SELECT COUNT(*) FROM civil_record WHERE id <= $NR AND kind = 'birth' AND late = 1"

# back to the live database
sql() { mariadb --defaults-file="$MYCNF" -N -B motcua -e "$1"; }
sql "DROP DATABASE $C"

# the fixtures' helpers (tests/lib.sh) pick what they say
p=$(married_citizen 1)
is "$(sql "SELECT marital_status FROM citizen WHERE pid = '$p'")" married \
    "married_citizen: a married citizen"
is "$(sql "SELECT COUNT(*) FROM marriage m JOIN citizen c
    ON c.id IN (m.party_a, m.party_b) WHERE c.pid = '$p'
    AND m.ended_on IS NULL")" 1 "with an open marriage"
w1=$(single_woman 1)
w2=$(single_woman 2)
is "$(sql "SELECT CONCAT(sex, marital_status, death_date IS NULL,
    TIMESTAMPDIFF(YEAR, birth_date, CURDATE()) >= 18) FROM citizen
    WHERE pid = '$w1'")" "Fsingle11" "single_woman: a single living woman of 18 or more"
ok "$([ -n "$w2" ] && [ "$w2" != "$w1" ]; echo $?)" "single_woman 2 is another"
m1=$(single_man 1)
is "$(sql "SELECT CONCAT(sex, marital_status, death_date IS NULL,
    TIMESTAMPDIFF(YEAR, birth_date, CURDATE()) >= 20) FROM citizen
    WHERE pid = '$m1'")" "Msingle11" "single_man: a single living man of 20 or more"
is "$(single_man 1)" "$m1" "the same fixture again"
set -- $(mother_with_child 1)
is "$(sql "SELECT COUNT(*) FROM parent_link l JOIN citizen m
    ON m.id = l.parent_id JOIN citizen k ON k.id = l.child_id
    WHERE m.pid = '$1' AND k.pid = '$2' AND l.role = 'mother'
    AND m.death_date IS NULL")" 1 "mother_with_child: a living mother and her child"
for h in divorced:divorced_citizen widowed:widowed_citizen \
    NULL:unknown_status; do
	p=$(${h#*:} 1)
	is "$(sql "SELECT CONCAT(IFNULL(marital_status, 'NULL'), death_date IS NULL)
	    FROM citizen WHERE pid = '$p'")" "${h%%:*}1" \
	    "${h#*:}: a living citizen, ${h%%:*}"
done
set -- $(unwed_mother 1)
is "$(sql "SELECT COUNT(*) FROM parent_link l JOIN citizen m
    ON m.id = l.parent_id JOIN citizen k ON k.id = l.child_id
    WHERE m.pid = '$1' AND k.pid = '$2' AND l.role = 'mother'
    AND NOT EXISTS (SELECT 1 FROM marriage x WHERE m.id IN (x.party_a,
    x.party_b) AND x.married_on <= k.birth_date
    AND (x.ended_on IS NULL OR x.ended_on > k.birth_date))")" 1 \
    "unwed_mother: a mother not married at her child's birth"
set -- $(married_couple 1)
is "$(sql "SELECT COUNT(*) FROM marriage m JOIN citizen a ON a.id = m.party_a
    JOIN citizen b ON b.id = m.party_b WHERE m.ended_on IS NULL
    AND '$1' IN (a.pid, b.pid) AND '$2' IN (a.pid, b.pid)
    AND (a.sex = 'M') = (a.pid = '$1')")" 1 \
    "married_couple: a husband and his wife"
p=$(deceased_citizen 1)
is "$(sql "SELECT death_date IS NOT NULL FROM citizen WHERE pid = '$p'")" 1 \
    "deceased_citizen: a deceased citizen"
p=$(widowed_citizen 1)
can_sign_on "$p"
http GET /tracking/citizen/reads -u "$p:demo" -H 'Accept: application/json'
is "$STATUS" 200 "can_sign_on: a citizen beyond the first signs on"
t_done
