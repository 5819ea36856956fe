# An official looks up a citizen's residence in their commune; the read
# writes an access-log row in the same transaction.
. "$top_srcdir/tests/lib.sh"

O=$(official 1)
commune=$(sql "SELECT commune_code FROM official WHERE username = '$O'")
P=$(sql "SELECT c.pid FROM citizen c JOIN residence r ON r.citizen_id = c.id WHERE r.commune_code = '$commune' AND r.kind = 'permanent' AND r.valid_to IS NULL ORDER BY c.id LIMIT 1")
other=$(sql "SELECT c.pid FROM citizen c WHERE NOT EXISTS (SELECT 1 FROM residence r WHERE r.citizen_id = c.id AND r.commune_code = '$commune') ORDER BY c.id LIMIT 1")
before=$(sql "SELECT COUNT(*) FROM access_log")

http POST /residence/official/lookup -u "$O:demo" -H 'Accept: application/json' \
    --data-urlencode "pid=$P" --data-urlencode "purpose=Giải quyết hồ sơ đăng ký tạm trú"
is "$STATUS" 200 "lookup answers 200"
is "$(json person pid)" "$P" "the official sees the citizen"
is "$(json permanent commune_code)" "$commune" "residence in the official's commune"
is "$(sql "SELECT COUNT(*) FROM access_log")" $((before + 1)) "one access-log row"
row=$(sql "SELECT a.actor_kind, a.actor, c.pid, a.purpose FROM access_log a JOIN citizen c ON c.id = a.citizen_id ORDER BY a.id DESC LIMIT 1")
is "$row" "$(printf 'official\t%s\t%s\tGiải quyết hồ sơ đăng ký tạm trú' "$O" "$P")" \
    "the row says who, whose and why"
# the chains: each row's prev_hash is the hash of the row before it in
# its chain, and each chain's head its last row's hash
is "$(sql "SELECT COUNT(*) FROM access_log a JOIN access_log b ON b.chain_id = a.chain_id AND b.seq = a.seq - 1 WHERE a.prev_hash <> b.hash")" \
    0 "access-log rows are hash-chained"
is "$(sql "SELECT c.head = l.hash FROM access_chain c JOIN access_log l ON l.chain_id = c.id AND l.seq = c.seq WHERE c.id = (SELECT chain_id FROM access_log ORDER BY id DESC LIMIT 1)")" \
    1 "the chain's head is its last row's hash"

http POST /residence/official/lookup -u "$O:demo" -H 'Accept: application/json' \
    --data-urlencode "pid=$other" --data-urlencode "purpose=Kiểm tra thông tin"
is "$STATUS" 404 "a citizen outside the commune is not found"
http POST /residence/official/lookup -u "$O:demo" -H 'Accept: application/json' \
    --data-urlencode "pid=$P" -d 'purpose='
is "$STATUS" 422 "a purpose is required"
http POST /residence/official/lookup -u "$O:demo" -H 'Accept: application/json' \
    --data-urlencode "pid=$P" --data-urlencode "purpose=x'; DELETE FROM access_log; --"
is "$STATUS" 422 "SQL metacharacters in the purpose: refused"
# a citizen with no current residence at all (the demo's dead have none):
# the one statement's row without a residence is not one
gone=$(sql "SELECT c.pid FROM citizen c WHERE NOT EXISTS (SELECT 1 FROM residence r WHERE r.citizen_id = c.id AND r.valid_from <= CURDATE() AND (r.valid_to IS NULL OR r.valid_to >= CURDATE())) ORDER BY c.id LIMIT 1")
[ -n "$gone" ]; ok $? "the demo has a citizen with no current residence"
http POST /residence/official/lookup -u "$O:demo" -H 'Accept: application/json' \
    --data-urlencode "pid=$gone" --data-urlencode "purpose=Kiểm tra thông tin"
is "$STATUS" 404 "a citizen with no current residence is not found"
http POST /residence/official/lookup -u "$O:demo" -H 'Accept: application/json' \
    --data-urlencode "pid=$(sql "SELECT LPAD(MAX(pid) + 1, 12, '0') FROM citizen")" \
    --data-urlencode "purpose=Kiểm tra thông tin"
is "$STATUS" 404 "a number nobody has is not found"
is "$(sql "SELECT COUNT(*) FROM access_log")" $((before + 1)) "refusals write nothing"

http POST /residence/official/lookup -u "$O:wrong" -H 'Accept: application/json' \
    --data-urlencode "pid=$P" --data-urlencode "purpose=Kiểm tra thông tin"
is "$STATUS" 401 "wrong password: 401"
# a citizen's sign-on is not an official's
C=$(citizen 1)
http POST /residence/official/lookup -u "$C:demo" -H 'Accept: application/json' \
    --data-urlencode "pid=$P" --data-urlencode "purpose=Kiểm tra thông tin"
is "$STATUS" 401 "citizens cannot use the officials' door"
# an authenticated user with no official row is forbidden
sql "UPDATE official SET active = 0 WHERE username = '$O'"
http POST /residence/official/lookup -u "$O:demo" -H 'Accept: application/json' \
    --data-urlencode "pid=$P" --data-urlencode "purpose=Kiểm tra thông tin"
is "$STATUS" 403 "an inactive official: 403"
sql "UPDATE official SET active = 1 WHERE username = '$O'"
is "$(sql "SELECT COUNT(*) FROM access_log")" $((before + 1)) "still one row"

# the shipped verifier: intact, then each kind of tampering is caught;
# reads until one worker's chain has three rows, for the swaps below (the
# workers share the reads: run on its own, this script's first reads
# spread over as many chains)
for i in $(seq 40); do
	http POST /residence/official/lookup -u "$O:demo" -H 'Accept: application/json' \
	    --data-urlencode "pid=$P" --data-urlencode "purpose=Kiểm tra lần $i"
	[ "$i" -ge 3 ] && [ "$(sql "SELECT MAX(n) FROM (SELECT COUNT(*) AS n FROM access_log GROUP BY chain_id) t")" -ge 3 ] && break
done
verify() { "$top_builddir/modules/tools/motcua-audit-verify" -k "$AUDIT_KEY" -- --defaults-file="$AUDIT_CNF" motcua; }
out=$(verify); st=$?
is "$st" 0 "the verifier finds the chain intact"
like "$out" 'chain intact' "and says so"
sql "CREATE TABLE access_log_saved AS SELECT * FROM access_log; CREATE TABLE access_chain_saved AS SELECT * FROM access_chain"
restore() { sql "DELETE FROM access_log; INSERT INTO access_log SELECT * FROM access_log_saved; DELETE FROM access_chain; INSERT INTO access_chain SELECT * FROM access_chain_saved"; }
mid=$(sql "SELECT id FROM access_log ORDER BY id DESC LIMIT 1 OFFSET 1")
sql "UPDATE access_log SET purpose = 'sửa đổi' WHERE id = $mid"
verify > /dev/null; is $? 1 "an edited row is caught"
restore
sql "DELETE FROM access_log WHERE id = $mid"
verify > /dev/null; is $? 1 "a deleted row is caught"
restore
sql "DELETE FROM access_log ORDER BY id DESC LIMIT 1"
verify > /dev/null; is $? 1 "a row removed at the end is caught"
restore
verify > /dev/null; is $? 0 "restored: intact again"
# two rows of a chain swapped (reordering) are caught too: their places
# (seq), or their ids
big=$(sql "SELECT chain_id FROM access_log GROUP BY chain_id ORDER BY COUNT(*) DESC LIMIT 1")
read -r a sa <<< "$(sql "SELECT id, seq FROM access_log WHERE chain_id = $big ORDER BY seq DESC LIMIT 1 OFFSET 2")"
read -r b sb <<< "$(sql "SELECT id, seq FROM access_log WHERE chain_id = $big ORDER BY seq DESC LIMIT 1 OFFSET 1")"
sql "UPDATE access_log SET seq = 0 WHERE id = $a; UPDATE access_log SET seq = $sa WHERE id = $b; UPDATE access_log SET seq = $sb WHERE id = $a"
out=$(verify); st=$?
is "$st" 1 "two rows swapped in their chain are caught"
like "$out" "broken at row\(s\): $a" "the first broken row is named"
restore
sql "UPDATE access_log SET id = 0 WHERE id = $a; UPDATE access_log SET id = $a WHERE id = $b; UPDATE access_log SET id = $b WHERE id = 0"
out=$(verify); st=$?
is "$st" 1 "two swapped rows are caught"
like "$out" "broken at row\(s\): $a" "the first broken row is named"
restore
# concurrent writers: twenty reads at once, and the chain does not fork
for i in $(seq 1 20); do
	curl -s -o /dev/null -u "$O:demo" -H 'Accept: application/json' \
	    --data-urlencode "pid=$P" --data-urlencode "purpose=Kiểm tra song song $i" \
	    "$BASE/residence/official/lookup" &
done
wait
verify > /dev/null; is $? 0 "twenty concurrent writers: the chain is intact"
is "$(sql "SELECT COUNT(DISTINCT prev_hash) = COUNT(*) FROM access_log")" 1 \
    "no two rows share a predecessor"

# a deadlock (1213) in the middle of the read: the module's transaction is
# retried whole, answers 200 and writes its access row once.  Another
# session holds the gap after the last access row and, once the module
# holds its chain's head and waits for that gap, asks for every chain's
# head: a cycle.  That session has changed more rows, so InnoDB rolls the
# module back.
last=$(sql "SELECT MAX(id) FROM access_log")
before=$(sql "SELECT COUNT(*) FROM access_log")
mkfifo "$T_TMP/dl.fifo"
mariadb --defaults-file="$MYCNF" -N -B motcua < "$T_TMP/dl.fifo" > "$T_TMP/dl.out" 2>&1 &
dl=$!
exec 3> "$T_TMP/dl.fifo"
cat >&3 <<EOF
SET SESSION innodb_lock_wait_timeout = 20;
START TRANSACTION;
INSERT INTO holiday (day, name, confirmed, source) VALUES
 ('2099-01-01', 'x', 0, 'deadlock test'), ('2099-01-02', 'x', 0, 'deadlock test'),
 ('2099-01-03', 'x', 0, 'deadlock test'), ('2099-01-04', 'x', 0, 'deadlock test'),
 ('2099-01-05', 'x', 0, 'deadlock test'), ('2099-01-06', 'x', 0, 'deadlock test');
SELECT COUNT(*) FROM access_log WHERE id > $last FOR UPDATE;
EOF
# that session now holds its rows and the gap after the last access row
for i in $(seq 200); do
	[ "$(sql "SELECT COUNT(*) FROM information_schema.INNODB_TRX WHERE trx_rows_modified = 6")" = 1 ] && break
	sleep 0.05
done
curl -s -o "$T_TMP/dl.body" -w '%{http_code}' -u "$O:demo" -H 'Accept: application/json' \
    --data-urlencode "pid=$P" --data-urlencode "purpose=Kiểm tra khi bế tắc" \
    "$BASE/residence/official/lookup" > "$T_TMP/dl.status" 3>&- &
req=$!
# the module holds the chain head and waits for the gap (its insert shows
# in the process list)
for i in $(seq 400); do
	[ "$(sql "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE USER LIKE 'motcua%' AND INFO LIKE 'INSERT INTO access_log%'")" = 1 ] && break
	sleep 0.05
done
printf 'SELECT head FROM access_chain ORDER BY id FOR UPDATE;\nROLLBACK;\n' >&3
exec 3>&-
wait "$req"
STATUS=$(cat "$T_TMP/dl.status")
wait "$dl"
is "$STATUS" 200 "a read caught in a deadlock still answers 200"
is "$(sql "SELECT COUNT(*) FROM access_log")" $((before + 1)) "and logs itself once"
like "$(cat "$STACK_DIR"/log/residence.log 2>/dev/null; cat "$STACK_DIR"/log/apache-error.log 2>/dev/null)" \
    'deadlock, retrying' "the module retried the whole transaction"
verify > /dev/null; is $? 0 "the chain is intact after the retry"

# A worker knows where it left its chain and links the next row to that
# without reading the head; a transaction that moved the head and then
# rolled back leaves the worker ahead of its chain.  Its next row must
# still link to the chain as it is: the head moves on only from where the
# worker thought it was, else the worker reads it again.  Each chain's last
# row (written since the last verification) is taken away and its head set
# back, as a rolled-back append leaves it; the next reads of those workers
# continue the chain from there.
mark=$(sql "SELECT MAX(id) FROM access_log")
for i in 1 2 3 4 5 6 7 8; do
	http POST /residence/official/lookup -u "$O:demo" -H 'Accept: application/json' \
	    --data-urlencode "pid=$P" --data-urlencode "purpose=Kiểm tra lượt $i"
done
sql "CREATE TABLE undo_t AS SELECT l.chain_id, l.seq, l.hash FROM access_log l JOIN access_chain c ON c.id = l.chain_id AND c.seq = l.seq WHERE l.id > $mark;
    DELETE l FROM access_log l JOIN undo_t u ON u.chain_id = l.chain_id AND u.seq = l.seq;
    UPDATE access_chain c JOIN undo_t u ON u.chain_id = c.id SET c.seq = u.seq - 1,
        c.head = COALESCE((SELECT hash FROM access_log WHERE chain_id = c.id AND seq = u.seq - 1), c.genesis)"
undone=$(sql "SELECT COUNT(*) FROM undo_t")
[ "$undone" -ge 1 ]; ok $? "the heads of $undone chains set back by a row"
left=$undone
for i in $(seq 40); do
	http POST /residence/official/lookup -u "$O:demo" -H 'Accept: application/json' \
	    --data-urlencode "pid=$P" --data-urlencode "purpose=Kiểm tra sau $i"
	[ "$STATUS" = 200 ] || break
	left=$(sql "SELECT COUNT(*) FROM undo_t u WHERE NOT EXISTS (SELECT 1 FROM access_log l WHERE l.chain_id = u.chain_id AND l.seq = u.seq)")
	[ "$left" = 0 ] && break
done
is "$STATUS" 200 "a worker ahead of its chain still answers 200"
is "$left" 0 "each of those chains goes on at the place given back"
is "$(sql "SELECT COUNT(*) FROM undo_t u JOIN access_log l ON l.chain_id = u.chain_id AND l.seq = u.seq WHERE l.hash = u.hash")" \
    0 "with new rows, not the ones taken away"
is "$(sql "SELECT COUNT(*) FROM access_log a JOIN access_log b ON b.chain_id = a.chain_id AND b.seq = a.seq - 1 WHERE a.prev_hash <> b.hash")" \
    0 "every row links to the one before it"
verify > /dev/null; is $? 0 "the verifier finds the chains intact"
sql "DROP TABLE undo_t; DROP TABLE access_log_saved; DROP TABLE access_chain_saved"
t_done
