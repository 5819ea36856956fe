# Copy extracts of civil-status records (2.000635): a citizen's own birth
# or marriage, a relative's death; an official of any commune for anyone,
# the read in the access log; issued at once with a receipt and a
# verification code, the paper named by the rule of the day of issue.
. "$top_srcdir/tests/lib.sh"

J='Accept: application/json'
URL=/civil/citizen/extracts
OURL=/civil/official/extracts

# a family of demo citizens of their own: a child, its mother and father
# (married, the father since deceased), a stranger, and someone deceased
# who is nobody's relative here
C=$(citizen 1651) M=$(citizen 1652) F=$(citizen 1653) S=$(citizen 1654)
X=$(citizen 1655)
id() { sql "SELECT id FROM citizen WHERE pid = '$1'"; }
CI=$(id "$C") MI=$(id "$M") FI=$(id "$F") SI=$(id "$S") XI=$(id "$X")
ALL="$CI, $MI, $FI, $SI, $XI"
O=$(official 1)
ocommune=$(sql "SELECT commune_code FROM official WHERE username = '$O'")
# the records are kept by another commune than the official's (Art. 63)
rcommune=$(sql "SELECT code FROM admin_unit WHERE level = 'commune' AND valid_to IS NULL AND code <> '$ocommune' ORDER BY code LIMIT 1")
book=T$RANDOM
sql "DELETE FROM civil_record WHERE citizen_id IN ($ALL) OR other_id IN ($ALL);
DELETE FROM parent_link WHERE child_id IN ($ALL) OR parent_id IN ($ALL);
DELETE FROM marriage WHERE party_a IN ($ALL) OR party_b IN ($ALL);
INSERT INTO civil_record (kind, book, number, commune_code, citizen_id,
    other_id, event_date, event_place, registered_at) VALUES
 ('birth', '$book', '1', '$rcommune', $CI, NULL, '2001-04-05',
  'Bệnh viện Phụ sản Hà Nội', '2001-04-20 09:00:00'),
 ('marriage', '$book', '2', '$rcommune', $FI, $MI, '1999-10-10', NULL,
  '1999-10-10 10:00:00'),
 ('death', '$book', '3', '$rcommune', $FI, NULL, '2024-01-15',
  'Số 5 phố Huế', '2024-01-16 08:00:00'),
 ('death', '$book', '4', '$rcommune', $XI, NULL, '2023-06-01', NULL,
  '2023-06-02 08:00:00');
INSERT INTO parent_link (child_id, parent_id, role) VALUES
 ($CI, $MI, 'mother'), ($CI, $FI, 'father');
INSERT INTO marriage (party_a, party_b, married_on, ended_on, end_reason)
 VALUES ($FI, $MI, '1999-10-10', '2024-01-15', 'death');
UPDATE citizen SET death_date = '2024-01-15' WHERE id = $FI;
UPDATE citizen SET death_date = '2023-06-01' WHERE id = $XI;
UPDATE citizen SET marital_status = 'widowed' WHERE id = $MI"

# the death paper's name today (the tests below set the clock for the
# days around the change of law)
DEATH=$(sql "SELECT value FROM civil_rule WHERE rule = 'paper_death'
    AND valid_from <= CURDATE() AND (valid_to IS NULL OR valid_to >= CURDATE())")

# the child's own birth
K=$(newkey)
dossiers=$(sql "SELECT COUNT(*) FROM dossier")
reads=$(sql "SELECT COUNT(*) FROM access_log")
http POST $URL -u "$C:demo" -H "$J" --data-urlencode "idempotency_key=$K" \
    --data-urlencode "kind=birth"
is "$STATUS" 201 "a birth extract issued: 201"
CODE=$(json verification_code)
like "$CODE" '^[0-9A-HJKMNP-TV-Z]{24}$' "24-character verification code"
like "$(json receipt_code)" '^000\.00\.15\.H26-[0-9]{6}-[0-9]{4,}$' "a receipt code"
is "$(json paper)" "Trích lục khai sinh" "the paper's name from the rules"
is "$(json kind)" birth "kind birth"
is "$(json person full_name)" "$(sql "SELECT full_name FROM citizen WHERE id = $CI")" \
    "the person's name from the database"
like "$(json person pid)" '^[0-9]{3}\*{6}[0-9]{3}$' "personal number masked"
is "$(json record book)/$(json record number)" "$book/1" "the record's book and number"
is "$(json record event_date)" 2001-04-05 "the date of birth as registered"
is "$(json record event_place)" "Bệnh viện Phụ sản Hà Nội" "and the place"
is "$(json record commune_code)" "$rcommune" "the registering commune"
is "$(sql "SELECT d.state, d.procedure_code, d.channel FROM dossier d JOIN civil_extract e ON e.dossier_id = e.dossier_id AND e.dossier_id = d.id WHERE e.code = '$CODE'")" \
    "$(printf 'result_issued\t2.000635\tonline')" "a dossier of 2.000635, completed at once"
is "$(sql "SELECT GROUP_CONCAT(e.to_state ORDER BY e.id) FROM dossier_event e JOIN civil_extract x ON x.dossier_id = e.dossier_id WHERE x.code = '$CODE'")" \
    "submitted,accepted,approved,result_issued" "the shared lifecycle's events"
is "$(sql "SELECT requested_by, relation FROM civil_extract WHERE code = '$CODE'")" \
    "$(printf 'citizen\tself')" "asked by the citizen, about themselves"
is "$(sql "SELECT COUNT(*) FROM access_log")" "$reads" \
    "a citizen's own extract is no official's read"

http POST $URL -u "$C:demo" -H "$J" --data-urlencode "idempotency_key=$K" \
    --data-urlencode "kind=birth"
is "$STATUS/$(json verification_code)" "200/$CODE" "retry: 200, the same extract"
is "$(sql "SELECT COUNT(*) FROM dossier")" $((dossiers + 1)) "one dossier for both"

K2=$(newkey)
for i in 1 2 3 4 5 6 7 8; do
	curl -s -o "$T_TMP/e$i" -u "$C:demo" -H "$J" \
	    --data-urlencode "idempotency_key=$K2" --data-urlencode "kind=birth" \
	    "$BASE$URL" &
done
wait
codes=$(for i in 1 2 3 4 5 6 7 8; do json_in "$T_TMP/e$i" verification_code; done | sort -u)
is "$(printf '%s\n' "$codes" | grep -c .)" 1 "eight concurrent requests: one code"
is "$(sql "SELECT COUNT(*) FROM dossier WHERE idempotency_key = '$K2'")" 1 \
    "and one dossier"

# anyone verifies it
http GET /civil/extracts/$CODE -H "$J"
is "$STATUS/$(json status)" "200/valid" "verified without identity: valid"
is "$(json paper)" "Trích lục khai sinh" "the paper's name"
like "$(json person pid)" '^[0-9]{3}\*{6}[0-9]{3}$' "masked"
unlike "$BODY" "$C" "no full personal number"
http GET /civil/extracts/abc -H "$J"
s1=$STATUS/$(json code)
http GET /civil/extracts/0000000000000000000000AB -H "$J"
is "$s1" "404/not_found" "a malformed code: 404"
is "$STATUS/$(json code)" "404/not_found" "an unknown code: the same"
http GET /civil/confirmations/$CODE -H "$J"
is "$STATUS" 404 "an extract's code is no confirmation's"

# someone else's birth: not found, as for a number nobody has
n=$(sql "SELECT COUNT(*) FROM dossier")
http POST $URL -u "$S:demo" -H "$J" --data-urlencode "idempotency_key=$(newkey)" \
    --data-urlencode "kind=birth" --data-urlencode "pid=$C"
is "$STATUS/$(json code)" "404/not_found" "another's birth: 404 not_found"
unlike "$BODY" "$C" "the answer does not echo the number"
http POST $URL -u "$M:demo" -H "$J" --data-urlencode "idempotency_key=$(newkey)" \
    --data-urlencode "kind=birth" --data-urlencode "pid=$C"
is "$STATUS/$(json code)" "404/not_found" "even the mother's ask for the child's birth"
is "$(sql "SELECT COUNT(*) FROM dossier")" "$n" "nothing written"

# a relative's death: the child's father, the mother's husband
http POST $URL -u "$C:demo" -H "$J" --data-urlencode "idempotency_key=$(newkey)" \
    --data-urlencode "kind=death" --data-urlencode "pid=$F"
is "$STATUS" 201 "the child has the father's death extracted"
is "$(json kind)" death "kind death"
is "$(json paper)" "$DEATH" "named as the rule of the day says"
is "$(json person full_name)" "$(sql "SELECT full_name FROM citizen WHERE id = $FI")" \
    "the deceased's name"
is "$(json record event_date)" 2024-01-15 "the date of death"
DCODE=$(json verification_code)
is "$(sql "SELECT relation FROM civil_extract WHERE code = '$DCODE'")" parent \
    "recorded as a parent's"
http POST $URL -u "$M:demo" -H "$J" --data-urlencode "idempotency_key=$(newkey)" \
    --data-urlencode "kind=death" --data-urlencode "pid=$F"
is "$STATUS" 201 "the widow has her husband's death extracted"
is "$(sql "SELECT relation FROM civil_extract WHERE code = '$(json verification_code)'")" \
    spouse "recorded as a spouse's"
n=$(sql "SELECT COUNT(*) FROM dossier")
http POST $URL -u "$S:demo" -H "$J" --data-urlencode "idempotency_key=$(newkey)" \
    --data-urlencode "kind=death" --data-urlencode "pid=$F"
is "$STATUS/$(json code)" "404/not_found" "a stranger's ask: 404 not_found"
http POST $URL -u "$S:demo" -H "$J" --data-urlencode "idempotency_key=$(newkey)" \
    --data-urlencode "kind=death" --data-urlencode "pid=$X"
is "$STATUS/$(json code)" "404/not_found" "nor of anyone else's who died"
# a number nobody has: C's with other last digits
for i in $(seq 100 199); do
	N=${C%???}$i
	[ -z "$(sql "SELECT 1 FROM citizen WHERE pid = '$N'")" ] && break
done
http POST $URL -u "$S:demo" -H "$J" --data-urlencode "idempotency_key=$(newkey)" \
    --data-urlencode "kind=death" --data-urlencode "pid=$N"
is "$STATUS/$(json code)" "404/not_found" "a number nobody has: the same answer"
# a relative with no death registered
http POST $URL -u "$C:demo" -H "$J" --data-urlencode "idempotency_key=$(newkey)" \
    --data-urlencode "kind=death" --data-urlencode "pid=$M"
is "$STATUS/$(json code)" "409/civil_record_unknown" \
    "a living mother: 409 civil_record_unknown"
like "$BODY" 'hộ tịch' "said in Vietnamese"
is "$(sql "SELECT COUNT(*) FROM dossier")" "$n" "nothing written"

# the mother's own marriage: both parties on it
http POST $URL -u "$M:demo" -H "$J" --data-urlencode "idempotency_key=$(newkey)" \
    --data-urlencode "kind=marriage"
is "$STATUS" 201 "the marriage extract: 201"
is "$(json paper)" "Giấy chứng nhận kết hôn" "its paper's name"
is "$(json person full_name)" "$(sql "SELECT full_name FROM citizen WHERE id = $MI")" "the asker"
is "$(json spouse full_name)" "$(sql "SELECT full_name FROM citizen WHERE id = $FI")" \
    "and the other party"
like "$(json spouse pid)" '^[0-9]{3}\*{6}[0-9]{3}$' "the other's number masked"
MCODE=$(json verification_code)
# an extract copies a registered event: later changes do not void it
sql "UPDATE citizen SET marital_status = 'married' WHERE id = $MI"
http GET /civil/extracts/$MCODE -H "$J"
is "$STATUS/$(json status)" "200/valid" "still valid after the status changed"
http POST $URL -u "$C:demo" -H "$J" --data-urlencode "idempotency_key=$(newkey)" \
    --data-urlencode "kind=marriage"
is "$STATUS/$(json code)" "409/civil_record_unknown" "no marriage of the child's: 409"

# a form post: 303 to the verification page
http POST $URL -u "$C:demo" --data-urlencode "idempotency_key=$(newkey)" \
    --data-urlencode "kind=birth"
is "$STATUS" 303 "form post answered 303"
like "$HEADERS" 'Location: http://127\.0\.0\.1:[0-9]+/civil/extracts/[0-9A-Z]{24}' \
    "to the verification page"
http POST $URL -H "$J" --data-urlencode "idempotency_key=$(newkey)" \
    --data-urlencode "kind=birth"
is "$STATUS" 401 "no sign-on: 401"
http POST $URL -u "$C:demo" -H "$J" --data-urlencode "idempotency_key=$(newkey)" \
    --data-urlencode "kind=divorce"
is "$STATUS/$(json code)" "422/invalid_field" "a kind not offered: 422"

# an official of another commune than the record's and the person's
reads=$(sql "SELECT COUNT(*) FROM access_log")
P="Cấp bản sao trích lục theo yêu cầu"
http POST $OURL -u "$O:demo" -H "$J" --data-urlencode "idempotency_key=$(newkey)" \
    --data-urlencode "pid=$C" --data-urlencode "kind=birth" \
    --data-urlencode "purpose=$P"
is "$STATUS" 201 "an official of any commune issues it (Art. 63)"
is "$(json paper)/$(json record commune_code)" "Trích lục khai sinh/$rcommune" \
    "the record of another commune"
OCODE=$(json verification_code)
is "$(sql "SELECT COUNT(*) FROM access_log")" $((reads + 1)) "one access-log row"
is "$(sql "SELECT a.actor_kind, a.actor, a.citizen_id, a.purpose FROM access_log a ORDER BY a.id DESC LIMIT 1")" \
    "$(printf 'official\t%s\t%s\t%s' "$O" "$CI" "$P")" "saying who, whose and why"
like "$(sql "SELECT fields FROM access_log ORDER BY id DESC LIMIT 1")" \
    'civil_record\.birth' "and what"
is "$(sql "SELECT COUNT(*) FROM access_log a JOIN access_log b ON b.chain_id = a.chain_id AND b.seq = a.seq - 1 WHERE a.prev_hash <> b.hash")" \
    0 "access-log rows still hash-chained"
is "$(sql "SELECT d.channel, d.commune_code, d.filed_by FROM dossier d JOIN civil_extract e ON e.dossier_id = d.id WHERE e.code = '$OCODE'")" \
    "$(printf 'counter\t%s\t%s' "$ocommune" "$O")" "at the official's counter"
is "$(sql "SELECT requested_by, purpose FROM civil_extract WHERE code = '$OCODE'")" \
    "$(printf 'official\t%s' "$P")" "the extract keeps who asked and why"
OK=$(sql "SELECT d.idempotency_key FROM dossier d JOIN civil_extract e ON e.dossier_id = d.id WHERE e.code = '$OCODE'")
reads=$(sql "SELECT COUNT(*) FROM access_log")
http POST $OURL -u "$O:demo" -H "$J" --data-urlencode "idempotency_key=$OK" \
    --data-urlencode "pid=$C" --data-urlencode "kind=birth" \
    --data-urlencode "purpose=$P"
is "$STATUS/$(json verification_code)" "200/$OCODE" "the official's retry: the same extract"
is "$(sql "SELECT COUNT(*) FROM access_log")" $((reads + 1)) \
    "shown again, so read again: one more row"
http POST $OURL -u "$O:demo" -H "$J" --data-urlencode "idempotency_key=$(newkey)" \
    --data-urlencode "pid=$X" --data-urlencode "kind=death" \
    --data-urlencode "purpose=$P"
is "$STATUS/$(json paper)" "201/$DEATH" \
    "an official extracts anyone's death, relative of nobody's"
reads=$(sql "SELECT COUNT(*) FROM access_log")
http POST $OURL -u "$O:demo" -H "$J" --data-urlencode "idempotency_key=$(newkey)" \
    --data-urlencode "pid=$C" --data-urlencode "kind=birth"
is "$STATUS/$(json code)" "422/missing_field" "an official must state the purpose"
http POST $OURL -u "$O:demo" -H "$J" --data-urlencode "idempotency_key=$(newkey)" \
    --data-urlencode "pid=$S" --data-urlencode "kind=death" \
    --data-urlencode "purpose=$P"
is "$STATUS/$(json code)" "409/civil_record_unknown" "no record: 409"
is "$(sql "SELECT COUNT(*) FROM access_log")" "$reads" "no read, no row"
http POST $OURL -u "$C:demo" -H "$J" --data-urlencode "idempotency_key=$(newkey)" \
    --data-urlencode "pid=$C" --data-urlencode "kind=birth" \
    --data-urlencode "purpose=$P"
is "$STATUS" 401 "a citizen is no official"

# the paper's name by the day of issue, on both sides of 2027-03-01
uri() { printf '%s' "$1" | jq -sRr @uri; }
WHY=$(uri "Giải quyết chế độ tử tuất")
module_at civil "2027-02-28 10:00:00"
fcgi_at "" POST $URL "idempotency_key=$(newkey)&kind=death&pid=$F" \
    MOTCUA_CITIZEN="$C"
is "$STATUS/$(json paper)" "201/Trích lục khai tử" "issued 2027-02-28: Trích lục khai tử"
BEFORE=$(json verification_code)
fcgi_at "$O" POST $OURL "idempotency_key=$(newkey)&kind=death&pid=$F&purpose=$WHY"
is "$STATUS/$(json paper)" "201/Trích lục khai tử" "so by an official that day"
module_at civil "2027-03-01 10:00:00"
fcgi_at "" POST $URL "idempotency_key=$(newkey)&kind=death&pid=$F" \
    MOTCUA_CITIZEN="$C"
is "$STATUS/$(json paper)" "201/Giấy chứng tử" "issued 2027-03-01: Giấy chứng tử"
like "$(json issued_at)" '^2027-03-01T10:00' "at the module's time"
fcgi_at "$O" POST $OURL "idempotency_key=$(newkey)&kind=death&pid=$F&purpose=$WHY"
is "$STATUS/$(json paper)" "201/Giấy chứng tử" "so by an official that day"
fcgi_at "" POST $URL "idempotency_key=$(newkey)&kind=birth" MOTCUA_CITIZEN="$C"
is "$(json paper)" "Trích lục khai sinh" "the birth paper keeps its name"
fcgi_at "" GET /civil/extracts/$BEFORE
is "$STATUS/$(json paper)" "200/Trích lục khai tử" \
    "an extract issued before keeps the name of its day"
t_done
