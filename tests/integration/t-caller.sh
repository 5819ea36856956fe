# Every route declares its caller, and the request loop refuses a missing
# one before the handler runs: straight to each module's socket, past the
# web server's own auth, every citizen and official route answers 401
# unauthenticated without an identity and writes nothing.  A missing or
# invalid field still answers before a missing identity, as it always did;
# so do an unknown procedure and an applicant_pid sent online.
. "$top_srcdir/tests/lib.sh"

J=application/json
R=XYZ-250101-0001 # the shape of a receipt code
dossiers=$(sql "SELECT COUNT(*) FROM dossier")
refusals=$(sql "SELECT COUNT(*) FROM refusal")
reads=$(sql "SELECT COUNT(*) FROM access_log")

# fcgi METHOD PATH [BODY [PARAM=VALUE...]]: the module's raw answer
fcgi() {
	local m=$1 p=$2 b=${3-}
	shift 2
	[ $# -gt 0 ] && shift
	env -i REQUEST_METHOD="$m" DOCUMENT_URI="$p" HTTP_ACCEPT=$J \
	    CONTENT_TYPE=application/x-www-form-urlencoded \
	    CONTENT_LENGTH=${#b} "$@" \
	    cgi-fcgi -bind -connect "$MODSOCK" <<< "$b"
}

# refused WHAT METHOD PATH [BODY [PARAM=VALUE...]]
refused() {
	local what=$1 out
	shift
	out=$(fcgi "$@")
	like "$out" 'Status: 401' "$what: 401"
	like "$out" '"code": *"unauthenticated"' "$what: unauthenticated"
}

K="idempotency_key=abcdefgh12"
use_module_sock residence
refused "confirm.issue" POST /residence/citizen/confirmations "$K"
refused "official.lookup" POST /residence/official/lookup \
    "pid=001099012345&purpose=Kiểm tra"
refused "form" GET /residence/citizen/forms/permanent
refused "dossier.view" GET /residence/citizen/dossiers/$R
refused "dossier.supplement" POST /residence/citizen/dossiers/$R/supplement \
    "note=Bổ sung"
refused "decide" POST /residence/official/dossiers/$R/approve ""
refused "submit.extension" POST /residence/citizen/dossiers/extension \
    "$K&until=2030-01-01"
refused "counter.extension" POST /residence/official/dossiers/extension \
    "$K&until=2030-01-01"
refused "a citizen at the officials' route" POST \
    /residence/official/lookup "pid=001099012345&purpose=Kiểm tra" \
    MOTCUA_CITIZEN=001099012345
refused "an official at the citizens' route" GET \
    /residence/citizen/dossiers/$R REMOTE_USER=someone

# the order of the refusals, as before
like "$(fcgi POST /residence/citizen/confirmations "")" 'Status: 422' \
    "a missing field answers before a missing identity"
like "$(fcgi POST /residence/official/dossiers/extension "$K")" \
    '"code": *"missing_field"' "at the counter too"
out=$(fcgi POST /residence/citizen/dossiers/extension \
    "$K&until=2030-01-01&applicant_pid=001099012345")
like "$out" 'Status: 422' "an applicant_pid online answers before identity"
like "$out" 'not_allowed' "as not allowed"
like "$(fcgi GET /residence/citizen/forms/nothing)" 'Status: 404' \
    "an unknown procedure answers before identity"
like "$(fcgi GET /residence/confirmations/abc)" 'Status: 404' \
    "verifying a confirmation needs no identity"

use_module_sock civil
refused "civil confirm.issue" POST /civil/citizen/confirmations \
    "$K&purpose=bank_loan"
refused "civil extract.issue" POST /civil/citizen/extracts "$K&kind=birth"
refused "civil official.extract" POST /civil/official/extracts \
    "$K&pid=001099012345&kind=birth&purpose=Kiểm tra"
refused "civil: a citizen at the officials' route" POST \
    /civil/official/extracts "$K&pid=001099012345&kind=birth&purpose=Kiểm tra" \
    MOTCUA_CITIZEN=001099012345
refused "civil: an official at the citizens' route" POST \
    /civil/citizen/extracts "$K&kind=birth" REMOTE_USER=someone
like "$(fcgi POST /civil/citizen/confirmations "$K")" 'Status: 422' \
    "civil: a missing purpose answers before a missing identity"
like "$(fcgi GET /civil/confirmations/abc)" 'Status: 404' \
    "verifying a civil confirmation needs no identity"
like "$(fcgi GET /civil/extracts/abc)" 'Status: 404' \
    "nor an extract"

use_module_sock tracking
refused "official.queue" GET /tracking/official/queue
refused "citizen.reads" GET /tracking/citizen/reads
like "$(fcgi GET /tracking/citizen/reads "" QUERY_STRING=page=x)" \
    'Status: 422' \
    "tracking: a bad field answers before a missing identity"
like "$(fcgi GET /tracking/dossiers/$R)" 'Status: 200' \
    "the status form needs no identity"

use_module_sock civil
D="$K&relation=child&deceased_pid=001099012345&death_date=2026-01-01&notice_number=GBT-1&death_place=Nha+rieng"
refused "civil submit.death" POST /civil/citizen/dossiers/death "$D"
refused "civil counter.death" POST /civil/official/dossiers/death \
    "$D&applicant_pid=001099012345"
refused "civil dossier.view" GET /civil/citizen/dossiers/$R
for act in accept verify approve reject; do
	refused "civil decide.$act" POST /civil/official/dossiers/$R/$act ""
done
like "$(fcgi POST /civil/citizen/dossiers/death "$K")" 'Status: 422' \
    "civil: a missing field answers before a missing identity"

is "$(sql "SELECT COUNT(*) FROM dossier")" "$dossiers" "no dossier written"
is "$(sql "SELECT COUNT(*) FROM refusal")" "$refusals" \
    "no refusal row: a missing identity was never one"
is "$(sql "SELECT COUNT(*) FROM access_log")" "$reads" "no read logged"
t_done
