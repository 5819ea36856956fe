# The demo portal (conf/portal/) at /, as the web server serves it: each
# page in its language, with the headers the modules' own pages carry; a
# stylesheet of its own origin sent as text/css; every link and form of
# every page leads to something that exists: the pages' own anchors, the
# other language, the modules' routes (behind the sign-on the page
# announces, and answered once signed on), and the receipt-code form, sent
# by the web server to the dossier's tracking page and on to its status.
. "$top_srcdir/tests/lib.sh"

P=$(citizen 7)
O=$(official 1)
CSP="default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
hdr() { printf '%s\n' "$HEADERS" | tr -d '\r' | sed -n "s/^$1: *//Ip" | head -1; }
headers() {	# headers WHAT: the modules' security headers on the answer
	is "$(hdr Content-Security-Policy)" "$CSP" "$1: the Content-Security-Policy of the modules' pages"
	is "$(hdr X-Content-Type-Options)" nosniff "$1: nosniff"
	is "$(hdr Referrer-Policy)" same-origin "$1: Referrer-Policy same-origin"
	is "$(hdr X-Frame-Options)" DENY "$1: X-Frame-Options DENY"
}
# what the page at URL holds, one item a line, tab-separated, URLs
# resolved against it: "a URL", "link REL URL", "form N METHOD URL",
# "input N NAME TYPE VALUE", "label FOR", "id ID", "h LEVEL", "lang L" for
# each lang attribute
parse() {
	/usr/bin/python3 -c '
import sys
from html.parser import HTMLParser
from urllib.parse import urljoin
base = sys.argv[1]
class P(HTMLParser):
    forms = 0
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        out = lambda *f: print("\t".join(str(x) for x in f))
        if "id" in a: out("id", a["id"])
        if "lang" in a: out("lang", a["lang"])
        if tag == "a" and "href" in a: out("a", urljoin(base, a["href"]))
        elif tag == "link": out("link", a.get("rel", ""), urljoin(base, a.get("href", "")))
        elif tag == "form":
            P.forms += 1
            out("form", P.forms, a.get("method", "get").lower(), urljoin(base, a.get("action", "")))
        elif tag in ("input", "select", "textarea") and "name" in a:
            out("input", P.forms, a["name"], a.get("type", "text"), a.get("value", ""))
        elif tag == "label" and "for" in a: out("label", a["for"])
        elif tag in ("h1", "h2", "h3", "h4"): out("h", tag[1])
        if tag == "script" or any(k.startswith("on") for k in a): out("script", tag)
P().feed(sys.stdin.read())
' "$1"
}
rel() { printf '%s' "${1#"$BASE"}"; }	# a URL of ours as a path

# --- the pages ----------------------------------------------------------
# the Vietnamese page at /, then every page its language switch leads to
pages="$BASE/" seen=""
while [ -n "$pages" ]; do
	set -- $pages
	url=$1
	shift
	pages="$*"
	case " $seen " in *" $url "*) continue ;; esac
	seen="$seen $url"
	path=$(rel "$url")
	http GET "$path"
	is "$STATUS" 200 "$path: 200"
	like "$(hdr Content-Type)" '^text/html; *charset=utf-8' "$path: HTML in UTF-8"
	headers "$path"
	lang=$(printf '%s' "$BODY" | sed -n 's/.*<html lang="\([a-z]*\)".*/\1/p' | head -1)
	if [ "$path" = / ]; then
		is "$lang" vi "/ is in Vietnamese"
	else
		like "$lang" '^(vi|en)$' "$path: says its language ($lang)"
	fi
	PAGE=$BODY
	printf '%s' "$BODY" | parse "$url" > "$T_TMP/items"
	is "$(grep -c '^script' "$T_TMP/items")" 0 "$path: no script, no event handler"
	unlike "$BODY" 'javascript:' "$path: no javascript: URL"
	is "$(grep -c '^h	1$' "$T_TMP/items")" 1 "$path: one h1"
	is "$(grep '^lang' "$T_TMP/items" | cut -f2 | grep -v -x -e vi -e en | tr '\n' ' ')" "" \
	    "$path: every lang attribute is vi or en"
	# headings that go down one level at a time
	prev=0 skip=
	for lv in $(grep '^h	' "$T_TMP/items" | cut -f2); do
		[ "$lv" -gt $((prev + 1)) ] && skip="$skip h$prev>h$lv"
		prev=$lv
	done
	is "$skip" "" "$path: no heading level skipped"
	# every field labelled, every visible one by its id
	bad=
	for f in $(awk -F'\t' '$1 == "input" && $4 != "hidden" { print $3 }' "$T_TMP/items"); do
		grep -qx "label	$f" "$T_TMP/items" && grep -qx "id	$f" "$T_TMP/items" ||
		    bad="$bad $f"
	done
	is "$bad" "" "$path: every field has its label"
	# nothing from another site
	is "$(awk -F'\t' '$1 == "a" || $1 == "link" || $1 == "form" { print $NF }' "$T_TMP/items" |
	    grep -v "^$BASE/" | grep -v '^$' | tr '\n' ' ')" "" \
	    "$path: every link and form stays on this site"

	# the stylesheet
	css=$(awk -F'\t' '$1 == "link" && $2 == "stylesheet" { print $3 }' "$T_TMP/items")
	is "$(printf '%s\n' "$css" | grep -c .)" 1 "$path: one stylesheet"
	http GET "$(rel "$css")"
	is "$STATUS" 200 "$path: its stylesheet $(rel "$css"): 200"
	like "$(hdr Content-Type)" '^text/css' "$path: sent as text/css"
	headers "$path: the stylesheet"
	like "$BODY" ':focus-visible' "$path: the stylesheet shows where the focus is"

	# the language switch (hreflang) and the alternate pages
	other=$(printf '%s' "$PAGE" | sed -n 's/.*<a class="lang" href="\([^"]*\)" hreflang="\([a-z]*\)" lang="\2">.*/\1 \2/p')
	like "$other" '^[^ ]+ (vi|en)$' "$path: a language switch, itself marked with its language"
	[ "${other#* }" != "$lang" ]
	ok $? "$path: the switch names the other language"
	other_url=$(/usr/bin/python3 -c 'import sys; from urllib.parse import urljoin
print(urljoin(sys.argv[1], sys.argv[2]))' "$url" "${other% *}")
	pages="$pages $other_url"
	echo "$url $lang $other_url" >> "$T_TMP/switches"
	name=$(printf '%s' "$path" | tr -c 'a-z0-9' _)
	cp "$T_TMP/items" "$T_TMP/items.$name"
	printf '%s' "$lang" > "$T_TMP/lang.$name"
	printf '%s' "$path" > "$T_TMP/path.$name"
done
is "$(printf '%s\n' $seen | grep -c .)" 2 "two pages: Vietnamese and English"
# each switch leads to a page in the language it names
while read -r url lang other_url; do
	o=$(awk -v u="$other_url" '$1 == u { print $2 }' "$T_TMP/switches")
	like "$o" '^(vi|en)$' "$(rel "$url") ($lang): its switch leads to $(rel "$other_url") ($o)"
	[ "$o" != "$lang" ]
	ok $? "$(rel "$url"): and that page is in the other language"
done < "$T_TMP/switches"
langs=$(cut -d' ' -f2 "$T_TMP/switches" | sort | tr '\n' ' ')
is "$langs" "en vi " "the pages are one in Vietnamese, one in English"

# --- every link ---------------------------------------------------------
cat "$T_TMP"/items._* > "$T_TMP/all"
# the same routes from both pages, whatever the language
is "$(awk -F'\t' '$1 == "a" && $2 !~ /#/ { sub(/\?.*/, "", $2); print $2 }' "$T_TMP/items._" | grep -v -x "$BASE/en/" | sort -u | tr '\n' ' ')" \
   "$(awk -F'\t' '$1 == "a" && $2 !~ /#/ { sub(/\?.*/, "", $2); print $2 }' "$T_TMP/items._en_" | grep -v -x "$BASE/" | sort -u | tr '\n' ' ')" \
   "both pages link to the same routes"
# the procedures the portal is for, each linked
for r in /residence/citizen/confirmations /residence/citizen/forms/permanent \
    /residence/citizen/forms/temporary /residence/citizen/forms/extension \
    /residence/citizen/forms/absence /civil/citizen/forms/birth \
    /civil/citizen/forms/death /civil/citizen/forms/marriage \
    /civil/citizen/consents /civil/citizen/confirmations /civil/citizen/extracts \
    /tracking/citizen/reads /tracking/citizen/contact \
    /tracking/official/queue /residence/official/lookup; do
	for f in "$T_TMP"/items._*; do
		n=$(awk -F'\t' -v u="$BASE$r" '$1 == "a" { sub(/\?.*/, "", $2); if ($2 == u) c++ } END { print c + 0 }' "$f")
		is "$n" 1 "$(cat "$T_TMP/path.${f##*items.}"): links to $r"
	done
done
for f in "$T_TMP"/items._*; do
	page=$(cat "$T_TMP/path.${f##*items.}")
	for u in $(awk -F'\t' '$1 == "a" { print $2 }' "$f" | sort -u); do
		p=$(rel "$u")
		case $p in
		\#*|*"#"*)	# an anchor of the page itself
			grep -qx "id	${p#*#}" "$f"
			ok $? "$page: the anchor $p exists"
			continue ;;
		esac
		case $p in
		/residence/citizen/*|/civil/citizen/*|/tracking/citizen/*) who=$P ;;
		/residence/official/*|/civil/official/*|/tracking/official/*) who=$O ;;
		*) who= ;;
		esac
		if [ -n "$who" ]; then
			http GET "$p"
			is "$STATUS" 401 "$page: $p asks for the sign-on"
			like "$(hdr WWW-Authenticate)" '^Basic ' "$page: $p: the browser's own sign-on"
			http GET "$p" -u "$who:demo"
			is "$STATUS" 200 "$page: $p, signed on: 200"
			like "$(hdr Content-Type)" '^text/html' "$page: $p: a page"
		else
			http GET "$p"
			[ "$STATUS" != 404 ] && [ "$STATUS" -lt 500 ]
			ok $? "$page: $p answers ($STATUS)"
		fi
	done
done

# --- the forms ----------------------------------------------------------
# form N's fields from the page's items, as curl arguments, with VALUES
# (NAME=VALUE...) in the fields of those names
fields() {	# fields ITEMS N NAME=VALUE...
	local f=$1 n=$2 kv name type value
	shift 2
	while IFS=$'\t' read -r _ _ name type value; do
		for kv in "$@"; do
			[ "${kv%%=*}" = "$name" ] && value=${kv#*=}
		done
		printf '%s\0' --data-urlencode "$name=$value"
	done < <(awk -F'\t' -v n="$n" '$1 == "input" && $2 == n' "$f")
}
# a dossier to find: a confirmation of residence the citizen asks for
http POST /residence/citizen/confirmations -u "$P:demo" -H 'Accept: application/json' \
    --data-urlencode "idempotency_key=$(newkey)"
is "$STATUS" 201 "a dossier to track: a confirmation of residence"
R=$(json receipt_code)
Y=$(sql "SELECT YEAR(birth_date) FROM citizen WHERE pid = '$P'")
for f in "$T_TMP"/items._*; do
	page=$(cat "$T_TMP/path.${f##*items.}")
	lang=$(cat "$T_TMP/lang.${f##*items.}")
	is "$(grep -c "^form	[0-9]*	get	$BASE/tracking/find$" "$f")" 1 \
	    "$page: a form to find a dossier by its receipt code"
	while IFS=$'\t' read -r _ n method action; do
		p=$(rel "$action")
		mapfile -d '' args < <(fields "$f" "$n" "receipt=  $R ")
		case "$method $p" in
		"get /tracking/find")
			http GET "$p" -G "${args[@]}"
			is "$STATUS" 303 "$page: the receipt-code form is sent on (303)"
			headers "$page: the receipt-code redirect"
			loc=$(hdr Location)
			loc=${loc#"$BASE"}
			is "$loc" "/tracking/dossiers/$R?lang=$lang" \
			    "$page: to the dossier's tracking page, in the page's language, the spaces typed dropped"
			http GET "$loc"
			is "$STATUS" 200 "$page: the tracking page"
			like "$BODY" "<html lang=\"$lang\"" "$page: in the page's language"
			like "$BODY" 'name="birth_year"' "$page: which asks the birth year"
			http POST "${loc%%\?*}" -H 'Accept: application/json' -H "Origin: $BASE" \
			    --data-urlencode "birth_year=$Y"
			is "$STATUS $(json receipt_code)" "200 $R" "$page: and then tells the dossier's state ($(json state))"
			http GET "$p" -G --data-urlencode "receipt=nothing-like-a-code" \
			    --data-urlencode "lang=$lang"
			loc=$(hdr Location)
			http GET "${loc#"$BASE"}"
			is "$STATUS" 404 "$page: a code of another shape: the module's not found"
			;;
		*)
			ok 1 "$page: a form to $method $p, which no test knows" ;;
		esac
	done < <(grep '^form' "$f")
done

# a client's /tracking/find with a code that is not one goes to the module
# as it is: no header nor path of its choosing
http GET '/tracking/find?receipt=%0D%0ASet-Cookie:x=1'
unlike "$(hdr Set-Cookie)" 'x=1' "a code with a line break sets no header"
t_done
