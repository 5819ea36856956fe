# The access log holds against the modules' own database accounts: each
# may neither change nor delete a log row nor write the rights tables, and
# motcua-audit-verify, under its own account and key, anchors the chain
# with signed checkpoints, so a rewrite before a checkpoint is found even
# with the chain recomputed.
. "$top_srcdir/tests/lib.sh"

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
is "$cp_mac" "$(printf '%s|%s' "$cp_id" "$cp_hash" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$(cat "$AUDIT_KEY")" | awk '{print $NF}')" \
    "signed with HMAC-SHA256 under the key over id|hash"
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
restore() { sql "DELETE FROM access_log; INSERT INTO access_log SELECT * FROM access_log_t; UPDATE access_chain c JOIN access_chain_t s ON s.id = c.id SET c.head = s.head; DELETE FROM access_seal; INSERT INTO access_seal SELECT * FROM access_seal_t"; }
recompute() {	# recompute FROM-ID: the chain rebuilt from that row on
	sql "SET @p := COALESCE((SELECT hash FROM access_log WHERE id < $1 ORDER BY id DESC LIMIT 1), REPEAT('0', 64));
	    UPDATE access_log SET prev_hash = @p, hash = (@p := SHA2(CONCAT_WS('|', @p, DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s.%f'), actor_kind, actor, citizen_id, fields, purpose, COALESCE(request_id, '')), 256)) WHERE id >= $1 ORDER BY id;
	    UPDATE access_chain SET head = (SELECT hash FROM access_log ORDER BY id DESC LIMIT 1) WHERE id = 1"
}
r=$(sql "SELECT id FROM access_log ORDER BY id LIMIT 1 OFFSET 1")
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
