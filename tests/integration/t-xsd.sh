# The schemas: every sample request and response that should be valid is,
# every one that should not be is not (xmllint, independent of the module),
# and the gateway serves the WSDL and schemas with this deployment's address.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/integration/exchange-lib.sh"

X=$top_srcdir/xsd
for f in "$top_srcdir"/tests/exchange/samples/valid-*.xml; do
	xmllint --noout --schema "$X/exchange-v1.xsd" "$f" 2>/dev/null
	ok $? "valid: $(basename "$f")"
done
for f in "$top_srcdir"/tests/exchange/samples/invalid-*.xml; do
	xmllint --noout --schema "$X/exchange-v1.xsd" "$f" 2>/dev/null
	is $? 3 "invalid: $(basename "$f")"
done
xmllint --noout "$X/exchange-v1.wsdl"
ok $? "the WSDL is well-formed"

ex_curl none -o "$T_TMP/wsdl" "$TLSBASE/exchange/v1/wsdl"
like "$(cat "$T_TMP/wsdl")" "soap:address location=\"$TLSBASE/exchange/v1/soap\"" \
    "WSDL carries this deployment's endpoint"
unlike "$(cat "$T_TMP/wsdl")" '@ENDPOINT@|@XSDBASE@' "no placeholder left"
ex_curl none -o "$T_TMP/wsdl2" "$TLSBASE/exchange/v1/soap?wsdl"
cmp -s "$T_TMP/wsdl" "$T_TMP/wsdl2"
ok $? "?wsdl on the endpoint serves the same WSDL"
for x in common-v1.xsd exchange-v1.xsd qcvn109-dancu.xsd; do
	ex_curl none -o "$T_TMP/$x" "$TLSBASE/exchange/v1/xsd/$x"
	cmp -s "$T_TMP/$x" "$X/$x"
	ok $? "serves $x"
done
# the served set is complete: the WSDL's schema resolves from the served files
sed "s|$TLSBASE/exchange/v1/xsd/|$T_TMP/|" "$T_TMP/wsdl" > "$T_TMP/local.wsdl"
xmllint --xpath '//*[local-name()="schema"]' "$T_TMP/local.wsdl" > "$T_TMP/embedded.xsd" 2>/dev/null
xmllint --noout --schema "$T_TMP/exchange-v1.xsd" \
    "$top_srcdir/tests/exchange/samples/valid-verify-residence-request.xml" 2>/dev/null
ok $? "served schemas validate a request"
http GET /exchange/v1/xsd/..%2f..%2fetc%2fpasswd
is "$STATUS" 404 "no path outside the schema set (plain port has no gateway)"
ex_curl none -o /dev/null -w '%{http_code}' \
    "$TLSBASE/exchange/v1/xsd/passwd.xsd" > "$T_TMP/st"
is "$(cat "$T_TMP/st")" 404 "unknown schema name: 404"
t_done
