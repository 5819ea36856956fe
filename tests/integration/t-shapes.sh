# A statement and its fetcher agree on parameters and columns, checked
# when statements are prepared: the module's own shapes pass, and a
# fetcher expecting one column more, or one parameter less, stops the
# process at once, naming the statement.
. "$top_srcdir/tests/lib.sh"

BIN=$top_builddir/tests/shape-check
"$BIN" "$MOTCUA_CNF" ok > "$T_TMP/ok.out" 2> "$T_TMP/ok.err"
is $? 0 "the residence statements match their fetchers"
like "$(cat "$T_TMP/ok.out")" 'statements match' "and says so"
for how in columns params; do
	"$BIN" "$MOTCUA_CNF" $how > /dev/null 2> "$T_TMP/$how.err"
	is $? 1 "a fetcher expecting other $how: refused"
	like "$(cat "$T_TMP/$how.err")" 'its fetcher expects' \
	    "with the statement named ($how)"
done

# the same for the tracking module: every statement has a shape (or the
# program says which has none), and a wrong one stops it
"$BIN" "$MOTCUA_CNF" tracking ok > "$T_TMP/tr.out" 2> "$T_TMP/tr.err"
is $? 0 "the tracking statements match their fetchers"
like "$(cat "$T_TMP/tr.out")" 'statements match' "and says so (tracking)"
for how in columns params; do
	"$BIN" "$MOTCUA_CNF" tracking $how > /dev/null 2> "$T_TMP/tr-$how.err"
	is $? 1 "a tracking fetcher expecting other $how: refused"
	like "$(cat "$T_TMP/tr-$how.err")" 'its fetcher expects' \
	    "with the tracking statement named ($how)"
done

# and for the exchange gateway
"$BIN" "$MOTCUA_CNF" exchange ok > "$T_TMP/ex.out" 2> "$T_TMP/ex.err"
is $? 0 "the exchange statements match their fetchers"
like "$(cat "$T_TMP/ex.out")" 'statements match' "and says so (exchange)"
for how in columns params; do
	"$BIN" "$MOTCUA_CNF" exchange $how > /dev/null 2> "$T_TMP/ex-$how.err"
	is $? 1 "an exchange fetcher expecting other $how: refused"
	like "$(cat "$T_TMP/ex-$how.err")" 'its fetcher expects' \
	    "with the exchange statement named ($how)"
done

# and for the civil-status module
"$BIN" "$MOTCUA_CNF" civil ok > "$T_TMP/cv.out" 2> "$T_TMP/cv.err"
is $? 0 "the civil statements match their fetchers"
like "$(cat "$T_TMP/cv.out")" 'statements match' "and says so (civil)"
for how in columns params; do
	"$BIN" "$MOTCUA_CNF" civil $how > /dev/null 2> "$T_TMP/cv-$how.err"
	is $? 1 "a civil fetcher expecting other $how: refused"
	like "$(cat "$T_TMP/cv-$how.err")" 'its fetcher expects' \
	    "with the civil statement named ($how)"
done

# -n checks them too, when the database answers, and says when it cannot
R=$top_builddir/modules/residence/residence.fcgi
"$R" -n -c "$MOTCUA_CNF" > "$T_TMP/n.out" 2> "$T_TMP/n.err"
is $? 0 "-n: the settings and statements pass"
like "$(cat "$T_TMP/n.out")" 'statements prepared and checked' \
    "-n prepared and checked the statements"
TR=$top_builddir/modules/tracking/tracking.fcgi
"$TR" -n -c "$MOTCUA_CNF" > "$T_TMP/trn.out" 2> "$T_TMP/trn.err"
is $? 0 "-n: the tracking settings and statements pass"
like "$(cat "$T_TMP/trn.out")" 'statements prepared and checked' \
    "tracking -n prepared and checked the statements"
EX=$top_builddir/modules/exchange/exchange.fcgi
"$EX" -n -c "$MOTCUA_CNF" > "$T_TMP/exn.out" 2> "$T_TMP/exn.err"
is $? 0 "-n: the exchange settings and statements pass"
like "$(cat "$T_TMP/exn.out")" 'statements prepared and checked' \
    "exchange -n prepared and checked the statements"
CV=$top_builddir/modules/civil/civil.fcgi
"$CV" -n -c "$MOTCUA_CNF" > "$T_TMP/cvn.out" 2> "$T_TMP/cvn.err"
is $? 0 "-n: the civil settings and statements pass"
like "$(cat "$T_TMP/cvn.out")" 'statements prepared and checked' \
    "civil -n prepared and checked the statements"
# (db_hosts, on a cluster, would name the servers instead)
sed -e '/^db_hosts = /d' -e 's|^socket = .*mysqld.sock$|socket = '"$T_TMP"'/none.sock|' \
    "$MOTCUA_CNF" > "$T_TMP/nodb.cnf"
"$R" -n -c "$T_TMP/nodb.cnf" > "$T_TMP/nodb.out" 2> "$T_TMP/nodb.err"
is $? 0 "-n without a database still checks the settings"
like "$(cat "$T_TMP/nodb.err")" 'statements not checked' \
    "and says the statements were not checked"
t_done
