# The access log holds against the modules' own database accounts: each
# may neither change nor delete a log row nor write the rights tables, and
# motcua-audit-verify, under its own account and key, anchors the chain
# with signed checkpoints, so a rewrite before a checkpoint is found even
# with the chain recomputed.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/integration/exchange-lib.sh"

VERIFY=$top_builddir/modules/tools/motcua-audit-verify
verify() { "$VERIFY" -k "$AUDIT_KEY" "$@" -- --defaults-file="$AUDIT_CNF" motcua; }
# as MODULE SQL: run SQL as the module's own account, from its settings
as() {
	mariadb --defaults-file="$MOTCUA_CNF" --defaults-group-suffix="-$1" \
	    -N -B -e "$2" 2>&1
}
audit() { mariadb --defaults-file="$AUDIT_CNF" -N -B motcua -e "$1" 2>&1; }
denied() {	# denied GOT DESCRIPTION: the server refused for lack of rights
	like "$1" 'ERROR 114[23] .*command denied' "$2"
}

O=$(official 1)
commune=$(sql "SELECT commune_code FROM official WHERE username = '$O'")
P=$(sql "SELECT c.pid FROM citizen c JOIN residence r ON r.citizen_id = c.id WHERE r.commune_code = '$commune' AND r.kind = 'permanent' AND r.valid_to IS NULL ORDER BY c.id LIMIT 1")
read_once() {
	http POST /residence/official/lookup -u "$O:demo" -H 'Accept: application/json' \
	    --data-urlencode "pid=$P" --data-urlencode "purpose=Kiểm tra nhật ký $1"
}
for i in 1 2 3 4; do read_once "$i"; done
is "$STATUS" 200 "an official's lookups answer 200 under the module's narrowed rights"

# --- the modules' accounts -------------------------------------------------

row=$(sql "SELECT id FROM access_log ORDER BY id LIMIT 1")
snapshot() { sql "SELECT COUNT(*), SHA2(GROUP_CONCAT(hash, purpose ORDER BY id), 256) FROM access_log; SELECT SHA2(GROUP_CONCAT(username, role, commune_code, active ORDER BY id), 256) FROM official; SELECT SHA2(GROUP_CONCAT(client_id, service, field_groups, purpose ORDER BY id), 256) FROM exchange_right; SELECT SHA2(GROUP_CONCAT(subject_dn, name, active ORDER BY id), 256) FROM exchange_client"; }
before=$(snapshot)
for m in residence exchange tracking civil; do
	is "$(as "$m" "SELECT CURRENT_USER(), CURRENT_ROLE()")" \
	    "$(printf 'motcua_%s@localhost\tmotcua_%s_role' "$m" "$m")" \
	    "$m: connects as its own account, with its role"
	is "$(as "$m" "SHOW GRANTS" | grep -v "^GRANT USAGE ON \*\.\* TO" | grep -v "^GRANT \`motcua_${m}_role\` TO" | grep -c "TO \`motcua_$m\`")" 0 \
	    "$m: the account holds nothing but the role"
	denied "$(as "$m" "UPDATE access_log SET purpose = 'sửa' WHERE id = $row")" \
	    "$m: may not UPDATE an access-log row"
	denied "$(as "$m" "DELETE FROM access_log WHERE id = $row")" \
	    "$m: may not DELETE an access-log row"
	denied "$(as "$m" "UPDATE official SET role = 'province_officer' WHERE username = '$O'")" \
	    "$m: may not UPDATE official"
	denied "$(as "$m" "INSERT INTO official (username, full_name, role, commune_code) VALUES ('x$m', 'X', 'province_officer', '$commune')")" \
	    "$m: may not INSERT into official"
	denied "$(as "$m" "UPDATE exchange_right SET field_groups = 'co_ban,nhan_than,cu_tru,ho_gia_dinh'")" \
	    "$m: may not UPDATE exchange_right"
	denied "$(as "$m" "INSERT INTO exchange_right (client_id, service, field_groups, purpose) VALUES (1, 'GetCitizen', 'co_ban,nhan_than,cu_tru,ho_gia_dinh', 'x$m')")" \
	    "$m: may not INSERT into exchange_right"
	denied "$(as "$m" "UPDATE exchange_client SET active = 1, issuer_dn = NULL")" \
	    "$m: may not UPDATE exchange_client"
	denied "$(as "$m" "INSERT INTO exchange_client (subject_dn, name) VALUES ('CN=x$m', 'x')")" \
	    "$m: may not INSERT into exchange_client"
	denied "$(as "$m" "INSERT INTO access_checkpoint (at, log_id, log_hash, mac) VALUES (NOW(), 1, REPEAT('0', 64), REPEAT('0', 64))")" \
	    "$m: may not write a checkpoint"
	denied "$(as "$m" "INSERT INTO access_seal (id, hash) VALUES (999999999, REPEAT('0', 64))")" \
	    "$m: may not write a seal"
	denied "$(as "$m" "INSERT INTO access_checkpoint_head (checkpoint_id, chain_id, seq, hash) VALUES (1, 1, 1, REPEAT('0', 64))")" \
	    "$m: may not write a checkpoint's heads"
	denied "$(as "$m" "UPDATE access_chain SET genesis = REPEAT('1', 64), prev_id = NULL WHERE id = 1")" \
	    "$m: may not rewrite a chain's genesis or link"
	denied "$(as "$m" "DELETE FROM access_chain WHERE id = 1")" \
	    "$m: may not DELETE a chain"
done
is "$(snapshot)" "$before" "the log and the rights tables are unchanged"
# the verifier's own account reads the log and writes only its tables
denied "$(audit "UPDATE access_log SET purpose = 'sửa' WHERE id = $row")" \
    "the audit account may not UPDATE an access-log row"
denied "$(audit "DELETE FROM access_log WHERE id = $row")" \
    "the audit account may not DELETE an access-log row"
denied "$(audit "UPDATE access_checkpoint SET mac = REPEAT('0', 64)")" \
    "the audit account may not UPDATE a checkpoint, only add one"
denied "$(audit "DELETE FROM access_seal")" \
    "the audit account may not DELETE a seal"

# --- checkpoints -------------------------------------------------------------

out=$(verify); st=$?
is "$st" 0 "a clean log verifies"
last=$(sql "SELECT MAX(id) FROM access_log")
like "$out" "chain intact, checkpoint [0-9]+ at row $last signed [0-9a-f]{64}" \
    "and is checkpointed at its last row"
cp=$(sql "SELECT log_id, log_hash, mac FROM access_checkpoint ORDER BY id DESC LIMIT 1")
cp_id=$(echo "$cp" | cut -f1) cp_hash=$(echo "$cp" | cut -f2) cp_mac=$(echo "$cp" | cut -f3)
is "$cp_id $cp_hash" "$last $(sql "SELECT hash FROM access_log WHERE id = $last")" \
    "the checkpoint holds the last row's id and hash"
heads=$(sql "SELECT GROUP_CONCAT(CONCAT(chain_id, ':', seq, ':', hash) ORDER BY chain_id SEPARATOR ',') FROM access_checkpoint_head WHERE checkpoint_id = (SELECT MAX(id) FROM access_checkpoint)")
is "$heads" "$(sql "SELECT GROUP_CONCAT(CONCAT(id, ':', seq, ':', head) ORDER BY id SEPARATOR ',') FROM access_chain")" \
    "the checkpoint holds the head of every chain"
is "$cp_mac" "$(printf '%s|%s|%s' "$cp_id" "$cp_hash" "$heads" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$(cat "$AUDIT_KEY")" | awk '{print $NF}')" \
    "signed with HMAC-SHA256 under the key over id|hash|chain:seq:hash,..."
is "$(sql "SELECT COUNT(*) FROM access_seal s JOIN access_log l ON l.id = s.id AND l.hash = s.hash")" \
    "$(sql "SELECT COUNT(*) FROM access_log")" "every row verified is sealed"
n=$(sql "SELECT COUNT(*) FROM access_checkpoint")
verify > /dev/null; is $? 0 "verified again: intact"
is "$(sql "SELECT COUNT(*) FROM access_checkpoint")" "$n" "no new checkpoint without new rows"
read_once 5
verify -n > /dev/null; is $? 0 "-n checks a grown log"
is "$(sql "SELECT COUNT(*) FROM access_checkpoint")" "$n" "and records nothing"
verify > /dev/null; is $? 0 "a grown log verifies"
is "$(sql "SELECT COUNT(*) FROM access_checkpoint")" "$((n + 1))" "and gets a new checkpoint"

# A rewrite of a row before the checkpoint, the chain recomputed from it on
# and the head moved: the chain alone looks intact.
sql "CREATE TABLE access_log_t AS SELECT * FROM access_log; CREATE TABLE access_chain_t AS SELECT * FROM access_chain; CREATE TABLE access_seal_t AS SELECT * FROM access_seal"
restore() { sql "DELETE FROM access_log; INSERT INTO access_log SELECT * FROM access_log_t; DELETE FROM access_chain; INSERT INTO access_chain SELECT * FROM access_chain_t; DELETE FROM access_seal; INSERT INTO access_seal SELECT * FROM access_seal_t"; }
recompute() {	# recompute FROM-ID: its chain rebuilt from that row on
	local c s
	read -r c s <<< "$(sql "SELECT chain_id, seq FROM access_log WHERE id = $1")"
	sql "SET @p := COALESCE((SELECT hash FROM access_log WHERE chain_id = $c AND seq < $s ORDER BY seq DESC LIMIT 1), (SELECT genesis FROM access_chain WHERE id = $c));
	    UPDATE access_log SET prev_hash = @p, hash = (@p := SHA2(CONCAT_WS('|', @p, DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s.%f'), actor_kind, actor, citizen_id, fields, purpose, COALESCE(request_id, '')), 256)) WHERE chain_id = $c AND seq >= $s ORDER BY seq;
	    UPDATE access_chain SET head = (SELECT hash FROM access_log WHERE chain_id = $c ORDER BY seq DESC LIMIT 1) WHERE id = $c"
}
# the first row of the chain that holds the last row
r=$(sql "SELECT id FROM access_log WHERE chain_id = (SELECT chain_id FROM access_log ORDER BY id DESC LIMIT 1) ORDER BY seq LIMIT 1")
sql "UPDATE access_log SET purpose = 'Không có lần đọc này', actor = 'cb-khac' WHERE id = $r"
recompute "$r"
out=$(verify); st=$?
is "$st" 1 "a row rewritten before the checkpoint, chain recomputed: caught"
unlike "$out" "broken at row" "(the chain itself is consistent)"
like "$out" "changed or removed since they were sealed: $r( |$)" "the rewritten row is named first"
like "$out" "no longer has the hash that was signed" "and the checkpoint no longer matches"
is "$(sql "SELECT COUNT(*) FROM access_checkpoint")" "$((n + 1))" "no checkpoint recorded over it"
restore
verify > /dev/null; is $? 0 "restored: intact again"

# The same rewrite by someone who may also rewrite the seals, but has not
# the key: the signed checkpoint gives it away.
sql "UPDATE access_log SET purpose = 'Không có lần đọc này' WHERE id = $r"
recompute "$r"
sql "UPDATE access_seal s JOIN access_log l ON l.id = s.id SET s.hash = l.hash"
out=$(verify); st=$?
is "$st" 1 "rows and seals rewritten without the key: caught"
like "$out" "checkpoint [0-9]+: row [0-9]+ no longer has the hash that was signed" \
    "the checkpoint and its row are named"
restore
# a checkpoint forged without the key
sql "INSERT INTO access_checkpoint (at, log_id, log_hash, mac) SELECT UTC_TIMESTAMP(3), id, hash, REPEAT('a', 64) FROM access_log ORDER BY id DESC LIMIT 1"
forged=$(sql "SELECT MAX(id) FROM access_checkpoint")
out=$(verify); st=$?
is "$st" 1 "a forged checkpoint is caught"
like "$out" "checkpoint $forged \\(row [0-9]+\\): the signature does not match" "and named"
sql "DELETE FROM access_checkpoint WHERE id = $forged"
verify > /dev/null; is $? 0 "without it: intact"
sql "DROP TABLE access_log_t; DROP TABLE access_chain_t; DROP TABLE access_seal_t"

# --- several chains ----------------------------------------------------------

# Officials' lookups and the gateway's VerifyResidence at once: each worker
# process appends to a chain of its own.
RUN=$(date +%s)$$
vr_file() {	# vr_file ID: a VerifyResidence of P in its commune
	printf '<VerifyResidenceRequest xmlns="%s"><MaYeuCau>%s</MaYeuCau><MucDich>%s</MucDich><SoDinhDanh>%s</SoDinhDanh><MaXa>%s</MaXa></VerifyResidenceRequest>' \
	    "$NS" "$1" 'Xét duyệt hồ sơ bảo hiểm y tế' "$P" "$commune" > "$T_TMP/$1.xml"
}
burst() {	# burst N TAG: N lookups and N VerifyResidence at once
	local i pids=()
	for i in $(seq "$1"); do
		vr_file "au$RUN-$2-$i"
	done
	for i in $(seq "$1"); do
		curl -s -o /dev/null -w '%{http_code}\n' -u "$O:demo" \
		    -H 'Accept: application/json' --data-urlencode "pid=$P" \
		    --data-urlencode "purpose=Kiểm tra đồng thời $2 $i" \
		    "$BASE/residence/official/lookup" >> "$T_TMP/burst.st" &
		pids+=($!)
		ex_curl bhxh -o /dev/null -w '%{http_code}\n' \
		    -H 'Content-Type: text/xml' \
		    --data-binary "@$T_TMP/au$RUN-$2-$i.xml" \
		    "$TLSBASE/exchange/v1/xml" >> "$T_TMP/burst.st" &
		pids+=($!)
	done
	wait "${pids[@]}"
}
from=$(sql "SELECT COALESCE(MAX(id), 0) FROM access_log")
: > "$T_TMP/burst.st"
burst 12 a
is "$(sort -u "$T_TMP/burst.st")" 200 "24 concurrent reads, officials' and the gateway's: all 200"
is "$(sql "SELECT COUNT(*) FROM access_log WHERE id > $from")" 24 "24 access rows"
is "$(sql "SELECT COUNT(DISTINCT chain_id) > 1 FROM access_log WHERE id > $from")" 1 \
    "written into several chains"
is "$(sql "SELECT COUNT(DISTINCT actor_kind) = 2 FROM access_log WHERE id > $from")" 1 \
    "by both modules"
is "$(sql "SELECT COUNT(*) FROM (SELECT chain_id FROM access_log WHERE id > $from GROUP BY chain_id HAVING COUNT(DISTINCT actor_kind) > 1) t")" 0 \
    "no chain holds the rows of two modules (a chain is one process's)"
is "$(sql "SELECT COUNT(*) FROM access_log WHERE id > $from AND chain_id = 1")" 0 \
    "none in the first chain, which no worker writes any more"
out=$(verify); st=$?
is "$st" 0 "several chains written at once verify"
like "$out" "in [0-9]+ chains, every chain intact" "and the verifier counts the chains"

# The first chain's head, the row every read locked until its commit
# before, held by another session: reads do not wait for it.
mkfifo "$T_TMP/hold.fifo"
mariadb --defaults-file="$MYCNF" -n -N -B motcua < "$T_TMP/hold.fifo" > "$T_TMP/hold.out" 2>&1 &
holder=$!
exec 4> "$T_TMP/hold.fifo"
printf 'SELECT CONNECTION_ID();\nSTART TRANSACTION;\nSELECT head FROM access_chain WHERE id = 1 FOR UPDATE;\n' >&4
for i in $(seq 100); do
	cid=$(head -1 "$T_TMP/hold.out")
	[ -n "$cid" ] && [ "$(sql "SELECT COUNT(*) FROM information_schema.INNODB_TRX WHERE trx_mysql_thread_id = $cid AND trx_lock_structs > 0")" = 1 ] && break
	sleep 0.05
done
: > "$T_TMP/burst.st"
burst 4 held
is "$(sort -u "$T_TMP/burst.st")" 200 "with the old chain head locked elsewhere, reads still answer 200"
is "$(sql "SELECT COUNT(*) FROM information_schema.INNODB_TRX WHERE trx_mysql_thread_id = $cid AND trx_lock_structs > 0")" 1 \
    "(the lock was held all along)"
printf 'ROLLBACK;\n' >&4
exec 4>&-
wait "$holder"

# Rows after the last checkpoint, in any chain: each kind of tampering is
# reported.
verify > /dev/null; is $? 0 "checkpointed"
from=$(sql "SELECT MAX(id) FROM access_log")
: > "$T_TMP/burst.st"
burst 16 b
is "$(sort -u "$T_TMP/burst.st")" 200 "more concurrent reads, after the checkpoint"
X=$(sql "SELECT chain_id FROM access_log WHERE id > $from GROUP BY chain_id ORDER BY COUNT(*) DESC, chain_id LIMIT 1")
nx=$(sql "SELECT COUNT(*) FROM access_log WHERE id > $from AND chain_id = $X")
is "$((nx >= 3))" 1 "a chain with at least three rows past the checkpoint (chain $X: $nx)"
# the second and third of them, and the chain's last
read -r r1 s1 <<< "$(sql "SELECT id, seq FROM access_log WHERE id > $from AND chain_id = $X ORDER BY seq LIMIT 1 OFFSET 1")"
read -r r2 s2 <<< "$(sql "SELECT id, seq FROM access_log WHERE chain_id = $X AND seq = $((s1 + 1))")"
tail=$(sql "SELECT id FROM access_log WHERE chain_id = $X ORDER BY seq DESC LIMIT 1")
sql "CREATE TABLE access_log_t AS SELECT * FROM access_log; CREATE TABLE access_chain_t AS SELECT * FROM access_chain; CREATE TABLE access_seal_t AS SELECT * FROM access_seal"
vn() { out=$("$VERIFY" -n -k "$AUDIT_KEY" -- --defaults-file="$AUDIT_CNF" motcua); st=$?; }

sql "UPDATE access_log SET purpose = 'sửa đổi' WHERE id = $r1"
vn; is "$st" 1 "chain $X: an edited row past the checkpoint is caught"
like "$out" "broken at row\\(s\\): $r1( |$)" "and named"
restore
sql "DELETE FROM access_log WHERE id = $r1"
vn; is "$st" 1 "chain $X: a deleted row is caught"
like "$out" "broken at row\\(s\\): $r2( |$)" "at the row after it"
restore
# a row slipped in after r1: the rows after it moved up one place, its
# hash computed right from r1's
sql "UPDATE access_log SET seq = seq + 1 WHERE chain_id = $X AND seq > $s1 ORDER BY seq DESC;
    INSERT INTO access_log (at, chain_id, seq, actor_kind, actor, citizen_id, fields, purpose, request_id, prev_hash, hash)
    SELECT at, chain_id, seq + 1, actor_kind, 'cb-gia', citizen_id, fields, purpose, request_id, hash,
        SHA2(CONCAT_WS('|', hash, DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s.%f'), actor_kind, 'cb-gia', citizen_id, fields, purpose, COALESCE(request_id, '')), 256)
    FROM access_log WHERE id = $r1"
vn; is "$st" 1 "chain $X: an inserted row is caught"
like "$out" "broken at row\\(s\\): $r2( |$)" "at the row it displaced"
restore
sql "UPDATE access_log SET seq = 0 WHERE id = $r1; UPDATE access_log SET seq = $s1 WHERE id = $r2; UPDATE access_log SET seq = $s2 WHERE id = $r1"
vn; is "$st" 1 "chain $X: two rows swapped are caught"
like "$out" "broken at row\\(s\\): $r1 $r2( |$)" "both named"
restore
sql "DELETE FROM access_log WHERE id = $tail"
vn; is "$st" 1 "chain $X: its last row removed is caught"
like "$out" "the head of chain\\(s\\) $X is not its last row" "the chain named"
restore
# a row appended with its hash right, the head not moved
sql "INSERT INTO access_log (at, chain_id, seq, actor_kind, actor, citizen_id, fields, purpose, request_id, prev_hash, hash)
    SELECT at, chain_id, seq + 1, actor_kind, 'cb-gia', citizen_id, fields, purpose, request_id, hash,
        SHA2(CONCAT_WS('|', hash, DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s.%f'), actor_kind, 'cb-gia', citizen_id, fields, purpose, COALESCE(request_id, '')), 256)
    FROM access_log WHERE id = $tail"
vn; is "$st" 1 "chain $X: a row appended behind its head is caught"
like "$out" "the head of chain\\(s\\) $X is not its last row" "the chain named"
restore
# a whole chain removed, rows and head: not the newest, so the next one's
# link breaks; and it was checkpointed
Y=$(sql "SELECT id FROM access_chain WHERE id > 1 AND id < (SELECT MAX(id) FROM access_chain) ORDER BY id LIMIT 1")
next=$(sql "SELECT MIN(id) FROM access_chain WHERE id > $Y")
sql "DELETE FROM access_log WHERE chain_id = $Y; DELETE FROM access_chain WHERE id = $Y"
vn; is "$st" 1 "a whole chain removed ($Y) is caught"
like "$out" "chain\\(s\\) $next do not follow the chain before them" "the next chain's link names it"
like "$out" "checkpoint:chain\\(s\\) [0-9]+:$Y( |$)" "and the checkpoint that signed its head"
restore
# the newest chain's rows removed, its head left: the head names it
Z=$(sql "SELECT MAX(id) FROM access_chain")
sql "DELETE FROM access_log WHERE chain_id = $Z"
vn; is "$st" 1 "the rows of the newest chain removed are caught"
restore
vn; is "$st" 0 "the untouched log verifies"
verify > /dev/null; is $? 0 "and is checkpointed"
sql "DROP TABLE access_log_t; DROP TABLE access_chain_t; DROP TABLE access_seal_t"

# --- a log from before the chains ------------------------------------------

# A database migrated up to 024, with rows, seals and a checkpoint written
# as before (one chain, the head in access_chain id 1), then migrated to
# the chains: the old rows are chain 1 and verify, the old checkpoint too,
# and the next checkpoint signs the heads.
mkdir "$T_TMP/old-sql"
for f in "$top_srcdir"/conf/sql/*.sql; do
	case ${f##*/} in 0[0-1]?_* | 02[0-4]_*) cp "$f" "$T_TMP/old-sql/" ;; esac
done
MIG=motcua_premig$$
sql "CREATE DATABASE $MIG CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
migrate() { "$top_builddir/modules/tools/motcua-migrate" -d "$1" -- --defaults-file="$MYCNF" "$MIG" > "$T_TMP/mig.out" 2>&1; }
msql() { mariadb --defaults-file="$MYCNF" --default-character-set=utf8mb4 -N -B "$MIG" -e "$1"; }
migrate "$T_TMP/old-sql"; is $? 0 "migrated up to 024"
for i in 1 2 3; do
	msql "SET @p := CONVERT((SELECT head FROM access_chain WHERE id = 1) USING utf8mb4);
	    INSERT INTO access_log (at, actor_kind, actor, citizen_id, fields, purpose, request_id, prev_hash, hash)
	    VALUES ('2026-11-0$i 10:00:00.123', 'official', 'cb-cu', $i, 'residence', 'Kiểm tra $i', NULL, @p,
	        SHA2(CONCAT_WS('|', @p, '2026-11-0$i 10:00:00.123000', 'official', 'cb-cu', $i, 'residence', 'Kiểm tra $i', ''), 256));
	    UPDATE access_chain SET head = (SELECT hash FROM access_log ORDER BY id DESC LIMIT 1) WHERE id = 1"
done
# the rows' ids (a Galera cluster spaces them out: auto_increment_increment)
mapfile -t ids < <(msql "SELECT id FROM access_log ORDER BY id")
h2=$(msql "SELECT hash FROM access_log WHERE id = ${ids[1]}")
mac2=$(printf '%s|%s' "${ids[1]}" "$h2" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$(cat "$AUDIT_KEY")" | awk '{print $NF}')
msql "INSERT INTO access_seal (id, hash) SELECT id, hash FROM access_log WHERE id <= ${ids[1]};
    INSERT INTO access_checkpoint (at, log_id, log_hash, mac) VALUES (UTC_TIMESTAMP(3), ${ids[1]}, '$h2', '$mac2')"
migrate "$top_srcdir/conf/sql"; is $? 0 "then migrated to the chains (025)"
is "$(msql "SELECT GROUP_CONCAT(CONCAT(chain_id, ':', seq) ORDER BY id) FROM access_log")" "1:1,1:2,1:3" \
    "the old rows are chain 1, in their order"
is "$(msql "SELECT CONCAT(seq, ' ', head = (SELECT hash FROM access_log WHERE id = ${ids[2]}), ' ', genesis = REPEAT('0', 64), ' ', prev_id IS NULL) FROM access_chain")" \
    "3 1 1 1" "chain 1: three rows, its head the last, its genesis zeros, no predecessor"
is "$(msql "SELECT GROUP_CONCAT(CONCAT(id, ':', chain_id, ':', seq) ORDER BY id) FROM access_seal")" "${ids[0]}:1:1,${ids[1]}:1:2" \
    "the seals name their chain and place"
mverify() { "$VERIFY" -k "$AUDIT_KEY" "$@" -- --defaults-file="$MYCNF" "$MIG"; }
out=$(mverify -n); st=$?
is "$st" 0 "the old rows and the old checkpoint verify"
like "$out" "3 rows in 1 chains, every chain intact, checkpoint [0-9]+ at row ${ids[1]}" "and say so"
out=$(mverify); st=$?
is "$st" 0 "checkpointed anew"
like "$out" "checkpoint [0-9]+ at row ${ids[2]}" "at the last row"
is "$(msql "SELECT GROUP_CONCAT(CONCAT(chain_id, ':', seq) ORDER BY chain_id) FROM access_checkpoint_head WHERE checkpoint_id = (SELECT MAX(id) FROM access_checkpoint)")" \
    "1:3" "the new checkpoint signs chain 1's head"
msql "UPDATE access_log SET purpose = 'sửa' WHERE id = ${ids[0]}"
out=$(mverify -n); st=$?
is "$st" 1 "an old row edited after the migration is caught"
like "$out" "broken at row\\(s\\): ${ids[0]}( |$)" "and named"
# the roles' grants on its tables go with it: other tests read the roles'
sql "DROP DATABASE $MIG; DELETE FROM mysql.tables_priv WHERE Db = '$MIG';
    DELETE FROM mysql.columns_priv WHERE Db = '$MIG'; DELETE FROM mysql.db WHERE Db = '$MIG';
    FLUSH PRIVILEGES"
is "$(sql "SELECT COUNT(*) FROM information_schema.TABLE_PRIVILEGES WHERE TABLE_SCHEMA = '$MIG'")" 0 \
    "(the scratch database's grants removed)"

# --- the key ---------------------------------------------------------------

od -An -tx1 -N32 /dev/urandom | tr -d ' \n' > "$T_TMP/other.key"
chmod 0600 "$T_TMP/other.key"
out=$("$VERIFY" -k "$T_TMP/other.key" -- --defaults-file="$AUDIT_CNF" motcua); st=$?
is "$st" 1 "another key: the checkpoints do not verify"
like "$out" "the signature does not match" "and says so"
out=$("$VERIFY" -k "$T_TMP/none.key" -- --defaults-file="$AUDIT_CNF" motcua 2>&1); st=$?
is "$st" 2 "no key: exit 2"
like "$out" "cannot read the checkpoint key" "and says so"
chmod 0644 "$T_TMP/other.key"
out=$("$VERIFY" -k "$T_TMP/other.key" -- --defaults-file="$AUDIT_CNF" motcua 2>&1); st=$?
is "$st" 2 "a key every user can read is refused"
echo "not hex" > "$T_TMP/bad.key"; chmod 0600 "$T_TMP/bad.key"
"$VERIFY" -k "$T_TMP/bad.key" -- --defaults-file="$AUDIT_CNF" motcua > /dev/null 2>&1
is $? 2 "a malformed key is refused"
verify > /dev/null; is $? 0 "the log verifies at the end"
t_done
