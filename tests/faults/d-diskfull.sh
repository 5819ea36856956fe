# Drill 6: the database's disk full.  A stack of its own, its whole
# directory (the datadir with it) on a small tmpfs, is filled up under
# load, then space is given back.  While full, a write fails in the
# server (ER_RECORD_FILE_FULL) and is rolled back whole; the service
# answers 503 with Retry-After; nothing acknowledged is lost; once space
# returns the service answers by itself.  MariaDB may abort when it
# cannot write the undo of a rollback ("Out of disk space in rollback");
# then its service manager starts it again (Debian's mariadb.service:
# Restart=on-abort), as the drill does, and crash recovery follows.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/faults/drill.sh"

MNT=$T_TMP/small
mkdir -p "$MNT"
mount -t tmpfs -o size=400m tmpfs "$MNT"
ok $? "a 400 MiB tmpfs for the stack"
S2=$MNT/stack
P2=$(unused_port 19400)
cleanup() {
	"$top_srcdir/tests/stack" down -d "$S2" > /dev/null 2>&1
	umount "$MNT" 2> /dev/null
}
trap 'cleanup; rm -rf "$T_TMP"' EXIT
MOTCUA_REDO_LOG=48M MOTCUA_BUFFER_POOL=64M MOTCUA_MODULES=residence MOTCUA_CITIZENS=400 \
    "$top_srcdir/tests/stack" up -d "$S2" -p "$P2" > "$T_TMP/up2.log" 2>&1 <&-
ok $? "the stack up on it" || sed 's/^/# /' "$T_TMP/up2.log"
# from here on, that stack
. "$S2/env"

drill_setup
free_kb() { df -k --output=avail "$MNT" | tail -1 | tr -d ' '; }
fallocate -l "$(( ($(free_kb) - 3072) * 1024 ))" "$MNT/filler"
ok $? "the disk filled, all but 3 MiB ($(free_kb) KiB free)"
drill_load 30 "$DRILL_CLIENTS"
# until the server refuses a write for want of space
for i in $(seq 200); do
	grep -Eqs "is full|error 28|disk space" "$STACK_DIR/log/mariadbd.err" && break
	sleep 0.1
done
like "$(cat "$STACK_DIR/log/mariadbd.err")" "is full|error 28|disk space" "the server ran out of space under load"
sleep 3
http POST /residence/citizen/dossiers/temporary -u "$(head -1 "$T_TMP/citizens"):demo" \
    -H 'Accept: application/json' --data-urlencode "idempotency_key=$(newkey)" \
    -d "commune_code=$DRILL_COMMUNE" --data-urlencode "address=Số 2, ngõ 2, phố Huế" \
    -d "until=$(date -d '+200 day' +%F)"
like "$STATUS $(json error code)" "^503 (database_unavailable|busy)$" "a submission while full: 503 ($(json error code))"
like "$(printf '%s\n' "$HEADERS" | tr -d '\r')" '^Retry-After: [0-9]+' "with Retry-After"
sleep 5
rm -f "$MNT/filler"
ok $? "space given back"
if ! kill -0 "$(sed -n 's/^mariadbd //p' "$STACK_DIR/pids")" 2> /dev/null; then
	echo "# mariadbd stopped itself: $(grep -m1 FATAL "$STACK_DIR/log/mariadbd.err")"
	"$top_srcdir/tests/stack" db-start -d "$STACK_DIR" 2> "$T_TMP/stack.err"
	ok $? "its service manager starts it again" || sed 's/^/# /' "$T_TMP/stack.err"
fi
drill_wait
drill_check disk-full
ok "$([ "$(jq -r '.counts.answers.submit["503"] // 0' "$T_TMP/load.json")" -gt 0 ]; echo $?)" \
    "disk-full: submissions were answered 503 while it was full"
like "$(drill_logged died)" '^0$' "disk-full: no worker died"
t_done
