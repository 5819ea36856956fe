# Receipt codes come from blocks of numbers each worker process reserves
# on its own, before a submission's transaction begins: no submission
# waits for another's lock on the day's receipt_seq row, the codes stay
# unique per agency and day across workers and hosts, and a new day
# starts from a block of its own.
. "$top_srcdir/tests/lib.sh"

URL=/residence/citizen/confirmations
now=$(TZ=UTC-7 date '+%Y-%m-%d %H:%M:%S')
day=${now%% *}
yymmdd=$(printf '%s' "${day#??}" | tr -d -)
# four citizens with a password, alive, with a current permanent residence
# (late in the launcher's list: other tests take the first ones)
mapfile -t CZ < <(sql "SELECT c.pid FROM citizen c JOIN residence r ON r.citizen_id = c.id
    AND r.kind = 'permanent' AND r.valid_to IS NULL
    WHERE c.death_date IS NULL AND c.pid IN ($(sed -n '1500,1700s/:.*//p' "$STACK_DIR/nginx/citizens.htpasswd" | sed "s/.*/'&'/" | paste -sd,))
    ORDER BY c.id DESC LIMIT 4")
is "${#CZ[@]}" 4 "four citizens to file with"

# --- several workers, and another host ------------------------------------

# a second instance of the module beside the stack's, with its own
# workers: another host as far as the database can tell
module_at residence "$now"
host2=$ATSOCK
for i in $(seq 16); do
	P=${CZ[$((i % 4))]}
	curl -s -o "$T_TMP/web$i" -w '%{http_code}' -u "$P:demo" \
	    -H 'Accept: application/json' \
	    --data-urlencode "idempotency_key=$(newkey)$i" \
	    "$BASE$URL" > "$T_TMP/web$i.st" &
done
for i in $(seq 8); do
	P=${CZ[$((i % 4))]}
	( ATSOCK=$host2
	  fcgi_at "" POST $URL "idempotency_key=$(newkey)h$i" MOTCUA_CITIZEN="$P"
	  printf '%s' "$STATUS" > "$T_TMP/host$i.st"
	  printf '%s' "$BODY" > "$T_TMP/host$i" ) &
done
wait
is "$(for f in "$T_TMP"/web*.st "$T_TMP"/host*.st; do cat "$f"; echo; done | sort -u)" 201 \
    "24 confirmations at once, through the web server's workers and another instance: all 201"
for f in "$T_TMP"/web[0-9] "$T_TMP"/web[0-9][0-9] "$T_TMP"/host[0-9]; do
	json_in "$f" receipt_code
done > "$T_TMP/codes"
is "$(grep -c . "$T_TMP/codes")" 24 "each with a receipt code"
is "$(sort -u "$T_TMP/codes" | grep -c .)" 24 "no two the same"
is "$(grep -vc -- "-$yymmdd-[0-9]\{4,\}\$" "$T_TMP/codes")" 0 "all of today"
agency=$(head -1 "$T_TMP/codes" | sed 's/-[0-9]*-[0-9]*$//')
is "$(sql "SELECT COUNT(*) FROM dossier WHERE receipt_code IN ($(sed "s/.*/'&'/" "$T_TMP/codes" | paste -sd,))")" 24 \
    "as the dossiers hold them"
top=$(sed 's/.*-//' "$T_TMP/codes" | sort -n | tail -1)
is "$(sql "SELECT last >= $((10#$top)) FROM receipt_seq WHERE agency = '$agency' AND day = '$day'")" 1 \
    "every number handed out was reserved from the day's row"

# --- no lock held across a submission -------------------------------------

# The other instance has most of its block left.  Another session holds
# the day's receipt_seq row: that instance's next submission neither
# waits for it nor fails.
mkfifo "$T_TMP/hold.fifo"
mariadb --defaults-file="$MYCNF" -n -N -B motcua < "$T_TMP/hold.fifo" > "$T_TMP/hold.out" 2>&1 &
holder=$!
exec 4> "$T_TMP/hold.fifo"
printf "SELECT CONNECTION_ID();\nSTART TRANSACTION;\nSELECT last FROM receipt_seq WHERE agency = '%s' AND day = '%s' FOR UPDATE;\n" \
    "$agency" "$day" >&4
for i in $(seq 100); do
	cid=$(head -1 "$T_TMP/hold.out")
	[ -n "$cid" ] && [ "$(sql "SELECT COUNT(*) FROM information_schema.INNODB_TRX WHERE trx_mysql_thread_id = $cid AND trx_lock_structs > 0")" = 1 ] && break
	sleep 0.05
done
ATSOCK=$host2
fcgi_at "" POST $URL "idempotency_key=$(newkey)" MOTCUA_CITIZEN="${CZ[0]}"
is "$STATUS" 201 "with the day's receipt row locked elsewhere, a submission still answers 201"
held=$(json receipt_code)
like "$held" "-$yymmdd-[0-9]{4,}\$" "with a code of today"
is "$(grep -c -- "^$held\$" "$T_TMP/codes")" 0 "not one handed out before"
is "$(sql "SELECT COUNT(*) FROM information_schema.INNODB_TRX WHERE trx_mysql_thread_id = $cid AND trx_lock_structs > 0")" 1 \
    "(the lock was held all along)"
printf 'ROLLBACK;\n' >&4
exec 4>&-
wait "$holder"

# --- the day changes ---------------------------------------------------------

# An instance whose clock reads a minute's end before midnight: its block
# of the first day is dropped at midnight, and the new day's numbers come
# from the new day's row, from 1.
module_at residence "2031-07-14 23:59:59"
fcgi_at "" POST $URL "idempotency_key=$(newkey)" MOTCUA_CITIZEN="${CZ[1]}"
first=$(json receipt_code)
is "$STATUS ${first#"$agency"-}" "201 310714-0001" "before midnight: the first number of 14 July"
next=$first
for i in $(seq 100); do
	fcgi_at "" POST $URL "idempotency_key=$(newkey)" MOTCUA_CITIZEN="${CZ[1]}"
	next=$(json receipt_code)
	[ "$STATUS" = 201 ] || break
	case $next in *-310715-*) break ;; esac
	sleep 0.1
done
is "$STATUS ${next#"$agency"-}" "201 310715-0001" "after midnight: the first number of 15 July, not the rest of the old block"
is "$(sql "SELECT DATE_FORMAT(day, '%Y-%m-%d'), last FROM receipt_seq WHERE agency = '$agency' AND day IN ('2031-07-14', '2031-07-15') ORDER BY day" | tr '\t\n' ': ')" \
    "2031-07-14:20 2031-07-15:20 " "one block reserved of each day"
t_done
