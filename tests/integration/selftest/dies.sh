# Not a test of motcua: a script that passes its first check and then
# dies, as a script with a broken command would.  tests/check-all runs the
# integration runner on it and expects the runner to report a failure.
. "$top_srcdir/tests/lib.sh"
ok 0 "the first check passes"
exit 3
ok 0 "never reached"
t_done
