# GET /residence/health: the database answers and the schema version shows;
# the same for the civil-status module, through the web server.
. "$top_srcdir/tests/lib.sh"

http GET /residence/health -H 'Accept: application/json'
is "$STATUS" 200 "health answers 200"
is "$(json status)" ok "status ok"
is "$(json schema_version)" "$(sql 'SELECT MAX(version) FROM schema_migrations')" \
    "schema version is the applied migration"
http GET /residence/health
like "$HEADERS" 'Content-Type: text/html' "HTML without an Accept header"
like "$BODY" 'Tình trạng dịch vụ' "HTML page in Vietnamese"
http POST /residence/health -H 'Accept: application/json' -d x=1
is "$STATUS" 405 "POST on health is 405"
like "$HEADERS" 'Allow: GET' "405 names the allowed method"
http GET /residence/nowhere -H 'Accept: application/json'
is "$STATUS" 404 "unknown path is 404"
is "$(json code)" not_found "with the stable code"

http GET /civil/health -H 'Accept: application/json'
is "$STATUS" 200 "civil: health answers 200"
is "$(json status)" ok "civil: status ok"
is "$(json schema_version)" "$(sql 'SELECT MAX(version) FROM schema_migrations')" \
    "civil: schema version is the applied migration"
http POST /civil/health -H 'Accept: application/json' -d x=1
is "$STATUS" 405 "civil: POST on health is 405"
http GET /civil/nowhere -H 'Accept: application/json'
is "$STATUS" 404 "civil: unknown path is 404"
is "$(json code)" not_found "civil: with the stable code"
# the citizens' and officials' locations ask for their sign-on first
http GET /civil/citizen/x -H 'Accept: application/json'
is "$STATUS" 401 "civil: the citizens' location asks for the sign-on"
http GET /civil/official/x -H 'Accept: application/json'
is "$STATUS" 401 "civil: the officials' location asks for the login"
t_done
