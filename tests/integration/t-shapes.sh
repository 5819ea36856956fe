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
t_done
