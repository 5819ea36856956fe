# The confirmation a citizen prints, and what a clerk sees who scans it:
# the page printed to PDF in a real browser is A4 and carries the paper
# form's content; its QR code, read back from the printed image, is the
# verification address; that address shows the state so plainly it
# cannot be misread, in Vietnamese or English.  Screenshots and the PDF
# are kept as artifacts.
. "$top_srcdir/tests/lib.sh"

art=$(artifacts pages)
P=$(citizen 8)
http POST /residence/citizen/confirmations -u "$P:demo" -H 'Accept: application/json' \
    --data-urlencode "idempotency_key=$(newkey)"
is "$STATUS" 201 "a confirmation to print"
CODE=$(json verification_code)
URL=$(json verify_url)
is "$URL" "$BASE/residence/confirmations/$CODE" "its verification address"
NAME=$(sql "SELECT full_name FROM citizen WHERE pid = '$P'")
BIRTH=$(sql "SELECT DATE_FORMAT(birth_date, '%d/%m/%Y') FROM citizen WHERE pid = '$P'")

# --- printed --------------------------------------------------------------
browser --accept-lang=vi-VN,vi --no-pdf-header-footer --print-to-pdf="$T_TMP/c.pdf" "$URL"
ok $? "Chromium prints the page to PDF"
cp "$T_TMP/c.pdf" "$art/confirmation-vi.pdf" 2> /dev/null
like "$(pdfinfo "$T_TMP/c.pdf" 2>&1 | sed -n 's/^Page size: *//p')" '^59[45](\.[0-9]*)? x 84[12](\.[0-9]*)? pts \(A4\)$' \
    "the print layout is A4"
is "$(pdfinfo "$T_TMP/c.pdf" 2>&1 | sed -n 's/^Pages: *//p')" 1 "on one page"
text=$(pdftotext -layout "$T_TMP/c.pdf" - 2>&1)
like "$text" 'XÁC NHẬN THÔNG TIN VỀ CƯ TRÚ' "the paper's title"
like "$text" 'Mẫu CT07' "the form's number"
like "$text" 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM' "the national heading"
like "$text" "$NAME" "the person's name"
like "$text" "$BIRTH" "the birth date as dd/mm/yyyy"
like "$text" "${CODE:0:4} +${CODE:4:4} +${CODE:8:4} +${CODE:12:4} +${CODE:16:4} +${CODE:20:4}" \
    "the verification code in groups of four, for typing by hand"
like "$text" "$(sql "SELECT receipt_code FROM confirmation WHERE code = '$CODE'")" "the receipt code"
unlike "$text" 'Ctrl\+P|Tiếp theo' "the screen's guidance is not printed"
unlike "$text" "$P" "the full personal number is not on the paper"
pdftoppm -r 200 -png -f 1 -l 1 "$T_TMP/c.pdf" "$T_TMP/c" 2>> "$T_TMP/browser.log"
QR=$(zbarimg --nodbus --raw -q "$T_TMP"/c-1.png 2> /dev/null)
ok $? "a QR code is read from the printed page"
# the scheme and host are printed in upper case (case-blind, and then
# alphanumeric mode, like the code); the path is exact
qr_host=${QR%%/residence/*}
is "${qr_host,,}${QR#"$qr_host"}" "$URL" "the QR code is the verification address"
like "$qr_host" '^HTTP://127\.0\.0\.1:[0-9]+$' "its scheme and host in upper case"

# --- the page the QR code opens ---------------------------------------------
curl -sS -o "$T_TMP/v.html" -w '%{http_code}' "$QR" > "$T_TMP/v.status"
is "$(cat "$T_TMP/v.status")" 200 "the address read from the QR code opens"
v=$(cat "$T_TMP/v.html")
like "$v" '<div class="box box-ok no-print" role="status">' "a state box, announced"
like "$v" '<p class="state">Còn hiệu lực</p>' "it says valid"
unlike "$v" 'Đã hết hạn|Không còn giá trị' "and nothing else"
like "$v" "$(sql "SELECT DATE_FORMAT(expires_at, '%d/%m/%Y') FROM confirmation WHERE code = '$CODE'")" \
    "and until when"
http GET "/residence/confirmations/$CODE" -H 'Accept-Language: en'
like "$BODY" '<p class="state">Valid</p>' "in English when asked"
like "$BODY" '<html lang="en">' "and the page says it is English"
like "$BODY" 'CONFIRMATION OF RESIDENCE INFORMATION' "the paper in English"
like "$BODY" 'href="/residence/confirmations/'"$CODE"'\?lang=vi"' "with a link to the Vietnamese page"

# expired, and void, each as plain
E=$(citizen 9)
http POST /residence/citizen/confirmations -u "$E:demo" -H 'Accept: application/json' \
    --data-urlencode "idempotency_key=$(newkey)"
ECODE=$(json verification_code)
sql "UPDATE confirmation SET issued_at = NOW() - INTERVAL 400 DAY, expires_at = NOW() - INTERVAL 35 DAY WHERE code = '$ECODE'"
http GET "/residence/confirmations/$ECODE"
like "$BODY" '<div class="box box-bad" role="status">' "an expired one: a warning box"
like "$BODY" '<p class="state">Đã hết hạn</p>' "it says expired"
unlike "$BODY" 'Còn hiệu lực' "never valid"
browser --accept-lang=vi --screenshot="$art/confirmation-expired-vi-360.png" --window-size=360,1400 \
    "$BASE/residence/confirmations/$ECODE"
VID=$(sql "SELECT id FROM citizen WHERE pid = '$P'")
sql "UPDATE residence SET address = CONCAT(address, ' (mới)') WHERE citizen_id = $VID AND kind = 'permanent'"
http GET "/residence/confirmations/$CODE"
like "$BODY" '<p class="state">Không còn giá trị</p>' "a void one says void"
like "$BODY" 'đã thay đổi sau ngày cấp' "and why"
unlike "$BODY" 'Còn hiệu lực' "never valid"
http GET "/residence/confirmations/$CODE?lang=en"
like "$BODY" '<p class="state">No longer valid</p>' "void, in English"

# --- the civil papers: a confirmation of marital status, an extract ---------
# scan PDF-URL NAME: prints the page, reads its QR code back, and checks it
# is the address; sets TEXT (the PDF's text)
scan() {
	browser --accept-lang=vi-VN,vi --no-pdf-header-footer \
	    --print-to-pdf="$T_TMP/$2.pdf" "$1"
	cp "$T_TMP/$2.pdf" "$art/$2-vi.pdf" 2> /dev/null
	like "$(pdfinfo "$T_TMP/$2.pdf" 2>&1 | sed -n 's/^Page size: *//p')" '\(A4\)$' "$2: A4"
	is "$(pdfinfo "$T_TMP/$2.pdf" 2>&1 | sed -n 's/^Pages: *//p')" 1 "$2: one page"
	TEXT=$(pdftotext -layout "$T_TMP/$2.pdf" - 2>&1)
	pdftoppm -r 200 -png -f 1 -l 1 "$T_TMP/$2.pdf" "$T_TMP/$2" 2>> "$T_TMP/browser.log"
	local q h
	q=$(zbarimg --nodbus --raw -q "$T_TMP/$2"-1.png 2> /dev/null)
	h=${q%%/civil/*}
	is "${h,,}${q#"$h"}" "$1" "$2: the printed QR code is its verification address"
}
W=$(living_with 40 single F 18)
can_sign_on "$W"
http POST /civil/citizen/confirmations -u "$W:demo" -H 'Accept: application/json' \
    --data-urlencode "idempotency_key=$(newkey)" --data-urlencode "purpose=bank_loan"
is "$STATUS" 201 "a confirmation of marital status"
MCODE=$(json verification_code)
scan "$(json verify_url)" marital
like "$TEXT" 'GIẤY XÁC NHẬN TÌNH TRẠNG HÔN NHÂN' "marital: the paper's title"
like "$TEXT" 'Chưa đăng ký kết hôn với ai' "marital: the status in words"
like "$TEXT" 'Vay vốn, giao dịch ngân hàng' "marital: the purpose"
like "$TEXT" "$(sql "SELECT full_name FROM citizen WHERE pid = '$W'")" "marital: the name"
http GET "/civil/confirmations/$MCODE"
like "$BODY" '<p class="state">Còn hiệu lực</p>' "marital: the page says valid"
sql "UPDATE citizen SET marital_status = 'married' WHERE pid = '$W'"
http GET "/civil/confirmations/$MCODE" -H 'Accept-Language: en'
like "$BODY" '<p class="state">No longer valid</p>' "marital: void once the status changed"
like "$BODY" 'marital status has changed' "marital: and why"
sql "UPDATE citizen SET marital_status = 'single' WHERE pid = '$W'"
browser --accept-lang=vi --screenshot="$art/marital-vi-360.png" --window-size=360,1600 \
    "$BASE/civil/confirmations/$MCODE"
K1=$(citizen 1721)
KI=$(sql "SELECT id FROM citizen WHERE pid = '$K1'")
sql "DELETE FROM civil_record WHERE citizen_id = $KI OR other_id = $KI;
INSERT INTO civil_record (kind, book, number, commune_code, citizen_id,
    other_id, event_date, event_place, registered_at) VALUES
 ('birth', 'P$RANDOM', '7', (SELECT code FROM admin_unit WHERE level = 'commune'
  AND valid_to IS NULL ORDER BY code LIMIT 1), $KI, NULL,
  (SELECT birth_date FROM citizen WHERE id = $KI), 'Bệnh viện Phụ sản Hà Nội',
  (SELECT birth_date + INTERVAL 15 DAY FROM citizen WHERE id = $KI))"
http POST /civil/citizen/extracts -u "$K1:demo" -H 'Accept: application/json' \
    --data-urlencode "idempotency_key=$(newkey)" --data-urlencode "kind=birth"
is "$STATUS" 201 "a birth extract"
ECODE2=$(json verification_code)
scan "$(json verify_url)" extract
like "$TEXT" 'Trích lục khai sinh' "extract: the paper's name of the day"
like "$TEXT" 'Bệnh viện Phụ sản Hà Nội' "extract: the place of the event"
like "$TEXT" "$(sql "SELECT DATE_FORMAT(birth_date, '%d/%m/%Y') FROM citizen WHERE id = $KI")" \
    "extract: the date of the event, dd/mm/yyyy"
like "$TEXT" "${ECODE2:0:4} +${ECODE2:4:4}" "extract: the code in groups"
browser --accept-lang=en --screenshot="$art/extract-en-1280.png" --window-size=1280,1400 \
    "$BASE/civil/extracts/$ECODE2"

# --- tracking: the form and the state ----------------------------------------
R=$(sql "SELECT receipt_code FROM confirmation WHERE code = '$CODE'")
Y=$(sql "SELECT YEAR(birth_date) FROM citizen WHERE pid = '$P'")
http GET "/tracking/dossiers/$R"
like "$BODY" '<label for="birth_year">Năm sinh của người nộp hồ sơ' "tracking: a labelled field"
like "$BODY" 'aria-describedby="birth_year_hint"' "with its hint tied to it"
http POST "/tracking/dossiers/$R" -H "Origin: $BASE" --data-urlencode "birth_year=$Y" \
    --data-urlencode lang=en
like "$BODY" '<p class="state">Result issued</p>' "tracking: the state in words, in the language of the form"
like "$BODY" 'Confirmation of residence information' "and the procedure"
browser --accept-lang=vi --screenshot="$art/tracking-form-vi-360.png" --window-size=360,1000 \
    "$BASE/tracking/dossiers/$R"

# --- screenshots, and no style refused --------------------------------------
for lang in vi en; do
	for w in 360 1280; do
		browser --screenshot="$art/confirmation-void-$lang-$w.png" --window-size=$w,1600 \
		    "$BASE/residence/confirmations/$CODE?lang=$lang"
		ok $? "a screenshot at $w pixels wide ($lang)"
	done
done
browser --accept-lang=vi --screenshot="$art/error-not-found-vi-360.png" --window-size=360,1000 \
    "$BASE/residence/confirmations/NOPE"
is "$(grep -c 'Content Security Policy' "$T_TMP/browser.log")" 0 \
    "the browser refused no style or script under the page's policy"
cp "$T_TMP/browser.log" "$art/browser.log" 2> /dev/null
t_done
